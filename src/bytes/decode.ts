/**
 * The bytes stage, decoding: GB18030 bytes → message text.
 *
 * The library's GB18030 is **GB18030-2022, as a bijection** between valid byte sequences and
 * well-formed strings: `encodeText(decodeMessage(b).text)` is `b` for every valid `b`, and
 * `decodeMessage(encodeText(t)).text` is `t` for every well-formed `t` (tested exhaustively, see
 * docs/encoding.md). Node's `TextDecoder('gb18030')` (the WHATWG decoder) does all the work except
 * for 20 byte sequences where WHATWG is not a bijection:
 *
 * | bytes | WHATWG decodes | this library | why |
 * |---|---|---|---|
 * | `80` | U+20AC | invalid (E001) | not a GB18030 code (a CP936 extension); € is `A2 E3` |
 * | `A3 A0` | U+3000 | U+E5E5 | GB18030 maps it to the PUA (user-defined area); U+3000 is `A1 A1` |
 * | `84 31 82 36` … `84 31 83 35` (10) | U+FE10 … U+FE19 | U+E78D … U+E796 | GB18030-2022 swapped these with `A6 D9` … `A6 F3` |
 * | `82 35 90 37` … `82 35 91 34` (8) | U+9FB4 … U+9FBB | U+E81E … U+E864 | GB18030-2022 swapped these with `FE 59` … `FE A0` |
 *
 * (WHATWG gives the two-byte codes their 2022 mappings but leaves the four-byte ranges unchanged,
 * so both the two- and the four-byte code decode to the same character.) Only when the decoded
 * text contains one of U+20AC U+3000 U+9FB4–9FBB U+FE10–FE19 U+FFFD does `decodeMessage` walk the
 * bytes to find these sequences and invalid bytes (for U+3000 alone, only if the bytes contain
 * `A3 A0`); otherwise `TextDecoder`'s output is the answer.
 *
 * Invalid input: every maximal run of bytes that is not valid GB18030 becomes one U+FFFD in the
 * text and one `InvalidByteRun` (report it as E001 with `invalidByteDiagnostics`).
 *
 * Measured (bench/decode.bench.ts, Node 20.20, 10,000-message corpus, 697 bytes average, 40% with
 * Chinese text; ranges over several runs on a shared 2-core machine; full table in docs/encoding.md):
 * on the Chinese messages `TextDecoder('gb18030')` decodes 385–566 MB/s and iconv-lite
 * `decode(…, 'gb18030')` 92–128 MB/s — TextDecoder is 4–5× faster, so it is the decoder here.
 * `decodeMessage` on the mixed corpus: 703–852 MB/s (1.0–1.2 M messages/s); on the all-ASCII
 * messages 2,560–2,980 MB/s (`isAscii` alone: 9,000–11,800 MB/s); on the Chinese ones 299–422 MB/s
 * (the regex check costs ≈ 0.35 µs a message).
 */

import { Buffer, isAscii } from 'node:buffer';
import { LineCursor } from '../diagnostics/lines.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/** A maximal run of bytes that are not valid GB18030. */
export interface InvalidByteRun {
  /** Index of the run's first byte in the input. */
  readonly byteOffset: number;
  /** Number of bytes in the run (at least 1). */
  readonly byteLength: number;
  /** Index of the U+FFFD that stands for the run in the decoded text. */
  readonly textOffset: number;
}

/** The result of decoding one message's bytes. */
export interface DecodedText {
  /** The text; each invalid byte run is one U+FFFD. */
  readonly text: string;
  /** True when the bytes were all ASCII (then `text` has exactly one character per byte). */
  readonly ascii: boolean;
  /** Invalid byte runs in input order; empty for valid input. */
  readonly invalid: readonly InvalidByteRun[];
}

const NO_RUNS: readonly InvalidByteRun[] = Object.freeze([]);

/** Created once: a `TextDecoder` is reusable, and creating one per message costs ~1 µs. */
const gb18030 = new TextDecoder('gb18030');

/** Characters in `TextDecoder`'s output that may need correcting (see the table above). */
const SUSPECT = /[\u20AC\u3000\u9FB4-\u9FBB\uFE10-\uFE19\uFFFD]/;
/** The same without U+3000, which is common in Chinese text (an ideographic space, `A1 A1`). */
const SUSPECT_BUT_3000 = /[\u20AC\u9FB4-\u9FBB\uFE10-\uFE19\uFFFD]/;
const A3A0 = Buffer.from([0xa3, 0xa0]);

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * All-ASCII bytes to text, one character per byte. On a Buffer, `toString('latin1')` and the
 * undocumented `latin1Slice` measure the same (within noise, 3,100–3,600 MB/s); on a plain
 * Uint8Array (what a caller holding bytes from elsewhere passes) `toString` first needs a Buffer
 * view of it, and `Buffer.prototype.latin1Slice` called on the array itself measured about 100 ns
 * a message faster (200 against 300 ns for 700 bytes). It is used when it exists and reads a
 * Uint8Array correctly (checked once, at load); else the Buffer view.
 */
export function latin1(bytes: Uint8Array): string {
  if (LATIN1_SLICE !== undefined && !Buffer.isBuffer(bytes)) return LATIN1_SLICE.call(bytes, 0, bytes.length);
  return asBuffer(bytes).toString('latin1');
}

type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;

const LATIN1_SLICE: Latin1Slice | undefined = (() => {
  const f = (Buffer.prototype as unknown as { latin1Slice?: unknown }).latin1Slice;
  if (typeof f !== 'function') return undefined;
  try {
    const probe = Uint8Array.of(0x41, 0x7b, 0x0d, 0x0a, 0x7f, 0x00, 0x7a);
    return (f as Latin1Slice).call(probe, 0, probe.length) === 'A{\r\n\x7f\x00z' ? (f as Latin1Slice) : undefined;
  } catch {
    return undefined;
  }
})();

// --- GB18030 structure -----------------------------------------------------------------------

/** @internal Returned by `unitLength` when the input ends inside what may still become a valid character. */
export const INCOMPLETE = -1;

/**
 * @internal
 * Length of the GB18030 unit at `i` (bytes before `end` only): 1 for an ASCII byte or an invalid
 * byte (0x80, 0xFF, a lead byte not followed by a valid trail), 2 for lead 0x81–0xFE + trail
 * 0x40–0x7E/0x80–0xFE, 4 for lead + 0x30–0x39 + 0x81–0xFE + 0x30–0x39 (whether or not the
 * four-byte code is assigned), or `INCOMPLETE` when the bytes end before the unit can be decided.
 * A lead byte that is not followed by a valid continuation is a one-byte invalid unit; the next
 * unit starts right after it (as in the WHATWG decoder, which re-reads an ASCII trail byte).
 */
export function unitLength(bytes: Uint8Array, i: number, end: number): number {
  const x = bytes[i]!;
  if (x < 0x81 || x === 0xff) return 1;
  if (i + 1 >= end) return INCOMPLETE;
  const y = bytes[i + 1]!;
  if (y >= 0x30 && y <= 0x39) {
    if (i + 2 >= end) return INCOMPLETE;
    const z = bytes[i + 2]!;
    if (z < 0x81 || z === 0xff) return 1;
    if (i + 3 >= end) return INCOMPLETE;
    const w = bytes[i + 3]!;
    return w >= 0x30 && w <= 0x39 ? 4 : 1;
  }
  return y >= 0x40 && y !== 0x7f && y !== 0xff ? 2 : 1;
}

/** @internal The linear index of a four-byte code (0 for 0x81308130). */
export function fourBytePointer(b1: number, b2: number, b3: number, b4: number): number {
  return (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
}

/** @internal The four bytes of a four-byte code, from its linear index (inverse of `fourBytePointer`). */
export function fourByteCode(pointer: number): Uint8Array {
  let p = pointer;
  const b4 = 0x30 + (p % 10);
  p = Math.floor(p / 10);
  const b3 = 0x81 + (p % 126);
  p = Math.floor(p / 126);
  const b2 = 0x30 + (p % 10);
  const b1 = 0x81 + Math.floor(p / 10);
  return Uint8Array.of(b1, b2, b3, b4);
}

/** Last pointer of the BMP four-byte area (0x8431A439 → U+FFFF). */
const BMP_LAST = 39419;
/** First and last pointer of the supplementary area (0x90308130 → U+10000, 0xE3329A35 → U+10FFFF). */
const SUPP_FIRST = 189000;
const SUPP_LAST = 1237575;

/** @internal True when a four-byte code is assigned (a BMP or supplementary character). */
export function fourByteAssigned(pointer: number): boolean {
  return pointer <= BMP_LAST || (pointer >= SUPP_FIRST && pointer <= SUPP_LAST);
}

/**
 * @internal
 * The four-byte codes GB18030-2022 maps differently from WHATWG (pointer → code unit). WHATWG
 * decodes them to U+FE10–FE19 / U+9FB4–9FBB, which are also (and in GB18030-2022 only) the
 * two-byte codes `A6D9`… / `FE59`…; GB18030-2022 gives these four-byte codes the PUA code points
 * the two-byte codes had before 2022.
 */
export const FOUR_BYTE_2022: ReadonlyMap<number, number> = new Map([
  // 84 31 82 36 … 84 31 83 35: formerly U+FE10 … U+FE19
  [fourBytePointer(0x84, 0x31, 0x82, 0x36), 0xe78d], // FE10 ⇄ A6D9
  [fourBytePointer(0x84, 0x31, 0x82, 0x37), 0xe78f], // FE11 ⇄ A6DB
  [fourBytePointer(0x84, 0x31, 0x82, 0x38), 0xe78e], // FE12 ⇄ A6DA
  [fourBytePointer(0x84, 0x31, 0x82, 0x39), 0xe790], // FE13 ⇄ A6DC
  [fourBytePointer(0x84, 0x31, 0x83, 0x30), 0xe791], // FE14 ⇄ A6DD
  [fourBytePointer(0x84, 0x31, 0x83, 0x31), 0xe792], // FE15 ⇄ A6DE
  [fourBytePointer(0x84, 0x31, 0x83, 0x32), 0xe793], // FE16 ⇄ A6DF
  [fourBytePointer(0x84, 0x31, 0x83, 0x33), 0xe794], // FE17 ⇄ A6EC
  [fourBytePointer(0x84, 0x31, 0x83, 0x34), 0xe795], // FE18 ⇄ A6ED
  [fourBytePointer(0x84, 0x31, 0x83, 0x35), 0xe796], // FE19 ⇄ A6F3
  // 82 35 90 37 … 82 35 91 34: formerly U+9FB4 … U+9FBB
  [fourBytePointer(0x82, 0x35, 0x90, 0x37), 0xe81e], // 9FB4 ⇄ FE59
  [fourBytePointer(0x82, 0x35, 0x90, 0x38), 0xe826], // 9FB5 ⇄ FE61
  [fourBytePointer(0x82, 0x35, 0x90, 0x39), 0xe82b], // 9FB6 ⇄ FE66
  [fourBytePointer(0x82, 0x35, 0x91, 0x30), 0xe82c], // 9FB7 ⇄ FE67
  [fourBytePointer(0x82, 0x35, 0x91, 0x31), 0xe832], // 9FB8 ⇄ FE6D
  [fourBytePointer(0x82, 0x35, 0x91, 0x32), 0xe843], // 9FB9 ⇄ FE7E
  [fourBytePointer(0x82, 0x35, 0x91, 0x33), 0xe854], // 9FBA ⇄ FE90
  [fourBytePointer(0x82, 0x35, 0x91, 0x34), 0xe864], // 9FBB ⇄ FEA0
]);

/** @internal `A3 A0`: WHATWG decodes it to U+3000 (a duplicate of `A1 A1`); GB18030 maps it to U+E5E5. */
export const A3A0_CODE_POINT = 0xe5e5;

// --- decoding --------------------------------------------------------------------------------

/**
 * Decodes one message's bytes. Never throws: invalid bytes are reported in `invalid`.
 *
 * All-ASCII input (the common case) is not decoded at all: `isAscii` + a latin1 slice.
 */
export function decodeMessage(bytes: Uint8Array): DecodedText {
  if (isAscii(bytes)) return { text: latin1(bytes), ascii: true, invalid: NO_RUNS };
  const text = gb18030.decode(bytes);
  if (!SUSPECT.test(text)) return { text, ascii: false, invalid: NO_RUNS };
  // A U+3000 needs the walk only if the bytes hold A3 A0 somewhere (maybe across two characters).
  if (!SUSPECT_BUT_3000.test(text) && asBuffer(bytes).indexOf(A3A0) === -1) {
    return { text, ascii: false, invalid: NO_RUNS };
  }
  return decodeExact(bytes, text);
}

/**
 * The exact decoder: walks the bytes unit by unit, lets `TextDecoder` decode the runs of ordinary
 * characters, and puts in the corrected characters and one U+FFFD per invalid run. `decoded` is
 * `TextDecoder`'s output for the same bytes when the caller has it (it is returned as is when the
 * walk finds nothing to correct). Exported for tests; use `decodeMessage`.
 */
export function decodeExact(bytes: Uint8Array, decoded?: string): DecodedText {
  const n = bytes.length;
  const parts: string[] = [];
  let changed = false; // set at the first corrected character or invalid run
  let textLength = 0;
  let segment = 0; // start of the bytes not yet turned into text
  const runs: { byteOffset: number; byteLength: number; textOffset: number }[] = [];
  let last: { byteOffset: number; byteLength: number; textOffset: number } | undefined;

  /** Decodes the ordinary characters from `segment` up to `to` into `parts`. */
  const flush = (to: number): string[] => {
    changed = true;
    if (to > segment) {
      const s = gb18030.decode(bytes.subarray(segment, to));
      parts.push(s);
      textLength += s.length;
    }
    return parts;
  };

  let i = 0;
  while (i < n) {
    const x = bytes[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    let len = unitLength(bytes, i, n);
    if (len === INCOMPLETE) len = 1;
    let replacement = -1; // a corrected code unit, or -1
    let invalid = false;
    if (len === 1) {
      invalid = true;
    } else if (len === 2) {
      if (x === 0xa3 && bytes[i + 1] === 0xa0) replacement = A3A0_CODE_POINT;
    } else {
      const p = fourBytePointer(x, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!);
      if (!fourByteAssigned(p)) invalid = true;
      else replacement = FOUR_BYTE_2022.get(p) ?? -1;
    }
    if (invalid) {
      if (last !== undefined && last.byteOffset + last.byteLength === i) {
        last.byteLength += len;
      } else {
        flush(i).push('\uFFFD');
        last = { byteOffset: i, byteLength: len, textOffset: textLength };
        runs.push(last);
        textLength += 1;
      }
      segment = i + len;
    } else if (replacement >= 0) {
      flush(i).push(String.fromCharCode(replacement));
      textLength += 1;
      segment = i + len;
    }
    i += len;
  }
  if (!changed) {
    return { text: decoded ?? gb18030.decode(bytes), ascii: false, invalid: NO_RUNS };
  }
  const text = flush(n).join('');
  return { text, ascii: false, invalid: runs.length === 0 ? NO_RUNS : runs };
}

// --- diagnostics -----------------------------------------------------------------------------


/** One E001 (invalid GB18030) diagnostic per invalid byte run, pointing at its U+FFFD. */
export function invalidByteDiagnostics(decoded: DecodedText): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = new LineCursor(decoded.text);
  for (const run of decoded.invalid) {
    const line = lines.line(run.textOffset);
    const column = run.textOffset - lines.lineStart + 1;
    out.push(
      diagnostic(
        'E001',
        { offset: run.textOffset, line, column, length: 1 },
        { byteOffset: run.byteOffset, byteLength: run.byteLength },
      ),
    );
  }
  return out;
}
