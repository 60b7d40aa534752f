/** 3.4 业务信息类 (fields.md §3.4): MT195, MT196, MT199, MT192 and MT198. */
import type { FmtDef, RuleDef } from '../schema.js';
import { C, M, O, flow, group, mt198, textFmt, times, values } from './derive.js';

const ORIGINAL_PAYMENT = { tag: '20', category: 'payment' } as const;

const WHEN_ACCEPTED = (tag: string): RuleDef => ({
  rule: 'requiredWhen',
  tag,
  when: { tag: 'RSP', equals: 'A' },
  otherwise: 'optional',
});

export const FMT195: FmtDef = textFmt('information', '195', {
  fmt: '195',
  section: '3.4.1',
  nameZh: '查询报文',
  name: 'Query',
  flow: flow('participant', 'participant', { via: 'centre' }),
  signature: 'O',
  items: [M('20'), M('21', { nameZh: '原支付交易序号', refersTo: ORIGINAL_PAYMENT }), M('11S'), M('75')],
});

export const FMT196: FmtDef = textFmt('information', '196', {
  fmt: '196',
  section: '3.4.2',
  nameZh: '查复报文',
  name: 'Answer',
  flow: flow('participant', 'participant', { via: 'centre', inferred: true }),
  signature: 'O',
  items: [M('20'), M('21', { refersTo: { tag: '20', fmts: ['195'] } }), M('11S'), M('76', { codes: { part: 'code', values: [{ code: 'ANSW' }] } })],
});

export const FMT199: FmtDef = textFmt('information', '199', {
  fmt: '199',
  section: '3.4.3',
  nameZh: '自由格式报文',
  name: 'Free format',
  flow: flow('participant', 'participant', { via: 'centre', inferred: true }),
  signature: 'O',
  items: [M('20'), O('21'), M('79')],
});

export const FMT191: FmtDef = textFmt('information', '192', {
  fmt: '191',
  section: '3.4.4',
  nameZh: '撤销申请报文',
  name: 'Cancellation request',
  flow: flow('participant', 'centre'),
  signature: 'M',
  items: [
    M('20'),
    M('21', { nameZh: '原支付交易序号', refersTo: ORIGINAL_PAYMENT }),
    M('11S', { noteZh: '原支付报文的格式号及委托日期', note: "the payment's FMT and value date" }),
    O('32A'),
    O('79', { nameZh: '撤销原因', note: 'reason for the cancellation' }),
  ],
});

export const FMT192: FmtDef = textFmt('information', '196', {
  fmt: '192',
  section: '3.4.5',
  nameZh: '撤销应答报文',
  name: 'Cancellation reply',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('20'),
    M('21', { refersTo: { tag: '20', fmts: ['191'] } }),
    M('11S'),
    M('76', { codes: { part: 'code', values: [{ code: 'CNCL' }, { code: 'RJCR' }, { code: 'PDCR' }] } }),
  ],
});

export const FMT193: FmtDef = textFmt('information', '192', {
  fmt: '193',
  section: '3.4.6',
  nameZh: '退汇申请报文',
  name: 'Return request',
  flow: flow('participant', 'participant'),
  signature: 'M',
  items: [
    M('20'),
    M('21', { nameZh: '原支付交易序号', refersTo: ORIGINAL_PAYMENT }),
    M('11S'),
    O('32A'),
    M('79', { nameZh: '退汇原因', note: 'reason for the return' }),
  ],
});

export const FMT194: FmtDef = textFmt('information', '196', {
  fmt: '194',
  section: '3.4.7',
  nameZh: '退汇应答报文',
  name: 'Return reply',
  flow: flow('participant', 'participant', { inferred: true }),
  signature: 'O',
  items: [
    M('20'),
    M('21', { refersTo: { tag: '20', fmts: ['193'] } }),
    M('11S'),
    M('76', { codes: { part: 'code', values: [{ code: 'RETN' }, { code: 'RJRT' }] } }),
  ],
});

export const FMT020: FmtDef = mt198('information', {
  fmt: '020',
  section: '3.4.8',
  nameZh: '通用确认报文',
  name: 'General acknowledgement',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('ORF'), M('OFM'), M('RSP'), C('RCD'), M('PTM'), O('RMK')],
});

export const FMT021: FmtDef = mt198('information', {
  fmt: '021',
  section: '3.4.9',
  nameZh: '计费通知信息报文',
  name: 'Charges notice',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('BSD'),
    M('BED'),
    M('CNT', { format: '3n' }),
    group('fees', times('CNT'), [M('BKD'), M('NUM'), M('FEE')], { nameZh: '计费明细', note: 'charges per business kind' }),
    M('TFE'),
  ],
  rules: [
    { rule: 'dateNotBefore', tag: 'BED', than: 'BSD' },
    { rule: 'sumEquals', total: 'TFE', of: 'FEE' },
    { rule: 'sameCurrency', tags: ['TFE', 'FEE'] },
  ],
});

export const FMT023: FmtDef = mt198('information', {
  fmt: '023',
  section: '3.4.10',
  nameZh: '数字签名查询报文',
  name: 'Digital signature query',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [M('ORF'), M('OFM'), M('ODT'), M('OSB')],
});

export const FMT024: FmtDef = mt198('information', {
  fmt: '024',
  section: '3.4.11',
  nameZh: '数字签名查复报文',
  name: 'Digital signature answer',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('ORF', { refersTo: { tag: '20', fmts: ['023'] } }), M('RSP'), C('RCD'), C('DSN'), C('SGC')],
  rules: [WHEN_ACCEPTED('DSN'), WHEN_ACCEPTED('SGC')],
});

export const FMT025: FmtDef = mt198('information', {
  fmt: '025',
  section: '3.4.12',
  nameZh: '转汇信息确认报文',
  name: 'Forwarding information acknowledgement',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [
    M('OSN', { refersTo: { tag: '21', fmts: ['104'] } }),
    M('OFM', { codes: values('104') }),
    M('RSP'),
    C('RCD'),
    O('RMK'),
  ],
});

export const FMT026: FmtDef = mt198('information', {
  fmt: '026',
  section: '3.4.13',
  nameZh: '日初资金圈存授信确认报文',
  name: 'Start-of-day earmarking and credit line acknowledgement',
  flow: flow('centre', 'settlementBank'),
  signature: 'O',
  items: [
    M('ORF', { refersTo: { tag: '20', fmts: ['041'] } }),
    M('WDT'),
    M('CCY'),
    M('RSP'),
    C('RCD'),
    M('CNT'),
    group('participants', times('CNT'), [M('PTC'), M('EAM'), M('CLA'), M('AVL')], { nameZh: '参与者额度明细', note: 'limits per participant' }),
  ],
});

export const FMT027: FmtDef = mt198('information', {
  fmt: '027',
  section: '3.4.14',
  nameZh: '清算净额结算回执确认报文',
  name: 'Net clearing settlement receipt acknowledgement',
  flow: flow('centre', 'settlementBank'),
  signature: 'O',
  items: [M('ORF', { refersTo: { tag: '20', fmts: ['012'] } }), M('WDT'), M('RND'), M('CCY'), M('RSP'), C('RCD')],
});

/** 3.4, in the standard's order. */
export const INFORMATION_FMTS: readonly FmtDef[] = [
  FMT195,
  FMT196,
  FMT199,
  FMT191,
  FMT192,
  FMT193,
  FMT194,
  FMT020,
  FMT021,
  FMT023,
  FMT024,
  FMT025,
  FMT026,
  FMT027,
];
