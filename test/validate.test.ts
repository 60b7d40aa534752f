/**
 * Validation: one broken message per rule class and per rule kind (a fixture with one edit),
 * each yielding exactly the expected findings, at the exact line and column. Amount rules are
 * checked with big.js: 14-digit integer parts, JPY without decimals, 17d sums above 2^53.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { RULE_KINDS, type RuleKind } from '../src/spec/schema.js';
import { RULE_CODES, build, parse, validate, type Message } from '../src/message/index.js';
import { DIAGNOSTIC_CODES } from '../src/diagnostics/codes.js';

const validDir = join(import.meta.dirname, '..', 'fixtures', 'valid');
const files = readdirSync(validDir);
function fixture(prefix: string): string {
  const f = files.find((x) => x.startsWith(prefix));
  if (f === undefined) throw new Error(`no fixture ${prefix}`);
  return new TextDecoder('gb18030').decode(readFileSync(join(validDir, f)));
}

/** `text` with `from` replaced by `to` (which must occur exactly once). */
function edit(text: string, from: string | RegExp, to: string): string {
  if (typeof from === 'string') {
    const i = text.indexOf(from);
    if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`edit: ${JSON.stringify(from)} must occur exactly once`);
  }
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit: nothing replaced for ${String(from)}`);
  return out;
}

/** Line and column (1-based) of `needle` (+ `delta` characters) in `text`. */
function pos(text: string, needle: string, delta = 0): [number, number] {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`pos: ${JSON.stringify(needle)} not found`);
  const at = i + delta;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return [line, at - (before.lastIndexOf('\n') + 1) + 1];
}

type Finding = readonly [code: string, line: number, column: number];

function findings(text: string): Diagnostic[] {
  return [...parse(text).diagnostics];
}

function expectFindings(text: string, expected: readonly Finding[]): Diagnostic[] {
  const ds = findings(text);
  expect(ds.map((d) => [d.code, d.line, d.column])).toEqual(expected);
  return ds;
}

const F100 = fixture('fmt100');
const F203 = fixture('fmt203');
const F011 = fixture('fmt011');
const F941 = fixture('fmt941');
const F021 = fixture('fmt021');

describe('value classes (V codes, positions inside the value)', () => {
  it('charset (V001) on the third line of a multi-line value', () => {
    const t = edit(F100, '18 JIUXIANQIAO ROAD', '18 JIUXIANQIAO_ROAD');
    const [d] = expectFindings(t, [['V001', ...pos(t, '_')]]);
    expect(d).toMatchObject({ block: '4', tag: '50K', severity: 'error' });
    expect(d!.line).toBe(8);
    expect(d!.column).toBe(15);
  });

  it('length (V002): a reference of 17 characters, at the 17th', () => {
    const t = edit(F100, ':20:2026112300000123', ':20:20261123000001234');
    expectFindings(t, [['V002', 2, 21]]);
  });

  it('line length (V013) and line count (V011)', () => {
    const long = 'X'.repeat(36);
    const t = edit(F100, ':70:/INV/HX2026-1187', `:70:${long}`);
    expectFindings(t, [['V013', ...pos(t, long, 35)]]);
    const five = edit(F100, 'ELECTRONIC COMPONENTS\r\n', 'ELECTRONIC COMPONENTS\r\nA\r\nB\r\nC\r\n');
    expectFindings(five, [['V011', ...pos(five, '\r\nC\r\n:71A', 2)]]);
  });

  it('format (V004): the literal codeword of 77B', () => {
    const t = edit(F100, ':77B:/ACCNAT/01', ':77B:/ACCNT/01');
    expectFindings(t, [['V004', ...pos(t, ':77B:', 5)]]);
  });

  it('code table (V005): a dictionary table, a narrowed list, a narrowed variable, the FMT table', () => {
    const t1 = edit(F100, ':23B:CRED', ':23B:CREX');
    const [d1] = expectFindings(t1, [['V005', 3, 6]]);
    expect(d1!.message).toBe('CREX is not a code of BOC (bank operation code (23B))');
    const f025 = fixture('fmt025');
    const t2 = edit(f025, ':OFM:104', ':OFM:105');
    const [d2] = expectFindings(t2, [['V005', ...pos(t2, ':OFM:', 5)]]);
    expect(d2).toMatchObject({ block: '4', tag: '77E', embeddedTag: 'OFM' });
    expect(d2!.message).toContain('104');
    const t3 = edit(fixture('fmt103'), ':26T:009', ':26T:001');
    expectFindings(t3, [['V005', ...pos(t3, ':26T:', 5)]]);
    const t4 = edit(fixture('fmt195'), ':11S:102', ':11S:999');
    expectFindings(t4, [['V005', ...pos(t4, ':11S:', 5)]]);
  });

  it('dates, times, BICs (V006, V007, V008)', () => {
    const t1 = edit(F100, ':32A:20261123', ':32A:20260230');
    expectFindings(t1, [['V006', ...pos(t1, ':32A:', 11)]]); // the day
    const t2 = edit(F941, ':30T:20261123153000', ':30T:20261123246000');
    // Hour 24 and minute 60: two problems, each at its digits.
    expect(findings(t2).map((d) => [d.code, d.column])).toEqual([
      ['V007', pos(t2, '246000')[1]],
      ['V007', pos(t2, '246000', 2)[1]],
    ]);
    const t3 = edit(F100, ':57A:PCBCCNBJSHX', ':57A:PCB1CNBJSHX');
    expect(findings(t3).map((d) => [d.code, d.line])).toEqual([['V008', pos(t3, ':57A:')[0]]]);
  });

  it('a space in a reference (V012) and a continuation line starting with "-" (V014)', () => {
    const t1 = edit(F100, ':20:2026112300000123', ':20:20261123 0000123');
    expectFindings(t1, [['V012', 2, 13]]);
    const t2 = edit(fixture('fmt103'), '/MREF/2026112000000088', '-MREF/2026112000000088');
    expectFindings(t2, [['V014', ...pos(t2, '-MREF')]]);
  });

  it('a multi-line 77E value: the position of the bad character on its own line', () => {
    const t = edit(fixture('fmt062'), '20270104 正常营业', '20270104 正常营业{');
    const ds = findings(t);
    expect(ds.map((d) => d.code)).toEqual(['S025', 'V001']);
    expect(ds[1]).toMatchObject({ embeddedTag: 'CDV', ...lc(pos(t, '{\r\n:EFD')) });
  });
});

function lc([line, column]: [number, number]): { line: number; column: number } {
  return { line, column };
}

describe('field classes (F codes)', () => {
  it('F001 mandatory item missing: block 4, 77E, a group repetition, at the end', () => {
    expectFindings(edit(F100, ':23B:CRED\r\n', ''), [['F001', 3, 1]]);
    const t = edit(F011, ':RND:01\r\n', '');
    const [d] = expectFindings(t, [['F001', ...pos(t, ':CCY:')]]);
    expect(d).toMatchObject({ tag: '77E', embeddedTag: 'RND' });
    const rep = edit(F011, ':ACC:FXUSD110000000103\r\n', '');
    const [r] = expectFindings(rep, [['F001', ...pos(rep, ':DCM:D\r\n:AMT:1250000')]]);
    expect(r!.message).toBe('mandatory item ACC (settlementAccount) of FMT011 is missing (repetition 2 of entries)');
    const end = edit(F011, ':TCA:3750000,00\r\n', '');
    expectFindings(end, [['F001', ...pos(end, '-}')]]);
  });

  it('F002 unknown tag, F003 item not of this FMT (block 4, MT198 text block, block 6)', () => {
    expectFindings(edit(F100, ':23B:CRED\r\n', ':23B:CRED\r\n:99:X\r\n'), [['F002', 4, 1]]);
    expectFindings(edit(F100, ':23B:CRED\r\n', ':23B:CRED\r\n:21:ABC\r\n'), [['F003', 4, 1]]);
    const t = edit(F011, ':12:011\r\n', ':12:011\r\n:21:ABC\r\n');
    const [d] = expectFindings(t, [['F003', 4, 1]]);
    expect(d!.message).toBe('21 (relatedReference) is not an item of FMT011 (text block)');
    const b6 = edit(F100, ':CRI:', ':XYZ:');
    expectFindings(b6, [['F002', ...pos(b6, ':XYZ:')]]);
    const notIn = edit(F011, ':WDT:', ':AMT:1,\r\n:WDT:');
    expect(findings(notIn).map((d) => d.code)).toContain('F004');
  });

  it('F004 out of order, F007 duplicate', () => {
    const t = edit(F100, ':23B:CRED\r\n:26T:002\r\n', ':26T:002\r\n:23B:CRED\r\n');
    const [d] = expectFindings(t, [['F004', 4, 1]]);
    expect(d!.message).toBe('23B is out of order: it must come before 26T');
    expectFindings(edit(F100, ':23B:CRED\r\n', ':23B:CRED\r\n:23B:CRED\r\n'), [['F007', 4, 1]]);
  });

  it('F005 count ≠ repetitions, F006 MT203 sequence B fewer than 2', () => {
    const t = edit(F011, ':CNT:4', ':CNT:5');
    const [d] = expectFindings(t, [['F005', ...pos(t, ':CNT:', 5)]]);
    expect(d!.message).toBe('CNT says 5 repetition(s) of entries, but 4 follow');
    // Sequence B once: the totals then differ too.
    const one = F203.replace(/:20:2026112300000882[\s\S]*?(?=-\})/, '');
    const ds = findings(one);
    expect(ds.map((x) => x.code)).toEqual(['R006', 'R006', 'F006']);
    expect(ds[2]).toMatchObject(lc(pos(one, '-}')));
  });

  it('MT203: each repetition of sequence B starts at its 20', () => {
    // 21 before 20: the repetition still starts at 20, and 21 is out of order.
    const t = edit(F203, ':20:2026112300000884\r\n:21:NONREF', ':21:NONREF\r\n:20:2026112300000884');
    const r = parse(t);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['F004']);
    const m = r.message as Message;
    if (m.fmt !== 'FMT203') throw new Error('narrowing');
    expect(m.body.sequenceB).toHaveLength(4);
  });
});

describe('rules: one code per rule kind', () => {
  it('every rule kind has its own code, documented', () => {
    const codes = Object.values(RULE_CODES);
    expect(new Set(codes).size).toBe(Object.keys(RULE_KINDS).length);
    for (const k of Object.keys(RULE_KINDS) as RuleKind[]) expect(DIAGNOSTIC_CODES[RULE_CODES[k]]).toBeDefined();
  });

  it('R001 requiredWhen: required (36 when the currencies differ; RCD when RSP = R) and forbidden', () => {
    const t = edit(F100, ':50K:', ':33B:EUR100,\r\n:50K:');
    const [d] = expectFindings(t, [['R001', ...pos(t, ':33B:')]]);
    expect(d!.message).toBe('36 (exchangeRate) is missing: it is required when the currencies of 33B and 32A differ');
    const f012 = fixture('fmt012');
    const r = edit(f012, ':RSP:A', ':RSP:R');
    expectFindings(r, [['R001', ...pos(r, ':RSP:')]]);
    const forbidden = edit(f012, ':RSP:A\r\n', ':RSP:A\r\n:RCD:F001\r\n');
    const [d2] = expectFindings(forbidden, [['R001', ...pos(forbidden, ':RCD:')]]);
    expect(d2!.messageZh).toBe('RCD（拒绝原因码）不允许出现：仅当以下条件成立时方可出现：RSP = R');
  });

  it('R001 in a group repetition (FMT080: PNM unless CHT = D; DPT only when PCT = 2)', () => {
    const f080 = fixture('fmt080');
    const t = edit(f080, ':PNM:浙江泰隆商业银行股份有限公司\r\n', '');
    expectFindings(t, [['R001', ...pos(t, ':CHT:A')]]);
    const t2 = edit(f080, ':PCT:2', ':PCT:1');
    expectFindings(t2, [['R001', ...pos(t2, ':DPT:')]]);
  });

  it('R002 onlyWhen: 71G without 71A = OUR', () => {
    const t = edit(F100, ':71A:SHA\r\n', ':71A:SHA\r\n:71G:USD10,\r\n');
    expectFindings(t, [['R002', ...pos(t, ':71G:')]]);
  });

  it('R003 fieldComplete: a name of spaces only', () => {
    const t = edit(F100, 'SHANGHAI PUDONG PRECISION\r\nMACHINERY CO LTD\r\n1000 ZHANGJIANG ROAD PUDONG\r\nSHANGHAI', '  ');
    expectFindings(t, [['R003', ...pos(t, ':59:', 4)]]);
  });

  it('R004 amountPositive: the amount component of 32A', () => {
    const t = edit(F100, 'USD125000,00', 'USD0,');
    const [d] = expectFindings(t, [['R004', ...pos(t, 'USD0,', 3)]]);
    expect(d!.length).toBe(2);
  });

  it('R005 minValue: FMT031 CNT 0', () => {
    const t = fixture('fmt031').replace(':CNT:3', ':CNT:0').replace(/:OSN:[\s\S]*?(?=-\})/, '');
    expectFindings(t, [['R005', ...pos(t, ':CNT:', 5)]]);
  });

  it('R006 sumEquals (FMT011 TDA, FMT021 TFE)', () => {
    const t = edit(F021, ':TFE:CNY34516,00', ':TFE:CNY34516,01');
    const [d] = expectFindings(t, [['R006', ...pos(t, ':TFE:', 8)]]);
    expect(d!.message).toBe('the amount of TFE (34516.01) must equal the sum of the amounts of FEE (34516)');
  });

  it('R007 amountsEqual (FMT011 TDA = TCA)', () => {
    const t = F011.replace(':DCM:C\r\n:AMT:750000,00', ':DCM:C\r\n:AMT:750000,01').replace(':TCA:3750000,00', ':TCA:3750000,01');
    expectFindings(t, [['R007', ...pos(t, ':TCA:', 5)]]);
  });

  it('R008 sameCurrency (FMT203 32B; FMT021 TFE and FEE)', () => {
    const t = edit(F203, 'USD750000,00', 'EUR750000,00');
    const [d] = expectFindings(t, [['R008', ...pos(t, 'EUR750000')]]);
    expect(d!.message).toBe('the currency of 32B (EUR) differs from that of 32B (USD): 32B must share one currency');
    const t2 = edit(F021, ':FEE:CNY2140,00', ':FEE:USD2140,00');
    expectFindings(t2, [['R008', ...pos(t2, 'USD2140')]]);
  });

  it('R009 dateNotBefore (FMT021 BED before BSD)', () => {
    const t = edit(F021, ':BED:20261031', ':BED:20260930');
    expectFindings(t, [['R009', ...pos(t, ':BED:', 5)]]);
  });

  it('R010 balanceEquation (FMT941)', () => {
    const t = edit(F941, ':62F:C20261123USD11250000,00', ':62F:C20261123USD11250000,01');
    const [d] = expectFindings(t, [['R010', ...pos(t, ':62F:', 17)]]);
    expect(d!.message).toBe('the balance of 62F must be C11250000 (60F + 90C − 90D), found C11250000.01');
  });

  it('R011 uniqueInMessage (FMT203 20)', () => {
    const t = edit(F203, ':20:2026112300000884', ':20:2026112300000883');
    expectFindings(t, [['R011', ...pos(t, ':20:2026112300000883\r\n:21:', 4)]]);
  });

  it('R012 firstLinePrefix (FMT103 /RETN/, and /RETN/ without a reason)', () => {
    const f103 = fixture('fmt103');
    const t = edit(f103, ':72:/RETN/BENEFICIARY', ':72:/RETX/BENEFICIARY');
    expectFindings(t, [['R012', ...pos(t, ':72:', 4)]]);
    const t2 = edit(f103, ':72:/RETN/BENEFICIARY ACCOUNT CLOSED', ':72:/RETN/   ');
    expectFindings(t2, [['R012', ...pos(t2, ':72:', 4)]]);
  });

  it('R013 mtMatchesFmt, R015 headerAddressCountry, R016 headerPriority', () => {
    expectFindings(edit(F100, '{2:I103', '{2:I202'), [['R013', 1, 34]]);
    const sender = edit(F100, '{1:F01ICBKCNBJ', '{1:F01ICBKUSBJ');
    expectFindings(sender, [['R015', 1, 11]]);
    const receiver = edit(F100, 'I103PCBCCNBJ', 'I103PCBCHKBJ');
    const [d] = expectFindings(receiver, [['R015', ...pos(receiver, 'HKBJ')]]);
    expect(d!.message).toBe('the receiver LT address PCBCHKBJXXXX must have country CN, found HK');
    expectFindings(edit(F100, 'PCBCCNBJXXXXN}', 'PCBCCNBJXXXXX}'), [['R016', 1, 49]]);
    // The output form: the priority is the last character of block 2.
    const out = edit(F011, '2611231205N}', '2611231205Q}');
    expectFindings(out, [['R016', ...pos(out, 'Q}')]]);
  });

  it('R014 fieldEqualsFmt (MT198 :12:)', () => {
    expectFindings(edit(F011, ':12:011', ':12:012'), [['R014', 3, 5]]);
  });

  it('R017 amountCurrencyFrom: bare amounts whose currency item is absent (info)', () => {
    const t = edit(fixture('fmt040'), /:CCY:[A-Z]{3}\r\n/, '');
    const ds = findings(t);
    expect(ds.map((d) => [d.code, d.severity])).toEqual([
      ['F001', 'error'],
      ['R017', 'info'],
      ['R017', 'info'],
      ['R017', 'info'],
    ]);
  });

  it('R018 participant CN, R019 block 6 not allowed, R020 signature missing, R021 unknown FMT, R022 reserved', () => {
    const t = edit(F100, ':52A:ICBKCNBJ', ':52A:ICBKUSBJ');
    expectFindings(t, [['R018', ...pos(t, ':52A:', 9)]]);
    const b6 = F011.replace('-}{5:', '-}{6:\r\n:ONM:张三\r\n-}{5:');
    expectFindings(b6, [['R019', ...pos(b6, '{6:')]]);
    const unsigned = F100.replace(/\{7:.*?\}\}/, '');
    expectFindings(unsigned, [['R020', ...pos(unsigned, '{5:')]]);
    const unknown = edit(F011, '{119:FMT011}', '{119:FMT999}');
    const r = parse(unknown);
    expect(r.message).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['R021', ...pos(unknown, 'FMT999')]]);
    const reserved = parse(fixture('fmt074'));
    expect(reserved.ok).toBe(true);
    expect(reserved.diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([['R022', 'warning', 1, 89]]);
  });
});

describe('every problem, not the first', () => {
  it('reports independent problems of one message together, ordered by position', () => {
    let t = edit(F100, ':23B:CRED', ':23B:CREX');
    t = edit(t, 'USD125000,00', 'USD0,');
    t = edit(t, ':52A:ICBKCNBJ', ':52A:ICBKUSBJ');
    t = edit(t, ':71A:SHA\r\n', ':71A:SHA\r\n:71G:USD10,\r\n');
    t = edit(t, '{2:I103', '{2:I202');
    expect(findings(t).map((d) => d.code)).toEqual(['R013', 'V005', 'R004', 'R018', 'R002']);
  });

  it('validate(message) re-checks a message parsed without validation', () => {
    const t = edit(F100, ':23B:CRED', ':23B:CREX');
    const r = parse(t, { validate: false });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(validate(r.message!).map((d) => d.code)).toEqual(['V005']);
  });

  it('lenient mode keeps the typed layer', () => {
    const t = F100.replace(/\r\n/g, '\n');
    const r = parse(t, { mode: 'lenient' });
    expect(r.ok).toBe(true);
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(['S024']));
    expect(r.message?.fmt).toBe('FMT100');
  });
});

describe('amounts: exact decimals', () => {
  it('15d counts the comma: 14 integer digits fit, 14 digits and a decimal do not', () => {
    const ok = edit(F100, 'USD125000,00', 'USD12345678901234,');
    expect(findings(ok)).toEqual([]);
    const m = parse(ok).message as Message;
    if (m.fmt !== 'FMT100') throw new Error('narrowing');
    expect(m.body.valueDateCurrencyAmount.amount.toFixed()).toBe('12345678901234');
    // V002 points at the first character beyond the 15: the decimal, the comma.
    const t1 = edit(F100, 'USD125000,00', 'USD12345678901234,5');
    expectFindings(t1, [['V002', ...pos(t1, '12345678901234,5', 15)]]);
    const t2 = edit(F100, 'USD125000,00', 'USD123456789012345,');
    expectFindings(t2, [['V002', ...pos(t2, '123456789012345,', 15)]]);
  });

  it('JPY has no decimals', () => {
    expect(findings(edit(F100, 'USD125000,00', 'JPY125000,'))).toEqual([]);
    const t = edit(F100, 'USD125000,00', 'JPY125000,5');
    const [d] = expectFindings(t, [['V010', 5, 24]]);
    expect(d!.message).toBe('too many decimals for JPY: at most 0, found 1');
  });

  it('17d sums above 2^53 are exact (FMT203: 91 + 91 repetitions of 14-digit amounts)', () => {
    const amount = new Big('99999999999999');
    const rep = (i: number, mark: 'C' | 'D') => ({
      reference: `R${String(i).padStart(6, '0')}`,
      debitCredit: mark,
      currencyAmount: { currency: 'USD' as const, amount },
      beneficiaryInstitution: 'ICBKCNBJ',
    });
    const sequenceB = [...Array.from({ length: 91 }, (_, i) => rep(i, 'C')), ...Array.from({ length: 91 }, (_, i) => rep(100 + i, 'D'))];
    const total = amount.times(91);
    expect(total.toFixed()).toBe('9099999999999909');
    expect(total.gt(2 ** 53)).toBe(true);
    const signature = { dsn: 'ABCDEF', sig: 'c2ln' };
    const body = { sequenceA: { sumOfAmounts: total, valueDate: '20261123', orderingInstitution: 'CFETCNSH' }, sequenceB };
    const ok = build('FMT203', body, { signature });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.text).toContain(':19:9099999999999909,\r\n');
    // One unit less: a float sum could not tell the difference at this size; big.js does.
    const off = build('FMT203', { ...body, sequenceA: { ...body.sequenceA, sumOfAmounts: total.minus(1) } }, { signature });
    expect(off.diagnostics.map((d) => d.code)).toEqual(['R006', 'R006']);
    expect(off.diagnostics[0]!.message).toContain('(9099999999999908) must equal the sum of the amounts of 32B where 23D = C (9099999999999909)');
  });

  it('0,1 + 0,2 = 0,3 exactly', () => {
    const t = F021.replace(':FEE:CNY9120,00', ':FEE:CNY0,1').replace(':FEE:CNY23256,00', ':FEE:CNY0,2').replace(':FEE:CNY2140,00', ':FEE:CNY0,').replace(':TFE:CNY34516,00', ':TFE:CNY0,3');
    expect(findings(t)).toEqual([]);
  });
});

describe('MT198 envelope and 77E', () => {
  const F025 = fixture('fmt025');

  it('77E missing: one finding, no body items', () => {
    const t = F025.replace(/:77E:[\s\S]*?(?=-\})/, '');
    const r = parse(t);
    expect(r.diagnostics.map((d) => [d.code, d.tag])).toEqual([['F001', '77E']]);
    expect(r.message?.body).toEqual({ reference: '2026112300000611' });
  });

  it('an unknown embedded tag, a 77E line over 78 bytes', () => {
    const t = edit(F025, ':RSP:A\r\n', ':RSP:A\r\n:ZZZ:1\r\n');
    const [d] = expectFindings(t, [['F002', ...pos(t, ':ZZZ:')]]);
    expect(d).toMatchObject({ tag: '77E', embeddedTag: 'ZZZ' });
    expect(d!.message).toBe('tag ZZZ is not defined in the 77E embedded tag dictionary');
    const long = `:RMK:${'中'.repeat(30)}${'X'.repeat(20)}`;
    const t2 = edit(F025, ':RMK:已收到转汇信息，当日汇出', long);
    // 60g allows 60 bytes (V002); the 77E line allows 78 (V013): both, each at its own character.
    expect(findings(t2).map((d) => [d.code, d.column])).toEqual([
      ['V002', 6 + 30],
      ['V013', 6 + 30 + 13],
    ]);
  });

  it('text-block fields of an MT198 other than 20, 12, 77E; block 6 duplicates', () => {
    const t = edit(F011, ':20:2026112399000950\r\n', ':20:2026112399000950\r\n:20:X\r\n');
    expectFindings(t, [['F007', 3, 1]]);
    const b6 = edit(F100, ':BNM:', ':ONM:重复\r\n:BNM:');
    expectFindings(b6, [['F007', ...pos(b6, ':ONM:重复')]]);
  });
});

describe('robustness', () => {
  it('never throws on mutated fixtures; positions are valid; results can be rebuilt', async () => {
    const fc = (await import('fast-check')).default;
    const { arbitraryMutation } = await import('../src/testing/envelope.js');
    const all = files.filter((f) => f.endsWith('.fin')).map((f) => new TextDecoder('gb18030').decode(readFileSync(join(validDir, f))));
    fc.assert(
      fc.property(
        fc.constantFrom(...all).chain((t) => arbitraryMutation(t).chain(arbitraryMutation)),
        (t) => {
          for (const mode of ['strict', 'lenient'] as const) {
            const r = parse(t, { mode });
            for (const d of r.diagnostics) {
              expect(d.line).toBeGreaterThanOrEqual(1);
              expect(d.column).toBeGreaterThanOrEqual(1);
              // Every parameter of the typed layer's texts is filled.
              if (/^[FRB]/.test(d.code)) {
                const def = DIAGNOSTIC_CODES[d.code];
                for (const [, name] of `${def.en} ${def.zh}`.matchAll(/\{(\w+)\}/g)) {
                  if (!def.en.includes(`{${name}}`) || !d.message.includes(`{${name}}`)) continue;
                  throw new Error(`${d.code}: {${name}} not filled in "${d.message}"`);
                }
              }
            }
            if (r.message !== undefined) {
              validate(r.message);
              build(r.message.fmt, r.message.body, r.message.headers);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('bigEq agrees with Big.eq', async () => {
    const fc = (await import('fast-check')).default;
    const { bigEq } = await import('../src/message/exact-sum.js');
    const dec = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 6 })).map(([i, s]) => new Big(i.toString()).div(new Big(10).pow(s)));
    fc.assert(fc.property(dec, dec, (a, b) => bigEq(a, b) === a.eq(b) && bigEq(a, a) && bigEq(a, a.plus(0))));
    expect(bigEq(new Big('0'), new Big('0.00'))).toBe(true);
    expect(bigEq(new Big('1.50'), new Big('1.5'))).toBe(true);
  });
});
