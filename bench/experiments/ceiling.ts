/**
 * How fast can anything that builds field objects be? A bare splitter (block 4 split on
 * "\r\n:", one {tag, value, offset} per field, nothing checked, no headers) timed against the
 * indexOf floor and parseEnvelope in one process.
 *
 *   npx tsx bench/experiments/ceiling.ts
 */
import { envelopeCorpus, indexOfFloor } from '../corpus.js';
import { interleaved, pairedRatio, report } from '../measure.js';
import { parseEnvelope } from '../../src/envelope/parse.js';

const count = 10_000;
const { bytes, texts } = envelopeCorpus(count);
const totalBytes = bytes.reduce((s, b) => s + b.length, 0);
let sink = 0;

interface BareField { tag: string; value: string; offset: number }
function bareSplit(t: string): BareField[] {
  const fields: BareField[] = [];
  const b4 = t.indexOf('{4:\r\n');
  if (b4 === -1) return fields;
  const end = t.indexOf('\r\n-}', b4);
  let p = b4 + 5;
  while (p < end) {
    const tagEnd = t.indexOf(':', p + 1);
    let next = t.indexOf('\r\n:', tagEnd);
    if (next === -1 || next > end) next = end;
    fields.push({ tag: t.slice(p + 1, tagEnd), value: t.slice(tagEnd + 1, next), offset: p });
    p = next + 2;
  }
  return fields;
}

const methods = [
  { name: 'indexOf floor', messages: count, bytes: totalBytes, run: () => void (sink += indexOfFloor(texts)) },
  { name: 'bare splitter', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += bareSplit(t).length; } },
  { name: 'parseEnvelope', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += parseEnvelope(t).diagnostics.length; } },
];
for (let w = 0; w < 5; w++) for (const m of methods) m.run();
const results = interleaved(methods, 15, 0);
report(results, [
  { name: 'bare splitter / floor', value: pairedRatio(results[1]!, results[0]!) },
  { name: 'parseEnvelope / floor', value: pairedRatio(results[2]!, results[0]!) },
  { name: 'parseEnvelope / bare splitter', value: pairedRatio(results[2]!, results[1]!) },
]);
console.log(sink > 0 ? '' : 'sink');
