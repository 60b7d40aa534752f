/**
 * The code in README.md and docs/ is held to the library: every ```ts block type-checks against
 * the sources (strict, the project's compiler options), and the README's API tour also runs, with
 * what its comments promise checked. docs/testing.md's example is a test file of its own
 * (test/testing-doc-example.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Big } from 'big.js';
import { typeCheck } from './typecheck.js';
import { renderBodyTypes } from '../src/message/types-source.js';
import { defaultCodec } from '../src/message/codec.js';

const ROOT = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'cfxps-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ```ts blocks of a file, in order. */
function tsBlocks(file: string): string[] {
  const doc = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (let open = doc.indexOf('\n```ts\n'); open !== -1; open = doc.indexOf('\n```ts\n', open + 1)) {
    const from = open + '\n```ts\n'.length;
    const close = doc.indexOf('\n```\n', from - 1);
    expect(close, `${file}: a \`\`\`ts block is not closed`).toBeGreaterThan(-1);
    out.push(doc.slice(from, close + 1));
  }
  return out;
}

/**
 * What each block uses without defining it (an example's placeholders: your bytes, your signer),
 * declared after the block. Every block has an entry, so a new block gets looked at.
 */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  'README.md': [''],
  'docs/messages.md': [
    '',
    '',
    `import type { Fmt100Body as Body } from 'cfxps';
declare function mySign(payload: Uint8Array): string;
declare var body: Body, dsn: string;`,
    `import type { AnyMessage, EnvelopeResult, FmtDef } from 'cfxps';
declare var myCorrectedFmt033: FmtDef, myNewFmt090: FmtDef, bytes: Uint8Array, message: AnyMessage;
declare var body: Record<string, unknown>, envelopeResult: EnvelopeResult;`,
    `import type { AnyMessage } from 'cfxps';
declare var message: AnyMessage, messages: AnyMessage[];`,
    'declare var bytes: Uint8Array;',
    `import type { HeadersInit } from 'cfxps';
declare var bytes: Uint8Array, text: string, headers: HeadersInit;`,
  ],
  'docs/cli.md': [
    `import type { CodecOptions } from 'cfxps';
declare var bankTables: CodecOptions, bytes: Uint8Array;`,
  ],
  'docs/encoding.md': [
    `declare var bytes: Uint8Array, socket: AsyncIterable<Uint8Array>;
declare function handle(bytes: Uint8Array, offset: number): void;`,
    // The block restates an exported type: it must say what the type says.
    `import type { StreamedMessage as Exported } from 'cfxps';
declare var fromDoc: StreamedMessage, exported: Exported;
export const both: [Exported, StreamedMessage] = [fromDoc, exported];`,
  ],
};

describe('code in the docs', () => {
  it('every ```ts block type-checks (strict), its placeholders declared', () => {
    const files: string[] = [];
    for (const [doc, placeholders] of Object.entries(PLACEHOLDERS)) {
      const blocks = tsBlocks(doc);
      expect(blocks.length, `${doc}: blocks against PLACEHOLDERS entries`).toBe(placeholders.length);
      blocks.forEach((block, i) => {
        const file = join(dir, `${doc.replace(/[/.]/g, '-')}-${i + 1}.ts`);
        // `export {}` makes every block a module of its own (a block without imports is a script).
        writeFileSync(file, `${block}\n${placeholders[i]}\nexport {};\n`);
        files.push(file);
      });
    }
    // What `cfxps types -o cfxps-types.ts` writes, for the example of docs/cli.md that imports it.
    writeFileSync(join(dir, 'cfxps-types.ts'), renderBodyTypes(defaultCodec(), { header: [], typedMessageFrom: 'cfxps', tablesName: 'the shipped tables' }));
    const problems = typeCheck(files, dir);
    expect(problems).toEqual([]);
  });

  it("the README's API tour runs as written, and does what its comments say", async () => {
    const [code] = tsBlocks('README.md');
    expect(code).toContain("from 'cfxps'");
    const runnable =
      code!
        .replace("from 'cfxps'", `from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/index.ts')).href)}`)
        .replaceAll("readFileSync('fixtures/", `readFileSync(${JSON.stringify(ROOT + '/')} + 'fixtures/`) +
      // What the tour made, for the checks below.
      'export const tour = { r, built, env, payload, sameText: serializeMessage(r.message!) === r.envelope.text };\n';
    const file = join(dir, 'tour.ts');
    writeFileSync(file, runnable);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tour's values, checked below
    const { tour } = (await import(pathToFileURL(file).href)) as { tour: Record<string, any> };
    log.mockRestore();
    const { r, built, env, payload, sameText } = tour;

    expect(r.ok).toBe(true);
    expect(r.message.fmt).toBe('FMT100');
    expect(r.message.body.valueDateCurrencyAmount.amount).toBeInstanceOf(Big);
    expect(Array.isArray(r.message.body.orderingCustomer.nameAndAddress)).toBe(true);
    expect(r.message.body.orderingCustomerNameZh).toMatch(/[\u4e00-\u9fff]/);
    expect(code).toContain('serializeMessage(r.message!) === r.envelope.text; // byte-exact');
    expect(sameText).toBe(true);

    expect(built.diagnostics).toEqual([]);
    expect(built.text).toMatch(/^\{1:F01ICBKCNBJAXXX/);
    expect(built.text).toContain('{3:{119:FMT063}}');

    expect(code).toContain("env.basicHeader?.ltAddress;                        // 'ICBKCNBJAXXX'");
    expect(env.basicHeader.ltAddress).toBe('ICBKCNBJAXXX');
    expect(env.textBlock.fields[0]).toMatchObject({ tag: '20', line: expect.any(Number), column: 1 });
    expect(payload).toBeInstanceOf(Uint8Array);
    const bytes = readFileSync(join(ROOT, 'fixtures/valid/fmt100-mt103-domestic-credit.fin'));
    // Blocks 1 2 3 4 6 are the message's bytes up to the end of block 6 (blocks 7 and 5 follow).
    expect(Buffer.from(payload).equals(bytes.subarray(0, payload.length))).toBe(true);
    expect(bytes.subarray(payload.length).toString('latin1')).toMatch(/^\{7:/);
  });
});
