/**
 * `cfxps`: the command line. Parses the arguments (`util.parseArgs`), dispatches to a command
 * (`commands/*.ts`), and turns every failure into one line on stderr and an exit status:
 *
 *   0  done, nothing wrong found
 *   1  done, problems found in the messages (errors; warnings alone do not count)
 *   2  usage error, unreadable input, bad JSON for build, or any other failure
 *
 * No stack trace is ever printed for bad input; set CFXPS_DEBUG=1 to see one for a failure that
 * looks like a bug.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Encoding, ParseMode } from './adapter.js';
import { CliError, OutputClosed } from './input.js';
import { parseJobs } from './jobs.js';
import { codecFor, tablesPath } from './tables.js';
import type { Lang, RunStats } from './report.js';
import { statsJson } from './report.js';
import { parseCommand } from './commands/parse.js';
import { buildCommand } from './commands/build.js';
import { validateCommand } from './commands/validate.js';
import { describeCommand, listCommand } from './commands/describe.js';
import { typesCommand } from './commands/types.js';
import { correlateCommand } from './commands/correlate.js';

export const VERSION = '0.1.0';

/** The options every command may take, already checked. */
export interface CommonOptions {
  readonly mode: ParseMode;
  /** Input encoding (parse, validate) or output encoding (build); undefined: detect / default. */
  readonly encoding?: Encoding;
  readonly jobs: number;
  readonly lang: Lang;
  readonly color: 'auto' | 'always' | 'never';
  readonly quiet: boolean;
  readonly output?: string;
  readonly maxMessageBytes: number;
  /** `--tables`: absolute path of a bank's tables file (loaded and checked already); none: shipped tables. */
  readonly tables?: string;
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandResult {
  readonly exitCode: number;
  readonly stats?: RunStats;
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];

export interface CommandDef {
  readonly name: string;
  readonly summary: string;
  /** Usage line(s) after `cfxps `. */
  readonly usage: readonly string[];
  readonly description: string;
  /** Common options this command takes. */
  readonly common: readonly CommonName[];
  /** The command's own options, with their help: [spec, "--flag VALUE", "what it does"]. */
  readonly options: Readonly<Record<string, readonly [OptionSpec, string, string]>>;
  readonly examples: readonly (readonly [string, string])[];
  run(args: { readonly common: CommonOptions; readonly values: OptionValues; readonly positionals: readonly string[] }): Promise<CommandResult>;
}

const COMMON = {
  mode: [{ type: 'string' }, '--mode strict|lenient', 'strict (default) rejects what the grammar does not define; lenient accepts bare LF, unknown blocks and tags, block order, a missing trailer, as warnings'],
  encoding: [{ type: 'string' }, '--encoding gb18030|utf8', 'encoding of the message files (default: detected per input — valid UTF-8 with non-ASCII is UTF-8, anything else GB18030)'],
  jobs: [{ type: 'string', short: 'j' }, '-j, --jobs N|auto', 'worker threads for large batches (default 1; auto = one per CPU); output order stays the input order'],
  lang: [{ type: 'string' }, '--lang en|zh', 'language of messages and reports (default en)'],
  color: [{ type: 'string' }, '--color auto|always|never', 'colour the report (default auto: only when stdout is a terminal and NO_COLOR is not set)'],
  quiet: [{ type: 'boolean', short: 'q' }, '-q, --quiet', 'no progress bar and no summary line on stderr'],
  output: [{ type: 'string', short: 'o' }, '-o, --output FILE', 'write to FILE instead of standard output'],
  maxMessageSize: [{ type: 'string' }, '--max-message-size N[K|M]', 'longest message accepted (default 16M); a longer span is reported, not buffered'],
  tables: [{ type: 'string' }, '--tables FILE', "a bank's corrected tables: JSON with the options of createCodec (fmts, tags, currencies, codeTables, envelope, …); default the shipped V1.4 tables"],
} as const satisfies Record<string, readonly [OptionSpec, string, string]>;

export type CommonName = keyof typeof COMMON;

/** Long option names of the common options. */
const COMMON_FLAG: Readonly<Record<CommonName, string>> = {
  mode: 'mode',
  encoding: 'encoding',
  jobs: 'jobs',
  lang: 'lang',
  color: 'color',
  quiet: 'quiet',
  output: 'output',
  maxMessageSize: 'max-message-size',
  tables: 'tables',
};

const COMMANDS: readonly CommandDef[] = [parseCommand, buildCommand, validateCommand, correlateCommand, describeCommand, listCommand, typesCommand];

// --- help ----------------------------------------------------------------------------------------

function optionTable(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.min(30, Math.max(...rows.map((r) => r[0].length)) + 2);
  const out: string[] = [];
  for (const [flag, text] of rows) {
    if (flag.length + 2 > width) out.push(`  ${flag}`, `  ${' '.repeat(width)}${text}`);
    else out.push(`  ${flag.padEnd(width)}${text}`);
  }
  return out;
}

export function commandHelp(cmd: CommandDef): string {
  const rows: [string, string][] = [];
  for (const [, flag, text] of Object.values(cmd.options)) rows.push([flag, text]);
  for (const name of cmd.common) rows.push([COMMON[name][1], COMMON[name][2]]);
  rows.push(['-h, --help', 'show this help']);
  const lines = [
    `Usage: ${cmd.usage.map((u, i) => (i === 0 ? `cfxps ${u}` : `       cfxps ${u}`)).join('\n')}`,
    '',
    cmd.description,
    '',
    'Options:',
    ...optionTable(rows),
    '',
    'Examples:',
    ...cmd.examples.flatMap(([c, what]) => [`  # ${what}`, `  ${c}`]),
    '',
    'Exit status: 0 nothing wrong found · 1 problems found in the messages · 2 usage or I/O error.',
  ];
  return lines.join('\n') + '\n';
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return [
    `cfxps ${VERSION} — parse, validate and build CFXPS (境内外币支付系统) messages, PBOC V1.4`,
    '',
    'Usage: cfxps <command> [options] [FILE|DIR|GLOB|-]…',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}help for a command (cfxps help validate)`,
    '',
    'Examples:',
    '  cfxps validate inbox/                       # every .fin/.txt/.msg file below inbox/',
    "  cfxps parse 'archive/**/*.fin' > all.ndjson  # JSON lines, one per message",
    '  cfxps parse day.fin | cfxps build - > copy.fin   # byte-identical copy',
    '  cfxps describe FMT100                       # the field table of a format',
    '',
    'Run `cfxps <command> --help` for the options of a command. Exit status: 0 nothing wrong',
    'found · 1 problems found in the messages · 2 usage or I/O error.',
  ].join('\n') + '\n';
}

// --- option values -------------------------------------------------------------------------------

function choice<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const v = String(value).toLowerCase();
  const alias: Record<string, string> = { 'utf-8': 'utf8', gb18030: 'gb18030', 'gb-18030': 'gb18030', cn: 'zh', 'zh-cn': 'zh', chinese: 'zh', english: 'en' };
  const norm = (alias[v] ?? v) as T;
  if (!allowed.includes(norm)) throw new CliError(`--${flag} must be ${allowed.join(' or ')}, not '${String(value)}'`);
  return norm;
}

/** `16M`, `512K`, `1048576` → bytes. */
function parseSize(flag: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^([0-9]+)([kKmMgG]?)[iI]?[bB]?$/.exec(String(value));
  if (m === null) throw new CliError(`--${flag} must be a size such as 16M or 512K, not '${String(value)}'`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase()] ?? 1;
  const n = Number(m[1]) * unit;
  if (n < 64) throw new CliError(`--${flag} is too small (${n} bytes); a message has at least 64 bytes`);
  return n;
}

function commonOptions(values: OptionValues): CommonOptions {
  const enc = values['encoding'];
  const envLang = process.env['CFXPS_LANG'];
  const lang = choice<Lang>('lang', values['lang'] ?? (envLang === '' ? undefined : envLang), ['en', 'zh'], 'en');
  const o: { -readonly [K in keyof CommonOptions]: CommonOptions[K] } = {
    mode: choice<ParseMode>('mode', values['mode'], ['strict', 'lenient'], 'strict'),
    jobs: parseJobs(values['jobs'] === undefined ? undefined : String(values['jobs'])),
    lang,
    color: choice('color', values['color'], ['auto', 'always', 'never'] as const, 'auto'),
    quiet: values['quiet'] === true,
    maxMessageBytes: parseSize('max-message-size', values['max-message-size'], 16 * 1024 * 1024),
  };
  if (enc !== undefined) o.encoding = choice<Encoding>('encoding', enc, ['gb18030', 'utf8'], 'gb18030');
  if (typeof values['output'] === 'string') o.output = values['output'];
  const tables = tablesPath(values['tables']);
  if (tables !== undefined) {
    codecFor(tables); // a bad file stops the run here, before any input is read
    o.tables = tables;
  }
  return o;
}

// --- main ----------------------------------------------------------------------------------------

function usageError(message: string, command?: string): CliError {
  return new CliError(`${message} (see cfxps ${command === undefined ? '' : `${command} `}--help)`);
}

async function run(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(mainHelp());
    return 2;
  }
  if (first === '-h' || first === '--help') {
    process.stdout.write(mainHelp());
    return 0;
  }
  if (first === '-v' || first === '--version' || first === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (first === 'help') {
    const target = COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && target === undefined) throw usageError(`unknown command '${rest[0]}'`);
    process.stdout.write(target === undefined ? mainHelp() : commandHelp(target));
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === first);
  if (cmd === undefined) {
    const near = COMMANDS.find((c) => c.name.startsWith(first.slice(0, 3)));
    throw usageError(`unknown command '${first}'${near === undefined ? '' : ` — did you mean '${near.name}'?`}`);
  }
  const options: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h' }, stats: { type: 'boolean' } };
  for (const [name, [spec]] of Object.entries(cmd.options)) options[name] = spec;
  for (const name of cmd.common) options[COMMON_FLAG[name]] = COMMON[name][0];
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (err) {
    const msg = err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option') : String(err);
    throw usageError(msg, cmd.name);
  }
  if (parsed.values['help'] === true) {
    process.stdout.write(commandHelp(cmd));
    return 0;
  }
  const common = commonOptions(parsed.values);
  const result = await cmd.run({ common, values: parsed.values, positionals: parsed.positionals });
  if (parsed.values['stats'] === true) {
    const usage = process.resourceUsage();
    const stats = {
      ...(result.stats === undefined ? {} : statsJson(result.stats)),
      maxRssBytes: usage.maxRSS * 1024,
      userCpuMs: Math.round(usage.userCPUTime / 1000),
      systemCpuMs: Math.round(usage.systemCPUTime / 1000),
    };
    process.stderr.write(`${JSON.stringify({ stats })}\n`);
  }
  return result.exitCode;
}

function oneLine(s: string): string {
  // Split and trim rather than /\s*\n\s*/g, which is quadratic on long runs of spaces.
  return s
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (err) {
    if (err instanceof OutputClosed) {
      code = 0;
    } else if (err instanceof CliError) {
      process.stderr.write(`cfxps: ${oneLine(err.message)}\n`);
      code = err.exitCode;
    } else {
      const e = err instanceof Error ? err : new Error(String(err));
      const debug = process.env['CFXPS_DEBUG'];
      if (debug !== undefined && debug !== '' && debug !== '0') process.stderr.write(`${e.stack ?? e.message}\n`);
      const msg = e instanceof RangeError && /call stack/i.test(e.message) ? 'the input is nested too deeply' : oneLine(e.message);
      process.stderr.write(`cfxps: ${msg} (unexpected; if the input looks fine, please report it, with CFXPS_DEBUG=1 for details)\n`);
      code = 2;
    }
  }
  // Let stdout drain before exiting (it may be a pipe).
  process.exitCode = code;
  if (process.stdout.writableLength > 0) {
    await new Promise<void>((resolve) => {
      process.stdout.once('drain', resolve);
      process.stdout.once('error', resolve);
    });
  }
  process.exit(code);
}

process.on('uncaughtException', (err) => {
  if ((err as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
  process.stderr.write(`cfxps: ${oneLine(err.message)} (unexpected; please report it, with CFXPS_DEBUG=1 for details)\n`);
  process.exit(2);
});

void main();
