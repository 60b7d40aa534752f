/**
 * A/B: the working tree against a git revision, both loaded into one process and timed in
 * alternation, so that this machine's drift (up to 6× within an hour) falls on both alike.
 *
 *   npx tsx bench/ab.ts [--ref HEAD] [--families 103,202,203,198] [--count 2000] [--rounds 21] [--cold 100000]
 *
 * The revision is checked out into a temporary git worktree and imported from there (tsx
 * compiles it; its module graph is its own, so neither side shares code or type feedback with
 * the other). Three measurements, each as "B/A speed" (> 1: the working tree is faster):
 *   - envelope: `parseEnvelope` over the envelope bench's corpus, as strings and as GB18030 bytes;
 *   - typed, per family: `parse` (+ validate) over the message bench's corpus of the family,
 *     after 5 warm-up passes of each side; the median of per-round ratios, with the range;
 *   - cold: the valid fixtures cycled (all FMTs, as in the CLI bench), from a fresh start, in
 *     chunks of 1,000 messages alternating A and B: total time of each side over the first
 *     tenth, the rest of the first half, and the second half (`--cold 0` skips it).
 * Both sides run on the working tree's corpora, made in a child process (`corporaFromChild`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import type * as Lib from '../src/index.js';
import { corporaFromChild } from './family-corpus.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const ref = arg('--ref') ?? 'HEAD';
const families = (arg('--families') ?? '103,202,203,198').split(',').filter((f) => f !== '');
const count = Number(arg('--count') ?? 2_000);
const rounds = Number(arg('--rounds') ?? 21);
const cold = Number(arg('--cold') ?? 100_000);

type Lib = Pick<typeof Lib, 'parse' | 'parseEnvelope'>;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const corpora = corporaFromChild({ families, count, envelope: 10_000, fixtures: cold > 0 });
const dir = mkdtempSync(join(tmpdir(), 'cfxps-ab-'));
execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: ROOT, stdio: 'ignore' });
let sink = 0;
try {
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const A = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as Lib;
  const B = (await import(pathToFileURL(join(ROOT, 'src', 'index.ts')).href)) as Lib;
  const rev = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  console.log(`A = ${ref} (${rev}), B = the working tree; B/A speed > 1: B is faster\n`);

  const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  /** Median and range of B/A speed over paired passes (order alternating per round). */
  const paired = (runA: () => void, runB: () => void): string => {
    for (let w = 0; w < 5; w++) {
      runA();
      runB();
    }
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t: [number, number] = [0, 0];
      for (const side of r % 2 === 0 ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        (side === 0 ? runA : runB)();
        t[side] = performance.now() - t0;
      }
      ratios.push(t[0] / t[1]);
    }
    return `${median(ratios).toFixed(3)} (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
  };
  const over = (lib: Lib, texts: readonly (string | Uint8Array)[], typed: boolean) => (): void => {
    for (const t of texts) if ((typed ? lib.parse(t) : lib.parseEnvelope(t)).ok) sink++;
  };

  // Cold first: both sides start fresh (nothing compiled by V8 yet).
  if (cold > 0) {
    const fixtures = corpora.fixtures;
    const chunk = 1_000;
    const times: [number[], number[]] = [[], []];
    for (let c = 0; c < cold / chunk; c++) {
      for (const side of c % 2 === 0 ? [0, 1] : [1, 0]) {
        const lib = side === 0 ? A : B;
        const t0 = performance.now();
        for (let i = c * chunk; i < (c + 1) * chunk; i++) if (lib.parse(fixtures[i % fixtures.length]!).ok) sink++;
        times[side]!.push(performance.now() - t0);
      }
    }
    const k = times[0].length;
    const sum = (xs: readonly number[], from: number, to: number): number => xs.slice(from, to).reduce((s, x) => s + x, 0);
    console.log(`cold: ${fixtures.length} valid fixtures cycled, ${cold.toLocaleString('en-US')} messages, chunks of ${chunk} alternating`);
    for (const [from, to] of [
      [0, Math.ceil(k / 10)],
      [Math.ceil(k / 10), Math.ceil(k / 2)],
      [Math.ceil(k / 2), k],
    ] as const) {
      const a = sum(times[0], from, to);
      const b = sum(times[1], from, to);
      console.log(`  messages ${from * chunk}–${to * chunk}: A ${a.toFixed(0)} ms, B ${b.toFixed(0)} ms, B/A speed ${(a / b).toFixed(3)}`);
    }
    console.log();
  }

  const envelope = corpora.envelope;
  console.log(`envelope (parseEnvelope, ${envelope.length} messages): B/A speed ${paired(over(A, envelope, false), over(B, envelope, false))}`);
  const envelopeBytes = envelope.map((t) => new Uint8Array(iconv.encode(t, 'gb18030')));
  console.log(`envelope from bytes (parseEnvelope, decode included): B/A speed ${paired(over(A, envelopeBytes, false), over(B, envelopeBytes, false))}`);
  for (const mt of families) {
    const texts = corpora.families[mt]!;
    console.log(`MT${mt} typed (parse + validate, ${texts.length} messages): B/A speed ${paired(over(A, texts, true), over(B, texts, true))}`);
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' });
}
if (sink < 0) console.log(sink);
