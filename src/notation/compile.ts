/**
 * The format-notation compiler: a notation (`16x`, `DATE CCY AMOUNT`, `/ACCT CRLF 4*35x`,
 * `/4!c/[29g][CRLF 5*35g]`, …) becomes a `CompiledFormat` whose parser, serializer, TypeScript
 * type and fast-check arbitrary all derive from one compiled tree.
 *
 * How a value is read (SWIFT FIN conventions, one pass, no backtracking):
 *   - A component followed by another component (`DATE CCY`, `5n CCY`, `4!n6!n`) takes exactly
 *     N characters when fixed (`N!`), else the longest run of its own charset, at most N.
 *   - Any other component runs to the end of its line, or to the first character that can
 *     start what follows it (`/4!c/`: the `4!c` runs to the next `/`); bad characters inside are
 *     reported (V001) and the value is still read.
 *   - An `N*M` component takes whole lines: at most N when something follows it, otherwise every
 *     remaining line (extra lines are reported, V011).
 *   - An optional part is present iff the next character can start it: its first literal
 *     (`[/5n]` → `/`), or, for a part that starts with a component (`[29g]`, `[3!c]`), any
 *     character that is not a line break and cannot start what follows the part.
 *   - An optional part that starts a line and is followed by `CRLF` (`[/ACCT] CRLF 4*35x`)
 *     takes that line break with it: when the part is absent the line does not exist (SWIFT's
 *     `[/34x]` + `4*35x`: the name is then the first line).
 *   - A line break is CRLF; a bare LF is also accepted as one (the envelope already reports it,
 *     S024, and a lenient parse keeps it).
 *   - A literal or `CRLF` that does not match ends the parse (V004) and the value is unreadable.
 * Parsing is linear in the value's length and never throws.
 */
import Big from 'big.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { CURRENCY_TYPE_NAME, codeTableDef, codeTableTypeName } from '../spec/code-tables.js';
import type { VariableDef } from '../spec/variables.js';
import { CHARSET_NAMES, DECIMAL_COMMA_COUNTS, codePointLabel, describeChar, inCharset, type CharType } from './charsets.js';
import { checkBic, checkCalendarDate, checkCurrencyDecimals, checkDecimal, checkTimeOfDay, problem } from './checks.js';
import { compileFastPath, type FastPath } from './fast.js';
export { NOT_FAST } from './fast.js';
import { gb18030Width } from './gb18030-width.js';
import { parseNotation, type SyntaxNode } from './syntax.js';
import type {
  CompileOptions,
  CompiledFormat,
  ComponentInfo,
  NotationContext,
  ParseHints,
  ParseOutcome,
  TypedValue,
  ValueProblem,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// The compiled tree

/** What may come right after a node: first characters of literals/CRLF, a component, the end. */
export interface Follow {
  readonly chars: string;
  readonly comp: boolean;
  readonly end: boolean;
}

export interface CompNode {
  readonly kind: 'comp';
  name: string;
  readonly notation: string;
  readonly type: CharType;
  /** Max (or exact) length per line, in characters (GB18030 bytes for `g`). */
  readonly max: number;
  readonly exact: boolean;
  readonly lines: number;
  readonly multi: boolean;
  readonly optional: boolean;
  readonly variable?: VariableDef;
  readonly bic: boolean;
  readonly date: boolean;
  readonly time: boolean;
  readonly amount: boolean;
  readonly currency: boolean;
  readonly noSpace: boolean;
  readonly codeTable?: string;
  readonly anonymous: boolean;
  follow: Follow;
  /** Characters the first line must not start with (generators only). */
  avoidFirst: string;
  /** For an amount: the sibling CCY component. */
  ccy?: CompNode;
  tsType: string;
}

export interface LitNode {
  readonly kind: 'lit';
  readonly text: string;
}
export interface CrlfNode {
  readonly kind: 'crlf';
}
export interface OptNode {
  readonly kind: 'opt';
  readonly nodes: readonly RNode[];
  follow: Follow;
  /** Starts a line and is followed by CRLF: absent ⇒ that CRLF is absent too. */
  elidesBreak: boolean;
  /** The components inside (any depth). */
  readonly comps: readonly CompNode[];
  /** What the part can start with. */
  first: { readonly chars: string; readonly comp: boolean };
}
export type RNode = CompNode | LitNode | CrlfNode | OptNode;

export interface CompiledTree {
  readonly notation: string;
  readonly nodes: readonly RNode[];
  readonly comps: readonly CompNode[];
  readonly scalar: boolean;
  /** How many lines a value can have at most (for V011 on trailing lines). */
  readonly maxLines: number;
}

// ---------------------------------------------------------------------------------------------
// Building the tree

const NO_FOLLOW: Follow = { chars: '', comp: false, end: true };

function widestType(types: readonly CharType[]): CharType {
  if (types.includes('g')) return 'g';
  if (types.includes('x') || types.includes('b') || types.includes('d')) return 'x';
  if (types.every((t) => t === 'n')) return 'n';
  if (types.every((t) => t === 'a')) return 'a';
  return 'c';
}

function compFromVariable(def: VariableDef, optional: boolean): CompNode {
  const inner = parseNotation(def.notation);
  let type: CharType;
  let max: number;
  let exact: boolean;
  let lines = 1;
  let multi = false;
  const only = inner.length === 1 ? inner[0] : undefined;
  if (only !== undefined && only.kind === 'comp') {
    type = only.type;
    max = only.length.max;
    exact = only.length.exact;
    lines = only.length.lines;
    multi = only.length.multi;
  } else {
    // A composite variable (BIC): one component spanning the whole text; its rule checks the parts.
    const types: CharType[] = [];
    let total = 0;
    const walk = (nodes: readonly SyntaxNode[]): void => {
      for (const n of nodes) {
        if (n.kind === 'comp') {
          types.push(n.type);
          total += n.length.max * n.length.lines;
        } else if (n.kind === 'opt') walk(n.nodes);
        else if (n.kind === 'lit') total += n.text.length;
      }
    };
    walk(inner);
    type = widestType(types);
    max = total;
    exact = false;
  }
  const rules = new Set(def.rules);
  return {
    kind: 'comp',
    name: def.defaultName,
    notation: def.name,
    type,
    max,
    exact,
    lines,
    multi,
    optional,
    variable: def,
    bic: rules.has('bic'),
    date: rules.has('calendarDate'),
    time: rules.has('timeOfDay'),
    amount: rules.has('amount'),
    currency: rules.has('currency'),
    noSpace: rules.has('noSpace'),
    ...(rules.has('codeTable') && def.codeTable !== undefined ? { codeTable: def.codeTable } : {}),
    anonymous: false,
    follow: NO_FOLLOW,
    avoidFirst: '',
    tsType: 'string',
  };
}

function build(syntax: readonly SyntaxNode[], optional: boolean, comps: CompNode[], options: CompileOptions | undefined, counter: { n: number }): RNode[] {
  const out: RNode[] = [];
  for (const s of syntax) {
    switch (s.kind) {
      case 'lit':
        out.push({ kind: 'lit', text: s.text });
        break;
      case 'crlf':
        out.push({ kind: 'crlf' });
        break;
      case 'var': {
        const c = compFromVariable(s.def, optional);
        comps.push(c);
        out.push(c);
        break;
      }
      case 'comp': {
        const k = counter.n++;
        const rules = options?.rules?.[k];
        const c: CompNode = {
          kind: 'comp',
          name: options?.names?.[k] ?? `part${k + 1}`,
          notation: s.source,
          type: s.type,
          max: s.length.max,
          exact: s.length.exact,
          lines: s.length.lines,
          multi: s.length.multi,
          optional,
          bic: false,
          date: false,
          time: false,
          amount: false,
          currency: false,
          noSpace: rules?.noSpace === true,
          ...(rules?.codeTable !== undefined ? { codeTable: rules.codeTable } : {}),
          anonymous: true,
          follow: NO_FOLLOW,
          avoidFirst: '',
          tsType: 'string',
        };
        comps.push(c);
        out.push(c);
        break;
      }
      case 'opt': {
        const inner: CompNode[] = [];
        const nodes = build(s.nodes, true, inner, options, counter);
        comps.push(...inner);
        const f = firstOfList(nodes);
        out.push({ kind: 'opt', nodes, follow: NO_FOLLOW, elidesBreak: false, comps: inner, first: { chars: f.chars, comp: f.comp } });
        break;
      }
    }
  }
  return out;
}

interface First {
  chars: string;
  comp: boolean;
  nullable: boolean;
}

function firstOf(node: RNode): First {
  switch (node.kind) {
    case 'lit':
      return { chars: node.text.charAt(0), comp: false, nullable: false };
    case 'crlf':
      return { chars: '\r\n', comp: false, nullable: false };
    case 'comp':
      return { chars: '', comp: true, nullable: false };
    case 'opt': {
      const f = firstOfList(node.nodes);
      return { chars: f.chars, comp: f.comp, nullable: true };
    }
  }
}

function firstOfList(nodes: readonly RNode[]): First {
  let chars = '';
  let comp = false;
  for (const n of nodes) {
    const f = firstOf(n);
    chars = mergeChars(chars, f.chars);
    comp ||= f.comp;
    if (!f.nullable) return { chars, comp, nullable: false };
  }
  return { chars, comp, nullable: true };
}

function mergeChars(a: string, b: string): string {
  let s = a;
  for (const ch of b) if (!s.includes(ch)) s += ch;
  return s;
}

function computeFollow(nodes: readonly RNode[], outer: Follow): void {
  let cur = outer;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node.kind === 'comp') node.follow = cur;
    else if (node.kind === 'opt') {
      node.follow = cur;
      computeFollow(node.nodes, cur);
    }
    const f = firstOf(node);
    cur = f.nullable
      ? { chars: mergeChars(f.chars, cur.chars), comp: f.comp || cur.comp, end: cur.end }
      : { chars: f.chars, comp: f.comp, end: false };
  }
}

/** Marks optional parts that start a line and are followed by CRLF (top-level list only). */
function markElision(nodes: readonly RNode[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind !== 'opt') continue;
    const prev = nodes[i - 1];
    const next = nodes[i + 1];
    if ((prev === undefined || prev.kind === 'crlf') && next !== undefined && next.kind === 'crlf') node.elidesBreak = true;
  }
}

/**
 * Which characters a generated component must not start with, so that parsing reads it back:
 * `:` and `-` at the start of a line, and the first character of an optional part just before
 * it (that part would be taken as present).
 */
function avoidBefore(nodes: readonly RNode[], i: number, inherited: string): string {
  let avoid = '';
  let j = i - 1;
  while (j >= 0) {
    const p = nodes[j]!;
    if (p.kind === 'crlf') {
      avoid = mergeChars(avoid, ':-');
      const pp = nodes[j - 1];
      if (pp !== undefined && pp.kind === 'opt' && pp.elidesBreak) {
        j--;
        continue;
      }
      return avoid;
    }
    if (p.kind === 'opt') {
      avoid = mergeChars(avoid, p.first.chars);
      j--;
      continue;
    }
    return avoid;
  }
  return mergeChars(avoid, inherited);
}

function markAvoidance(nodes: readonly RNode[], inherited: string): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind === 'opt') markAvoidance(node.nodes, avoidBefore(nodes, i, inherited));
    else if (node.kind === 'comp') node.avoidFirst = avoidBefore(nodes, i, inherited).replace(/[\r\n]/g, '');
  }
}

function compTsType(c: CompNode): string {
  if (c.multi) return 'readonly string[]';
  if (c.type === 'd') return 'Big';
  if (c.currency) return CURRENCY_TYPE_NAME;
  if (c.codeTable !== undefined) return codeTableTypeName(c.codeTable);
  return 'string';
}

function countLines(nodes: readonly RNode[]): number {
  let n = 0;
  for (const node of nodes) {
    if (node.kind === 'crlf') n += 1;
    else if (node.kind === 'comp' && node.multi) n += node.lines - 1;
    else if (node.kind === 'opt') n += countLines(node.nodes);
  }
  return n;
}

/**
 * The compiled tree behind each format, for the generators in src/testing (kept out of the
 * format object so that the runtime library never loads fast-check).
 */
const TREES = new WeakMap<CompiledFormat, CompiledTree>();

/** @internal The compiled tree of a format made by `compileFormat`. */
export function compiledTreeOf(format: CompiledFormat): CompiledTree {
  const tree = TREES.get(format);
  if (tree === undefined) throw new Error(`not a compiled format: ${format.notation}`);
  return tree;
}

function compileTree(notation: string, options: CompileOptions | undefined): CompiledTree {
  const syntax = parseNotation(notation);
  const comps: CompNode[] = [];
  const counter = { n: 0 };
  const nodes = build(syntax, false, comps, options, counter);
  const names = options?.names ?? [];
  if (names.length === comps.length && names.length > counter.n) {
    // One name per component, variables included.
    comps.forEach((c, i) => (c.name = names[i]!));
  } else if (names.length > counter.n) {
    throw new Error(
      `format ${JSON.stringify(notation)} has ${comps.length} component(s), ${counter.n} of them anonymous; ${names.length} names were given`,
    );
  }
  if ((options?.rules?.length ?? 0) > counter.n) {
    throw new Error(`format ${JSON.stringify(notation)} has ${counter.n} anonymous component(s); more rules were given`);
  }
  const seen = new Set<string>();
  for (const c of comps) {
    if (seen.has(c.name)) throw new Error(`format ${JSON.stringify(notation)}: two components are named ${JSON.stringify(c.name)}`);
    seen.add(c.name);
    c.tsType = compTsType(c);
  }
  computeFollow(nodes, NO_FOLLOW);
  markElision(nodes);
  markAvoidance(nodes, '');
  // AMOUNT ↔ sibling CCY: the nearest CCY before it, else the nearest after it.
  comps.forEach((c, i) => {
    if (!c.amount) return;
    for (let j = i - 1; j >= 0; j--) if (comps[j]!.currency) return void (c.ccy = comps[j]!);
    for (let j = i + 1; j < comps.length; j++) if (comps[j]!.currency) return void (c.ccy = comps[j]!);
  });
  return { notation, nodes, comps, scalar: comps.length === 1, maxLines: countLines(nodes) + 1 };
}

// ---------------------------------------------------------------------------------------------
// Parsing

const UNIT_CHARS = { unit: 'characters', unitZh: '个字符' } as const;
const UNIT_BYTES = { unit: 'bytes (GB18030)', unitZh: '字节' } as const;

function isPrintable(cp: number): boolean {
  return !(cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff));
}

class Reader {
  pos = 0;
  failed = false;
  unreadable = false;
  readonly problems: ValueProblem[] = [];
  readonly values = new Map<CompNode, string | Big | string[]>();
  /** Start index of the text of each component read (for the deferred amount check). */
  readonly starts = new Map<CompNode, number>();
  readonly texts = new Map<CompNode, string>();

  constructor(
    readonly raw: string,
    readonly ctx: NotationContext,
    readonly notation: string,
    readonly maxLines: number,
  ) {}

  /** Length of the line break at `i` (2 for CRLF, 1 for a bare LF), else 0. */
  breakAt(i: number): number {
    const c = this.raw.charCodeAt(i);
    if (c === 0x0a) return 1;
    if (c === 0x0d && this.raw.charCodeAt(i + 1) === 0x0a) return 2;
    return 0;
  }

  push(code: DiagnosticCode, index: number, length: number, params: Readonly<Record<string, string | number>> = {}): void {
    this.problems.push(problem(code, index, length, params));
  }

  found(i: number): { found: string; foundZh: string } {
    if (i >= this.raw.length) return { found: 'the end of the value', foundZh: '值结束' };
    if (this.breakAt(i) > 0) return { found: 'a line break', foundZh: '换行' };
    const cp = this.raw.codePointAt(i)!;
    const d = describeChar(String.fromCodePoint(cp));
    return { found: d, foundZh: d };
  }

  mismatch(expected: string, expectedZh: string): void {
    this.push('V004', this.pos, this.pos < this.raw.length ? 1 : 0, { notation: this.notation, expected, expectedZh, ...this.found(this.pos) });
    this.failed = true;
  }

  list(nodes: readonly RNode[]): void {
    let skipBreak = false;
    for (const node of nodes) {
      if (this.failed) return;
      switch (node.kind) {
        case 'lit':
          if (this.raw.startsWith(node.text, this.pos)) this.pos += node.text.length;
          else this.mismatch(`"${node.text}"`, `"${node.text}"`);
          break;
        case 'crlf': {
          if (skipBreak) {
            skipBreak = false;
            break;
          }
          const b = this.breakAt(this.pos);
          if (b > 0) this.pos += b;
          else this.mismatch('a line break (CRLF)', '回车换行（CRLF）');
          break;
        }
        case 'comp':
          if (node.multi) this.lines(node);
          else this.single(node);
          break;
        case 'opt':
          if (this.present(node)) this.list(node.nodes);
          else if (node.elidesBreak) skipBreak = true;
          break;
      }
      if (node.kind !== 'opt') skipBreak = false;
    }
  }

  present(opt: OptNode): boolean {
    const i = this.pos;
    if (i >= this.raw.length) return false;
    const f = opt.first;
    const ch = this.raw.charAt(i);
    if (f.chars.length > 0) {
      if (ch === '\r' || ch === '\n') {
        if (this.breakAt(i) > 0 && f.chars.includes('\r')) return true;
      } else if (f.chars.includes(ch)) return true;
    }
    if (f.comp) return this.breakAt(i) === 0 && !opt.follow.chars.includes(ch);
    return false;
  }

  /** End of the text of a single-line component starting at `pos`. */
  extent(c: CompNode): number {
    const raw = this.raw;
    const n = raw.length;
    const stops = c.follow.chars;
    let i = this.pos;
    if (c.follow.comp) {
      let units = 0;
      while (i < n && this.breakAt(i) === 0) {
        const ch = raw.charAt(i);
        if (stops.includes(ch)) break;
        const cp = raw.codePointAt(i)!;
        const size = cp > 0xffff ? 2 : 1;
        const w = c.type === 'g' ? gb18030Width(cp) : size;
        if (units + w > c.max) break;
        if (!c.exact && !(inCharset(c.type, raw.charCodeAt(i)) && (cp < 0xd800 || cp > 0xdfff))) break;
        units += w;
        i += size;
      }
      return i;
    }
    while (i < n && this.breakAt(i) === 0 && !stops.includes(raw.charAt(i))) i++;
    return i;
  }

  single(c: CompNode): void {
    const start = this.pos;
    const end = this.extent(c);
    this.pos = end;
    const text = this.raw.slice(start, end);
    this.starts.set(c, start);
    this.texts.set(c, text);
    if (c.bic) {
      checkBic(text, start, this.problems);
      this.values.set(c, text);
      return;
    }
    const clean = this.charset(c, start, end);
    const units = this.measure(c, start, end);
    const unit = c.type === 'g' ? UNIT_BYTES : UNIT_CHARS;
    let sized = true;
    if (c.exact && units !== c.max) {
      this.push('V003', start, end - start, { expected: `exactly ${c.max}`, expectedZh: String(c.max), actual: units, ...unit });
      sized = false;
    } else if (units > c.max) {
      const over = this.overflowIndex(c, start, end, c.max);
      this.push('V002', over, end - over, { max: c.max, actual: units, ...unit });
      sized = false;
    } else if (units === 0) {
      this.push('V003', start, 0, { expected: 'at least 1', expectedZh: '至少1', actual: 0, ...unit });
      sized = false;
    }
    if (c.type === 'd') {
      if (!clean || units === 0) {
        this.unreadable = true;
        return;
      }
      const comma = checkDecimal(text, start, c.amount, this.problems);
      if (comma < 0) {
        this.unreadable = true;
        return;
      }
      const frac = text.slice(comma + 1);
      this.values.set(c, new Big(frac.length > 0 ? `${text.slice(0, comma)}.${frac}` : text.slice(0, comma)));
      return;
    }
    this.values.set(c, text);
    if (!clean || !sized) return;
    if (c.date) checkCalendarDate(text, start, this.problems);
    if (c.time) checkTimeOfDay(text, start, this.problems);
    if (c.currency && !this.ctx.currencies.has(text)) {
      this.push('V005', start, end - start, { value: text, table: 'CCY', tableName: 'currency list', tableNameZh: '货币符号表' });
    }
    if (c.codeTable !== undefined) {
      const table = this.ctx.codeTables.get(c.codeTable);
      if (table !== undefined && !table.has(text)) {
        const def = codeTableDef(c.codeTable);
        this.push('V005', start, end - start, {
          value: text,
          table: c.codeTable,
          tableName: def?.nameEn ?? c.codeTable,
          tableNameZh: def?.nameZh ?? c.codeTable,
        });
      }
    }
  }

  lines(c: CompNode): void {
    const raw = this.raw;
    const n = raw.length;
    const unlimited = !c.follow.comp && c.follow.chars.length === 0;
    const out: string[] = [];
    const firstStart = this.pos;
    let extraStart = -1;
    for (;;) {
      const start = this.pos;
      let i = start;
      while (i < n && this.breakAt(i) === 0) i++;
      this.pos = i;
      const lineNo = out.length + 1;
      out.push(raw.slice(start, i));
      if (lineNo > c.lines) {
        if (extraStart < 0) extraStart = start;
      } else this.checkLine(c, start, i, lineNo);
      const b = this.breakAt(i);
      if (b === 0) break;
      if (!unlimited && out.length >= c.lines) break;
      this.pos = i + b;
    }
    if (extraStart >= 0) this.push('V011', extraStart, this.pos - extraStart, { max: c.lines, actual: out.length });
    this.starts.set(c, firstStart);
    this.values.set(c, out);
  }

  checkLine(c: CompNode, start: number, end: number, lineNo: number): void {
    this.charset(c, start, end);
    const units = this.measure(c, start, end);
    const unit = c.type === 'g' ? UNIT_BYTES : UNIT_CHARS;
    if (units === 0) {
      this.push('V003', start, 0, { expected: 'at least 1', expectedZh: '至少1', actual: 0, ...unit });
    } else if (c.exact && units !== c.max) {
      this.push('V003', start, end - start, { expected: `exactly ${c.max}`, expectedZh: String(c.max), actual: units, ...unit });
    } else if (units > c.max) {
      const over = this.overflowIndex(c, start, end, c.max);
      this.push('V013', over, end - over, { line: lineNo, max: c.max, actual: units, ...unit });
    }
  }

  measure(c: CompNode, start: number, end: number): number {
    if (c.type === 'd' && !DECIMAL_COMMA_COUNTS) {
      let n = 0;
      for (let i = start; i < end; i++) if (this.raw.charCodeAt(i) !== 0x2c) n++;
      return n;
    }
    if (c.type !== 'g') return end - start;
    let n = 0;
    for (let i = start; i < end; i++) {
      const cp = this.raw.codePointAt(i)!;
      if (cp > 0xffff) i++;
      n += cp >= 0xd800 && cp <= 0xdfff ? 1 : gb18030Width(cp);
    }
    return n;
  }

  /** Index of the first character that makes `[start, end)` longer than `max` units. */
  overflowIndex(c: CompNode, start: number, end: number, max: number): number {
    if (c.type === 'd' && !DECIMAL_COMMA_COUNTS) {
      let n = 0;
      for (let i = start; i < end; i++) {
        if (this.raw.charCodeAt(i) === 0x2c) continue;
        if (n + 1 > max) return i;
        n++;
      }
      return end;
    }
    if (c.type !== 'g') return start + max;
    let n = 0;
    for (let i = start; i < end; i++) {
      const cp = this.raw.codePointAt(i)!;
      const w = cp >= 0xd800 && cp <= 0xdfff ? 1 : gb18030Width(cp);
      if (n + w > max) return i;
      n += w;
      if (cp > 0xffff) i++;
    }
    return end;
  }

  /** Reports bad characters (V001, one problem per run) and spaces (V012); true when clean. */
  charset(c: CompNode, start: number, end: number): boolean {
    const raw = this.raw;
    let clean = true;
    let badStart = -1;
    let spaceStart = -1;
    const flushBad = (i: number): void => {
      if (badStart < 0) return;
      const run = raw.slice(badStart, i);
      const firstCp = run.codePointAt(0)!;
      const first = String.fromCodePoint(firstCp);
      let printable = true;
      for (const ch of run) if (!isPrintable(ch.codePointAt(0)!)) printable = false;
      const single = first.length === run.length;
      const found = single ? describeChar(first) : printable ? `"${run.length > 20 ? `${run.slice(0, 20)}…` : run}"` : `${describeChar(first)} …`;
      this.push('V001', badStart, i - badStart, {
        found,
        codePoint: codePointLabel(first),
        type: c.type,
        typeName: CHARSET_NAMES[c.type].en,
        typeNameZh: CHARSET_NAMES[c.type].zh,
      });
      clean = false;
      badStart = -1;
    };
    const flushSpace = (i: number): void => {
      if (spaceStart < 0) return;
      const v = c.variable;
      this.push('V012', spaceStart, i - spaceStart, {
        what: v !== undefined ? `${v.nameEn} (${v.name})` : 'this value',
        whatZh: v !== undefined ? v.nameZh : '该值',
      });
      spaceStart = -1;
    };
    for (let i = start; i < end; i++) {
      const u = raw.charCodeAt(i);
      let ok: boolean;
      let size = 1;
      if (u >= 0xd800 && u <= 0xdbff) {
        const v = raw.charCodeAt(i + 1);
        const paired = i + 1 < end && v >= 0xdc00 && v <= 0xdfff;
        ok = paired && c.type === 'g';
        if (paired) size = 2;
      } else if (u >= 0xdc00 && u <= 0xdfff) ok = false;
      else ok = inCharset(c.type, u);
      if (ok) flushBad(i);
      else if (badStart < 0) badStart = i;
      if (c.noSpace && u === 0x20) {
        if (spaceStart < 0) spaceStart = i;
      } else flushSpace(i);
      i += size - 1;
    }
    flushBad(end);
    flushSpace(end);
    return clean;
  }

  finish(): void {
    const raw = this.raw;
    if (this.failed || this.pos >= raw.length) return;
    if (this.breakAt(this.pos) > 0) {
      let lines = 1;
      for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 0x0a) lines++;
      this.push('V011', this.pos, raw.length - this.pos, { max: this.maxLines, actual: lines });
    } else {
      this.push('V004', this.pos, raw.length - this.pos, {
        notation: this.notation,
        expected: 'the end of the value',
        expectedZh: '值结束',
        ...this.found(this.pos),
      });
    }
  }
}

/** V014: a line after a line break must not start with ":" or "-" (reconstruction.md §3). */
function checkLineStarts(raw: string, out: ValueProblem[]): void {
  let line = 1;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) !== 0x0a) continue;
    line++;
    const c = raw.charCodeAt(i + 1);
    if (c === 0x3a || c === 0x2d) out.push(problem('V014', i + 1, 1, { line, found: raw.charAt(i + 1) }));
  }
}

function parseWith(tree: CompiledTree, raw: string, ctx: NotationContext, hints: ParseHints | undefined): ParseOutcome {
  const r = new Reader(raw, ctx, tree.notation, tree.maxLines);
  r.list(tree.nodes);
  r.finish();
  const problems = r.problems;
  checkLineStarts(raw, problems);
  // AMOUNT decimals vs the currency.
  for (const c of tree.comps) {
    if (!c.amount || !r.values.has(c)) continue;
    let currency: string | undefined;
    if (c.ccy !== undefined) {
      const v = r.values.get(c.ccy);
      if (typeof v === 'string') currency = v;
    } else currency = hints?.currency;
    if (currency !== undefined) checkCurrencyDecimals(r.texts.get(c)!, r.starts.get(c)!, currency, ctx, problems);
  }
  problems.sort((a, b) => a.index - b.index);
  if (r.failed || r.unreadable) return { problems };
  return { value: assemble(tree, r.values), problems };
}

function assemble(tree: CompiledTree, values: ReadonlyMap<CompNode, string | Big | string[]>): TypedValue | undefined {
  if (tree.comps.length === 0) return '';
  if (tree.scalar) return values.get(tree.comps[0]!);
  const obj: Record<string, TypedValue> = {};
  for (const c of tree.comps) {
    const v = values.get(c);
    if (v !== undefined) obj[c.name] = v;
  }
  return obj;
}

// ---------------------------------------------------------------------------------------------
// Serializing

function isBigLike(v: unknown): v is Big {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toFixed?: unknown }).toFixed === 'function';
}

/** A decimal in the canonical form: no exponent, no trailing zeros, always a comma (`1234,5`, `100,`). */
export function formatDecimal(v: Big): string {
  const s = v.toFixed();
  const dot = s.indexOf('.');
  return dot < 0 ? `${s},` : `${s.slice(0, dot)},${s.slice(dot + 1)}`;
}

function formatComp(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map((x) => String(x)).join('\r\n');
  if (isBigLike(v)) return formatDecimal(v);
  return String(v);
}

function serializeWith(tree: CompiledTree, value: TypedValue): string {
  const get = (c: CompNode): unknown => {
    if (tree.scalar) return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || isBigLike(value)) return undefined;
    return (value as Readonly<Record<string, unknown>>)[c.name];
  };
  const write = (nodes: readonly RNode[]): string => {
    let s = '';
    let skipBreak = false;
    for (const node of nodes) {
      switch (node.kind) {
        case 'lit':
          s += node.text;
          break;
        case 'crlf':
          if (!skipBreak) s += '\r\n';
          break;
        case 'comp':
          s += formatComp(get(node));
          break;
        case 'opt':
          if (node.comps.some((c) => get(c) !== undefined)) s += write(node.nodes);
          else if (node.elidesBreak) {
            skipBreak = true;
            continue;
          }
          break;
      }
      skipBreak = false;
    }
    return s;
  };
  return write(tree.nodes);
}

// ---------------------------------------------------------------------------------------------
// The compiled format

function tsTypeOf(tree: CompiledTree): string {
  if (tree.comps.length === 0) return 'string';
  if (tree.scalar) {
    const c = tree.comps[0]!;
    return c.optional ? `${c.tsType} | undefined` : c.tsType;
  }
  return `{ ${tree.comps.map((c) => `${c.name}${c.optional ? '?' : ''}: ${c.tsType}`).join('; ')} }`;
}

function infoOf(c: CompNode): ComponentInfo {
  return {
    name: c.name,
    notation: c.notation,
    optional: c.optional,
    multiLine: c.multi,
    ...(c.variable !== undefined ? { variable: c.variable.name } : {}),
    ...(c.codeTable !== undefined ? { codeTable: c.codeTable } : {}),
    tsType: c.tsType,
  };
}

const cache = new Map<string, CompiledFormat>();

/** The one-pass reader, which reports every problem. Never throws. */
function readFully(tree: CompiledTree, raw: unknown, ctx: NotationContext, hints: ParseHints | undefined): ParseOutcome {
  try {
    return parseWith(tree, typeof raw === 'string' ? raw : String(raw), ctx, hints);
  } catch (err) {
    // Never throws on input; an exception here is a bug, reported as a format mismatch.
    return {
      problems: [
        problem('V004', 0, 0, {
          notation: tree.notation,
          expected: 'a readable value',
          expectedZh: '可读的值',
          found: `an internal error (${String(err)})`,
          foundZh: `内部错误（${String(err)}）`,
        }),
      ],
    };
  }
}

/** The two parsers behind each format (for the tests that hold them to each other). */
const PARSERS = new WeakMap<CompiledFormat, { readonly tree: CompiledTree; readonly fast: FastPath }>();

/**
 * @internal The parsers of a format made by `compileFormat`, separately: `reader` (the one-pass
 * reader, every problem) and `fast` (the compiled validator: an outcome only for a value without
 * problems). `parse` is `fast` with `reader` as the fallback. `value` is the fast path without
 * the outcome object (`NOT_FAST` where `fast` has none): the typed layer's plans keep it and
 * `reader` per item, so a value with a problem is not run through the fast path twice.
 */
export function parsersOf(format: CompiledFormat): {
  reader(raw: string, ctx: NotationContext, hints?: ParseHints): ParseOutcome;
  fast(raw: string, ctx: NotationContext, hints?: ParseHints): ParseOutcome | undefined;
  fastTest(raw: string, ctx: NotationContext, hints?: ParseHints): boolean;
  value: FastPath['value'];
  simple: FastPath['simple'];
  lines: FastPath['lines'];
} {
  const p = PARSERS.get(format);
  if (p === undefined) throw new Error(`not a compiled format: ${format.notation}`);
  return {
    reader: (raw, ctx, hints) => readFully(p.tree, raw, ctx, hints),
    fast: (raw, ctx, hints) => p.fast.parse(raw, ctx, hints),
    fastTest: (raw, ctx, hints) => p.fast.test(raw, ctx, hints),
    value: p.fast.value,
    simple: p.fast.simple,
    lines: p.fast.lines,
  };
}

/**
 * Compiles a format notation (reconstruction.md §2) into its parser, serializer, TypeScript
 * type and generator. Results are cached by notation and options. Throws on a malformed
 * notation (a programming error in the tables, not bad input).
 *
 * `parse` and `test` first run the format's compiled validator (fast.ts), which builds the value
 * of a value without problems straight from positions; any other value goes to the one-pass
 * reader above, which reports every problem.
 */
export function compileFormat(notation: string, options?: CompileOptions): CompiledFormat {
  const key = options === undefined ? notation : `${notation}\u0000${JSON.stringify([options.names ?? [], options.rules ?? []])}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const tree = compileTree(notation, options);
  const fast = compileFastPath(tree);
  const format: CompiledFormat = {
    notation,
    components: tree.comps.map(infoOf),
    scalar: tree.scalar,
    tsType: tsTypeOf(tree),
    parse(raw: string, ctx: NotationContext, hints?: ParseHints): ParseOutcome {
      if (typeof raw === 'string') {
        const out = fast.parse(raw, ctx, hints);
        if (out !== undefined) return out;
      }
      return readFully(tree, raw, ctx, hints);
    },
    test(raw: string, ctx: NotationContext, hints?: ParseHints): boolean {
      if (typeof raw === 'string' && fast.test(raw, ctx, hints)) return true;
      return readFully(tree, raw, ctx, hints).problems.length === 0;
    },
    serialize(value: TypedValue): string {
      return serializeWith(tree, value);
    },
  };
  TREES.set(format, tree);
  PARSERS.set(format, { tree, fast });
  cache.set(key, format);
  return format;
}
