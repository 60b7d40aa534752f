/** 3.9 行号类 (fields.md §3.9): all MT198. */
import type { FmtDef, RuleDef } from '../schema.js';
import { C, M, O, flow, group, mt198, times, values } from './derive.js';

/** "M unless CHT = D" (nothing said about CHT = D: optional then). */
const UNLESS_DELETED = (tag: string): RuleDef => ({
  rule: 'requiredWhen',
  tag,
  when: { tag: 'CHT', notEquals: 'D' },
  otherwise: 'optional',
});

export const FMT080: FmtDef = mt198('bankCode', {
  fmt: '080',
  section: '3.9.1',
  nameZh: '参与者行号变更通知报文',
  name: 'Participant bank code change notice',
  flow: flow('centre', 'all'),
  signature: 'O',
  items: [
    M('CNT'),
    group(
      'changes',
      times('CNT'),
      [M('CHT'), M('PTC'), C('PNM'), C('PCT'), C('DPT'), O('FIC'), M('EFD')],
      { nameZh: '行号变更明细', note: 'one change per participant' },
    ),
  ],
  rules: [
    UNLESS_DELETED('PNM'),
    UNLESS_DELETED('PCT'),
    { rule: 'requiredWhen', tag: 'DPT', when: { tag: 'PCT', equals: '2' }, otherwise: 'forbidden' },
  ],
});

export const FMT081: FmtDef = mt198('bankCode', {
  fmt: '081',
  section: '3.9.2',
  nameZh: '直接参与者币种变更通知报文',
  name: 'Direct participant currency change notice',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('PTC'),
    M('CNT', { format: '3n' }),
    group('currencies', times('CNT'), [M('CCY'), M('CHT', { codes: values('A', 'D') })], {
      nameZh: '币种变更明细',
      note: 'currency changes',
    }),
    M('EFD'),
  ],
});

export const FMT082: FmtDef = mt198('bankCode', {
  fmt: '082',
  section: '3.9.3',
  nameZh: '直接参与者币种变更确认报文',
  name: 'Direct participant currency change confirmation',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [M('ORF'), M('PTC'), M('RSP'), C('RCD'), O('RMK', { format: '30g' })],
});

export const FMT083: FmtDef = mt198('bankCode', {
  fmt: '083',
  section: '3.9.4',
  nameZh: '间接参与者行号变更申请报文',
  name: 'Indirect participant bank code change request',
  flow: flow('directParticipant', 'centre'),
  signature: 'M',
  items: [M('PTC'), M('CHT'), M('IPT'), C('PNM'), M('EFD'), O('RMK', { format: '30g' })],
  rules: [UNLESS_DELETED('PNM')],
});

export const FMT084: FmtDef = mt198('bankCode', {
  fmt: '084',
  section: '3.9.5',
  nameZh: '间接参与者行号变更确认报文',
  name: 'Indirect participant bank code change confirmation',
  flow: flow('centre', 'directParticipant'),
  signature: 'O',
  items: [M('ORF'), M('IPT'), M('RSP'), C('RCD')],
});

export const FMT085: FmtDef = mt198('bankCode', {
  fmt: '085',
  section: '3.9.6',
  nameZh: '结算账户销户申请报文',
  name: 'Settlement account closure request',
  flow: flow('participant', 'centre'),
  signature: 'M',
  items: [M('PTC'), M('CCY'), M('ACC'), M('EFD'), O('RMK')],
});

export const FMT086: FmtDef = mt198('bankCode', {
  fmt: '086',
  section: '3.9.7',
  nameZh: '结算账户销户应答报文',
  name: 'Settlement account closure reply',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('ORF'), M('PTC'), M('ACC'), M('RSP'), C('RCD')],
});

export const FMT087: FmtDef = mt198('bankCode', {
  fmt: '087',
  section: '3.9.8',
  nameZh: '币种变更通知报文',
  name: 'Currency change notice',
  flow: flow('centre', 'all'),
  signature: 'O',
  items: [
    M('CNT', { format: '3n' }),
    group(
      'currencies',
      times('CNT'),
      [
        M('CCY', {
          format: '3!a',
          noteZh: '新增币种尚不在币种表中，故按3!a校验',
          note: 'a currency being added is not yet in the currency table, so 3!a',
        }),
        M('CHT'),
        C('CDP'),
        C('SBK'),
      ],
      { nameZh: '币种变更明细', note: 'currency changes' },
    ),
    M('EFD'),
  ],
  rules: [UNLESS_DELETED('CDP'), UNLESS_DELETED('SBK')],
  announces: { table: 'currencies', group: 'currencies', key: 'CCY', change: 'CHT', effective: 'EFD', values: ['CDP', 'SBK'] },
});

export const FMT088: FmtDef = mt198('bankCode', {
  fmt: '088',
  section: '3.9.9',
  nameZh: '数字证书行号绑定关系变更申请报文',
  name: 'Certificate binding change request',
  flow: flow('participant', 'centre'),
  signature: 'M',
  items: [
    M('PTC'),
    M('CHT', { codes: values(['A', '绑定', 'bind'], ['D', '解除绑定', 'unbind']) }),
    M('DSN'),
    O('CSB'),
    M('EFD'),
  ],
});

export const FMT089: FmtDef = mt198('bankCode', {
  fmt: '089',
  section: '3.9.10',
  nameZh: '数字证书行号绑定关系变更通知报文',
  name: 'Certificate binding change notice',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [O('ORF'), M('PTC'), M('CHT'), M('DSN'), M('RSP'), C('RCD'), M('EFD')],
});

/** 3.9, in the standard's order. */
export const BANK_CODE_FMTS: readonly FmtDef[] = [FMT080, FMT081, FMT082, FMT083, FMT084, FMT085, FMT086, FMT087, FMT088, FMT089];
