/**
 * The shipped fixture corpus (fixtures/README.md): every valid message parses clean and
 * round-trips byte for byte, both parsers agree on it, batches split into their messages, and
 * every malformed input yields the diagnostic its sidecar names, at that position.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvelope, type ParseMode } from '../src/envelope/parse.js';
import { parseAll, serializeAll } from '../src/envelope/parse-all.js';
import { serializeEnvelope } from '../src/envelope/serialize.js';
import { signingPayload } from '../src/envelope/signing.js';
import { parseReference } from '../src/reference/parse-reference.js';
import { encodeText } from '../src/bytes/encode.js';

const root = join(import.meta.dirname, '..', 'fixtures');
const files = (dir: string, ext = '.fin'): string[] =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(root, dir, f));
const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(file));

interface Expectation {
  code: string;
  line: number;
  column: number;
  mode: ParseMode;
  severity: string;
  note: string;
}
const sidecar = (file: string): Expectation =>
  JSON.parse(readFileSync(file.replace(/\.fin$/, '.expect.json'), 'utf8')) as Expectation;

describe('valid fixtures', () => {
  const valid = files('valid');
  it('has one file for each of the 73 FMTs', () => {
    expect(valid.length).toBe(73);
  });
  it.each(valid.map((f) => [f.split('/').pop()!, f]))('%s parses clean and round-trips', (_name, file) => {
    const bytes = bytesOf(file);
    const r = parseEnvelope(bytes);
    expect(r.diagnostics).toEqual([]);
    expect(r.fmt).toBe(`FMT${/fmt(\d{3})/.exec(file)![1]}`);
    expect(Buffer.from(encodeText(serializeEnvelope(r.envelope))).equals(Buffer.from(bytes))).toBe(true);
    const ref = parseReference(r.text);
    expect(ref.ok).toBe(true);
    expect(ref.envelope).toEqual(r.envelope);
    if (r.signature !== undefined) {
      const payload = signingPayload(r.envelope);
      const before7 = bytes.subarray(0, Buffer.from(bytes).indexOf('{7:'));
      expect(Buffer.from(payload).equals(Buffer.from(before7))).toBe(true);
    }
  });
});

describe('batches', () => {
  it.each(files('batches').map((f) => [f.split('/').pop()!, f]))('%s splits into its messages', (_name, file) => {
    const bytes = bytesOf(file);
    const expected = JSON.parse(readFileSync(file.replace(/\.fin$/, '.expect.json'), 'utf8')) as { messages: number; fmts: string[] };
    const messages = parseAll(bytes);
    expect(messages.length).toBe(expected.messages);
    expect(messages.map((m) => m.fmt)).toEqual(expected.fmts.map((f) => `FMT${f}`));
    expect(messages.every((m) => m.ok)).toBe(true);
    expect(Buffer.from(encodeText(serializeAll(messages))).equals(Buffer.from(bytes))).toBe(true);
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(serializeAll(parseAll(text))).toBe(text);
  });
});

describe('malformed fixtures', () => {
  const cases = [...files('malformed'), ...files('malformed/lenient')];
  it.each(cases.map((f) => [f.split('/').slice(-2).join('/'), f]))('%s yields its diagnostic', (_name, file) => {
    const want = sidecar(file);
    const bytes = bytesOf(file);
    const r = parseEnvelope(bytes, { mode: want.mode });
    const found = r.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}/${d.severity}`);
    expect(found, want.note).toContain(`${want.code}@${want.line}:${want.column}/${want.severity}`);
    expect(r.ok).toBe(want.mode === 'lenient');
    if (want.mode === 'lenient') expect(parseEnvelope(bytes).ok).toBe(false);
    if (want.code !== 'E001') {
      expect(Buffer.from(encodeText(serializeEnvelope(r.envelope))).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});
