/**
 * How fast can anything that builds field objects be? Two bounds, timed in one process against
 * the indexOf floor, parseEnvelope and swift-parser's block split, on the envelope corpus:
 *
 * - the bare splitter: block 4 split on "\r\n:", one {tag, value, offset} per field, nothing
 *   checked, no headers;
 * - the checking splitter: the bare splitter plus only what no complete strict parser can skip on
 *   a message it accepts: the string is well-formed (`isWellFormed`), every line of blocks 4 and
 *   6 ends in CRLF and holds no other CR (one LF and one CR search a line), no brace inside the
 *   text blocks, blocks 1–3 and 7–5 match their acceptance expressions (the scanner's own lanes),
 *   and each field gets its line and column. It builds no header objects, reports nothing and
 *   takes any tag.
 *
 *   npx tsx bench/experiments/ceiling.ts
 */
import { createRequire } from 'node:module';
import { envelopeCorpus, indexOfFloor } from '../corpus.js';
import { interleaved, pairedRatio, report } from '../measure.js';
import { parseEnvelope } from '../../src/envelope/parse.js';
import { defaultEnvelopeTables } from '../../src/envelope/tables.js';

const count = 10_000;
const { bytes, texts } = envelopeCorpus(count);
const totalBytes = bytes.reduce((s, b) => s + b.length, 0);
const finParser = createRequire(import.meta.url)('swift-parser/finParser.js') as { parse(s: string): unknown };
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

interface CheckedField { tag: string; value: string; offset: number; line: number; column: number }
const { head, tail } = defaultEnvelopeTables().lanes!;

/** The lines of a text block from `p` (after its leading CRLF) to its `-}`; -1 when one is not clean. */
function checkedLines(t: string, p: number, line: number, fields: CheckedField[]): number {
  let fStart = -1;
  let fTagEnd = 0;
  let fLine = 0;
  for (;;) {
    if (t.charCodeAt(p) === 45 && t.charCodeAt(p + 1) === 125) break;
    const le = t.indexOf('\n', p);
    if (le === -1 || t.charCodeAt(le - 1) !== 13 || t.indexOf('\r', p) !== le - 1) return -1;
    if (t.charCodeAt(p) === 58) {
      if (fStart !== -1) fields.push({ tag: t.slice(fStart + 1, fTagEnd), value: t.slice(fTagEnd + 1, p - 2), offset: fStart, line: fLine, column: 1 });
      fStart = p;
      fTagEnd = t.indexOf(':', p + 1);
      fLine = line;
    }
    p = le + 1;
    line++;
  }
  if (fStart !== -1) fields.push({ tag: t.slice(fStart + 1, fTagEnd), value: t.slice(fTagEnd + 1, p - 2), offset: fStart, line: fLine, column: 1 });
  return p + 2;
}

function checkedSplit(t: string): CheckedField[] | undefined {
  if (!t.isWellFormed()) return undefined;
  head.lastIndex = 0;
  if (!head.test(t)) return undefined;
  let p = head.lastIndex;
  if (!t.startsWith('{4:\r\n', p)) return undefined;
  const fields: CheckedField[] = [];
  // No brace from block 4's body to the `}` of its `-}`.
  const close = t.indexOf('}', p + 5);
  if (t.indexOf('{', p + 5) < close) return undefined;
  p = checkedLines(t, p + 5, 2, fields);
  if (p === -1 || p !== close + 1) return undefined;
  if (t.startsWith('{6:\r\n', p)) {
    const close6 = t.indexOf('}', p + 5);
    if (t.indexOf('{', p + 5) < close6) return undefined;
    const line = fields.length === 0 ? 2 : fields[fields.length - 1]!.line + 1;
    p = checkedLines(t, p + 5, line, fields);
    if (p === -1 || p !== close6 + 1) return undefined;
  }
  tail.lastIndex = p;
  return tail.test(t) ? fields : undefined;
}

const methods = [
  { name: 'indexOf floor', messages: count, bytes: totalBytes, run: () => void (sink += indexOfFloor(texts)) },
  { name: 'bare splitter', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += bareSplit(t).length; } },
  { name: 'checking splitter', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += checkedSplit(t)?.length ?? -1; } },
  { name: 'parseEnvelope', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += parseEnvelope(t).diagnostics.length; } },
  {
    name: 'swift-parser block split',
    messages: count,
    bytes: totalBytes,
    run: () => {
      for (const t of texts) {
        try {
          finParser.parse(t);
          sink++;
        } catch {
          sink--;
        }
      }
    },
  },
];
const rejected = texts.filter((t) => checkedSplit(t) === undefined).length;
if (rejected > 0) console.log(`WARNING: the checking splitter rejects ${rejected} corpus messages`);
for (let w = 0; w < 5; w++) for (const m of methods) m.run();
const results = interleaved(methods, 15, 0);
const [floor, bare, checking, parse, swift] = results as [typeof results[0], typeof results[0], typeof results[0], typeof results[0], typeof results[0]];
report(results, [
  { name: 'bare splitter / floor', value: pairedRatio(bare, floor) },
  { name: 'checking splitter / floor', value: pairedRatio(checking, floor) },
  { name: 'parseEnvelope / floor', value: pairedRatio(parse, floor) },
  { name: 'parseEnvelope / checking splitter', value: pairedRatio(parse, checking) },
  { name: 'bare splitter / swift-parser', value: pairedRatio(bare, swift) },
  { name: 'checking splitter / swift-parser', value: pairedRatio(checking, swift) },
  { name: 'parseEnvelope / swift-parser', value: pairedRatio(parse, swift) },
]);
console.log(sink > 0 ? '' : 'sink');
