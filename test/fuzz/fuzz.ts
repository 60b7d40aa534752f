/**
 * Long fuzz run (not part of `npm test`): many generated, mutated and random inputs through the
 * codec, checking that nothing throws, nothing hangs, no byte is lost, and the fast path agrees
 * with the normative grammar.
 *
 *   npm run fuzz -- [--runs 1000000] [--seed 1] [--reference-every 50]
 *
 * Prints counts per input kind, failures (with a reproducible seed/path), and the slowest input.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { parseEnvelope } from '../../src/envelope/parse.js';
import { parseAll } from '../../src/envelope/parse-all.js';
import { serializeEnvelope } from '../../src/envelope/serialize.js';
import { parseReference } from '../../src/reference/parse-reference.js';
import { encodeText } from '../../src/bytes/encode.js';
import { arbitraryEnvelopeText, arbitraryMutatedEnvelopeText } from '../../src/testing/envelope.js';
import { numberArg } from './args.js';

const runs = numberArg('--runs', 1_000_000);
const seed = numberArg('--seed', 1);
const referenceEvery = numberArg('--reference-every', 50);

type Kind = 'valid' | 'mutated' | 'random text' | 'random bytes' | 'mutated bytes';
const counts = new Map<Kind, number>();
/** The first inputs pay for JIT compilation and the grammar build: not counted as slow. */
const WARM_UP = 1000;
let slowest = { ms: 0, kind: '', size: 0 };
let referenceChecks = 0;
let n = 0;
const failures: string[] = [];

function timed(kind: Kind, size: number, f: () => void): void {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const t0 = performance.now();
  f();
  const ms = performance.now() - t0;
  if (ms > slowest.ms && n > WARM_UP) slowest = { ms, kind, size };
}

function checkText(kind: Kind, text: string, n: number): void {
  timed(kind, text.length, () => {
    for (const mode of ['strict', 'lenient'] as const) {
      const r = parseEnvelope(text, { mode, explain: false });
      if (serializeEnvelope(r.envelope) !== text) throw new Error(`${kind} ${mode}: round trip lost bytes`);
      if (r.ok && mode === 'strict' && r.diagnostics.some((d) => d.severity === 'error')) throw new Error('ok with errors');
    }
    const all = parseAll(text);
    if (all.map((m) => serializeEnvelope(m.envelope)).join('') !== text) throw new Error(`${kind}: parseAll lost bytes`);
  });
  if (n % referenceEvery === 0) {
    referenceChecks++;
    const fast = parseEnvelope(text, { explain: false });
    const ref = parseReference(text);
    if (fast.ok !== ref.ok) throw new Error(`${kind}: fast path ${fast.ok} vs grammar ${ref.ok}`);
  }
}

function checkBytes(kind: Kind, bytes: Uint8Array): void {
  timed(kind, bytes.length, () => {
    const r = parseEnvelope(bytes, { mode: 'lenient', explain: false });
    const clean = !r.diagnostics.some((d) => d.code === 'E001');
    if (clean && Buffer.compare(Buffer.from(encodeText(serializeEnvelope(r.envelope))), Buffer.from(bytes)) !== 0) {
      throw new Error(`${kind}: valid GB18030 bytes not reproduced`);
    }
    parseAll(bytes);
  });
}

const structural = fc.constantFrom('{', '}', ':', '-', '\r', '\n', '1', '4', '7', 'A', ' ', '张', '\uFFFD');
const inputs = fc.oneof(
  { weight: 2, arbitrary: arbitraryEnvelopeText.map((t) => ['valid', t] as const) },
  { weight: 5, arbitrary: arbitraryMutatedEnvelopeText.map((t) => ['mutated', t] as const) },
  { weight: 1, arbitrary: fc.string({ unit: structural, maxLength: 300 }).map((t) => ['random text', t] as const) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => ['random bytes', b] as const) },
  {
    weight: 1,
    arbitrary: arbitraryMutatedEnvelopeText.chain((t) =>
      fc.tuple(fc.constant(encodeText(t.replace(/[\uD800-\uDFFF]/g, ''))), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([b, i, v]) => {
        const copy = new Uint8Array(b);
        if (copy.length > 0) copy[i % copy.length] = v;
        return ['mutated bytes', copy] as const;
      }),
    ),
  },
);

const t0 = performance.now();
const result = fc.check(
  fc.property(inputs, ([kind, input]) => {
    n++;
    if (typeof input === 'string') checkText(kind, input, n);
    else checkBytes(kind, input);
    if (n % 100_000 === 0) console.error(`${n} inputs, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }),
  { numRuns: runs, seed, endOnFailure: true },
);
if (result.failed) failures.push(`${String(result.errorInstance)} (seed ${result.seed}, path ${result.counterexamplePath ?? ''})`);

const seconds = (performance.now() - t0) / 1000;
console.log(`fuzz: ${result.numRuns} inputs in ${seconds.toFixed(0)} s (seed ${seed})`);
for (const [kind, count] of counts) console.log(`  ${kind}: ${count}`);
console.log(`  reference (Ohm) agreement checks: ${referenceChecks}`);
console.log(`  slowest input: ${slowest.ms.toFixed(2)} ms (${slowest.kind}, ${slowest.size} units)`);
console.log(`failures: ${failures.length}`);
for (const f of failures) console.log(`  ${f}`);
process.exitCode = failures.length === 0 ? 0 : 1;
