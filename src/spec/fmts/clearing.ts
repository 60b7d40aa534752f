/** 3.3 清算与结算类 (fields.md §3.3): all MT198; the items are 77E embedded fields. */
import type { FmtDef } from '../schema.js';
import { C, M, O, flow, group, mt198, times, values } from './derive.js';

export const FMT010: FmtDef = mt198('clearing', {
  fmt: '010',
  section: '3.3.1',
  nameZh: '贷记业务确认通知报文',
  name: 'Credit transfer confirmation notice',
  flow: flow('centre', 'participant', { noteZh: '发给发起参与者', note: 'to the sending participant' }),
  signature: 'O',
  items: [
    M('OSN'),
    M('OFM', { codes: values('100', '101', '102', '103', '104', '200', '201', '202', '203', '204') }),
    M('ODT'),
    M('RCB'),
    M('CAM'),
    M('PST'),
    M('STD'),
    M('STT'),
    O('RMK'),
  ],
});

export const FMT011: FmtDef = mt198('clearing', {
  fmt: '011',
  section: '3.3.2',
  nameZh: '清算净额结算报文',
  name: 'Net clearing settlement',
  flow: flow('centre', 'settlementBank'),
  signature: 'O',
  items: [
    M('WDT'),
    M('RND'),
    M('CCY'),
    M('CNT'),
    group('entries', times('CNT'), [M('PTC'), M('ACC'), M('DCM'), M('AMT')], { nameZh: '清算净额明细', note: 'net amount per participant' }),
    M('TDA'),
    M('TCA'),
  ],
  rules: [
    { rule: 'sumEquals', total: 'TDA', of: 'AMT', where: { tag: 'DCM', equals: 'D' } },
    { rule: 'sumEquals', total: 'TCA', of: 'AMT', where: { tag: 'DCM', equals: 'C' } },
    { rule: 'amountsEqual', tags: ['TDA', 'TCA'] },
  ],
});

export const FMT012: FmtDef = mt198('clearing', {
  fmt: '012',
  section: '3.3.3',
  nameZh: '清算净额结算回执报文',
  name: 'Net clearing settlement receipt',
  flow: flow('settlementBank', 'centre'),
  signature: 'O',
  items: [M('ORF', { refersTo: { tag: '20', fmts: ['011'] } }), M('WDT'), M('RND'), M('CCY'), M('RSP'), C('RCD'), O('RMK')],
});

export const FMT013: FmtDef = mt198('clearing', {
  fmt: '013',
  section: '3.3.4',
  nameZh: '净额结算通知报文',
  name: 'Net settlement notice',
  flow: flow('centre', ['participant', 'specialParticipant']),
  signature: 'O',
  items: [M('WDT'), M('RND'), M('PTC'), M('CCY'), M('DCM'), M('AMT'), M('STT')],
});

export const FMT014: FmtDef = mt198('clearing', {
  fmt: '014',
  section: '3.3.5',
  nameZh: '轧差净额业务被记账行清算通知报文',
  name: 'Net settlement transfer: clearing notice to the credited participant',
  flow: flow('centre', 'participant', { noteZh: '发给被记账（贷记）参与者', note: 'to the credited participant' }),
  signature: 'O',
  items: [M('OSN'), M('SPB'), M('CAM'), M('STD'), M('STT')],
});

export const FMT015: FmtDef = mt198('clearing', {
  fmt: '015',
  section: '3.3.6',
  nameZh: '轧差净额业务被借记行排队通知报文',
  name: 'Net settlement transfer: queuing notice to the debited participant',
  flow: flow('centre', 'participant', { noteZh: '发给被借记参与者', note: 'to the debited participant' }),
  signature: 'O',
  items: [M('OSN'), M('SPB'), M('CAM'), M('QSN'), M('QTM'), O('RMK')],
});

export const FMT016: FmtDef = mt198('clearing', {
  fmt: '016',
  section: '3.3.7',
  nameZh: '轧差净额业务确认通知报文',
  name: 'Net settlement transfer confirmation notice',
  flow: flow('centre', 'specialParticipant'),
  signature: 'O',
  items: [
    M('ORF', { refersTo: { tag: '20', fmts: ['203'] } }),
    M('CNT', { format: '3n', noteZh: '已清算笔数', note: 'items settled' }),
    M('CAM', { noteZh: '总金额', note: 'total' }),
    M('PST'),
    M('STD'),
    M('STT'),
  ],
});

/** 3.3, in the standard's order. */
export const CLEARING_FMTS: readonly FmtDef[] = [FMT010, FMT011, FMT012, FMT013, FMT014, FMT015, FMT016];
