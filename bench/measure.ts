/** Shared timing helpers for the benchmarks: round-robin timed passes, medians, Markdown tables. */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly name: string;
  readonly messages: number;
  readonly bytes: number;
  readonly medianMs: number;
  readonly msgsPerSec: number;
  readonly mbPerSec: number;
  /** Each timed pass (ms), in the order the passes ran (round 1 first). */
  readonly passes: readonly number[];
  /** Slow methods with `pairWith`: that method's passes, each run just before one of these. */
  readonly paired?: { readonly name: string; readonly passes: readonly number[] };
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
  /**
   * For a slow method: the name of another method that runs (timed) just before each of its
   * passes, so that `pairedRatio` compares passes made back to back.
   */
  readonly pairWith?: string;
}

/**
 * Times `rounds` passes of every method, round-robin (round 1: each method once, then round 2…),
 * so that a slow spell of a shared machine falls on all methods alike; reports each method's
 * median pass. `slow` methods are timed after the round-robin, `slowRounds` passes each: their
 * long passes would stretch the rounds, and running them changes the JIT state of code they
 * share with the others; each of their passes can follow a pass of a partner (`pairWith`).
 * Methods must be warmed up by the caller.
 */
export function interleaved(methods: readonly TimedMethod[], rounds: number, slowRounds: number): Measurement[] {
  const times = methods.map((): number[] => []);
  const pairedTimes = methods.map((): number[] => []);
  const pass = (i: number): number => {
    const t0 = performance.now();
    methods[i]!.run();
    return performance.now() - t0;
  };
  for (let r = 0; r < rounds; r++) methods.forEach((m, i) => m.slow !== true && times[i]!.push(pass(i)));
  methods.forEach((m, i) => {
    if (m.slow !== true) return;
    const partner = m.pairWith === undefined ? -1 : methods.findIndex((x) => x.name === m.pairWith);
    for (let r = 0; r < slowRounds; r++) {
      if (partner >= 0) pairedTimes[i]!.push(pass(partner));
      times[i]!.push(pass(i));
    }
  });
  return methods.map((m, i) => {
    const medianMs = median(times[i]!);
    const measurement: Measurement = {
      name: m.name,
      messages: m.messages,
      bytes: m.bytes,
      medianMs,
      msgsPerSec: (m.messages / medianMs) * 1000,
      mbPerSec: m.bytes / 1e6 / (medianMs / 1000),
      passes: times[i]!,
    };
    return pairedTimes[i]!.length > 0 && m.pairWith !== undefined
      ? { ...measurement, paired: { name: m.pairWith, passes: pairedTimes[i]! } }
      : measurement;
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Throughput of `a` over throughput of `b` (`per: 'messages'` or `'bytes'`), as the median over
 * the rounds of the ratio within each round. Both must come from the same `interleaved` run
 * (round-robin methods): the two passes of a round ran back to back, so a slow spell of a
 * shared machine, which lasts longer than a round, cancels out of each round's ratio; the ratio
 * of the two medians would instead mix passes from different spells.
 */
export function pairedRatio(a: Measurement, b: Measurement, per: 'messages' | 'bytes' = 'messages'): number {
  // A slow method paired with `a` carries the passes of `a` that ran next to its own.
  const aPasses = b.paired?.name === a.name ? b.paired.passes : a.passes;
  const rounds = Math.min(aPasses.length, b.passes.length);
  const scale = per === 'messages' ? a.messages / b.messages : a.bytes / b.bytes;
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) perRound.push((scale * b.passes[r]!) / aPasses[r]!);
  return median(perRound);
}
