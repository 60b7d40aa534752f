/** 3.6 流动性管理类 (fields.md §3.6): all MT198. */
import type { FmtDef, RuleDef } from '../schema.js';
import { C, M, O, flow, group, mt198, times, values } from './derive.js';

const WHEN_ACCEPTED = (tag: string): RuleDef => ({
  rule: 'requiredWhen',
  tag,
  when: { tag: 'RSP', equals: 'A' },
  otherwise: 'optional',
});

const INCREASE_DECREASE = values(['C', '增加', 'increase'], ['D', '减少', 'decrease']);

export const FMT041: FmtDef = mt198('liquidity', {
  fmt: '041',
  section: '3.6.1',
  nameZh: '日初资金圈存授信报文',
  name: 'Start-of-day earmarked funds and credit lines',
  flow: flow('settlementBank', 'centre'),
  signature: 'M',
  items: [
    M('WDT'),
    M('CCY'),
    M('CNT'),
    group('participants', times('CNT'), [M('PTC'), M('ACC'), M('EAM'), M('CLA')], {
      nameZh: '参与者圈存授信明细',
      note: 'earmarked funds and credit line per participant',
    }),
  ],
});

export const FMT042: FmtDef = mt198('liquidity', {
  fmt: '042',
  section: '3.6.2',
  nameZh: '可用额度预警通知报文',
  name: 'Available limit warning notice',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('WDT'), M('CCY'), M('AVL'), M('WRN'), M('PTM')],
});

export const FMT043: FmtDef = mt198('liquidity', {
  fmt: '043',
  section: '3.6.3',
  nameZh: '可用额度预警管理报文',
  name: 'Available limit warning management',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [M('CCY'), M('OPT', { codes: values(['A', '设置', 'set'], ['D', '取消', 'cancel']) }), C('WRN')],
  rules: [{ rule: 'requiredWhen', tag: 'WRN', when: { tag: 'OPT', equals: 'A' }, otherwise: 'forbidden' }],
});

export const FMT044: FmtDef = mt198('liquidity', {
  fmt: '044',
  section: '3.6.4',
  nameZh: '可用额度预警管理应答报文',
  name: 'Available limit warning management reply',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('ORF'), M('RSP'), C('RCD'), M('CCY'), O('WRN')],
});

export const FMT045: FmtDef = mt198('liquidity', {
  fmt: '045',
  section: '3.6.5',
  nameZh: '圈存资金调整报文',
  name: 'Earmarked funds adjustment',
  flow: flow('settlementBank', 'centre'),
  signature: 'M',
  items: [M('WDT'), M('CCY'), M('PTC'), M('ACC'), M('DCM', { codes: INCREASE_DECREASE }), M('AMT')],
  rules: [{ rule: 'amountPositive', tag: 'AMT' }],
});

export const FMT046: FmtDef = mt198('liquidity', {
  fmt: '046',
  section: '3.6.6',
  nameZh: '圈存资金调整应答报文',
  name: 'Earmarked funds adjustment reply',
  flow: flow('centre', 'settlementBank'),
  signature: 'O',
  items: [M('ORF'), M('RSP'), C('RCD'), C('EAM'), C('AVL')],
  rules: [WHEN_ACCEPTED('EAM'), WHEN_ACCEPTED('AVL')],
});

export const FMT040: FmtDef = mt198('liquidity', {
  fmt: '040',
  section: '3.6.7',
  nameZh: '圈存资金调整通知报文',
  name: 'Earmarked funds adjustment notice',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('WDT'),
    M('CCY'),
    M('DCM'),
    M('AMT'),
    M('EAM', { noteZh: '调整后', note: 'after the adjustment' }),
    M('AVL', { noteZh: '调整后', note: 'after the adjustment' }),
    M('PTM'),
  ],
});

export const FMT047: FmtDef = mt198('liquidity', {
  fmt: '047',
  section: '3.6.8',
  nameZh: '授信额度调整报文',
  name: 'Credit line adjustment',
  flow: flow('settlementBank', 'centre'),
  signature: 'M',
  items: [M('WDT'), M('CCY'), M('PTC'), M('DCM'), M('AMT')],
  rules: [{ rule: 'amountPositive', tag: 'AMT' }],
});

export const FMT048: FmtDef = mt198('liquidity', {
  fmt: '048',
  section: '3.6.9',
  nameZh: '授信额度调整应答报文',
  name: 'Credit line adjustment reply',
  flow: flow('centre', 'settlementBank'),
  signature: 'O',
  items: [M('ORF'), M('RSP'), C('RCD'), C('CLA'), C('AVL')],
  rules: [WHEN_ACCEPTED('CLA'), WHEN_ACCEPTED('AVL')],
});

export const FMT049: FmtDef = mt198('liquidity', {
  fmt: '049',
  section: '3.6.10',
  nameZh: '授信额度调整通知报文',
  name: 'Credit line adjustment notice',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('WDT'),
    M('CCY'),
    M('DCM'),
    M('AMT'),
    M('CLA', { noteZh: '调整后', note: 'after the adjustment' }),
    M('AVL', { noteZh: '调整后', note: 'after the adjustment' }),
    M('PTM'),
  ],
});

/** 3.6, in the standard's order (FMT040 is 3.6.7). */
export const LIQUIDITY_FMTS: readonly FmtDef[] = [FMT041, FMT042, FMT043, FMT044, FMT045, FMT046, FMT040, FMT047, FMT048, FMT049];
