/**
 * The generated rule checks (src/message/rules-code.ts) against the rule closures of rules.ts
 * run one after the other: on every message, the same findings at the same places. The messages
 * are valid messages of every FMT, the same with field values swapped in from other messages of
 * the FMT (sums, currencies and references that no longer agree), and the conformance kit's
 * invalid messages.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { parseEnvelope } from '../src/envelope/parse.js';
import { createCodec, defaultCodec } from '../src/message/index.js';
import type { CompiledTables } from '../src/message/plan.js';
import { fmtNumber } from '../src/message/plan.js';
import { readBody } from '../src/message/read.js';
import { compilePlanChecks } from '../src/message/rules.js';
import { Sink } from '../src/message/sink.js';
import { arbitraryInvalidMessage, arbitraryMessage } from '../src/testing/index.js';
import { FMT100, FMT203 } from '../src/spec/fmts/payments.js';
import type { RuleDef } from '../src/spec/schema.js';

const core = defaultCodec().compiled;
const FMTS = [...core.plans.values()].map((p) => p.id);

/** The findings of both checkers on one message text; whether any was found. */
function compare(text: string, tables: CompiledTables = core): boolean {
  const env = parseEnvelope(text);
  const plan = env.fmt === undefined ? undefined : tables.plans.get(fmtNumber(env.fmt));
  if (plan === undefined || env.textBlock === undefined) return false;
  const findings = (generated: boolean): unknown[] => {
    const { state } = readBody(tables, plan, env, new Sink(env.text, 'strict', false), true);
    const sink = new Sink(env.text, 'strict', false);
    compilePlanChecks(plan, generated)({ ...state, sink });
    return sink.diagnostics.map((d) => [d.code, d.offset, d.length, d.tag ?? '', d.message]);
  };
  const closures = findings(false);
  expect(findings(true)).toEqual(closures);
  return closures.length > 0;
}

/** The message with the value of its `k`-th field replaced by the value of a field of `other` with the same tag. */
function swapValue(text: string, other: string, k: number, j: number): string {
  const a = parseEnvelope(text).textBlock?.fields ?? [];
  const b = parseEnvelope(other).textBlock?.fields ?? [];
  if (a.length === 0) return text;
  const f = a[k % a.length]!;
  const same = b.filter((g) => g.tag === f.tag);
  if (same.length === 0) return text;
  const start = f.offset + f.tag.length + 2;
  return text.slice(0, start) + same[j % same.length]!.value + text.slice(start + f.value.length);
}

describe('generated rule checks agree with the rule closures', () => {
  it('valid messages of every FMT, and with values swapped in from other messages', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...FMTS).chain((fmt) => fc.tuple(arbitraryMessage(fmt), arbitraryMessage(fmt), fc.nat(), fc.nat(), fc.nat({ max: 3 }))),
        ([m, other, k, j, swaps]) => {
          compare(m.text);
          let text = m.text;
          for (let s = 0; s < swaps; s++) text = swapValue(text, other.text, k + 7 * s, j + s);
          if (compare(text)) found++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(found, 'some swaps break a rule').toBeGreaterThan(0);
  });

  it('many repetitions (a set of references) and sums over them', () => {
    // FMT203 with sequence B more than 16 times: uniqueInMessage over a set of references.
    fc.assert(
      fc.property(arbitraryMessage('FMT203'), arbitraryMessage('FMT203'), fc.nat(), (m, other, k) => {
        const fields = parseEnvelope(m.text).textBlock!.fields;
        const b = fields.findIndex((f) => f.tag === '20');
        const dash = m.text.indexOf('\r\n-}') + 2;
        const seqB = m.text.slice(fields[b]!.offset, dash);
        // Repeat sequence B until there are more than 16 repetitions (then the references repeat).
        let text = m.text;
        while (text.split(':20:').length - 1 <= 17) text = text.slice(0, dash) + seqB + text.slice(dash);
        expect(compare(text), 'repeated references are reported').toBe(true);
        compare(swapValue(text, other.text, k, k));
      }),
      { numRuns: 60 },
    );
  });

  it('sums too large for exact thousandths (summed with Big)', () => {
    // Every amount of 19 and 32B times 10^k, k chosen so that the largest has 13 integer digits:
    // the sums keep their relations, and thousandths() gives NaN (exact-sum.ts).
    const AMOUNT = /^(:(?:19|32B):(?:[A-Z]{3})?)(\d+),(\d*)\r?$/gm;
    const scale = (text: string): string | undefined => {
      const parts = [...text.matchAll(AMOUNT)];
      if (parts.length === 0) return undefined;
      const k = 13 - Math.max(...parts.map((m) => m[2]!.replace(/^0+(?=\d)/, '').length));
      if (parts.some((m) => m[3]!.length > k)) return undefined;
      return text.replace(AMOUNT, (line, head: string, int: string, frac: string) => {
        const digits = `${int}${frac}${'0'.repeat(k - frac.length)}`.replace(/^0+(?=\d)/, '');
        return `${head}${digits},${line.endsWith('\r') ? '\r' : ''}`;
      });
    };
    let scaled = 0;
    let found = 0;
    fc.assert(
      fc.property(arbitraryMessage('FMT203'), arbitraryMessage('FMT203'), fc.nat(), (m, other, k) => {
        const text = scale(m.text);
        if (text === undefined) return;
        scaled++;
        expect(compare(text), 'scaled sums still agree').toBe(false);
        const broken = scale(swapValue(m.text, other.text, k, k));
        if (broken !== undefined && compare(broken)) found++;
      }),
      { numRuns: 200 },
    );
    expect(scaled).toBeGreaterThan(50);
    expect(found, 'some swaps break a sum').toBeGreaterThan(0);
  });

  it('corrected tables: every condition kind, and rules on message-level items', () => {
    // Conditions the shipped tables do not use, in a repeated group (FMT203) and at message level
    // (FMT100), and the rule kinds on items outside groups.
    const seqB: RuleDef[] = [
      { rule: 'sumEquals', total: '19', of: '32B', where: { tag: '23D', notEquals: 'C' } },
      { rule: 'sumEquals', total: '19', of: '32B', where: { tag: '23D', oneOf: ['D'] } },
      { rule: 'sumEquals', total: '19', of: '32B', where: { present: '21' } },
      { rule: 'sumEquals', total: '19', of: '32B' },
    ];
    const top: RuleDef[] = [
      { rule: 'sumEquals', total: '32A', of: '33B', where: { tag: '71A', equals: 'OUR' } },
      { rule: 'sumEquals', total: '32A', of: '33B', where: { present: '36' } },
      { rule: 'sumEquals', total: '71G', of: '33B', where: { currenciesDiffer: ['33B', '32A'] } },
      { rule: 'sameCurrency', tags: ['32A', '33B', '71G'] },
      { rule: 'uniqueInMessage', tag: '20' },
      { rule: 'amountPositive', tag: '71G' },
    ];
    const c = createCodec({ fmts: [{ ...FMT203, rules: [...FMT203.rules, ...seqB] }, { ...FMT100, rules: [...FMT100.rules, ...top] }] });
    let found = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('FMT203', 'FMT100').chain((fmt) => fc.tuple(arbitraryMessage(fmt, { codec: c }), arbitraryMessage(fmt, { codec: c }), fc.nat(), fc.nat(), fc.nat({ max: 3 }))),
        ([m, other, k, j, swaps]) => {
          let text = m.text;
          for (let s = 0; s < swaps; s++) text = swapValue(text, other.text, k + 7 * s, j + s);
          if (compare(text, c.compiled)) found++;
        },
      ),
      { numRuns: 600 },
    );
    expect(found).toBeGreaterThan(0);
  });

  it('invalid messages of the conformance kit', () => {
    fc.assert(
      fc.property(arbitraryInvalidMessage(), (m) => {
        compare(m.text);
      }),
      { numRuns: 1500 },
    );
  });
});
