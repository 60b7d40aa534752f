/**
 * `cfxps/testing` as a user gets it: the BUILT package (dist/, `npm test` runs tsup first),
 * installed into a temporary project, imported from an ESM and a CommonJS script next to `cfxps`,
 * one property run in each. And the main entry never loads fast-check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
let project = '';

beforeAll(() => {
  if (!existsSync(join(DIST, 'testing.js')) || !existsSync(join(DIST, 'testing.cjs'))) {
    execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
  }
  // A snapshot of the package (a concurrent rebuild of dist/ cannot disturb the run).
  project = mkdtempSync(join(tmpdir(), 'cfxps-kit-'));
  const pkg = join(project, 'node_modules', 'cfxps');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  cpSync(DIST, join(pkg, 'dist'), { recursive: true });
  // The package's dependencies (big.js, iconv-lite, ohm-js) and the user's fast-check.
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', 'fast-check'), join(project, 'node_modules', 'fast-check'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-bank-gateway', private: true }));
  return () => rmSync(project, { recursive: true, force: true });
}, 120_000);

function run(file: string, source: string): { status: number | null; out: string } {
  writeFileSync(join(project, file), source);
  const r = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('cfxps/testing from the built package', () => {
  it('ESM: import cfxps and cfxps/testing, run mutationsCaughtProperty and roundTripProperty', () => {
    const r = run(
      'check.mjs',
      `import fc from 'fast-check';
import { parse, serializeMessage } from 'cfxps';
import { arbitraryMessage, mutationsCaughtProperty, roundTripProperty, MUTATION_KINDS } from 'cfxps/testing';
const validate = (bytes) => { const r = parse(bytes); return { ok: r.ok, codes: r.diagnostics.map((d) => d.code) }; };
fc.assert(mutationsCaughtProperty(validate), { numRuns: 200, seed: 1 });
fc.assert(roundTripProperty((b) => parse(b).message, (m) => serializeMessage(m)), { numRuns: 100, seed: 1 });
const [m] = fc.sample(arbitraryMessage('FMT100', { participants: ['ICBKCNBJXXX'] }), { numRuns: 1, seed: 1 });
if (!parse(m.bytes).ok) throw new Error('not ok');
console.log('esm ok', MUTATION_KINDS.length);
`,
    );
    expect(r.out).toContain('esm ok 20');
    expect(r.status, r.out).toBe(0);
  });

  it('CommonJS: require cfxps and cfxps/testing, run buildParseProperty', () => {
    const r = run(
      'check.cjs',
      `const fc = require('fast-check');
const { parse, build } = require('cfxps');
const { buildParseProperty, arbitraryInvalidMessage } = require('cfxps/testing');
fc.assert(buildParseProperty((fmt, body, headers) => build(fmt, body, headers).text, (bytes) => {
  const r = parse(bytes);
  return { ok: r.ok, fmt: r.message && r.message.fmt, body: r.message && r.message.body };
}), { numRuns: 100, seed: 2 });
const [bad] = fc.sample(arbitraryInvalidMessage({ kinds: ['badDate'] }), { numRuns: 1, seed: 2 });
if (!parse(bad.bytes).diagnostics.some((d) => d.code === 'V006')) throw new Error('V006 missing');
console.log('cjs ok');
`,
    );
    expect(r.out).toContain('cjs ok');
    expect(r.status, r.out).toBe(0);
  });

  it('the bytes stage (docs/encoding.md) comes from the built package, ESM and CommonJS', () => {
    const body = `const bytes = encodeText('{1:F01ICBKCNBJAXXX0000000000}\\u5012\\u{20000}');
const text = decodeMessage(bytes).text;
const spans = splitBytes(new Uint8Array([...bytes, ...bytes]));
const streamed = [];
for await (const m of splitStream([bytes.subarray(0, 5), bytes.subarray(5)])) streamed.push(m.bytes.length);
console.log(text.length, gb18030ByteLength(text), spans.length, streamed.join(','), isEncodable('\\uD800'),
  findUnencodable('a\\uDC00').join(), unencodableDiagnostics('\\uD800')[0].code,
  invalidByteDiagnostics(decodeMessage(new Uint8Array([0x80]))).map((d) => d.code).join(),
  splitText('x{1:').length, DEFAULT_MAX_MESSAGE_BYTES);`;
    const names = `decodeMessage, encodeText, splitBytes, splitStream, gb18030ByteLength, isEncodable, findUnencodable,
  unencodableDiagnostics, invalidByteDiagnostics, splitText, DEFAULT_MAX_MESSAGE_BYTES`;
    const expected = `32 35 2 35 false 1 E002 E001 2 ${16 * 1024 * 1024}`;
    const esm = run('bytes.mjs', `import { ${names} } from 'cfxps';\n${body}\n`);
    expect(esm.out, esm.out).toContain(expected);
    const cjs = run('bytes.cjs', `const { ${names} } = require('cfxps');\n(async () => {\n${body}\n})();\n`);
    expect(cjs.out, cjs.out).toContain(expected);
  });

  it('both builds export the typed stream, references, announcements and envelope tables', () => {
    const names = ['parseMessageStream', 'correlate', 'referencesOf', 'announcedChanges', 'withAnnouncements', 'createEnvelopeTables', 'checkEnvelopeTables'];
    const check = `console.log(${JSON.stringify(names)}.map((n) => typeof lib[n]).join(','));`;
    const expected = names.map(() => 'function').join(',');
    const esm = run('api.mjs', `import * as lib from 'cfxps';\n${check}\n`);
    expect(esm.out, esm.out).toContain(expected);
    const cjs = run('api.cjs', `const lib = require('cfxps');\n${check}\n`);
    expect(cjs.out, cjs.out).toContain(expected);
  });

  it('docs/testing.md: its complete example is test/testing-doc-example.test.ts, verbatim', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'testing.md'), 'utf8');
    const start = doc.indexOf('```ts\n') + 6;
    const example = doc.slice(start, doc.indexOf('```', start));
    const file = readFileSync(join(ROOT, 'test', 'testing-doc-example.test.ts'), 'utf8');
    expect(file.endsWith(example)).toBe(true);
  });

  it('the package declares ./testing and fast-check as a peer dependency', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./testing'].import.default).toBe('./dist/testing.js');
    expect(pkg.exports['./testing'].require.default).toBe('./dist/testing.cjs');
    expect(pkg.peerDependencies['fast-check']).toBeDefined();
    expect(pkg.devDependencies['fast-check']).toBeDefined();
    expect(pkg.dependencies['fast-check']).toBeUndefined();
  });

  it('the main entry never references fast-check (index.js, its chunks, index.cjs)', () => {
    const dist = join(project, 'node_modules', 'cfxps', 'dist');
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text.includes('fast-check'), file).toBe(false);
      for (const [, dep] of text.matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g)) visit(dep!);
    };
    visit('index.js');
    visit('index.cjs');
    expect(seen.size).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(dist, 'testing.js'), 'utf8')).toContain('fast-check');
    // And at run time: loading cfxps alone does not load fast-check.
    const r = run(
      'main-only.cjs',
      `require('cfxps');
const loaded = Object.keys(require.cache).filter((k) => k.includes('fast-check'));
console.log(loaded.length === 0 ? 'clean' : 'loaded ' + loaded.join(','));`,
    );
    expect(r.out).toContain('clean');
  });
});
