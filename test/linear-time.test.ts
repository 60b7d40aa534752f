/**
 * Adversarial inputs up to 1 MB: parsing time must grow linearly with size. Not a speed target
 * (those live in bench/): a quadratic path would take 16× longer for 4× the input, a linear one
 * about 4× (more with garbage-collection pressure); the bound of 12× leaves room for that.
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
  'many fields': (n) => `${HEAD}{4:\r\n${':20:ABC\r\n'.repeat(n / 9)}-}{5:{CHK:0123456789AB}}`,
  '77E lines': (n) => `${HEAD}{4:\r\n:77E:\r\n${':ABC:x\r\n'.repeat(n / 8)}-}`,
  'braces inside fields': (n) => `${HEAD}{4:\r\n:20:${'{}'.repeat(n / 2)}\r\n-}`,
  'text between blocks': (n) => `{1:}${'x{2:}'.repeat(n / 5)}`,
  'messages back to back': (n) => `${HEAD}{4:\r\n:20:A\r\n-}{5:}`.repeat(n / 90),
  'header entries': (n) => `{3:${'{108:A}'.repeat(n / 7)}}`,
};

function timeOf(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('linear time on adversarial input', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(name, () => {
      const small = make(256 * 1024);
      const large = make(1024 * 1024);
      for (const mode of ['strict', 'lenient'] as const) {
        const run = (text: string) => () => {
          const r = parseEnvelope(text, { mode });
          expect(serializeEnvelope(r.envelope)).toBe(text);
        };
        run(small)(); // warm up
        const ts = timeOf(run(small));
        const tl = timeOf(run(large));
        expect(tl / Math.max(ts, 1), `${name} ${mode}: ${ts.toFixed(1)} ms → ${tl.toFixed(1)} ms`).toBeLessThan(12);
      }
      const all = parseAll(large);
      expect(all.map((m) => serializeEnvelope(m.envelope)).join('')).toBe(large);
    });
  }
});
