/**
 * The fast path's `value` as generated code, one function per format (ajv-style). fast.ts
 * builds a format's validator from closures, one per node of the compiled tree; every format
 * shares those closures' code, so V8 sees one call site for the steps of all formats (it cannot
 * inline them) and one property-store site for all their value objects. The function generated
 * here reads the same tree as straight-line code: each step is written out in place, positions
 * live in local variables, the value object is a literal's keys. What it accepts and what it
 * builds are the closures' (it is their code, unrolled): test/notation.test.ts holds it to the
 * full reader on every notation of the standard, as it does the closures.
 *
 * Where code generation is disallowed (a CSP, `node --disallow-code-generation-from-strings`),
 * every format keeps the closures.
 */
import { CodeBuilder } from '../codegen.js';
import type { CompNode, CompiledTree, OptNode, RNode } from './compile.js';
import type { NotationContext, ParseHints, TypedValue } from './types.js';

/** A format's `value`: its typed value when it has no problem, else `notFast`. */
export type ValueFunction = (raw: string, ctx: NotationContext, hints: ParseHints | undefined) => TypedValue | undefined | symbol;

/** A look-up of a code in a context map without slicing it (fast.ts's `PackedSite`). */
export interface LookupSite {
  has(m: ReadonlyMap<string, unknown>, raw: string, a: number, b: number): boolean;
  get(m: ReadonlyMap<string, number>, raw: string, a: number, b: number): number | undefined;
}

/** What the generated code calls: fast.ts's scanners and checks, passed in (no import cycle). */
export interface FastHelpers {
  readonly notFast: symbol;
  readonly decimalCommaCounts: boolean;
  readonly charTable: (chars: string) => Uint8Array;
  readonly runTable: (c: CompNode, stops: Uint8Array | undefined, noSpace: boolean) => Uint8Array;
  readonly runRegExp: (run: Uint8Array) => RegExp;
  readonly scanRun: (raw: string, a: number, run: Uint8Array, re: RegExp) => number;
  /** End of a run of `g` characters (FAIL at a lone surrogate); its GB18030 bytes in `scannedBytes()`. */
  readonly scanG: (raw: string, a: number, run: Uint8Array, re: RegExp, widths: Uint8Array) => number;
  readonly scannedBytes: () => number;
  /** `widths` for `scanG`: per UTF-16 code unit its GB18030 width, 0 outside `run` and for surrogates. */
  readonly widthTable: (run: Uint8Array) => Uint8Array;
  /** GB18030 width of each UTF-16 code unit. */
  readonly width: Uint8Array;
  readonly bicOk: (raw: string, a: number, b: number) => boolean;
  readonly dateOk: (raw: string, a: number, b: number) => boolean;
  readonly timeOk: (raw: string, a: number, b: number) => boolean;
  readonly decimalComma: (raw: string, a: number, b: number, amount: boolean) => number;
  readonly bigAt: (raw: string, a: number, comma: number, b: number) => unknown;
  readonly site: () => LookupSite;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;
const HYPHEN = 45;

/** The generated `value` of `tree`, or undefined when the closures must serve it. */
export function generateValue(tree: CompiledTree, h: FastHelpers): ValueFunction | undefined {
  const comps = tree.comps;
  if (!h.decimalCommaCounts && comps.some((c) => c.type === 'd')) return undefined;
  const index = new Map<CompNode, number>();
  comps.forEach((c, k) => index.set(c, k));

  const code = new CodeBuilder();
  const constant = (value: unknown): string => code.constant(value);
  const emit = (line: string): void => code.emit(line);
  const FAIL = 'return NF;';

  /** Records component `k` on `raw[a, b)` after its own checks (fast.ts `finishSingle`). */
  const finish = (c: CompNode, k: number, a: string, b: string): void => {
    if (c.bic) emit(`if (!bicOk(raw, ${a}, ${b})) ${FAIL}`);
    else if (c.type === 'd') {
      emit(`m${k} = decimalComma(raw, ${a}, ${b}, ${c.amount});`);
      emit(`if (m${k} < 0) ${FAIL}`);
    } else {
      if (c.date) emit(`if (!dateOk(raw, ${a}, ${b})) ${FAIL}`);
      if (c.time) emit(`if (!timeOk(raw, ${a}, ${b})) ${FAIL}`);
    }
    emit(`s${k} = ${a}; e${k} = ${b};`);
  };

  /** A single-line component followed by another (fast.ts `runToLength`). */
  const toLength = (c: CompNode, k: number): void => {
    const stops = h.charTable(c.follow.chars);
    emit('{');
    if (c.type === 'g') {
      // Units are GB18030 bytes: each character's width, a surrogate pair 4.
      const type = constant(h.runTable(c, undefined, false));
      const S = constant(stops);
      const W = constant(h.width);
      emit('const n = raw.length;');
      emit('let i = p, units = 0;');
      emit('while (i < n) {');
      emit('  const u = raw.charCodeAt(i);');
      emit('  if (u < 128) {');
      emit(`    if (${S}[u] === 1 || u === ${LF} || (u === ${CR} && raw.charCodeAt(i + 1) === ${LF}) || units + 1 > ${c.max}) break;`);
      emit(`    if (${type}[u] === 0) { ${c.exact ? FAIL : 'break;'} }`);
      if (c.noSpace) emit(`    if (u === ${SPACE}) ${FAIL}`);
      emit('    units++;');
      emit('    i++;');
      emit('  } else if (u < 0xd800 || u > 0xdfff) {');
      emit(`    const w = ${W}[u];`);
      emit(`    if (units + w > ${c.max}) break;`);
      emit('    units += w;');
      emit('    i++;');
      emit('  } else {');
      emit('    const v = raw.charCodeAt(i + 1);');
      emit(`    if (u > 0xdbff || !(v >= 0xdc00 && v <= 0xdfff)) ${FAIL}`);
      emit(`    if (units + 4 > ${c.max}) break;`);
      emit('    units += 4;');
      emit('    i += 2;');
      emit('  }');
      emit('}');
      emit(`if (${c.exact ? `units !== ${c.max}` : 'units === 0'}) ${FAIL}`);
      finish(c, k, 'p', 'i');
      emit('p = i;');
    } else if (c.exact) {
      const run = constant(h.runTable(c, stops, c.noSpace));
      emit(`const end = p + ${c.max};`);
      emit(`if (end > raw.length) ${FAIL}`);
      emit(`for (let i = p; i < end; i++) { const u = raw.charCodeAt(i); if (u >= 128 || ${run}[u] === 0) ${FAIL} }`);
      finish(c, k, 'p', 'end');
      emit('p = end;');
    } else {
      const run = constant(h.runTable(c, stops, false));
      emit('const n = raw.length;');
      emit(`const lim = p + ${c.max} < n ? p + ${c.max} : n;`);
      emit('let i = p;');
      emit('while (i < lim) {');
      emit(`  const u = raw.charCodeAt(i);`);
      emit(`  if (u >= 128 || ${run}[u] === 0) break;`);
      if (c.noSpace) emit(`  if (u === ${SPACE}) ${FAIL}`);
      emit('  i++;');
      emit('}');
      emit(`if (i === p) ${FAIL}`);
      finish(c, k, 'p', 'i');
      emit('p = i;');
    }
    emit('}');
  };

  /**
   * `const i` = the end of the run of `c`'s characters from `p` in `run`, and `const units` its
   * length (GB18030 bytes for `g`); then the length check (not for a BIC, which bicOk checks).
   */
  const scan = (c: CompNode, runTable: Uint8Array, indent: string): void => {
    const run = constant(runTable);
    const re = constant(h.runRegExp(runTable));
    if (c.type === 'g') {
      emit(`${indent}const i = scanG(raw, p, ${run}, ${re}, ${constant(h.widthTable(runTable))});`);
      emit(`${indent}if (i < 0) ${FAIL}`);
      emit(`${indent}const units = scannedBytes();`);
    } else {
      emit(`${indent}const i = scanRun(raw, p, ${run}, ${re});`);
      emit(`${indent}const units = i - p;`);
    }
    if (!c.bic) emit(`${indent}if (units === 0 || units > ${c.max}${c.exact ? ` || units !== ${c.max}` : ''}) ${FAIL}`);
  };

  /** A single-line component to the end of its line or a stop character (fast.ts `runToStop`). */
  const toStop = (c: CompNode, k: number): void => {
    const stopChars = h.charTable(c.follow.chars);
    const stops = constant(stopChars);
    emit('{');
    scan(c, h.runTable(c, stopChars, c.noSpace), '');
    emit('if (i < raw.length) {');
    emit('  const u = raw.charCodeAt(i);');
    emit(`  if (u !== ${LF} && !(u < 128 && ${stops}[u] === 1) && !(u === ${CR} && raw.charCodeAt(i + 1) === ${LF})) ${FAIL}`);
    emit('}');
    finish(c, k, 'p', 'i');
    emit('p = i;');
    emit('}');
  };

  /** An `N*M` component: whole lines (fast.ts `linesStep`), kept as they are read. */
  const lines = (c: CompNode, k: number): void => {
    const runTable = h.runTable(c, undefined, c.noSpace);
    const unlimited = !c.follow.comp && c.follow.chars.length === 0;
    emit('{');
    emit('const n = raw.length;');
    emit('const from = p;');
    emit(`L${k} = [];`);
    emit('for (;;) {');
    scan(c, runTable, '  ');
    emit(`  if (i < n) { const u = raw.charCodeAt(i); if (u !== ${LF} && !(u === ${CR} && raw.charCodeAt(i + 1) === ${LF})) ${FAIL} }`);
    emit(`  if (L${k}.length >= ${c.lines}) ${FAIL}`);
    emit(`  L${k}.push(raw.slice(p, i));`);
    emit(`  if (i >= n${unlimited ? '' : ` || L${k}.length >= ${c.lines}`}) { p = i; break; }`);
    emit(`  p = i + (raw.charCodeAt(i) === ${LF} ? 1 : 2);`);
    emit(`  const d = raw.charCodeAt(p); if (d === ${COLON} || d === ${HYPHEN}) ${FAIL}`);
    emit('}');
    emit(`s${k} = from; e${k} = p;`);
    emit('}');
  };

  const lit = (text: string): void => {
    if (text.length === 1) emit(`if (raw.charCodeAt(p) !== ${text.charCodeAt(0)}) ${FAIL} p++;`);
    else emit(`if (!raw.startsWith(${JSON.stringify(text)}, p)) ${FAIL} p += ${text.length};`);
  };

  /** A line break (CRLF, or a bare LF); the next line must not start with ':' or '-'. */
  const crlf = (): void => {
    emit('{');
    emit('const u = raw.charCodeAt(p);');
    emit(`if (u === ${LF}) p++; else if (u === ${CR} && raw.charCodeAt(p + 1) === ${LF}) p += 2; else ${FAIL}`);
    emit(`const d = raw.charCodeAt(p); if (d === ${COLON} || d === ${HYPHEN}) ${FAIL}`);
    emit('}');
  };

  /** An optional part: present iff the next character can start it (fast.ts `presence`). */
  const opt = (o: OptNode, breakAfter: boolean): void => {
    const anyFirst = o.first.chars.length > 0;
    const breakFirst = o.first.chars.includes('\r');
    emit('{');
    emit('let present = false;');
    emit('if (p < raw.length) {');
    emit('  const u = raw.charCodeAt(p);');
    emit(`  const brk = u === ${LF} ? 1 : u === ${CR} && raw.charCodeAt(p + 1) === ${LF} ? 2 : 0;`);
    if (anyFirst) {
      const first = constant(h.charTable(o.first.chars));
      emit(`  if (u === ${CR} || u === ${LF}) { if (brk > 0 && ${breakFirst}) present = true; }`);
      emit(`  else if (u < 128 && ${first}[u] === 1) present = true;`);
    }
    if (o.first.comp) {
      const follow = constant(h.charTable(o.follow.chars));
      emit(`  if (!present) present = brk === 0 && !(u < 128 && ${follow}[u] === 1);`);
    }
    emit('}');
    emit('if (present) {');
    nodes(o.nodes);
    if (breakAfter) crlf();
    emit('} else {');
    for (const c of o.comps) emit(`s${index.get(c)!} = -1;`);
    emit('}');
    emit('}');
  };

  const nodes = (list: readonly RNode[]): void => {
    for (let i = 0; i < list.length; i++) {
      const node = list[i]!;
      switch (node.kind) {
        case 'lit':
          lit(node.text);
          break;
        case 'crlf':
          crlf();
          break;
        case 'comp': {
          const k = index.get(node)!;
          if (node.multi) lines(node, k);
          else if (node.follow.comp) toLength(node, k);
          else toStop(node, k);
          break;
        }
        case 'opt':
          // An optional part that starts a line carries the line break after it.
          if (node.elidesBreak && list[i + 1]?.kind === 'crlf') {
            opt(node, true);
            i++;
          } else opt(node, false);
          break;
      }
    }
  };

  const count = comps.length;
  for (let k = 0; k < count; k++) emit(`let s${k} = -1, e${k} = -1, m${k} = -1, L${k};`);
  emit('let p = 0;');
  nodes(tree.nodes);
  emit(`if (p !== raw.length) ${FAIL}`);

  // The checks that need the context, on positions (fast.ts `contextOk`).
  comps.forEach((c, k) => {
    if (c.currency) emit(`if (s${k} >= 0 && !${constant(h.site())}.has(ctx.currencies, raw, s${k}, e${k})) ${FAIL}`);
  });
  comps.forEach((c, k) => {
    if (c.codeTable === undefined) return;
    emit(`if (s${k} >= 0) { const t = ctx.codeTables.get(${JSON.stringify(c.codeTable)}); if (t !== undefined && !${constant(h.site())}.has(t, raw, s${k}, e${k})) ${FAIL} }`);
  });
  comps.forEach((c, k) => {
    if (!c.amount) return;
    const ccy = c.ccy === undefined ? -1 : index.get(c.ccy)!;
    const decimals = `e${k} - m${k} - 1`;
    if (ccy >= 0) {
      emit(`if (s${k} >= 0 && s${ccy} >= 0) { const minor = ${constant(h.site())}.get(ctx.currencies, raw, s${ccy}, e${ccy}); if (minor !== undefined && ${decimals} > minor) ${FAIL} }`);
    } else {
      emit(`if (s${k} >= 0) { const cur = hints?.currency; if (cur !== undefined) { const minor = ctx.currencies.get(cur); if (minor !== undefined && ${decimals} > minor) ${FAIL} } }`);
    }
  });

  const valueOf = (c: CompNode, k: number): string => (c.multi ? `L${k}` : c.type === 'd' ? `bigAt(raw, s${k}, m${k}, e${k})` : `raw.slice(s${k}, e${k})`);
  if (count === 0) emit("return '';");
  else if (tree.scalar) emit(`return s0 < 0 ? undefined : ${valueOf(comps[0]!, 0)};`);
  else {
    emit('const o = {};');
    comps.forEach((c, k) => emit(`if (s${k} >= 0) o[${JSON.stringify(c.name)}] = ${valueOf(c, k)};`));
    emit('return o;');
  }

  const { notFast: NF, scanRun, scanG, scannedBytes, bicOk, dateOk, timeOk, decimalComma, bigAt } = h;
  // An exception (a malformed context, say) leaves the value to the reader, which reports it.
  return code.compile<ValueFunction>('value', 'raw, ctx, hints', { NF, scanRun, scanG, scannedBytes, bicOk, dateOk, timeOk, decimalComma, bigAt }, ['try {'], [
    '} catch {',
    '  return NF;',
    '}',
  ]);
}
