/**
 * fast-check generators of valid raw values for a compiled format: real calendar dates, valid
 * times and BICs, codes and currencies of the context's tables, amounts of up to the format's
 * length with no more decimals than the currency allows, `g` text mixing ASCII and Chinese (and
 * the odd four-byte GB18030 character) within the byte limit. Every generated value parses
 * without problems, and parsing reads back exactly the parts that were generated (the
 * generator avoids the few ambiguous spellings: a name line starting with `/` after an absent
 * `[/ACCT]`, a continuation line starting with `:` or `-`, a character that would end a
 * component early).
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { DECIMAL_COMMA_COUNTS, asciiAlphabet, type CharType } from '../notation/charsets.js';
import { daysInMonth } from '../notation/checks.js';
import { compiledTreeOf, type CompNode, type CompiledTree, type RNode } from '../notation/compile.js';
import type { CompiledFormat } from '../notation/types.js';
import { gb18030Width } from '../notation/gb18030-width.js';
import type { NotationContext } from '../notation/types.js';

/** Realism of generated values. */
export interface ValueGenOptions {
  /**
   * Chinese characters in `g` text: `'never'` (ASCII only), `'sometimes'` (mixed; the default),
   * `'always'` (every line of a `g` value starts with a Chinese character).
   */
  readonly chinese?: 'never' | 'sometimes' | 'always';
  /** `'typical'` (the default): any length; `'limits'`: lengths, lines and digits at their maxima. */
  readonly sizes?: 'typical' | 'limits';
}

interface Env {
  readonly currency?: string;
  readonly gen: ValueGenOptions;
}

export function buildArbitrary(tree: CompiledTree, ctx: NotationContext, gen: ValueGenOptions = {}): Arbitrary<string> {
  if (tree.comps.some((c) => c.currency)) {
    const currencies = [...ctx.currencies.keys()];
    if (currencies.length === 0) throw new Error('the notation context has no currencies: cannot generate a CCY');
    return fc.constantFrom(...currencies).chain((currency) => listArb(tree.nodes, { currency, gen }, ctx));
  }
  return listArb(tree.nodes, { gen }, ctx);
}

function listArb(nodes: readonly RNode[], env: Env, ctx: NotationContext): Arbitrary<string> {
  if (nodes.length === 0) return fc.constant('');
  const parts: Arbitrary<string | null>[] = nodes.map((n) => nodeArb(n, env, ctx));
  return fc.tuple(...parts).map((values) => {
    let s = '';
    let skipBreak = false;
    nodes.forEach((node, i) => {
      const v = values[i] ?? null;
      if (node.kind === 'crlf' && skipBreak) {
        skipBreak = false;
        return;
      }
      skipBreak = node.kind === 'opt' && v === null && node.elidesBreak;
      if (v !== null) s += v;
    });
    return s;
  });
}

function nodeArb(node: RNode, env: Env, ctx: NotationContext): Arbitrary<string | null> {
  switch (node.kind) {
    case 'lit':
      return fc.constant(node.text);
    case 'crlf':
      return fc.constant('\r\n');
    case 'comp':
      return compArb(node, env, ctx, '');
    case 'opt': {
      const first = node.nodes[0];
      // A part that starts with a component is present iff the next character cannot start what
      // follows the part: its first character must not be one of those.
      const inner =
        first !== undefined && first.kind === 'comp'
          ? fc.tuple(compArb(first, env, ctx, node.follow.chars), listArb(node.nodes.slice(1), env, ctx)).map(([head, rest]) => head + rest)
          : listArb(node.nodes, env, ctx);
      return fc.oneof(fc.constant(null), inner);
    }
  }
}

function without(alphabet: string, drop: string): string {
  let s = '';
  for (const ch of alphabet) if (!drop.includes(ch)) s += ch;
  return s;
}

const DIGITS = '0123456789';
const LETTERS = asciiAlphabet('a');
const ALNUM = asciiAlphabet('c');

function fixed(alphabet: string, n: number): Arbitrary<string> {
  return fc.array(fc.constantFrom(...alphabet), { minLength: n, maxLength: n }).map((a) => a.join(''));
}

function compArb(c: CompNode, env: Env, ctx: NotationContext, extraAvoid: string): Arbitrary<string> {
  if (c.bic) {
    return fc
      .tuple(fixed(LETTERS, 4), fixed(LETTERS, 2), fixed(ALNUM, 2), fc.option(fixed(ALNUM, 3), { nil: '' }))
      .map((p) => p.join(''));
  }
  if (c.date) return dateArb();
  if (c.time) {
    return fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
      .map((t) => t.map((v) => String(v).padStart(2, '0')).join(''));
  }
  if (c.currency) {
    if (env.currency !== undefined) return fc.constant(env.currency);
    return fc.constantFrom(...ctx.currencies.keys());
  }
  if (c.codeTable !== undefined) {
    const codes = [...(ctx.codeTables.get(c.codeTable)?.keys() ?? [])];
    if (codes.length > 0) return fc.constantFrom(...codes);
  }
  if (c.type === 'd') {
    const minor = c.amount ? (env.currency !== undefined ? (ctx.currencies.get(env.currency) ?? 2) : 2) : 4;
    return decimalArb(DECIMAL_COMMA_COUNTS ? c.max : c.max + 1, minor, c.amount, env.gen.sizes === 'limits');
  }
  const exclude = without(c.multi ? '' : c.follow.chars, '\r\n') + (c.noSpace ? ' ' : '');
  const avoid = c.avoidFirst + extraAvoid;
  if (!c.multi) return lineArb(c, exclude, avoid, env.gen);
  const limits = env.gen.sizes === 'limits';
  return fc
    .tuple(
      lineArb(c, exclude, avoid, env.gen),
      fc.array(lineArb(c, exclude, avoid + ':-', env.gen), { minLength: limits ? c.lines - 1 : 0, maxLength: c.lines - 1 }),
    )
    .map(([first, rest]) => [first, ...rest].join('\r\n'));
}

/** Real calendar dates 1901–2099, with leap days (29 February) well represented. */
function dateArb(): Arbitrary<string> {
  const ymd = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  const any = fc
    .tuple(fc.integer({ min: 1901, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => ymd(y, m, Math.min(d, daysInMonth(y, m))));
  const leapDay = fc.integer({ min: 476, max: 524 }).map((k) => ymd(k * 4, 2, 29));
  return fc.oneof({ arbitrary: any, weight: 4 }, { arbitrary: leapDay, weight: 1 });
}

/**
 * Decimals (`d`) of at most `max` characters, comma included, with 0..`minor` decimals. For an
 * AMOUNT no leading zeros (a lone 0 before the comma is fine).
 */
function decimalArb(max: number, minor: number, amount: boolean, limits = false): Arbitrary<string> {
  const maxDec = Math.max(0, Math.min(minor, max - 2));
  const digit = fc.constantFrom(...DIGITS);
  const random = fc
    .tuple(
      fc.integer({ min: 0, max: maxDec }),
      fc.integer({ min: 1, max: max - 1 }),
      fc.array(digit, { minLength: max, maxLength: max }),
      fc.array(digit, { minLength: maxDec, maxLength: maxDec }),
    )
    .map(([dec, intLen, ints, fracs]) => {
      const n = Math.max(1, Math.min(intLen, max - 1 - dec));
      let int = ints.slice(0, n).join('');
      if (amount && int.length > 1 && int.startsWith('0')) int = `1${int.slice(1)}`;
      return `${int},${fracs.slice(0, dec).join('')}`;
    });
  const largest = `${'9'.repeat(max - 1 - maxDec)},${'9'.repeat(maxDec)}`;
  const smallest = maxDec > 0 ? `0,${'0'.repeat(maxDec - 1)}1` : '1,';
  if (limits) {
    // Every character used: all integer digits, or all decimals the currency allows.
    const full = fc
      .tuple(fc.constantFrom(...'123456789'), fc.array(digit, { minLength: max - 2 - maxDec, maxLength: max - 2 - maxDec }), fc.array(digit, { minLength: maxDec, maxLength: maxDec }))
      .map(([h, ints, fracs]) => `${h}${ints.join('')},${fracs.join('')}`);
    return fc.oneof({ arbitrary: full, weight: 4 }, fc.constant(largest));
  }
  return fc.oneof({ arbitrary: random, weight: 8 }, fc.constant('0,'), fc.constant(largest), fc.constant(smallest));
}

/**
 * A few characters outside the two-byte area (4 bytes in GB18030), and two-byte punctuation;
 * each list also holds characters whose width GB18030-2022 changed (U+E78D: 4 bytes, U+FE10
 * and U+9FB4: 2 bytes, as `encodeText` writes them; GB18030-2005 has them the other way round).
 */
const FOUR_BYTE = ['\u{20000}', '\u{20BB7}', '\u9FA6', '\u00C0', '\uE78D'].filter((ch) => gb18030Width(ch.codePointAt(0)!) === 4);
const TWO_BYTE_PUNCT = ['，', '。', '（', '）', '、', '：', '€', '\uFE10', '\u9FB4'].filter((ch) => gb18030Width(ch.codePointAt(0)!) === 2);

function lineArb(c: CompNode, exclude: string, avoid: string, gen: ValueGenOptions = {}): Arbitrary<string> {
  const type: CharType = c.type;
  const limits = gen.sizes === 'limits';
  const min = c.exact || limits ? c.max : 1;
  if (type !== 'g') {
    const alphabet = without(asciiAlphabet(type), exclude);
    const firstAlphabet = without(alphabet, avoid);
    return fc
      .tuple(fc.constantFrom(...firstAlphabet), fc.array(fc.constantFrom(...alphabet), { minLength: min - 1, maxLength: c.max - 1 }))
      .map(([h, t]) => h + t.join(''));
  }
  const ascii = without(asciiAlphabet('x'), exclude);
  const chinese = gen.chinese ?? 'sometimes';
  const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCharCode(cp));
  const unit = (drop: string): Arbitrary<string> =>
    chinese === 'never'
      ? fc.constantFrom(...without(ascii, drop))
      : fc.oneof(
      { arbitrary: fc.constantFrom(...without(ascii, drop)), weight: 4 },
      { arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCharCode(cp)), weight: 4 },
      { arbitrary: fc.constantFrom(...TWO_BYTE_PUNCT), weight: 1 },
      { arbitrary: fc.constantFrom(...FOUR_BYTE), weight: 1 },
    );
  const fallback = without(ascii, avoid).charAt(0) || 'A';
  const head = chinese === 'always' && c.max >= 2 ? han : unit(avoid);
  return fc.tuple(head, fc.array(unit(''), { minLength: limits ? c.max : 0, maxLength: c.max })).map(([h, t]) => {
    let s = '';
    let bytes = 0;
    for (const ch of [h, ...t]) {
      const w = gb18030Width(ch.codePointAt(0)!);
      if (bytes + w > c.max) break;
      s += ch;
      bytes += w;
    }
    if (s.length === 0) {
      s = fallback;
      bytes = 1;
    }
    if (c.exact || limits) while (bytes < c.max) (s += 'A'), bytes++;
    return s;
  });
}

/** A fast-check arbitrary of valid raw values of a compiled format, under a notation context. */
export function formatArbitrary(format: CompiledFormat, ctx: NotationContext, gen: ValueGenOptions = {}): Arbitrary<string> {
  return buildArbitrary(compiledTreeOf(format), ctx, gen);
}
