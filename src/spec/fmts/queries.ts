/** 3.5 查询管理类 (fields.md §3.5): MT920, MT941, MT985, MT986 and MT198. */
import type { FmtDef } from '../schema.js';
import { C, M, O, flow, group, mt198, textFmt, times, values } from './derive.js';

export const FMT920: FmtDef = textFmt('query', '920', {
  fmt: '920',
  section: '3.5.1',
  nameZh: '结算账户余额查询请求报文',
  name: 'Settlement account balance request',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [M('20'), M('12', { codes: values('941') }), M('25')],
});

export const FMT941: FmtDef = textFmt('query', '941', {
  fmt: '941',
  section: '3.5.2',
  nameZh: '结算账户余额查询回应报文',
  name: 'Settlement account balance report',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('20'),
    O('21', { refersTo: { tag: '20', fmts: ['920'] } }),
    M('25'),
    M('28'),
    M('30T'),
    M('60F'),
    O('90D'),
    O('90C'),
    M('62F'),
    O('64'),
  ],
  rules: [
    { rule: 'sameCurrency', tags: ['60F', '62F', '64', '90C', '90D'] },
    { rule: 'balanceEquation', closing: '62F', opening: '60F', credits: '90C', debits: '90D' },
  ],
});

export const FMT985: FmtDef = textFmt('query', '985', {
  fmt: '985',
  section: '3.5.3',
  nameZh: '支付业务状态查询报文',
  name: 'Payment status query',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [M('20'), M('21', { nameZh: '原支付交易序号', refersTo: { tag: '20', category: 'payment' } }), M('11S')],
});

export const FMT986: FmtDef = textFmt('query', '986', {
  fmt: '986',
  section: '3.5.4',
  nameZh: '支付业务状态查询应答报文',
  name: 'Payment status answer',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [M('20'), M('21', { refersTo: { tag: '20', fmts: ['985'] } }), M('11S'), M('23S'), O('30T'), O('79')],
});

export const FMT031: FmtDef = mt198('query', {
  fmt: '031',
  section: '3.5.5',
  nameZh: '支付业务排队管理报文',
  name: 'Payment queue management',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [
    M('WDT'),
    M('CCY'),
    M('PRI'),
    M('CNT'),
    group('orders', times('CNT'), [M('OSN')], {
      nameZh: '新的排队顺序（第一笔最先释放）',
      note: 'the new order: the first is released first',
    }),
  ],
  rules: [{ rule: 'minValue', tag: 'CNT', min: 1 }],
});

export const FMT032: FmtDef = mt198('query', {
  fmt: '032',
  section: '3.5.6',
  nameZh: '支付业务排队管理应答报文',
  name: 'Payment queue management reply',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('ORF'),
    M('RSP'),
    C('RCD'),
    M('CCY'),
    M('QCT'),
    group('queuedPayments', times('QCT'), [M('QSN'), M('OSN'), M('CAM'), M('RCB'), M('PRI')], {
      nameZh: '排队业务明细',
      note: 'queued payments',
    }),
  ],
});

export const FMT033: FmtDef = mt198('query', {
  fmt: '033',
  section: '3.5.7',
  nameZh: '额度信息查询报文',
  name: 'Limit information query',
  flow: flow('participant', 'centre'),
  signature: 'O',
  items: [M('WDT'), O('CCY', { noteZh: '不填表示全部币种', note: 'absent: all currencies' })],
});

export const FMT034: FmtDef = mt198('query', {
  fmt: '034',
  section: '3.5.8',
  nameZh: '额度信息应答报文',
  name: 'Limit information reply',
  flow: flow('centre', 'participant'),
  signature: 'O',
  items: [
    M('ORF'),
    M('WDT'),
    M('CNT', { format: '3n' }),
    group('limits', times('CNT'), [M('CCY'), M('EAM'), M('CLA'), M('QAM'), O('WRN'), M('AVL')], {
      nameZh: '各币种额度',
      note: 'limits per currency',
    }),
  ],
});

/** 3.5, in the standard's order. */
export const QUERY_FMTS: readonly FmtDef[] = [FMT920, FMT941, FMT985, FMT986, FMT031, FMT032, FMT033, FMT034];
