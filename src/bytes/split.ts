/**
 * The bytes stage, splitting: many messages back to back in one input (with or without CRLF or
 * anything else between them) → one span per message.
 *
 * A message starts at every `{1:` that begins at a character boundary. The spans cover the input
 * without gaps: a span runs from one `{1:` to the next (so whatever stands between two messages,
 * usually CRLF, belongs to the message before it), and text before the first `{1:` is a span of its
 * own. Concatenating the spans gives back the input; empty input has no spans.
 *
 * In bytes, `{` (0x7B) can be the second byte of a two-byte GB18030 character (e.g. 倇 = 0x82 0x7B),
 * so a byte `{` only starts a block when it is at a character boundary. To decide that without
 * walking every byte, the splitter uses a fact of GB18030: a byte in 0x00–0x2F or 0x3A–0x3F can
 * never be part of a multi-byte character (second/fourth bytes are 0x30–0x39 or 0x40–0xFE, third
 * bytes 0x81–0xFE), so a character boundary follows each such byte (CR, LF, space, `:`, `/`, …).
 * For each `{1:` found by `indexOf`, the splitter steps back to the nearest such byte and walks
 * forward character by character to the candidate; the walks never overlap, so the cost is linear,
 * and in practice a few bytes per message (the byte before `{1:` is usually LF or `}`… then `:`).
 * Invalid bytes are walked exactly as `decodeMessage` decodes them (decode.ts, `unitLength`), so the
 * spans of `splitBytes(b)` are the spans of `splitText(decodeMessage(b).text)`, in bytes.
 */

import { Buffer } from 'node:buffer';
import { INCOMPLETE, unitLength } from './decode.js';

/** A message's place in the input: `[start, end)`, in characters (text) or bytes (bytes). */
export interface MessageSpan {
  readonly start: number;
  readonly end: number;
}

const START = '{1:';
const START_BYTES = Buffer.from(START, 'latin1');

function spansFrom(starts: readonly number[], length: number): MessageSpan[] {
  const spans: MessageSpan[] = [];
  if (length === 0) return spans;
  const first = starts[0] ?? length;
  if (first > 0) spans.push({ start: 0, end: first });
  for (let k = 0; k < starts.length; k++) spans.push({ start: starts[k]!, end: starts[k + 1] ?? length });
  return spans;
}

/** Splits decoded text into message spans (offsets in UTF-16 code units). */
export function splitText(text: string): MessageSpan[] {
  const starts: number[] = [];
  for (let at = text.indexOf(START); at !== -1; at = text.indexOf(START, at + START.length)) starts.push(at);
  return spansFrom(starts, text.length);
}

/** A byte after which a character boundary always follows (it is never inside a GB18030 character). */
function isSync(b: number): boolean {
  return b < 0x30 || (b >= 0x3a && b <= 0x3f);
}

/**
 * The nearest position at or before `at` (and not before `floor`, a known boundary) that is known
 * to be a character boundary.
 */
function syncPoint(bytes: Uint8Array, at: number, floor: number): number {
  let s = at;
  while (s > floor && !isSync(bytes[s - 1]!)) s--;
  return s;
}

/**
 * True when `at` is a character boundary, given that `floor <= at` is one. Needs the bytes up to
 * `at + 2` (enough to decide every character that starts before `at`).
 */
function isBoundary(bytes: Uint8Array, at: number, floor: number, end: number): boolean {
  let i = syncPoint(bytes, at, floor);
  while (i < at) {
    const len = unitLength(bytes, i, end);
    i += len === INCOMPLETE ? 1 : len;
  }
  return i === at;
}

/** A copy of `bytes[from, to)` (`Buffer#slice` would be a view). */
function copy(bytes: Uint8Array, from: number, to: number): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, from, to);
}

function view(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Finds the message starts (`{1:` at a character boundary) in `buf[from, end)`, given that `from`
 * is a character boundary, and appends them to `starts`. Returns the last known boundary (the
 * position after the last start's `{1:`, or `from`).
 */
function findStarts(buf: Buffer, from: number, end: number, starts: number[]): number {
  let floor = from;
  let at = buf.indexOf(START_BYTES, from);
  while (at !== -1 && at + 3 <= end) {
    // Whether or not `at` is a boundary, `at + 2` is a `:` (a sync byte), so `at + 3` is a boundary.
    if (isBoundary(buf, at, floor, end)) starts.push(at);
    floor = at + 3;
    at = buf.indexOf(START_BYTES, floor);
  }
  return floor;
}

/** Splits GB18030 bytes into message spans (byte offsets). */
export function splitBytes(bytes: Uint8Array): MessageSpan[] {
  const starts: number[] = [];
  findStarts(view(bytes), 0, bytes.length, starts);
  return spansFrom(starts, bytes.length);
}

// --- streaming -------------------------------------------------------------------------------

/** One message span of a stream, or one piece of an oversized one. */
export interface StreamedMessage {
  /**
   * The bytes: a whole message span, or (when `oversized`) one piece of it. A fresh copy owned by
   * the consumer (it does not pin the source's chunks).
   */
  readonly bytes: Uint8Array;
  /** Byte offset of `bytes` in the stream. */
  readonly offset: number;
  /**
   * True when the span is longer than `maxMessageBytes`: then it arrives as several pieces of at most
   * `maxMessageBytes` bytes each (cut at GB18030 character boundaries), all flagged `oversized`, and
   * no piece is a whole message. Oversized pieces cannot be parsed as messages; report and skip
   * them (or reassemble them if you really mean to).
   */
  readonly oversized: boolean;
  /** True on the last (or only) piece of a span: the next item starts a new span. */
  readonly last: boolean;
}

export interface SplitStreamOptions {
  /** Longest message span buffered whole, in bytes (default 16 MiB). Longer spans come in pieces. */
  readonly maxMessageBytes?: number | undefined;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Splits a stream of byte chunks (a Node `Readable`, a web `ReadableStream`, any
 * `AsyncIterable<Uint8Array>`) into message spans, with the same spans as `splitBytes` on the
 * concatenated input. Memory stays bounded: only the current message (at most `maxMessageBytes`)
 * and the current chunk are held. Chunks may end anywhere, also inside a GB18030 character or
 * inside `{1:`.
 */
export async function* splitStream(
  source: AsyncIterable<Uint8Array>,
  options: SplitStreamOptions = {},
): AsyncGenerator<StreamedMessage, void, undefined> {
  const max = Math.max(4, Math.floor(options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES));
  /**
   * The current span's bytes read so far, as copies (never views of a source chunk: a source may
   * reuse its buffers, and a view would pin a whole chunk).
   */
  let parts: Uint8Array[] = [];
  let partsLength = 0;
  /** Stream offset of the current span's first byte not yet yielded (= of `parts[0]`). */
  let partsOffset = 0;
  /** True once a piece of the current span was yielded as oversized. */
  let inOversized = false;
  /** Bytes at the end of the last chunk that could not be decided yet (≤ 3 bytes, at a boundary). */
  let carry: Uint8Array = new Uint8Array(0);
  const starts: number[] = [];

  /** The buffered bytes plus `work[from, to)`, as one new array; empties the buffer. */
  const take = (work: Uint8Array, from: number, to: number): Uint8Array => {
    let out: Uint8Array;
    if (parts.length === 0) out = copy(work, from, to);
    else if (to === from && parts.length === 1) out = parts[0]!;
    else {
      if (to > from) parts.push(work.subarray(from, to));
      out = Buffer.concat(parts, partsLength + (to - from));
    }
    parts = [];
    partsLength = 0;
    return out;
  };

  for await (const chunk of source as AsyncIterable<unknown>) {
    // A stream opened with an encoding yields strings: decoded already, its GB18030 is lost.
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError(
        `splitStream reads bytes, but a chunk was ${typeof chunk === 'string' ? 'a string (open the stream without an encoding)' : typeof chunk}`,
      );
    }
    if (chunk.length === 0) continue;
    let work: Buffer;
    if (carry.length > 0) {
      work = Buffer.allocUnsafe(carry.length + chunk.length);
      work.set(carry, 0);
      work.set(chunk, carry.length);
    } else {
      work = view(chunk);
    }
    const workOffset = partsOffset + partsLength; // stream offset of work[0]
    starts.length = 0;
    const floor = findStarts(work, 0, work.length, starts);
    let pos = 0;
    for (const s of starts) {
      if (partsLength > 0 || s > pos) {
        const offset = partsOffset;
        const bytes = take(work, pos, s);
        const oversized = inOversized || bytes.length > max;
        inOversized = false;
        if (bytes.length > max) yield* pieces(bytes, offset, max);
        else yield { bytes, offset, oversized, last: true };
      }
      partsOffset = workOffset + s;
      pos = s;
    }
    const cut = undecided(work, Math.max(floor, pos), work.length);
    if (cut > pos) {
      parts.push(copy(work, pos, cut));
      partsLength += cut - pos;
    }
    carry = cut < work.length ? copy(work, cut, work.length) : new Uint8Array(0);
    // Bound the buffer: while the current span is over the limit, give out its first `max` bytes
    // (cut at a character boundary) as an oversized piece.
    if (partsLength > max) {
      const bytes = take(work, 0, 0);
      let from = 0;
      while (bytes.length - from > max) {
        const to = from + pieceEnd(bytes.subarray(from), max);
        yield { bytes: copy(bytes, from, to), offset: partsOffset + from, oversized: true, last: false };
        from = to;
      }
      inOversized = true;
      parts.push(copy(bytes, from, bytes.length));
      partsLength = bytes.length - from;
      partsOffset += from;
    }
  }
  if (partsLength > 0 || carry.length > 0) {
    const offset = partsOffset;
    const bytes = take(carry, 0, carry.length);
    if (bytes.length > max) yield* pieces(bytes, offset, max);
    else yield { bytes, offset, oversized: inOversized, last: true };
  }
}

/**
 * Where the undecided tail of `work` starts: the start of a character cut off by the chunk's end,
 * or of a `{`/`{1` that may begin a `{1:` completed by the next chunk. `floor` is a known boundary.
 */
function undecided(work: Uint8Array, floor: number, end: number): number {
  let i = syncPoint(work, end, floor);
  let prev1 = -1; // the last two boundaries before `i`
  let prev2 = -1;
  while (i < end) {
    const len = unitLength(work, i, end);
    if (len === INCOMPLETE) return i; // a character cut off by the chunk's end
    prev2 = prev1;
    prev1 = i;
    i += len;
  }
  // `i === end`. A `{` or `{1` at the end may be the start of a `{1:`.
  if (prev1 === end - 1 && work[prev1] === 0x7b) return prev1;
  if (prev2 === end - 2 && prev1 === end - 1 && work[prev2] === 0x7b && work[prev1] === 0x31) return prev2;
  return end;
}

/**
 * Length of the next oversized piece of `bytes` (which starts at a character boundary): the last
 * character boundary at or before `max`, or `max` if no boundary is there (an impossible case for
 * `max >= 4`, kept for safety).
 */
function pieceEnd(bytes: Uint8Array, max: number): number {
  if (bytes.length <= max) return bytes.length;
  let i = syncPoint(bytes, max, 0);
  let last = i;
  while (i <= max) {
    last = i;
    const len = unitLength(bytes, i, bytes.length);
    i += len === INCOMPLETE ? 1 : len;
  }
  return last > 0 ? last : max;
}

/**
 * The last bytes of an oversized span (more than `max` of them): pieces of at most `max` bytes cut
 * at character boundaries, the last one flagged `last`.
 */
function* pieces(bytes: Uint8Array, offset: number, max: number): Generator<StreamedMessage> {
  let from = 0;
  while (from < bytes.length) {
    const to = from + pieceEnd(bytes.subarray(from), max);
    yield { bytes: copy(bytes, from, to), offset: offset + from, oversized: true, last: to === bytes.length };
    from = to;
  }
}
