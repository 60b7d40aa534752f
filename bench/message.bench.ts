/**
 * Typed-message benchmark: parse + validate to a typed message, per family (MT103, MT202,
 * MT203, MT198), measured in the same run as the envelope-only parse (`parseEnvelope`) of the
 * same messages, so the ratio is meaningful (absolute numbers drift between runs and machines).
 *
 *   node --expose-gc --import tsx bench/message.bench.ts [--count 2000] [--warmup 5] [--rounds 31] [--json out.json]
 *   (or `npx tsx bench/message.bench.ts`, without the collection between families)
 *
 * Steady-state throughput: each path runs `--warmup` passes before any is timed, then `--rounds`
 * timed passes go round-robin over the three paths, and each reports its median pass. A ratio is
 * the median of the per-round ratios (`pairedRatio`), which a slow spell of the machine cannot tilt.
 *
 * The corpus of each family is made by the message generators of src/testing (valid messages of
 * every FMT of the family, random content, fixed seed) plus the shipped fixtures of the family,
 * in a child process (bench/family-corpus.ts says why).
 * Target (issue "The standard as data", part 3–7): typed parse + validate ≥ 0.3× the
 * envelope-only throughput.
 */
import { writeFileSync } from 'node:fs';
import { encodeText } from '../src/bytes/encode.js';
import { parseEnvelope } from '../src/envelope/parse.js';
import { parse } from '../src/message/index.js';
import { corporaFromChild } from './family-corpus.js';
import { interleaved, pairedRatio, report, type Measurement, type Ratio } from './measure.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const perFamily = Number(arg('--count') ?? 2_000);

const FAMILIES = ['103', '202', '203', '198'] as const;
// Made in a child process (see family-corpus.ts): building them here would train the parser on
// the builder's concatenated strings before it is timed.
const corpora = corporaFromChild({ families: FAMILIES, count: perFamily });
const corpus = (mt: string): string[] => corpora.families[mt]!;

/** Passes over each corpus before timing, and timed passes (median reported). */
const WARMUP = Number(arg('--warmup') ?? 5);
const ROUNDS = Number(arg('--rounds') ?? 31);

let sink = 0;
const results: Measurement[] = [];
const ratios: Ratio[] = [];
const summary: Record<string, unknown> = {};
for (const mt of FAMILIES) {
  const texts = corpus(mt);
  const bytes = texts.reduce((s, t) => s + encodeText(t).length, 0);
  let unclean = 0;
  for (const t of texts) if (parse(t).diagnostics.some((d) => d.severity === 'error')) unclean++;
  console.log(`MT${mt}: ${texts.length} messages, ${(bytes / 1e6).toFixed(2)} MB, ${Math.round(bytes / texts.length)} B average, ${unclean} with errors`);
  const envelopeOnly = (): void => {
    for (const t of texts) if (parseEnvelope(t).ok) sink++;
  };
  const typedParse = (): void => {
    for (const t of texts) if (parse(t).ok) sink++;
  };
  const trustedParse = (): void => {
    for (const t of texts) if (parse(t, { validate: false }).ok) sink++;
  };
  // A clean heap for each family (when node runs with --expose-gc), then steady state: every
  // path is run (and optimized by the JIT) before anything is timed.
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < WARMUP; i++) {
    envelopeOnly();
    typedParse();
    trustedParse();
  }
  // Round-robin timing (see `interleaved`): a slow spell of the machine falls on all three alike.
  const [env, typed, trusted] = interleaved(
    [
      { name: `MT${mt} parseEnvelope (envelope only)`, messages: texts.length, bytes, run: envelopeOnly },
      { name: `MT${mt} parse + validate (typed)`, messages: texts.length, bytes, run: typedParse },
      { name: `MT${mt} parse, validate: false (typed)`, messages: texts.length, bytes, run: trustedParse },
    ],
    ROUNDS,
    0,
  ) as [Measurement, Measurement, Measurement];
  results.push(env, typed, trusted);
  ratios.push({ name: `MT${mt} typed + validate / envelope only`, value: pairedRatio(typed, env), target: 0.3 });
  ratios.push({ name: `MT${mt} typed, no validation / envelope only`, value: pairedRatio(trusted, env) });
  summary[`MT${mt}`] = { messages: texts.length, bytes, envelope: env, typed, trusted };
}
report(results, ratios);
if (sink < 0) console.log(sink);
const out = arg('--json');
if (out !== undefined) writeFileSync(out, JSON.stringify({ results, ratios, summary }, null, 2));
