import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeExact, decodeMessage, fourByteCode, fourBytePointer, invalidByteDiagnostics } from '../src/bytes/decode.js';
import { encodeText, findUnencodable, gb18030ByteLength, isEncodable, unencodableDiagnostics } from '../src/bytes/encode.js';
import { splitBytes, splitStream, splitText, type StreamedMessage } from '../src/bytes/split.js';
import { makeCorpus } from '../bench/corpus.js';

// --- helpers ---------------------------------------------------------------------------------

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;
const whatwg = new TextDecoder('gb18030');

function isTrail(t: number): boolean {
  return (t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe);
}

/** Every valid two-byte sequence, in order. */
function* twoByteSequences(): Generator<Uint8Array> {
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (isTrail(trail)) yield Uint8Array.of(lead, trail);
  }
}


const BMP_POINTERS = 39420; // 0x81308130 … 0x8431A439
const SUPP_FIRST = 189000; // 0x90308130 → U+10000
const SUPP_LAST = 1237575; // 0xE3329A35 → U+10FFFF

/** Checks that each sequence is valid and round-trips; returns the failures (hex). */
function roundTripFailures(seqs: Iterable<Uint8Array>, expectedUnits: 1 | 2): string[] {
  const failures: string[] = [];
  for (const seq of seqs) {
    const d = decodeMessage(seq);
    const back = encodeText(d.text);
    if (d.invalid.length > 0 || d.text.length !== expectedUnits || !same(back, seq)) {
      failures.push(`${hex(seq)} → ${JSON.stringify(d)} → ${hex(back)}`);
    }
  }
  return failures;
}

function concat(seqs: Iterable<Uint8Array>): Buffer {
  return Buffer.concat([...seqs]);
}

async function collect(source: AsyncIterable<Uint8Array>, maxMessageBytes?: number): Promise<StreamedMessage[]> {
  const out: StreamedMessage[] = [];
  for await (const m of splitStream(source, { maxMessageBytes })) out.push(m);
  return out;
}

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const c of cuts) {
    yield bytes.subarray(from, c);
    from = c;
  }
  yield bytes.subarray(from);
}

/** What `splitStream` must yield for `bytes` when nothing is oversized. */
function expectedStream(bytes: Uint8Array): { hex: string; offset: number }[] {
  return splitBytes(bytes).map((s) => ({ hex: hex(bytes.subarray(s.start, s.end)), offset: s.start }));
}

const streamed = (ms: readonly StreamedMessage[]): { hex: string; offset: number }[] =>
  ms.map((m) => ({ hex: hex(m.bytes), offset: m.offset }));

// --- decode / encode: exhaustive round trip --------------------------------------------------

describe('GB18030 round trip (exhaustive)', () => {
  it('every valid two-byte sequence (126 × 190 = 23,940) decodes to one character and encodes back', () => {
    const seqs = [...twoByteSequences()];
    expect(seqs.length).toBe(23940);
    expect(roundTripFailures(seqs, 1)).toEqual([]);
    // All of them back to back, in one message.
    const all = concat(seqs);
    const d = decodeMessage(all);
    expect(d.invalid).toEqual([]);
    expect(d.text.length).toBe(23940);
    expect(same(encodeText(d.text), all)).toBe(true);
    // Decoding is injective: 23,940 different characters.
    expect(new Set(d.text).size).toBe(23940);
  });

  it('every BMP four-byte sequence 0x81308130–0x8431A439 (39,420) decodes to one character and encodes back', () => {
    const seqs: Uint8Array[] = [];
    for (let p = 0; p < BMP_POINTERS; p++) seqs.push(fourByteCode(p));
    expect(hex(seqs[0]!)).toBe('81308130');
    expect(hex(seqs.at(-1)!)).toBe('8431a439');
    expect(roundTripFailures(seqs, 1)).toEqual([]);
    const all = concat(seqs);
    const d = decodeMessage(all);
    expect(d.invalid).toEqual([]);
    expect(same(encodeText(d.text), all)).toBe(true);
    // Together with the two-byte codes: 63,360 distinct non-ASCII characters, which with the 128
    // ASCII characters are all 65,536 − 2,048 (surrogates) = 63,488 scalar values of the BMP.
    const two = decodeMessage(concat(twoByteSequences())).text;
    const chars = new Set(d.text + two);
    expect(chars.size).toBe(63360);
    expect([...chars].some((c) => c.charCodeAt(0) < 0x80)).toBe(false);
  });

  it('every supplementary four-byte sequence 0x90308130–0xE3329A35 (1,048,576) maps linearly to U+10000–U+10FFFF and back', () => {
    const n = SUPP_LAST - SUPP_FIRST + 1;
    const all = Buffer.allocUnsafe(4 * n);
    for (let k = 0; k < n; k++) all.set(fourByteCode(SUPP_FIRST + k), 4 * k);
    const d = decodeMessage(all);
    expect(d.invalid).toEqual([]);
    expect(d.text.length).toBe(2 * n);
    let wrong = 0;
    for (let k = 0; k < n; k++) if (d.text.codePointAt(2 * k) !== 0x10000 + k) wrong++;
    expect(wrong).toBe(0);
    expect(same(encodeText(d.text), all)).toBe(true);
    // And one by one, for a sample.
    const sample: Uint8Array[] = [];
    for (let p = SUPP_FIRST; p <= SUPP_LAST; p += 997) sample.push(fourByteCode(p));
    sample.push(fourByteCode(SUPP_LAST));
    expect(roundTripFailures(sample, 2)).toEqual([]);
  });

  it('every Unicode scalar value of the BMP encodes and decodes back (decode ∘ encode = identity)', () => {
    const failures: string[] = [];
    let all = '';
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      all += ch;
      const b = encodeText(ch);
      const d = decodeMessage(b);
      if (d.text !== ch || d.invalid.length > 0) failures.push(`U+${cp.toString(16)} → ${hex(b)} → ${JSON.stringify(d.text)}`);
      const expectedLength = cp < 0x80 ? 1 : b.length; // 2 or 4
      if (b.length !== expectedLength || (cp >= 0x80 && b.length !== 2 && b.length !== 4)) failures.push(`U+${cp.toString(16)} length ${b.length}`);
    }
    expect(failures).toEqual([]);
    const bytes = encodeText(all);
    expect(decodeMessage(bytes).text).toBe(all);
    expect(gb18030ByteLength(all)).toBe(bytes.length);
  });

  it('the single bytes 0x80 and 0xFF are not GB18030', () => {
    for (const b of [0x80, 0xff]) {
      const d = decodeMessage(Uint8Array.of(b));
      expect(d.text).toBe('\uFFFD');
      expect(d.invalid).toEqual([{ byteOffset: 0, byteLength: 1, textOffset: 0 }]);
    }
  });

  it('U+FFFD itself (0x84 0x31 0xA4 0x37) is valid and not reported', () => {
    const d = decodeMessage(Buffer.from('41' + '8431a437' + '42', 'hex'));
    expect(d).toEqual({ text: 'A\uFFFDB', ascii: false, invalid: [] });
    expect(hex(encodeText('\uFFFD'))).toBe('8431a437');
  });
});

describe('where WHATWG (TextDecoder) and iconv-lite disagree with the bijection', () => {
  it('the decoder corrects exactly 20 byte sequences of TextDecoder', () => {
    const differ: string[] = [];
    const check = (seq: Uint8Array): void => {
      const d = decodeMessage(seq);
      if (d.text !== whatwg.decode(seq)) differ.push(`${hex(seq)}:${[...d.text].map((c) => c.codePointAt(0)!.toString(16)).join(',')}`);
    };
    check(Uint8Array.of(0x80));
    check(Uint8Array.of(0xff));
    for (const s of twoByteSequences()) check(s);
    for (let p = 0; p < BMP_POINTERS; p++) check(fourByteCode(p));
    expect(differ).toEqual([
      '80:fffd', // WHATWG: U+20AC (€ is A2E3)
      'a3a0:e5e5', // WHATWG: U+3000 (a duplicate of A1A1)
      // WHATWG: U+9FB4 … U+9FBB, duplicates of FE59 … FEA0 (GB18030-2022 swap)
      '82359037:e81e', '82359038:e826', '82359039:e82b', '82359130:e82c',
      '82359131:e832', '82359132:e843', '82359133:e854', '82359134:e864',
      // WHATWG: U+FE10 … U+FE19, duplicates of A6D9 … A6F3 (GB18030-2022 swap)
      '84318236:e78d', '84318237:e78f', '84318238:e78e', '84318239:e790', '84318330:e791',
      '84318331:e792', '84318332:e793', '84318333:e794', '84318334:e795', '84318335:e796',
    ]);
  });

  it('the encoder corrects exactly 37 characters of iconv-lite', () => {
    const differ: string[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      const ours = encodeText(ch);
      const theirs = iconv.encode(ch, 'gb18030');
      if (!same(ours, theirs)) differ.push(`${cp.toString(16)}:${hex(theirs)}→${hex(ours)}`);
    }
    expect(differ.length).toBe(37);
    expect(differ).toContain('e5e5:8339b136→a3a0'); // iconv-lite gives U+E5E5 the code of U+F5F9
    expect(differ).toContain('fe10:84318236→a6d9');
    expect(differ).toContain('e78d:a6d9→84318236');
    expect(differ).toContain('9fb4:82359037→fe59');
    expect(differ).toContain('e81e:fe59→82359037');
    expect(differ.every((d) => /^(9fb[4-9a-b]|e5e5|e7[89][0-9a-f]|e8[1-6][0-9a-f]|fe1[0-9]):/.test(d))).toBe(true);
  });
});

describe('decodeMessage', () => {
  it('takes the ASCII fast path for all-ASCII bytes (control characters and DEL included)', () => {
    const bytes = Buffer.from(Array.from({ length: 128 }, (_, i) => i));
    const d = decodeMessage(bytes);
    expect(d.ascii).toBe(true);
    expect(d.invalid).toEqual([]);
    expect(d.text).toBe(String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)));
    expect(decodeMessage(new Uint8Array(0))).toEqual({ text: '', ascii: true, invalid: [] });
    // A plain Uint8Array view (not a Buffer) with an offset.
    const u8 = new Uint8Array(Buffer.from('xx{1:ABC}yy', 'latin1')).subarray(2, 9);
    expect(decodeMessage(u8).text).toBe('{1:ABC}');
    // Plain arrays, views into them and Buffers alike (the latin1 path differs for Buffers).
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }).map((a) => a.map((x) => x & 0x7f)), fc.nat(5), fc.boolean(), (a, cut, buffer) => {
        const view = a.subarray(Math.min(cut, a.length));
        const input = buffer ? Buffer.from(view) : view;
        expect(decodeMessage(input).text).toBe(String.fromCharCode(...view));
      }),
      { numRuns: 300 },
    );
  });

  it('decodes Chinese text (non-ASCII path)', () => {
    const text = '{6:\r\n:ONM:张三\r\n:OAD:北京市朝阳区倉庫𠮷\r\n-}';
    const d = decodeMessage(encodeText(text));
    expect(d).toEqual({ text, ascii: false, invalid: [] });
    expect(hex(encodeText('倉'))).toBe('827d');
    expect(hex(encodeText('倇'))).toBe('827b');
  });

  it('reports every invalid lead/second-byte combination with exact offsets', () => {
    const failures: string[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let second = 0; second <= 0xff; second++) {
        const bytes = Uint8Array.of(0x41, 0x42, lead, second, 0x43);
        const d = decodeMessage(bytes);
        let expected: unknown;
        if (isTrail(second)) {
          expected = { text: `AB${whatwg.decode(Uint8Array.of(lead, second))}C`, invalid: [] };
          if (lead === 0xa3 && second === 0xa0) expected = { text: 'AB\uE5E5C', invalid: [] };
        } else if (second === 0x80 || second === 0xff) {
          expected = { text: 'AB\uFFFDC', invalid: [{ byteOffset: 2, byteLength: 2, textOffset: 2 }] };
        } else {
          // A lead byte followed by a byte that cannot continue it: the lead alone is invalid, and
          // the next byte (ASCII, including a digit that cannot start a four-byte code here) is read
          // again as itself.
          expected = {
            text: `AB\uFFFD${String.fromCharCode(second)}C`,
            invalid: [{ byteOffset: 2, byteLength: 1, textOffset: 2 }],
          };
        }
        const got = { text: d.text, invalid: d.invalid };
        if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`${hex(bytes)}: ${JSON.stringify(got)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reports unassigned and malformed four-byte codes', () => {
    const cases: [string, string, { byteOffset: number; byteLength: number; textOffset: number }[]][] = [
      // unassigned: between the BMP and the supplementary area, and after U+10FFFF
      ['d6d0' + '8431a530', '中\uFFFD', [{ byteOffset: 2, byteLength: 4, textOffset: 1 }]],
      ['8f39fe39', '\uFFFD', [{ byteOffset: 0, byteLength: 4, textOffset: 0 }]],
      ['e3329a36', '\uFFFD', [{ byteOffset: 0, byteLength: 4, textOffset: 0 }]],
      ['fe39fe39' + '41', '\uFFFDA', [{ byteOffset: 0, byteLength: 4, textOffset: 0 }]],
      // two invalid units in a row make one run
      ['8431a530' + '80' + 'ff' + '41', '\uFFFDA', [{ byteOffset: 0, byteLength: 6, textOffset: 0 }]],
      // lead + digit + not a third byte: the lead alone is invalid; the digit is itself
      ['813041', '\uFFFD0A', [{ byteOffset: 0, byteLength: 1, textOffset: 0 }]],
      // lead + digit + third byte + not a digit: the lead alone; then "0", then 81 41 is a character
      ['81308141', '\uFFFD0\u4E04', [{ byteOffset: 0, byteLength: 1, textOffset: 0 }]],
      // truncated at the end
      ['4181', 'A\uFFFD', [{ byteOffset: 1, byteLength: 1, textOffset: 1 }]],
      ['418130', 'A\uFFFD0', [{ byteOffset: 1, byteLength: 1, textOffset: 1 }]],
      ['41813081', 'A\uFFFD0\uFFFD', [
        { byteOffset: 1, byteLength: 1, textOffset: 1 },
        { byteOffset: 3, byteLength: 1, textOffset: 3 },
      ]],
      // offsets count UTF-16 units: 𠮷 is two
      ['9534b235' + 'd6d0' + '80' + '41', '𠮷中\uFFFDA', [{ byteOffset: 6, byteLength: 1, textOffset: 3 }]],
    ];
    for (const [h, text, invalid] of cases) {
      expect({ h, ...decodeMessage(Buffer.from(h, 'hex')) }).toEqual({ h, text, ascii: false, invalid });
    }
  });

  it('U+3000 (A1 A1) and A3 A0 (U+E5E5) are told apart, also when A3 A0 occurs across two characters', () => {
    expect(decodeMessage(Buffer.from('41a1a142', 'hex')).text).toBe('A\u3000B');
    expect(decodeMessage(Buffer.from('41a1a1a3a042', 'hex')).text).toBe('A\u3000\uE5E5B');
    expect(decodeMessage(Buffer.from('a3a0a1a1', 'hex')).text).toBe('\uE5E5\u3000');
    // B0 A3 (埃) + A0 A1: the bytes A3 A0 straddle two characters.
    const straddle = Buffer.from('b0a3a0a1a1a1', 'hex');
    expect(decodeMessage(straddle)).toEqual({ text: whatwg.decode(straddle), ascii: false, invalid: [] });
    expect(hex(encodeText(decodeMessage(straddle).text))).toBe('b0a3a0a1a1a1');
  });

  it('E001 diagnostics point at the U+FFFD with line and column', () => {
    const bytes = Buffer.concat([Buffer.from('{4:\r\n:70:AB', 'latin1'), Buffer.of(0x80), Buffer.from('\r\n-}', 'latin1')]);
    const d = decodeMessage(bytes);
    const [e] = invalidByteDiagnostics(d);
    expect(e).toMatchObject({ code: 'E001', severity: 'error', offset: 11, line: 2, column: 7, length: 1 });
    expect(e!.message).toContain('byte 11');
  });

  const scalar = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 1, arbitrary: fc.constantFrom(0x0d, 0x0a, 0x7b, 0x7d, 0x3a) },
    { weight: 4, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }) },
    { weight: 1, arbitrary: fc.constantFrom(0x5009, 0x5007, 0x6191, 0x3000, 0x20ac, 0xe5e5, 0xfe10, 0xfe19, 0x9fb4, 0xe78d, 0xe81e, 0xfffd) },
    { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff) },
    { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
  );
  const mixedText = fc.array(scalar, { maxLength: 60 }).map((cps) => String.fromCodePoint(...cps));

  it('property: decode(encode(text)) = text and encode(decode(bytes)) = bytes for mixed ASCII/GB18030 text', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const bytes = encodeText(text);
        const d = decodeMessage(bytes);
        expect(d.text).toBe(text);
        expect(d.invalid).toEqual([]);
        expect(d.ascii).toBe(/^[\x00-\x7f]*$/.test(text));
        expect(same(encodeText(d.text), bytes)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: invalid units are reported as maximal runs with exact byte and text offsets', () => {
    const unit = fc.oneof(
      { weight: 4, arbitrary: scalar.map((cp) => ({ ch: String.fromCodePoint(cp) })) },
      { weight: 1, arbitrary: fc.constantFrom('80', 'ff', '8431a530', 'fe39fe39', 'e3329a36').map((h) => ({ bad: h })) },
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const parts: Buffer[] = [];
        let text = '';
        const runs: { byteOffset: number; byteLength: number; textOffset: number }[] = [];
        let at = 0;
        let prevBad = false;
        for (const u of units) {
          const b = 'ch' in u ? Buffer.from(encodeText(u.ch)) : Buffer.from(u.bad, 'hex');
          if ('bad' in u) {
            if (prevBad) runs.at(-1)!.byteLength += b.length;
            else {
              runs.push({ byteOffset: at, byteLength: b.length, textOffset: text.length });
              text += '\uFFFD';
            }
          } else {
            text += u.ch;
          }
          prevBad = 'bad' in u;
          parts.push(b);
          at += b.length;
        }
        const d = decodeMessage(Buffer.concat(parts));
        expect(d.text).toBe(text);
        expect(d.invalid).toEqual(runs);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the fast path agrees with the exact walk on arbitrary bytes', () => {
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x80, 0xff, 0x81, 0x84, 0xa1, 0xa3, 0xa0, 0xa6, 0xd9, 0x30, 0x31, 0x7b, 0x7d),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 50 }), (xs) => {
        const bytes = Uint8Array.from(xs);
        const fast = decodeMessage(bytes);
        const exact = decodeExact(bytes);
        expect({ text: fast.text, invalid: fast.invalid }).toEqual({ text: exact.text, invalid: exact.invalid });
        // Valid input round-trips; invalid input re-encodes with U+FFFD in place of each run.
        if (fast.invalid.length === 0) expect(hex(encodeText(fast.text))).toBe(hex(bytes));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('encodeText', () => {
  it('writes ASCII text as latin1 bytes', () => {
    expect(hex(encodeText('{1:F01}\r\n'))).toBe(Buffer.from('{1:F01}\r\n', 'latin1').toString('hex'));
    expect(encodeText('').length).toBe(0);
  });

  it('finds lone surrogates and refuses to encode them', () => {
    expect(findUnencodable('abc 中 𠮷')).toEqual([]);
    expect(isEncodable('abc 中 𠮷')).toBe(true);
    const bad = `a\uD800b\uDC00c𠮷\uDBFF`;
    expect(findUnencodable(bad)).toEqual([1, 3, 7]);
    expect(isEncodable(bad)).toBe(false);
    expect(() => encodeText(bad)).toThrow(RangeError);
    const diags = unencodableDiagnostics(`{4:\r\n:70:x\uD800\r\n-}`);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'E002', offset: 10, line: 2, column: 6, length: 1 });
    expect(diags[0]!.message).toContain('U+D800');
  });

  it('gb18030ByteLength counts GB18030 bytes', () => {
    expect(gb18030ByteLength('AB')).toBe(2);
    expect(gb18030ByteLength('张三')).toBe(4);
    expect(gb18030ByteLength('㵘𠮷')).toBe(8);
  });
});

// --- splitting -------------------------------------------------------------------------------

/** Byte spans of `splitBytes(bytes)`, decoded: must equal the text spans of the decoded text. */
function decodedByteSpans(bytes: Uint8Array): string[] {
  return splitBytes(bytes).map((s) => decodeMessage(bytes.subarray(s.start, s.end)).text);
}
function textSpans(text: string): string[] {
  return splitText(text).map((s) => text.slice(s.start, s.end));
}

const M1 = '{1:F01BKCHCNBJAXXX0001000123}{2:I103ICBKCNBJXXXXN}{4:\r\n:59:倇1:倉}\r\n-}{5:}';
const M2 = '{1:F01ICBKCNBJAXXX0001000124}{4:\r\n:ONM:𠮷憑1:東{\r\n-}';
const M3 = '{1:F01PCBCCNBJAXXX0001000125}{6:\r\n:BNM:张三}{\r\n-}{5:{CHK:0123456789AB}}\r\n';
const SMALL = `倉\r\n${M1}\r\n${M2}${M3}`;
const SMALL_BYTES = encodeText(SMALL);

describe('splitText / splitBytes', () => {
  it('splits at each {1: and covers the input without gaps', () => {
    expect(splitText('')).toEqual([]);
    expect(splitBytes(new Uint8Array(0))).toEqual([]);
    expect(splitText('junk')).toEqual([{ start: 0, end: 4 }]);
    expect(splitText('{1:A}{1:B}\r\n{1:C}')).toEqual([
      { start: 0, end: 5 },
      { start: 5, end: 12 },
      { start: 12, end: 17 },
    ]);
    expect(textSpans(SMALL)).toEqual(['倉\r\n', `${M1}\r\n`, M2, M3]);
    expect(decodedByteSpans(SMALL_BYTES)).toEqual(['倉\r\n', `${M1}\r\n`, M2, M3]);
  });

  it('does not split at a {1: whose { is the second byte of a Chinese character', () => {
    // 倇 = 0x82 0x7B: "倇1:" is 82 7B 31 3A, which contains the bytes of "{1:".
    const text = '{1:A}倇1:倇1:{1:B}憑1:';
    const bytes = encodeText(text);
    expect(Buffer.from(bytes).indexOf('{1:', 0, 'latin1')).toBe(0);
    expect(Buffer.from(bytes).indexOf('{1:', 1, 'latin1')).toBe(6); // inside 倇
    expect(splitBytes(bytes)).toEqual([
      { start: 0, end: 13 },
      { start: 13, end: 22 },
    ]);
    expect(decodedByteSpans(bytes)).toEqual(textSpans(text));
    // A long run of two-byte characters (no byte that forces a boundary) before the candidate.
    const long = `${'倇'.repeat(1000)}1:{1:X}${'倉'.repeat(999)}{1:Y}`;
    expect(decodedByteSpans(encodeText(long))).toEqual(textSpans(long));
  });

  it('property: splitBytes(bytes) gives the spans of splitText(decoded text), on messages with Chinese text', () => {
    const piece = fc.constantFrom('{1:', '{1:', '{', '}', '1:', '\r\n', '倇', '倉', '憑', '東', '𠮷', '㵘', '张三', 'AB', ':', '-}', '{4:');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (ps) => {
        const text = ps.join('');
        expect(decodedByteSpans(encodeText(text))).toEqual(textSpans(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: on arbitrary (also invalid) bytes, byte spans decode to the spans of the decoded text', () => {
    const byte = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0x7b, 0x31, 0x3a, 0x7d, 0x0d, 0x0a) },
      { weight: 3, arbitrary: fc.constantFrom(0x81, 0x82, 0x95, 0xfe, 0x80, 0xff, 0x30, 0x39, 0xb2) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 60 }), (xs) => {
        const bytes = Uint8Array.from(xs);
        expect(decodedByteSpans(bytes)).toEqual(textSpans(decodeMessage(bytes).text));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits the benchmark corpus into its messages', () => {
    const corpus = makeCorpus(500, 7);
    const text = corpus.join('\r\n');
    const bytes = encodeText(text);
    const spans = splitBytes(bytes);
    expect(spans.length).toBe(500);
    expect(decodedByteSpans(bytes)).toEqual(textSpans(text));
    expect(textSpans(text)).toEqual(corpus.map((m, i) => (i < corpus.length - 1 ? `${m}\r\n` : m)));
  });
});

describe('splitStream', () => {
  it('refuses a stream of strings (opened with an encoding) with a clear TypeError', async () => {
    const read = async (): Promise<void> => {
      for await (const _ of splitStream(Readable.from(['{1:F01'], { objectMode: true }) as AsyncIterable<Uint8Array>)) void _;
    };
    await expect(read()).rejects.toThrow(/reads bytes, but a chunk was a string \(open the stream without an encoding\)/);
  });

  it('yields the spans of splitBytes for every split of a small input into two and three chunks', async () => {
    const bytes = SMALL_BYTES;
    const expected = expectedStream(bytes);
    expect(expected.length).toBe(4);
    const n = bytes.length;
    let runs = 0;
    for (let i = 0; i <= n; i++) {
      expect(streamed(await collect(chunked(bytes, [i])))).toEqual(expected);
      runs++;
      for (let j = i; j <= n; j++) {
        const got = streamed(await collect(chunked(bytes, [i, j])));
        if (JSON.stringify(got) !== JSON.stringify(expected)) expect({ i, j, got }).toEqual({ i, j, got: expected });
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(n * n / 2);
  });

  it('yields the same spans one byte at a time and all at once', async () => {
    const bytes = SMALL_BYTES;
    const expected = expectedStream(bytes);
    const ones = Array.from({ length: bytes.length - 1 }, (_, k) => k + 1);
    expect(streamed(await collect(chunked(bytes, ones)))).toEqual(expected);
    expect(streamed(await collect(chunked(bytes, [])))).toEqual(expected);
    const all = await collect(chunked(bytes, []));
    expect(all.every((m) => !m.oversized && m.last)).toBe(true);
    expect(await collect(chunked(new Uint8Array(0), []))).toEqual([]);
  });

  it('works on a Node Readable (Buffer chunks)', async () => {
    const bytes = Buffer.from(encodeText(makeCorpus(200, 3).join('')));
    const readable = Readable.from((function* () {
      for (let at = 0; at < bytes.length; at += 1000) yield bytes.subarray(at, at + 1000);
    })());
    const got = await collect(readable);
    expect(got.length).toBe(200);
    expect(streamed(got)).toEqual(expectedStream(bytes));
  });

  it('property: random chunkings of random message streams give the spans of splitBytes', async () => {
    const piece = fc.constantFrom('{1:', '{1:', '{', '}', '1:', '\r\n', '倇', '倉', '𠮷', 'AB', '{4:\r\n:70:张三\r\n-}');
    const input = fc.array(piece, { maxLength: 30 }).map((ps) => encodeText(ps.join('')));
    const withCuts = input.chain((bytes) =>
      fc.tuple(fc.constant(bytes), fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 })),
    );
    await fc.assert(
      fc.asyncProperty(withCuts, async ([bytes, cuts]) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        expect(streamed(await collect(chunked(bytes, sorted)))).toEqual(expectedStream(bytes));
      }),
      { numRuns: 1500 },
    );
  });

  it('property: oversized spans come in pieces of at most maxMessageBytes, cut at character boundaries', async () => {
    const piece = fc.constantFrom('{1:', '{', '1:', '\r\n', '倇', '倉', '𠮷', 'ABCDEFG', '张三李四');
    const input = fc.array(piece, { maxLength: 40 }).map((ps) => encodeText(ps.join('')));
    const withCuts = input.chain((bytes) =>
      fc.tuple(
        fc.constant(bytes),
        fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 10 }),
        fc.integer({ min: 4, max: 24 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(withCuts, async ([bytes, cuts, max]) => {
        const got = await collect(chunked(bytes, [...cuts].sort((a, b) => a - b)), max);
        // Regroup the pieces into spans: they must be exactly splitBytes' spans.
        const spans: { hex: string; offset: number }[] = [];
        let current: { hex: string; offset: number } | undefined;
        let offset = 0;
        for (const m of got) {
          expect(m.offset).toBe(offset);
          offset += m.bytes.length;
          expect(m.bytes.length).toBeGreaterThan(0);
          expect(m.bytes.length).toBeLessThanOrEqual(max);
          if (m.oversized) {
            // Cut at character boundaries: each piece decodes on its own exactly as within the span.
            expect(decodeMessage(m.bytes).invalid).toEqual([]);
          }
          current = current === undefined ? { hex: hex(m.bytes), offset: m.offset } : { ...current, hex: current.hex + hex(m.bytes) };
          if (m.last) {
            spans.push(current);
            current = undefined;
          }
        }
        expect(current).toBeUndefined();
        const expected = expectedStream(bytes);
        expect(spans).toEqual(expected);
        // Exactly the spans longer than max are oversized.
        const flags: boolean[] = [];
        let inSpan = false;
        for (const m of got) {
          if (!inSpan) flags.push(m.oversized);
          inSpan = !m.last;
        }
        expect(flags).toEqual(expected.map((e) => e.hex.length / 2 > max));
      }),
      { numRuns: 1500 },
    );
  });

  it('streams 200 MB with bounded memory', async () => {
    const corpus = encodeText(makeCorpus(2000, 11).join('\r\n') + '\r\n');
    const perCopy = splitBytes(corpus).length;
    const total = 200 * 1024 * 1024;
    const copies = Math.ceil(total / corpus.length);
    async function* source(): AsyncGenerator<Uint8Array> {
      const chunk = 64 * 1024 + 7; // not aligned with anything
      for (let k = 0; k < copies; k++) {
        for (let at = 0; at < corpus.length; at += chunk) yield corpus.subarray(at, Math.min(at + chunk, corpus.length));
      }
    }
    const before = process.memoryUsage().rss;
    let peak = before;
    let count = 0;
    let bytes = 0;
    for await (const m of splitStream(source())) {
      count++;
      bytes += m.bytes.length;
      if ((count & 4095) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(bytes).toBe(copies * corpus.length);
    expect(count).toBe(copies * perCopy);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a huge span without any {1: is given out in pieces with bounded memory', async () => {
    const line = encodeText(':79:北京市朝阳区倉庫 NO 1 JIANGUOMENWAI AVENUE 𠮷\r\n'.repeat(1000));
    const total = 100 * 1024 * 1024;
    const copies = Math.ceil(total / line.length);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield encodeText('{1:F01BKCHCNBJAXXX0001000123}{4:\r\n');
      for (let k = 0; k < copies; k++) yield line;
      yield encodeText('-}{1:F01BKCHCNBJAXXX0001000124}{4:\r\n-}');
    }
    const max = 1024 * 1024;
    const before = process.memoryUsage().rss;
    let peak = before;
    const items: { length: number; oversized: boolean; last: boolean }[] = [];
    for await (const m of splitStream(source(), { maxMessageBytes: max })) {
      items.push({ length: m.bytes.length, oversized: m.oversized, last: m.last });
      if (m.bytes.length > max) throw new Error('piece too long');
      if ((items.length & 15) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const last = items.at(-1)!;
    expect(last).toEqual({ length: 36, oversized: false, last: true });
    const big = items.slice(0, -1);
    expect(big.every((p) => p.oversized)).toBe(true);
    expect(big.filter((p) => p.last)).toHaveLength(1);
    expect(big.at(-1)!.last).toBe(true);
    expect(big.reduce((a, p) => a + p.length, 0)).toBe(34 + copies * line.length + 2);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});

// Keep the helper used (pointer arithmetic is shared with src).
it('fourBytePointer matches the test helper', () => {
  for (const p of [0, 1, 39419, SUPP_FIRST, SUPP_LAST]) {
    const b = fourByteCode(p);
    expect(fourBytePointer(b[0]!, b[1]!, b[2]!, b[3]!)).toBe(p);
  }
});
