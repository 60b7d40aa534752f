/** 3.7 系统管理类 (fields.md §3.7): all MT198. */
import type { FmtDef } from '../schema.js';
import { C, M, O, flow, group, mt198, times } from './derive.js';

export const FMT060: FmtDef = mt198('system', {
  fmt: '060',
  section: '3.7.1',
  nameZh: '系统状态变更通知报文',
  name: 'System status change notice',
  flow: flow('centre', 'all'),
  signature: 'O',
  items: [M('WDT'), O('OSS'), M('SST'), M('PTM'), O('NWD'), O('RMK')],
});

export const FMT061: FmtDef = mt198('system', {
  fmt: '061',
  section: '3.7.2',
  nameZh: '业务权限控制报文',
  name: 'Business permission control',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('PTC'),
    M('SCT'),
    group('sendPermissions', times('SCT'), [M('FMT')], { nameZh: '可发起的报文格式', note: 'formats the participant may send' }),
    M('RCT'),
    group('receivePermissions', times('RCT'), [M('FMT')], { nameZh: '可接收的报文格式', note: 'formats the participant may receive' }),
    M('EFD'),
  ],
});

export const FMT062: FmtDef = mt198('system', {
  fmt: '062',
  section: '3.7.3',
  nameZh: '公共数据变更报文',
  name: 'Common data change',
  flow: flow('centre', 'all'),
  signature: 'O',
  items: [M('CDT'), M('CDN'), M('CDV'), M('EFD'), O('RMK', { nameZh: '附言' })],
});

export const FMT063: FmtDef = mt198('system', {
  fmt: '063',
  section: '3.7.4',
  nameZh: '登录申请报文',
  name: 'Logon request',
  flow: flow('participant', 'centre'),
  signature: 'M',
  items: [M('PTC'), M('WDT')],
});

export const FMT064: FmtDef = mt198('system', {
  fmt: '064',
  section: '3.7.5',
  nameZh: '登录应答报文',
  name: 'Logon reply',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('ORF'), M('PTC'), M('RSP'), C('RCD'), M('WDT'), O('SST')],
});

export const FMT065: FmtDef = mt198('system', {
  fmt: '065',
  section: '3.7.6',
  nameZh: '退出申请报文',
  name: 'Logoff request',
  flow: flow('participant', 'centre'),
  signature: 'M',
  items: [M('PTC'), M('WDT')],
});

export const FMT066: FmtDef = mt198('system', {
  fmt: '066',
  section: '3.7.7',
  nameZh: '退出应答报文',
  name: 'Logoff reply',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('ORF'), M('PTC'), M('RSP'), C('RCD')],
});

export const FMT067: FmtDef = mt198('system', {
  fmt: '067',
  section: '3.7.8',
  nameZh: '强制退出登录通知报文',
  name: 'Forced logoff notice',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('PTC'), M('WDT'), M('PTM'), M('RMK', { nameZh: '强制退出原因', note: 'the reason' })],
});

export const FMT068: FmtDef = mt198('system', {
  fmt: '068',
  section: '3.7.9',
  nameZh: '业务截止警告通知报文',
  name: 'Cut-off warning notice',
  flow: flow('centre', 'all'),
  signature: 'O',
  items: [M('WDT'), M('CTM'), O('CCY'), O('RMK')],
});

/** 3.7, in the standard's order. */
export const SYSTEM_FMTS: readonly FmtDef[] = [FMT060, FMT061, FMT062, FMT063, FMT064, FMT065, FMT066, FMT067, FMT068];
