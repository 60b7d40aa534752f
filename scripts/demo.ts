/**
 * `npm run demo`: the main job end to end — a shipped fixture file (20 GB18030 messages back to
 * back) → typed, validated messages as NDJSON (amounts as exact decimal strings) → back to bytes,
 * checked byte for byte against the input.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMessages, messageToJSON, serializeMessage } from '../src/index.js';
import { encodeText } from '../src/bytes/encode.js';

const file = process.argv[2] ?? fileURLToPath(new URL('../fixtures/batches/batch-20-crlf-separated.fin', import.meta.url));
const bytes = readFileSync(file);
const results = parseMessages(new Uint8Array(bytes));
for (const r of results) {
  const { fmt, ok, headers, body, diagnostics } = messageToJSON(r);
  console.log(JSON.stringify({ index: r.index, fmt, ok, headers, body, diagnostics: diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`) }));
}
let text = '';
for (const r of results) text += r.message !== undefined ? serializeMessage(r.message) : r.envelope.text;
const same = Buffer.compare(Buffer.from(encodeText(text)), bytes) === 0;
const clean = results.filter((r) => r.ok).length;
console.error(`${file}: ${results.length} messages, ${clean} valid; round trip ${same ? 'byte-exact' : 'DIFFERS'}`);
process.exitCode = same ? 0 : 1;
