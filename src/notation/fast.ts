/**
 * The fast path of `CompiledFormat.parse` and `CompiledFormat.test`: a validator compiled once per
 * format into specialized closures (one per node of the compiled tree), run once per value.
 *
 * It follows exactly the reading rules of the one-pass reader in compile.ts (same extents, same
 * optional-part decisions, same line handling), but records only positions (in typed arrays
 * owned by the format) and gives up (`FAIL`) at the first point where the reader would report a
 * problem. So for a value that has no problem it reaches the end and the value is built from the
 * positions; for any other value it fails, and `parse` runs the reader, which reports every
 * problem. The reader stays the single definition of the problems; this file only has to agree
 * with it on which values have none (test/notation.test.ts checks both directions on random
 * input for every notation of the standard).
 *
 * Per character the validator does one `charCodeAt` and one table look-up (a `Uint8Array`
 * indexed by the code unit: the component's ASCII characters, GB18030 widths), and long ASCII
 * runs go to a sticky one-class regular expression; nothing is allocated until the value is
 * built. `test` allocates nothing at all for a valid value: code tables and currencies are looked
 * up by a number packed from the code's characters (see `packedKeys`), not by a sliced string.
 */
import Big from 'big.js';
import { DECIMAL_COMMA_COUNTS, inCharset } from './charsets.js';
import { daysInMonth } from './checks.js';
import { GB18030_WIDTHS } from './gb18030-width.js';
import type { CompNode, CompiledTree, OptNode, RNode } from './compile.js';
import type { NotationContext, ParseHints, ParseOutcome, TypedValue, ValueProblem } from './types.js';
import { generateValue, type FastHelpers } from './fast-code.js';

/** The problems of every valid value: one shared, frozen empty array. */
export const NO_PROBLEMS: readonly ValueProblem[] = Object.freeze([]) as readonly ValueProblem[];

/** A step returns the position after what it read, or FAIL when the reader would report a problem. */
const FAIL = -1;
type Step = (raw: string, pos: number) => number;

/** What `FastPath.value` returns when the value has a problem (or the fast path cannot tell). */
export const NOT_FAST: unique symbol = Symbol('not read by the fast path');

export interface FastPath {
  /** The outcome of a value without problems, else undefined (then run the reader). */
  parse(raw: string, ctx: NotationContext, hints: ParseHints | undefined): ParseOutcome | undefined;
  /**
   * `parse(…)?.value` without the outcome object: the value of a value without problems, else
   * `NOT_FAST` (then run the reader).
   */
  value(raw: string, ctx: NotationContext, hints: ParseHints | undefined): TypedValue | undefined | typeof NOT_FAST;
  /** True when the value has no problem (false: it has one, or the fast path cannot tell). */
  test(raw: string, ctx: NotationContext, hints: ParseHints | undefined): boolean;
  /**
   * For a one-component format (`simpleRun`): true when `raw` is valid, and its value is `raw`
   * itself; false: `value` decides. Undefined for other formats.
   */
  readonly simple: ((raw: string, ctx: NotationContext) => boolean) | undefined;
  /** For a one-component format of lines (`simpleLines`): its value, or undefined (`value` decides). */
  readonly lines: ((raw: string) => string[] | undefined) | undefined;
}

// ---------------------------------------------------------------------------------------------
// Character tables

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const COMMA = 0x2c;
const COLON = 0x3a;
const HYPHEN = 0x2d;
const ZERO = 0x30;

/** The ASCII code units of `chars` (the first characters of what follows a node). */
function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    if (c < 128) t[c] = 1;
  }
  return t;
}

/** @internal The ASCII code units of the component's type, minus `stops`, minus the space when `noSpace`. */
export function runTable(c: CompNode, stops: Uint8Array | undefined, noSpace: boolean): Uint8Array {
  const t = new Uint8Array(128);
  for (let u = 0; u < 128; u++) {
    if (!inCharset(c.type, u)) continue;
    if (stops !== undefined && stops[u] === 1) continue;
    if (noSpace && u === SPACE) continue;
    t[u] = 1;
  }
  return t;
}

/** GB18030 width of each UTF-16 code unit (0: a surrogate). */
const WIDTH = GB18030_WIDTHS;

/**
 * A sticky regular expression matching a run of the table's characters (`[…]*`: one character
 * class, linear). For long runs it is 2–3× faster than a `charCodeAt` loop (irregexp compiles
 * it to native code; the loop pays for the string representation on every character); for a
 * few characters the loop is faster, so the scanners below start with the loop.
 */
function runRegExp(run: Uint8Array): RegExp {
  const cls = classSource(run);
  return new RegExp(cls === '' ? '(?:)' : `${cls}*`, 'y');
}

/** @internal The table's characters as one regular-expression class (`[\x30-\x39…]`; '' for none). */
export function classSource(run: Uint8Array): string {
  const hex = (u: number): string => `\\x${u.toString(16).padStart(2, '0')}`;
  let cls = '';
  for (let u = 0; u < 128; u++) {
    if (run[u] !== 1) continue;
    let last = u;
    while (last + 1 < 128 && run[last + 1] === 1) last++;
    cls += last - u >= 2 ? `${hex(u)}-${hex(last)}` : last > u ? hex(u) + hex(last) : hex(u);
    u = last;
  }
  return cls === '' ? '' : `[${cls}]`;
}

/** Characters read one by one before a scanner hands a run over to its regular expression. */
const LOOP_CHARS = 64;

/**
 * Values this much longer than the loop's reach (signatures, long texts) are one run in practice:
 * they go to the regular expression at once.
 */
const LONG_VALUE = 4 * LOOP_CHARS;

/** End of the run of `run` characters (ASCII only) that starts at `a`. */
function scanRun(raw: string, a: number, run: Uint8Array, re: RegExp): number {
  const n = raw.length;
  let i = a;
  if (n - a > LONG_VALUE) {
    re.lastIndex = a;
    re.test(raw);
    return re.lastIndex;
  }
  const lim = a + LOOP_CHARS < n ? a + LOOP_CHARS : n;
  while (i < lim) {
    const u = raw.charCodeAt(i);
    if (u >= 128 || run[u] === 0) return i;
    i++;
  }
  if (i === n) return i;
  re.lastIndex = i;
  re.test(raw);
  return re.lastIndex;
}

/**
 * The table a `g` component scans with: for each UTF-16 code unit its GB18030 width, 0 for an
 * ASCII character outside the component's `run` and for the surrogates. One 64 KiB table per
 * distinct `run` (the standard's formats all share one).
 */
function widthTable(run: Uint8Array): Uint8Array {
  const key = String.fromCharCode(...run);
  let t = WIDTH_TABLES.get(key);
  if (t === undefined) {
    t = WIDTH.slice();
    t.set(run);
    WIDTH_TABLES.set(key, t);
  }
  return t;
}
const WIDTH_TABLES = new Map<string, Uint8Array>();

/** GB18030 bytes of the last `scanG` run. */
let scannedBytes = 0;

/**
 * End of the run of `g` characters that starts at `a` (by `widthTable`: ASCII ones of the
 * component, any other except a lone surrogate), its length in GB18030 bytes in
 * `scannedBytes`; FAIL at a lone surrogate. An ASCII start goes through `scanRun` (an all-ASCII
 * line at regular-expression speed); then one look-up per character gives both the verdict and
 * the width.
 */
function scanG(raw: string, a: number, run: Uint8Array, re: RegExp, widths: Uint8Array): number {
  const n = raw.length;
  let i = scanRun(raw, a, run, re);
  let bytes = i - a;
  for (;;) {
    while (i < n) {
      const w = widths[raw.charCodeAt(i)]!;
      if (w === 0) break;
      bytes += w;
      i++;
    }
    if (i >= n) break;
    const u = raw.charCodeAt(i);
    if (u < 0xd800 || u > 0xdfff) break; // an ASCII character that ends the run
    const v = raw.charCodeAt(i + 1);
    if (u > 0xdbff || !(v >= 0xdc00 && v <= 0xdfff)) return FAIL;
    bytes += 4;
    i += 2;
  }
  scannedBytes = bytes;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Checks on positions (the rules of checks.ts, as booleans, without slicing)

function allDigits(raw: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = raw.charCodeAt(i);
    if (c < ZERO || c > 0x39) return false;
  }
  return true;
}

const num2 = (raw: string, i: number): number => (raw.charCodeAt(i) - ZERO) * 10 + raw.charCodeAt(i + 1) - ZERO;

/** checkCalendarDate finds nothing. */
function dateOk(raw: string, a: number, b: number): boolean {
  if (b - a !== 8 || !allDigits(raw, a, b)) return true;
  const y = num2(raw, a) * 100 + num2(raw, a + 2);
  const m = num2(raw, a + 4);
  const d = num2(raw, a + 6);
  return y !== 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** checkTimeOfDay finds nothing. */
function timeOk(raw: string, a: number, b: number): boolean {
  if (b - a !== 6 || !allDigits(raw, a, b)) return true;
  return num2(raw, a) <= 23 && num2(raw, a + 2) <= 59 && num2(raw, a + 4) <= 59;
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isUpperOrDigit = (c: number): boolean => isUpper(c) || (c >= ZERO && c <= 0x39);

/** The table holds every character of A–Z and 0–9. */
function coversUpperAlnum(run: Uint8Array): boolean {
  for (let u = ZERO; u <= 0x5a; u++) if ((u <= 0x39 || u >= 0x41) && run[u] !== 1) return false;
  return true;
}

/** checkBic finds nothing. */
function bicOk(raw: string, a: number, b: number): boolean {
  const len = b - a;
  if (len !== 8 && len !== 11) return false;
  for (let i = 0; i < 6; i++) if (!isUpper(raw.charCodeAt(a + i))) return false;
  for (let i = 6; i < len; i++) if (!isUpperOrDigit(raw.charCodeAt(a + i))) return false;
  return true;
}

/**
 * checkDecimal finds nothing in `raw[a, b)` (digits and commas only): exactly one comma, a digit
 * before it, and for an amount no leading zero. Returns the comma's index, else FAIL.
 */
function decimalComma(raw: string, a: number, b: number, amount: boolean): number {
  let comma = FAIL;
  for (let i = a; i < b; i++) {
    if (raw.charCodeAt(i) !== COMMA) continue;
    if (comma !== FAIL) return FAIL;
    comma = i;
  }
  if (comma === FAIL || comma === a) return FAIL;
  if (amount && comma - a > 1 && raw.charCodeAt(a) === ZERO) return FAIL;
  return comma;
}

// ---------------------------------------------------------------------------------------------
// Values from positions

/**
 * The Big of the decimal `raw[a, b)` whose comma is at `comma` (already checked). Built directly
 * from the digits in big.js's documented representation (sign `s`, exponent `e`, coefficient
 * digits `c`; big.js README, "The value of a Big number is stored…"), exactly as its own string
 * parser builds it, about 15× faster; `BIG_DIRECT` falls back to `new Big(string)` should a
 * big.js version ever build them differently.
 */
function bigAt(raw: string, a: number, comma: number, b: number): Big {
  if (BIG_DIRECT) return bigDirect(raw, a, comma, b);
  const frac = raw.slice(comma + 1, b);
  return new Big(frac.length > 0 ? `${raw.slice(a, comma)}.${frac}` : raw.slice(a, comma));
}

interface BigFields {
  s: number;
  e: number;
  c: number[];
  constructor: unknown;
}

/** Objects whose prototype is Big.prototype (so `instanceof Big` holds); `bigDirect` sets the fields. */
function BigShell(): void {}
BigShell.prototype = Big.prototype;
const Shell = BigShell as unknown as new () => BigFields;

/** big.js's `parse` on the digits of `raw[a, comma)` + `raw(comma, b)`: no leading or trailing zeros in `c`. */
function bigDirect(raw: string, a: number, comma: number, b: number): Big {
  const intLen = comma - a;
  let first = -1;
  let last = -1;
  for (let i = a; i < comma; i++) {
    if (raw.charCodeAt(i) === ZERO) continue;
    if (first < 0) first = i - a;
    last = i - a;
  }
  for (let i = comma + 1; i < b; i++) {
    if (raw.charCodeAt(i) === ZERO) continue;
    if (first < 0) first = intLen + i - comma - 1;
    last = intLen + i - comma - 1;
  }
  const x = new Shell();
  x.s = 1;
  if (first < 0) {
    x.e = 0;
    x.c = [0];
  } else {
    x.e = intLen - first - 1;
    // Digit j of the coefficient is raw[a + j] before the comma, raw[comma + 1 + j - intLen] after.
    const c: number[] = [];
    let j = first;
    for (; j <= last && j < intLen; j++) c.push(raw.charCodeAt(a + j) - ZERO);
    for (const shift = comma + 1 - intLen; j <= last; j++) c.push(raw.charCodeAt(shift + j) - ZERO);
    x.c = c;
  }
  x.constructor = Big;
  return x as unknown as Big;
}

/** True when `bigDirect` builds the same objects as `new Big(string)` (checked once, at load). */
const BIG_DIRECT: boolean = (() => {
  const fields = (x: unknown): string => {
    const f = x as BigFields;
    return JSON.stringify([x instanceof Big, Object.keys(f), f.s, f.e, f.c, f.constructor === Big, String(x)]);
  };
  try {
    for (const [text, decimal] of [
      ['125000,00', '125000.00'],
      ['0,', '0'],
      ['007,50', '007.50'],
      ['0,001', '0.001'],
      ['10,', '10'],
    ] as const) {
      if (fields(bigDirect(text, 0, text.indexOf(','), text.length)) !== fields(new Big(decimal))) return false;
    }
    return true;
  } catch {
    return false;
  }
})();

// ---------------------------------------------------------------------------------------------
// Code tables and currencies without slicing: a code of 1–4 ASCII characters packed in a number

/** `1 c1 c2 …` in base 128 (distinct for distinct strings of length ≤ 4), else -1. */
function packAt(raw: string, a: number, b: number): number {
  if (b - a > 4 || b <= a) return -1;
  let k = 1;
  for (let i = a; i < b; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128) return -1;
    k = k * 128 + c;
  }
  return k;
}

interface Packed {
  readonly size: number;
  readonly keys: Map<number, unknown>;
}
const PACKED = new WeakMap<ReadonlyMap<string, unknown>, Packed>();

/**
 * The packable keys of a context map, packed (cached per map object; rebuilt if its size
 * changes: context maps are read-only data, see NotationContext).
 */
function packedKeys(m: ReadonlyMap<string, unknown>): Map<number, unknown> {
  const hit = PACKED.get(m);
  if (hit !== undefined && hit.size === m.size) return hit.keys;
  const keys = new Map<number, unknown>();
  for (const [k, v] of m) {
    const p = packAt(k, 0, k.length);
    if (p >= 0) keys.set(p, v);
  }
  PACKED.set(m, { size: m.size, keys });
  return keys;
}

/**
 * A look-up site (one component's code table or currency list): remembers the last map it was
 * given, so that the usual case (the same context again) costs one comparison, not a WeakMap
 * look-up.
 */
class PackedSite {
  private map: ReadonlyMap<string, unknown> | undefined = undefined;
  private size = -1;
  private keys: Map<number, unknown> = new Map();

  private packed(m: ReadonlyMap<string, unknown>): Map<number, unknown> {
    if (m !== this.map || m.size !== this.size) {
      this.keys = packedKeys(m);
      this.map = m;
      this.size = m.size;
    }
    return this.keys;
  }

  /** `m.has(raw.slice(a, b))` without the slice (when the code is packable). */
  has(m: ReadonlyMap<string, unknown>, raw: string, a: number, b: number): boolean {
    const p = packAt(raw, a, b);
    return p >= 0 ? this.packed(m).has(p) : m.has(raw.slice(a, b));
  }

  /** `m.get(raw.slice(a, b))` without the slice (when the code is packable). */
  get(m: ReadonlyMap<string, number>, raw: string, a: number, b: number): number | undefined {
    const p = packAt(raw, a, b);
    return p >= 0 ? (this.packed(m).get(p) as number | undefined) : m.get(raw.slice(a, b));
  }
}

// ---------------------------------------------------------------------------------------------
// Compiling a tree

const never: Step = () => FAIL;

/** Sequence of steps (unrolled for short lists). */
function seq(steps: readonly Step[]): Step {
  switch (steps.length) {
    case 0:
      return (_raw, pos) => pos;
    case 1:
      return steps[0]!;
    case 2: {
      const [a, b] = steps as [Step, Step];
      return (raw, pos) => {
        const p = a(raw, pos);
        return p < 0 ? FAIL : b(raw, p);
      };
    }
    case 3: {
      const [a, b, c] = steps as [Step, Step, Step];
      return (raw, pos) => {
        let p = a(raw, pos);
        if (p < 0) return FAIL;
        p = b(raw, p);
        return p < 0 ? FAIL : c(raw, p);
      };
    }
    default: {
      const all = steps.slice();
      return (raw, pos) => {
        let p = pos;
        for (let i = 0; i < all.length && p >= 0; i++) p = all[i]!(raw, p);
        return p;
      };
    }
  }
}

function litStep(text: string): Step {
  if (text.length === 1) {
    const code = text.charCodeAt(0);
    return (raw, pos) => (raw.charCodeAt(pos) === code ? pos + 1 : FAIL);
  }
  const len = text.length;
  return (raw, pos) => (raw.startsWith(text, pos) ? pos + len : FAIL);
}

/** A line break (CRLF, or a bare LF); the next line must not start with ':' or '-' (V014). */
const crlfStep: Step = (raw, pos) => {
  const c = raw.charCodeAt(pos);
  let p: number;
  if (c === LF) p = pos + 1;
  else if (c === CR && raw.charCodeAt(pos + 1) === LF) p = pos + 2;
  else return FAIL;
  const d = raw.charCodeAt(p);
  return d === COLON || d === HYPHEN ? FAIL : p;
};

/**
 * For a format that is one plain single-line component (`16x`, `32h`, `12!h`, `4096b`, `REF`,
 * `BIC`, `DATE`, and the codes `DC`, `BKIND`, `CCY`: a charset, a length and at most a check on
 * the value itself or one look-up of it in the context), a test by one top-level function: true
 * when the whole value is a run of the component's characters of an allowed length that passes
 * its check. The closure tree below serves every format from shared code, so its calls and
 * property loads see every format's shapes; this path sees only strings, tables and one map. It
 * only ever says yes to a value the tree accepts too (false: the tree decides).
 */
function simpleRun(tree: CompiledTree): ((raw: string, ctx: NotationContext) => boolean) | undefined {
  const node = tree.nodes.length === 1 ? tree.nodes[0] : undefined;
  if (node === undefined || node.kind !== 'comp') return undefined;
  const c = node;
  if (c.type === 'g' || c.type === 'd' || c.multi || c.lines !== 1 || c.optional) return undefined;
  // A variable's rules are the component's flags; an amount (its decimals depend on a currency)
  // and combinations of checks are left to the tree.
  const checks = (c.bic ? 1 : 0) + (c.date ? 1 : 0) + (c.time ? 1 : 0) + (c.currency ? 1 : 0) + (c.codeTable !== undefined ? 1 : 0);
  if (c.amount || checks > 1) return undefined;
  const run = runTable(c, undefined, c.noSpace);
  const re = runRegExp(run);
  const max = c.max;
  const min = c.exact ? max : 1;
  if (c.bic) {
    // bicOk checks every character (six letters, then letters or digits): when the run holds
    // all of those, its scan could only agree.
    if (coversUpperAlnum(run)) return (raw) => bicOk(raw, 0, raw.length);
    return (raw) => bicOk(raw, 0, raw.length) && scanRun(raw, 0, run, re) === raw.length;
  }
  const fits = (raw: string): boolean => {
    const n = raw.length;
    return n >= min && n <= max && scanRun(raw, 0, run, re) === n;
  };
  // DATE (8!n) and TIME (6!n): dateOk/timeOk read the digits themselves once the length is right.
  const digitsOnly = c.type === 'n' && c.exact;
  if (c.date) return digitsOnly && max === 8 ? (raw) => raw.length === 8 && allDigits(raw, 0, 8) && dateOk(raw, 0, 8) : (raw) => fits(raw) && dateOk(raw, 0, raw.length);
  if (c.time) return digitsOnly && max === 6 ? (raw) => raw.length === 6 && allDigits(raw, 0, 6) && timeOk(raw, 0, 6) : (raw) => fits(raw) && timeOk(raw, 0, raw.length);
  // The reader's V005: a currency must be in the context's list; a code in its table when the
  // context has that table.
  if (c.currency) return (raw, ctx) => fits(raw) && ctx.currencies.has(raw);
  const table = c.codeTable;
  if (table !== undefined) {
    return (raw, ctx) => {
      if (!fits(raw)) return false;
      const codes = ctx.codeTables.get(table);
      return codes === undefined || codes.has(raw);
    };
  }
  return fits;
}

/**
 * For a format that is one plain `N*M` component of lines (`4*35x`, `6*35x`; not `g`, no
 * checks), its value by one top-level function: the lines, or undefined when the value is not
 * valid (then the tree decides). What the tree's `linesStep` reads, without its shared closures
 * and bounds arrays: each line a run of the component's characters of an allowed length, ended
 * by CRLF or LF (not at the end), at most N lines, none starting with `:` or `-`. The generated
 * value (fast-code.ts) reads these formats the same way; dropping this copy measured about 5%
 * slower on MT103 in three `bench/ab.ts` runs, so the compiled reader still calls it first.
 */
function simpleLines(tree: CompiledTree): ((raw: string) => string[] | undefined) | undefined {
  const node = tree.nodes.length === 1 ? tree.nodes[0] : undefined;
  if (node === undefined || node.kind !== 'comp') return undefined;
  const c = node;
  if (!c.multi || c.type === 'g' || c.type === 'd' || c.optional || c.follow.comp || c.follow.chars.length > 0) return undefined;
  if (c.bic || c.date || c.time || c.currency || c.amount || c.codeTable !== undefined) return undefined;
  const run = runTable(c, undefined, c.noSpace);
  const re = runRegExp(run);
  const { max, exact, lines } = c;
  return (raw) => {
    const n = raw.length;
    const out: string[] = [];
    let p = 0;
    for (;;) {
      const i = scanRun(raw, p, run, re);
      const units = i - p;
      if (units === 0 || units > max || (exact && units !== max) || out.length >= lines) return undefined;
      out.push(raw.slice(p, i));
      if (i >= n) return out;
      const u = raw.charCodeAt(i);
      if (u === LF) p = i + 1;
      else if (u === CR && raw.charCodeAt(i + 1) === LF) p = i + 2;
      else return undefined;
      const d = raw.charCodeAt(p);
      if (d === COLON || d === HYPHEN) return undefined;
    }
  };
}

/** What fast-code.ts's generated functions call. */
const HELPERS: FastHelpers = {
  notFast: NOT_FAST,
  decimalCommaCounts: DECIMAL_COMMA_COUNTS,
  charTable,
  runTable,
  runRegExp,
  scanRun,
  scanG,
  scannedBytes: () => scannedBytes,
  widthTable,
  width: WIDTH,
  bicOk,
  dateOk,
  timeOk,
  decimalComma,
  bigAt,
  site: () => new PackedSite(),
};

export function compileFastPath(tree: CompiledTree): FastPath {
  const comps = tree.comps;
  const count = comps.length;
  const indexOf = new Map<CompNode, number>();
  comps.forEach((c, i) => indexOf.set(c, i));
  /** Start, end and (`d`) comma index or (`N*M`) line count of each component read; start -1: absent. */
  const st = new Int32Array(count);
  const en = new Int32Array(count);
  const cm = new Int32Array(count);

  // -------------------------------------------------------------------------------------------
  // Components

  /**
   * The semantic checks of a single-line component on `raw[a, b)` (its charset and length are
   * right); records the component and returns `b`, else FAIL.
   */
  function finishSingle(c: CompNode, k: number): (raw: string, a: number, b: number) => number {
    if (c.bic) {
      return (raw, a, b) => {
        if (!bicOk(raw, a, b)) return FAIL;
        st[k] = a;
        en[k] = b;
        return b;
      };
    }
    if (c.type === 'd') {
      const amount = c.amount;
      return (raw, a, b) => {
        const comma = decimalComma(raw, a, b, amount);
        if (comma < 0) return FAIL;
        st[k] = a;
        en[k] = b;
        cm[k] = comma;
        return b;
      };
    }
    if (c.date || c.time) {
      const date = c.date;
      const time = c.time;
      return (raw, a, b) => {
        if (date && !dateOk(raw, a, b)) return FAIL;
        if (time && !timeOk(raw, a, b)) return FAIL;
        st[k] = a;
        en[k] = b;
        return b;
      };
    }
    return (raw, a, b) => {
      st[k] = a;
      en[k] = b;
      return b;
    };
  }

  /**
   * A single-line component that runs to the end of its line or to a character that can start
   * what follows (the reader's `extent` without a following component): every character must be
   * of its type, then comes the end, a line break or a stop character.
   */
  function runToStop(c: CompNode, k: number): Step {
    const stops = charTable(c.follow.chars);
    const run = runTable(c, stops, c.noSpace);
    const re = runRegExp(run);
    const g = c.type === 'g';
    const widths = g ? widthTable(run) : run;
    const max = c.max;
    const exact = c.exact;
    const done = finishSingle(c, k);
    // A BIC is checked by its own rule only (bicOk: 8 or 11 characters).
    const bic = c.bic;
    return (raw, pos) => {
      let i: number;
      let units: number;
      if (g) {
        i = scanG(raw, pos, run, re, widths);
        if (i < 0) return FAIL;
        units = scannedBytes;
      } else {
        i = scanRun(raw, pos, run, re);
        units = i - pos;
      }
      if (!bic && (units === 0 || units > max || (exact && units !== max))) return FAIL;
      if (i < raw.length) {
        const u = raw.charCodeAt(i);
        if (u !== LF && !(u < 128 && stops[u] === 1) && !(u === CR && raw.charCodeAt(i + 1) === LF)) return FAIL;
      }
      return done(raw, pos, i);
    };
  }

  /**
   * A single-line component followed by another component (`DATE CCY`, `4!n6!n`): exactly N
   * characters when fixed, else the longest run of its type, at most N (the reader's `extent`).
   */
  function runToLength(c: CompNode, k: number): Step {
    const stops = charTable(c.follow.chars);
    const max = c.max;
    const exact = c.exact;
    const noSpace = c.noSpace;
    const done = finishSingle(c, k);
    if (c.type !== 'g') {
      if (exact) {
        // Every one of the N characters must be of the type (a stop, a break or the end before
        // N characters: too short).
        const run = runTable(c, stops, noSpace);
        return (raw, pos) => {
          const end = pos + max;
          if (end > raw.length) return FAIL;
          for (let i = pos; i < end; i++) {
            const u = raw.charCodeAt(i);
            if (u >= 128 || run[u] === 0) return FAIL;
          }
          return done(raw, pos, end);
        };
      }
      const run = runTable(c, stops, false);
      return (raw, pos) => {
        const n = raw.length;
        const lim = pos + max < n ? pos + max : n;
        let i = pos;
        while (i < lim) {
          const u = raw.charCodeAt(i);
          if (u >= 128 || run[u] === 0) break;
          if (noSpace && u === SPACE) return FAIL;
          i++;
        }
        return i === pos ? FAIL : done(raw, pos, i);
      };
    }
    const type = runTable(c, undefined, false);
    return (raw, pos) => {
      const n = raw.length;
      let i = pos;
      let units = 0;
      while (i < n) {
        const u = raw.charCodeAt(i);
        if (u < 128) {
          if (stops[u] === 1 || u === LF || (u === CR && raw.charCodeAt(i + 1) === LF) || units + 1 > max) break;
          if (type[u] === 0) {
            if (exact) return FAIL;
            break;
          }
          if (noSpace && u === SPACE) return FAIL;
          units++;
          i++;
        } else if (u < 0xd800 || u > 0xdfff) {
          const w = WIDTH[u]!;
          if (units + w > max) break;
          units += w;
          i++;
        } else {
          // A lone surrogate is never valid, wherever it ends up.
          const v = raw.charCodeAt(i + 1);
          if (u > 0xdbff || !(v >= 0xdc00 && v <= 0xdfff)) return FAIL;
          if (units + 4 > max) break;
          units += 4;
          i += 2;
        }
      }
      if (exact ? units !== max : units === 0) return FAIL;
      return done(raw, pos, i);
    };
  }

  /** One line of an `N*M` component: characters of the type, then the end or a line break. */
  function lineScanner(c: CompNode): (raw: string, a: number) => number {
    const run = runTable(c, undefined, c.noSpace);
    const re = runRegExp(run);
    const g = c.type === 'g';
    const widths = g ? widthTable(run) : run;
    const max = c.max;
    const exact = c.exact;
    return (raw, a) => {
      let i: number;
      let units: number;
      if (g) {
        i = scanG(raw, a, run, re, widths);
        if (i < 0) return FAIL;
        units = scannedBytes;
      } else {
        i = scanRun(raw, a, run, re);
        units = i - a;
      }
      if (units === 0 || units > max || (exact && units !== max)) return FAIL;
      if (i < raw.length) {
        const u = raw.charCodeAt(i);
        if (u !== LF && !(u === CR && raw.charCodeAt(i + 1) === LF)) return FAIL;
      }
      return i;
    };
  }

  /**
   * Where the lines of each `N*M` component start and end (pairs, flattened; grown on demand),
   * so that `parse` slices them without searching for the line breaks again.
   */
  const lineBounds: Int32Array[] = comps.map(() => new Int32Array(0));

  /** An `N*M` component: whole lines, at most N when something follows, else all of them. */
  function linesStep(c: CompNode, k: number): Step {
    const line = lineScanner(c);
    const lines = c.lines;
    const unlimited = !c.follow.comp && c.follow.chars.length === 0;
    lineBounds[k] = new Int32Array(2 * Math.min(lines, 8));
    return (raw, pos) => {
      const n = raw.length;
      let bounds = lineBounds[k]!;
      let p = pos;
      let read = 0;
      for (;;) {
        const i = line(raw, p);
        if (i < 0) return FAIL;
        if (read >= lines) return FAIL; // V011
        if (2 * read + 2 > bounds.length) {
          const grown = new Int32Array(Math.min(2 * bounds.length, 2 * lines));
          grown.set(bounds);
          bounds = lineBounds[k] = grown;
        }
        bounds[2 * read] = p;
        bounds[2 * read + 1] = i;
        read++;
        if (i >= n || (!unlimited && read >= lines)) {
          p = i;
          break;
        }
        p = i + (raw.charCodeAt(i) === LF ? 1 : 2);
        const d = raw.charCodeAt(p);
        if (d === COLON || d === HYPHEN) return FAIL; // V014
      }
      st[k] = pos;
      en[k] = p;
      cm[k] = read;
      return p;
    };
  }

  /** The lines of the `N*M` component `k` (its line count is in `cm`). */
  function linesOf(raw: string, k: number): string[] {
    const bounds = lineBounds[k]!;
    const out: string[] = [];
    for (let j = 0; j < cm[k]!; j++) out.push(raw.slice(bounds[2 * j]!, bounds[2 * j + 1]!));
    return out;
  }

  function compStep(c: CompNode): Step {
    const k = indexOf.get(c)!;
    if (c.type === 'd' && !DECIMAL_COMMA_COUNTS) return never; // lengths in digits: the reader decides
    if (c.multi) return linesStep(c, k);
    return c.follow.comp ? runToLength(c, k) : runToStop(c, k);
  }

  // -------------------------------------------------------------------------------------------
  // Optional parts

  /** The reader's `present`: the part is there iff the next character can start it. */
  function presence(opt: OptNode): (raw: string, i: number) => boolean {
    const first = charTable(opt.first.chars);
    const anyFirst = opt.first.chars.length > 0;
    const breakFirst = opt.first.chars.includes('\r');
    const comp = opt.first.comp;
    const follow = charTable(opt.follow.chars);
    return (raw, i) => {
      if (i >= raw.length) return false;
      const u = raw.charCodeAt(i);
      const brk = u === LF ? 1 : u === CR && raw.charCodeAt(i + 1) === LF ? 2 : 0;
      if (anyFirst) {
        if (u === CR || u === LF) {
          if (brk > 0 && breakFirst) return true;
        } else if (u < 128 && first[u] === 1) return true;
      }
      if (comp) return brk === 0 && !(u < 128 && follow[u] === 1);
      return false;
    };
  }

  /** An optional part; `after` (the CRLF it carries) is read only when the part is present. */
  function optStep(opt: OptNode, after: Step | undefined): Step {
    const present = presence(opt);
    const inner = listStep(opt.nodes);
    const absent = Int32Array.from(opt.comps.map((c) => indexOf.get(c)!));
    return (raw, pos) => {
      if (present(raw, pos)) {
        const p = inner(raw, pos);
        return p < 0 || after === undefined ? p : after(raw, p);
      }
      for (let j = 0; j < absent.length; j++) st[absent[j]!] = -1;
      return pos;
    };
  }

  function listStep(nodes: readonly RNode[]): Step {
    const steps: Step[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      switch (node.kind) {
        case 'lit':
          steps.push(litStep(node.text));
          break;
        case 'crlf':
          steps.push(crlfStep);
          break;
        case 'comp':
          steps.push(compStep(node));
          break;
        case 'opt':
          if (node.elidesBreak && nodes[i + 1]?.kind === 'crlf') {
            steps.push(optStep(node, crlfStep));
            i++;
          } else steps.push(optStep(node, undefined));
          break;
      }
    }
    return seq(steps);
  }

  const root = listStep(tree.nodes);

  // -------------------------------------------------------------------------------------------
  // Values and the checks that need the context

  const names = comps.map((c) => c.name);
  /** 0 text, 1 lines, 2 decimal. */
  const kinds = Uint8Array.from(comps.map((c) => (c.multi ? 1 : c.type === 'd' ? 2 : 0)));
  const currencyComps = Int32Array.from(comps.flatMap((c, i) => (c.currency ? [i] : [])));
  const tableComps = Int32Array.from(comps.flatMap((c, i) => (c.codeTable !== undefined ? [i] : [])));
  const tableNames = comps.map((c) => c.codeTable ?? '');
  const amountComps = Int32Array.from(comps.flatMap((c, i) => (c.amount ? [i] : [])));
  /** For each amount component: its sibling CCY's index, -1 for none (then `hints.currency`). */
  const amountCcy = Int32Array.from(comps.flatMap((c) => (c.amount ? [c.ccy !== undefined ? indexOf.get(c.ccy)! : -1] : [])));
  const lookups = currencyComps.length + tableComps.length + amountComps.length > 0;
  const sites = comps.map(() => new PackedSite());
  const amountSites = Array.from(amountComps, () => new PackedSite());

  function valueAt(raw: string, k: number): TypedValue {
    switch (kinds[k]) {
      case 1:
        return linesOf(raw, k);
      case 2:
        return bigAt(raw, st[k]!, cm[k]!, en[k]!);
      default:
        return raw.slice(st[k]!, en[k]!);
    }
  }

  /** The context checks, on positions (no allocation for packable codes). */
  function contextOk(raw: string, ctx: NotationContext, hints: ParseHints | undefined): boolean {
    for (let j = 0; j < currencyComps.length; j++) {
      const k = currencyComps[j]!;
      if (st[k]! >= 0 && !sites[k]!.has(ctx.currencies, raw, st[k]!, en[k]!)) return false;
    }
    for (let j = 0; j < tableComps.length; j++) {
      const k = tableComps[j]!;
      if (st[k]! < 0) continue;
      const table = ctx.codeTables.get(tableNames[k]!);
      if (table !== undefined && !sites[k]!.has(table, raw, st[k]!, en[k]!)) return false;
    }
    for (let j = 0; j < amountComps.length; j++) {
      const k = amountComps[j]!;
      if (st[k]! < 0) continue;
      const ccy = amountCcy[j]!;
      let minor: number | undefined;
      if (ccy >= 0) {
        if (st[ccy]! < 0) continue;
        minor = amountSites[j]!.get(ctx.currencies, raw, st[ccy]!, en[ccy]!);
      } else {
        const currency = hints?.currency;
        if (currency === undefined) continue;
        minor = ctx.currencies.get(currency);
      }
      if (minor !== undefined && en[k]! - cm[k]! - 1 > minor) return false;
    }
    return true;
  }

  const simple = simpleRun(tree);
  const lines = simpleLines(tree);

  // The validator keeps its positions in the arrays above, so it is not re-entrant: a call made
  // while another is running (a context map calling back into the same format) takes the reader.
  let busy = false;

  function valueOfValid(raw: string, ctx: NotationContext, hints: ParseHints | undefined): TypedValue | undefined | typeof NOT_FAST {
    if (root(raw, 0) !== raw.length) return NOT_FAST;
    // The context checks on positions, before anything is built (codes looked up packed, as
    // `test` does: no sliced string to hash).
    if (lookups && !contextOk(raw, ctx, hints)) return NOT_FAST;
    if (count === 0) return '';
    if (tree.scalar) return st[0]! < 0 ? undefined : valueAt(raw, 0);
    const obj: Record<string, TypedValue> = {};
    for (let k = 0; k < count; k++) if (st[k]! >= 0) obj[names[k]!] = valueAt(raw, k);
    return obj;
  }

  // An exception (a malformed context, say) also leaves the value to the reader, which reports it.
  function value(raw: string, ctx: NotationContext, hints: ParseHints | undefined): TypedValue | undefined | typeof NOT_FAST {
    if (simple !== undefined && simple(raw, ctx)) return raw;
    if (lines !== undefined) {
      const v = lines(raw);
      if (v !== undefined) return v;
    }
    if (busy) return NOT_FAST;
    busy = true;
    try {
      return valueOfValid(raw, ctx, hints);
    } catch {
      return NOT_FAST;
    } finally {
      busy = false;
    }
  }

  // The same reading as generated code (fast-code.ts), where it can be generated.
  const generated = generateValue(tree, HELPERS) as FastPath['value'] | undefined;
  const valueFn = generated ?? value;

  return {
    value: valueFn,
    simple,
    lines,
    parse(raw, ctx, hints) {
      const v = valueFn(raw, ctx, hints);
      return v === NOT_FAST ? undefined : { value: v, problems: NO_PROBLEMS };
    },
    test(raw, ctx, hints) {
      if (simple !== undefined && simple(raw, ctx)) return true;
      if (busy) return false;
      busy = true;
      try {
        return root(raw, 0) === raw.length && (!lookups || contextOk(raw, ctx, hints));
      } catch {
        return false;
      } finally {
        busy = false;
      }
    },
  };
}
