/** Shared timing helpers for the benchmarks: round-robin timed passes, medians, Markdown tables. */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly name: string;
  readonly messages: number;
  readonly bytes: number;
  readonly medianMs: number;
  readonly msgsPerSec: number;
  readonly mbPerSec: number;
}

export interface Ratio {
  readonly name: string;
  readonly value: number;
  readonly target?: number;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Prints the measurements and ratios as Markdown tables (pasteable into the README). */
export function report(results: readonly Measurement[], ratios: readonly Ratio[] = []): void {
  console.log('\n| method | MB/s | messages/s | median ms / pass |');
  console.log('|---|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.name} | ${fmt(r.mbPerSec, 1)} | ${fmt(r.msgsPerSec)} | ${fmt(r.medianMs, 2)} |`);
  }
  if (ratios.length === 0) return;
  console.log('\n| ratio | measured | target | |');
  console.log('|---|---:|---:|---|');
  for (const q of ratios) {
    const ok = q.target === undefined ? '' : q.value >= q.target ? 'met' : 'NOT met';
    console.log(`| ${q.name} | ${fmt(q.value, 2)}× | ${q.target === undefined ? '' : `${fmt(q.target, 2)}×`} | ${ok} |`);
  }
}

/** A method for `interleaved`: one pass over `messages` messages (`bytes` bytes). */
export interface TimedMethod {
  readonly name: string;
  readonly messages: number;
  readonly bytes: number;
  readonly run: () => void;
  /** Timed in the first `slowRounds` rounds only. */
  readonly slow?: true;
}

/**
 * Times `rounds` passes of every method, round-robin (round 1: each method once, then round 2…),
 * so that a slow spell of a shared machine falls on all methods alike; reports each method's
 * median pass. `slow` methods are timed after the round-robin, `slowRounds` passes each: their
 * long passes would stretch the rounds, and running them changes the JIT state of code they
 * share with the others. Methods must be warmed up by the caller.
 */
export function interleaved(methods: readonly TimedMethod[], rounds: number, slowRounds: number): Measurement[] {
  const times = methods.map((): number[] => []);
  const time = (i: number): void => {
    const t0 = performance.now();
    methods[i]!.run();
    times[i]!.push(performance.now() - t0);
  };
  for (let r = 0; r < rounds; r++) methods.forEach((m, i) => m.slow !== true && time(i));
  methods.forEach((m, i) => {
    if (m.slow === true) for (let r = 0; r < slowRounds; r++) time(i);
  });
  return methods.map((m, i) => {
    const sorted = times[i]!.sort((a, b) => a - b);
    const medianMs = sorted[Math.floor(sorted.length / 2)]!;
    return {
      name: m.name,
      messages: m.messages,
      bytes: m.bytes,
      medianMs,
      msgsPerSec: (m.messages / medianMs) * 1000,
      mbPerSec: m.bytes / 1e6 / (medianMs / 1000),
    };
  });
}
