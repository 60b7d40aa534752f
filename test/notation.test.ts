import { formatArbitrary } from '../src/testing/format-arbitrary.js';
import Big from 'big.js';
import * as fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeText } from '../src/bytes/encode.js';
import { DIAGNOSTIC_CODES } from '../src/diagnostics/codes.js';
import { parsersOf } from '../src/notation/compile.js';
import { compileFormat, gb18030Length, gb18030Width, parseNotation, NotationError } from '../src/notation/index.js';
import type { CompileOptions, CompiledFormat, ParseOutcome, TypedValue, ValueProblem } from '../src/notation/types.js';
import {
  CODE_TABLES,
  CURRENCIES,
  codeTableTypeSource,
  defaultNotationContext,
  extendNotationContext,
} from '../src/spec/code-tables.js';
import { VARIABLES, variableDef } from '../src/spec/variables.js';
import { HEADER_TAGS } from '../src/spec/envelope.js';

const ctx = defaultNotationContext();

function parse(notation: string, raw: string, names?: readonly string[]): ParseOutcome {
  return compileFormat(notation, names !== undefined ? { names } : undefined).parse(raw, ctx);
}

function codes(o: ParseOutcome): string[] {
  return o.problems.map((p) => p.code);
}

/** The single problem of `o`, which must have the code `code`. */
function only(o: ParseOutcome, code: string): ValueProblem {
  expect(codes(o)).toEqual([code]);
  return o.problems[0]!;
}

function at(o: ParseOutcome, code: string, index: number, length?: number): ValueProblem {
  const p = only(o, code);
  expect(p.index).toBe(index);
  if (length !== undefined) expect(p.length).toBe(length);
  return p;
}

function isBig(v: unknown): v is Big {
  return v instanceof Big;
}

/** Deep equality of typed values, comparing Big by value. */
function typedEqual(a: TypedValue | undefined, b: TypedValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (isBig(a) || isBig(b)) return isBig(a) && isBig(b) && a.eq(b);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join() !== kb.join()) return false;
  const ra = a as Readonly<Record<string, TypedValue | undefined>>;
  const rb = b as Readonly<Record<string, TypedValue | undefined>>;
  return ka.every((k) => typedEqual(ra[k], rb[k]));
}

/**
 * Equality of typed values as built: Big by its fields (sign, exponent, coefficient digits,
 * constructor), arrays element by element, objects with the same keys in the same order.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined || typeof a === 'string' || typeof b === 'string') return a === b;
  if (isBig(a) || isBig(b)) {
    if (!isBig(a) || !isBig(b)) return false;
    const f = (x: Big): string => JSON.stringify([x.s, x.e, x.c, Object.keys(x), x.constructor === Big]);
    return f(a) === f(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  const ra = a as Readonly<Record<string, unknown>>;
  const rb = b as Readonly<Record<string, unknown>>;
  return Object.keys(ra).join() === Object.keys(rb).join() && Object.keys(ra).every((k) => sameValue(ra[k], rb[k]));
}

/** A bank's context: more currencies and codes, fewer too (the fast path caches look-ups per map). */
const BANK_CTX = extendNotationContext(ctx, {
  currencies: { KWD: 3, CHF: null },
  codeTables: { BKIND: { '010': '跨境人民币', '001': null }, DC: { X: 'x' }, ACCNAT: { '08': 'x' } },
});

/** Every format notation of fields.md (text block, block 6, 77E items) and of the envelope tables. */
const FIELDS_MD_NOTATIONS: readonly string[] = [
  // block 4 / block 6 tags
  '3!n CRLF DATE',
  '3!n',
  '17d',
  '16x',
  'REF',
  '4!c',
  'DC',
  'PSTAT',
  'ACCT',
  'BKIND',
  '5n[/5n]',
  'DATE',
  'DATE TIME',
  'DATE CCY AMOUNT',
  'CCY AMOUNT',
  '12d',
  '/ACCT CRLF 4*35x',
  '[/ACCT] CRLF 4*35x',
  'BIC',
  'DC DATE CCY AMOUNT',
  '4*35x',
  '3!a',
  '6*35x',
  '6*35g',
  '/4!c/[29g] [CRLF 5*35g]',
  '/ACCNAT/ACCNAT',
  '35*50g',
  '5n CCY AMOUNT',
  '60g',
  '2*60g',
  '4*60g',
  // 77E items
  'AMOUNT',
  'CCY',
  'TIME',
  '20g',
  '1!n',
  '2!n',
  '10*35g',
  '1!a',
  '8n',
  '3n',
  '32h',
  '3!a AMOUNT',
  '14x',
  '30g',
  '64*64b',
  // envelope (src/spec/envelope.ts) and the 77E value
  'FMT3!n',
  '4!x',
  '12!h',
  '4096b',
  '[4!n6!n28!c]',
  '',
  '9999*78g',
];

// -------------------------------------------------------------------------------------------------

describe('notation grammar', () => {
  it('reads lengths, types, literals, variables, CRLF and optional parts', () => {
    expect(parseNotation('16x')).toEqual([{ kind: 'comp', type: 'x', length: { max: 16, exact: false, lines: 1, multi: false }, source: '16x' }]);
    expect(parseNotation('3!a')).toEqual([{ kind: 'comp', type: 'a', length: { max: 3, exact: true, lines: 1, multi: false }, source: '3!a' }]);
    expect(parseNotation('4*35x')).toEqual([{ kind: 'comp', type: 'x', length: { max: 35, exact: false, lines: 4, multi: true }, source: '4*35x' }]);
    const fmt = parseNotation('FMT3!n');
    expect(fmt[0]).toEqual({ kind: 'lit', text: 'FMT' });
    const acc = parseNotation('/ACCNAT/ACCNAT');
    expect(acc.map((n) => n.kind)).toEqual(['lit', 'var']);
    expect(acc[0]).toEqual({ kind: 'lit', text: '/ACCNAT/' });
    const a = parseNotation('/ACCT CRLF 4*35x');
    expect(a.map((n) => n.kind)).toEqual(['lit', 'var', 'crlf', 'comp']);
    const o = parseNotation('/4!c/[29g] [CRLF 5*35g]');
    expect(o.map((n) => n.kind)).toEqual(['lit', 'comp', 'lit', 'opt', 'opt']);
    expect(parseNotation('`/4!c/[29g]` [CRLF `5*35g`]')).toEqual(o);
    expect(parseNotation('[4!n6!n28!c]')).toHaveLength(1);
    expect(parseNotation('')).toEqual([]);
  });

  it('rejects malformed notations at compile time', () => {
    for (const bad of ['16', 'x', '[16x', '16x]', '[]', '3*x', '0x', '16q', '16x é']) {
      expect(() => parseNotation(bad), bad).toThrow(NotationError);
    }
    expect(() => compileFormat('16x 3!n', { names: ['a', 'b', 'c'] })).toThrow();
    expect(() => compileFormat('DATE DATE')).toThrow(/two components/);
  });

  it('caches compiled formats by notation and options', () => {
    expect(compileFormat('16x')).toBe(compileFormat('16x'));
    expect(compileFormat('16x', { names: ['a'] })).toBe(compileFormat('16x', { names: ['a'] }));
    expect(compileFormat('16x 3!n', { names: ['a'] })).not.toBe(compileFormat('16x 3!n', { names: ['b'] }));
  });
});

describe('component names, values and TypeScript types', () => {
  it('a single component is a scalar', () => {
    expect(parse('16x', 'ABC').value).toBe('ABC');
    expect(parse('/ACCNAT/ACCNAT', '/ACCNAT/01').value).toBe('01');
    expect(parse('FMT3!n', 'FMT100').value).toBe('100');
    expect(compileFormat('16x').scalar).toBe(true);
    expect(compileFormat('AMOUNT').tsType).toBe('Big');
    expect(compileFormat('4*35x').tsType).toBe('readonly string[]');
    expect(compileFormat('CCY').tsType).toBe('Currency');
    expect(compileFormat('BKIND').tsType).toBe('BusinessKind');
    expect(compileFormat('/ACCNAT/ACCNAT').tsType).toBe('AccountNature');
    expect(compileFormat('[3!c]').tsType).toBe('string | undefined');
  });

  it('variables take their default names; anonymous components partN or the given names', () => {
    const f = compileFormat('DATE CCY AMOUNT');
    expect(f.tsType).toBe('{ date: string; currency: Currency; amount: Big }');
    const v = f.parse('20240101USD1,5', ctx).value as Record<string, TypedValue>;
    expect(v['date']).toBe('20240101');
    expect(v['currency']).toBe('USD');
    expect((v['amount'] as Big).eq('1.5')).toBe(true);
    expect(compileFormat('DC DATE CCY AMOUNT').components.map((c) => c.name)).toEqual(['mark', 'date', 'currency', 'amount']);
    expect(compileFormat('DATE TIME').components.map((c) => c.name)).toEqual(['date', 'time']);
    expect(compileFormat('BIC').components[0]!.name).toBe('bic');
    expect(compileFormat('ACCT BKIND ACCNAT PSTAT').components.map((c) => c.name)).toEqual(['account', 'businessKind', 'accountNature', 'status']);
    expect(compileFormat('5n[/5n]').tsType).toBe('{ part1: string; part2?: string }');
    expect(compileFormat('/ACCT CRLF 4*35x', { names: ['nameAndAddress'] }).tsType).toBe('{ account: string; nameAndAddress: readonly string[] }');
    // one name per component, variables included
    expect(compileFormat('5n CCY AMOUNT', { names: ['count', 'currency', 'sum'] }).components.map((c) => c.name)).toEqual(['count', 'currency', 'sum']);
    expect(compileFormat('/4!c/[29g] [CRLF 5*35g]', { names: ['code', 'text'] }).tsType).toBe('{ code: string; text?: string; part3?: readonly string[] }');
  });

  it('component rules bind a code table or forbid spaces', () => {
    const f = compileFormat('3!a', { rules: [{ codeTable: 'CHARGES' }] });
    expect(f.tsType).toBe('ChargeBearer');
    expect(f.parse('SHA', ctx).problems).toEqual([]);
    const p = at(f.parse('XYZ', ctx), 'V005', 0, 3);
    expect(p.params['table']).toBe('CHARGES');
    at(compileFormat('16x', { rules: [{ noSpace: true }] }).parse('A B', ctx), 'V012', 1, 1);
  });

  it('absent optional parts leave their keys out', () => {
    expect(parse('5n[/5n]', '12').value).toEqual({ part1: '12' });
    expect(parse('5n[/5n]', '12/345').value).toEqual({ part1: '12', part2: '345' });
    expect(parse('[4!n6!n28!c]', '').value).toEqual({});
    expect(parse('[3!c]', '').value).toBeUndefined();
    expect(parse('', '').value).toBe('');
  });
});

describe('types and lengths', () => {
  it('n a c h b d x', () => {
    expect(codes(parse('3!n', '123'))).toEqual([]);
    at(parse('3!n', '1A3'), 'V001', 1, 1);
    expect(codes(parse('3!a', 'USD'))).toEqual([]);
    at(parse('3!a', 'UsD'), 'V001', 1, 1);
    expect(codes(parse('4!c', 'AB12'))).toEqual([]);
    at(parse('4!c', 'AB-2'), 'V001', 2, 1);
    expect(codes(parse('12!h', '0123456789AB'))).toEqual([]);
    at(parse('12!h', '0123456789aB'), 'V001', 10, 1);
    expect(codes(parse('4096b', 'QUJD+/=='))).toEqual([]);
    at(parse('4096b', 'QU JD'), 'V001', 2, 1);
    expect(codes(parse('35x', "az AZ09/-?:().,'+#&"))).toEqual([]);
    const p = at(parse('16x', 'AB{C'), 'V001', 2, 1);
    expect(p.params['found']).toBe('"{"');
    expect(p.params['codePoint']).toBe('U+007B');
    // a run of bad characters is one problem, naming them
    const q = at(parse('35x', 'MR 张三'), 'V001', 3, 2);
    expect(q.params['found']).toBe('"张三"');
    expect(at(parse('16x', 'A\tB'), 'V001', 1, 1).params['found']).toBe('TAB');
    expect(at(parse('16x', 'A\rB'), 'V001', 1, 1).params['found']).toBe('CR');
  });

  it('N (max), N! (exact), empty', () => {
    at(parse('16x', 'A'.repeat(17)), 'V002', 16, 1);
    const p = at(parse('16x', 'A'.repeat(20)), 'V002', 16, 4);
    expect(p.params).toMatchObject({ max: 16, actual: 20, unit: 'characters' });
    const q = at(parse('3!n', '12'), 'V003', 0, 2);
    expect(q.params).toMatchObject({ expected: 'exactly 3', actual: 2 });
    at(parse('3!n', '1234'), 'V003', 0, 4);
    at(parse('16x', ''), 'V003', 0, 0);
    at(parse('8n', '123456789'), 'V002', 8, 1);
  });

  it('N*M: lines, line length, line count', () => {
    expect(parse('4*35x', 'A\r\nB').value).toEqual(['A', 'B']);
    const p = at(parse('4*35x', 'A\r\nB\r\nC\r\nD\r\nE\r\nF'), 'V011', 12, 4);
    expect(p.params).toMatchObject({ max: 4, actual: 6 });
    const q = at(parse('4*35x', `A\r\n${'B'.repeat(36)}`), 'V013', 3 + 35, 1);
    expect(q.params).toMatchObject({ line: 2, max: 35, actual: 36 });
    at(parse('4*35x', 'A\r\n\r\nB'), 'V003', 3, 0);
    at(parse('4*35x', 'A\r\nB{'), 'V001', 4, 1);
    // a bare LF separates lines too (the envelope reports it)
    expect(parse('4*35x', 'A\nB').value).toEqual(['A', 'B']);
    expect(parse('64*64b', `${'A'.repeat(64)}\r\n${'B'.repeat(10)}`).problems).toEqual([]);
  });

  it('a single-line value with a line break: too many lines', () => {
    const p = at(parse('16x', 'AB\r\nCD'), 'V011', 2, 4);
    expect(p.params).toMatchObject({ max: 1, actual: 2 });
    at(parse('3!n CRLF DATE', '100\r\n20240101\r\nX'), 'V011', 13);
  });

  it('lines after a line break must not start with ":" or "-"', () => {
    const p = at(parse('4*35x', 'A\r\n:20:B'), 'V014', 3, 1);
    expect(p.params).toMatchObject({ line: 2, found: ':' });
    at(parse('4*35x', 'A\r\n-B'), 'V014', 3, 1);
    expect(parse('4*35x', ':A-\r\nB').problems).toEqual([]);
  });
});

describe('g: X plus Chinese, lengths in GB18030 bytes', () => {
  it('counts bytes without encoding', () => {
    expect(gb18030Length('张三')).toBe(4);
    expect(gb18030Length('\u{20000}')).toBe(4);
    expect(gb18030Length('A张\u{20000}')).toBe(7);
    expect(gb18030Width(0x41)).toBe(1);
    expect(gb18030Width(0x4e00)).toBe(2);
    expect(gb18030Width(0x9fa6)).toBe(4);
    expect(gb18030Width(0x20000)).toBe(4);
  });

  it('counts exactly the bytes encodeText writes, for every BMP code point and a sample of supplementary ones', () => {
    const mismatches: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const n = encodeText(String.fromCharCode(cp)).length;
      if (n !== gb18030Width(cp)) mismatches.push(cp.toString(16));
    }
    expect(mismatches).toEqual([]);
    const supplementary = [0x10000, 0x20000, 0x20bb7, 0x2a6d6, 0x2ebe0, 0x30000, 0xe0001, 0xf0000, 0x10fffd, 0x10ffff];
    for (let cp = 0x10000; cp <= 0x10ffff; cp += 4099) supplementary.push(cp);
    for (const cp of supplementary) {
      expect(gb18030Width(cp), cp.toString(16)).toBe(encodeText(String.fromCodePoint(cp)).length);
    }
  });

  it('follows the encoder (GB18030-2022), not iconv-lite (2005), for the 37 corrected characters', () => {
    const differ: number[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (iconv.encode(String.fromCharCode(cp), 'gb18030').length !== gb18030Width(cp)) differ.push(cp);
    }
    const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    expect(differ).toEqual(
      [...range(0x9fb4, 0x9fbb), 0xe5e5, ...range(0xe78d, 0xe796), 0xe81e, 0xe826, 0xe82b, 0xe82c, 0xe832, 0xe843, 0xe854, 0xe864, ...range(0xfe10, 0xfe19)],
    );
    expect(gb18030Width(0xfe10)).toBe(2);
    expect(gb18030Width(0x9fbb)).toBe(2);
    expect(gb18030Width(0xe5e5)).toBe(2);
    expect(gb18030Width(0xe78d)).toBe(4);
    expect(gb18030Width(0xe864)).toBe(4);
    // and so do g lengths: U+FE10 is 2 bytes, U+E78D 4
    expect(parse('2g', '\ufe10').problems).toEqual([]);
    at(parse('3g', '\ue78d'), 'V002', 0, 1);
    expect(parse('4g', '\ue78d').problems).toEqual([]);
  });

  it('agrees with encodeText on random strings', () => {
    const corrected = fc.constantFrom('\ufe10', '\ufe19', '\u9fb4', '\u9fbb', '\ue5e5', '\ue78d', '\ue796', '\ue81e', '\ue864');
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 3 }), corrected), { maxLength: 20 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(gb18030Length(s)).toBe(encodeText(s).length);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts Chinese and checks byte lengths', () => {
    expect(parse('60g', '张三 ZHANG SAN，北京市').problems).toEqual([]);
    expect(parse('4!g', '张三').problems).toEqual([]);
    // 张三 is 4 bytes: fits 4g, not 3g
    expect(parse('4g', '张三').problems).toEqual([]);
    const p = at(parse('3g', '张三'), 'V002', 1, 1);
    expect(p.params).toMatchObject({ max: 3, actual: 4, unit: 'bytes (GB18030)', unitZh: '字节' });
    // a four-byte character counts 4
    expect(parse('4g', '\u{20000}').problems).toEqual([]);
    const q = at(parse('5g', 'A\u{20000}B'), 'V002', 3, 1);
    expect(q.params).toMatchObject({ max: 5, actual: 6 });
    expect(parse('5g', 'A\u{20000}').value).toBe('A\u{20000}');
    // line lengths of multi-line g in bytes too
    const r = at(parse('2*60g', `地址\r\n${'北'.repeat(31)}`), 'V013', 4 + 30, 1);
    expect(r.params).toMatchObject({ line: 2, max: 60, actual: 62 });
  });

  it('rejects lone surrogates and characters outside X', () => {
    at(parse('20g', 'A\ud800B'), 'V001', 1, 1);
    at(parse('20g', 'A{B'), 'V001', 1, 1);
    at(parse('20x', 'A\u{20000}B'), 'V001', 1, 2);
  });
});

describe('d and AMOUNT', () => {
  it('reads exact decimals (never a float)', () => {
    const v = parse('17d', '9999999999999999,').value;
    expect(isBig(v) && v.eq('9999999999999999')).toBe(true);
    expect((v as Big).toFixed()).toBe('9999999999999999');
    const w = parse('17d', '999999999999999,').value as Big;
    expect(w.toFixed()).toBe('999999999999999');
    const x = parse('AMOUNT', '0,01').value as Big;
    expect(x.toFixed()).toBe('0.01');
    expect(x.eq(new Big('0.01'))).toBe(true);
    const y = parse('12d', '0,123456789').value as Big;
    expect(y.toFixed()).toBe('0.123456789');
    // 15d: the comma counts in the length, so 14 digits at most
    expect(parse('AMOUNT', '99999999999999,').problems).toEqual([]);
    expect((parse('AMOUNT', '99999999999999,').value as Big).toFixed()).toBe('99999999999999');
    expect(parse('AMOUNT', '999999999999,99').problems).toEqual([]);
    const p = at(parse('AMOUNT', '999999999999999,'), 'V002', 15, 1);
    expect(p.params).toMatchObject({ max: 15, actual: 16 });
  });

  it('reports the d and AMOUNT rules (V009)', () => {
    expect(at(parse('AMOUNT', '100'), 'V009', 0, 3).params['detail']).toMatch(/comma/);
    expect(parse('AMOUNT', '100').value).toBeUndefined();
    at(parse('AMOUNT', ',5'), 'V009', 0, 1);
    at(parse('AMOUNT', '1,2,3'), 'V009', 3, 1);
    expect(at(parse('AMOUNT', '007,5'), 'V009', 0, 2).params['detail']).toMatch(/leading zero/);
    expect((parse('AMOUNT', '007,5').value as Big).eq('7.5')).toBe(true);
    expect(parse('AMOUNT', '0,5').problems).toEqual([]);
    expect(parse('AMOUNT', '0,').problems).toEqual([]);
    // plain d allows leading zeros (SWIFT); only AMOUNT forbids them
    expect(parse('12d', '007,5').problems).toEqual([]);
    at(parse('AMOUNT', '1.000,00'), 'V001', 1, 1);
    at(parse('AMOUNT', '-1,00'), 'V001', 0, 1);
  });

  it('decimals follow the sibling currency (V010), JPY has none', () => {
    expect(parse('CCY AMOUNT', 'JPY1000,').problems).toEqual([]);
    const p = at(parse('CCY AMOUNT', 'JPY1000,5'), 'V010', 8, 1);
    expect(p.params).toMatchObject({ currency: 'JPY', max: 0, actual: 1 });
    expect(parse('CCY AMOUNT', 'USD1000,55').problems).toEqual([]);
    at(parse('CCY AMOUNT', 'USD1000,555'), 'V010', 10, 1);
    at(parse('DATE CCY AMOUNT', '20240101EUR0,001'), 'V010', 15, 1);
    at(parse('DC DATE CCY AMOUNT', 'C20240101JPY1,0'), 'V010', 14, 1);
    at(parse('5n CCY AMOUNT', '3GBP10,001'), 'V010', 9, 1);
    // an unknown currency: V005 on it, no decimals check
    at(parse('CCY AMOUNT', 'XXX1,2345'), 'V005', 0, 3);
    // 3!a is not CCY: no decimals check (FEE may be CNY)
    expect(parse('3!a AMOUNT', 'CNY1,234').problems).toEqual([]);
    // a currency from outside the value
    const f = compileFormat('AMOUNT');
    at(f.parse('1,5', ctx, { currency: 'JPY' }), 'V010', 2, 1);
    expect(f.parse('1,5', ctx, { currency: 'USD' }).problems).toEqual([]);
    expect(compileFormat('CCY AMOUNT').parse('USD1,55', ctx, { currency: 'JPY' }).problems).toEqual([]);
  });
});

describe('variables', () => {
  it('DATE: real calendar dates with leap years (V006)', () => {
    for (const ok of ['20240229', '20000229', '19960229', '20231231', '00010101']) expect(parse('DATE', ok).problems, ok).toEqual([]);
    expect(at(parse('DATE', '20230229'), 'V006', 6, 2).params['detail']).toMatch(/not a leap year/);
    at(parse('DATE', '19000229'), 'V006', 6, 2);
    at(parse('DATE', '21000229'), 'V006', 6, 2);
    at(parse('DATE', '20241301'), 'V006', 4, 2);
    at(parse('DATE', '20240001'), 'V006', 4, 2);
    at(parse('DATE', '20240431'), 'V006', 6, 2);
    at(parse('DATE', '20240100'), 'V006', 6, 2);
    at(parse('DATE', '00000101'), 'V006', 0, 4);
    at(parse('DATE', '2024011'), 'V003', 0, 7);
    at(parse('DATE', '2024O101'), 'V001', 4, 1);
  });

  it('TIME: 00-23 / 00-59 / 00-59 (V007)', () => {
    expect(parse('TIME', '235959').problems).toEqual([]);
    expect(parse('TIME', '000000').problems).toEqual([]);
    at(parse('TIME', '240000'), 'V007', 0, 2);
    at(parse('TIME', '126000'), 'V007', 2, 2);
    at(parse('TIME', '120060'), 'V007', 4, 2);
    expect(codes(parse('DATE TIME', '20240101256060'))).toEqual(['V007', 'V007', 'V007']);
  });

  it('BIC: 4!a2!a2!c[3!c] (V008)', () => {
    for (const ok of ['BKCHCNBJ', 'ICBKCNBJ', 'BKCHCNBJ300', 'DEUTDEFF', 'BOFAUS3N']) expect(parse('BIC', ok).problems, ok).toEqual([]);
    at(parse('BIC', 'BKCHCNB'), 'V008', 0, 7);
    at(parse('BIC', 'BKCHCNBJ3'), 'V008', 0, 9);
    at(parse('BIC', 'BK1HCNBJ'), 'V008', 0, 4);
    at(parse('BIC', 'BKCHC1BJ'), 'V008', 4, 2);
    at(parse('BIC', 'BKCHCNb1'), 'V008', 6, 2);
    at(parse('BIC', 'BKCHCNBJ30#'), 'V008', 8, 3);
  });

  it('code tables and currencies (V005)', () => {
    expect(parse('BKIND', '001').problems).toEqual([]);
    const p = at(parse('BKIND', '010'), 'V005', 0, 3);
    expect(p.params).toMatchObject({ value: '010', table: 'BKIND', tableNameZh: '业务种类' });
    at(parse('ACCNAT', '08'), 'V005', 0, 2);
    at(parse('PSTAT', '10'), 'V005', 0, 2);
    at(parse('DC', 'X'), 'V005', 0, 1);
    expect(parse('DC', 'D').problems).toEqual([]);
    at(parse('CCY', 'CNY'), 'V005', 0, 3);
    at(parse('/ACCNAT/ACCNAT', '/ACCNAT/08'), 'V005', 8, 2);
  });

  it('references and accounts: no space (V012)', () => {
    expect(parse('REF', '2024010100000001').problems).toEqual([]);
    const p = at(parse('REF', 'AB  CD'), 'V012', 2, 2);
    expect(p.params['what']).toMatch(/reference/);
    at(parse('ACCT', '1234 5678'), 'V012', 4, 1);
    at(parse('/ACCT CRLF 4*35x', '/12 34\r\nNAME'), 'V012', 3, 1);
    expect(parse('16x', 'AB CD').problems).toEqual([]);
    at(parse('REF', 'A'.repeat(17)), 'V002', 16, 1);
  });

  it('the variables table and the code tables are complete', () => {
    expect(VARIABLES.map((v) => v.name).sort()).toEqual(['ACCNAT', 'ACCT', 'AMOUNT', 'BIC', 'BKIND', 'CCY', 'DATE', 'DC', 'PSTAT', 'REF', 'TIME']);
    for (const v of VARIABLES) {
      expect(() => parseNotation(v.notation)).not.toThrow();
      if (v.codeTable !== undefined) expect(CODE_TABLES.some((t) => t.name === v.codeTable)).toBe(true);
    }
    expect(variableDef('CCY')?.defaultName).toBe('currency');
    expect(CURRENCIES.map((c) => [c.code, c.minorUnits])).toEqual([
      ['USD', 2], ['HKD', 2], ['JPY', 0], ['EUR', 2], ['AUD', 2], ['CAD', 2], ['GBP', 2], ['CHF', 2],
    ]);
    const names = CODE_TABLES.map((t) => t.name);
    for (const n of ['DC', 'BKIND', 'ACCNAT', 'PSTAT', 'RSP', 'RCD', 'SYSST', 'ANSWER', 'CHARGES', 'CHT', 'DIR', 'PCT', 'PRI', 'CDT']) expect(names).toContain(n);
    for (const t of CODE_TABLES) {
      for (const c of t.codes) {
        expect(c.zh.length, `${t.name} ${c.code}`).toBeGreaterThan(0);
        expect(c.en.length, `${t.name} ${c.code}`).toBeGreaterThan(0);
        // every code fits its table's format
        expect(compileFormat(t.format).parse(c.code, ctx).problems, `${t.name} ${c.code}`).toEqual([]);
      }
    }
    expect(ctx.codeTables.get('ANSWER')?.get('CNCL')).toBe('已撤销');
    expect(ctx.codeTables.get('CDT')?.size).toBe(5);
  });

  it('generates TypeScript aliases for the code tables', () => {
    const src = codeTableTypeSource(ctx);
    expect(src).toContain("export type Currency = 'USD' | 'HKD' | 'JPY' | 'EUR' | 'AUD' | 'CAD' | 'GBP' | 'CHF';");
    expect(src).toContain("export type DebitCredit = 'D' | 'C';");
    expect(src).toContain("export type BusinessKind = '001' |");
    expect(src).toContain('export type RejectCode = string;');
  });
});

describe('structure: literals, CRLF, optional parts', () => {
  it('literals must match (V004)', () => {
    const p = at(parse('FMT3!n', 'FNT100'), 'V004', 0, 1);
    expect(p.params).toMatchObject({ expected: '"FMT"', found: '"F"' });
    expect(parse('FMT3!n', 'FNT100').value).toBeUndefined();
    at(parse('/ACCNAT/ACCNAT', '/ACCNT/01'), 'V004', 0, 1);
    at(parse('/ACCT CRLF 4*35x', '1234\r\nNAME'), 'V004', 0, 1);
    at(parse('3!n CRLF DATE', '100'), 'V004', 3, 0);
    at(parse('', 'x'), 'V004', 0, 1);
    const q = at(parse('/4!c/[29g] [CRLF 5*35g]', '/ANSW'), 'V004', 5, 0);
    expect(q.params['found']).toBe('the end of the value');
  });

  it('a component before a literal ends at the literal', () => {
    expect(parse('/4!c/[29g] [CRLF 5*35g]', '/ANS/TEXT').problems.map((p) => [p.code, p.index])).toEqual([['V003', 1]]);
    expect(parse('/4!c/[29g] [CRLF 5*35g]', '/ANSW/已收到，谢谢\r\n第二行\r\nLINE 3').value).toEqual({
      part1: 'ANSW',
      part2: '已收到，谢谢',
      part3: ['第二行', 'LINE 3'],
    });
    expect(parse('/4!c/[29g] [CRLF 5*35g]', '/ANSW/\r\n第二行').value).toEqual({ part1: 'ANSW', part3: ['第二行'] });
    expect(parse('/4!c/[29g] [CRLF 5*35g]', '/ANSW/').value).toEqual({ part1: 'ANSW' });
    at(parse('/4!c/[29g] [CRLF 5*35g]', `/ANSW/${'A'.repeat(30)}`), 'V002', 35, 1);
  });

  it('[/ACCT] CRLF: when the account is absent its line is absent', () => {
    const f = compileFormat('[/ACCT] CRLF 4*35x', { names: ['nameAndAddress'] });
    expect(f.parse('/123\r\nJOHN SMITH\r\nLONDON', ctx).value).toEqual({ account: '123', nameAndAddress: ['JOHN SMITH', 'LONDON'] });
    expect(f.parse('JOHN SMITH\r\nLONDON', ctx).value).toEqual({ nameAndAddress: ['JOHN SMITH', 'LONDON'] });
    expect(f.serialize({ nameAndAddress: ['JOHN SMITH', 'LONDON'] })).toBe('JOHN SMITH\r\nLONDON');
    expect(f.serialize({ account: '123', nameAndAddress: ['JOHN'] })).toBe('/123\r\nJOHN');
    expect(f.parse('/123\r\nA\r\nB\r\nC\r\nD', ctx).problems).toEqual([]);
    at(f.parse('/123\r\nA\r\nB\r\nC\r\nD\r\nE', ctx), 'V011', 18, 1);
  });

  it('fixed-length components in a row', () => {
    expect(parse('DATE CCY AMOUNT', '20240229USD1234,56').problems).toEqual([]);
    expect(codes(parse('DATE CCY AMOUNT', '2024O229USD1,'))).toEqual(['V001']);
    expect(parse('[4!n6!n28!c]', `0001000123${'B'.repeat(28)}`).value).toEqual({ part1: '0001', part2: '000123', part3: 'B'.repeat(28) });
    at(parse('[4!n6!n28!c]', `0001000123${'B'.repeat(27)}`), 'V003', 10, 27);
    expect(parse('5n CCY AMOUNT', '12345USD1,').problems).toEqual([]);
    at(parse('5n[/5n]', '123456'), 'V002', 5, 1);
    at(parse('5n[/5n]', '1/'), 'V003', 2, 0);
  });
});

describe('the fast path: test(), shared empty problems, values built from positions', () => {
  it('test() answers parse(…).problems.length === 0', () => {
    expect(compileFormat('FMT3!n').test('FMT100', ctx)).toBe(true);
    expect(compileFormat('FMT3!n').test('FNT100', ctx)).toBe(false);
    expect(compileFormat('12!h').test('7D1C9662AD27', ctx)).toBe(true);
    expect(compileFormat('12!h').test('7d1c9662ad27', ctx)).toBe(false);
    expect(compileFormat('DATE CCY AMOUNT').test('20240229USD1234,56', ctx)).toBe(true);
    expect(compileFormat('DATE CCY AMOUNT').test('20230229USD1234,56', ctx)).toBe(false);
    expect(compileFormat('CCY AMOUNT').test('JPY1000,5', ctx)).toBe(false);
    expect(compileFormat('AMOUNT').test('1,5', ctx, { currency: 'JPY' })).toBe(false);
    expect(compileFormat('AMOUNT').test('1,5', ctx, { currency: 'USD' })).toBe(true);
    // contexts: each map is looked up as it is when first used
    const bank = extendNotationContext(ctx, { currencies: { KWD: 3 }, codeTables: { BKIND: { '010': 'x' } } });
    expect(compileFormat('CCY AMOUNT').test('KWD1,234', ctx)).toBe(false);
    expect(compileFormat('CCY AMOUNT').test('KWD1,234', bank)).toBe(true);
    expect(compileFormat('BKIND').test('010', bank)).toBe(true);
    expect(compileFormat('BKIND').test('010', ctx)).toBe(false);
    expect(compileFormat('BKIND').test('777', { currencies: ctx.currencies, codeTables: new Map() })).toBe(true);
    // never throws
    expect(compileFormat('16x').test(42 as unknown as string, ctx)).toBe(true);
    expect(compileFormat('16x').test('A\ud800', ctx)).toBe(false);
  });

  it('a valid value has the shared, frozen empty problems array', () => {
    const a = parse('16x', 'ABC');
    const b = parse('DATE CCY AMOUNT', '20240101USD1,5');
    expect(a.problems).toEqual([]);
    expect(Object.isFrozen(a.problems)).toBe(true);
    expect(b.problems).toBe(a.problems);
    expect(parse('16x', 'A{').problems).not.toBe(a.problems);
  });

  it('decimals are the Bigs big.js builds itself', () => {
    for (const [raw, decimal] of [
      ['0,', '0'],
      ['0,01', '0.01'],
      ['1000,', '1000'],
      ['125000,00', '125000.00'],
      ['1234,5', '1234.5'],
      ['99999999999999,', '99999999999999'],
    ] as const) {
      const v = parse('AMOUNT', raw).value as Big;
      const w = new Big(decimal);
      expect(v).toBeInstanceOf(Big);
      expect(v).toStrictEqual(w);
      expect(v.toFixed()).toBe(w.toFixed());
      expect(v.plus(1).toFixed()).toBe(w.plus(1).toFixed());
    }
    expect((parse('12d', '007,50').value as Big).toFixed()).toBe('7.5');
  });
});

describe('serialize', () => {
  it('writes the canonical form', () => {
    expect(compileFormat('DATE CCY AMOUNT').serialize({ date: '20240101', currency: 'USD', amount: new Big('1234.50') })).toBe('20240101USD1234,5');
    expect(compileFormat('AMOUNT').serialize(new Big('1e3'))).toBe('1000,');
    expect(compileFormat('AMOUNT').serialize(new Big('0.01'))).toBe('0,01');
    expect(compileFormat('17d').serialize(new Big('9999999999999999'))).toBe('9999999999999999,');
    expect(compileFormat('4*35x').serialize(['A', 'B'])).toBe('A\r\nB');
    expect(compileFormat('/ACCNAT/ACCNAT').serialize('01')).toBe('/ACCNAT/01');
    expect(compileFormat('5n[/5n]').serialize({ part1: '1' })).toBe('1');
    expect(compileFormat('5n[/5n]').serialize({ part1: '1', part2: '2' })).toBe('1/2');
    expect(compileFormat('/4!c/[29g] [CRLF 5*35g]').serialize({ part1: 'ANSW', part3: ['X'] })).toBe('/ANSW/\r\nX');
    expect(compileFormat('[4!n6!n28!c]').serialize({})).toBe('');
  });
});

describe('run-time overrides through the context', () => {
  it('a bank adds a currency and a code', () => {
    const bank = extendNotationContext(ctx, {
      currencies: { KWD: 3, CHF: null },
      codeTables: { BKIND: { '010': '跨境人民币' }, NEW: { X: 'x' } },
    });
    expect(ctx.currencies.has('KWD')).toBe(false);
    const f = compileFormat('CCY AMOUNT');
    expect(f.parse('KWD1,234', bank).problems).toEqual([]);
    at(f.parse('KWD1,2345', bank), 'V010', 8, 1);
    at(f.parse('CHF1,00', bank), 'V005', 0, 3);
    expect(compileFormat('BKIND').parse('010', bank).problems).toEqual([]);
    expect(compileFormat('BKIND').parse('001', bank).problems).toEqual([]);
    const only010 = extendNotationContext(ctx, { codeTables: { BKIND: { '010': 'x' } }, replace: ['BKIND'] });
    at(compileFormat('BKIND').parse('001', only010), 'V005', 0, 3);
    // a table missing from the context is not checked
    const none = { currencies: ctx.currencies, codeTables: new Map() };
    expect(compileFormat('BKIND').parse('777', none).problems).toEqual([]);
  });

  it('generators follow the context', () => {
    const bank = extendNotationContext(ctx, {
      currencies: { KWD: 3, USD: null, HKD: null, JPY: null, EUR: null, AUD: null, CAD: null, GBP: null, CHF: null },
      codeTables: { BKIND: { '777': 'x' } },
      replace: ['BKIND'],
    });
    const f = compileFormat('CCY AMOUNT');
    fc.assert(
      fc.property(formatArbitrary(f, bank), (raw) => {
        expect(raw.startsWith('KWD')).toBe(true);
        expect(f.parse(raw, bank).problems).toEqual([]);
      }),
      { numRuns: 100 },
    );
    const seen = new Set<number>();
    fc.assert(
      fc.property(formatArbitrary(f, bank), (raw) => {
        seen.add(raw.length - raw.indexOf(',') - 1);
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    fc.assert(
      fc.property(formatArbitrary(compileFormat('BKIND'), bank), (raw) => {
        expect(raw).toBe('777');
      }),
      { numRuns: 20 },
    );
  });
});

describe('the V codes', () => {
  it('every V code has English and Chinese texts whose placeholders the compiler fills', () => {
    for (let i = 1; i <= 14; i++) {
      const code = `V${String(i).padStart(3, '0')}` as keyof typeof DIAGNOSTIC_CODES;
      const def = DIAGNOSTIC_CODES[code];
      expect(def, code).toBeDefined();
      expect(def.en.length).toBeGreaterThan(0);
      expect(/[\u4e00-\u9fa5]/.test(def.zh)).toBe(true);
    }
    const samples: [string, string][] = [
      ['16x', 'A{'],
      ['3!n', '1'],
      ['16x', 'A'.repeat(17)],
      ['FMT3!n', 'X'],
      ['BKIND', '555'],
      ['DATE', '20230229'],
      ['TIME', '250000'],
      ['BIC', 'B'],
      ['AMOUNT', '1'],
      ['CCY AMOUNT', 'JPY1,1'],
      ['4*35x', 'A\r\nB\r\nC\r\nD\r\nE'],
      ['REF', 'A B'],
      ['4*35x', 'A'.repeat(36)],
      ['4*35x', 'A\r\n-B'],
      ['3g', '张三'],
    ];
    const seen = new Set<string>();
    for (const [n, raw] of samples) {
      for (const p of parse(n, raw).problems) {
        seen.add(p.code);
        const def = DIAGNOSTIC_CODES[p.code as keyof typeof DIAGNOSTIC_CODES];
        for (const text of [def.en, def.zh]) {
          for (const m of text.matchAll(/\{(\w+)\}/g)) expect(p.params, `${p.code} ${m[1]}`).toHaveProperty(m[1]!);
        }
      }
    }
    expect([...seen].sort()).toEqual(['V001', 'V002', 'V003', 'V004', 'V005', 'V006', 'V007', 'V008', 'V009', 'V010', 'V011', 'V012', 'V013', 'V014']);
  });
});

// -------------------------------------------------------------------------------------------------

/**
 * The compiled validator (fast.ts) must agree with the full reader on every input: `test` is
 * true exactly when the reader finds no problem, the fast outcome exists exactly then and holds
 * the same value, and `parse` returns the reader's problems and value.
 */
function checkAgreement(f: CompiledFormat, numRuns: number, examples: readonly string[] = []): void {
  const { reader, fast, fastTest } = parsersOf(f);
  const unit = fc.oneof(
    fc.constantFrom(
      '\r\n', '\r', '\n', '/', ',', ' ', ':', '-', '0', '9', '1', 'A', 'F', 'Z', 'a', '{', '#', '&', '张', '，',
      '\u{20000}', '\ud800', '\udc00', '\ufe10', '\ue78d', 'USD', 'JPY', 'KWD', '0,', '/ACCNAT/', 'FMT', '20240229', '\r\n:', '\r\n-',
    ),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  const valid = formatArbitrary(f, ctx);
  const raw = fc.oneof(
    valid,
    fc.array(unit, { maxLength: 40 }).map((a) => a.join('')),
    valid.chain((v) => fc.tuple(fc.nat(v.length), unit).map(([i, u]) => v.slice(0, i) + u + v.slice(i))),
    valid.chain((v) => fc.nat(v.length).map((i) => v.slice(0, i) + v.slice(i + 1))),
    valid.chain((v) => fc.tuple(fc.nat(v.length), unit).map(([i, u]) => v.slice(0, i) + u + v.slice(i + 1))),
  );
  const hints = fc.option(fc.record({ currency: fc.constantFrom('USD', 'JPY', 'KWD', 'XXX') }), { nil: undefined });
  const context = fc.constantFrom(ctx, BANK_CTX);
  let validSeen = 0;
  fc.assert(
    fc.property(raw, hints, context, (s, h, c) => {
      const full = reader(s, c, h);
      const ok = full.problems.length === 0;
      if (ok) validSeen++;
      const quick = fast(s, c, h);
      expect(fastTest(s, c, h), JSON.stringify(s)).toBe(ok);
      expect(f.test(s, c, h), JSON.stringify(s)).toBe(ok);
      if (ok) {
        expect(quick, JSON.stringify(s)).toBeDefined();
        expect(quick!.problems).toEqual([]);
        expect(sameValue(quick!.value, full.value), JSON.stringify(s)).toBe(true);
      } else expect(quick, JSON.stringify(s)).toBeUndefined();
      const out = f.parse(s, c, h);
      expect(out.problems).toEqual(full.problems);
      expect(sameValue(out.value, full.value)).toBe(true);
    }),
    { numRuns, examples: examples.map((e) => [e, undefined, ctx] as [string, undefined, typeof ctx]) },
  );
  expect(validSeen, 'some inputs are valid').toBeGreaterThan(0);
}

describe('properties over every notation of fields.md', () => {
  const hasDecimal = (n: string): boolean => /\d+d|AMOUNT/.test(n);

  for (const notation of FIELDS_MD_NOTATIONS) {
    const f = compileFormat(notation);
    it(`${JSON.stringify(notation)}: generated values parse cleanly and round-trip`, () => {
      fc.assert(
        fc.property(formatArbitrary(f, ctx), (raw) => {
          const out = f.parse(raw, ctx);
          expect(out.problems, JSON.stringify(raw)).toEqual([]);
          expect(out.value).toBeDefined();
          const again = f.parse(f.serialize(out.value!), ctx);
          expect(again.problems).toEqual([]);
          expect(typedEqual(again.value, out.value), JSON.stringify(raw)).toBe(true);
          // without decimals, the canonical form is the text itself
          if (!hasDecimal(notation)) expect(f.serialize(out.value!)).toBe(raw);
        }),
        { numRuns: notation === '9999*78g' ? 30 : 150 },
      );
    });

    it(`${JSON.stringify(notation)}: random input never throws and problems stay inside the value`, () => {
      const unit = fc.oneof(
        fc.constantFrom('\r\n', '\r', '\n', '/', ',', ' ', ':', '-', '0', '9', 'A', 'Z', 'a', '{', '张', '\u{20000}', '\ud800'),
        fc.string({ unit: 'binary', maxLength: 3 }),
      );
      const raw = fc.oneof(
        fc.array(unit, { maxLength: 40 }).map((a) => a.join('')),
        formatArbitrary(f, ctx).chain((v) => fc.tuple(fc.nat(v.length), unit).map(([i, u]) => v.slice(0, i) + u + v.slice(i))),
        formatArbitrary(f, ctx).chain((v) => fc.nat(v.length).map((i) => v.slice(0, i) + v.slice(i + 1))),
      );
      fc.assert(
        fc.property(raw, (s) => {
          const out = f.parse(s, ctx);
          expect(Array.isArray(out.problems)).toBe(true);
          for (const p of out.problems) {
            expect(p.code).toMatch(/^V0\d\d$/);
            expect(p.code === 'V004' && String(p.params['found']).startsWith('an internal error')).toBe(false);
            expect(p.index).toBeGreaterThanOrEqual(0);
            expect(p.length).toBeGreaterThanOrEqual(0);
            expect(p.index + p.length).toBeLessThanOrEqual(s.length);
          }
          if (out.value !== undefined && out.problems.length === 0) {
            expect(typedEqual(f.parse(f.serialize(out.value), ctx).value, out.value)).toBe(true);
          }
        }),
        { numRuns: 200 },
      );
    });

    it(`${JSON.stringify(notation)}: the compiled validator agrees with the full reader (parse and test)`, () => {
      checkAgreement(f, notation === '9999*78g' ? 100 : 300);
    });
  }

  it('parsing is linear: large inputs are read quickly', () => {
    const big = `${'A'.repeat(50_000)}\r\n`.repeat(20) + '张'.repeat(100_000);
    for (const notation of FIELDS_MD_NOTATIONS) {
      const t0 = performance.now();
      compileFormat(notation).parse(big, ctx);
      expect(performance.now() - t0, notation).toBeLessThan(3000);
    }
  });
});

describe('the envelope header formats (blocks 3, 5, 7)', () => {
  const formats = [...new Set(Object.values(HEADER_TAGS).flatMap((defs) => defs.map((d) => d.format)))].filter((f) => f !== '');
  it('are the ones the envelope checks with', () => {
    expect(formats).toEqual(expect.arrayContaining(['FMT3!n', '32h', '4096b', '12!h']));
  });
  for (const notation of formats) {
    it(`${JSON.stringify(notation)}: the compiled validator agrees with the full reader (parse and test)`, () => {
      checkAgreement(compileFormat(notation), 300);
    });
  }
});

describe('the compiled validator on corner cases of the reading rules', () => {
  /** Notations the standard does not use, each hitting a rule of the reader in another way. */
  const CORNERS: readonly [string, CompileOptions?, (readonly string[])?][] = [
    ['[3!c]/5n'], // an optional part starting with a component, followed by a literal
    ['[2!a]3!n'],
    ['[29g]/3!a'],
    ['REF 10g'], // no space, followed by a component (longest run of x, then V012)
    ['ACCT 4!g'],
    ['16x 10g', { rules: [{ noSpace: true }] }],
    ['3!n 16x', { rules: [{ codeTable: 'BKIND' }, { noSpace: true }] }],
    ['3!a', { rules: [{ codeTable: 'CHARGES' }] }],
    ['10g 2!n'], // g followed by a component: bytes, longest run
    ['4!g 3!n'], // g exact, followed by a component
    ['4!g 10g'],
    ['BIC 3!n'],
    ['BIC/3!n'],
    ['12d CCY'],
    ['AMOUNT CCY'], // the currency after the amount
    ['[CCY] AMOUNT'], // an optional currency: absent, no decimals check (not the hint)
    ['DATE [TIME]'],
    ['2*5x CRLF 3!n'], // lines followed by a line break
    ['2*5g [CRLF /3!n]'],
    ['3!n CRLF [/ACCT] CRLF 4*35x'], // an optional line in the middle
    ['[/5n] CRLF [3!a] CRLF 2*10x'],
    ['5n[/5n[/5n]]'], // nested optional parts
    ['[3!c]'],
    ['2!n3!a AMOUNT'],
    ['3x 3!n', { rules: [{ noSpace: true }] }, ['AB 123', 'A B123', 'ABC123', 'AB123']], // no space, followed by a component (generated code)
    ['4!x CCY', { rules: [{ noSpace: true }] }],
    ['3!a"\\\'$3!n', undefined, ['ABC"\\\'$123', 'ABC"\\\'123']], // quotes and a backslash in a literal: data, not code, in the generated fast path
  ];
  for (const [notation, options, examples] of CORNERS) {
    it(`${JSON.stringify(notation)}${options !== undefined ? ` ${JSON.stringify(options)}` : ''}`, () => {
      checkAgreement(compileFormat(notation, options), 400, examples);
    });
  }
});
