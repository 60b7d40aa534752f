/**
 * The work done per message (parse it, render its JSON record or its report), used in the main
 * thread for `--jobs 1` and in worker threads for `--jobs N`. As a worker (built as
 * `dist/cli-worker.js`), it receives batches of messages — one transferred buffer plus the
 * metadata of each message — and answers with the rendered outputs, in the batch's order.
 */
import { Buffer } from 'node:buffer';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseMessage, type Encoding, type MessageSource, type ParseMode } from './adapter.js';
import { renderMessageReport, type Lang } from './report.js';
import { codecFor } from './tables.js';

/** What to do with each message. Plain data: it is the worker's `workerData`. */
export interface TaskSpec {
  readonly command: 'parse' | 'validate';
  readonly mode: ParseMode;
  /** parse: envelope only (no typed body). */
  readonly raw: boolean;
  /** validate: human report or JSON lines. */
  readonly format: 'human' | 'json';
  readonly lang: Lang;
  readonly color: boolean;
  readonly verbose: boolean;
  /** Code frame width (terminal columns). */
  readonly width: number;
  /** `--tables`: the tables file's absolute path; none: the shipped tables. */
  readonly tables?: string;
}

/**
 * A batch of messages for a worker, packed so that posting it is cheap (structured cloning of
 * hundreds of small objects costs more than parsing them): the message bytes back to back in one
 * transferred buffer, and per message `META_FIELDS` numbers in `meta` (also transferred), with
 * file names in a small table.
 */
export interface BatchRequest {
  readonly seq: number;
  readonly buffer: ArrayBuffer;
  /** Per message: index, start, end (in `buffer`), file (index into `files`), index in file, byte offset, line, column, encoding (0 GB18030, 1 UTF-8). */
  readonly meta: Float64Array;
  readonly files: readonly string[];
}

export const META_FIELDS = 9;

/** One message of a batch: its bytes and what `processMessage` needs. */
export interface MessageMeta {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly source: MessageSource;
  readonly encoding: Encoding;
}

/** Packs message metadata (see `BatchRequest`). */
export function packMeta(metas: readonly MessageMeta[]): { meta: Float64Array; files: string[] } {
  const meta = new Float64Array(metas.length * META_FIELDS);
  const files: string[] = [];
  const fileIds = new Map<string, number>();
  metas.forEach((m, k) => {
    let id = fileIds.get(m.source.file);
    if (id === undefined) {
      id = files.length;
      files.push(m.source.file);
      fileIds.set(m.source.file, id);
    }
    const o = k * META_FIELDS;
    meta[o] = m.index;
    meta[o + 1] = m.start;
    meta[o + 2] = m.end;
    meta[o + 3] = id;
    meta[o + 4] = m.source.index;
    meta[o + 5] = m.source.byteOffset;
    meta[o + 6] = m.source.line;
    meta[o + 7] = m.source.column;
    meta[o + 8] = m.encoding === 'utf8' ? 1 : 0;
  });
  return { meta, files };
}

/** Unpacks the metadata of message `k` of a batch. */
export function unpackMeta(req: BatchRequest, k: number): MessageMeta {
  const m = req.meta;
  const o = k * META_FIELDS;
  const start = m[o + 1]!;
  const end = m[o + 2]!;
  return {
    index: m[o]!,
    start,
    end,
    source: {
      file: req.files[m[o + 3]!]!,
      index: m[o + 4]!,
      byteOffset: m[o + 5]!,
      byteLength: end - start,
      line: m[o + 6]!,
      column: m[o + 7]!,
    },
    encoding: m[o + 8] === 1 ? 'utf8' : 'gb18030',
  };
}

/**
 * The result of one message: exactly what to write for it ('' for nothing; JSON ends with a
 * newline), and its counts. From a worker, `out` arrives as UTF-8 bytes.
 */
export interface ProcessedMessage {
  readonly out: string | Uint8Array;
  readonly fmt?: string;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * A batch's outputs, packed like the request: the outputs as UTF-8 bytes back to back in one
 * transferred buffer, message `i` being bytes `[ends[i - 1] ?? 0, ends[i])`; per message its FMT
 * (`''` when none) and its error and warning counts.
 */
export type BatchResult =
  | {
      readonly seq: number;
      readonly buffer: ArrayBuffer;
      readonly ends: Float64Array;
      readonly fmts: readonly string[];
      /** errors, warnings per message. */
      readonly counts: Int32Array;
    }
  | { readonly seq: number; readonly error: string };

/** Parses one message and renders what the task asks for. Never throws on bad input. */
export function processMessage(
  task: TaskSpec,
  bytes: Uint8Array,
  meta: { readonly index: number; readonly source: MessageSource; readonly encoding: Encoding },
): ProcessedMessage {
  const { record, text } = parseMessage(bytes, {
    mode: task.mode,
    encoding: meta.encoding,
    index: meta.index,
    source: meta.source,
    raw: task.raw,
    body: task.command === 'parse',
    codec: codecFor(task.tables),
  });
  let errors = 0;
  let warnings = 0;
  for (const d of record.diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  let out: string;
  if (task.command === 'parse') {
    out = JSON.stringify(record) + '\n';
  } else if (task.format === 'json') {
    out = JSON.stringify({
      index: record.index,
      source: record.source,
      encoding: record.encoding,
      fmt: record.fmt,
      mt: record.mt,
      ok: record.ok,
      diagnostics: record.diagnostics,
    }) + '\n';
  } else {
    out = renderMessageReport(record, text, { lang: task.lang, color: task.color, verbose: task.verbose, width: task.width });
  }
  return record.fmt === undefined ? { out, errors, warnings } : { out, fmt: record.fmt, errors, warnings };
}

/** Marker in `workerData` that says "run as the cfxps worker". */
export const WORKER_MARK = 'cfxps-cli-worker';

if (!isMainThread && parentPort !== null && (workerData as { mark?: string } | undefined)?.mark === WORKER_MARK) {
  const port = parentPort;
  const task = (workerData as { task: TaskSpec }).task;
  port.on('message', (req: BatchRequest) => {
    try {
      const bytes = new Uint8Array(req.buffer);
      const n = req.meta.length / META_FIELDS;
      const outs: string[] = [];
      const fmts: string[] = [];
      const counts = new Int32Array(2 * n);
      for (let k = 0; k < n; k++) {
        const m = unpackMeta(req, k);
        const r = processMessage(task, bytes.subarray(m.start, m.end), m);
        outs.push(r.out as string);
        fmts.push(r.fmt ?? '');
        counts[2 * k] = r.errors;
        counts[2 * k + 1] = r.warnings;
      }
      const ends = new Float64Array(n);
      let total = 0;
      outs.forEach((o, k) => {
        total += o.length === 0 ? 0 : Buffer.byteLength(o, 'utf8');
        ends[k] = total;
      });
      const buf = Buffer.allocUnsafeSlow(total);
      let at = 0;
      for (const o of outs) if (o.length > 0) at += buf.write(o, at, 'utf8');
      const answer: BatchResult = { seq: req.seq, buffer: buf.buffer as ArrayBuffer, ends, fmts, counts };
      port.postMessage(answer, [buf.buffer as ArrayBuffer, ends.buffer as ArrayBuffer, counts.buffer as ArrayBuffer]);
    } catch (err) {
      const answer: BatchResult = { seq: req.seq, error: err instanceof Error ? err.message : String(err) };
      port.postMessage(answer);
    }
  });
}
