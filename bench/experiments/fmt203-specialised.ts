/**
 * Experiment (not a product path): how fast could a reader compiled for one FMT be?
 *
 *   npx tsx bench/experiments/fmt203-specialised.ts [--count 2000] [--rounds 31]
 *
 * `readFmt203` is the typed reader of FMT203 written out by hand for valid messages: the same
 * value parsers as the generic reader (`ItemPlan.fast`), the same occurrence objects and the same
 * rule checks (`checkRules` on the state it builds), but the field order, groups and body shape
 * hard-coded instead of interpreted from the plan. It gives up (undefined) at anything unusual,
 * as a compiled reader would before handing the message to the generic one. The bench checks
 * that it returns the generic reader's body for every message, then times the envelope-only
 * parse, the generic typed parse and envelope + this reader, round-robin, with paired ratios.
 *
 * Measured 2026-11-23 (generated FMT203 messages only, both sides doing the codec's work after
 * reading: headers, message object, diagnostics): the generic reader at 0.28× the envelope-only
 * parse before read-in-order.ts and 0.28–0.30× with it, this reader at 0.30–0.32×, with the
 * rules still run by the generic engine on occurrence objects. What is left between the two is
 * what interpreting the plan still costs (and what generating a reader per FMT from its plan,
 * as ajv compiles a schema, could save).
 */
import fc from 'fast-check';
import { encodeText } from '../../src/bytes/encode.js';
import { parseEnvelope, type EnvelopeResult } from '../../src/envelope/parse.js';
import { build, defaultCodec, parse } from '../../src/message/index.js';
import { bodiesEqual } from '../../src/message/equal.js';
import type { GroupPlan, ItemPlan } from '../../src/message/plan.js';
import { headersOf, type ListState, type Occ, type ReadState, type Rep } from '../../src/message/read.js';
import { checkRules } from '../../src/message/rules.js';
import { mergeDiagnostics, Sink } from '../../src/message/sink.js';
import { NOT_FAST } from '../../src/notation/fast.js';
import type { TypedValue } from '../../src/notation/types.js';
import { messageArbitrary } from '../../src/testing/message-arbitrary.js';
import { interleaved, pairedRatio, report } from '../measure.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const count = Number(arg('--count') ?? 2_000);
const rounds = Number(arg('--rounds') ?? 31);

const codec = defaultCodec();
const core = codec.compiled;
const plan = core.plans.get('203')!;
const [groupA, groupB] = plan.body.entries as [GroupPlan, GroupPlan];
const ctx = core.parseContext;

type Body = Record<string, TypedValue>;

/** Reads the fields `from`… as repetitions of `g` (items in order, optional ones may be absent). */
function readRep(env: EnvelopeResult, g: GroupPlan, from: number, rep: number, occs: Occ[], body: Body, slots: Rep): number {
  const fields = env.textBlock!.fields;
  let i = from;
  for (let k = 0; k < g.items.length && i < fields.length; k++) {
    const it: ItemPlan = g.items[k]!;
    const f = fields[i]!;
    if (f.tag !== it.tag) {
      if (it.status === 'M') return -1;
      continue;
    }
    const v = it.fast(f.value, ctx, undefined);
    if (v === NOT_FAST || v === undefined) return -1;
    for (const pc of it.postCodes) if (typeof v !== 'string' || pc.codes === undefined || !pc.codes.has(v)) return -1;
    const o: Occ = { item: it, tag: f.tag, offset: f.offset, valueOffset: f.offset + f.tag.length + 2, raw: f.value, group: g.index, rep, value: v, clean: true };
    slots[k] = o;
    occs.push(o);
    body[it.name] = v;
    i++;
  }
  return i;
}

/** FMT203 for a valid message: the typed body, else undefined (the generic reader decides). */
function readFmt203(env: EnvelopeResult): Body | undefined {
  const fields = env.textBlock!.fields;
  const occs: Occ[] = [];
  const a: Body = {};
  const repA: Rep = new Array<Occ | undefined>(groupA.items.length);
  let i = readRep(env, groupA, 0, 0, occs, a, repA);
  if (i < 0) return undefined;
  const b: Body[] = [];
  const repsB: Rep[] = [];
  while (i < fields.length) {
    if (fields[i]!.tag !== groupB.items[0]!.tag || repsB.length === groupB.max) return undefined;
    const body: Body = {};
    const slots: Rep = new Array<Occ | undefined>(groupB.items.length);
    i = readRep(env, groupB, i, repsB.length, occs, body, slots);
    if (i < 0) return undefined;
    b.push(body);
    repsB.push(slots);
  }
  if (repsB.length < groupB.min) return undefined;
  const sink = new Sink(env.text, 'strict', false);
  const list: ListState = {
    list: plan.body,
    top: [undefined, undefined],
    reps: [[repA], repsB],
    groupEnd: [-1, -1],
    occs,
    end: env.textBlock!.end - 2,
    where: plan.where.body,
  };
  const state: ReadState = { core, plan, env, sink, validate: true, body: list, text: undefined, block6: undefined };
  checkRules(state);
  const own = sink.diagnostics;
  if (own.length > 0) return undefined;
  const body = { [groupA.name]: a, [groupB.name]: b } as Body;
  // What codec.ts does after reading, so that both sides do the same work.
  const message = { fmt: plan.id, mt: plan.mt, headers: headersOf(env), body, envelope: env.envelope, text: env.text };
  const result = { ok: true, envelope: env, message, diagnostics: mergeDiagnostics(env.diagnostics, own) };
  return result.message.body;
}

const texts: string[] = fc
  .sample(messageArbitrary('FMT203'), { numRuns: count, seed: 20261123 })
  .map((g) => new TextDecoder('gb18030').decode(encodeText(build(g.fmt, g.body, g.headers).text)));
let same = 0;
for (const t of texts) {
  const generic = parse(t);
  const body = readFmt203(parseEnvelope(t));
  if (generic.ok && body !== undefined && bodiesEqual(generic.message!.body, body)) same++;
}
console.log(`FMT203: ${texts.length} messages; the specialised reader returns the generic body for ${same}`);

let sink = 0;
const bytes = texts.reduce((s, t) => s + encodeText(t).length, 0);
const methods = [
  { name: 'parseEnvelope (envelope only)', run: () => texts.forEach((t) => parseEnvelope(t).ok && sink++) },
  { name: 'parse + validate (generic typed reader)', run: () => texts.forEach((t) => parse(t).ok && sink++) },
  { name: 'parseEnvelope + readFmt203 (specialised)', run: () => texts.forEach((t) => readFmt203(parseEnvelope(t)) !== undefined && sink++) },
].map((m) => ({ ...m, messages: texts.length, bytes }));
for (let w = 0; w < 5; w++) for (const m of methods) m.run();
const [env, generic, special] = interleaved(methods, rounds, 0);
report(
  [env!, generic!, special!],
  [
    { name: 'generic typed / envelope only', value: pairedRatio(generic!, env!), target: 0.3 },
    { name: 'specialised typed / envelope only', value: pairedRatio(special!, env!), target: 0.3 },
  ],
);
if (sink < 0) console.log(sink);
