/**
 * The human report of `cfxps validate`: per message, each diagnostic with its code, its position
 * in the file and a code frame (the offending line, a caret under the column and one caret per
 * character of its length), in English or Chinese, with colour only when asked for. Also the
 * summary line and terminal display widths (CJK characters take two columns).
 */
import type { Diagnostic, MessageRecord } from './adapter.js';

export type Lang = 'en' | 'zh';

export interface ReportOptions {
  readonly lang: Lang;
  readonly color: boolean;
  /** Also list messages without any diagnostic, and every diagnostic of a message (not only 20). */
  readonly verbose: boolean;
  /** Widest code frame line, in terminal columns. */
  readonly width?: number;
}

// --- colour ------------------------------------------------------------------------------------

const SGR = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', green: '32' } as const;
type Style = keyof typeof SGR;

function paint(on: boolean, style: Style, s: string): string {
  return on && s !== '' ? `\x1b[${SGR[style]}m${s}\x1b[0m` : s;
}

/** Whether to colour a stream: `always`/`never`, or `auto` = a TTY and NO_COLOR unset or empty. */
export function useColor(setting: 'auto' | 'always' | 'never', isTTY: boolean): boolean {
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return isTTY && process.env['TERM'] !== 'dumb';
}

// --- display width -----------------------------------------------------------------------------

// prettier-ignore
const WIDE: readonly number[] = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
  0x25fd, 0x25fe, 0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1,
  0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea,
  0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b,
  0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
  0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x303e,
  0x3041, 0x33ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa000, 0xa4cf, 0xa960, 0xa97f, 0xac00, 0xd7a3,
  0xe000, 0xf8ff, 0xf900, 0xfaff, 0xfe10, 0xfe19, 0xfe30, 0xfe6f, 0xff00, 0xff60, 0xffe0, 0xffe6,
  0x16fe0, 0x18cff, 0x1b000, 0x1b2ff, 0x1f300, 0x1f64f, 0x1f900, 0x1f9ff, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

// prettier-ignore
const ZERO: readonly number[] = [
  0x0300, 0x036f, 0x0483, 0x0489, 0x0591, 0x05bd, 0x0610, 0x061a, 0x064b, 0x065f, 0x200b, 0x200f,
  0x202a, 0x202e, 0x2060, 0x2064, 0x20d0, 0x20ff, 0x302a, 0x302d, 0x3099, 0x309a, 0xfe00, 0xfe0f,
  0xfe20, 0xfe2f, 0xfeff, 0xfeff, 0xe0100, 0xe01ef,
];

function inRanges(ranges: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[2 * mid]!) hi = mid - 1;
    else if (cp > ranges[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** How a code point is shown in a code frame: printable text and its width in columns. */
function glyph(cp: number): { text: string; width: number } {
  if (cp === 0x09) return { text: ' ', width: 1 };
  if (cp < 0x20) return { text: String.fromCharCode(0x2400 + cp), width: 1 }; // ␀ … ␟
  if (cp === 0x7f) return { text: '\u2421', width: 1 }; // ␡
  if (cp >= 0x80 && cp < 0xa0) return { text: '\u00b7', width: 1 };
  if (cp === 0xfeff) return { text: '\u2423', width: 1 }; // a BOM, shown as ␣
  if (inRanges(ZERO, cp)) return { text: String.fromCodePoint(cp), width: 0 };
  return { text: String.fromCodePoint(cp), width: inRanges(WIDE, cp) ? 2 : 1 };
}

/** Terminal width of a string (CJK wide characters count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += glyph(ch.codePointAt(0)!).width;
  return w;
}

/** Pads `s` with spaces to `width` terminal columns. */
export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

// --- code frame --------------------------------------------------------------------------------

interface Cell {
  readonly text: string;
  readonly width: number;
  /** UTF-16 index in the line where the code point starts. */
  readonly at: number;
}

function cells(line: string): Cell[] {
  const out: Cell[] = [];
  let at = 0;
  for (const ch of line) {
    const g = glyph(ch.codePointAt(0)!);
    out.push({ text: g.text, width: g.width, at });
    at += ch.length;
  }
  return out;
}

const FRAME_WIDTH = 100;
/** Longest line prefix looked at (a line of binary garbage can be megabytes). */
const LINE_LIMIT = 4096;

/**
 * The code frame of a diagnostic: the message line it points at, with `^` under the columns it
 * covers. `fileLine` is the line number shown in the gutter.
 */
export function codeFrame(text: string, d: Diagnostic, fileLine: number, opts: ReportOptions, gutterWidth = 0): string[] {
  const lineStart = Math.max(0, d.offset - (d.column - 1));
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d && lineEnd - 1 > d.offset) lineEnd--;
  const col0 = d.offset - lineStart; // 0-based code unit column
  // Look at a bounded window of very long lines.
  const from = col0 > LINE_LIMIT / 2 ? col0 - LINE_LIMIT / 2 : 0;
  const to = Math.min(lineEnd, lineStart + from + LINE_LIMIT);
  const line = text.slice(lineStart + from, to);
  const cs = cells(line);
  const start = col0 - from;
  const end = Math.max(start + 1, Math.min(start + Math.max(d.length, 1), line.length + 1));
  // Columns (in terminal cells) of the caret range.
  let x = 0;
  let caretX = -1;
  let caretW = 0;
  for (const c of cs) {
    if (c.at >= start && c.at < end) {
      if (caretX < 0) caretX = x;
      caretW += Math.max(1, c.width);
    }
    x += c.width;
  }
  if (caretX < 0) {
    caretX = x; // past the end of the line (a missing part, the end of the input)
    caretW = 1;
  }
  // Horizontal window of at most `width` columns that shows the caret.
  const width = Math.max(40, opts.width ?? FRAME_WIDTH);
  let left = 0;
  if (x > width) left = Math.max(0, Math.min(caretX - Math.floor(width / 3), x - width));
  let shown = '';
  let shownW = 0;
  let pos = 0;
  for (const c of cs) {
    if (pos >= left && pos + c.width <= left + width) {
      shown += c.text;
      shownW += c.width;
    }
    pos += c.width;
  }
  const cut = left > 0 || from > 0;
  const more = pos > left + width || to < lineEnd;
  const prefix = cut ? '…' : '';
  const caretPad = caretX - left + (cut ? 1 : 0);
  const caretLen = Math.max(1, Math.min(caretW, width + 1 - (caretX - left)));
  const gutter = String(fileLine).padStart(gutterWidth);
  const pad = ' '.repeat(gutter.length);
  const bar = paint(opts.color, 'dim', '|');
  const caretStyle: Style = d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'cyan';
  return [
    `  ${paint(opts.color, 'dim', gutter)} ${bar} ${prefix}${shown}${more ? '…' : ''}`,
    `  ${pad} ${bar} ${' '.repeat(Math.max(0, caretPad))}${paint(opts.color, caretStyle, '^'.repeat(caretLen))}`,
  ];
}

/** Diagnostics listed per message without --verbose. */
const MAX_SHOWN = 20;

// --- per message -------------------------------------------------------------------------------

const LABEL = {
  en: { error: 'error', warning: 'warning', info: 'info', message: 'message', ok: 'ok', expected: 'expected', hint: 'hint' },
  zh: { error: '错误', warning: '警告', info: '提示', message: '报文', ok: '无问题', expected: '语法期望', hint: '提示' },
} as const;

function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Position of a message-relative line/column in the file. */
function filePosition(record: MessageRecord, line: number, column: number): { line: number; column: number } {
  const s = record.source;
  if (s === undefined) return { line, column };
  return { line: s.line + line - 1, column: line === 1 ? s.column + column - 1 : column };
}

/** Hints for inputs that are clearly not message text. */
function hints(text: string, record: MessageRecord, lang: Lang): string[] {
  const out: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    out.push(
      lang === 'zh'
        ? '文件以字节顺序标记（BOM，U+FEFF）开头，请删除后再试'
        : 'the input starts with a byte-order mark (U+FEFF); remove it',
    );
  } else if (!record.ok) {
    const sample = text.slice(0, 512);
    // eslint-disable-next-line no-control-regex
    const odd = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
    if (odd >= 4 || odd > sample.length / 20) {
      out.push(
        lang === 'zh'
          ? '输入看起来不是CFXPS报文（二进制数据或文件有误？）'
          : 'this does not look like CFXPS message text (binary data, or the wrong file?)',
      );
    }
  }
  return out;
}

/**
 * The report of one message: '' when it has no diagnostic (unless verbose); otherwise a header
 * line and, per diagnostic, a line with severity, code, `file:line:column` and text, and a code
 * frame.
 */
export function renderMessageReport(record: MessageRecord, text: string, opts: ReportOptions): string {
  const L = LABEL[opts.lang];
  const ds = record.diagnostics;
  if (ds.length === 0 && !opts.verbose) return '';
  const file = record.source?.file ?? '-';
  const n = (record.source?.index ?? record.index) + 1;
  const what = [record.fmt, record.mt === undefined ? undefined : `MT${record.mt}`].filter((x) => x !== undefined).join(opts.lang === 'zh' ? '，' : ', ');
  const c = counts(ds);
  let status: string;
  if (ds.length === 0) status = paint(opts.color, 'green', L.ok);
  else if (opts.lang === 'zh') {
    status = [c.errors > 0 ? `${c.errors}个错误` : '', c.warnings > 0 ? `${c.warnings}个警告` : '', c.infos > 0 ? `${c.infos}个提示` : '']
      .filter((s) => s !== '')
      .join('，');
  } else {
    status = [c.errors > 0 ? plural(c.errors, 'error') : '', c.warnings > 0 ? plural(c.warnings, 'warning') : '', c.infos > 0 ? plural(c.infos, 'note') : '']
      .filter((s) => s !== '')
      .join(', ');
  }
  const lines: string[] = [];
  const at = record.source === undefined ? '' : `:${record.source.line}`;
  const head =
    opts.lang === 'zh'
      ? `${file}${at}：第${n}条报文${what === '' ? '' : `（${what}）`}：${status}`
      : `${file}${at}: message ${n}${what === '' ? '' : ` (${what})`}: ${status}`;
  lines.push(paint(opts.color, 'bold', head));
  for (const h of hints(text, record, opts.lang)) lines.push(`  ${paint(opts.color, 'cyan', L.hint)}${opts.lang === 'zh' ? '：' : ': '}${h}`);
  const shown = opts.verbose ? ds : ds.slice(0, MAX_SHOWN);
  const gutterWidth = Math.max(0, ...shown.map((d) => String(filePosition(record, d.line, d.column).line).length));
  for (const d of shown) {
    const p = filePosition(record, d.line, d.column);
    const sev = paint(opts.color, d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'cyan', L[d.severity]);
    const where = [d.block === undefined ? '' : `{${d.block}:}`, d.tag === undefined ? '' : `:${d.tag}:`, d.embeddedTag === undefined ? '' : `:${d.embeddedTag}:`]
      .filter((s) => s !== '')
      .join(' ');
    const msg = opts.lang === 'zh' ? d.messageZh : d.message;
    const sep = opts.lang === 'zh' ? '：' : ': ';
    lines.push(`  ${sev} ${paint(opts.color, 'bold', d.code)} ${file}:${p.line}:${p.column}${where === '' ? '' : ` ${where}`}${sep}${msg}`);
    lines.push(...codeFrame(text, d, p.line, opts, gutterWidth));
    if (d.expected !== undefined && d.code !== 'S000') {
      lines.push(`  ${paint(opts.color, 'dim', `${L.expected}${sep}${d.expected.split('\n')[0]}`)}`);
    }
  }
  if (shown.length < ds.length) {
    const more = ds.length - shown.length;
    lines.push(
      opts.lang === 'zh'
        ? `  ……另有${more}个问题未列出（--verbose 或 --format json 可列出全部）`
        : `  … ${more} more diagnostic${more === 1 ? '' : 's'} not shown (--verbose or --format json lists them all)`,
    );
  }
  return lines.join('\n') + '\n';
}

// --- summary -----------------------------------------------------------------------------------

/** What a run saw. */
export interface RunStats {
  messages: number;
  /** No diagnostic at all. */
  clean: number;
  /** At least one error. */
  withErrors: number;
  /** Warnings (or notes), no error. */
  warningsOnly: number;
  /** FMT (`FMT100`, or `-` when the message has none) → number of messages. */
  readonly perFmt: Map<string, number>;
  /** FMT → messages with errors. */
  readonly errorsPerFmt: Map<string, number>;
  bytes: number;
  inputs: number;
  elapsedMs: number;
}

export function emptyStats(): RunStats {
  return {
    messages: 0,
    clean: 0,
    withErrors: 0,
    warningsOnly: 0,
    perFmt: new Map(),
    errorsPerFmt: new Map(),
    bytes: 0,
    inputs: 0,
    elapsedMs: 0,
  };
}

/** Adds one message's outcome. */
export function countMessage(stats: RunStats, fmt: string | undefined, errors: number, warnings: number): void {
  stats.messages++;
  if (errors > 0) stats.withErrors++;
  else if (warnings > 0) stats.warningsOnly++;
  else stats.clean++;
  const key = fmt ?? '-';
  stats.perFmt.set(key, (stats.perFmt.get(key) ?? 0) + 1);
  if (errors > 0) stats.errorsPerFmt.set(key, (stats.errorsPerFmt.get(key) ?? 0) + 1);
}

/** The summary as JSON-able data. */
export function statsJson(stats: RunStats): Record<string, unknown> {
  const sorted = (m: Map<string, number>): Record<string, number> =>
    Object.fromEntries([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  return {
    messages: stats.messages,
    clean: stats.clean,
    withErrors: stats.withErrors,
    warningsOnly: stats.warningsOnly,
    perFmt: sorted(stats.perFmt),
    errorsPerFmt: sorted(stats.errorsPerFmt),
    inputs: stats.inputs,
    bytes: stats.bytes,
    elapsedMs: Math.round(stats.elapsedMs),
  };
}

const num = (n: number): string => n.toLocaleString('en-US');

/** The one summary line (stderr): messages, clean, with errors, per FMT (the 12 most frequent). */
export function summaryLine(stats: RunStats, lang: Lang): string {
  const top = [...stats.perFmt.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = top.slice(0, 12);
  const rest = top.length - shown.length;
  const secs = stats.elapsedMs / 1000;
  const rate = secs > 0 ? stats.bytes / 1e6 / secs : 0;
  if (lang === 'zh') {
    const fmts = shown.map(([f, n]) => `${f === '-' ? '无报文格式号' : f} ${num(n)}`).join('，');
    return (
      `cfxps：共${num(stats.messages)}条报文，无问题${num(stats.clean)}条，有错误${num(stats.withErrors)}条` +
      (stats.warningsOnly > 0 ? `，仅有警告${num(stats.warningsOnly)}条` : '') +
      (fmts === '' ? '' : `；${fmts}${rest > 0 ? `，另有${rest}种` : ''}`) +
      `（${secs.toFixed(1)}秒，${rate.toFixed(1)} MB/s）`
    );
  }
  const fmts = shown.map(([f, n]) => `${f === '-' ? 'no FMT' : f} ${num(n)}`).join(', ');
  return (
    `cfxps: ${num(stats.messages)} message${stats.messages === 1 ? '' : 's'}: ${num(stats.clean)} clean, ${num(stats.withErrors)} with errors` +
    (stats.warningsOnly > 0 ? `, ${num(stats.warningsOnly)} with warnings only` : '') +
    (fmts === '' ? '' : `; ${fmts}${rest > 0 ? ` and ${rest} more FMTs` : ''}`) +
    ` (${secs.toFixed(1)} s, ${rate.toFixed(1)} MB/s)`
  );
}
