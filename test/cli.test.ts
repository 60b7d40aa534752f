/**
 * The `cfxps` command line, run as a subprocess from the built files (`node dist/cli.js …`).
 * `npm test` builds first (`tsc --noEmit && tsup && vitest run`); run alone, this file builds with
 * tsup when dist/cli.js is missing or older than a source file.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FMTS } from '../src/spec/fmts/index.js';
import { fieldItems } from '../src/spec/families.js';
import { typeCheck } from './typecheck.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const WORKER = join(ROOT, 'dist', 'cli-worker.js');
const FIX = join(ROOT, 'fixtures');

// --- helpers -------------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const stale =
    !existsSync(CLI) ||
    !existsSync(WORKER) ||
    Math.min(statSync(CLI).mtimeMs, statSync(WORKER).mtimeMs) < Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'tsup.config.ts')).mtimeMs);
  if (!stale) return;
  try {
    execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'pipe' });
  } catch (err) {
    if (!existsSync(CLI)) throw err;
    console.warn('tsup failed; testing the existing dist/cli.js');
  }
}

interface Run {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs the CLI to completion (sync), in the repository root. */
function cli(args: readonly string[], opts: { input?: Buffer | string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', CFXPS_LANG: '', ...opts.env },
    maxBuffer: 1024 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Runs `parse ARGS… | build BUILD_ARGS…` as two processes; resolves with build's output. */
function pipeline(
  parseArgs: readonly string[],
  buildArgs: readonly string[],
  input?: Buffer,
): Promise<{ parse: number | null; build: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, 'parse', '-q', ...parseArgs], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const b = spawn(process.execPath, [CLI, 'build', '-q', ...buildArgs], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    p.stdout.pipe(b.stdin);
    const out: Buffer[] = [];
    let err = '';
    b.stdout.on('data', (c: Buffer) => out.push(c));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    b.stderr.on('data', (c: Buffer) => (err += c.toString()));
    let pStatus: number | null = null;
    p.on('close', (code) => (pStatus = code));
    p.on('error', reject);
    b.on('error', reject);
    b.on('close', (code) => resolve({ parse: pStatus, build: code, stdout: Buffer.concat(out), stderr: err }));
    p.stdin.end(input ?? Buffer.alloc(0));
  });
}

/** Runs the CLI with its stdout hashed as it streams (never held in memory). */
function hashed(args: readonly string[]): Promise<{ status: number | null; sha: string; bytes: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const h = createHash('sha256');
    let bytes = 0;
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => {
      h.update(d);
      bytes += d.length;
    });
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.on('error', reject);
    c.on('close', (status) => resolve({ status, sha: h.digest('hex'), bytes, stderr }));
  });
}

/** `parse FILE | build` with build's output hashed. */
function roundTripHash(file: string, jobs: number): Promise<{ sha: string; bytes: number; status: [number | null, number | null] }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, 'parse', '-q', '--jobs', String(jobs), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const b = spawn(process.execPath, [CLI, 'build', '-q', '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    p.stdout.pipe(b.stdin);
    const h = createHash('sha256');
    let bytes = 0;
    b.stdout.on('data', (d: Buffer) => {
      h.update(d);
      bytes += d.length;
    });
    let ps: number | null = null;
    p.on('close', (c) => (ps = c));
    p.on('error', reject);
    b.on('error', reject);
    b.on('close', (c) => resolve({ sha: h.digest('hex'), bytes, status: [ps, c] }));
  });
}

/** Runs `tasks` with at most `n` at a time. */
async function limited<T>(n: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, tasks.length) }, async () => {
      while (next < tasks.length) {
        const k = next++;
        results[k] = await tasks[k]!();
      }
    }),
  );
  return results;
}

/** Files below `dir` with one of `exts`, in the CLI's order (name order, depth first, no dot names). */
function walkSorted(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of names) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walkSorted(p, exts));
    else if (exts.some((x) => e.name.toLowerCase().endsWith(x))) out.push(p);
  }
  return out;
}

const concat = (files: readonly string[]): Buffer => Buffer.concat(files.map((f) => readFileSync(f)));
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const lines = (b: Buffer): string[] => b.toString('utf8').split('\n').filter((l) => l !== '');
const json = (b: Buffer): unknown[] => lines(b).map((l) => JSON.parse(l) as unknown);

/** Exit-2 failures: one line on stderr, `cfxps: …`, and never a stack trace. */
function expectCleanFailure(r: Run, pattern?: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^cfxps: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+/m);
  if (pattern !== undefined) expect(r.stderr).toMatch(pattern);
}

function noStack(s: string): void {
  expect(s).not.toMatch(/^\s+at .+:\d+/m);
  expect(s).not.toMatch(/node:internal|TypeError|ReferenceError/);
}

const VALID = readdirSync(join(FIX, 'valid'))
  .filter((f) => f.endsWith('.fin'))
  .sort()
  .map((f) => join(FIX, 'valid', f));
const BATCHES = readdirSync(join(FIX, 'batches'))
  .filter((f) => f.endsWith('.fin'))
  .sort()
  .map((f) => join(FIX, 'batches', f));

let tmp = '';

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'cfxps-cli-'));
});

afterAll(() => {
  if (tmp !== '') {
    try {
      chmodSync(join(tmp, 'locked'), 0o755);
    } catch {
      // not created
    }
    rmSync(tmp, { recursive: true, force: true });
  }
});

// --- tests ---------------------------------------------------------------------------------------

describe('help and usage', () => {
  it('has help for every command, with examples', () => {
    const main = cli(['--help']);
    expect(main.status).toBe(0);
    const text = main.stdout.toString();
    for (const c of ['parse', 'build', 'validate', 'describe', 'list']) {
      expect(text).toContain(c);
      const r = cli([c, '--help']);
      expect(r.status).toBe(0);
      const h = r.stdout.toString();
      expect(h).toContain(`Usage: cfxps ${c}`);
      expect(h).toContain('Examples:');
      expect(cli(['help', c]).stdout.toString()).toBe(h);
    }
  });

  it('exits 2 with a one-line message on bad usage', () => {
    expectCleanFailure(cli(['frobnicate']), /unknown command 'frobnicate'/);
    expectCleanFailure(cli(['validate', '--bogus', 'x.fin']), /unknown option '--bogus'.*cfxps validate --help/);
    expectCleanFailure(cli(['validate', '--mode', 'loose', 'x.fin']), /--mode must be strict or lenient/);
    expectCleanFailure(cli(['parse', '--jobs', 'many', 'x.fin']), /--jobs/);
    expectCleanFailure(cli(['validate', '--format', 'xml', 'x.fin']), /--format/);
    expectCleanFailure(cli(['describe']), /name a format/);
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Usage: cfxps');
  });
});

describe('parse → build round trip', () => {
  it('is byte-exact on every valid and batch fixture (GB18030)', async () => {
    const files = [...VALID, ...BATCHES];
    expect(files.length).toBe(75);
    // All 75 files through one parse and one build; each record says which file and which bytes
    // it came from, so the output is cut back into files and each compared with its fixture.
    const parsed = cli(['parse', '-q', ...files]);
    expect(parsed.status).toBe(0);
    const records = json(parsed.stdout) as { source: { file: string; byteOffset: number; byteLength: number } }[];
    const built = cli(['build', '-q', '-'], { input: parsed.stdout });
    expect(built.status).toBe(0);
    let at = 0;
    for (const f of files) {
      const mine = records.filter((r) => r.source.file === f);
      expect(mine.length, f).toBeGreaterThan(0);
      let size = 0;
      for (const r of mine) {
        expect(r.source.byteOffset, f).toBe(size); // contiguous spans that cover the file
        size += r.source.byteLength;
      }
      expect(built.stdout.subarray(at, at + size).equals(readFileSync(f)), f).toBe(true);
      at += size;
    }
    expect(at).toBe(built.stdout.length);
    // And file by file, as separate processes, for the files with trail-byte braces and a
    // four-byte character.
    const tricky = ['fmt102-mt103-inward-remittance', 'fmt104-mt103-forwarding-info', 'fmt195-mt195-query', 'fmt199-mt199-free-format'].map((n) =>
      join(FIX, 'valid', `${n}.fin`),
    );
    const results = await limited(
      2,
      [...tricky, ...BATCHES].map((f) => () => pipeline([f], [])),
    );
    results.forEach((r, k) => {
      const f = [...tricky, ...BATCHES][k]!;
      expect([r.parse, r.build], f).toEqual([0, 0]);
      expect(r.stdout.equals(readFileSync(f)), f).toBe(true);
    });
  });

  it('is byte-exact over whole directories, malformed inputs included', async () => {
    // Directories are read in name order, depth first: the output is the files back to back.
    const r = await pipeline([FIX], []);
    expect(r.build).toBe(0);
    expect(r.parse).toBe(1); // the malformed fixtures have errors
    expect(sha256(r.stdout)).toBe(sha256(concat(walkSorted(FIX, ['.fin', '.txt', '.msg']))));
  });

  it('is byte-exact on a UTF-8 re-encoding (auto-detected), and converts it back to GB18030', async () => {
    const dir = join(tmp, 'utf8');
    mkdirSync(dir);
    for (const f of VALID) {
      const name = f.split('/').pop()!.replace(/\.fin$/, '.txt');
      writeFileSync(join(dir, name), Buffer.from(iconv.decode(readFileSync(f), 'gb18030'), 'utf8'));
    }
    const files = walkSorted(dir, ['.txt']);
    const parsed = cli(['parse', '-q', dir]);
    expect(parsed.status).toBe(0);
    const records = json(parsed.stdout) as { encoding: string; source: { file: string } }[];
    expect(records.length).toBe(73);
    // Files with Chinese text are UTF-8; all-ASCII files read the same either way.
    const chinese = records.filter((r) => !readFileSync(r.source.file).every((b) => b < 0x80));
    expect(chinese.length).toBeGreaterThanOrEqual(20);
    for (const r of chinese) expect(r.encoding).toBe('utf8');
    const utf8 = cli(['build', '-q', '--encoding', 'utf8', '-'], { input: parsed.stdout });
    expect(utf8.status).toBe(0);
    expect(utf8.stdout.equals(concat(files))).toBe(true);
    // Default output encoding is GB18030: the original fixtures, byte for byte.
    const gb = cli(['build', '-q', '-'], { input: parsed.stdout });
    expect(gb.stdout.equals(concat(VALID))).toBe(true);
    // And through stdin (sniffed), one file with a four-byte character.
    const one = join(dir, 'fmt199-mt199-free-format.txt');
    const r = await pipeline(['-'], ['--encoding', 'utf8', '-'], readFileSync(one));
    expect(r.stdout.equals(readFileSync(one))).toBe(true);
    // 3,000 UTF-8 messages through a pipe: stdin arrives in 64 KiB chunks that cut characters
    // and `{1:` in two.
    const many = Buffer.concat(Array.from({ length: 3000 }, (_, i) => readFileSync(files[i % files.length]!)));
    const m = await pipeline(['-', '--jobs', '2'], ['--encoding', 'utf8', '-'], many);
    expect([m.parse, m.build]).toEqual([0, 0]);
    expect(m.stdout.equals(many)).toBe(true);
  });
});

describe('stdin and stdout', () => {
  it('reads - and writes to a pipe', () => {
    const batch = readFileSync(BATCHES[0]!);
    const parsed = cli(['parse', '-'], { input: batch });
    expect(parsed.status).toBe(0);
    // Validation runs too: the reserved FMT074 in the batch is a warning (R022), not an error.
    expect(parsed.stderr).toMatch(/^cfxps: 20 messages: 19 clean, 0 with errors, 1 with warnings only/);
    const records = json(parsed.stdout) as { index: number; source: { file: string } }[];
    expect(records.map((r) => r.index)).toEqual([...Array(20).keys()]);
    expect(records[0]!.source.file).toBe('-');
    expect(cli(['build', '-q', '-'], { input: parsed.stdout }).stdout.equals(batch)).toBe(true);
    // Without a file argument, piped stdin is read.
    expect(cli(['parse', '-q'], { input: batch }).stdout.equals(parsed.stdout)).toBe(true);
    const v = cli(['validate', '-'], { input: batch });
    expect(v.status).toBe(0);
    expect(v.stdout.toString()).toMatch(/^-:\d+: message \d+ \(FMT074, MT198\): 1 warning\n {2}warning R022 /);
  });

  it('writes one message as pretty JSON, many as NDJSON', () => {
    const one = cli(['parse', '-q', VALID[0]!]);
    expect(one.stdout.toString()).toMatch(/^\{\n {2}"index": 0,/);
    expect(cli(['parse', '-q', '--ndjson', VALID[0]!]).stdout.toString().split('\n').length).toBe(2);
    const out = join(tmp, 'out.ndjson');
    expect(cli(['parse', '-q', '-o', out, BATCHES[1]!]).status).toBe(0);
    expect(lines(readFileSync(out)).length).toBe(20);
  });
});

describe('validate', () => {
  it('exits 0 on the valid fixtures (the reserved FMT074 is a warning)', () => {
    const r = cli(['validate', join(FIX, 'valid'), join(FIX, 'batches')]);
    expect(r.status).toBe(0);
    const listed = r.stdout.toString().split('\n').filter((l) => /^\s+(error|warning) /.test(l));
    expect(listed.length).toBeGreaterThan(0);
    for (const l of listed) expect(l).toMatch(/^ {2}warning R022 .*FMT074 .*reserved/);
    expect(r.stderr).toMatch(/^cfxps: 113 messages: \d+ clean, 0 with errors, \d+ with warnings only; .*\n$/);
  });

  it('exits 1 on the malformed fixtures, each reporting its sidecar code at its sidecar position', () => {
    const dir = join(FIX, 'malformed');
    const r = cli(['validate', '-q', '--format', 'json', dir]);
    expect(r.status).toBe(1);
    const out = json(r.stdout) as { source?: { file: string }; ok: boolean; diagnostics: { code: string; line: number; column: number; severity: string }[]; summary?: { messages: number; withErrors: number } }[];
    const summary = out.pop()!.summary!;
    expect(summary.messages).toBe(out.length);
    let checked = 0;
    for (const rec of out) {
      const side = JSON.parse(readFileSync(rec.source!.file.replace(/\.fin$/, '.expect.json'), 'utf8')) as { code: string; line: number; column: number; mode: string };
      if (side.mode !== 'strict') continue;
      expect(rec.ok, rec.source!.file).toBe(false);
      // Diagnostics are by position, validation (V, F, R) among them: the first envelope one (S, E)
      // is the sidecar's.
      const first = rec.diagnostics.find((d) => /^[SE]/.test(d.code))!;
      expect([first.code, first.line, first.column], rec.source!.file).toEqual([side.code, side.line, side.column]);
      checked++;
    }
    expect(checked).toBe(29);
    for (const f of ['s001-empty-input.fin', 's004-truncated-in-text-block.fin', 'e001-invalid-gb18030.fin']) {
      expect(cli(['validate', '-q', join(dir, f)]).status, f).toBe(1);
    }
  });

  it('accepts the lenient fixtures with --mode lenient (warnings only: exit 0)', () => {
    const dir = join(FIX, 'malformed', 'lenient');
    expect(cli(['validate', '-q', dir]).status).toBe(1);
    const r = cli(['validate', '-q', '--mode', 'lenient', '--format', 'json', dir]);
    expect(r.status).toBe(0);
    const out = json(r.stdout) as { source?: { file: string }; diagnostics: { code: string; severity: string }[] }[];
    out.pop();
    for (const rec of out) {
      const side = JSON.parse(readFileSync(rec.source!.file.replace(/\.fin$/, '.expect.json'), 'utf8')) as { code: string };
      expect(rec.diagnostics[0]!.code).toBe(side.code);
      expect(rec.diagnostics[0]!.severity).toBe('warning');
    }
  });

  it('prints a code frame with carets under the column, in English or Chinese', () => {
    const f = join(FIX, 'malformed', 's010-basic-header-24-characters.fin');
    const en = cli(['validate', f]);
    expect(en.status).toBe(1);
    const text = en.stdout.toString();
    expect(text).not.toContain('\x1b[');
    expect(text).toContain(`error S010 ${f}:1:28`);
    const frame = text.split('\n');
    const src = frame.findIndex((l) => /^\s+1 \| \{1:F01/.test(l));
    const caret = frame[src + 1]!;
    expect(caret.indexOf('^') - caret.indexOf('|') - 2).toBe(27);
    const zh = cli(['validate', '--lang', 'zh', f]).stdout.toString();
    expect(zh).toContain('错误 S010');
    expect(zh).toContain('第1条报文');
    // CJK characters take two columns: the caret of E001 sits after 5 + 9 × 2 columns.
    const e001 = cli(['validate', join(FIX, 'malformed', 'e001-invalid-gb18030.fin')]).stdout.toString().split('\n');
    const line = e001.findIndex((l) => l.includes(':CRI:'));
    expect(e001[line + 1]!.indexOf('^') - e001[line + 1]!.indexOf('|') - 2).toBe(23);
    // Length carets: S013 covers the whole {tag:value} sub-block.
    const s013 = cli(['validate', join(FIX, 'malformed', 's013-unknown-user-header-tag.fin')]).stdout.toString();
    expect(s013).toMatch(/\| +\^{42}\n/);
    // Colour only when asked (stdout is a pipe here) and never with --color never.
    expect(cli(['validate', '--color', 'always', f]).stdout.toString()).toContain('\x1b[31m');
    expect(cli(['validate', '--color', 'auto', f], { env: { NO_COLOR: '1' } }).stdout.toString()).not.toContain('\x1b[');
  });

  it('reports positions in the file for messages back to back on one line', () => {
    const valid = readFileSync(VALID[0]!);
    const bad = readFileSync(join(FIX, 'malformed', 's010-basic-header-24-characters.fin'));
    const file = join(tmp, 'two.fin');
    writeFileSync(file, Buffer.concat([valid, bad]));
    const text = iconv.decode(valid, 'gb18030');
    const line = text.split('\n').length;
    const column = text.length - text.lastIndexOf('\n'); // the message starts right after the last line
    const r = cli(['validate', file]);
    expect(r.stdout.toString()).toContain(`error S010 ${file}:${line}:${column + 27}`);
    expect(r.stdout.toString()).toContain('message 2 (FMT100, MT103)');
  });
});

describe('typed bodies', () => {
  interface Rec {
    ok: boolean;
    fmt?: string;
    headers?: Record<string, unknown> & { sender: string; receiver: string; mur?: string; signature?: { dsn: string; sig: string } };
    body?: Record<string, unknown>;
    diagnostics: { code: string; severity: string; line: number; column: number; embeddedTag?: string; tag?: string }[];
    envelope?: unknown;
    source?: { file: string; byteOffset: number; byteLength: number };
  }
  const FMT100 = join(FIX, 'valid', 'fmt100-mt103-domestic-credit.fin');
  const FMT020 = join(FIX, 'valid', 'fmt020-mt198-general-ack.fin');
  const parseOne = (file: string, ...args: string[]): Rec => JSON.parse(cli(['parse', '-q', ...args, file]).stdout.toString()) as Rec;
  const amountOf = (r: Rec): unknown => (r.body!['valueDateCurrencyAmount'] as { amount: unknown }).amount;

  /** FMT100 without its mandatory :23B: (F001), FMT020 with RSP = R and no RCD (R001, requiredWhen). */
  function broken(): { f001: string; r001: string } {
    const dir = join(tmp, 'broken');
    mkdirSync(dir, { recursive: true });
    const f001 = join(dir, 'f001.fin');
    const r001 = join(dir, 'r001.fin');
    const a = readFileSync(FMT100);
    const b = readFileSync(FMT020);
    expect(a.includes(':23B:CRED\r\n')).toBe(true);
    expect(b.includes(':RSP:R\r\n:RCD:F001\r\n')).toBe(true);
    writeFileSync(f001, Buffer.from(a.toString('latin1').replace(':23B:CRED\r\n', ''), 'latin1'));
    writeFileSync(r001, Buffer.from(b.toString('latin1').replace(':RCD:F001\r\n', ''), 'latin1'));
    return { f001, r001 };
  }

  it('parse: typed body (decimals as exact strings) and headers; --raw: the envelope only', () => {
    const r = parseOne(FMT100);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
    // :32A:20261123USD125000,00 → an exact decimal string, never a number.
    expect(r.body!['valueDateCurrencyAmount']).toEqual({ date: '20261123', currency: 'USD', amount: '125000' });
    expect(r.body!['reference']).toBe('2026112300000123');
    expect(r.body!['orderingCustomerNameZh']).toBe('北京华信电子有限公司');
    expect(r.headers).toMatchObject({ fmt: 'FMT100', sender: 'ICBKCNBJAXXX', receiver: 'PCBCCNBJXXXX', mur: 'HX2026INV1187' });
    const jpy = parseOne(join(FIX, 'valid', 'fmt101-mt103-outward-remittance.fin'));
    expect(amountOf(jpy)).toBe('15432500');
    const raw = parseOne(FMT100, '--raw');
    expect(raw.body).toBeUndefined();
    expect(raw.headers).toBeUndefined();
    expect(raw.envelope).toEqual(r.envelope);
    // Key order: what it is, its problems, its typed content, then the AST.
    const keys = Object.keys(r);
    expect(keys.indexOf('diagnostics')).toBeLessThan(keys.indexOf('body'));
    expect(keys.indexOf('body')).toBeLessThan(keys.indexOf('envelope'));
  });

  it('parse and validate report validation diagnostics (F, R) with code frames; --raw does not', () => {
    const { f001, r001 } = broken();
    const p = cli(['parse', '-q', f001, r001]);
    expect(p.status).toBe(1);
    const [a, b] = json(p.stdout) as Rec[];
    expect(a!.ok).toBe(false);
    expect(a!.diagnostics.map((d) => [d.code, d.tag])).toEqual([['F001', '23B']]);
    expect(a!.body!['reference']).toBe('2026112300000123'); // what could be read is still there
    expect(b!.ok).toBe(false);
    expect(b!.diagnostics.map((d) => [d.code, d.embeddedTag, d.line, d.column])).toEqual([['R001', 'RSP', 7, 1]]);
    expect(b!.body!['responseStatus']).toBe('R');
    // --raw: envelope diagnostics only; these envelopes are fine.
    const raw = cli(['parse', '-q', '--raw', f001, r001]);
    expect(raw.status).toBe(0);
    for (const rec of json(raw.stdout) as Rec[]) {
      expect(rec.ok).toBe(true);
      expect(rec.diagnostics).toEqual([]);
      expect(rec.body).toBeUndefined();
    }
    // validate: the codes with file positions and carets, in both languages.
    const en = cli(['validate', f001, r001]);
    expect(en.status).toBe(1);
    const text = en.stdout.toString();
    expect(text).toContain(`error F001 ${f001}:3:1 {4:} :23B:: mandatory item 23B (bankOperationCode) of FMT100 is missing`);
    expect(text).toContain(`error R001 ${r001}:7:1 {4:} :77E: :RSP:: RCD (rejectCode) is missing: it is required when RSP = R`);
    expect(text).toMatch(/ 7 \| :RSP:R\n +\| \^{5}\n/);
    const zh = cli(['validate', '--lang', 'zh', r001]).stdout.toString();
    expect(zh).toContain('错误 R001');
    expect(zh).toContain('RCD（拒绝原因码）缺失');
    // The summary counts them per FMT.
    expect(en.stderr).toMatch(/^cfxps: 2 messages: 0 clean, 2 with errors; FMT020 1, FMT100 1 /);
    const j = json(cli(['validate', '-q', '--format', 'json', f001, r001, FMT100]).stdout) as { summary?: { errorsPerFmt: Record<string, number>; perFmt: Record<string, number> } }[];
    expect(j.pop()!.summary).toMatchObject({ perFmt: { FMT020: 1, FMT100: 2 }, errorsPerFmt: { FMT020: 1, FMT100: 1 } });
    // And the broken files still round-trip byte for byte (the body is what the envelope yields).
    const rt = cli(['build', '-q', '-'], { input: p.stdout });
    expect(rt.status).toBe(0);
    expect(rt.stdout.equals(Buffer.concat([readFileSync(f001), readFileSync(r001)]))).toBe(true);
  });

  it('build: an edited body is built canonically (header parts kept); an unedited one byte for byte', () => {
    const r = parseOne(FMT100);
    const edited = structuredClone(r);
    (edited.body!['valueDateCurrencyAmount'] as { amount: string }).amount = '98765432101.23';
    const b = cli(['build', '-'], { input: JSON.stringify(edited) });
    expect(b.status).toBe(0);
    expect(b.stderr).toMatch(/1 from an edited or envelope-less body/);
    const text = iconv.decode(b.stdout, 'gb18030');
    expect(text).toContain(':32A:20261123USD98765432101,23\r\n');
    const again = JSON.parse(cli(['parse', '-q', '-'], { input: b.stdout }).stdout.toString()) as Rec;
    expect(again.ok).toBe(true);
    expect(amountOf(again)).toBe('98765432101.23');
    expect(again.body).toEqual(edited.body); // the rest of the body is unchanged
    const { checksum: _c, ...headers } = r.headers!;
    expect(again.headers).toMatchObject(headers); // LT addresses, priority, MUR, signature block
    // Same value, other spelling: not an edit.
    (edited.body!['valueDateCurrencyAmount'] as { amount: string }).amount = '125000.00';
    expect(cli(['build', '-q', '-'], { input: JSON.stringify(edited) }).stdout.equals(readFileSync(FMT100))).toBe(true);
    // One edited record among many: only that message changes.
    const batch = cli(['parse', '-q', BATCHES[0]!]).stdout.toString().split('\n').filter((l) => l !== '');
    const recs = batch.map((l) => JSON.parse(l) as Rec);
    const k = recs.findIndex((x) => x.fmt === 'FMT100' || x.fmt === 'FMT200');
    expect(k).toBeGreaterThanOrEqual(0);
    const body = recs[k]!.body!;
    const key = Object.keys(body).find((x) => typeof body[x] === 'object' && 'amount' in (body[x] as object))!;
    (body[key] as { amount: string }).amount = '1.5';
    batch[k] = JSON.stringify(recs[k]);
    const out = cli(['build', '-q', '-'], { input: batch.join('\n') });
    expect(out.status).toBe(0);
    const orig = readFileSync(BATCHES[0]!);
    const span = recs[k]!.source!;
    expect(out.stdout.subarray(0, span.byteOffset).equals(orig.subarray(0, span.byteOffset))).toBe(true);
    const tail = orig.length - span.byteOffset - span.byteLength;
    expect(out.stdout.subarray(out.stdout.length - tail).equals(orig.subarray(orig.length - tail))).toBe(true);
    expect(iconv.decode(out.stdout, 'gb18030')).toMatch(/USD1,5\r\n|EUR1,5\r\n|[A-Z]{3}1,5\r\n/);
  });

  it('build: {fmt, body, headers} without envelope; body problems reported with exit 1', () => {
    const r = parseOne(FMT100);
    const ok = cli(['build', '-q', '--check', '-'], { input: JSON.stringify({ fmt: r.fmt, body: r.body, headers: r.headers }) });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('');
    const back = JSON.parse(cli(['parse', '-q', '-'], { input: ok.stdout }).stdout.toString()) as Rec;
    expect(back.body).toEqual(r.body);
    // Without headers: the defaults, and no signature block, which FMT100 needs (R020).
    const unsigned = cli(['build', '-'], { input: JSON.stringify({ fmt: 'FMT100', body: r.body }) });
    expect(unsigned.status).toBe(1);
    expect(unsigned.stderr).toMatch(/^cfxps: -:1:1: record built from its body with 1 error\n {2}R020 /);
    expect(unsigned.stdout.length).toBeGreaterThan(0);
    // A JSON number for an amount is refused (B004: floats cannot hold money).
    const num = structuredClone(r);
    (num.body!['valueDateCurrencyAmount'] as { amount: unknown }).amount = 125000.5;
    const n = cli(['build', '-q', '-'], { input: JSON.stringify(num) });
    expect(n.status).toBe(1);
    expect(n.stderr).toMatch(/B004 property body\.valueDateCurrencyAmount\.amount must be a decimal string/);
    // Shape errors stop the build (exit 2).
    expectCleanFailure(cli(['build', '-'], { input: JSON.stringify({ body: r.body }) }), /\$\.fmt: "fmt" must be a string/);
    expectCleanFailure(cli(['build', '-'], { input: JSON.stringify({ fmt: 'FMT100', body: [] }) }), /\$\.body: "body" must be an object/);
    expectCleanFailure(cli(['build', '-'], { input: JSON.stringify({ fmt: 'FMT100', body: r.body, headers: { sender: 1 } }) }), /\$\.headers\.sender: "sender" must be a string/);
  });
});

describe('describe and list', () => {
  it('lists every FMT of the tables', () => {
    const r = cli(['list']);
    expect(r.status).toBe(0);
    const rows = lines(r.stdout);
    expect(rows.length).toBe(FMTS.length);
    for (const f of FMTS) expect(rows.some((l) => l.startsWith(`FMT${f.fmt} `) && l.includes(`MT${f.mt}`))).toBe(true);
    const mt198 = JSON.parse(cli(['list', '--mt', '198', '--format', 'json']).stdout.toString()) as { fmt: string }[];
    expect(mt198.length).toBe(FMTS.filter((f) => f.mt === '198').length);
  });

  it('renders the field table of an FMT from the tables', () => {
    for (const fmt of ['FMT100', '010', 'fmt203']) {
      const def = FMTS.find((f) => f.fmt === fmt.replace(/^fmt/i, ''))!;
      const r = cli(['describe', fmt]);
      expect(r.status).toBe(0);
      const text = r.stdout.toString();
      expect(text).toContain(`FMT${def.fmt} · MT${def.mt} · §${def.section}`);
      expect(text).toContain(def.nameZh);
      for (const it of [...fieldItems(def.items), ...def.block6]) expect(text).toMatch(new RegExp(`^ +${it.tag} +${it.status} `, 'm'));
      const j = JSON.parse(cli(['describe', '--format', 'json', fmt]).stdout.toString()) as { items: unknown[]; fmt: string };
      expect(j.fmt).toBe(`FMT${def.fmt}`);
      expect(j.items.length).toBe(def.items.length);
    }
    expect(cli(['describe', '--lang', 'zh', 'FMT100']).stdout.toString()).toContain('数据项');
    expectCleanFailure(cli(['describe', 'FMT999']), /unknown format 'FMT999'.*cfxps list/);
  });
});

describe('--tables: a bank\'s corrected tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfxps-tables-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fixture = readFileSync(join(FIX, 'valid', 'fmt100-mt103-domestic-credit.fin'));
  // SWIFT's 32-character PDE, which the shipped table (V1.4 read literally, 38) refuses.
  const pde32 = Buffer.from(fixture.toString('latin1').replace('{5:{CHK:7D1C9662AD27}}', '{5:{CHK:7D1C9662AD27}{PDE:1640261123CFXPCNBJAXXX0001000089}}'), 'latin1');
  const message = join(dir, 'pde32.fin');
  const batch = join(dir, 'batch.fin');
  const tables = join(dir, 'bank-tables.json');
  beforeAll(() => {
    writeFileSync(message, pde32);
    writeFileSync(batch, Buffer.concat(Array.from({ length: 600 }, () => pde32)));
    writeFileSync(
      tables,
      JSON.stringify({
        envelope: { headerTags: { '5': [{ tag: 'PDE', name: 'possible duplicate emission', nameZh: '可能重复发送', format: '[4!n6!n22!c]', status: 'O' }] } },
        codeTables: { BKIND: { '010': '跨境电商' } },
        currencies: { CNY: 2 },
      }),
    );
  });

  it('validate, parse (also with worker threads) and build follow the file', async () => {
    expect(pde32.equals(fixture)).toBe(false);
    const plain = cli(['validate', '-q', '--format', 'json', message]);
    expect(plain.status).toBe(1);
    expect(plain.stdout.toString()).toContain('"S015"');
    expect(cli(['validate', '-q', '--tables', tables, message]).status).toBe(0);
    const jobs = cli(['validate', '-q', '--jobs', '2', '--format', 'json', '--tables', tables, batch]);
    expect(jobs.status).toBe(0);
    expect(lines(jobs.stdout).filter((l) => l.includes('"ok":true'))).toHaveLength(600);
    const parsed = cli(['parse', '-q', '--tables', tables, message]);
    expect(parsed.status).toBe(0);
    expect(JSON.parse(parsed.stdout.toString()).ok).toBe(true);
    const back = cli(['build', '-q', '--check', '--tables', tables, '-'], { input: parsed.stdout });
    expect(back.stderr).toBe('');
    expect(back.status).toBe(0);
    expect(back.stdout.equals(pde32)).toBe(true);
    expect(cli(['build', '-q', '--check', '-'], { input: parsed.stdout }).status).toBe(1);
  });

  it('describe shows the codes the file adds', () => {
    const j = JSON.parse(cli(['describe', '--format', 'json', '--tables', tables, 'FMT100']).stdout.toString()) as { items: { tag: string; codes?: { values?: { code: string }[] } }[] };
    const kinds = j.items.find((it) => it.tag === '26T')!.codes!.values!.map((v) => v.code);
    expect(kinds).toContain('010');
    const shipped = JSON.parse(cli(['describe', '--format', 'json', 'FMT100']).stdout.toString()) as typeof j;
    expect(shipped.items.find((it) => it.tag === '26T')!.codes!.values!.map((v) => v.code)).not.toContain('010');
  });

  it("types: the body types of the file's tables, a module that type-checks against cfxps", () => {
    const shipped = cli(['types']);
    expect(shipped.status).toBe(0);
    expect(shipped.stdout.toString()).toContain("export type Currency = 'USD' | 'HKD' | 'JPY' | 'EUR' | 'AUD' | 'CAD' | 'GBP' | 'CHF';");
    const r = cli(['types', '--tables', tables, '-o', join(dir, 'bank-types.ts')]);
    expect(r.status).toBe(0);
    const source = readFileSync(join(dir, 'bank-types.ts'), 'utf8');
    expect(source).toMatch(/^\/\/ Generated by `cfxps types --tables bank-tables\.json`/);
    expect(source).toContain("export type Currency = 'USD' | 'HKD' | 'JPY' | 'EUR' | 'AUD' | 'CAD' | 'GBP' | 'CHF' | 'CNY';");
    expect(source).toMatch(/export type BusinessKind = [^;]*'010';/);
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { createCodec, type CodecOptions } from 'cfxps';",
        "import type { Message, BusinessKind } from './bank-types';",
        "const codec = createCodec<Message>(JSON.parse(readFileSync('bank-tables.json', 'utf8')) as CodecOptions);",
        'const r = codec.parse(readFileSync(0));',
        "if (r.message?.fmt === 'FMT100') {",
        "  const kind: BusinessKind = r.message.body.businessKind;",
        "  const cny: typeof r.message.body.valueDateCurrencyAmount.currency = 'CNY';",
        "  const k: BusinessKind = '010';",
        '  void [kind, cny, k];',
        '}',
        '',
      ].join('\n'),
    );
    expect(typeCheck([join(dir, 'bank-types.ts'), join(dir, 'use.ts')], dir)).toEqual([]);
    expectCleanFailure(cli(['types', 'FMT100']), /types takes no arguments/);
  });

  it('a bad tables file stops the run with one clear line (exit 2)', () => {
    const write = (name: string, text: string): string => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    expectCleanFailure(cli(['validate', '--tables', join(dir, 'none.json'), message]), /cannot read the tables file .*none\.json.*no such file/);
    expectCleanFailure(cli(['validate', '--tables', write('not.json', '{fmts:'), message]), /is not JSON/);
    expectCleanFailure(cli(['validate', '--tables', write('array.json', '[]'), message]), /must hold one JSON object/);
    expectCleanFailure(cli(['validate', '--tables', write('typo.json', '{"currency":{"CNY":2}}'), message]), /unknown key "currency" \(known: fmts, tags/);
    expectCleanFailure(
      cli(['validate', '--tables', write('bad.json', JSON.stringify({ envelope: { headerTags: { '5': [{ tag: 'P-E', name: 'x', nameZh: 'x', format: '9q', status: 'O' }] } } })), message]),
      /inconsistent \(2 problems\): block 5 tag P-E: a tag is letters and digits; block 5 tag P-E: bad format notation/,
    );
    expectCleanFailure(cli(['describe', '--tables', write('shape.json', '{"fmts":"x"}'), 'FMT100']), /tables .*cannot be used|inconsistent/);
  });
});

describe('correlate', () => {
  it('links every reference across the inputs, lists those not found, and --check fails on them', () => {
    const valid = join(FIX, 'valid');
    const r = cli(['correlate', valid]);
    expect(r.status).toBe(0);
    const rows = lines(r.stdout);
    expect(rows).toHaveLength(40);
    expect(rows).toContain(`${valid}/fmt010-mt198-credit-confirmation.fin:1:1 FMT010 OSN 2026112300000123 → ${valid}/fmt100-mt103-domestic-credit.fin:1:1 FMT100`);
    expect(r.stderr).toContain('40 references in 73 typed messages (of 73 read): 25 found, 15 not found');
    const missing = cli(['correlate', '--unresolved', '--check', '-q', valid]);
    expect(missing.status).toBe(1);
    expect(lines(missing.stdout)).toHaveLength(15);
    expect(lines(missing.stdout).every((l) => / → not found \(:20: of /.test(l))).toBe(true);
    const json = lines(cli(['correlate', '-f', 'json', '-q', valid]).stdout).map((l) => JSON.parse(l) as { from: { fmt: string }; to: unknown[] });
    expect(json.filter((j) => j.to.length === 0)).toHaveLength(15);
    expect(cli(['correlate', '--lang', 'zh', '--unresolved', '-q', valid]).stdout.toString()).toContain('→ 未找到（FMT');
    expectCleanFailure(cli(['correlate', '-f', 'xml', valid]), /--format must be human or json/);
  });
});

describe('bad input', () => {
  it('binary garbage: problems reported, round trip still exact, no stack trace', async () => {
    let x = 12345;
    const garbage = Buffer.alloc(64 * 1024, 0).map(() => {
      x = (x * 1103515245 + 12345) >>> 0;
      return x >>> 24;
    });
    const file = join(tmp, 'garbage.bin');
    writeFileSync(file, garbage);
    const v = cli(['validate', file]);
    expect(v.status).toBe(1);
    expect(v.stdout.toString()).toContain('does not look like CFXPS message text');
    noStack(v.stdout.toString() + v.stderr);
    const r = await pipeline([file], []);
    expect(r.parse).toBe(1);
    expect(r.stdout.equals(garbage)).toBe(true);
  });

  it('a truncated message: S004, exit 1', () => {
    const file = join(tmp, 'truncated.fin');
    writeFileSync(file, readFileSync(VALID[0]!).subarray(0, 300));
    const r = cli(['validate', '--format', 'json', file]);
    expect(r.status).toBe(1);
    const codes = (json(r.stdout)[0] as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    expect(codes).toContain('S004');
    noStack(r.stderr);
  });

  it('the wrong encoding: UTF-16 is refused (exit 2), --encoding utf8 on GB18030 reports E003 (exit 1)', () => {
    const f = join(FIX, 'valid', 'fmt100-mt103-domestic-credit.fin');
    const u16 = join(tmp, 'utf16.fin');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(iconv.decode(readFileSync(f), 'gb18030'), 'utf16le')]));
    expectCleanFailure(cli(['validate', u16]), /UTF-16.*convert it first/);
    const r = cli(['validate', '--encoding', 'utf8', f]);
    expect(r.status).toBe(1);
    expect(r.stdout.toString()).toMatch(/error E003 .*not valid UTF-8.*drop --encoding utf8/);
  });

  it('missing files, empty or unreadable directories, globs without match: exit 2, one line', () => {
    expectCleanFailure(cli(['validate', 'no/such/file.fin']), /cannot read 'no\/such\/file.fin': no such file or directory/);
    expectCleanFailure(cli(['parse', `${VALID[0]}/inside`]), /not a directory/);
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    expectCleanFailure(cli(['validate', empty]), /no \.fin\/\.txt\/\.msg file in directory/);
    expectCleanFailure(cli(['validate', join(tmp, 'nothing', '**', '*.fin')]), /cannot read directory/);
    expectCleanFailure(cli(['validate', join(empty, '*.fin')]), /no file matches/);
    expectCleanFailure(cli(['validate', '--max-message-size', '1K', join(FIX, 'valid', 'fmt100-mt103-domestic-credit.fin')]), /longer than 1,024 bytes/);
  });

  it('an unreadable directory: exit 2, one line', (ctx) => {
    const locked = join(tmp, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'a.fin'), readFileSync(VALID[0]!));
    chmodSync(locked, 0o000);
    let readable = false;
    try {
      readdirSync(locked);
      readable = true; // root reads it anyway
    } catch {
      readable = false;
    }
    if (readable) ctx.skip();
    expectCleanFailure(cli(['validate', locked]), /cannot read directory .*permission denied/);
  });

  it('build: bad JSON with line and column, prototype keys, wrong shapes, lone surrogates: exit 2', () => {
    const parsed = cli(['parse', '-q', BATCHES[0]!]).stdout.toString().split('\n');
    const broken = [...parsed];
    broken[2] = broken[2]!.replace('"ok":true', '"ok":tru');
    const col = broken[2]!.indexOf('"ok":tru') + 6;
    expectCleanFailure(cli(['build', '-'], { input: broken.join('\n') }), new RegExp(`^cfxps: -:3:${col}: bad JSON`));
    expectCleanFailure(cli(['build', '-'], { input: '{"__proto__": {"polluted": 1}, "blocks": [], "leading": "", "trailing": ""}' }), /\$\.__proto__: the key "__proto__" is not allowed/);
    expectCleanFailure(
      cli(['build', '-'], { input: '{"envelope": {"blocks": [], "leading": "", "trailing": ""}, "x": {"constructor": {"prototype": 1}}}' }),
      /\$\.x\.constructor/,
    );
    expectCleanFailure(cli(['build', '-'], { input: '{"envelope": {"blocks": [{"kind": "text", "id": "4"}], "leading": "", "trailing": ""}}' }), /\$\.envelope\.blocks\[0\]\.leading: "leading" is missing/);
    expectCleanFailure(cli(['build', '-'], { input: '\n\n  {"envelope": {"blocks": [' }), /^cfxps: -:3:3: .*not finished/);
    expectCleanFailure(cli(['build', '-'], { input: 'hello' }), /expected a JSON object/);
    const pretty = JSON.parse(cli(['parse', '-q', VALID[0]!]).stdout.toString()) as { body?: unknown; envelope: { blocks: { fields?: { value: string }[] }[] } };
    pretty.envelope.blocks[3]!.fields![0]!.value = '\ud800';
    delete pretty.body; // an edited envelope is built from the envelope only without a (now different) body
    expectCleanFailure(cli(['build', '-'], { input: JSON.stringify(pretty) }), /lone surrogate U\+D800/);
  });

  it('build: a message given by its parts, checked with --check', () => {
    const msg = {
      message: {
        basicHeader: { ltAddress: 'ICBKCNBJAXXX', session: '0001', sequence: '000123' },
        applicationHeader: { direction: 'I', mt: '199', receiverAddress: 'PCBCCNBJXXXX', priority: 'N' },
        userHeader: [{ tag: '119', value: 'FMT199' }],
        text: [
          { tag: '20', value: 'REF1' },
          { tag: '79', value: ['你好', 'WORLD'] },
        ],
        trailer: [{ tag: 'CHK', value: '000000000000' }],
      },
    };
    const r = cli(['build', '--check', '-'], { input: JSON.stringify(msg) });
    expect(r.status).toBe(0);
    expect(iconv.decode(r.stdout, 'gb18030')).toBe(
      '{1:F01ICBKCNBJAXXX0001000123}{2:I199PCBCCNBJXXXXN}{3:{119:FMT199}}{4:\r\n:20:REF1\r\n:79:你好\r\nWORLD\r\n-}{5:{CHK:000000000000}}',
    );
    const bad = { ...msg, message: { ...msg.message, userHeader: [] } };
    const c = cli(['build', '--check', '-'], { input: JSON.stringify(bad) });
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/S016/);
  });
});

describe('a 100,000-message file', () => {
  let big = '';
  let bigSha = '';
  const MESSAGES = 100_000;

  beforeAll(() => {
    big = join(tmp, 'big.fin');
    const files = VALID.map((f) => readFileSync(f));
    const fd = openSync(big, 'w');
    const h = createHash('sha256');
    let parts: Buffer[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      parts.push(files[i % files.length]!);
      if (i < MESSAGES - 1) parts.push(Buffer.from('\r\n'));
      if (parts.length >= 4096 || i === MESSAGES - 1) {
        const chunk = Buffer.concat(parts);
        writeSync(fd, chunk);
        h.update(chunk);
        parts = [];
      }
    }
    closeSync(fd);
    bigSha = h.digest('hex');
  });

  const stats = (stderr: string): { messages: number; maxRssBytes: number; elapsedMs: number; bytes: number } =>
    (JSON.parse(stderr.trim().split('\n').pop()!) as { stats: { messages: number; maxRssBytes: number; elapsedMs: number; bytes: number } }).stats;

  it('parses with bounded memory; --jobs 2 gives the same output as --jobs 1', async () => {
    const one = await hashed(['parse', '-q', '--stats', '--jobs', '1', big]);
    const two = await hashed(['parse', '-q', '--stats', '--jobs', '2', big]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const s1 = stats(one.stderr);
    const s2 = stats(two.stderr);
    expect(s1.messages).toBe(MESSAGES);
    expect(two.sha).toBe(one.sha);
    expect(two.bytes).toBe(one.bytes);
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(0);
    console.log(
      `100k messages, ${mb(statSync(big).size)} MiB in, ${mb(one.bytes)} MiB of NDJSON out: ` +
        `--jobs 1 ${s1.elapsedMs} ms, peak RSS ${mb(s1.maxRssBytes)} MiB; --jobs 2 ${s2.elapsedMs} ms, peak RSS ${mb(s2.maxRssBytes)} MiB`,
    );
    // The output is ~7× the input and far larger than the memory used: nothing is held whole.
    // With --jobs 2 each worker thread has its own V8 heap and compiled tables (≈ 260 MiB measured).
    expect(s1.maxRssBytes).toBeLessThan(300 * 1024 * 1024);
    expect(s2.maxRssBytes).toBeLessThan(384 * 1024 * 1024);
    expect(one.bytes).toBeGreaterThan(s1.maxRssBytes);
  });

  it('round-trips byte for byte through parse | build', async () => {
    const r = await roundTripHash(big, 2);
    expect(r.status).toEqual([0, 0]);
    expect(r.bytes).toBe(statSync(big).size);
    expect(r.sha).toBe(bigSha);
  });

  it('validates without errors, with --jobs 2', async () => {
    const r = await hashed(['validate', '-q', '--stats', '--jobs', '2', big]);
    expect(r.status).toBe(0);
    const s = stats(r.stderr) as ReturnType<typeof stats> & { withErrors: number; warningsOnly: number; perFmt: Record<string, number> };
    expect(s.messages).toBe(MESSAGES);
    expect(s.withErrors).toBe(0);
    expect(s.warningsOnly).toBe(s.perFmt['FMT074']); // R022: a reserved FMT
    expect(s.maxRssBytes).toBeLessThan(300 * 1024 * 1024);
  });
});
