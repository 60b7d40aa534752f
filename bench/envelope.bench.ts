/**
 * Envelope benchmark: one run, one corpus, every method measured in the same process so the
 * ratios are meaningful (absolute numbers drift between runs and machines).
 *
 *   npx tsx bench/envelope.bench.ts [--count 10000] [--warmup 5] [--rounds 21] [--json out.json]
 *
 * Targets (issue "The envelope"): fast path ≥ 150× parseReference, ≥ 10× swift-parser's block
 * split, ≥ 0.3× the indexOf floor (string input); bytes input ≥ 0.4× TextDecoder alone.
 */
import { writeFileSync } from 'node:fs';
import { envelopeCorpus, indexOfFloor } from './corpus.js';
import { swiftParserSplit } from './swift-parser.js';
import { interleaved, pairedRatio, report, type Measurement, type TimedMethod } from './measure.js';
import { parseEnvelope } from '../src/envelope/parse.js';
import { parseReference } from '../src/reference/parse-reference.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const count = Number(arg('--count') ?? 10_000);

// Flat texts, as a decoder returns them (see `envelopeCorpus`).
const { bytes, texts } = envelopeCorpus(count);
const totalBytes = bytes.reduce((s, b) => s + b.length, 0);
const withChinese = texts.filter((t) => /[^\x00-\x7f]/.test(t)).length;
console.log(
  `corpus: ${count} messages, ${(totalBytes / 1e6).toFixed(2)} MB, ` +
    `${Math.round(totalBytes / count)} B average, ${withChinese} with Chinese`,
);

// swift-parser gets the very texts the fast path gets: its grammar takes any `{id:…}` block, so
// blocks 6 and 7 parse too. It throws on an empty header value (`{PDE:}`, about 5% of the corpus)
// only at the message's last block, after splitting everything before it: those passes count.
const swiftSample = texts.slice(0, 200);
// Its score is split minus thrown, so the sample's size less the score is twice the throws.
const swiftFailures = (swiftSample.length - swiftParserSplit(swiftSample)) / 2;

const decoder = new TextDecoder('gb18030');
let sink = 0;

/** The methods measured, each one pass over its corpus. */
// The Ohm parse (about 1 ms a message) runs on every 50th message: short passes, each right
// after a pass of the fast path, so that the machine's drift cancels out of each pair.
const REF_STEP = 50;
const refIndexes = texts.map((_, i) => i).filter((i) => i % REF_STEP === 0);
const refSubset = refIndexes.map((i) => texts[i]!);
const refBytes = refIndexes.reduce((s, i) => s + bytes[i]!.length, 0);
const methods: TimedMethod[] = [
  {
    name: 'indexOf "\\r\\n:" floor (string)',
    messages: count,
    bytes: totalBytes,
    run: () => {
      sink += indexOfFloor(texts);
    },
  },
  {
    name: 'TextDecoder gb18030 alone (bytes)',
    messages: count,
    bytes: totalBytes,
    run: () => {
      for (const b of bytes) sink += decoder.decode(b).length;
    },
  },
  {
    name: 'parseEnvelope fast path (string)',
    messages: count,
    bytes: totalBytes,
    run: () => {
      for (const t of texts) if (parseEnvelope(t).ok) sink++;
    },
  },
  {
    name: 'parseEnvelope fast path (bytes)',
    messages: count,
    bytes: totalBytes,
    run: () => {
      for (const b of bytes) if (parseEnvelope(b).ok) sink++;
    },
  },
  {
    name: 'swift-parser block split (string)',
    messages: count,
    bytes: totalBytes,
    run: () => {
      sink += swiftParserSplit(texts);
    },
  },
  {
    name: 'parseReference (Ohm)',
    messages: refSubset.length,
    bytes: refBytes,
    run: () => {
      for (const t of refSubset) if (parseReference(t).ok) sink++;
    },
    slow: true,
    pairWith: 'parseEnvelope fast path (string)',
  },
];

// Steady state: every method runs `--warmup` passes (and is optimized by the JIT) before any is
// timed. Then the timed passes go round-robin over the methods, so a slow spell of a shared
// machine falls on all of them alike and the ratios stay meaningful; each method reports its
// median pass. The slow Ohm parse is warmed up and timed (9 passes, each after a pass of the fast
// path) after the others.
const WARMUP = Number(arg('--warmup') ?? 5);
const ROUNDS = Number(arg('--rounds') ?? 21);
for (const m of methods) for (let i = 0; i < WARMUP; i++) if (m.slow !== true) m.run();
for (const m of methods) if (m.slow === true) m.run();
const results: Measurement[] = interleaved(methods, ROUNDS, 9);

const rejected = texts.filter((t) => !parseEnvelope(t).ok).length;
if (rejected > 0) console.log(`WARNING: ${rejected} corpus messages rejected by the fast path`);
if (swiftFailures > 0) console.log(`note: swift-parser threw on ${swiftFailures} of 200 sample messages`);

const by = (name: string): Measurement => results.find((r) => r.name.startsWith(name))!;
const fastString = by('parseEnvelope fast path (string)');
const fastBytes = by('parseEnvelope fast path (bytes)');
// Every ratio is the median of per-round ratios of passes run back to back (`pairedRatio`); the
// Ohm passes, timed after the round-robin, each follow a pass of the fast path.
const ratios = [
  { name: 'fast (string) / parseReference', value: pairedRatio(fastString, by('parseReference'), 'bytes'), target: 150 },
  { name: 'fast (string) / swift-parser split', value: pairedRatio(fastString, by('swift-parser'), 'bytes'), target: 10 },
  { name: 'fast (string) / indexOf floor', value: pairedRatio(fastString, by('indexOf'), 'bytes'), target: 0.3 },
  { name: 'fast (bytes) / TextDecoder alone', value: pairedRatio(fastBytes, by('TextDecoder'), 'bytes'), target: 0.4 },
];
report(results, ratios);
if (sink === 0.5) console.log(sink);
const out = arg('--json');
if (out !== undefined) writeFileSync(out, JSON.stringify({ count, totalBytes, results, ratios }, null, 2));
