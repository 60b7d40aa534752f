/**
 * Hardening found with the conformance kit: bounded time and diagnostics on huge messages,
 * no prototype pollution through JSON, and linear-time regular expressions everywhere in src/.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { Readable } from 'node:stream';
import { bodyFromJSON, build, messageToJSON, parse, parseStream } from '../src/index.js';
import { encodeText } from '../src/bytes/encode.js';
import { HEADER_REGEXPS } from '../src/envelope/scan.js';
import { defaultEnvelopeTables } from '../src/envelope/tables.js';

const HEAD = (fmt: string, mt: string): string => `{1:F01ICBKCNBJAXXX0000000000}{2:I${mt}PCBCCNBJXXXXN}{3:{119:FMT${fmt}}}`;
const TAIL = '{5:{CHK:000000000000}}';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe('huge messages: bounded time, diagnostics capped (L001)', () => {
  it('a 10 MB message (FMT199, one 10 MB line in 79)', () => {
    const text = `${HEAD('199', '199')}{4:\r\n:20:REF1\r\n:79:${'A'.repeat(10 * 1024 * 1024)}\r\n-}${TAIL}`;
    const { value: r, ms } = timed(() => parse(encodeText(text)));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.code === 'V013' || d.code === 'V002')).toBe(true);
    expect(r.diagnostics.length).toBeLessThanOrEqual(1001);
    expect(ms).toBeLessThan(10_000);
  });

  it('100,000 fields (FMT100, :20: repeated)', () => {
    const text = `${HEAD('100', '103')}{4:\r\n${':20:ABCDEFGHIJKLMNOP\r\n'.repeat(100_000)}-}${TAIL}`;
    const { value: r, ms } = timed(() => parse(text));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.code === 'F007')).toBe(true);
    expect(r.diagnostics.length).toBe(1001);
    const last = r.diagnostics[r.diagnostics.length - 1]!;
    expect(last.code).toBe('L001');
    expect(ms).toBeLessThan(10_000);
    // The JSON of such a result stays bounded too.
    expect(JSON.stringify(messageToJSON(r)).length).toBeLessThan(20 * 1024 * 1024);
  });

  it('77E with 20,000 embedded lines (FMT067)', () => {
    const text = `${HEAD('067', '198')}{4:\r\n:20:REF1\r\n:12:067\r\n:77E:\r\n${':RMK:x\r\n'.repeat(20_000)}-}${TAIL}`;
    const { value: r, ms } = timed(() => parse(text));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.code === 'F007')).toBe(true);
    expect(r.diagnostics.some((d) => d.code === 'L001')).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it('a flood of bad values (100,000 braces in a field) is capped', () => {
    const text = `${HEAD('199', '199')}{4:\r\n:20:REF1\r\n:79:${'}{'.repeat(50_000)}\r\n-}${TAIL}`;
    const { value: r, ms } = timed(() => parse(text));
    // Both stages find problems (S025 per brace from the envelope, V001 and V013 from the value);
    // the merged list holds the first 1,000 by position and one L001 counting the rest.
    expect(r.diagnostics.length).toBe(1001);
    const summaries = r.diagnostics.filter((d) => d.code === 'L001');
    expect(summaries).toHaveLength(1);
    expect(r.diagnostics.at(-1)).toBe(summaries[0]);
    const all = parse(text, { diagnosticLimit: Number.MAX_SAFE_INTEGER }).diagnostics.length;
    expect(all).toBeGreaterThan(100_000);
    expect(summaries[0]!.suppressed).toBe(all - 1000);
    expect(ms).toBeLessThan(10_000);
  });

  it('one limit for the whole message: diagnosticLimit applies to the merged list', () => {
    const text = `${HEAD('199', '199')}{4:\r\n:20:REF1\r\n:79:${'}{'.repeat(500)}\r\n-}${TAIL}`;
    const all = parse(text, { diagnosticLimit: 1_000_000 }).diagnostics;
    expect(all.some((d) => d.code === 'L001')).toBe(false);
    const r = parse(text, { diagnosticLimit: 50 });
    expect(r.diagnostics).toHaveLength(51);
    expect(r.diagnostics.slice(0, 50)).toEqual(all.slice(0, 50));
    const last = r.diagnostics.at(-1)!;
    expect(last.code).toBe('L001');
    expect(last.suppressed).toBe(all.length - 50);
    expect(last.message).toContain(`${all.length - 50} more`);
    // Any number is a limit: at least one finding is kept, fractions round down, NaN is the default.
    for (const [limit, kept] of [[-1, 1], [0, 1], [1, 1], [2.7, 2], [Number.NaN, Math.min(1000, all.length)], [Infinity, all.length]] as const) {
      const ds = parse(text, { diagnosticLimit: limit }).diagnostics;
      expect(ds.filter((d) => d.code !== 'L001'), String(limit)).toEqual(all.slice(0, kept));
      expect(ds.filter((d) => d.code === 'L001').length, String(limit)).toBe(kept < all.length ? 1 : 0);
    }
  });

  it('parseStream: a message over maxMessageBytes comes through flagged oversized, the next one parsed', async () => {
    const small = `${HEAD('199', '199')}{4:\r\n:20:REF1\r\n:79:X\r\n-}${TAIL}`;
    const huge = `${HEAD('199', '199')}{4:\r\n:20:REF1\r\n:79:${'A'.repeat(3 * 1024 * 1024)}\r\n-}${TAIL}`;
    const bytes = encodeText(huge + small);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    const out: { oversized?: boolean; ok?: boolean; index: number }[] = [];
    for await (const m of parseStream(Readable.from(chunks), { maxMessageBytes: 1024 * 1024 })) out.push(m);
    expect(out.filter((m) => m.oversized === true).length).toBeGreaterThanOrEqual(3);
    expect(out.at(-1)!.oversized).toBeUndefined();
    expect(out.at(-1)!.ok).toBe(true);
  });
});

describe('prototype pollution', () => {
  const polluted = (): boolean =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    ({} as any).polluted !== undefined || ({} as any).amount !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');

  it('bodyFromJSON refuses __proto__, constructor and prototype at any depth (B003)', () => {
    const json = JSON.parse(
      '{"reference":"R1","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},' +
        '"valueDateCurrencyAmount":{"date":"20261123","currency":"USD","amount":"1.5","__proto__":{"amount":1}},' +
        '"orderingCustomer":{"nameAndAddress":["A"],"prototype":{"x":1}}}',
    );
    const r = bodyFromJSON('FMT100', json);
    const b003 = r.diagnostics.filter((d) => d.code === 'B003');
    expect(b003.map((d) => d.message).join(' ')).toMatch(/__proto__/);
    expect(b003.map((d) => d.message).join(' ')).toMatch(/constructor/);
    expect(b003.map((d) => d.message).join(' ')).toMatch(/prototype/);
    expect(b003.length).toBe(4);
    expect(r.ok).toBe(false);
    expect(Object.getPrototypeOf(r.body)).toBe(Object.prototype);
    expect(Object.keys(r.body)).not.toContain('__proto__');
    expect(polluted()).toBe(false);
    // build with the result does not pollute either.
    build('FMT100', r.body, {});
    expect(polluted()).toBe(false);
  });

  it('build with own __proto__ / constructor properties: reported, not copied', () => {
    const body = JSON.parse('{"reference":"R1","__proto__":{"polluted":1},"constructor":1}');
    const r = build('FMT100', body, JSON.parse('{"__proto__":{"polluted":1}}'));
    expect(r.ok).toBe(false);
    expect(polluted()).toBe(false);
  });

  it('messageToJSON of a parsed message never writes forbidden keys', () => {
    const text = `${HEAD('067', '198')}{4:\r\n:20:REF1\r\n:12:067\r\n:77E:\r\n:PTC:ICBKCNBJ\r\n-}${TAIL}`;
    const json = JSON.stringify(messageToJSON(parse(text)));
    expect(json).not.toMatch(/"(__proto__|constructor|prototype)"/);
    expect(polluted()).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Regular expressions

interface Found {
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every regex literal and every `new RegExp(<string literal>, …)` in src/ (TypeScript's parser). */
function findRegexes(): { found: Found[]; dynamic: string[] } {
  const found: Found[] = [];
  const dynamic: string[] = [];
  const root = join(__dirname, '..');
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = n.getText();
        const end = lit.lastIndexOf('/');
        found.push({ file: relative(root, file), line: where(n), source: lit.slice(1, end), flags: lit.slice(end + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.expression.getText() === 'RegExp') {
        const [a, b] = n.arguments ?? [];
        if (a !== undefined && ts.isStringLiteralLike(a) && (b === undefined || ts.isStringLiteralLike(b))) {
          found.push({ file: relative(root, file), line: where(n), source: a.text, flags: b?.text ?? '' });
        } else dynamic.push(`${relative(root, file)}:${where(n)}: ${n.getText().slice(0, 80)}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

/** A group (or class-less atom run) that holds a quantifier and is itself quantified: `(a+)+`, `(?:x*y)*`. */
function nestedQuantifier(source: string): boolean {
  // Drop escapes and character classes (their contents are not quantifiers).
  const s = source.replace(/\\./g, 'e').replace(/\[(?:\\.|[^\]\\])*\]/g, 'c');
  const stack: { quantified: boolean }[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '(') stack.push({ quantified: false });
    else if (ch === ')') {
      const g = stack.pop();
      const next = s[i + 1];
      const quantifiedAfter = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(s.slice(i + 1)) && !/^\{(\d+)\}/.test(s.slice(i + 1)));
      if (g?.quantified && quantifiedAfter) return true;
      if (stack.length > 0 && (g?.quantified || quantifiedAfter)) stack[stack.length - 1]!.quantified = true;
    } else if ((ch === '*' || ch === '+' || (ch === '{' && /^\{\d*,\d*\}/.test(s.slice(i)))) && stack.length > 0) {
      stack[stack.length - 1]!.quantified = true;
    }
  }
  return false;
}

const ALPHABET = ['a', 'Z', '0', '9', ' ', '\t', ':', '/', ',', '.', '-', '+', '{', '}', '\r\n', '\n', '\r', '张', '\u{20BB7}', '"', '\\', '=', '_'];

function inputs(re: Found, n: number): string[] {
  const own = [...new Set(re.source.replace(/\\[dDwWsSbB]/g, '').split('').filter((c) => c >= ' ' && c <= '~'))];
  const units = [...new Set([...ALPHABET, ...own, 'a0', 'a ', ':A', '/A', '0,', '{}'])];
  const out: string[] = [];
  for (const u of units) {
    const run = u.repeat(Math.ceil(n / u.length)).slice(0, n);
    out.push(run, `${run}!`, `!${run}`);
  }
  return out;
}

function timeRegex(re: RegExp, global: boolean, list: readonly string[]): number {
  const t0 = performance.now();
  for (const s of list) {
    re.lastIndex = 0;
    if (global) s.replace(re, '');
    else re.test(s);
  }
  return performance.now() - t0;
}

describe('regular expressions in src/: linear time', () => {
  const { found, dynamic } = findRegexes();
  // The scanner's header expressions are built from the header shapes at load: checked as built.
  for (const re of HEADER_REGEXPS) found.push({ file: 'src/envelope/scan.ts', line: 0, source: re.source, flags: re.flags });
  // So are the tag blocks' acceptance expressions, built from the envelope tables.
  for (const rule of defaultEnvelopeTables().byCode) {
    const re = rule?.tags?.accept?.expression;
    if (re !== undefined) found.push({ file: 'src/envelope/check.ts', line: 0, source: re.source, flags: re.flags });
  }
  // And the scanner's lanes, built from those and the header shapes.
  const lanes = defaultEnvelopeTables().lanes;
  for (const re of lanes === undefined ? [] : [lanes.head, lanes.tail]) found.push({ file: 'src/envelope/scan.ts', line: 0, source: re.source, flags: re.flags });

  it('finds the regexes (literals and new RegExp with literal arguments)', () => {
    expect(found.length).toBeGreaterThan(20);
    // Dynamic RegExp sources cannot be checked here; keep them few and listed.
    expect(dynamic.length, dynamic.join('\n')).toBeLessThanOrEqual(5);
  });

  it('no nested quantifiers such as (a+)+', () => {
    expect(nestedQuantifier('(a+)+')).toBe(true);
    expect(nestedQuantifier('(?:ab*)*')).toBe(true);
    expect(nestedQuantifier('(a|b)+')).toBe(false);
    expect(nestedQuantifier('^\\d+(,\\d*)?$')).toBe(false);
    const bad = found.filter((r) => nestedQuantifier(r.source)).map((r) => `${r.file}:${r.line} /${r.source}/${r.flags}`);
    expect(bad).toEqual([]);
  });

  it('each regex on adversarial 10 KB and 100 KB inputs: time grows about linearly', () => {
    const slow: string[] = [];
    for (const r of found) {
      if (KNOWN_QUADRATIC.some((k) => k.file === r.file && k.source === r.source)) continue;
      const global = r.flags.includes('g') || r.flags.includes('y');
      const re = new RegExp(r.source, r.flags);
      const small = inputs(r, 10 * 1024);
      const large = inputs(r, 100 * 1024);
      timeRegex(re, global, small); // warm up
      const measure = (): { ts: number; tl: number; over: boolean } => {
        const ts = timeRegex(re, global, small);
        // Linear: about 10× for 10× the input; quadratic: 100×. A generous bound with a floor
        // (100 ms for all ~70 inputs of 100 KB), and an early stop so a quadratic regex costs seconds.
        const budget = Math.max(100, 40 * ts);
        let tl = 0;
        for (const s of large) {
          tl += timeRegex(re, global, [s]);
          if (tl > budget) return { ts, tl, over: true };
        }
        return { ts, tl, over: false };
      };
      let m = measure();
      if (m.over) m = measure(); // once more: a loaded machine can stall a run
      if (m.over) slow.push(`${r.file}:${r.line} /${r.source}/${r.flags}: ${m.ts.toFixed(1)} ms (10 KB) → over ${m.tl.toFixed(1)} ms (100 KB)`);
    }
    expect(slow).toEqual([]);
  });

  it('the known quadratic regexes (src/cli, reported, not ours to edit) are still there and still quadratic', () => {
    for (const k of KNOWN_QUADRATIC) {
      const r = found.find((x) => x.file === k.file && x.source === k.source);
      if (r === undefined) continue; // fixed or moved: remove it from KNOWN_QUADRATIC
      const re = new RegExp(r.source, r.flags);
      const t = (n: number): number => timeRegex(re, r.flags.includes('g'), [k.input(n)]);
      t(2000);
      const a = t(4000);
      const b = t(16_000);
      // 4× the input: about 16× the time when quadratic (bound 6×; linear would be about 4×).
      expect(b / Math.max(a, 0.05), `${k.file} /${k.source}/`).toBeGreaterThan(6);
    }
  });
});

/**
 * Regexes in src/cli (owned by others) found quadratic by the test above on whitespace runs:
 * each start position of a leading whitespace star scans the whole run. Both are applied to short
 * texts today (JSON.parse error messages; a command-line text), so the risk is low, but a 100 KB
 * run of spaces takes ~100 s. Fix: match without the leading whitespace and trimEnd() the rest,
 * or split on LF and trim each piece. Listed here so the suite stays green until they are fixed.
 */
const KNOWN_QUADRATIC: readonly { file: string; source: string; input: (n: number) => string }[] = [];
