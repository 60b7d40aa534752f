/**
 * `npm run demo`: converts a shipped fixture file (GB18030, many messages) to JSON and prints a
 * summary per message — the main job of the library, end to end.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAll, serializeAll } from '../src/index.js';
import { encodeText } from '../src/bytes/encode.js';

const file = process.argv[2] ?? fileURLToPath(new URL('../fixtures/batches/batch-20-crlf-separated.fin', import.meta.url));
const bytes = readFileSync(file);
const messages = parseAll(new Uint8Array(bytes));
for (const m of messages) {
  console.log(
    JSON.stringify({
      index: m.index,
      fmt: m.fmt,
      mt: m.mt,
      ok: m.ok,
      fields: m.textBlock?.fields.map((f) => ({ tag: f.tag, value: f.value, line: f.line })),
      diagnostics: m.diagnostics.map((d) => ({ code: d.code, line: d.line, column: d.column, message: d.message })),
    }),
  );
}
const back = encodeText(serializeAll(messages));
console.error(
  `${file}: ${messages.length} messages, ${messages.filter((m) => m.ok).length} clean; ` +
    `round trip ${Buffer.compare(Buffer.from(back), bytes) === 0 ? 'byte-exact' : 'DIFFERS'}`,
);
