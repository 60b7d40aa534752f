/**
 * Long fuzz run of the TYPED layer (not part of `npm test`), driven by the conformance kit
 * (src/testing): generated valid messages (all FMTs, all realism options), invalid ones (every
 * mutation kind), random edits and byte damage of both, pushed through `parse` (with
 * validation, strict and lenient), `serializeMessage`, `messageToJSON`, `bodyFromJSON` and
 * `build`. Checks: nothing throws, nothing hangs (an input over 1 s is a failure), no byte is
 * lost (serializing a parsed message gives back its text; valid GB18030 bytes come back
 * exactly), valid messages parse ok and survive JSON and a rebuild to the same text, every
 * mutation is reported with its code.
 *
 *   npm run fuzz:messages -- [--runs 1000000] [--seed 1]
 *
 * Prints inputs per kind, failures (input, stack), and the slowest input.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { encodeText } from '../../src/bytes/encode.js';
import { serializeEnvelope } from '../../src/envelope/serialize.js';
import { bodyFromJSON, build, messageToJSON, parse, serializeMessage } from '../../src/message/index.js';
import { arbitraryInvalidMessage, arbitraryMessage, type GeneratorOptions } from '../../src/testing/index.js';
import { prng } from '../../bench/corpus.js';
import { numberArg } from './args.js';

const runs = numberArg('--runs', 1_000_000);
const seed = numberArg('--seed', 1);
const HANG_MS = 1000;
const WARM_UP = 2000;

type Kind = 'valid' | 'invalid' | 'edited valid' | 'edited invalid' | 'damaged bytes';
const counts = new Map<Kind, number>();
const failures: string[] = [];
let failureCount = 0;
let slowest: { ms: number; kind: string; size: number; sample: string; input?: string | Uint8Array; check?: () => void } = { ms: 0, kind: '', size: 0, sample: '' };
let n = 0;

const rnd = prng(seed);
const int = (n: number): number => Math.floor(rnd() * n);

function fail(kind: Kind, input: string | Uint8Array, err: unknown): void {
  failureCount++;
  if (failures.length >= 20) return;
  const shown = typeof input === 'string' ? JSON.stringify(input) : `bytes ${Buffer.from(input).toString('hex')}`;
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  failures.push(`[${kind}] ${stack}\n    input (${input.length}): ${shown.slice(0, 4000)}`);
}

function run(kind: Kind, input: string | Uint8Array, check: () => void): void {
  n++;
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const t0 = performance.now();
  try {
    check();
  } catch (err) {
    fail(kind, input, err);
  }
  const ms = performance.now() - t0;
  if (n > WARM_UP && ms > slowest.ms) {
    slowest = { ms, kind, size: input.length, sample: typeof input === 'string' ? input.slice(0, 120) : '', input, check };
  }
  if (ms > HANG_MS) fail(kind, input, new Error(`took ${ms.toFixed(0)} ms (limit ${HANG_MS} ms)`));
  if (n % 100_000 === 0) console.error(`${n} inputs, ${((performance.now() - start) / 1000).toFixed(0)} s, failures ${failureCount}`);
}

/** The typed layer on any text: no throw, no byte lost, JSON and build survive. */
function typedChecks(text: string, mode: 'strict' | 'lenient'): void {
  const r = parse(text, { mode });
  if (serializeEnvelope(r.envelope.envelope) !== text) throw new Error(`${mode}: the envelope lost bytes`);
  if (r.message !== undefined && serializeMessage(r.message) !== text) throw new Error(`${mode}: the message lost bytes`);
  if (r.ok && r.diagnostics.some((d) => d.severity === 'error')) throw new Error('ok with errors');
  const json = JSON.parse(JSON.stringify(messageToJSON(r))) as { fmt?: string; body?: unknown; headers?: object };
  if (json.fmt !== undefined && json.body !== undefined) {
    const back = bodyFromJSON(json.fmt, json.body);
    build(json.fmt, back.body, (json.headers ?? {}) as Record<string, never>);
  }
}

/** A random edit of a text: the characters that matter to the syntax, spans copied or cut. */
const EDIT_CHARS = ['{', '}', ':', '-', '\r', '\n', '\r\n', '-}', 'A', '1', '0', ',', '/', ' ', '张', '\u{20BB7}', '@', '\uFFFD', ':20:', '\r\n:CNT:9'];
function edit(text: string): string {
  const k = 1 + int(3);
  let s = text;
  for (let e = 0; e < k; e++) {
    const i = int(s.length + 1);
    switch (int(6)) {
      case 0:
        s = s.slice(0, i) + EDIT_CHARS[int(EDIT_CHARS.length)]! + s.slice(i);
        break;
      case 1:
        s = s.slice(0, i) + s.slice(i + 1 + int(4));
        break;
      case 2:
        s = s.slice(0, i) + EDIT_CHARS[int(EDIT_CHARS.length)]! + s.slice(i + 1);
        break;
      case 3:
        s = s.slice(0, i);
        break;
      case 4: {
        const j = int(s.length + 1);
        const [a, b] = i <= j ? [i, j] : [j, i];
        s = s.slice(0, b) + s.slice(a, Math.min(b, a + 400)) + s.slice(b);
        break;
      }
      default: {
        // A line swapped with the next one (fields out of order, 77E lines, block 6).
        const lines = s.split('\r\n');
        const l = int(lines.length);
        if (l + 1 < lines.length) [lines[l], lines[l + 1]] = [lines[l + 1]!, lines[l]!];
        s = lines.join('\r\n');
      }
    }
  }
  return s;
}

const OPTIONS: GeneratorOptions[] = [
  {},
  { sizes: 'limits' },
  { chinese: 'always' },
  { chinese: 'never', participants: ['ICBKCNBJXXX', 'PCBCCNBJ', 'BKCHCNBJ300', 'ABOCCNBJ010'] },
  { currencies: ['JPY', 'USD', 'EUR'], sizes: 'limits', chinese: 'always' },
];

const start = performance.now();
const validPool: string[] = [];
const invalidPool: string[] = [];
let batch = 0;
const BATCH = 500;

while (n < runs) {
  batch++;
  const options = OPTIONS[batch % OPTIONS.length]!;
  // Fresh valid messages: ok, byte-exact, JSON and rebuild give back the same text.
  for (const m of fc.sample(arbitraryMessage(undefined, options), { numRuns: BATCH, seed: seed * 1_000_003 + batch })) {
    if (n >= runs) break;
    if (validPool.length < 20_000) validPool.push(m.text);
    else validPool[int(validPool.length)] = m.text;
    run('valid', m.text, () => {
      const r = parse(m.bytes);
      if (!r.ok) throw new Error(`valid ${m.fmt} not ok: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
      if (serializeMessage(r.message) !== m.text) throw new Error('lost bytes');
      const json = JSON.parse(JSON.stringify(messageToJSON(r))) as { fmt: string; body: unknown };
      const back = bodyFromJSON(json.fmt, json.body);
      if (!back.ok) throw new Error(`bodyFromJSON: ${back.diagnostics.map((d) => d.code).join(' ')}`);
      const again = build(json.fmt, back.body, r.message.headers);
      if (again.text !== m.text) throw new Error(`JSON → build changed the text:\n${again.text}`);
    });
  }
  // Invalid messages: the mutation's code is reported.
  for (const m of fc.sample(arbitraryInvalidMessage(options), { numRuns: BATCH, seed: seed * 1_000_033 + batch })) {
    if (n >= runs) break;
    if (invalidPool.length < 20_000) invalidPool.push(m.text);
    else invalidPool[int(invalidPool.length)] = m.text;
    run('invalid', m.text, () => {
      const r = parse(m.bytes);
      if (r.ok || !r.diagnostics.some((d) => d.code === m.mutation.code)) {
        throw new Error(`${m.mutation.description}: ${m.mutation.code} not reported (${r.diagnostics.map((d) => d.code).join(' ')})`);
      }
      typedChecks(m.text, 'lenient');
    });
  }
  // Random edits and byte damage of both: many per generated message (they are cheap).
  for (let i = 0; i < BATCH * 16 && n < runs; i++) {
    const r = int(10);
    if (r < 9) {
      const fromValid = r < 5;
      const pool = fromValid ? validPool : invalidPool;
      const text = edit(pool[int(pool.length)]!);
      run(fromValid ? 'edited valid' : 'edited invalid', text, () => typedChecks(text, int(2) === 0 ? 'strict' : 'lenient'));
    } else {
      const bytes = new Uint8Array(encodeText(validPool[int(validPool.length)]!));
      for (let k = 1 + int(3); k > 0; k--) bytes[int(bytes.length)] = int(256);
      run('damaged bytes', bytes, () => {
        const p = parse(bytes, { mode: 'lenient' });
        const clean = !p.diagnostics.some((d) => d.code === 'E001');
        if (clean && Buffer.compare(Buffer.from(encodeText(serializeEnvelope(p.envelope.envelope))), Buffer.from(bytes)) !== 0) {
          throw new Error('valid GB18030 bytes not reproduced');
        }
        if (p.message !== undefined) messageToJSON(p);
      });
    }
  }
}

const seconds = (performance.now() - start) / 1000;
console.log(`fuzz:messages: ${n} inputs in ${seconds.toFixed(0)} s (seed ${seed})`);
for (const [kind, count] of counts) console.log(`  ${kind}: ${count}`);
// The slowest input once more (best of 5): a one-off pause (garbage collection, a lazy
// compilation such as the grammar behind `explain`) is not the input's cost.
let again = Infinity;
for (let i = 0; i < 5 && slowest.check !== undefined; i++) {
  const t0 = performance.now();
  try {
    slowest.check();
  } catch {
    // reported above
  }
  again = Math.min(again, performance.now() - t0);
}
console.log(`  slowest input: ${slowest.ms.toFixed(2)} ms (${slowest.kind}, ${slowest.size} units; re-run: ${again.toFixed(2)} ms) ${JSON.stringify(slowest.sample)}`);
console.log(`failures: ${failureCount}`);
for (const f of failures) console.log(`  ${f}`);
process.exitCode = failureCount === 0 ? 0 : 1;
