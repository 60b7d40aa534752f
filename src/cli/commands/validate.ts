/**
 * `cfxps validate`: a report of every problem in message files — the envelope's (S, E) and the
 * typed layer's validation (V values, F fields, R rules). Human report (default): per
 * message with problems, each diagnostic with its code, `file:line:column`, its text in English
 * or Chinese and a code frame with carets under the offending characters. `--format json`: one
 * JSON line per message (index, source, fmt, mt, ok, diagnostics), then a `{"summary": …}` line.
 */
import type { CommandDef } from '../main.js';
import { CliError, Output } from '../input.js';
import { runPipeline } from '../jobs.js';
import { statsJson, summaryLine, useColor } from '../report.js';
import { messageInputs } from './parse.js';

export const validateCommand: CommandDef = {
  name: 'validate',
  summary: 'report every problem, with code, position and a code frame (exit 1 when there are errors)',
  usage: ['validate [options] FILE|DIR|GLOB|-…'],
  description: [
    'Checks every message — envelope (S, E), values (V), fields of its FMT table (F) and rules (R) — and',
    'reports each diagnostic with its code (docs/diagnostics.md), its position',
    '(file:line:column in the file) and the offending line with carets under the columns it covers.',
    'Only messages with problems are listed (all with --verbose). A summary line goes to stderr.',
    'Exit status 0 when no message has an error (warnings alone are fine), 1 when one has, 2 on usage',
    'or I/O errors.',
  ].join('\n'),
  common: ['mode', 'encoding', 'jobs', 'lang', 'color', 'quiet', 'output', 'maxMessageSize', 'tables'],
  options: {
    format: [{ type: 'string', short: 'f' }, '-f, --format human|json', 'human report (default) or JSON lines for machines'],
    verbose: [{ type: 'boolean' }, '--verbose', 'also list the messages without problems, and every diagnostic (not only the first 20 of a message)'],
  },
  examples: [
    ['cfxps validate inbox/', 'every message file below inbox/'],
    ['cfxps validate --lang zh day.fin', 'the report in Chinese'],
    ['cfxps validate --mode lenient legacy.txt', 'accept bare LF line breaks etc. as warnings'],
    ['cfxps validate --format json day.fin | jq -c \'select(.ok == false)\'', 'the bad messages, for a script'],
    ['cat day.fin | cfxps validate -', 'from standard input'],
  ],
  async run({ common, values, positionals }) {
    const format = values['format'] === undefined ? 'human' : String(values['format']).toLowerCase();
    if (format !== 'human' && format !== 'json') throw new CliError(`--format must be human or json, not '${String(values['format'])}'`);
    const inputs = await messageInputs(positionals, 'validate');
    const out = new Output(common.output);
    const color = useColor(common.color, out.isTTY);
    const stats = await runPipeline(
      inputs,
      {
        command: 'validate',
        mode: common.mode,
        raw: false,
        format,
        lang: common.lang,
        color,
        verbose: values['verbose'] === true,
        width: out.isTTY && process.stdout.columns !== undefined ? Math.max(40, process.stdout.columns - 10) : 100,
        ...(common.tables === undefined ? {} : { tables: common.tables }),
      },
      {
        jobs: common.jobs,
        encoding: common.encoding,
        maxMessageBytes: common.maxMessageBytes,
        progress: !common.quiet && process.stderr.isTTY === true,
        sink: async (p) => {
          if (p.out.length > 0) await out.write(p.out);
        },
      },
    );
    if (format === 'json') await out.write(JSON.stringify({ summary: statsJson(stats) }) + '\n');
    await out.close();
    if (!common.quiet) process.stderr.write(summaryLine(stats, common.lang) + '\n');
    return { exitCode: stats.withErrors > 0 ? 1 : 0, stats };
  },
};
