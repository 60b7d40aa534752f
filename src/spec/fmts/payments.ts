/**
 * 3.2 外币支付业务类 (fields.md §3.2): MT103, MT202, MT203. Block-4 fields.
 * Family rules that also hold here (families.ts): 32A/32B/33B amounts > 0, CN header addresses,
 * block-2 priority = 紧急级别.
 */
import type { FieldItem, FmtDef, RuleDef } from '../schema.js';
import { C, M, O, derive, flow, group, textFmt, values } from './derive.js';

const ORIGINAL_PAYMENT = { tag: '20', category: 'payment' } as const;

/** Block 6 of the customer payment formats: every Chinese counterpart optional. */
const BLOCK6_CUSTOMER: readonly FieldItem[] = [O('ONM'), O('OAD'), O('BNM'), O('BAD'), O('CRI')];

const ORDERING_COMPLETE: RuleDef = { rule: 'fieldComplete', tag: '50K', parts: ['account', 'nameAndAddress'] };

const RETURN_REASON = (tag: string): RuleDef => ({ rule: 'firstLinePrefix', tag, prefix: '/RETN/', textAfter: true });

export const FMT100: FmtDef = textFmt('payment', '103', {
  fmt: '100',
  section: '3.2.1',
  nameZh: '境内跨行贷记业务报文(境内业务)',
  name: 'Domestic interbank credit transfer (domestic)',
  flow: flow('participant', 'participant', { via: 'centre' }),
  signature: 'M',
  block6: BLOCK6_CUSTOMER,
  items: [
    M('20'),
    M('23B'),
    M('26T'),
    M('32A'),
    O('33B'),
    C('36'),
    M('50K', { noteZh: '汇款人账号、汇款人名称', note: 'remitter account and name' }),
    M('52A', { participant: 'CN' }),
    O('56A', { participant: 'CN' }),
    M('57A', { participant: 'CN' }),
    M('59', { noteZh: '收款人账号、收款人名称', note: 'beneficiary account and name' }),
    O('70'),
    M('71A'),
    C('71G'),
    O('72'),
    M('77B'),
  ],
  rules: [
    { rule: 'requiredWhen', tag: '36', when: { currenciesDiffer: ['33B', '32A'] }, otherwise: 'forbidden' },
    ORDERING_COMPLETE,
    { rule: 'fieldComplete', tag: '59', parts: ['account', 'nameAndAddress'] },
    { rule: 'onlyWhen', tag: '71G', when: { tag: '71A', equals: 'OUR' } },
  ],
});

export const FMT101: FmtDef = derive(FMT100, {
  fmt: '101',
  section: '3.2.2',
  nameZh: '境内跨行贷记业务报文(汇出业务)',
  name: 'Domestic interbank credit transfer (outward remittance)',
  patch: {
    '56A': { participant: 'any' },
    '57A': {
      participant: 'any',
      noteZh: '将接收后续SWIFT汇款的境外银行',
      note: 'the foreign bank that will receive the onward SWIFT payment',
    },
  },
});

export const FMT102: FmtDef = derive(FMT100, {
  fmt: '102',
  section: '3.2.3',
  nameZh: '境内跨行贷记业务报文(汇入业务)',
  name: 'Domestic interbank credit transfer (inward remittance)',
  patch: {
    '50K': {
      format: '[/ACCT] CRLF 4*35x',
      noteZh: '境外汇款人，账号可缺省',
      note: 'foreign remitter: the account may be absent',
    },
    '52A': { participant: 'any', noteZh: '境外发起行', note: 'the foreign ordering bank' },
  },
  insert: [{ after: '52A', items: [O('53A', { participant: 'any' }), O('54A', { participant: 'any' })] }],
  dropRules: [ORDERING_COMPLETE],
  addRules: [{ rule: 'fieldComplete', tag: '50K', parts: ['nameAndAddress'] }],
});

export const FMT103: FmtDef = textFmt('payment', '103', {
  fmt: '103',
  section: '3.2.4',
  nameZh: '境内跨行贷记业务报文(退汇业务)',
  name: 'Domestic interbank credit transfer (return)',
  flow: flow('participant', 'participant', { via: 'centre', inferred: true }),
  signature: 'M',
  block6: BLOCK6_CUSTOMER,
  items: [
    M('20', { noteZh: '新的支付交易序号', note: 'a new payment sequence number' }),
    M('21', { nameZh: '原支付交易序号', refersTo: ORIGINAL_PAYMENT }),
    M('23B'),
    M('26T', { codes: values('009') }),
    M('32A'),
    M('50K', { noteZh: '原收款人', note: 'the original beneficiary' }),
    M('52A', { participant: 'CN' }),
    M('57A', { participant: 'CN' }),
    M('59', { noteZh: '原汇款人', note: 'the original remitter' }),
    M('71A'),
    M('72', { noteZh: '首行/RETN/加退汇原因', note: 'first line /RETN/ + reason for the return' }),
  ],
  rules: [RETURN_REASON('72')],
});

export const FMT104: FmtDef = textFmt('payment', '103', {
  fmt: '104',
  section: '3.2.5',
  nameZh: '境内跨行贷记业务报文(转汇信息)',
  name: 'Domestic interbank credit transfer (forwarding information)',
  flow: flow('centre', 'participant'),
  signature: 'O',
  block6: BLOCK6_CUSTOMER,
  items: [
    M('20'),
    M('21', { refersTo: { tag: '20', fmts: ['101'] }, noteZh: '被转汇的FMT101的支付交易序号', note: 'the 20 of the FMT101 being forwarded' }),
    M('23B'),
    M('32A'),
    M('50K'),
    M('52A', { participant: 'CN' }),
    M('57A', { participant: 'any' }),
    M('59'),
    M('71A'),
    O('72'),
  ],
});

export const FMT200: FmtDef = textFmt('payment', '202', {
  fmt: '200',
  section: '3.2.6',
  nameZh: '银行间资金调拨业务报文(境内业务)',
  name: 'Interbank funds transfer (domestic)',
  flow: flow('participant', 'participant', { via: 'centre', inferred: true }),
  signature: 'M',
  items: [
    M('20'),
    M('21', { specialValues: [{ code: 'NONREF', zh: '无相关业务', en: 'no related reference' }] }),
    O('26T', { defaultValue: '007' }),
    M('32A'),
    M('52A', { participant: 'CN' }),
    O('53A', { participant: 'CN' }),
    O('54A', { participant: 'CN' }),
    O('56A', { participant: 'CN' }),
    O('57A', { participant: 'CN' }),
    M('58A', { participant: 'CN' }),
    O('72'),
  ],
});

export const FMT201: FmtDef = derive(FMT200, {
  fmt: '201',
  section: '3.2.7',
  nameZh: '银行间资金调拨业务报文(汇出业务)',
  name: 'Interbank funds transfer (outward remittance)',
  patch: { '56A': { participant: 'any' }, '57A': { participant: 'any' }, '58A': { participant: 'any' } },
});

export const FMT202: FmtDef = derive(FMT200, {
  fmt: '202',
  section: '3.2.8',
  nameZh: '银行间资金调拨业务报文(汇入业务)',
  name: 'Interbank funds transfer (inward remittance)',
  patch: { '52A': { participant: 'any' }, '53A': { participant: 'any' }, '54A': { participant: 'any' } },
});

export const FMT204: FmtDef = textFmt('payment', '202', {
  fmt: '204',
  section: '3.2.9',
  nameZh: '银行间资金调拨业务报文(退汇业务)',
  name: 'Interbank funds transfer (return)',
  flow: flow('participant', 'participant', { via: 'centre', inferred: true }),
  signature: 'M',
  items: [
    M('20'),
    M('21', { nameZh: '原支付交易序号', refersTo: ORIGINAL_PAYMENT }),
    M('32A'),
    M('52A', { participant: 'CN' }),
    M('58A', { participant: 'CN' }),
    M('72', { noteZh: '首行/RETN/加退汇原因', note: 'first line /RETN/ + reason for the return' }),
  ],
  rules: [RETURN_REASON('72')],
});

export const FMT203: FmtDef = textFmt('payment', '203', {
  fmt: '203',
  section: '3.2.10',
  nameZh: '轧差净额业务报文',
  name: 'Net settlement transfer',
  flow: flow('specialParticipant', 'centre'),
  signature: 'M',
  items: [
    group(
      'sequenceA',
      { min: 1, max: 1 },
      [M('19'), M('30'), M('52A', { participant: 'CN', nameZh: '特许参与者行号', note: 'the special participant' }), O('72')],
      { nameZh: 'A序列（一次）', note: 'sequence A, once' },
    ),
    group(
      'sequenceB',
      { min: 2, max: 999 },
      [
        M('20'),
        O('21'),
        M('23D', {
          codes: values(['D', '参与者付款', 'the participant pays'], ['C', '参与者收款', 'the participant receives']),
        }),
        M('32B'),
        M('58A', { participant: 'CN', nameZh: '参与者行号', note: 'the participant' }),
        O('72'),
      ],
      { nameZh: 'B序列（2至999次，每次以20开始）', note: 'sequence B, 2 to 999 times, each starting at its 20' },
    ),
  ],
  rules: [
    { rule: 'sumEquals', total: '19', of: '32B', where: { tag: '23D', equals: 'C' } },
    { rule: 'sumEquals', total: '19', of: '32B', where: { tag: '23D', equals: 'D' } },
    { rule: 'sameCurrency', tags: ['32B'] },
    { rule: 'uniqueInMessage', tag: '20' },
  ],
});

/** 3.2, in the standard's order. */
export const PAYMENT_FMTS: readonly FmtDef[] = [FMT100, FMT101, FMT102, FMT103, FMT104, FMT200, FMT201, FMT202, FMT204, FMT203];
