/**
 * The notation compiler on the hot path: `compileFormat(f).parse(value, ctx)` (and `test`) per
 * value, for every format of src/spec/tags.ts and src/spec/envelope.ts with a typical valid value
 * (taken from fixtures/valid/), plus long `g` and `b` values.
 *
 *   npx tsx bench/notation.bench.ts [--ref <git commit>] [--rounds 7] [--filter <text>]
 *
 * Columns: `before` = the numbers recorded on the pre-optimization code (commit 43c375e, Node
 * 20.20, 2 shared cores; absolute numbers drift with the machine's load); `ref` = the code of
 * `--ref` measured live in this process (its src/notation/*.ts extracted from git; skipped
 * when the working tree's src/notation equals that commit's or without --ref), `parse` and
 * `test` = the working tree. µs per call, best of `--rounds` rounds of ~10 ms each, so the
 * ratios within one run are meaningful. Long values also show ns per character. Each value is
 * passed as a slice of a message text, as the envelope passes it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compileFormat } from '../src/notation/compile.js';
import type { CompileOptions, CompiledFormat, NotationContext } from '../src/notation/types.js';
import { defaultNotationContext } from '../src/spec/code-tables.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const rounds = Number(arg('--rounds') ?? 15);
const filter = arg('--filter');
const ref = arg('--ref');

const ctx = defaultNotationContext();
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Cases

interface Case {
  readonly label: string;
  readonly notation: string;
  readonly value: string;
  readonly options?: CompileOptions;
  /** Long value: also print ns per character. */
  readonly long?: boolean;
}

const SIG =
  'J9QOzrTa8+hHdRTgs7a6rYbbz50CeV4sTNYnFjZBmm17I62WJ8iALSlKtKbdJoknzkEyYGkkCf8dNOXEDU/HR/AyJCI65BYs3ONQdBBo1cCyaF52v7GTmc39vGNQ/I0b+T+LtBX1yR+J+bOw3L3GbZgv2cQKpF7uWDi/ogWC1k3prVaeaM7qEXusA8lLaYW81CJgV6KG8zz2KfUD+PR5E4Obgp0ophQW8MUT8gA+wD+COj+7PlMVaNdXNZJBq7skYo6e4NEnx3WL6KWAcBT4ZGL+ZyPc5fxHHDgbdfmxMTlKX6LFgV8+jsiF2unDPLv5ckbJXc+Dt+p6KMKf6PgUcQ==';
const SGC_LINE = 'HaEbyOAMXXg8+WpI7vjE0DY7dW04X41VBoJixHKyfIH9T3kmP5bJq4yLo8MdMfkW';
/** A 77E-style line of 78 GB18030 bytes: Chinese, digits, punctuation. */
const G_LINE = '关于我行2026年11月23日汇出款（支付交易序号2026112300000871），汇款人另有';
const ASCII_LINE = 'PAYMENT FOR INVOICE HX2026-1187 ELECTRONIC COMPONENTS AND SPARE PARTS 2026 NOV';

const CASES: readonly Case[] = [
  // envelope (src/spec/envelope.ts)
  { label: '{119} FMT3!n', notation: 'FMT3!n', value: 'FMT100' },
  { label: '{108} 16x', notation: '16x', value: 'HX2026INV1187' },
  { label: '{113} 4!x', notation: '4!x', value: 'URGT' },
  { label: '{DSN} 32h', notation: '32h', value: 'E8DD0CE5069F0042457DCA5AA9DB9302' },
  { label: '{CHK} 12!h', notation: '12!h', value: '7D1C9662AD27' },
  { label: '{PDE} [4!n6!n28!c]', notation: '[4!n6!n28!c]', value: '1640261123261123CFXPCNBJAXXX0001000089' },
  { label: '{TNG} (empty)', notation: '', value: '' },
  { label: '{SIG} 4096b (344 chars)', notation: '4096b', value: SIG, long: true },
  // block 4 / block 6 tags (src/spec/tags.ts)
  { label: ':11S: 3!n CRLF DATE', notation: '3!n CRLF DATE', value: '100\r\n20261123' },
  { label: ':12: 3!n', notation: '3!n', value: '010' },
  { label: ':19: 17d', notation: '17d', value: '3750000,00' },
  { label: ':20: REF', notation: 'REF', value: '2026112399000131' },
  { label: ':23B: 4!c', notation: '4!c', value: 'CRED' },
  { label: ':23D: DC', notation: 'DC', value: 'D' },
  { label: ':23S: PSTAT', notation: 'PSTAT', value: '02' },
  { label: ':25: ACCT', notation: 'ACCT', value: 'FXUSD110000000102' },
  { label: ':26T: BKIND', notation: 'BKIND', value: '002' },
  { label: ':28: 5n[/5n]', notation: '5n[/5n]', value: '152/1', options: { names: ['statementNumber', 'sequenceNumber'] } },
  { label: ':30: DATE', notation: 'DATE', value: '20261123' },
  { label: ':30T: DATE TIME', notation: 'DATE TIME', value: '20261123153000' },
  { label: ':32A: DATE CCY AMOUNT', notation: 'DATE CCY AMOUNT', value: '20261123USD1000,00' },
  { label: ':32A: DATE CCY AMOUNT (2)', notation: 'DATE CCY AMOUNT', value: '20261123USD125000,00' },
  { label: ':32B: CCY AMOUNT', notation: 'CCY AMOUNT', value: 'USD2500000,00', options: { names: ['currency', 'amount'] } },
  { label: ':36: 12d', notation: '12d', value: '154,325' },
  {
    label: ':50K: /ACCT CRLF 4*35x',
    notation: '/ACCT CRLF 4*35x',
    value: '/0200001409012345678\r\nBEIJING HUAXIN ELECTRONICS CO LTD\r\n18 JIUXIANQIAO ROAD CHAOYANG\r\nBEIJING',
  },
  { label: ':50K: [/ACCT] CRLF 4*35x', notation: '[/ACCT] CRLF 4*35x', value: 'BEIJING HUAXIN ELECTRONICS CO LTD\r\n18 JIUXIANQIAO ROAD\r\nBEIJING' },
  { label: ':52A: BIC', notation: 'BIC', value: 'PCBCCNBJSHX' },
  { label: ':60F: DC DATE CCY AMOUNT', notation: 'DC DATE CCY AMOUNT', value: 'C20261123USD12500000,00' },
  { label: ':70: 4*35x', notation: '4*35x', value: '/INV/HX2026-1187\r\nELECTRONIC COMPONENTS' },
  { label: ':71A: 3!a', notation: '3!a', value: 'SHA' },
  { label: ':71G: 3!a AMOUNT', notation: '3!a AMOUNT', value: 'JPY4500,' },
  { label: ':72: 6*35x', notation: '6*35x', value: '/RETN/BENEFICIARY ACCOUNT CLOSED\r\n/MREF/2026112000000088' },
  { label: ':75: 6*35g', notation: '6*35g', value: '来账汇款人为九龍倉集團有限公司，\r\n收款人户名与账号不符，请核实。' },
  { label: ':76: /4!c/[29g] [CRLF 5*35g]', notation: '/4!c/[29g] [CRLF 5*35g]', value: '/RETN/同意退汇\r\n退汇序号2026112300000233' },
  { label: ':77B: /ACCNAT/ACCNAT', notation: '/ACCNAT/ACCNAT', value: '/ACCNAT/01' },
  {
    label: ':79: 35*50g',
    notation: '35*50g',
    value:
      '关于我行2026年11月23日汇出款（支付交易序号\r\n2026112300000871），汇款人另有一笔款项需汇往\r\n閩信集團有限公司，请贵行协助确认香港收款行\r\n路由信息。联系人：王𬱖，电话010-66596688。',
  },
  { label: ':90C: 5n CCY AMOUNT', notation: '5n CCY AMOUNT', value: '9USD2150000,00', options: { names: ['count', 'currency', 'amount'] } },
  { label: ':ONM: 60g', notation: '60g', value: '广州岭南纺织品进出口有限公司' },
  { label: ':OAD: 2*60g', notation: '2*60g', value: '香港九龍尖沙咀廣東道5號海港城海洋中心16樓' },
  { label: ':BAD: 4*60g', notation: '4*60g', value: '上海市浦东新区张江路1000号' },
  // 77E items
  { label: 'AMT AMOUNT', notation: 'AMOUNT', value: '2500000,00' },
  { label: 'CCY CCY', notation: 'CCY', value: 'USD' },
  { label: 'CTM TIME', notation: 'TIME', value: '163000' },
  { label: 'CDN 20g', notation: '20g', value: '2027年元旦假期' },
  { label: 'CDP 1!n', notation: '1!n', value: '2' },
  { label: 'CDT 2!n', notation: '2!n', value: '02' },
  { label: 'CDV 10*35g', notation: '10*35g', value: '20270101-20270103 元旦放假三天\r\n20270104 正常营业' },
  { label: 'CHT 1!a', notation: '1!a', value: 'A' },
  { label: 'NUM 8n', notation: '8n', value: '1520' },
  { label: 'QSN 3n', notation: '3n', value: '17' },
  { label: 'FEE 3!a AMOUNT', notation: '3!a AMOUNT', value: 'CNY23256,00' },
  { label: 'FIC 14x', notation: '14x', value: 'C1333000008017' },
  { label: 'RMK 30g', notation: '30g', value: '停办瑞士法郎业务，申请销户' },
  { label: 'SGC 64*64b (3 lines)', notation: '64*64b', value: [SGC_LINE, SGC_LINE, SGC_LINE].join('\r\n') },
  // long values
  { label: 'long 4096b (4096 chars)', notation: '4096b', value: SIG.repeat(12).slice(0, 4092) + 'AA==', long: true },
  { label: 'long 64*64b (64 lines)', notation: '64*64b', value: Array(64).fill(SGC_LINE).join('\r\n'), long: true },
  { label: 'long 9999*78g ASCII (100 lines)', notation: '9999*78g', value: Array(100).fill(ASCII_LINE).join('\r\n'), long: true },
  { label: 'long 9999*78g Chinese (100 lines)', notation: '9999*78g', value: Array(100).fill(G_LINE).join('\r\n'), long: true },
  { label: 'long 35*50g Chinese (35 lines)', notation: '35*50g', value: Array(35).fill(G_LINE.slice(0, 25)).join('\r\n'), long: true },
];

/**
 * Per call, µs: the pre-optimization code (commit 43c375e, as `--ref 43c375e` measures it), best of
 * three runs of this benchmark, Node 20.20, on the 2 shared cores this was written on.
 */
const BEFORE: Readonly<Record<string, number>> = {
  '{119} FMT3!n': 0.739,
  '{108} 16x': 0.94,
  '{113} 4!x': 0.717,
  '{DSN} 32h': 1.28,
  '{CHK} 12!h': 0.848,
  '{PDE} [4!n6!n28!c]': 2.76,
  '{TNG} (empty)': 0.068,
  '{SIG} 4096b (344 chars)': 7.75,
  ':11S: 3!n CRLF DATE': 1.66,
  ':12: 3!n': 0.695,
  ':19: 17d': 1.09,
  ':20: REF': 1.06,
  ':23B: 4!c': 0.735,
  ':23D: DC': 0.703,
  ':23S: PSTAT': 0.728,
  ':25: ACCT': 1.08,
  ':26T: BKIND': 0.744,
  ':28: 5n[/5n]': 1.43,
  ':30: DATE': 0.861,
  ':30T: DATE TIME': 1.81,
  ':32A: DATE CCY AMOUNT': 2.81,
  ':32A: DATE CCY AMOUNT (2)': 2.86,
  ':32B: CCY AMOUNT': 1.99,
  ':36: 12d': 1.04,
  ':50K: /ACCT CRLF 4*35x': 4.64,
  ':50K: [/ACCT] CRLF 4*35x': 3.17,
  ':52A: BIC': 0.297,
  ':60F: DC DATE CCY AMOUNT': 3.71,
  ':70: 4*35x': 2.03,
  ':71A: 3!a': 0.713,
  ':71G: 3!a AMOUNT': 1.67,
  ':72: 6*35x': 2.33,
  ':75: 6*35g': 2.36,
  ':76: /4!c/[29g] [CRLF 5*35g]': 3.06,
  ':77B: /ACCNAT/ACCNAT': 0.802,
  ':79: 35*50g': 5.63,
  ':90C: 5n CCY AMOUNT': 2.76,
  ':ONM: 60g': 1.29,
  ':OAD: 2*60g': 1.43,
  ':BAD: 4*60g': 1.21,
  'AMT AMOUNT': 1.15,
  'CCY CCY': 0.756,
  'CTM TIME': 0.888,
  'CDN 20g': 1.02,
  'CDP 1!n': 0.694,
  'CDT 2!n': 0.754,
  'CDV 10*35g': 2.38,
  'CHT 1!a': 0.682,
  'NUM 8n': 0.785,
  'QSN 3n': 0.724,
  'FEE 3!a AMOUNT': 1.95,
  'FIC 14x': 1.09,
  'RMK 30g': 1.27,
  'SGC 64*64b (3 lines)': 5.9,
  'long 4096b (4096 chars)': 83.4,
  'long 64*64b (64 lines)': 112,
  'long 9999*78g ASCII (100 lines)': 214,
  'long 9999*78g Chinese (100 lines)': 186,
  'long 35*50g Chinese (35 lines)': 46.4,
  '(mixed, per value)': 1.83,
};

// ---------------------------------------------------------------------------------------------
// Timing

let sink = 0;

/**
 * µs per call of `fn`: the best of `rounds` rounds of about 10 ms each. The best, not the median:
 * on a shared machine other work only ever adds time, and the minimum is what repeats.
 */
function time(fn: () => unknown): number {
  // calibrate
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (fn() !== undefined) sink++;
    const dt = performance.now() - t0;
    if (dt > 5) {
      n = Math.max(1, Math.round((n * 10) / dt));
      break;
    }
    n *= 4;
  }
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (fn() !== undefined) sink++;
    times.push(((performance.now() - t0) * 1000) / n);
  }
  return Math.min(...times);
}

// ---------------------------------------------------------------------------------------------
// The reference implementation (an older commit's src/notation), extracted from git

type Compile = (notation: string, options?: CompileOptions) => CompiledFormat;

async function loadRef(commit: string): Promise<Compile | undefined> {
  const git = (...a: string[]): string => execFileSync('git', a, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  const files = git('ls-tree', '--name-only', commit, 'src/notation/').split('\n').filter((f) => f.endsWith('.ts'));
  const changed = git('diff', '--name-only', commit, '--', 'src/notation/').trim();
  if (changed === '') {
    console.log(`(--ref ${commit}: src/notation is unchanged from it; no ref column)`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cfxps-notation-ref-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'notation'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  for (const f of files) {
    // Imports out of src/notation point at the working tree; packages at this project's copies.
    const src = git('show', `${commit}:${f}`).replace(/(from\s+|import\s*\(\s*)'([^'.][^']*|\.\.\/[^']+)'/g, (_m, pre: string, p: string) => {
      const target = p.startsWith('../') ? pathToFileURL(join(repo, 'src', p.slice(3))).href : import.meta.resolve(p);
      return `${pre}'${target}'`;
    });
    writeFileSync(join(dir, 'notation', f.slice('src/notation/'.length)), src);
  }
  const mod = (await import(pathToFileURL(join(dir, 'notation', 'compile.ts')).href)) as { compileFormat: Compile };
  return mod.compileFormat;
}

// ---------------------------------------------------------------------------------------------

const refCompile = ref !== undefined ? await loadRef(ref) : undefined;

const fmt = (v: number | undefined): string => (v === undefined ? '' : v < 10 ? v.toFixed(3) : v.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '' : `${(a / b).toFixed(1)}×`);

console.log(`Node ${process.version}; µs per call (best of ${rounds} rounds)\n`);
console.log(`| value | before | ${refCompile !== undefined ? 'ref | ' : ''}parse | test | before/parse | ns/char (parse) |`);
console.log(`|---|---:|${refCompile !== undefined ? '---:|' : ''}---:|---:|---:|---:|`);

/**
 * The value as the envelope hands it over: a slice of the message text (V8 makes a slice of 13 or
 * more characters a "sliced string", which reads a little slower than a flat one).
 */
function asInMessage(value: string): string {
  const message = `{1:F01BKCHCNBJAXXX0001000123}{4:\r\n:79:${value}\r\n-}`;
  const at = message.indexOf(':79:') + 4;
  return message.slice(at, at + value.length);
}

const json: Record<string, number> = {};
for (const original of CASES) {
  if (filter !== undefined && !original.label.includes(filter)) continue;
  const c = { ...original, value: asInMessage(original.value) };
  const f = compileFormat(c.notation, c.options);
  const check = f.parse(c.value, ctx);
  if (check.problems.length > 0 || check.value === undefined) {
    throw new Error(`${c.label}: the value is not valid: ${JSON.stringify(check.problems)}`);
  }
  const withTest = f as CompiledFormat & { test?: (raw: string, ctx: NotationContext) => boolean };
  if (withTest.test !== undefined && !withTest.test(c.value, ctx)) throw new Error(`${c.label}: test() says invalid`);
  let refUs: number | undefined;
  if (refCompile !== undefined) {
    const g = refCompile(c.notation, c.options);
    refUs = time(() => g.parse(c.value, ctx));
  }
  const parseUs = time(() => f.parse(c.value, ctx));
  const testUs = withTest.test !== undefined ? time(() => withTest.test!(c.value, ctx)) : undefined;
  json[c.label] = Number(parseUs.toFixed(4));
  const before = BEFORE[c.label];
  const perChar = c.long === true ? ((parseUs * 1000) / c.value.length).toFixed(2) : '';
  console.log(
    `| ${c.label} | ${fmt(before)} | ${refCompile !== undefined ? `${fmt(refUs)} | ` : ''}${fmt(parseUs)} | ${fmt(testUs)} | ${ratio(before, parseUs)} | ${perChar} |`,
  );
}

// A message-like mix: every short case once per pass (formats interleaved, as in validation).
const mix = CASES.filter((c) => c.long !== true && (filter === undefined || c.label.includes(filter))).map((c) => ({
  notation: c.notation,
  options: c.options,
  v: asInMessage(c.value),
}));
if (mix.length > 0) {
  const perValue = (compile: Compile, method: 'parse' | 'test'): number => {
    const fs = mix.map((m) => ({ f: compile(m.notation, m.options) as CompiledFormat & { test?: CompiledFormat['test'] }, v: m.v }));
    const us = time(() => {
      for (const m of fs) sink += method === 'parse' ? m.f.parse(m.v, ctx).problems.length : m.f.test!(m.v, ctx) ? 1 : 0;
    });
    return us / mix.length;
  };
  const parseUs = perValue(compileFormat, 'parse');
  const testUs = perValue(compileFormat, 'test');
  const refUs = refCompile !== undefined ? perValue(refCompile, 'parse') : undefined;
  const before = BEFORE['(mixed, per value)'];
  console.log(
    `\nmixed pass over ${mix.length} short values, µs per value: before ${fmt(before)}` +
      `${refUs !== undefined ? `, ref ${fmt(refUs)}` : ''}, parse ${fmt(parseUs)}, test ${fmt(testUs)} (before/parse ${ratio(before, parseUs)})`,
  );
  json['(mixed, per value)'] = Number(parseUs.toFixed(4));
}
if (args.includes('--json')) console.log(JSON.stringify(json));
if (sink === -1) console.log(sink);
