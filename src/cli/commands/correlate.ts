/**
 * `cfxps correlate`: which message each answer, confirmation and query refers to (`ORF`, `OSN`,
 * `21`, … by the tables' `refersTo`), across all the inputs, and which references name no
 * message there — the reconciliation question "which payment does this confirmation confirm,
 * and what is missing". Messages are streamed; only their references and reference values are
 * kept (`Correlator`), so a day's file need not fit in memory.
 */
import type { CommandDef } from '../main.js';
import { Correlator, type MessageLink } from '../../message/references.js';
import { listCategories } from '../adapter.js';
import { CliError, Output, readMessages } from '../input.js';
import type { Lang } from '../report.js';
import { codecFor } from '../tables.js';
import { messageInputs } from './parse.js';

/** Where a message stands, for the report. */
interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fmt: string;
}

const utf8 = new TextDecoder('utf-8');

export const correlateCommand: CommandDef = {
  name: 'correlate',
  summary: 'link answers, confirmations and queries to the messages they name; list those not found',
  usage: ['correlate [options] FILE|DIR|GLOB|-…'],
  description: [
    'Reads every message of the inputs and links each reference one makes — a confirmation\'s ORF, a',
    'payment status\'s OSN, an answer\'s :21: — to the messages it names (by the tables\' refersTo: the',
    'referred message\'s FMT or category and its :20:). One line per reference, or only those that name',
    'no message of the inputs (--unresolved). A reference to a message outside the inputs is not an',
    'error of the message: exit status 0, unless --check (then 1 when one is not found).',
  ].join('\n'),
  common: ['mode', 'encoding', 'lang', 'quiet', 'output', 'maxMessageSize', 'tables'],
  options: {
    format: [{ type: 'string', short: 'f' }, '-f, --format human|json', 'one line per reference (default) or JSON lines'],
    unresolved: [{ type: 'boolean' }, '--unresolved', 'only the references that name no message of the inputs'],
    check: [{ type: 'boolean' }, '--check', 'exit status 1 when a reference names no message of the inputs'],
  },
  examples: [
    ['cfxps correlate day.fin', 'every reference of a day file, with what it refers to'],
    ['cfxps correlate --unresolved --check inbox/ outbox/', 'confirmations and answers whose original is missing'],
    ['cfxps correlate -f json day.fin | jq -c \'select(.to == [])\'', 'for a script'],
  ],
  async run({ common, values, positionals }) {
    const format = values['format'] === undefined ? 'human' : String(values['format']);
    if (format !== 'human' && format !== 'json') throw new CliError(`--format must be human or json, not '${format}'`);
    const inputs = await messageInputs(positionals, 'correlate');
    const codec = codecFor(common.tables);
    const correlator = new Correlator(codec);
    const places: Place[] = [];
    let messages = 0;
    for (const input of inputs) {
      for await (const raw of readMessages(input, { encoding: common.encoding, maxMessageBytes: common.maxMessageBytes })) {
        messages++;
        const r = codec.parse(raw.encoding === 'utf8' ? utf8.decode(raw.bytes) : raw.bytes, { mode: common.mode, explain: false });
        if (r.message === undefined) continue;
        correlator.add(r.message);
        places.push({ file: raw.source.file, line: raw.source.line, column: raw.source.column, fmt: r.message.fmt });
      }
    }
    const { links, unresolved } = correlator.result();
    const shown = values['unresolved'] === true ? unresolved : links;
    const out = new Output(common.output);
    const where = (p: Place): string => `${p.file}:${p.line}:${p.column}`;
    for (const link of shown) await out.write(format === 'json' ? jsonLine(link, places) : humanLine(link, places, where, common.lang));
    await out.close();
    if (!common.quiet) {
      const found = links.length - unresolved.length;
      process.stderr.write(
        common.lang === 'zh'
          ? `cfxps：${places.length}条报文（共读${messages}条）中有${links.length}个引用：找到${found}个，未找到${unresolved.length}个\n`
          : `cfxps: ${links.length} reference${links.length === 1 ? '' : 's'} in ${places.length} typed message${places.length === 1 ? '' : 's'} (of ${messages} read): ${found} found, ${unresolved.length} not found\n`,
      );
    }
    return { exitCode: values['check'] === true && unresolved.length > 0 ? 1 : 0 };
  },
};

/** What a reference names: `:20: of FMT011`, `:20: of a payment message` (zh: `FMT011的:20:`). */
function target(link: MessageLink, lang: Lang): string {
  const { tag, fmts, category } = link.reference.refersTo;
  const fmtList = fmts?.map((f) => `FMT${f}`).join('/');
  if (lang === 'zh') {
    const zh = category === undefined ? undefined : listCategories().find((c) => c.id === category)?.nameZh;
    return `${fmtList ?? (zh !== undefined ? `${zh}报文` : '报文')}的:${tag}:`;
  }
  return `:${tag}: of ${fmtList ?? (category !== undefined ? `a ${category} message` : 'a message')}`;
}

function humanLine(link: MessageLink, places: readonly Place[], where: (p: Place) => string, lang: Lang): string {
  const from = places[link.from]!;
  const head = `${where(from)} ${from.fmt} ${link.reference.tag} ${link.reference.value}`;
  if (link.to.length === 0) return lang === 'zh' ? `${head} → 未找到（${target(link, lang)}）\n` : `${head} → not found (${target(link, lang)})\n`;
  return `${head} → ${link.to.map((j) => `${where(places[j]!)} ${places[j]!.fmt}`).join(', ')}\n`;
}

function jsonLine(link: MessageLink, places: readonly Place[]): string {
  const { tag, path, value, refersTo } = link.reference;
  return JSON.stringify({ from: places[link.from], tag, path, value, refersTo, to: link.to.map((j) => places[j]) }) + '\n';
}
