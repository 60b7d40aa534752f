/**
 * Adversarial inputs up to 1 MB: parsing time must grow linearly with size. Not a speed target
 * (those live in bench/): for 8× the input a quadratic path takes 64× longer, a linear one about
 * 8× (more under garbage-collection pressure or a loaded machine); the bound of 24× separates
 * the two with room for that noise.
 */
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { parseEnvelope } from '../src/envelope/parse.js';
import { parseAll } from '../src/envelope/parse-all.js';
import { serializeEnvelope } from '../src/envelope/serialize.js';

const HEAD = '{1:F01BKCHCNBJAXXX0001000123}{2:I103ICBKCNBJXXXXN}{3:{119:FMT100}}';

/** Inputs of about `n` characters built to hit each search of the scanner. */
const SHAPES: Record<string, (n: number) => string> = {
  'open braces': (n) => '{'.repeat(n),
  'close braces': (n) => '}'.repeat(n),
  'unknown blocks, nested': (n) => '{X:'.repeat(n / 3),
  'tiny blocks': (n) => '{3:}'.repeat(n / 4),
  'bad tag lists': (n) => '{3:{a}'.repeat(n / 6),
  'bare LF lines in block 4': (n) => `${HEAD}{4:${'\n:20:A'.repeat(n / 6)}`,
  'bare CR in block 4': (n) => `${HEAD}{4:\r\n:20:${'A\r'.repeat(n / 2)}\r\n-}`,
  'colon lines without tags': (n) => `${HEAD}{4:\r\n${':\r\n'.repeat(n / 3)}-}`,
  'one long line, no end': (n) => `${HEAD}{4:\r\n:20:${'A'.repeat(n)}`,
  // 16-character values: ~48,000 fields per MB (shorter ones measure V8's old-space promotion
  // of a huge live object graph rather than the scanner).
  'many fields': (n) => `${HEAD}{4:\r\n${':20:ABCDEFGHIJKLMNOP\r\n'.repeat(n / 22)}-}{5:{CHK:0123456789AB}}`,
  '77E lines': (n) => `${HEAD}{4:\r\n:77E:\r\n${':ABC:x\r\n'.repeat(n / 8)}-}`,
  'braces inside fields': (n) => `${HEAD}{4:\r\n:20:${'{}'.repeat(n / 2)}\r\n-}`,
  'text between blocks': (n) => `{1:}${'x{2:}'.repeat(n / 5)}`,
  'messages back to back': (n) => `${HEAD}{4:\r\n:20:A\r\n-}{5:}`.repeat(n / 90),
  'header entries': (n) => `{3:${'{108:A}'.repeat(n / 7)}}`,
};

function timeOf(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('linear time on adversarial input', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(name, () => {
      const small = make(128 * 1024);
      const large = make(1024 * 1024);
      for (const mode of ['strict', 'lenient'] as const) {
        const run = (text: string) => () => {
          const r = parseEnvelope(text, { mode });
          expect(serializeEnvelope(r.envelope)).toBe(text);
        };
        run(small)(); // warm up
        let ts = timeOf(run(small));
        let tl = timeOf(run(large));
        if (tl / Math.max(ts, 1) >= 24) {
          // One more measurement before calling it superlinear: a loaded machine can stall a run.
          ts = Math.min(ts, timeOf(run(small)));
          tl = Math.min(tl, timeOf(run(large)));
        }
        expect(tl / Math.max(ts, 1), `${name} ${mode}: ${ts.toFixed(1)} ms → ${tl.toFixed(1)} ms`).toBeLessThan(24);
      }
      const all = parseAll(large);
      expect(all.map((m) => serializeEnvelope(m.envelope)).join('')).toBe(large);
    });
  }
});
