/**
 * Input and output of the command line: file, directory, glob and stdin arguments; encoding
 * detection; streaming a message file as raw messages with bounded memory; a buffered output
 * that respects back-pressure; and `CliError`, the one error type the top level prints.
 *
 * Inputs:
 *   - `-`: standard input (once);
 *   - a file: read whatever its name;
 *   - a directory: every file below it whose name ends in one of the command's extensions
 *     (`.fin`, `.txt`, `.msg` for messages; `.json`, `.ndjson`, `.jsonl` for `build`), case-
 *     insensitive, recursively, in name order (code-unit order, depth first), skipping names that
 *     start with `.` and symbolic links to directories;
 *   - a glob (quoted, so that the shell leaves it alone): `*` and `?` within one path segment,
 *     `**` for any number of segments, e.g. `'archive/**\/*.fin'`; hidden names are skipped.
 *
 * Encoding of message input (unless `--encoding` says): valid UTF-8 that contains non-ASCII
 * bytes is UTF-8, anything else GB18030. Files are checked whole before they are read (a fast
 * pass that stops at the first byte that is not UTF-8); stdin is decided from its first
 * non-ASCII bytes (64 KiB of them), or GB18030 when the first 16 MiB are all ASCII.
 */
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { constants as fsConstants, createReadStream, createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { splitStream } from '../bytes/split.js';
import { decodeMessage } from '../bytes/decode.js';
import type { Encoding, MessageSource } from './adapter.js';
import { globMatcher } from './glob.js';

// --- errors ------------------------------------------------------------------------------------

/** An error the top level prints as one line (`cfxps: …`) before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** stdout was closed by the reader (`cfxps parse x | head`): stop quietly. */
export class OutputClosed extends Error {
  constructor() {
    super('output closed');
    this.name = 'OutputClosed';
  }
}

/** A short, human text for a file-system error. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EIO':
      return 'input/output error';
    default:
      return e instanceof Error ? e.message : String(err);
  }
}

function fsError(what: string, name: string, err: unknown): CliError {
  const e = err as NodeJS.ErrnoException;
  let hint = '';
  if (e?.code === 'ENOENT') hint = ' (check the path; use - to read standard input)';
  else if (e?.code === 'EACCES' || e?.code === 'EPERM') hint = ' (check the permissions, or leave it out)';
  return new CliError(`cannot ${what} '${name}': ${describeFsError(err)}${hint}`);
}

// --- inputs ------------------------------------------------------------------------------------

export interface FileInput {
  readonly kind: 'file';
  /** Path to open. */
  readonly path: string;
  /** Name shown in reports and records (as given, or as found below a directory). */
  readonly name: string;
  readonly size: number;
  /** A regular file (it can be read twice); false for a FIFO or a device such as /dev/fd/63. */
  readonly regular: boolean;
}

export interface StdinInput {
  readonly kind: 'stdin';
  readonly name: '-';
}

export type Input = FileInput | StdinInput;

/** File name endings read from directories, per kind of input. */
export const MESSAGE_EXTENSIONS: readonly string[] = ['.fin', '.txt', '.msg'];
export const JSON_EXTENSIONS: readonly string[] = ['.json', '.ndjson', '.jsonl'];

const GLOB_MAGIC = /[*?]/;

function hasExtension(name: string, extensions: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return extensions.some((e) => lower.endsWith(e));
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function readDir(dir: string, shown: string): Promise<import('node:fs').Dirent[]> {
  try {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return entries.sort((a, b) => byName(a.name, b.name));
  } catch (err) {
    throw fsError('read directory', shown, err);
  }
}

/** Kind of a directory entry, following symbolic links to files (not to directories). */
async function entryKind(full: string, entry: import('node:fs').Dirent): Promise<'file' | 'dir' | 'other'> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (entry.isSymbolicLink()) {
    try {
      const st = await fsp.stat(full);
      return st.isFile() ? 'file' : 'other';
    } catch {
      return 'other'; // a dangling link
    }
  }
  return 'other';
}

/** Files below `dir` (depth first, name order), filtered by `accept(relativePath)`. */
async function walk(
  dir: string,
  accept: (rel: string, name: string) => boolean,
  maxDepth = Infinity,
): Promise<{ path: string; rel: string }[]> {
  const out: { path: string; rel: string }[] = [];
  // Entries in name order, depth first (recursion depth = directory depth).
  const visit = async (d: string, rel: string, depth: number): Promise<void> => {
    for (const entry of await readDir(d, d)) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(d, entry.name);
      const r = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const kind = await entryKind(full, entry);
      if (kind === 'file') {
        if (accept(r, entry.name)) out.push({ path: full, rel: r });
      } else if (kind === 'dir' && depth + 1 < maxDepth) {
        await visit(full, r, depth + 1);
      }
    }
  };
  await visit(dir, '', 0);
  return out;
}

async function expandGlob(arg: string): Promise<FileInput[]> {
  const pattern = arg.split(path.sep).join('/');
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex((s) => GLOB_MAGIC.test(s));
  const baseSegments = segments.slice(0, firstMagic);
  const rest = segments.slice(firstMagic);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const matches = globMatcher(rest.join('/'));
  const maxDepth = rest.includes('**') ? Infinity : rest.length;
  let st;
  try {
    st = await fsp.stat(base);
  } catch (err) {
    throw fsError('read directory', base, err);
  }
  if (!st.isDirectory()) throw new CliError(`cannot expand '${arg}': '${base}' is not a directory`);
  const found = await walk(base, matches, maxDepth);
  const out: FileInput[] = [];
  for (const f of found) {
    const name = baseSegments.length === 0 ? f.rel : `${base === '/' ? '' : base}/${f.rel}`;
    out.push({ kind: 'file', path: f.path, name, size: (await fsp.stat(f.path)).size, regular: true });
  }
  return out;
}

/**
 * Turns the command line's input arguments into a list of inputs, checking that each exists and
 * can be read. Throws `CliError` (exit 2) for a missing or unreadable input, a glob that matches
 * nothing, a directory without matching files, or `-` given twice.
 */
export async function expandInputs(args: readonly string[], extensions: readonly string[]): Promise<Input[]> {
  const out: Input[] = [];
  let stdin = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdin) throw new CliError("'-' (standard input) can be given only once");
      stdin = true;
      out.push({ kind: 'stdin', name: '-' });
      continue;
    }
    let st;
    try {
      st = await fsp.stat(arg);
    } catch (err) {
      if (GLOB_MAGIC.test(arg) && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        const files = await expandGlob(arg);
        if (files.length === 0) throw new CliError(`no file matches '${arg}' (check the pattern; hidden files are skipped)`);
        out.push(...files);
        continue;
      }
      throw fsError('read', arg, err);
    }
    if (st.isDirectory()) {
      const found = await walk(arg, (_rel, name) => hasExtension(name, extensions));
      if (found.length === 0) {
        throw new CliError(
          `no ${extensions.join('/')} file in directory '${arg}' (name the files, or use a glob such as '${path.join(arg, '**', '*')}')`,
        );
      }
      for (const f of found) out.push({ kind: 'file', path: f.path, name: f.path, size: (await fsp.stat(f.path)).size, regular: true });
    } else {
      try {
        await fsp.access(arg, fsConstants.R_OK);
      } catch (err) {
        throw fsError('read', arg, err);
      }
      out.push({ kind: 'file', path: arg, name: arg, size: st.isFile() ? st.size : 0, regular: st.isFile() });
    }
  }
  return out;
}

// --- byte streams ------------------------------------------------------------------------------

const CHUNK = 1 << 20;

/** The bytes of an input, as chunks; `onBytes` is told the size of each chunk read. */
export async function* openBytes(input: Input, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  const stream = input.kind === 'stdin' ? process.stdin : createReadStream(input.path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      onBytes?.(b.length);
      yield b;
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw fsError('read', input.name, err);
  } finally {
    if (input.kind === 'file') (stream as import('node:fs').ReadStream).destroy();
  }
}

// --- encoding detection ------------------------------------------------------------------------

/** Incremental "is it UTF-8, and is any byte non-ASCII?" over chunks. */
class Utf8Check {
  nonAscii = false;
  valid = true;
  private carry: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): boolean {
    if (!this.valid) return false;
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (isAscii(data)) {
      this.carry = Buffer.alloc(0);
      return true;
    }
    this.nonAscii = true;
    // Hold back a sequence cut off by the chunk's end.
    let cut = data.length;
    let i = data.length - 1;
    while (i >= 0 && i > data.length - 4 && (data[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && data[i]! >= 0xc0) {
      const need = data[i]! >= 0xf0 ? 4 : data[i]! >= 0xe0 ? 3 : 2;
      if (data.length - i < need) cut = i;
    }
    this.valid = isUtf8(data.subarray(0, cut));
    this.carry = Buffer.from(data.subarray(cut));
    return this.valid;
  }

  end(): boolean {
    if (this.carry.length > 0) this.valid = false;
    return this.valid;
  }

  get encoding(): Encoding {
    return this.valid && this.nonAscii ? 'utf8' : 'gb18030';
  }
}

function checkNotUtf16(first: Buffer, name: string): void {
  if (first.length >= 2 && ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff))) {
    throw new CliError(
      `'${name}' is UTF-16 (or UTF-32) text; cfxps reads GB18030 or UTF-8: convert it first, e.g. iconv -f UTF-16 -t GB18030 '${name}'`,
    );
  }
}

/** The encoding of a whole file: one pass that stops at the first byte that is not UTF-8. */
export async function detectFileEncoding(input: FileInput): Promise<Encoding> {
  const check = new Utf8Check();
  let first = true;
  for await (const chunk of openBytes(input)) {
    if (first) {
      checkNotUtf16(chunk, input.name);
      first = false;
    }
    if (!check.feed(chunk)) return 'gb18030';
  }
  check.end();
  return check.encoding;
}

const SNIFF_WINDOW = 64 * 1024;
const SNIFF_ASCII_LIMIT = 16 * 1024 * 1024;

/**
 * Decides the encoding of a stream that cannot be read twice (stdin): buffers chunks until 64 KiB
 * after the first non-ASCII byte (or the end, or 16 MiB of ASCII), then gives them back.
 */
async function sniffStream(
  source: AsyncIterable<Buffer>,
  name: string,
): Promise<{ encoding: Encoding; chunks: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  const check = new Utf8Check();
  let total = 0;
  let sinceNonAscii = -1;
  let done = false;
  while (true) {
    const r = await it.next();
    if (r.done === true) {
      done = true;
      check.end();
      break;
    }
    const chunk = r.value;
    if (held.length === 0) checkNotUtf16(chunk, name === '-' ? 'standard input' : name);
    held.push(chunk);
    total += chunk.length;
    check.feed(chunk);
    if (!check.valid) break;
    if (check.nonAscii) {
      sinceNonAscii = sinceNonAscii < 0 ? chunk.length : sinceNonAscii + chunk.length;
      if (sinceNonAscii >= SNIFF_WINDOW) break;
    } else if (total >= SNIFF_ASCII_LIMIT) break;
  }
  const encoding = check.encoding;
  async function* replay(): AsyncGenerator<Buffer> {
    while (held.length > 0) yield held.shift()!;
    if (done) return;
    while (true) {
      const r = await it.next();
      if (r.done === true) return;
      yield r.value;
    }
  }
  return { encoding, chunks: replay() };
}

// --- messages ----------------------------------------------------------------------------------

/** One message's bytes, where they stood, and their encoding. */
export interface RawMessage {
  readonly bytes: Uint8Array;
  readonly source: MessageSource;
  readonly encoding: Encoding;
}

export interface ReadOptions {
  /** Forced encoding; undefined: detect. */
  readonly encoding?: Encoding;
  /** Longest message, in bytes. */
  readonly maxMessageBytes: number;
  readonly onBytes?: (n: number) => void;
}

const START = Buffer.from('{1:', 'latin1');

/**
 * Splits UTF-8 chunks into message spans (each `{1:` starts a message: in UTF-8 an ASCII byte is
 * never part of another character). Same spans as the library's GB18030 splitter would give on
 * the decoded text.
 */
async function* splitUtf8(
  source: AsyncIterable<Buffer>,
  max: number,
  name: string,
): AsyncGenerator<{ bytes: Uint8Array; offset: number }> {
  let parts: Buffer[] = [];
  let partsLength = 0;
  let spanStart = 0; // stream offset of the current span
  let pending: Buffer = Buffer.alloc(0); // an undecided `{` or `{1` at the end of the last chunk
  let workOffset = 0;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    const work = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    let pos = 0;
    for (let at = work.indexOf(START); at !== -1; at = work.indexOf(START, at + 3)) {
      if (partsLength > 0 || at > pos) {
        const bytes = parts.length === 0 ? Buffer.from(work.subarray(pos, at)) : Buffer.concat([...parts, work.subarray(pos, at)]);
        yield { bytes, offset: spanStart };
        parts = [];
        partsLength = 0;
      }
      spanStart = workOffset + at;
      pos = at;
    }
    let keep = work.length;
    if (work[keep - 1] === 0x7b) keep -= 1;
    else if (keep >= 2 && work[keep - 2] === 0x7b && work[keep - 1] === 0x31) keep -= 2;
    if (keep < pos) keep = pos;
    if (keep > pos) {
      parts.push(Buffer.from(work.subarray(pos, keep)));
      partsLength += keep - pos;
    }
    pending = Buffer.from(work.subarray(keep));
    workOffset += work.length - pending.length;
    if (partsLength > max) throw oversized(name, spanStart, max);
  }
  if (partsLength + pending.length > 0) {
    yield { bytes: Buffer.concat([...parts, pending]), offset: spanStart };
  }
}

function oversized(name: string, offset: number, max: number): CliError {
  return new CliError(
    `${name}: the message at byte ${offset} is longer than ${max.toLocaleString('en-US')} bytes ` +
      `(is it a message file at all? if so, raise the limit with --max-message-size)`,
  );
}

/** Number of characters (UTF-16 code units) in bytes that hold no LF. */
function charCount(bytes: Uint8Array, encoding: Encoding): number {
  if (isAscii(bytes)) return bytes.length;
  if (encoding === 'gb18030') return decodeMessage(bytes).text.length;
  let n = 0;
  for (const b of bytes) {
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

function startsMessage(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x7b && bytes[1] === 0x31 && bytes[2] === 0x3a;
}

/** The message spans of a byte stream in `encoding`. */
async function* spans(
  encoding: Encoding,
  chunks: AsyncIterable<Buffer>,
  max: number,
  name: string,
): AsyncGenerator<{ bytes: Uint8Array; offset: number }> {
  if (encoding === 'gb18030') {
    for await (const m of splitStream(chunks, { maxMessageBytes: max })) {
      if (m.oversized) throw oversized(name, m.offset, max);
      yield m;
    }
  } else {
    yield* splitUtf8(chunks, max, name);
  }
}

/**
 * The messages of one input, in order, with their positions; memory stays bounded by the
 * longest message. An input without any message gives one empty message (reported as S001).
 */
export async function* readMessages(input: Input, opts: ReadOptions): AsyncGenerator<RawMessage> {
  let encoding: Encoding;
  let chunks: AsyncIterable<Buffer>;
  if (opts.encoding !== undefined) {
    encoding = opts.encoding;
    chunks = openBytes(input, opts.onBytes);
  } else if (input.kind === 'file' && input.regular) {
    encoding = await detectFileEncoding(input);
    chunks = openBytes(input, opts.onBytes);
  } else {
    const sniffed = await sniffStream(openBytes(input, opts.onBytes), input.name);
    encoding = sniffed.encoding;
    chunks = sniffed.chunks;
  }
  const max = opts.maxMessageBytes;
  let line = 1;
  let column = 1;
  let index = 0;
  const make = (bytes: Uint8Array, offset: number): RawMessage => {
    const source: MessageSource = { file: input.name, index: index++, byteOffset: offset, byteLength: bytes.length, line, column };
    // Where the next message starts: LF bytes are never inside a character (GB18030, UTF-8).
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let lastLf = -1;
    for (let at = buf.indexOf(0x0a); at !== -1; at = buf.indexOf(0x0a, at + 1)) {
      line++;
      lastLf = at;
    }
    const tail = buf.subarray(lastLf + 1);
    column = (lastLf === -1 ? column : 1) + (tail.length === 0 ? 0 : charCount(tail, encoding));
    return { bytes, source, encoding };
  };
  // Text before the first `{1:` (a stray prefix, a byte-order mark, junk) is not a message of its
  // own: it goes with the first message, which then reports it (S002) where it stands.
  let lead: { bytes: Uint8Array; offset: number } | undefined;
  let first = true;
  for await (const m of spans(encoding, chunks, max, input.name)) {
    if (first) {
      first = false;
      if (!startsMessage(m.bytes)) {
        lead = m;
        continue;
      }
    }
    if (lead !== undefined) {
      yield make(Buffer.concat([lead.bytes, m.bytes]), lead.offset);
      lead = undefined;
    } else {
      yield make(m.bytes, m.offset);
    }
  }
  if (lead !== undefined) yield make(lead.bytes, lead.offset);
  if (index === 0) yield make(new Uint8Array(0), 0);
}

// --- output ------------------------------------------------------------------------------------

const FLUSH_AT = 64 * 1024;

/**
 * Buffered output to stdout or a file: small writes are gathered into 64 KiB chunks, and a write
 * waits while the destination is full (so a slow reader bounds memory).
 */
export class Output {
  private parts: (string | Uint8Array)[] = [];
  private size = 0;
  private failure: Error | undefined;
  private readonly stream: Writable;
  readonly isTTY: boolean;

  constructor(file?: string) {
    if (file === undefined || file === '-') {
      this.stream = process.stdout;
      this.isTTY = process.stdout.isTTY === true;
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        this.failure = err.code === 'EPIPE' ? new OutputClosed() : new CliError(`cannot write to standard output: ${describeFsError(err)}`);
      });
    } else {
      const ws: WriteStream = createWriteStream(file);
      ws.on('error', (err) => {
        this.failure = fsError('write', file, err);
      });
      this.stream = ws;
      this.isTTY = false;
    }
  }

  /** Appends; flushes when 64 KiB are gathered. */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    const chunk = parts.every((p) => typeof p === 'string')
      ? (parts as string[]).join('')
      : Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
        this.stream.on('close', done);
      });
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Flushes and, for a file, closes it. */
  async close(): Promise<void> {
    await this.flush();
    if (this.stream !== process.stdout) {
      await new Promise<void>((resolve) => this.stream.end(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
  }
}
