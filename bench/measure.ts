/** Shared timing helpers for the benchmarks: warm up, several rounds, report the median. */
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

/** Runs `fn` (one pass over `messages` messages, `bytes` bytes) once to warm up, then `rounds` times. */
export function measure(
  name: string,
  messages: number,
  bytes: number,
  fn: () => void,
  options: { rounds?: number } = {},
): Measurement {
  const rounds = options.rounds ?? 5;
  fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)]!;
  return {
    name,
    messages,
    bytes,
    medianMs,
    msgsPerSec: (messages / medianMs) * 1000,
    mbPerSec: bytes / 1e6 / (medianMs / 1000),
  };
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
