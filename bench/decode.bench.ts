/**
 * The bytes stage: decode, encode and split throughput.
 *
 *   npx tsx bench/decode.bench.ts [count=10000] [seed=1]
 *
 * Corpus: `makeCorpus(count, seed)` (bench/corpus.ts) — MT103/MT202/MT198 messages of 300–1,500
 * GB18030 bytes, 40% with Chinese text. Each method runs warmed up; the median of 7 runs is shown.
 * MB/s counts input bytes (for encodeText: output bytes), 1 MB = 10^6 bytes.
 */
import { Buffer, isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import { decodeExact, decodeMessage } from '../src/bytes/decode.js';
import { encodeText } from '../src/bytes/encode.js';
import { splitBytes, splitStream, splitText } from '../src/bytes/split.js';
import { makeCorpus } from './corpus.js';

const count = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 1);

const texts = makeCorpus(count, seed);
const messages = texts.map((t) => Buffer.from(encodeText(t)));
const totalBytes = messages.reduce((a, b) => a + b.length, 0);
const chinese = messages.filter((b) => !isAscii(b));
const chineseBytes = chinese.reduce((a, b) => a + b.length, 0);
const ascii = messages.filter((b) => isAscii(b));
const asciiBytes = ascii.reduce((a, b) => a + b.length, 0);
// The same Chinese messages with an ideographic space (U+3000, A1 A1) in them, and with a
// U+E5E5 (A3 A0): the first need an extra check, the second the exact walk.
const zhTexts = texts.filter((t) => /[^\x00-\x7f]/.test(t));
const withSpace = zhTexts.map((t) => Buffer.from(encodeText(t.replace(/\r\n-\}/, '\u3000\r\n-}'))));
const withSpaceBytes = withSpace.reduce((a, b) => a + b.length, 0);
const withA3A0 = zhTexts.map((t) => Buffer.from(encodeText(t.replace(/\r\n-\}/, '\uE5E5\r\n-}'))));
const withA3A0Bytes = withA3A0.reduce((a, b) => a + b.length, 0);
const joined = Buffer.concat(messages.flatMap((m) => [m, Buffer.from('\r\n')]));
const joinedText = texts.join('\r\n');
const textBytes = texts.map((t) => encodeText(t).length).reduce((a, b) => a + b, 0);

let sink = 0;

function bench(name: string, bytes: number, msgs: number, run: () => void): void {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const ms = times[3]!;
  const mbs = bytes / 1e6 / (ms / 1000);
  const mps = msgs / (ms / 1000);
  console.log(
    `${name.padEnd(58)} ${mbs.toFixed(0).padStart(6)} MB/s ${Math.round(mps).toLocaleString('en-US').padStart(12)} msg/s  (${ms.toFixed(2)} ms)`,
  );
}

async function benchAsync(name: string, bytes: number, msgs: number, run: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const ms = times[2]!;
  console.log(
    `${name.padEnd(58)} ${(bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(6)} MB/s ${Math.round(msgs / (ms / 1000)).toLocaleString('en-US').padStart(12)} msg/s  (${ms.toFixed(2)} ms)`,
  );
}

console.log(
  `corpus: ${count} messages, ${totalBytes.toLocaleString('en-US')} bytes (${(totalBytes / count).toFixed(0)} average), ` +
    `${chinese.length} with Chinese text (${chineseBytes.toLocaleString('en-US')} bytes); Node ${process.version}\n`,
);

const td = new TextDecoder('gb18030');

console.log('-- whole corpus (mixed) --');
bench('latin1 decode (latin1Slice), all messages', totalBytes, count, () => {
  for (const b of messages) sink += (b as Buffer & { latin1Slice(s: number, e: number): string }).latin1Slice(0, b.length).length;
});
bench("latin1 decode (toString('latin1')), all messages", totalBytes, count, () => {
  for (const b of messages) sink += b.toString('latin1').length;
});
bench('isAscii check', totalBytes, count, () => {
  for (const b of messages) sink += isAscii(b) ? 1 : 0;
});
bench("TextDecoder('gb18030'), all messages", totalBytes, count, () => {
  for (const b of messages) sink += td.decode(b).length;
});
bench("iconv-lite decode 'gb18030', all messages", totalBytes, count, () => {
  for (const b of messages) sink += iconv.decode(b, 'gb18030').length;
});
bench('decodeMessage (mixed corpus)', totalBytes, count, () => {
  for (const b of messages) sink += decodeMessage(b).text.length;
});
bench('encodeText (mixed corpus; MB/s of output)', textBytes, count, () => {
  for (const t of texts) sink += encodeText(t).length;
});
bench("iconv-lite encode 'gb18030' (mixed corpus)", textBytes, count, () => {
  for (const t of texts) sink += iconv.encode(t, 'gb18030').length;
});
bench('splitBytes (corpus joined by CRLF)', joined.length, count, () => {
  sink += splitBytes(joined).length;
});
bench('splitText (same, decoded)', joined.length, count, () => {
  sink += splitText(joinedText).length;
});
await benchAsync('splitStream (64 KiB chunks)', joined.length, count, async () => {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < joined.length; at += 65536) yield joined.subarray(at, at + 65536);
  }
  for await (const m of splitStream(chunks())) sink += m.bytes.length;
});

console.log('\n-- the 40% with Chinese text (the only ones that need a real decode) --');
bench("TextDecoder('gb18030')", chineseBytes, chinese.length, () => {
  for (const b of chinese) sink += td.decode(b).length;
});
bench("iconv-lite decode 'gb18030'", chineseBytes, chinese.length, () => {
  for (const b of chinese) sink += iconv.decode(b, 'gb18030').length;
});
bench('decodeMessage', chineseBytes, chinese.length, () => {
  for (const b of chinese) sink += decodeMessage(b).text.length;
});
bench('decodeExact (always walks the bytes)', chineseBytes, chinese.length, () => {
  for (const b of chinese) sink += decodeExact(b).text.length;
});
bench('decodeMessage, each message holding a U+3000 (A1 A1)', withSpaceBytes, withSpace.length, () => {
  for (const b of withSpace) sink += decodeMessage(b).text.length;
});
bench('decodeMessage, each message holding A3 A0 (exact walk)', withA3A0Bytes, withA3A0.length, () => {
  for (const b of withA3A0) sink += decodeMessage(b).text.length;
});

console.log('\n-- the 60% all-ASCII messages --');
bench("decodeMessage (isAscii + toString('latin1'))", asciiBytes, ascii.length, () => {
  for (const b of ascii) sink += decodeMessage(b).text.length;
});

if (sink === 42) console.log(sink);
