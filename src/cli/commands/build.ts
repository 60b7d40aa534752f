/**
 * `cfxps build`: JSON records → raw messages. Reads what `cfxps parse` writes (NDJSON, or one
 * pretty-printed record, or a JSON array of records, or records back to back), checks each record
 * (no `__proto__`/`constructor`/`prototype` keys, the right shape), and writes the message bytes
 * in GB18030 (default) or UTF-8. From an `envelope` the bytes are exactly the parsed input's —
 * unless the record's typed `body` was edited: then the message is built canonically from the
 * body, keeping the record's header parts, and the problems of the built message are reported
 * on stderr (exit status 1 when there are errors). "The envelope wins unless you edited the body."
 *
 * Input is streamed: one JSON value is held at a time (a top-level array is held whole). Bad JSON
 * and records of the wrong shape stop the build with `file:line:column` and exit status 2.
 */
import type { CommandDef } from '../main.js';
import { buildRecord, checkRecord, parseMessage, recordToBytes, RecordError, type BuiltMessage, type Diagnostic, type Encoding, type MessageRecord } from '../adapter.js';
import type { Lang } from '../report.js';
import { CliError, expandInputs, JSON_EXTENSIONS, openBytes, Output, type Input } from '../input.js';
import { codecFor } from '../tables.js';

/** One top-level JSON value of an input, with the position of its first character. */
interface JsonValue {
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** Already parsed (a whole line that is one JSON value: the NDJSON fast path). */
  readonly parsed?: { readonly value: unknown };
}

/** Longest incomplete line held for the NDJSON fast path; longer values go to the scanner. */
const FAST_LINE_LIMIT = 8 * 1024 * 1024;

/** Largest single JSON value, in characters. */
const MAX_VALUE = 512 * 1024 * 1024;

function jsonError(input: Input, line: number, column: number, message: string): CliError {
  return new CliError(`${input.name}:${line}:${column}: ${message}`);
}

const OUTSIDE = /[\n"{}[\]]/g;
const INSIDE = /[\n"\\]/g;

/**
 * Splits a stream of JSON text into its top-level values (objects or arrays), tracking lines:
 * NDJSON, pretty-printed objects and values back to back all work. Strings and escapes are
 * followed, so braces inside values do not count.
 */
async function* jsonValues(input: Input): AsyncGenerator<JsonValue> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineStart = 0; // absolute character index of the current line's start
  let base = 0; // absolute index of chunk[0]
  let depth = 0;
  let inString = false;
  let escape = false;
  let parts: string[] = [];
  let size = 0;
  let start: { line: number; column: number } | undefined;

  let leftover = ''; // the start of a top-level line that the next chunk completes

  function* scan(s: string, final: boolean): Generator<JsonValue> {
    let i = 0;
    let segment = 0;
    if (escape && s.length > 0) {
      escape = false;
      i = 1;
    }
    while (i < s.length) {
      if (start === undefined) {
        const c = s.charCodeAt(i);
        if (c === 0x0a) {
          line++;
          lineStart = base + i + 1;
          i++;
        } else if (c === 0x20 || c === 0x09 || c === 0x0d || (c === 0xfeff && base + i === 0)) {
          i++;
        } else if (c === 0x7b || c === 0x5b) {
          // Fast path (NDJSON): a whole line that is one JSON value is parsed at once.
          const nl = s.indexOf('\n', i);
          if (nl === -1 && !final && s.length - i < FAST_LINE_LIMIT) {
            leftover = s.slice(i);
            base += i;
            return;
          }
          const column = base + i - lineStart + 1;
          if (nl !== -1 || final) {
            const end = nl === -1 ? s.length : nl;
            const text = s.slice(i, end);
            let parsed: { value: unknown } | undefined;
            try {
              parsed = { value: JSON.parse(text) };
            } catch {
              parsed = undefined; // not one value per line: the scanner finds its end
            }
            if (parsed !== undefined) {
              yield { text, line, column, parsed };
              i = end;
              continue;
            }
          }
          start = { line, column };
          depth = 1;
          segment = i;
          i++;
        } else {
          const found = s.slice(i, i + 12).split(/[\r\n]/)[0];
          throw jsonError(
            input,
            line,
            base + i - lineStart + 1,
            `expected a JSON object ("{"), found ${JSON.stringify(found)} (build reads the JSON that cfxps parse writes)`,
          );
        }
        continue;
      }
      const re = inString ? INSIDE : OUTSIDE;
      re.lastIndex = i;
      const m = re.exec(s);
      if (m === null) break;
      const at = m.index;
      const ch = s.charCodeAt(at);
      i = at + 1;
      if (ch === 0x0a) {
        line++;
        lineStart = base + at + 1;
      } else if (inString) {
        if (ch === 0x5c) {
          if (at + 1 < s.length) i = at + 2;
          else escape = true;
        } else inString = false;
      } else if (ch === 0x22) {
        inString = true;
      } else if (ch === 0x7b || ch === 0x5b) {
        depth++;
      } else {
        depth--;
        if (depth === 0) {
          parts.push(s.slice(segment, at + 1));
          const text = parts.length === 1 ? parts[0]! : parts.join('');
          parts = [];
          size = 0;
          const v = { text, line: start.line, column: start.column };
          start = undefined;
          yield v;
        }
      }
    }
    if (start !== undefined) {
      parts.push(s.slice(segment));
      size += s.length - segment;
      if (size > MAX_VALUE) throw jsonError(input, start.line, start.column, 'a JSON value longer than 512 MB; write one record per line (NDJSON)');
    }
    base += s.length;
  }

  try {
    for await (const chunk of openBytes(input)) {
      const text = leftover + decoder.decode(chunk, { stream: true });
      leftover = '';
      yield* scan(text, false);
    }
    const text = leftover + decoder.decode();
    leftover = '';
    yield* scan(text, true);
  } catch (err) {
    if (err instanceof TypeError && /encoded data was not valid/i.test(err.message)) {
      throw new CliError(`${input.name}: the JSON is not valid UTF-8 (build reads the UTF-8 JSON that cfxps parse writes)`);
    }
    throw err;
  }
  if (start !== undefined) {
    throw jsonError(input, start.line, start.column, 'the JSON value that starts here is not finished at the end of the input (truncated?)');
  }
}

/**
 * Where JSON text first breaks the grammar (-1 when it does not): for `JSON.parse` errors that do
 * not say where (V8 11 quotes a snippet instead). Iterative, so deep nesting cannot overflow.
 */
export function jsonErrorOffset(s: string): number {
  let i = 0;
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  let expect: 'value' | 'key' | 'after' = 'value';
  const ws = (): void => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const str = (): boolean => {
    i++; // the opening quote
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  while (true) {
    ws();
    if (expect === 'value') {
      const c = s.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        stack.push(c);
        i++;
        ws();
        if (s.charCodeAt(i) === c + 2) {
          i++;
          stack.pop();
          expect = 'after';
        } else expect = c === 0x7b ? 'key' : 'value';
      } else if (c === 0x22) {
        if (!str()) return i;
        expect = 'after';
      } else if (s.startsWith('true', i) || s.startsWith('null', i)) {
        i += 4;
        expect = 'after';
      } else if (s.startsWith('false', i)) {
        i += 5;
        expect = 'after';
      } else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(s)) return i;
        i = NUMBER.lastIndex;
        expect = 'after';
      }
    } else if (expect === 'key') {
      if (s.charCodeAt(i) !== 0x22 || !str()) return i;
      ws();
      if (s.charCodeAt(i) !== 0x3a) return i;
      i++;
      expect = 'value';
    } else {
      if (stack.length === 0) return i < s.length ? i : -1;
      const top = stack[stack.length - 1]!;
      const c = s.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        expect = top === 0x7b ? 'key' : 'value';
      } else if (c === top + 2) {
        i++;
        stack.pop();
      } else return i;
    }
  }
}

/** `JSON.parse` with the error's position turned into the file's line and column. */
function parseJson(input: Input, v: JsonValue): unknown {
  if (v.parsed !== undefined) return v.parsed.value;
  try {
    return JSON.parse(v.text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /at position (\d+)/.exec(msg);
    const pos = m !== null ? Number(m[1]) : Math.max(0, jsonErrorOffset(v.text));
    const before = v.text.slice(0, pos);
    const lf = before.lastIndexOf('\n');
    const newlines = lf === -1 ? 0 : before.split('\n').length - 1;
    const line = v.line + newlines;
    const column = lf === -1 ? v.column + pos : pos - lf;
    // Cut Node's "… in JSON at position N …" tail with indexOf: a `\s*…` regex is quadratic on long runs of spaces.
    const tail = msg.indexOf('in JSON at position ');
    let what = (tail === -1 ? msg : msg.slice(0, tail).trimEnd()).replace(/^JSON\.parse: /, '');
    if (what.length > 120) what = `${what.slice(0, 117)}...`;
    throw jsonError(input, line, column, `bad JSON: ${what} (fix the JSON, or regenerate it with cfxps parse)`);
  }
}

/** Errors listed per message on stderr; the rest are counted. */
const MAX_LISTED = 10;

/** The errors of a built message, one line each, for stderr. */
function errorLines(where: string, what: string, diagnostics: readonly Diagnostic[], lang: Lang): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const lines = [
    lang === 'zh'
      ? `cfxps: ${where}：${what}有${errors.length}个错误`
      : `cfxps: ${where}: ${what} with ${errors.length} error${errors.length === 1 ? '' : 's'}`,
  ];
  for (const d of errors.slice(0, MAX_LISTED)) {
    // B codes are about the body (no position in the text); the others point into the built text.
    const at = d.line > 0 ? ` ${d.line}:${d.column}` : '';
    const tag = d.tag === undefined ? '' : ` :${d.tag}:${d.embeddedTag === undefined ? '' : `${d.embeddedTag}:`}`;
    lines.push(`  ${d.code}${at}${tag} ${lang === 'zh' ? d.messageZh : d.message}`);
  }
  if (errors.length > MAX_LISTED) {
    const more = errors.length - MAX_LISTED;
    lines.push(lang === 'zh' ? `  ……另有${more}个错误` : `  … ${more} more`);
  }
  return lines.join('\n') + '\n';
}

export const buildCommand: CommandDef = {
  name: 'build',
  summary: 'JSON records (from parse) → raw messages, byte for byte (GB18030 by default)',
  usage: ['build [options] FILE|DIR|GLOB|-…'],
  description: [
    'Reads JSON records — NDJSON, one pretty-printed record, a JSON array of records — and writes each',
    "message's bytes, back to back. A record with an `envelope` (what cfxps parse writes) gives exactly",
    'the bytes it was parsed from — unless you edited its typed `body`: the envelope wins unless you',
    'edited the body. An edited body, or a record {"fmt", "body", "headers"?} without envelope, is built',
    "in canonical form with the record's header parts; its problems (B, V, F, R codes) go to stderr and",
    'the exit status is 1 when it has errors. A record with a `message` ({"message": {"basicHeader": …,',
    '"text": […]}}) is written in canonical form. Output is GB18030 unless --encoding utf8. Directories',
    'are read recursively (*.json, *.ndjson, *.jsonl). Bad JSON or a record of the wrong shape stops the',
    'build with file:line:column (exit status 2).',
  ].join('\n'),
  common: ['mode', 'encoding', 'lang', 'quiet', 'output', 'tables'],
  options: {
    check: [{ type: 'boolean' }, '--check', 'parse each built message again and report its errors (exit status 1 if any)'],
  },
  examples: [
    ['cfxps parse day.fin | cfxps build - > copy.fin', 'round trip: copy.fin is identical to day.fin'],
    ['cfxps build day.ndjson -o day.fin', 'NDJSON back to GB18030 messages'],
    ['cfxps parse utf8.txt | cfxps build --encoding utf8 -', 'keep UTF-8 text UTF-8'],
    ['cfxps parse day.fin | jq -c \'select(.fmt == "FMT100")\' | cfxps build - > fmt100.fin', 'filter messages with jq'],
    ['cfxps parse one.fin | jq \'.body.valueDateCurrencyAmount.amount = "99.5"\' | cfxps build - > new.fin', 'edit the typed body: built canonically'],
    ['cfxps build --check edited.json > edited.fin', 'build a hand-edited record, and check it'],
  ],
  async run({ common, values, positionals }) {
    let inputs: Input[];
    if (positionals.length === 0) {
      if (process.stdin.isTTY === true) {
        throw new CliError('no input: name JSON files, directories or globs, or - for standard input (see cfxps build --help)');
      }
      inputs = [{ kind: 'stdin', name: '-' }];
    } else {
      inputs = await expandInputs(positionals, JSON_EXTENSIONS);
    }
    const encoding: Encoding = common.encoding ?? 'gb18030';
    const codec = codecFor(common.tables);
    const check = values['check'] === true;
    const out = new Output(common.output);
    let count = 0;
    let bytes = 0;
    let bad = 0;
    let fromBody = 0;
    const started = performance.now();
    for (const input of inputs) {
      for await (const v of jsonValues(input)) {
        const parsed = parseJson(input, v);
        const items = Array.isArray(parsed) ? parsed : [parsed];
        for (let k = 0; k < items.length; k++) {
          const where = Array.isArray(parsed) ? ` (array element ${k})` : '';
          let record: MessageRecord;
          let built: BuiltMessage;
          let data: Uint8Array;
          try {
            record = checkRecord(items[k], count, v.text);
            built = buildRecord(record, codec);
            data = recordToBytes(record, encoding, built);
          } catch (err) {
            if (err instanceof RecordError) {
              throw jsonError(input, v.line, v.column, `record${where}: ${err.path}: ${err.message}`);
            }
            throw err;
          }
          const at = `${input.name}:${v.line}:${v.column}`;
          if (built.from === 'body') {
            // Built from its body: the build parsed the text back, so its diagnostics are the check.
            fromBody++;
            if (!built.ok) {
              bad++;
              const what = common.lang === 'zh' ? `记录${where}按其body生成的报文` : `record${where} built from its body`;
              process.stderr.write(errorLines(at, what, built.diagnostics, common.lang));
            }
          } else if (check) {
            const { record: again } = parseMessage(data, { mode: common.mode, encoding, index: count, body: false, codec });
            if (!again.ok) {
              bad++;
              const what = common.lang === 'zh' ? `记录${where}生成的报文` : `record${where} builds a message`;
              process.stderr.write(errorLines(at, what, again.diagnostics, common.lang));
            }
          }
          await out.write(data);
          count++;
          bytes += data.length;
        }
      }
    }
    await out.close();
    if (!common.quiet) {
      const secs = (performance.now() - started) / 1000;
      const enc = encoding === 'utf8' ? 'UTF-8' : 'GB18030';
      process.stderr.write(
        common.lang === 'zh'
          ? `cfxps：生成${count.toLocaleString('en-US')}条报文，${bytes.toLocaleString('en-US')}字节（${enc}）${fromBody > 0 ? `，按编辑后的body生成${fromBody}条` : ''}${check || bad > 0 ? `，有错误${bad}条` : ''}（${secs.toFixed(1)}秒）\n`
          : `cfxps: built ${count.toLocaleString('en-US')} message${count === 1 ? '' : 's'}, ${bytes.toLocaleString('en-US')} bytes (${enc})${fromBody > 0 ? `, ${fromBody} from an edited or envelope-less body` : ''}${check || bad > 0 ? `, ${bad} with errors` : ''} (${secs.toFixed(1)} s)\n`,
      );
    }
    return { exitCode: bad > 0 ? 1 : 0 };
  },
};

