/**
 * The typed benches' corpus of one MT family: valid messages of every FMT of the family, made by
 * the message generators of src/testing (random content, fixed seed), plus the shipped fixtures
 * of the family. Texts are flat strings, as a decoder returns them (built texts are
 * concatenations, which V8 reads more slowly).
 *
 * A bench that times the parser takes its corpora from `corporaFromChild`: they are made in a
 * child process, because making them runs the builder (which parses every message it builds, on
 * concatenated strings) and the generators, and in the timing process that trains V8's feedback
 * for the parser on other inputs than the ones timed. In bench/ab.ts an identical working tree
 * read up to 6% slower than its ref on typed parses when it had made the corpora itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** What `corporaFromChild` returns. */
export interface Corpora {
  /** The valid fixtures (when asked for). */
  readonly fixtures: string[];
  /** The envelope bench's corpus (`envelopeCorpus`, flat texts), when asked for. */
  readonly envelope: string[];
  /** Per MT family asked for, `familyCorpus(mt, count)`. */
  readonly families: Record<string, string[]>;
}

export interface CorporaRequest {
  readonly families: readonly string[];
  /** Messages per family. */
  readonly count: number;
  /** Size of the envelope corpus (0: none). */
  readonly envelope?: number;
  readonly fixtures?: boolean;
}

/** The corpora, made by this module run as a script in a child process (see above). */
export function corporaFromChild(request: CorporaRequest): Corpora {
  const dir = mkdtempSync(join(tmpdir(), 'cfxps-corpora-'));
  const file = join(dir, 'corpora.json');
  try {
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), file, JSON.stringify(request)], { stdio: 'inherit' });
    // JSON.parse gives flat strings, as a decoder does.
    return JSON.parse(readFileSync(file, 'utf8')) as Corpora;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function writeCorpora(file: string, request: CorporaRequest): Promise<void> {
  const { envelopeCorpus } = await import('./corpus.js');
  const corpora: Corpora = {
    fixtures: request.fixtures === true ? validFixtures() : [],
    envelope: envelopeCorpus(request.envelope ?? 0).texts,
    families: Object.fromEntries(request.families.map((mt) => [mt, familyCorpus(mt, request.count)])),
  };
  writeFileSync(file, JSON.stringify(corpora));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeCorpora(process.argv[2]!, JSON.parse(process.argv[3]!) as CorporaRequest);
}
