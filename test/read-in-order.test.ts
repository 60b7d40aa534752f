/**
 * The in-order fast path of reading (src/message/read-in-order.ts) against the general reader
 * (src/message/read.ts): wherever the fast path returns a result, the general reader finds
 * nothing while reading and builds the same body and the same state (so the rule checks that
 * run on it report the same); and it takes every valid message of every FMT, MT198's embedded
 * bodies (77E) included.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvelope } from '../src/envelope/parse.js';
import { createCodec, defaultCodec, messageToJSON, parse } from '../src/message/index.js';
import { HOT_AFTER } from '../src/message/codec.js';
import type { CompiledTables } from '../src/message/plan.js';
import { O, values } from '../src/spec/fmts/derive.js';
import type { ItemDef } from '../src/spec/schema.js';
import { FMT203 } from '../src/spec/fmts/payments.js';
import { TEXT_TAGS } from '../src/spec/tags.js';
import { bodiesEqual } from '../src/message/equal.js';
import { fmtNumber, type FmtPlan, type ListPlan } from '../src/message/plan.js';
import { readBody, type ListState, type ReadState } from '../src/message/read.js';
import { readInOrder } from '../src/message/read-in-order.js';
import { checkRules } from '../src/message/rules.js';
import { Sink } from '../src/message/sink.js';
import { arbitraryInvalidMessage, arbitraryMessage } from '../src/testing/index.js';

const codec = defaultCodec();
const defaultCore = codec.compiled;
const core = defaultCore;
const FMTS = [...core.plans.values()].map((p) => p.id);
const EMBEDDED_FMTS = [...core.plans.values()].filter((p) => p.text !== undefined).map((p) => p.id);

/** A list read, as plain data (occurrences by tag, position, value; repetitions by shape). */
function shape(st: ListState | undefined): unknown {
  if (st === undefined) return undefined;
  const occ = (o: ListState['occs'][number] | undefined): unknown =>
    o === undefined ? null : [o.item.tag, o.item.index, o.tag, o.offset, o.valueOffset, o.raw, o.group, o.rep, o.clean, JSON.stringify(o.value)];
  return {
    top: Array.from(st.top, occ),
    reps: Array.from(st.reps, (r) => (r === undefined ? null : r.map((rep) => Array.from(rep, occ)))),
    occs: st.occs.map(occ),
    end: st.end,
  };
}

function rulesFindings(state: ReadState): unknown {
  const sink = new Sink(state.env.text, 'strict', false);
  checkRules({ ...state, sink });
  return sink.diagnostics.map((d) => [d.code, d.offset, d.length, d.tag ?? '', d.embeddedTag ?? '']);
}

/** Compares the two readers on one message text; returns whether the fast path took it. */
function compare(text: string, core: CompiledTables = defaultCore): boolean {
  const env = parseEnvelope(text);
  if (env.fmt === undefined || env.textBlock === undefined) return false;
  const plan: FmtPlan | undefined = core.plans.get(fmtNumber(env.fmt));
  if (plan === undefined) return false;
  const fastSink = new Sink(env.text, 'strict', false);
  const fast = readInOrder(core, plan, env, fastSink, true);
  if (fast === undefined) return false;
  const sink = new Sink(env.text, 'strict', false);
  const general = readBody(core, plan, env, sink, true);
  expect(sink.diagnostics.map((d) => d.code), 'the general reader found something the fast path took').toEqual([]);
  expect(fastSink.diagnostics).toEqual([]);
  expect(bodiesEqual(fast.body, general.body)).toBe(true);
  expect(Object.keys(fast.body)).toEqual(Object.keys(general.body));
  expect(shape(fast.state.body)).toEqual(shape(general.state.body));
  expect(shape(fast.state.block6)).toEqual(shape(general.state.block6));
  expect(shape(fast.state.text)).toEqual(shape(general.state.text));
  expect(rulesFindings(fast.state)).toEqual(rulesFindings(general.state));
  return true;
}

/** The text with its block-4 fields rearranged by `edit` (each field with its line break). */
function withFields(text: string, edit: (fields: string[]) => string[]): string {
  const tb = parseEnvelope(text).textBlock;
  if (tb === undefined || tb.fields.length === 0) return text;
  const dash = tb.end - 1 - tb.trailing.length;
  const starts = tb.fields.map((f) => f.offset);
  const spans = starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1] : dash));
  return text.slice(0, starts[0]) + edit(spans).join('') + text.slice(dash);
}

/** The text with the fields embedded in its 77E rearranged by `edit` (each with its line break). */
function withEmbedded(text: string, edit: (fields: string[]) => string[]): string {
  const tb = parseEnvelope(text).textBlock;
  const embedded = tb?.fields.find((f) => f.embedded !== undefined)?.embedded;
  if (tb === undefined || embedded === undefined || embedded.length === 0) return text;
  const dash = tb.end - 1 - tb.trailing.length;
  const starts = embedded.map((f) => f.offset);
  const spans = starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1] : dash));
  return text.slice(0, starts[0]) + edit(spans).join('') + text.slice(dash);
}

const fieldEdit = fc.oneof(
  fc.nat().map((k) => (f: string[]) => f.filter((_, i) => i !== k % f.length)), // drop one
  fc.nat().map((k) => (f: string[]) => [...f.slice(0, (k % f.length) + 1), f[k % f.length]!, ...f.slice((k % f.length) + 1)]), // repeat one
  fc.nat().map((k) => (f: string[]) => {
    const i = k % f.length;
    const j = (i + 1) % f.length;
    const out = f.slice();
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  }), // swap neighbours
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (f: string[]) => {
    const out = f.slice();
    const [moved] = out.splice(a % f.length, 1);
    out.splice(b % (out.length + 1), 0, moved!);
    return out;
  }), // move one
);

describe('reading in order (the fast path) agrees with the general reader', () => {
  it('takes every valid message of every FMT whose lists it walks, with the same result', () => {
    // The walk leaves to read.ts a group whose first item is optional; every other FMT is taken
    // (groups counted by an item, such as FMT011's, included).
    const walked = (list: ListPlan | undefined): boolean =>
      list === undefined || list.entries.every((e) => e.kind === 'item' || e.items[0]!.status === 'M');
    const taken = FMTS.filter((fmt) => {
      const p = core.plans.get(fmtNumber(fmt))!;
      return walked(p.text) && walked(p.body) && walked(p.block6);
    });
    expect(taken.length).toBeGreaterThan(50);
    expect(taken.filter((f) => EMBEDDED_FMTS.includes(f)).length).toBeGreaterThan(10);
    for (const fmt of taken) {
      fc.assert(
        fc.property(arbitraryMessage(fmt), (m) => {
          expect(compare(m.text), `${fmt}: the fast path declined a valid message`).toBe(true);
        }),
        { numRuns: 40 },
      );
    }
  });

  /** Where the fast path answers on messages of `fmts` rearranged by `rewrite`, it answers as read.ts. */
  const rearranged = (fmts: readonly string[], rewrite: (text: string, edit: (f: string[]) => string[]) => string) => (): void => {
    let taken = 0;
    let declined = 0;
    fc.assert(
      fc.property(fc.constantFrom(...fmts).chain((fmt) => arbitraryMessage(fmt)), fieldEdit, (m, edit) => {
        if (compare(rewrite(m.text, edit))) taken++;
        else declined++;
      }),
      { numRuns: 1500 },
    );
    // Some edits keep a valid order (dropping an optional field, swapping two equal ones).
    expect(taken).toBeGreaterThan(0);
    expect(declined).toBeGreaterThan(0);
  };

  it('rearranged fields: where the fast path answers, it answers as the general reader', rearranged(FMTS, withFields));

  it('rearranged embedded fields (MT198): the same', rearranged(EMBEDDED_FMTS, withEmbedded));

  it('a 77E over its limits (a corrected dictionary: at most 6 lines) is left to read.ts', () => {
    const c = createCodec({ tags: { text: [{ ...TEXT_TAGS.find((t) => t.tag === '77E')!, format: '6*78g' }] } });
    let over = 0;
    fc.assert(
      fc.property(fc.constantFrom(...EMBEDDED_FMTS).chain((fmt) => arbitraryMessage(fmt)), (m) => {
        const lines = parseEnvelope(m.text).textBlock?.fields.find((f) => f.embedded !== undefined)?.value.split('\n').length ?? 0;
        if (lines > 6) over++;
        compare(m.text, c.compiled);
      }),
      { numRuns: 300 },
    );
    expect(over).toBeGreaterThan(20);
  });

  it('a field of a group that a later entry also has stays with the group while repetitions are left', () => {
    // A corrected FMT203 with a 72 after sequence B (whose repetitions end with an optional 72):
    // read.ts starts a new repetition at a second 72 (and reports its missing fields), it does
    // not give it to the later item.
    const c = createCodec({ fmts: [{ ...FMT203, items: [...FMT203.items, O('72')] }] });
    let taken = 0;
    fc.assert(
      fc.property(arbitraryMessage('FMT203', { codec: c }), fc.constantFrom(1, 2), (m, extra) => {
        const more = Array.from({ length: extra }, (_, i) => `:72:/ACC/MORE ${i}\r\n`);
        if (compare(withFields(m.text, (f) => [...f, ...more]), c.compiled)) taken++;
      }),
      { numRuns: 200 },
    );
    expect(taken).toBeGreaterThan(0);
  });

  it('what read.ts checks after matching: narrowed code lists and repetition counts', () => {
    const edit = (change: (it: ItemDef) => ItemDef): ItemDef[] =>
      FMT203.items.map((it) => ('group' in it ? { ...it, items: it.items.map((x) => change(x) as typeof x) } : change(it)));
    // 23D narrowed to D (the DC table has C too): a C is a V005 of read.ts, not the notation's.
    const onlyDebit = createCodec({
      fmts: [
        {
          ...FMT203,
          items: edit((it) => ('tag' in it && it.tag === '23D' ? { ...it, codes: values('D') } : it)),
          rules: FMT203.rules.filter((r) => !(r.rule === 'sumEquals' && r.where !== undefined && 'equals' in r.where && r.where.equals === 'C')),
        },
      ],
    });
    // Sequence B at least 3 times: two repetitions are an F006 of read.ts.
    const threeOrMore = createCodec({
      fmts: [{ ...FMT203, items: FMT203.items.map((it) => ('group' in it && it.group === 'sequenceB' ? { ...it, count: { min: 3, max: 999 } } : it)) }],
    });
    // At most 2: a third repetition is an F007 of read.ts.
    const atMostTwo = createCodec({
      fmts: [{ ...FMT203, items: FMT203.items.map((it) => ('group' in it && it.group === 'sequenceB' ? { ...it, count: { min: 2, max: 2 } } : it)) }],
    });
    let declined = 0;
    fc.assert(
      fc.property(arbitraryMessage('FMT203'), (m) => {
        for (const c of [onlyDebit, threeOrMore, atMostTwo]) if (!compare(m.text, c.compiled)) declined++;
      }),
      { numRuns: 200 },
    );
    expect(declined).toBeGreaterThan(0);
  });

  it('invalid messages of the conformance kit: the same', () => {
    fc.assert(
      fc.property(arbitraryInvalidMessage({ fmts: FMTS }), (m) => {
        compare(m.text);
      }),
      { numRuns: 1500 },
    );
  });

  it('the codec gives the same parse with and without the fast path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FMTS).chain((fmt) => arbitraryMessage(fmt)), fieldEdit, fc.boolean(), (m, edit, keep) => {
        const text = keep ? m.text : withFields(m.text, edit);
        const env = parseEnvelope(text);
        const viaCodec = codec.fromEnvelope(env);
        // The general reader alone, through the same steps as the codec.
        const plan = env.fmt === undefined ? undefined : core.plans.get(fmtNumber(env.fmt));
        if (plan === undefined || env.textBlock === undefined) return;
        const sink = new Sink(env.text, 'strict', false);
        const general = readBody(core, plan, env, sink, true);
        checkRules(general.state);
        expect(viaCodec.message === undefined ? undefined : bodiesEqual(viaCodec.message.body, general.body)).not.toBe(false);
        const own = viaCodec.diagnostics.filter((d) => !env.diagnostics.includes(d));
        const key = (d: { code: string; offset: number }): string => `${String(d.offset).padStart(8, '0')} ${d.code}`;
        expect(own.map(key).sort()).toEqual(sink.diagnostics.map(key).sort());
      }),
      { numRuns: 500 },
    );
  });

  it('a plan in use (its generated reader and rule checks) parses as it did before, MT198 included', () => {
    // A fresh codec: its plans start cold (read.ts, rule closures) and generate code after
    // HOT_AFTER messages. Valid and broken messages must come out the same on both sides.
    const fresh = createCodec();
    const texts = fc.sample(
      fc.oneof(
        arbitraryMessage('FMT203', { codec: fresh }).map((m) => m.text),
        arbitraryInvalidMessage({ codec: fresh, fmts: ['FMT203'] }).map((m) => m.text),
        arbitraryMessage('FMT011', { codec: fresh }).map((m) => m.text),
        arbitraryInvalidMessage({ codec: fresh, fmts: ['FMT011'] }).map((m) => m.text),
      ),
      { numRuns: 120, seed: 7 },
    );
    const outcome = (text: string): unknown => {
      const r = fresh.parse(text);
      return [r.ok, r.diagnostics.map((d) => [d.code, d.offset, d.length]), r.message === undefined ? null : JSON.stringify(messageToJSON(r).body)];
    };
    const cold = texts.map(outcome);
    for (const fmt of ['203', '011']) {
      const plan = fresh.compiled.plans.get(fmt)!;
      const one = texts.find((t) => t.includes(`{119:FMT${fmt}}`))!;
      while (plan.uses < HOT_AFTER) fresh.parse(one);
    }
    expect(texts.map(outcome)).toEqual(cold);
  });

  it('where code generation is disallowed, the codec reads every fixture as it does with it', () => {
    // The in-order reader, the formats' fast paths and the rule checks are generated code (new
    // Function); without it read.ts, the closure tree and the rule closures do the work.
    const root = join(import.meta.dirname, '..');
    const dir = join(root, 'fixtures', 'valid');
    const files = readdirSync(dir).filter((f) => f.endsWith('.fin')).sort();
    const script = [
      `import { parse, messageToJSON } from ${JSON.stringify(join(root, 'src', 'message', 'index.ts'))};`,
      "import { readFileSync } from 'node:fs';",
      `const files = ${JSON.stringify(files.map((f) => join(dir, f)))};`,
      'console.log(JSON.stringify(files.map((f) => messageToJSON(parse(readFileSync(f))))));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const here = files.map((f) => messageToJSON(parse(readFileSync(join(dir, f)))));
    expect(here.every((m) => m.ok)).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(here)));
  });
});
