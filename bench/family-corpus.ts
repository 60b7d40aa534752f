/**
 * The typed benches' corpus of one MT family: valid messages of every FMT of the family, made by
 * the message generators of src/testing (random content, fixed seed), plus the shipped fixtures
 * of the family. Texts are flat strings, as a decoder returns them (built texts are
 * concatenations, which V8 reads more slowly).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { encodeText } from '../src/bytes/encode.js';
import { build, defaultCodec } from '../src/message/index.js';
import { messageArbitrary } from '../src/testing/message-arbitrary.js';

const decoder = new TextDecoder('gb18030');

/** The valid fixtures (fixtures/valid/*.fin) as text. */
export function validFixtures(): string[] {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'valid');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.fin'))
    .sort()
    .map((f) => decoder.decode(readFileSync(join(dir, f))));
}

/** At least `count` messages of MT `mt` (`'103'`…): the family's fixtures, then generated ones. */
export function familyCorpus(mt: string, count: number): string[] {
  const fmts = defaultCodec().tables.fmts.filter((f) => f.mt === mt);
  const out: string[] = validFixtures().filter((t) => t.includes(`{2:I${mt}`) || t.includes(`{2:O${mt}`));
  const each = Math.ceil((count - out.length) / fmts.length);
  fmts.forEach((f, k) => {
    for (const g of fc.sample(messageArbitrary(f.fmt), { numRuns: each, seed: 20261123 + k })) {
      out.push(build(g.fmt, g.body, g.headers).text);
    }
  });
  return out.slice(0, Math.max(count, out.length)).map((t) => decoder.decode(encodeText(t)));
}
