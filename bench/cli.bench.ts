/**
 * Throughput of the built `cfxps` command line on a 100,000-message file (the valid fixtures,
 * cycled, CRLF between messages; ≈ 40 MB of GB18030): `parse` (NDJSON to /dev/null: typed body,
 * headers and every diagnostic per record), `validate` (envelope and validation), single job and
 * `--jobs 2`; `build` of parse's NDJSON back to bytes (each body compared with its envelope's, the
 * bytes from the envelope) and of `{fmt, body, headers}` records (built canonically from the body). Wall time of the whole process
 * (start-up included), median of 3 runs; peak RSS from the CLI's hidden `--stats` flag
 * (`process.resourceUsage().maxRSS`, worker threads included).
 *
 *   npx tsup && npx tsx bench/cli.bench.ts [messages]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const MESSAGES = Number(process.argv[2] ?? 100_000);
const ROUNDS = 3;

if (!existsSync(CLI)) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'cfxps-bench-'));
const big = join(dir, 'big.fin');
const ndjson = join(dir, 'big.ndjson');
const bodies = join(dir, 'bodies.ndjson');

/** parse's records without their envelopes: `{fmt, body, headers}`, built from the body. */
async function bodiesOnly(): Promise<void> {
  const fd = openSync(bodies, 'w');
  let out: string[] = [];
  for await (const line of createInterface({ input: createReadStream(ndjson), crlfDelay: Infinity })) {
    if (line === '') continue;
    const r = JSON.parse(line) as { fmt: string; body: unknown; headers: unknown };
    out.push(JSON.stringify({ fmt: r.fmt, body: r.body, headers: r.headers }));
    if (out.length >= 4096) {
      writeSync(fd, out.join('\n') + '\n');
      out = [];
    }
  }
  if (out.length > 0) writeSync(fd, out.join('\n') + '\n');
  closeSync(fd);
}

function generate(): void {
  const valid = join(ROOT, 'fixtures', 'valid');
  const files = readdirSync(valid)
    .filter((f) => f.endsWith('.fin'))
    .sort()
    .map((f) => readFileSync(join(valid, f)));
  const fd = openSync(big, 'w');
  let parts: Buffer[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    parts.push(files[i % files.length]!);
    if (i < MESSAGES - 1) parts.push(Buffer.from('\r\n'));
    if (parts.length >= 4096 || i === MESSAGES - 1) {
      writeSync(fd, Buffer.concat(parts));
      parts = [];
    }
  }
  closeSync(fd);
}

interface Row {
  readonly name: string;
  readonly ms: number;
  readonly inBytes: number;
  readonly rss: number;
}

function run(name: string, args: readonly string[], inBytes: number): Row {
  const times: number[] = [];
  let rss = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [CLI, ...args, '-q', '--stats'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - t0);
    if (res.status !== 0 && res.status !== 1) throw new Error(`${name}: exit ${res.status}: ${res.stderr.toString()}`);
    const last = res.stderr.toString().trim().split('\n').pop() ?? '{}';
    rss = Math.max(rss, (JSON.parse(last) as { stats: { maxRssBytes: number } }).stats.maxRssBytes);
  }
  times.sort((a, b) => a - b);
  return { name, ms: times[Math.floor(times.length / 2)]!, inBytes, rss };
}

const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

try {
  generate();
  const size = statSync(big).size;
  execFileSync(process.execPath, [CLI, 'parse', '-q', big, '-o', ndjson]);
  const jsonSize = statSync(ndjson).size;
  await bodiesOnly();
  const bodiesSize = statSync(bodies).size;
  console.log(
    `cfxps CLI, ${fmt(MESSAGES)} messages, ${fmt(size / 1e6, 1)} MB GB18030 (${fmt(jsonSize / 1e6, 1)} MB as NDJSON); ` +
      `Node ${process.versions.node}, ${availableParallelism()} CPUs; median of ${ROUNDS} runs, process start-up included`,
  );
  const rows: Row[] = [];
  for (const jobs of [1, 2]) rows.push(run(`parse --jobs ${jobs}`, ['parse', '--jobs', String(jobs), big, '-o', '/dev/null'], size));
  for (const jobs of [1, 2]) rows.push(run(`validate --jobs ${jobs}`, ['validate', '--jobs', String(jobs), big], size));
  rows.push(run('build (NDJSON → GB18030)', ['build', ndjson, '-o', '/dev/null'], jsonSize));
  rows.push(run('build ({fmt, body, headers} → canonical)', ['build', bodies, '-o', '/dev/null'], bodiesSize));
  console.log('\n| command | messages/s | MB/s (input) | wall s | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const s = r.ms / 1000;
    console.log(`| ${r.name} | ${fmt(MESSAGES / s)} | ${fmt(r.inBytes / 1e6 / s, 1)} | ${fmt(s, 2)} | ${fmt(r.rss / 1024 / 1024)} |`);
  }
  const p1 = rows[0]!.ms;
  const p2 = rows[1]!.ms;
  const v1 = rows[2]!.ms;
  const v2 = rows[3]!.ms;
  console.log(`\nspeed-up with --jobs 2: parse ${fmt(p1 / p2, 2)}×, validate ${fmt(v1 / v2, 2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
