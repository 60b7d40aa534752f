/**
 * `cfxps parse`: message files → JSON. One message in all → one pretty-printed JSON record;
 * more → NDJSON (one record per line). The record (`MessageRecord`, adapter.ts) holds where the
 * message stood, every diagnostic (envelope and validation), the typed headers and body (decimals
 * as exact strings) and the envelope AST; `cfxps build` turns it back into the exact bytes.
 * `--raw`: the envelope stage only.
 */
import { Buffer } from 'node:buffer';
import type { CommandDef } from '../main.js';
import { CliError, expandInputs, MESSAGE_EXTENSIONS, Output, type Input } from '../input.js';
import { runPipeline } from '../jobs.js';
import { summaryLine } from '../report.js';

/** The inputs of a message command: the arguments, or stdin when it is piped and none are given. */
export async function messageInputs(positionals: readonly string[], command: string): Promise<Input[]> {
  if (positionals.length === 0) {
    if (process.stdin.isTTY !== true) return [{ kind: 'stdin', name: '-' }];
    throw new CliError(`no input: name files, directories or globs, or - for standard input (see cfxps ${command} --help)`);
  }
  return expandInputs(positionals, MESSAGE_EXTENSIONS);
}

export const parseCommand: CommandDef = {
  name: 'parse',
  summary: 'message files → JSON (one record) or NDJSON (one record per line), with diagnostics',
  usage: ['parse [options] FILE|DIR|GLOB|-…'],
  description: [
    'Reads CFXPS messages (many per file, back to back) and writes one JSON record per message: index,',
    'source (file, index, byte offset, line, column), encoding, fmt, mt, ok, diagnostics (envelope S/E and',
    'validation V/F/R), headers, the typed body (amounts as exact decimal strings) and the envelope AST.',
    'One message in all gives one pretty-printed object; more give NDJSON. `cfxps build` turns the records',
    'back into the exact input bytes (or, for an edited body, a canonical message). Directories are read',
    'recursively (*.fin, *.txt, *.msg).',
  ].join('\n'),
  common: ['mode', 'encoding', 'jobs', 'lang', 'quiet', 'output', 'maxMessageSize', 'tables'],
  options: {
    raw: [{ type: 'boolean' }, '--raw', 'the envelope only: no headers, no body, envelope diagnostics only (skip the typed message layer)'],
    ndjson: [{ type: 'boolean' }, '--ndjson', 'always NDJSON, even for a single message'],
  },
  examples: [
    ['cfxps parse fixtures/valid/fmt100-mt103-domestic-credit.fin', 'one message as pretty JSON'],
    ['cfxps parse day.fin > day.ndjson', 'a day file as NDJSON'],
    ["cfxps parse --jobs auto 'archive/**/*.fin' -o archive.ndjson", 'a whole archive, on every CPU'],
    ['cfxps parse day.fin | jq -c \'select(.ok | not) | .diagnostics[0]\'', 'first problem of each bad message'],
    ['cfxps parse day.fin | jq -r \'select(.fmt == "FMT100") | .body.valueDateCurrencyAmount.amount\'', 'exact amounts from the typed body'],
    ['cfxps parse day.fin | cfxps build - | cmp - day.fin', 'round trip: identical bytes'],
  ],
  async run({ common, values, positionals }) {
    const inputs = await messageInputs(positionals, 'parse');
    const out = new Output(common.output);
    const ndjson = values['ndjson'] === true;
    let held: string | Uint8Array | undefined;
    let count = 0;
    const stats = await runPipeline(
      inputs,
      {
        command: 'parse',
        mode: common.mode,
        raw: values['raw'] === true,
        format: 'json',
        lang: common.lang,
        color: false,
        verbose: false,
        width: 100,
        ...(common.tables === undefined ? {} : { tables: common.tables }),
      },
      {
        jobs: common.jobs,
        encoding: common.encoding,
        maxMessageBytes: common.maxMessageBytes,
        progress: !common.quiet && process.stderr.isTTY === true,
        sink: async (p) => {
          count++;
          if (count === 1 && !ndjson) {
            held = p.out; // pretty if it stays the only one
            return;
          }
          if (held !== undefined) {
            await out.write(held);
            held = undefined;
          }
          await out.write(p.out);
        },
      },
    );
    if (held !== undefined) {
      const text = typeof held === 'string' ? held : Buffer.from(held.buffer, held.byteOffset, held.byteLength).toString('utf8');
      await out.write(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    }
    await out.close();
    if (!common.quiet) process.stderr.write(summaryLine(stats, common.lang) + '\n');
    return { exitCode: stats.withErrors > 0 ? 1 : 0, stats };
  },
};
