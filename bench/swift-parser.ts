/**
 * The peer the envelope benches compare with: the `swift-parser` npm package's block split
 * (`finParser`, a PEG grammar of `{id:…}` blocks; block 4 stays one string).
 */
import { createRequire } from 'node:module';

const finParser = createRequire(import.meta.url)('swift-parser/finParser.js') as { parse(s: string): unknown };

/**
 * Splits each text with swift-parser; returns how many it split minus how many it threw on (it
 * throws on an empty header value such as `{PDE:}`, at the message's last block).
 */
export function swiftParserSplit(texts: readonly string[]): number {
  let score = 0;
  for (const t of texts) {
    try {
      finParser.parse(t);
      score++;
    } catch {
      score--;
    }
  }
  return score;
}
