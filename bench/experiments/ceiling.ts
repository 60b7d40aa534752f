/**
 * How fast can a parser that builds field objects be? Three bounds, timed in one process against
 * the indexOf floor, parseEnvelope and swift-parser's block split, on the envelope corpus:
 *
 * - the bare splitter: block 4 split on "\r\n:", one {tag, value, offset} per field, nothing
 *   checked, no headers;
 * - the checking splitter: only what no strict parser can skip on a message it accepts: the
 *   string is well-formed (`isWellFormed`), every line of blocks 4 and 6 ends in CRLF and holds no
 *   other CR (one LF and one CR search a line), no brace inside the text blocks, blocks 1–3 and
 *   7–5 match their acceptance expressions (the scanner's own lanes), each field gets its line.
 *   It builds no header objects, reports nothing and takes any tag;
 * - the AST model: the checking splitter plus the objects `parseEnvelope` returns for these
 *   messages (blocks, header parts, entries, fields, 77E items, the result), tag characters
 *   checked, but built with what the corpus is known to hold and no path for anything else.
 *   It is what `parseEnvelope` would cost if its generality and its findings were free.
 *
 *   npx tsx bench/experiments/ceiling.ts
 */
import { envelopeCorpus, indexOfFloor } from '../corpus.js';
import { swiftParserSplit } from '../swift-parser.js';
import { interleaved, pairedRatio, report, type Measurement } from '../measure.js';
import { parseEnvelope } from '../../src/envelope/parse.js';
import { defaultEnvelopeTables } from '../../src/envelope/tables.js';

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

interface CheckedField { tag: string; value: string; eol: string; offset: number; line: number; column: number; embedded?: EmbeddedItem[] }
interface EmbeddedItem { tag: string; value: string; offset: number; line: number; column: number }
interface Entry { tag: string; value: string; offset: number; line: number; column: number }
const { head, tail } = defaultEnvelopeTables().lanes!;
/** Bit 1: digit, bit 2: A–Z (a tag character). */
const TAG_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TAG_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) TAG_CLASS[c] = 2;

/**
 * The lines of a text block from `p` (after its leading CRLF) to its `-}`: returns where the
 * block ends, or -1 when a line is not clean. With `build`, tags are checked and a 77E's lines
 * become embedded items (and end the block, as in the grammar).
 */
function checkedLines(t: string, p: number, line: number, fields: CheckedField[], build: boolean): number {
  let fStart = -1;
  let fTagEnd = 0;
  let fLine = 0;
  let tag = '';
  for (;;) {
    if (t.charCodeAt(p) === 45 && t.charCodeAt(p + 1) === 125) break;
    const le = t.indexOf('\n', p);
    if (le === -1 || t.charCodeAt(le - 1) !== 13 || t.indexOf('\r', p) !== le - 1) return -1;
    if (t.charCodeAt(p) === 58) {
      if (fStart !== -1) fields.push({ tag, value: t.slice(fTagEnd + 1, p - 2), eol: '\r\n', offset: fStart, line: fLine, column: 1 });
      fStart = p;
      fTagEnd = t.indexOf(':', p + 1);
      tag = t.slice(p + 1, fTagEnd);
      fLine = line;
      if (build) {
        const c1 = t.charCodeAt(p + 1);
        const c2 = t.charCodeAt(p + 2);
        if (c1 >= 128 || c2 >= 128 || (TAG_CLASS[c1]! & TAG_CLASS[c2]!) === 0) return -1;
        if (tag === '77E') return embedded(t, fStart, fTagEnd, le, line, fields);
      }
    }
    p = le + 1;
    line++;
  }
  if (fStart !== -1) fields.push({ tag, value: t.slice(fTagEnd + 1, p - 2), eol: '\r\n', offset: fStart, line: fLine, column: 1 });
  return p + 2;
}

/** A 77E at `start` (its first line ends at `le`): each `:TAG:` line starts an item. */
function embedded(t: string, start: number, tagEnd: number, le: number, line: number, fields: CheckedField[]): number {
  const end = t.indexOf('\r\n-}', start);
  const items: EmbeddedItem[] = [];
  let q = le + 1;
  let ln = line + 1;
  let eStart = -1;
  let eTag = '';
  let eLine = 0;
  while (q < end + 2) {
    const l2 = t.indexOf('\n', q);
    if (t.indexOf('\r', q) !== l2 - 1) return -1;
    if (t.charCodeAt(q) === 58) {
      if (eStart !== -1) items.push({ tag: eTag, value: t.slice(eStart + 5, q - 2), offset: eStart, line: eLine, column: 1 });
      eStart = q;
      eTag = t.slice(q + 1, q + 4);
      eLine = ln;
    }
    q = l2 + 1;
    ln++;
  }
  if (eStart !== -1) items.push({ tag: eTag, value: t.slice(eStart + 5, end), offset: eStart, line: eLine, column: 1 });
  fields.push({ tag: '77E', value: t.slice(tagEnd + 1, end), eol: '\r\n', offset: start, line, column: 1, embedded: items });
  return end + 4;
}

/** The `{tag:value}` entries of a block matched by its expression, from `p` to its `}` at `close`. */
function entries(t: string, p: number, close: number, line: number): Entry[] {
  const out: Entry[] = [];
  while (p < close) {
    const v = t.indexOf('}', p + 5);
    out.push({ tag: t.slice(p + 1, p + 4), value: t.slice(p + 5, v), offset: p, line, column: p + 1 });
    p = v + 1;
  }
  return out;
}

/**
 * The checking splitter; with `build`, also the AST model: the blocks, header parts, entries,
 * fields, 77E items and result object `parseEnvelope` returns for these messages, built with
 * what the corpus is known to hold (input-form block 2, line numbers past block 4 not counted,
 * no finding list, no path for anything else).
 */
function checkedSplit(t: string, build: boolean): object | undefined {
  if (!t.isWellFormed()) return undefined;
  head.lastIndex = 0;
  if (!head.test(t)) return undefined;
  let p = head.lastIndex;
  const blocks: object[] = [];
  if (build) {
    const end2 = t.indexOf('}', 32);
    blocks.push(
      { kind: 'basicHeader', id: '1', offset: 0, line: 1, column: 1, end: 29, applicationId: t.slice(3, 4), serviceId: t.slice(4, 6), ltAddress: t.slice(6, 18), session: t.slice(18, 22), sequence: t.slice(22, 28) },
      { kind: 'applicationHeader', id: '2', offset: 29, line: 1, column: 30, end: end2 + 1, direction: 'I', mt: t.slice(33, 36), receiverAddress: t.slice(36, 48), priority: t.slice(48, 49) },
      { kind: 'userHeader', id: '3', offset: end2 + 1, line: 1, column: end2 + 2, end: p, entries: entries(t, end2 + 4, p - 1, 1) },
    );
  }
  if (!t.startsWith('{4:\r\n', p)) return undefined;
  const fields: CheckedField[] = [];
  // No brace from block 4's body to the `}` of its `-}`.
  const close = t.indexOf('}', p + 5);
  if (t.indexOf('{', p + 5) < close) return undefined;
  const start4 = p;
  p = checkedLines(t, p + 5, 2, fields, build);
  if (p === -1 || p !== close + 1) return undefined;
  if (build) blocks.push({ kind: 'text', id: '4', offset: start4, line: 1, column: start4 + 1, end: p, leading: '\r\n', fields, trailing: '-' });
  if (t.startsWith('{6:\r\n', p)) {
    const close6 = t.indexOf('}', p + 5);
    if (t.indexOf('{', p + 5) < close6) return undefined;
    const line = fields.length === 0 ? 2 : fields[fields.length - 1]!.line + 1;
    const fields6: CheckedField[] = build ? [] : fields;
    const start6 = p;
    p = checkedLines(t, p + 5, line, fields6, build);
    if (p === -1 || p !== close6 + 1) return undefined;
    if (build) blocks.push({ kind: 'additionalText', id: '6', offset: start6, line, column: 1, end: p, leading: '\r\n', fields: fields6, trailing: '-' });
  }
  tail.lastIndex = p;
  if (!tail.test(t)) return undefined;
  if (!build) return fields;
  if (t.charCodeAt(p + 1) === 55) {
    const close7 = t.indexOf('}}', p) + 1;
    blocks.push({ kind: 'signature', id: '7', offset: p, line: 0, column: 0, end: close7 + 1, entries: entries(t, p + 3, close7, 0) });
    p = close7 + 1;
  }
  const close5 = t.lastIndexOf('}');
  blocks.push({ kind: 'trailer', id: '5', offset: p, line: 0, column: 0, end: close5 + 1, entries: entries(t, p + 3, close5, 0) });
  const envelope = { blocks, leading: '', trailing: '' };
  return {
    ok: true, envelope, diagnostics: [], text: t, fmt: 'FMT100', mt: '103', basicHeader: blocks[0], applicationHeader: blocks[1],
    userHeader: blocks[2], textBlock: blocks[3], additionalText: undefined, signature: undefined, trailer: blocks[blocks.length - 1],
  };
}

const methods = [
  { name: 'indexOf floor', messages: count, bytes: totalBytes, run: () => void (sink += indexOfFloor(texts)) },
  { name: 'bare splitter', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += bareSplit(t).length; } },
  { name: 'checking splitter', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += checkedSplit(t, false) === undefined ? -1 : 1; } },
  { name: 'AST model', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += checkedSplit(t, true) === undefined ? -1 : 1; } },
  { name: 'parseEnvelope', messages: count, bytes: totalBytes, run: () => { for (const t of texts) sink += parseEnvelope(t).diagnostics.length; } },
  { name: 'swift-parser block split', messages: count, bytes: totalBytes, run: () => void (sink += swiftParserSplit(texts)) },
];
const rejected = texts.filter((t) => checkedSplit(t, true) === undefined).length;
if (rejected > 0) console.log(`WARNING: the checking splitter rejects ${rejected} corpus messages`);
for (let w = 0; w < 5; w++) for (const m of methods) m.run();
const results = interleaved(methods, 15, 0);
const [floor, bare, checking, model, parse, swift] = results as [Measurement, Measurement, Measurement, Measurement, Measurement, Measurement];
report(results, [
  { name: 'bare splitter / floor', value: pairedRatio(bare, floor) },
  { name: 'checking splitter / floor', value: pairedRatio(checking, floor) },
  { name: 'parseEnvelope / floor', value: pairedRatio(parse, floor) },
  { name: 'AST model / checking splitter', value: pairedRatio(model, checking) },
  { name: 'parseEnvelope / checking splitter', value: pairedRatio(parse, checking) },
  { name: 'parseEnvelope / AST model', value: pairedRatio(parse, model) },
  { name: 'bare splitter / swift-parser', value: pairedRatio(bare, swift) },
  { name: 'checking splitter / swift-parser', value: pairedRatio(checking, swift) },
  { name: 'AST model / swift-parser', value: pairedRatio(model, swift) },
  { name: 'parseEnvelope / swift-parser', value: pairedRatio(parse, swift) },
]);
console.log(sink > 0 ? '' : 'sink');
