/**
 * Envelope benchmark: one run, one corpus, every method measured in the same process so the
 * ratios are meaningful (absolute numbers drift between runs and machines).
 *
 *   npx tsx bench/envelope.bench.ts [--count 10000] [--json out.json]
 *
 * Targets (issue "The envelope"): fast path ≥ 150× parseReference, ≥ 10× swift-parser's block
 * split, ≥ 0.3× the indexOf floor (string input); bytes input ≥ 0.4× TextDecoder alone.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { makeCorpus } from './corpus.js';
import { measure, report, type Measurement } from './measure.js';
import { parseEnvelope } from '../src/envelope/parse.js';
import { parseReference } from '../src/reference/parse-reference.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const count = Number(arg('--count') ?? 10_000);

const texts = makeCorpus(count, 20261123);
const bytes = texts.map((t) => new Uint8Array(iconv.encode(t, 'gb18030')));
const totalBytes = bytes.reduce((s, b) => s + b.length, 0);
const withChinese = texts.filter((t) => /[^\x00-\x7f]/.test(t)).length;
console.log(
  `corpus: ${count} messages, ${(totalBytes / 1e6).toFixed(2)} MB, ` +
    `${Math.round(totalBytes / count)} B average, ${withChinese} with Chinese`,
);

const require = createRequire(import.meta.url);
const finParser = require('swift-parser/finParser.js') as { parse(s: string): unknown };

// swift-parser's grammar knows SWIFT's blocks 1–5 only; it gets the same messages without our
// blocks 6 and 7 so that it parses rather than throws (it still has the same fields to split).
const swiftTexts = texts.map((t) => t.replace(/\{6:[\s\S]*?\r\n-\}/, '').replace(/\{7:\{DSN:[^}]*\}\{SIG:[^}]*\}\}/, ''));
const swiftBytes = swiftTexts.reduce((s, t) => s + Buffer.byteLength(t, 'latin1'), 0);
let swiftFailures = 0;
for (const t of swiftTexts.slice(0, 200)) {
  try {
    finParser.parse(t);
  } catch {
    swiftFailures++;
  }
}

const decoder = new TextDecoder('gb18030');
let sink = 0;

const results: Measurement[] = [];
results.push(
  measure('indexOf "\\r\\n:" floor (string)', count, totalBytes, () => {
    for (const t of texts) {
      let i = t.indexOf('\r\n:');
      while (i !== -1) {
        sink++;
        i = t.indexOf('\r\n:', i + 3);
      }
    }
  }),
);
results.push(
  measure('TextDecoder gb18030 alone (bytes)', count, totalBytes, () => {
    for (const b of bytes) sink += decoder.decode(b).length;
  }),
);
results.push(
  measure('parseEnvelope fast path (string)', count, totalBytes, () => {
    for (const t of texts) if (parseEnvelope(t).ok) sink++;
  }),
);
results.push(
  measure('parseEnvelope fast path (bytes)', count, totalBytes, () => {
    for (const b of bytes) if (parseEnvelope(b).ok) sink++;
  }),
);
results.push(
  measure('swift-parser block split (string)', count, swiftBytes, () => {
    for (const t of swiftTexts) {
      try {
        finParser.parse(t);
        sink++;
      } catch {
        sink--;
      }
    }
  }),
);
const refSubset = texts.slice(0, Math.min(500, count));
const refBytes = bytes.slice(0, refSubset.length).reduce((s, b) => s + b.length, 0);
results.push(
  measure('parseReference (Ohm)', refSubset.length, refBytes, () => {
    for (const t of refSubset) if (parseReference(t).ok) sink++;
  }, { rounds: 3 }),
);

const rejected = texts.filter((t) => !parseEnvelope(t).ok).length;
if (rejected > 0) console.log(`WARNING: ${rejected} corpus messages rejected by the fast path`);
if (swiftFailures > 0) console.log(`note: swift-parser threw on ${swiftFailures} of 200 sample messages`);

const by = (name: string): Measurement => results.find((r) => r.name.startsWith(name))!;
const fastString = by('parseEnvelope fast path (string)');
const fastBytes = by('parseEnvelope fast path (bytes)');
const ratios = [
  { name: 'fast (string) / parseReference', value: fastString.msgsPerSec / by('parseReference').msgsPerSec, target: 150 },
  { name: 'fast (string) / swift-parser split', value: fastString.mbPerSec / by('swift-parser').mbPerSec, target: 10 },
  { name: 'fast (string) / indexOf floor', value: fastString.mbPerSec / by('indexOf').mbPerSec, target: 0.3 },
  { name: 'fast (bytes) / TextDecoder alone', value: fastBytes.mbPerSec / by('TextDecoder').mbPerSec, target: 0.4 },
];
report(results, ratios);
if (sink === 0.5) console.log(sink);
const out = arg('--json');
if (out !== undefined) writeFileSync(out, JSON.stringify({ count, totalBytes, results, ratios }, null, 2));
