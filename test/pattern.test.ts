/**
 * `patternOf` (src/notation/pattern.ts) and the envelope's tag-block acceptance built from it
 * (src/envelope/check.ts, scan.ts): a pattern plus its length limit accepts exactly the values
 * the format's reader accepts, and a message parses to the same envelope and diagnostics whether
 * or not its `{tag:value}` blocks go through the acceptance expression.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormat } from '../src/notation/compile.js';
import { patternOf, type ValuePattern } from '../src/notation/pattern.js';
import { defaultNotationContext } from '../src/spec/code-tables.js';
import { formatArbitrary } from '../src/testing/format-arbitrary.js';
import { parseEnvelope } from '../src/envelope/parse.js';
import { compileTables, defaultEnvelopeTables } from '../src/envelope/tables.js';
import { Scanner } from '../src/envelope/scan.js';
import { Reporter } from '../src/diagnostics/reporter.js';
import type { CompiledEnvelopeTables, EnvelopeTables } from '../src/envelope/check.js';
import { BLOCKS, HEADER_TAGS, type HeaderTagDef } from '../src/spec/envelope.js';
import { arbitraryEnvelopeText, arbitraryMutatedEnvelopeText } from '../src/testing/envelope.js';

const ctx = defaultNotationContext();

function matches(p: ValuePattern, value: string): boolean {
  return value.length <= p.maxLength && new RegExp(`^(?:${p.source})$`).test(value);
}

describe('patternOf', () => {
  it('gives a pattern exactly for the formats that are charset and length only', () => {
    const some = ['FMT3!n', '16x', '4!x', '32h', '4096b', '12!h', '[4!n6!n28!c]', '3!n', '4!c', '1!a', '8n', '2!n', 'ABC/3!n', 'REF'];
    const none = ['DATE', 'BIC', 'CCY', '17d', '20g', '4*35x', '5n[/5n]', '3!n CRLF DATE', '3!n/16x [4!n]', '[3!c]/5n', 'DC'];
    for (const f of some) expect(patternOf(compileFormat(f)), f).toBeDefined();
    for (const f of none) expect(patternOf(compileFormat(f)), f).toBeUndefined();
    expect(patternOf(compileFormat('FMT3!n'))!.maxLength).toBe(6);
    expect(patternOf(compileFormat('[4!n6!n28!c]'))!.maxLength).toBe(38);
    expect(patternOf(compileFormat('4096b'))!.maxLength).toBe(4096);
  });

  const formats = ['FMT3!n', '16x', '4!x', '32h', '4096b', '12!h', '[4!n6!n28!c]', '3!n', '4!c', '8n', 'AB/3!n', 'REF'];
  for (const notation of formats) {
    it(`${JSON.stringify(notation)}: pattern and limit accept exactly what the reader accepts`, () => {
      const f = compileFormat(notation);
      const p = patternOf(f)!;
      const unit = fc.oneof(
        fc.constantFrom('\r\n', '\n', '{', '}', ' ', ':', '/', '=', '+', '0', '9', 'A', 'F', 'G', 'Z', 'a', 'z', '张', 'FMT', '#'),
        fc.string({ unit: 'binary', maxLength: 2 }),
      );
      const valid = formatArbitrary(f, ctx, { sizes: 'limits' });
      const raw = fc.oneof(
        valid,
        formatArbitrary(f, ctx),
        fc.array(unit, { maxLength: 40 }).map((a) => a.join('')),
        valid.chain((v) => fc.tuple(fc.nat(v.length), unit).map(([i, u]) => v.slice(0, i) + u + v.slice(i))),
        valid.chain((v) => fc.nat(v.length).map((i) => v.slice(0, i) + v.slice(i + 1))),
        valid.map((v) => v + v.slice(-1)),
      );
      let accepted = 0;
      fc.assert(
        fc.property(raw, (s) => {
          const ok = f.test(s, ctx);
          if (ok) accepted++;
          expect(matches(p, s), JSON.stringify(s)).toBe(ok);
        }),
        { numRuns: 400, seed: 11 },
      );
      expect(accepted).toBeGreaterThan(0);
    });
  }
});

// -------------------------------------------------------------------------------------------------

/** The shipped tables with no acceptance expressions: every tag block is walked and checked. */
function withoutAccept(t: CompiledEnvelopeTables): CompiledEnvelopeTables {
  return { ...t, lanes: undefined, byCode: t.byCode.map((r) => r && { ...r, tags: r.tags && { ...r.tags, accept: undefined } }) };
}

const TABLES = defaultEnvelopeTables();
const PLAIN = withoutAccept(TABLES);
const HEAD = '{1:F01ABOCCNBJA2000627933752}{2:I103BOSHCNSHBSHAN}';
const BODY = '{4:\r\n:20:REF1\r\n-}';

/** Which `{tag:value}` blocks the acceptance expressions took (the scanner's `checked` bits). */
function checkedBlocks(text: string): number {
  const s = new Scanner(text, new Reporter(text, 'strict'), TABLES);
  s.scan();
  return s.checked;
}

describe('tag blocks read through the acceptance expression', () => {
  const tagValues: Record<string, fc.Arbitrary<string>> = {};
  for (const defs of Object.values(HEADER_TAGS)) {
    for (const d of defs) tagValues[d.tag] = d.format === '' ? fc.constant('') : formatArbitrary(compileFormat(d.format), ctx);
  }
  const noise = fc.oneof(
    fc.constantFrom('', 'FMT12', 'FMT1234', 'fmt100', 'ABCDEFG', '0123456789ABCDEF0123456789ABCDEF0', 'ab=', '1{2', '1}2', 'A\r\nB', '张三', ' '),
    fc.string({ maxLength: 6 }),
    fc.integer({ min: 4090, max: 4100 }).map((n) => 'A'.repeat(n)),
  );
  const tag = fc.constantFrom(...Object.keys(tagValues), 'XYZ', '12', 'S:G');
  const entry = fc.tuple(tag, fc.boolean()).chain(([t, good]) =>
    (good && tagValues[t] !== undefined ? tagValues[t] : noise).map((v) => `{${t}:${v}}`),
  );
  /** A list in table order (mostly) or shuffled, with entries dropped, repeated or foreign. */
  const list = (id: string): fc.Arbitrary<string> => {
    const defs = HEADER_TAGS[id]!;
    const inOrder = fc
      .tuple(...defs.map((d) => fc.tuple(fc.integer({ min: 0, max: 9 }), tagValues[d.tag]!)))
      .map((xs) => xs.map(([keep, v], i) => (keep < 7 || defs[i]!.status === 'M' ? `{${defs[i]!.tag}:${v}}` : '')).join(''));
    return fc.oneof(
      { weight: 3, arbitrary: inOrder },
      { weight: 2, arbitrary: fc.array(entry, { maxLength: 5 }).map((a) => a.join('')) },
      { weight: 1, arbitrary: inOrder.chain((s) => fc.tuple(fc.nat(s.length), entry).map(([i, e]) => s.slice(0, i) + e + s.slice(i))) },
    );
  };
  const message = fc
    .tuple(list('3'), list('7'), list('5'), fc.boolean())
    .map(([b3, b7, b5, with7]) => `${HEAD}{3:${b3}}${BODY}${with7 ? `{7:${b7}}` : ''}{5:${b5}}`);

  it('give the same envelope and diagnostics as the entry-by-entry checks', () => {
    let taken = 0;
    let rejected = 0;
    fc.assert(
      fc.property(message, fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>, (text, mode) => {
        const fast = parseEnvelope(text, { mode, explain: false });
        const plain = parseEnvelope(text, { mode, explain: false, tables: PLAIN });
        expect(fast.envelope, JSON.stringify(text)).toEqual(plain.envelope);
        expect(fast.diagnostics, JSON.stringify(text)).toEqual(plain.diagnostics);
        if (checkedBlocks(text) !== 0) taken++;
        if (!fast.ok) rejected++;
      }),
      { numRuns: 1500, seed: 12 },
    );
    // Both ways were exercised.
    expect(taken).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(300);
  });

  it('the lanes (blocks 1-3 and 7-5 in one step each, checks skipped for the usual order) change nothing', () => {
    // Generated envelopes (blocks 6 and 7 or not, Chinese, 77E) and mutations of them (blocks
    // repeated, dropped, reordered, unknown, stray text, broken headers): the same result.
    let standard = 0;
    const same = (text: string, mode: 'strict' | 'lenient'): void => {
      const fast = parseEnvelope(text, { mode, explain: false });
      const plain = parseEnvelope(text, { mode, explain: false, tables: PLAIN });
      expect(fast, JSON.stringify(text)).toEqual(plain);
      const s = new Scanner(text, new Reporter(text, mode), TABLES);
      s.scan();
      if (s.standard) standard++;
    };
    const mode = fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>;
    fc.assert(fc.property(arbitraryEnvelopeText, mode, same), { numRuns: 500, seed: 13 });
    fc.assert(fc.property(arbitraryMutatedEnvelopeText, mode, same), { numRuns: 3000, seed: 14 });
    const sig = `{7:{DSN:0A1B}{SIG:AbC=}}`;
    const six = '{6:\r\n:72:/REC/中文\r\n-}';
    for (const text of [
      `${HEAD}{3:{119:FMT100}}${BODY}${six}${sig}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}${BODY}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}{9:x}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}x{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}${sig}${sig}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${six}${BODY}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}{5:{CHK:0123456789AB}}\r\n`,
      `${HEAD}{3:{119:FMT100}}${BODY}${sig}{5:{CHK:0123456789AB}} \t\r\n\r\n`,
      `${HEAD}{3:{119:FMT100}}${BODY}{5:{CHK:0123456789AB}}\r\nx`,
      `${HEAD}{3:{119:FMT100}}${BODY}{5:{CHK:0123456789AB}}\r\n{1:`,
      `${HEAD}{3:{119:FMT100}}${BODY}{5:{CHK:0123456789AB}}{5:{CHK:0123456789AB}}`,
    ]) {
      same(text, 'strict');
      same(text, 'lenient');
    }
    expect(standard).toBeGreaterThan(300);
  });

  it('corrected tables: the lanes follow them, or stand aside', () => {
    const tags = (id: string, change: (d: HeaderTagDef) => HeaderTagDef, extra: HeaderTagDef[] = []): EnvelopeTables['headerTags'] => ({
      ...HEADER_TAGS,
      [id]: [...HEADER_TAGS[id]!.map(change), ...extra],
    });
    const variants: EnvelopeTables[] = [
      // Block 6 mandatory: the usual order without it is no longer clean (lanes.standard false).
      { blocks: BLOCKS.map((b) => (b.id === '6' ? { ...b, mandatory: true } : b)), headerTags: HEADER_TAGS },
      // SIG optional.
      { blocks: BLOCKS, headerTags: tags('7', (d) => (d.tag === 'SIG' ? { ...d, status: 'O' } : d)) },
      // A block-3 tag whose format has no pattern (a date): no acceptance expression, no lanes.
      { blocks: BLOCKS, headerTags: tags('3', (d) => d, [{ tag: '999', name: 'x', nameZh: 'x', format: 'DATE', status: 'O' }]) },
      // Block 7 before block 6.
      { blocks: [...BLOCKS.filter((b) => b.id !== '6' && b.id !== '5'), BLOCKS.find((b) => b.id === '6')!, BLOCKS.find((b) => b.id === '5')!], headerTags: HEADER_TAGS },
    ];
    const compiled = variants.map((v) => compileTables(v));
    expect(compiled.map((c) => c.lanes === undefined)).toEqual([false, false, true, false]);
    expect(compiled.map((c) => c.lanes?.standard)).toEqual([false, true, undefined, false]);
    const sig = `{7:{DSN:0A1B}{SIG:AbC=}}`;
    const six = '{6:\r\n:72:/REC/中文\r\n-}';
    const texts = [
      `${HEAD}{3:{119:FMT100}}${BODY}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}${six}${sig}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}{7:{DSN:0A1B}}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}{999:20240229}}${BODY}${sig}{5:{CHK:0123456789AB}}`,
      `${HEAD}{3:{119:FMT100}}${BODY}${sig}${six}{5:{CHK:0123456789AB}}`,
    ];
    compiled.forEach((t, i) => {
      for (const text of texts) {
        const fast = parseEnvelope(text, { explain: false, tables: t });
        expect(fast, `variant ${i}: ${JSON.stringify(text)}`).toEqual(parseEnvelope(text, { explain: false, tables: withoutAccept(t) }));
      }
    });
    // Block 6 made mandatory: its absence is still reported though the lanes read the message.
    expect(parseEnvelope(texts[0]!, { explain: false, tables: compiled[0] }).diagnostics.map((d) => d.code)).toContain('S008');
  });

  it('take valid blocks and leave the rest to the checks', () => {
    const sig = (n: number): string => 'Ab+/'.repeat(n).slice(0, n);
    const ok = `${HEAD}{3:{119:FMT100}{108:MUR 1}}${BODY}{7:{DSN:0A1B}{SIG:${sig(4096)}}}{5:{CHK:0123456789AB}{PDE:}{TNG:}}`;
    expect(parseEnvelope(ok).ok).toBe(true);
    expect(checkedBlocks(ok)).toBe((1 << 2) | (1 << 4) | (1 << 5));

    const cases: [string, string][] = [
      [ok.replace(sig(4096), sig(4097)), 'S015'], // over the limit the expression leaves to the length check
      [ok.replace('{108:MUR 1}', '{108:MUR 1}{108:MUR 2}'), 'S014'],
      [ok.replace('{119:FMT100}{108:MUR 1}', '{108:MUR 1}{119:FMT100}'), 'S017'],
      [ok.replace('{TNG:}', '{TNG:X}'), 'S015'],
      [ok.replace('{TNG:}', '{TNG:}{ABC:1}'), 'S013'],
      [ok.replace('{CHK:0123456789AB}', ''), 'S016'],
      [ok.replace('{DSN:0A1B}', '{DSN:0a1b}'), 'S015'],
      [ok.replace('{PDE:}', '{PDE:2024}'), 'S015'],
    ];
    for (const [text, code] of cases) {
      const r = parseEnvelope(text, { explain: false });
      expect(r.diagnostics.map((d) => d.code), code).toContain(code);
      expect(r.diagnostics).toEqual(parseEnvelope(text, { explain: false, tables: PLAIN }).diagnostics);
    }
  });
});
