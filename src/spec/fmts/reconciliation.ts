/** 3.8 对账类 (fields.md §3.8): all MT198. */
import type { FmtDef } from '../schema.js';
import { M, O, flow, group, mt198, times } from './derive.js';

export const FMT070: FmtDef = mt198('reconciliation', {
  fmt: '070',
  section: '3.8.1',
  nameZh: '清算净额汇总核对报文',
  name: 'Net clearing summary reconciliation',
  flow: flow('centre', 'settlementBank'),
  signature: 'O',
  items: [
    M('WDT'),
    M('CCY'),
    M('CNT', { format: '3n' }),
    group('rounds', times('CNT'), [M('RND'), M('TDA'), M('TCA')], { nameZh: '各清算场次汇总', note: 'totals per clearing round' }),
  ],
});

export const FMT071: FmtDef = mt198('reconciliation', {
  fmt: '071',
  section: '3.8.2',
  nameZh: '清算净额明细核对申请报文',
  name: 'Net clearing detail reconciliation request',
  flow: flow('settlementBank', 'centre'),
  signature: 'O',
  items: [M('WDT'), M('CCY'), O('RND', { noteZh: '不填表示全部场次', note: 'absent: all rounds' })],
});

export const FMT072: FmtDef = mt198('reconciliation', {
  fmt: '072',
  section: '3.8.3',
  nameZh: '支付业务汇总核对报文',
  name: 'Payment summary reconciliation',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('WDT'), M('CCY'), M('SNM'), M('SAM'), M('RNM'), M('RAM')],
});

export const FMT073: FmtDef = mt198('reconciliation', {
  fmt: '073',
  section: '3.8.4',
  nameZh: '支付业务明细申请报文',
  name: 'Payment detail request',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [M('WDT'), O('CCY'), M('DIR')],
});

export const FMT074: FmtDef = mt198('reconciliation', {
  fmt: '074',
  section: '3.8.5',
  nameZh: '轧差净额业务核对报文',
  name: 'Net settlement transfer reconciliation',
  flow: flow('centre', 'specialParticipant', { inferred: true }),
  signature: 'O',
  reserved: true,
  noteZh: 'V1.4暂不开发：按本表解析和校验，并警告该报文格式未启用',
  note: 'reserved in V1.4 (not in service): parse and validate with this table, then warn',
  items: [M('WDT'), M('SPB'), M('CCY'), M('CNT'), M('TDA'), M('TCA')],
});

/** 3.8, in the standard's order. */
export const RECONCILIATION_FMTS: readonly FmtDef[] = [FMT070, FMT071, FMT072, FMT073, FMT074];
