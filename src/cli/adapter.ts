/**
 * The one place where the command line touches the library. Everything the CLI needs — parse a
 * message into a JSON-able record, turn a record back into text and bytes, check a record read
 * from JSON, describe an FMT — goes through the functions here.
 *
 * A record is built from the envelope stage (`parseEnvelope`) and, unless `raw`, the typed
 * message layer on that same envelope (`fromEnvelope`: typed `body`, `headers`, and the
 * validation diagnostics F/R/V next to the envelope's S/E). `build` reproduces the input bytes
 * exactly from `envelope` (plus `invalidBytes`, the original bytes behind each U+FFFD that
 * decoding put in place of bytes that were not valid text) — unless the record's `body` was
 * edited: then the message is built canonically from the body (`build`), keeping the record's
 * header parts. "The envelope wins unless you edited the body."
 */
import { Buffer } from 'node:buffer';
import type { Envelope } from '../envelope/ast.js';
import { parseEnvelope, type ParseMode } from '../envelope/parse.js';
import { serializeEnvelope } from '../envelope/serialize.js';
import { writeEnvelope, type EnvelopeInit } from '../envelope/write.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { bodiesEqual, bodyFromJSON, defaultCodec, valueToJSON, type Codec, type HeadersInit, type JsonValue, type MessageHeaders } from '../message/index.js';
import { mergeDiagnostics } from '../message/sink.js';
import { HEADER_PARTS } from '../message/build.js';
import { isPlainObject } from '../plain-object.js';
import { decodeMessage } from '../bytes/decode.js';
import { lineColumn } from '../diagnostics/lines.js';
import { encodeText, findUnencodable } from '../bytes/encode.js';
import { findFmt, CATEGORIES } from '../spec/fmts/index.js';
import { tagMap } from '../spec/tags.js';
import { familyRulesFor } from '../spec/families.js';
import { codeTableDef } from '../spec/code-tables.js';
import { variableDef } from '../spec/variables.js';
import { KNOWN_FMT_TABLE } from '../spec/schema.js';
import type { CodeSpec, FieldItem, FlowDef, FmtDef, GroupCount, ReferenceDef, RuleDef, TagDef } from '../spec/schema.js';

export type { Diagnostic, JsonValue, MessageHeaders, ParseMode, RuleDef };

/** Text encodings of message files. */
export type Encoding = 'gb18030' | 'utf8';

/** Where a message stood in its input. */
export interface MessageSource {
  /** The input as named on the command line (`-` for stdin). */
  readonly file: string;
  /** Index of the message in that input, from 0. */
  readonly index: number;
  /** Byte offset of the message's first byte in the input. */
  readonly byteOffset: number;
  readonly byteLength: number;
  /** 1-based line and column (characters) of the message's first character in the input. */
  readonly line: number;
  readonly column: number;
}

/** The original bytes behind one U+FFFD of the message text (bytes that were not valid text). */
export interface InvalidBytes {
  /** UTF-16 index of the U+FFFD in the message text. */
  readonly offset: number;
  /** The bytes, in hex. */
  readonly hex: string;
}

/**
 * One message as JSON-able data: what `cfxps parse` writes and `cfxps build` reads. Plain data
 * only (no classes), so it survives `JSON.stringify` and `postMessage` unchanged.
 */
export interface MessageRecord {
  /** Index of the message in the whole run (all inputs), from 0. */
  readonly index: number;
  readonly source?: MessageSource;
  /** The encoding the message was read in. */
  readonly encoding?: Encoding;
  /** `FMT100` etc. (user header 119), when present and well-formed. */
  readonly fmt?: string;
  /** The MT from block 2. */
  readonly mt?: string;
  /** No diagnostic of severity `error` (envelope and, unless `--raw`, validation). */
  readonly ok: boolean;
  /** Every diagnostic, by position: envelope (S, E) and, unless `--raw`, validation (V, F, R). */
  readonly diagnostics: readonly Diagnostic[];
  /** The header parts (typed layer; absent with `--raw` or when the message could not be typed). */
  readonly headers?: MessageHeaders;
  /**
   * The typed body (typed layer; absent with `--raw` or when the FMT is unknown or block 4
   * unreadable): properties by 英文简称, decimals as exact decimal strings (`"125000.5"`).
   */
  readonly body?: { readonly [key: string]: JsonValue };
  /** The envelope AST: `build` serializes it back to the exact text (unless `body` was edited). */
  readonly envelope?: Envelope;
  /** Present when the bytes held invalid sequences: needed to give the bytes back exactly. */
  readonly invalidBytes?: readonly InvalidBytes[];
  /**
   * A message described by its parts (the canonical writer's input, `writeEnvelope`): for
   * hand-written JSON; `build` uses it when there is neither `envelope` nor `body`.
   */
  readonly message?: EnvelopeInit;
}

export interface ParseOptions {
  readonly mode: ParseMode;
  /** Encoding of byte input (ignored for string input). */
  readonly encoding: Encoding;
  readonly index: number;
  readonly source?: MessageSource;
  /** Envelope only: do not run the typed layer (`parse --raw`). */
  readonly raw?: boolean;
  /**
   * Put the typed `body` and `headers` into the record (default true); `false` validates only
   * (`validate` does not need the body as JSON).
   */
  readonly body?: boolean;
  /** The tables to parse and validate with (default: the shipped ones). */
  readonly codec?: Codec;
}

/** A parsed message: the record and its decoded text (positions index into it). */
export interface ParsedMessage {
  readonly record: MessageRecord;
  readonly text: string;
}

// --- parse -------------------------------------------------------------------------------------

/** Parses one message (bytes in `opts.encoding`, or text) into a record and its text. */
export function parseMessage(input: string | Uint8Array, opts: ParseOptions): ParsedMessage {
  const codec = opts.codec ?? defaultCodec();
  const envelopeOptions = { mode: opts.mode, tables: codec.envelopeTables };
  let invalid: InvalidBytes[] | undefined;
  let result: ReturnType<typeof parseEnvelope>;
  let extra: Diagnostic[] | undefined;
  if (typeof input === 'string') {
    result = parseEnvelope(input, envelopeOptions);
  } else if (opts.encoding === 'gb18030') {
    result = parseEnvelope(input, envelopeOptions);
    // Rare path: keep the original bytes behind each U+FFFD so that `build` gives them back.
    if (result.text.includes('\uFFFD')) {
      const runs = decodeMessage(input).invalid;
      if (runs.length > 0) {
        const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
        invalid = runs.map((r) => ({
          offset: r.textOffset,
          hex: bytes.toString('hex', r.byteOffset, r.byteOffset + r.byteLength),
        }));
      }
    }
  } else {
    const decoded = decodeUtf8(input);
    result = parseEnvelope(decoded.text, envelopeOptions);
    if (decoded.invalid.length > 0) {
      invalid = decoded.invalid.map((r) => ({ offset: r.textOffset, hex: r.hex }));
      extra = decoded.invalid.map((r) => invalidUtf8Diagnostic(decoded.text, r.textOffset, r.byteOffset));
    }
  }
  const text = result.text;
  let diagnostics: readonly Diagnostic[] = result.diagnostics;
  let headers: MessageHeaders | undefined;
  let body: { readonly [key: string]: JsonValue } | undefined;
  if (opts.raw !== true) {
    // The typed layer on the envelope just parsed (not a second parse): body, headers, and the
    // validation diagnostics merged with the envelope's by position.
    const typed = codec.fromEnvelope(result, { mode: opts.mode });
    diagnostics = typed.diagnostics;
    if (typed.message !== undefined && opts.body !== false) {
      headers = typed.message.headers;
      body = valueToJSON(typed.message.body) as { readonly [key: string]: JsonValue };
    }
  }
  if (extra !== undefined) diagnostics = mergeDiagnostics(extra, diagnostics);
  // `ok` is "no error" (the typed result's `ok` is also false when it could not type the message;
  // that case always comes with an envelope error in strict mode).
  const ok = diagnostics === result.diagnostics ? result.ok : !hasErrors(diagnostics);
  // Key order is the JSON's: where it came from, what it is, its problems, its typed content,
  // then the AST.
  const record: MessageRecord = {
    index: opts.index,
    ...(opts.source === undefined ? {} : { source: opts.source }),
    ...(typeof input === 'string' ? {} : { encoding: opts.encoding }),
    ...(result.fmt === undefined ? {} : { fmt: result.fmt }),
    ...(result.mt === undefined ? {} : { mt: result.mt }),
    ok,
    diagnostics,
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
    envelope: result.envelope,
    ...(invalid === undefined ? {} : { invalidBytes: invalid }),
  };
  return { record, text };
}

/** Parses one message into a JSON-able record. */
export function parseToRecord(input: string | Uint8Array, opts: ParseOptions): MessageRecord {
  return parseMessage(input, opts).record;
}

// --- UTF-8 decoding with exact invalid runs -----------------------------------------------------

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

interface Utf8Run {
  readonly byteOffset: number;
  readonly textOffset: number;
  readonly hex: string;
}

/** Length of the valid UTF-8 sequence at `i` (WHATWG rules), or 0 when it is not valid there. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const x = b[i]!;
  if (x < 0x80) return 1;
  const need = x >= 0xc2 && x <= 0xdf ? 1 : x >= 0xe0 && x <= 0xef ? 2 : x >= 0xf0 && x <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  let lo = 0x80;
  let hi = 0xbf;
  if (x === 0xe0) lo = 0xa0;
  else if (x === 0xed) hi = 0x9f;
  else if (x === 0xf0) lo = 0x90;
  else if (x === 0xf4) hi = 0x8f;
  for (let k = 1; k <= need; k++) {
    if (i + k >= b.length) return 0;
    const y = b[i + k]!;
    if (y < (k === 1 ? lo : 0x80) || y > (k === 1 ? hi : 0xbf)) return 0;
  }
  return need + 1;
}

/**
 * UTF-8 bytes → text (a BOM is kept as U+FEFF, so the bytes come back exactly); each maximal run
 * of invalid bytes becomes one U+FFFD and one run with its original bytes.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalid: readonly Utf8Run[] } {
  const text = utf8.decode(bytes);
  if (!text.includes('\uFFFD')) return { text, invalid: [] };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const runs: Utf8Run[] = [];
  let textLength = 0;
  let segment = 0;
  let i = 0;
  while (i < buf.length) {
    const len = utf8SequenceLength(buf, i);
    if (len > 0) {
      i += len;
      continue;
    }
    // An invalid run: up to the next position where a valid sequence starts.
    const start = i;
    i++;
    while (i < buf.length && utf8SequenceLength(buf, i) === 0) i++;
    if (start > segment) {
      const s = utf8.decode(buf.subarray(segment, start));
      parts.push(s);
      textLength += s.length;
    }
    runs.push({ byteOffset: start, textOffset: textLength, hex: buf.toString('hex', start, i) });
    parts.push('\uFFFD');
    textLength += 1;
    segment = i;
  }
  if (runs.length === 0) return { text, invalid: [] };
  if (segment < buf.length) parts.push(utf8.decode(buf.subarray(segment)));
  return { text: parts.join(''), invalid: runs };
}

function invalidUtf8Diagnostic(text: string, offset: number, byteOffset: number): Diagnostic {
  const { line, column } = lineColumn(text, offset);
  return diagnostic('E003', { offset, line, column, length: 1 }, { byteOffset });
}

// --- build -------------------------------------------------------------------------------------

/** A record that cannot be built, or JSON that is not a record; `path` is a JSON path (`$.envelope…`). */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'RecordError';
  }
}

/** How `build` made a record's text. */
export type BuiltFrom =
  /** Serialized from `envelope`: the exact text the record was parsed from. */
  | 'envelope'
  /** Built canonically from the typed `body` (edited, or a record without `envelope`). */
  | 'body'
  /** Written canonically from `message` (a message by its parts). */
  | 'message';

/** A record turned into message text. */
export interface BuiltMessage {
  readonly text: string;
  readonly from: BuiltFrom;
  /**
   * For `from: 'body'`: the problems of the body (B codes) and every diagnostic of parsing the
   * built text back (V, F, R …). Empty otherwise (the text is the record's own).
   */
  readonly diagnostics: readonly Diagnostic[];
  /** No diagnostic of severity `error`. */
  readonly ok: boolean;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** Deep equality of JSON data (key order ignored). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  let nb = 0;
  for (const k in rb) if (Object.prototype.hasOwnProperty.call(rb, k) && rb[k] !== undefined) nb++;
  let na = 0;
  for (const k of ka) {
    if (ra[k] === undefined) continue;
    na++;
    if (!jsonEqual(ra[k], rb[k])) return false;
  }
  return na === nb;
}

/** The header parts `build` takes, from a record's `headers` (unknown keys are not passed on). */
const HEADER_KEYS = Object.keys(HEADER_PARTS) as (keyof typeof HEADER_PARTS)[];

/** The header parts for `build`; not `mt`: block 2's MT is the FMT's (a changed `fmt` may need another). */
function headersInit(h: Readonly<Record<string, unknown>> | undefined): HeadersInit {
  const out: Record<string, unknown> = {};
  if (h === undefined) return out;
  for (const k of HEADER_KEYS) if (k !== 'mt' && h[k] !== undefined) out[k] = h[k];
  return out as HeadersInit;
}

/**
 * A record's message text: from `envelope`, exactly, unless the record's `body` differs from the
 * body that envelope yields (the user edited it): then built canonically from `body` with the
 * record's header parts (`headers`, else the envelope's). A record with `body` and no `envelope`
 * is built from the body; one with only `message` is written from its parts.
 *
 * "Differs" is decided by the typed layer: the envelope's text is parsed (lenient, so that any
 * record `parse` wrote can be read back; its body does not depend on the mode) and its body as
 * JSON compared with the record's; when the JSON differs, the two are compared again as typed
 * bodies (decimals by value), so `"125000.50"` for `"125000.5"` is not an edit.
 */
export function buildRecord(record: MessageRecord, codec: Codec = defaultCodec()): BuiltMessage {
  let headers: Readonly<Record<string, unknown>> | undefined = record.headers as Readonly<Record<string, unknown>> | undefined;
  let fmt = record.fmt;
  if (record.envelope !== undefined) {
    const text = serializeEnvelope(record.envelope);
    if (record.body === undefined) return { text, from: 'envelope', diagnostics: NO_DIAGNOSTICS, ok: true };
    const typed = codec.fromEnvelope(parseEnvelope(text, { mode: 'lenient', tables: codec.envelopeTables }), { mode: 'lenient', validate: false });
    const m = typed.message;
    if (m !== undefined) {
      if (jsonEqual(record.body, valueToJSON(m.body))) return { text, from: 'envelope', diagnostics: NO_DIAGNOSTICS, ok: true };
      const again = bodyFromJSON(fmt ?? m.fmt, record.body, codec);
      if ((fmt === undefined || fmt === m.fmt) && again.ok && bodiesEqual(again.body, m.body)) {
        return { text, from: 'envelope', diagnostics: NO_DIAGNOSTICS, ok: true };
      }
      headers ??= m.headers as unknown as Readonly<Record<string, unknown>>;
      fmt ??= m.fmt;
    }
  } else if (record.body === undefined) {
    if (record.message !== undefined) return { text: writeEnvelope(record.message), from: 'message', diagnostics: NO_DIAGNOSTICS, ok: true };
    throw new RecordError('the record has neither "envelope", "body" nor "message"', '$');
  }
  if (fmt === undefined) throw new RecordError('"fmt" is missing: a record built from its "body" needs its FMT (e.g. "FMT100")', '$.fmt');
  const json = bodyFromJSON(fmt, record.body, codec);
  const built = codec.build(fmt, json.body, headersInit(headers));
  const diagnostics = json.diagnostics.length === 0 ? built.diagnostics : [...json.diagnostics, ...built.diagnostics];
  return { text: built.text, from: 'body', diagnostics, ok: json.ok && built.ok };
}

/** The message text of a record: what `build` encodes (see `buildRecord`). */
export function recordToText(record: MessageRecord): string {
  return buildRecord(record).text;
}

/**
 * The bytes of a record in `encoding`: the text, encoded, with the original bytes put back in
 * place of each U+FFFD listed in `invalidBytes` (only for text from the `envelope`: a message
 * built from its body is new text). Throws `RecordError` for text that cannot be encoded (a lone
 * surrogate) or an `invalidBytes` entry that does not point at a U+FFFD.
 */
export function recordToBytes(record: MessageRecord, encoding: Encoding, built: BuiltMessage = buildRecord(record)): Uint8Array {
  const text = built.text;
  const bad = findUnencodable(text);
  if (bad.length > 0) {
    const at = bad[0]!;
    const { line, column } = lineColumn(text, at);
    throw new RecordError(
      `the message text has a lone surrogate U+${text.charCodeAt(at).toString(16).toUpperCase()} at ${line}:${column}, which no encoding can write`,
      built.from === 'envelope' ? '$.envelope' : `$.${built.from}`,
    );
  }
  const encode = (s: string): Uint8Array => (encoding === 'utf8' ? Buffer.from(s, 'utf8') : encodeText(s));
  const invalid = built.from === 'envelope' ? record.invalidBytes : undefined;
  if (invalid === undefined || invalid.length === 0) return encode(text);
  const parts: Uint8Array[] = [];
  let from = 0;
  invalid.forEach((run, k) => {
    if (run.offset < from || text.charCodeAt(run.offset) !== 0xfffd) {
      throw new RecordError(
        `invalidBytes[${k}] (offset ${run.offset}) does not point at a U+FFFD of the message text; fix the offset or remove the entry`,
        `$.invalidBytes[${k}]`,
      );
    }
    if (run.offset > from) parts.push(encode(text.slice(from, run.offset)));
    parts.push(Buffer.from(run.hex, 'hex'));
    from = run.offset + 1;
  });
  if (from < text.length) parts.push(encode(text.slice(from)));
  return Buffer.concat(parts);
}

// --- checking JSON read for build ----------------------------------------------------------------

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);


/**
 * Rejects `__proto__`, `constructor` and `prototype` keys anywhere in a parsed JSON value (so no
 * later merge or spread can pollute a prototype). Iterative: deep nesting cannot overflow. With
 * the JSON `text`, a text without any of the words and without `\u` escapes is known safe
 * without a walk.
 */
export function assertSafeJson(value: unknown, text?: string): void {
  if (
    text !== undefined &&
    !text.includes('\\u') &&
    !text.includes('__proto__') &&
    !text.includes('constructor') &&
    !text.includes('prototype')
  ) {
    return;
  }
  const stack: { v: unknown; path: () => string }[] = [{ v: value, path: () => '$' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: () => `${path()}[${i}]` });
    } else if (isPlainObject(v)) {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) throw new RecordError(`the key "${key}" is not allowed`, `${path()}.${key}`);
        stack.push({ v: v[key], path: () => `${path()}.${key}` });
      }
    }
  }
}

/** A JSON path, built only when an error needs it. */
type Path = () => string;

const at = (path: Path, key: string): Path => () => `${path()}.${key}`;
const item = (path: Path, i: number): Path => () => `${path()}[${i}]`;

type Kind = 'string' | 'number' | 'array';
/** [key, kind, optional] */
type Shape = readonly (readonly [string, Kind, boolean])[];

function shape(spec: Readonly<Record<string, string>>): Shape {
  return Object.entries(spec).map(([k, v]) => [k, v.replace('?', '') as Kind, v.endsWith('?')] as const);
}

function expect(obj: Record<string, unknown>, path: Path, sh: Shape): void {
  for (const [key, kind, optional] of sh) {
    const v = obj[key];
    if (v === undefined) {
      if (optional) continue;
      throw new RecordError(`"${key}" is missing`, at(path, key)());
    }
    const ok = kind === 'array' ? Array.isArray(v) : typeof v === kind && (kind !== 'number' || Number.isFinite(v));
    if (!ok) throw new RecordError(`"${key}" must be ${kind === 'array' ? 'an array' : `a ${kind}`}`, at(path, key)());
  }
}

function object(v: unknown, path: Path): Record<string, unknown> {
  if (!isPlainObject(v)) throw new RecordError('expected an object', path());
  return v;
}

const BLOCK_BASE = shape({ kind: 'string', id: 'string', before: 'string?' });
const BASIC_HEADER = shape({ applicationId: 'string', serviceId: 'string', ltAddress: 'string', session: 'string', sequence: 'string' });
const APP_INPUT = shape({ mt: 'string', receiverAddress: 'string', priority: 'string', deliveryMonitoring: 'string?', obsolescencePeriod: 'string?' });
const APP_OUTPUT = shape({
  mt: 'string',
  inputTime: 'string',
  mirDate: 'string',
  mirAddress: 'string',
  mirSession: 'string',
  mirSequence: 'string',
  outputDate: 'string',
  outputTime: 'string',
  priority: 'string',
});
const TAG_LIST = shape({ entries: 'array' });
const TAG_VALUE = shape({ tag: 'string', value: 'string' });
const TEXT_BLOCK = shape({ leading: 'string', trailing: 'string', fields: 'array' });
const FIELD = shape({ tag: 'string', value: 'string', eol: 'string', embedded: 'array?' });
const RAW = shape({ content: 'string' });
const ENVELOPE = shape({ blocks: 'array', leading: 'string', trailing: 'string' });
const INIT_B1 = shape({ ltAddress: 'string', applicationId: 'string?', serviceId: 'string?', session: 'string?', sequence: 'string?' });
const INIT_B2_INPUT = shape({ mt: 'string', receiverAddress: 'string', priority: 'string', deliveryMonitoring: 'string?', obsolescencePeriod: 'string?' });
const TAG_ONLY = shape({ tag: 'string' });
const INVALID_BYTES = shape({ offset: 'number', hex: 'string' });

function checkBlock(v: unknown, path: Path): void {
  const b = object(v, path);
  expect(b, path, BLOCK_BASE);
  const kind = b['kind'] as string;
  switch (kind) {
    case 'basicHeader':
      expect(b, path, BASIC_HEADER);
      return;
    case 'applicationHeader':
      if (b['direction'] === 'I') expect(b, path, APP_INPUT);
      else if (b['direction'] === 'O') expect(b, path, APP_OUTPUT);
      else throw new RecordError('"direction" must be "I" or "O"', at(path, 'direction')());
      return;
    case 'userHeader':
    case 'trailer':
    case 'signature': {
      expect(b, path, TAG_LIST);
      const entries = b['entries'] as unknown[];
      for (let i = 0; i < entries.length; i++) {
        const p = item(at(path, 'entries'), i);
        expect(object(entries[i], p), p, TAG_VALUE);
      }
      return;
    }
    case 'text':
    case 'additionalText': {
      expect(b, path, TEXT_BLOCK);
      const fields = b['fields'] as unknown[];
      for (let i = 0; i < fields.length; i++) {
        const p = item(at(path, 'fields'), i);
        expect(object(fields[i], p), p, FIELD);
      }
      return;
    }
    case 'raw':
      expect(b, path, RAW);
      if (b['unterminated'] !== undefined && b['unterminated'] !== true) {
        throw new RecordError('"unterminated" must be true or absent', at(path, 'unterminated')());
      }
      return;
    default:
      throw new RecordError(
        `unknown block kind "${kind}" (one of basicHeader, applicationHeader, userHeader, text, additionalText, signature, trailer, raw)`,
        at(path, 'kind')(),
      );
  }
}

function checkEnvelopeShape(v: unknown, path: Path): void {
  const e = object(v, path);
  expect(e, path, ENVELOPE);
  const blocks = e['blocks'] as unknown[];
  for (let i = 0; i < blocks.length; i++) checkBlock(blocks[i], item(at(path, 'blocks'), i));
}

function checkTagValues(v: unknown, path: Path, optional: boolean): void {
  if (v === undefined && optional) return;
  if (!Array.isArray(v)) throw new RecordError('expected an array of {"tag", "value"}', path());
  v.forEach((e, i) => expect(object(e, item(path, i)), item(path, i), TAG_VALUE));
}

function checkFieldValue(v: unknown, path: Path): void {
  if (typeof v === 'string') return;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return;
  throw new RecordError('"value" must be a string or an array of lines', path());
}

function checkFieldInits(v: unknown, path: Path, optional: boolean): void {
  if (v === undefined && optional) return;
  if (!Array.isArray(v)) throw new RecordError('expected an array of fields', path());
  v.forEach((f, i) => {
    const p = item(path, i);
    const o = object(f, p);
    expect(o, p, TAG_ONLY);
    if (o['embedded'] !== undefined) {
      if (!Array.isArray(o['embedded'])) throw new RecordError('"embedded" must be an array', at(p, 'embedded')());
      (o['embedded'] as unknown[]).forEach((e, k) => {
        const q = item(at(p, 'embedded'), k);
        const eo = object(e, q);
        expect(eo, q, TAG_ONLY);
        checkFieldValue(eo['value'], at(q, 'value'));
      });
    } else {
      checkFieldValue(o['value'], at(p, 'value'));
    }
  });
}

function checkMessageInit(v: unknown, path: Path): void {
  const m = object(v, path);
  expect(object(m['basicHeader'], at(path, 'basicHeader')), at(path, 'basicHeader'), INIT_B1);
  const b2path = at(path, 'applicationHeader');
  const b2 = object(m['applicationHeader'], b2path);
  if (b2['direction'] === 'I') expect(b2, b2path, INIT_B2_INPUT);
  else if (b2['direction'] === 'O') expect(b2, b2path, APP_OUTPUT);
  else throw new RecordError('"direction" must be "I" or "O"', at(b2path, 'direction')());
  checkTagValues(m['userHeader'], at(path, 'userHeader'), false);
  checkFieldInits(m['text'], at(path, 'text'), false);
  checkFieldInits(m['additionalText'], at(path, 'additionalText'), true);
  checkTagValues(m['signature'], at(path, 'signature'), true);
  checkTagValues(m['trailer'], at(path, 'trailer'), false);
}

const ROOT: Path = () => '$';

const HEADERS = shape(
  Object.fromEntries(HEADER_KEYS.filter((k) => HEADER_PARTS[k] === 'string').map((k) => [k, 'string?'])),
);

function checkHeaders(v: unknown): void {
  const path = at(ROOT, 'headers');
  const h = object(v, path);
  expect(h, path, HEADERS);
  if (h['direction'] !== undefined && h['direction'] !== 'I' && h['direction'] !== 'O') throw new RecordError('"direction" must be "I" or "O"', at(path, 'direction')());
  if (h['training'] !== undefined && typeof h['training'] !== 'boolean') throw new RecordError('"training" must be true or false', at(path, 'training')());
  if (h['signature'] !== undefined) expect(object(h['signature'], at(path, 'signature')), at(path, 'signature'), shape({ dsn: 'string', sig: 'string' }));
}

/**
 * Checks a parsed JSON value before `build` uses it, and returns it as a record. Accepted: a
 * record as `cfxps parse` writes it (`envelope`, optional `invalidBytes`, `headers`, `body`), a
 * typed body (`{"fmt", "body", "headers"?}`), a bare envelope (`{"blocks", "leading",
 * "trailing"}`), or a message by its parts (`{"message": {…}}`, the canonical writer's input).
 * The body's values are checked when it is built (B and V codes, not exceptions). Throws
 * `RecordError` (with a JSON path) for anything else. `text`, the JSON the value was parsed from,
 * lets the prototype-key check skip its walk.
 */
export function checkRecord(value: unknown, index: number, text?: string): MessageRecord {
  assertSafeJson(value, text);
  const v = object(value, ROOT);
  if (v['blocks'] !== undefined && v['envelope'] === undefined) {
    checkEnvelopeShape(v, ROOT);
    return { index, ok: true, diagnostics: [], envelope: v as unknown as Envelope };
  }
  if (v['envelope'] !== undefined) {
    checkEnvelopeShape(v['envelope'], at(ROOT, 'envelope'));
  } else if (v['body'] !== undefined) {
    if (typeof v['fmt'] !== 'string') throw new RecordError('"fmt" must be a string such as "FMT100" (a record built from its "body" needs its FMT)', '$.fmt');
  } else if (v['message'] !== undefined) {
    checkMessageInit(v['message'], at(ROOT, 'message'));
  } else {
    throw new RecordError(
      'not a message record: expected "envelope" (as written by cfxps parse), "fmt" and "body" (a typed body), "message" (a message by its parts) or "blocks"',
      '$',
    );
  }
  if (v['body'] !== undefined && !isPlainObject(v['body'])) throw new RecordError('"body" must be an object', '$.body');
  if (v['fmt'] !== undefined && typeof v['fmt'] !== 'string') throw new RecordError('"fmt" must be a string', '$.fmt');
  if (v['headers'] !== undefined) checkHeaders(v['headers']);
  if (v['encoding'] !== undefined && v['encoding'] !== 'gb18030' && v['encoding'] !== 'utf8') {
    throw new RecordError('"encoding" must be "gb18030" or "utf8"', '$.encoding');
  }
  if (v['invalidBytes'] !== undefined) {
    if (!Array.isArray(v['invalidBytes'])) throw new RecordError('"invalidBytes" must be an array', '$.invalidBytes');
    (v['invalidBytes'] as unknown[]).forEach((r, i) => {
      const p = item(at(ROOT, 'invalidBytes'), i);
      const o = object(r, p);
      expect(o, p, INVALID_BYTES);
      if (!Number.isInteger(o['offset']) || (o['offset'] as number) < 0) throw new RecordError('"offset" must be an integer ≥ 0', at(p, 'offset')());
      if (!/^(?:[0-9a-fA-F]{2})+$/.test(o['hex'] as string)) throw new RecordError('"hex" must be an even number of hex digits', at(p, 'hex')());
    });
  }
  return v as unknown as MessageRecord;
}

// --- the standard's tables (describe, list) ------------------------------------------------------

/** A code with its meaning. */
export interface CodeRow {
  readonly code: string;
  readonly zh?: string;
  readonly en?: string;
}

/** One field of an FMT, with the dictionary's facts and the FMT's narrowing merged. */
export interface FieldRow {
  readonly tag: string;
  readonly status: 'M' | 'O' | 'C';
  readonly nameZh: string;
  /** English short name (the typed-AST property name). */
  readonly name: string;
  readonly format: string;
  /** Allowed values: listed, or the name of a code table (with its codes when known). */
  readonly codes?: { readonly table?: string; readonly values?: readonly CodeRow[] };
  readonly participant?: 'CN' | 'any';
  readonly defaultValue?: string;
  readonly specialValues?: readonly CodeRow[];
  readonly refersTo?: ReferenceDef;
  readonly noteZh?: string;
  readonly note?: string;
}

export interface GroupRow {
  readonly group: string;
  readonly nameZh?: string;
  readonly count: GroupCount;
  readonly items: readonly FieldRow[];
  readonly noteZh?: string;
  readonly note?: string;
}

export interface FmtSummary {
  readonly fmt: string;
  readonly mt: string;
  readonly section: string;
  readonly nameZh: string;
  readonly name: string;
  readonly category: string;
  readonly reserved: boolean;
}

export interface FmtDescription extends FmtSummary {
  readonly categoryName: { readonly section: string; readonly nameZh: string; readonly name: string };
  readonly flow: FlowDef;
  readonly signature: 'M' | 'O';
  readonly body: 'text' | 'embedded';
  /** Embedded body (MT198): the text-block fields; the last one holds `items` as embedded fields. */
  readonly textItems?: readonly FieldRow[];
  readonly container?: string;
  readonly items: readonly (FieldRow | GroupRow)[];
  readonly block6: readonly FieldRow[];
  /** The FMT's own rules. */
  readonly rules: readonly RuleDef[];
  /** Rules of its family (every FMT, its MT, its category) that apply to it, with their source. */
  readonly familyRules: readonly { readonly rule: RuleDef; readonly source: string }[];
  readonly noteZh?: string;
  readonly note?: string;
}

/** What a description reads: a codec's tables (its FMTs, tags, rules) and its code tables. */
interface DescribeContext {
  readonly tables: Codec['tables'];
  readonly context: Codec['context'];
}

function codeRows(spec: CodeSpec | undefined, format: string, cx: DescribeContext): FieldRow['codes'] {
  if (spec !== undefined && 'values' in spec) return { values: spec.values.map((v) => ({ ...v })) };
  const table = spec !== undefined ? spec.table : variableDef(format)?.codeTable;
  if (table === undefined) return undefined;
  if (table === KNOWN_FMT_TABLE) return { table, values: cx.tables.fmts.map((f) => ({ code: f.fmt, zh: f.nameZh, en: f.name })) };
  // The codec's codes (a bank may have added some: they have its one label); English where shipped.
  const codes = cx.context.codeTables.get(table);
  if (codes === undefined) return { table };
  const shipped = new Map((codeTableDef(table)?.codes ?? []).map((c) => [c.code, c.en]));
  return {
    table,
    values: [...codes].map(([code, zh]) => {
      const en = shipped.get(code);
      return en === undefined ? { code, zh } : { code, zh, en };
    }),
  };
}

function fieldRow(item: FieldItem, dictionary: ReadonlyMap<string, TagDef>, cx: DescribeContext): FieldRow {
  const def = dictionary.get(item.tag);
  const format = item.format ?? def?.format ?? '';
  const row: { -readonly [K in keyof FieldRow]: FieldRow[K] } = {
    tag: item.tag,
    status: item.status,
    nameZh: item.nameZh ?? def?.nameZh ?? '',
    name: def?.name ?? '',
    format,
  };
  const codes = codeRows(item.codes ?? def?.codes, format, cx);
  if (codes !== undefined) row.codes = codes;
  const participant = item.participant ?? def?.participant;
  if (participant !== undefined) row.participant = participant;
  if (item.defaultValue !== undefined) row.defaultValue = item.defaultValue;
  if (item.specialValues !== undefined) row.specialValues = item.specialValues;
  const refersTo = item.refersTo ?? def?.refersTo;
  if (refersTo !== undefined) row.refersTo = refersTo;
  const noteZh = item.noteZh ?? def?.noteZh;
  const note = item.note ?? def?.note;
  if (noteZh !== undefined) row.noteZh = noteZh;
  if (note !== undefined) row.note = note;
  return row;
}

function summary(f: FmtDef): FmtSummary {
  return {
    fmt: `FMT${f.fmt}`,
    mt: f.mt,
    section: f.section,
    nameZh: f.nameZh,
    name: f.name,
    category: f.category,
    reserved: f.reserved === true,
  };
}

/** Every FMT of a codec's tables (default: the shipped ones), in the standard's order. */
export function listFmts(codec: Codec = defaultCodec()): readonly FmtSummary[] {
  return codec.tables.fmts.map(summary);
}

/** The categories of chapter 3. */
export function listCategories(): readonly { readonly id: string; readonly section: string; readonly nameZh: string; readonly name: string }[] {
  return CATEGORIES;
}

/**
 * The field table of an FMT (`FMT100`, `fmt100`, `100`) in a codec's tables (default: the
 * shipped ones), or undefined when there is no such FMT.
 */
export function describeFmt(fmt: string, codec: Codec = defaultCodec()): FmtDescription | undefined {
  const key = fmt.trim().toUpperCase();
  const { tables } = codec;
  const def = findFmt(/^[0-9]{1,3}$/.test(key) ? key.padStart(3, '0') : key, tables.fmts);
  if (def === undefined) return undefined;
  const cx: DescribeContext = codec;
  const body = tagMap(def.body === 'embedded' ? tables.tags.embedded : tables.tags.text);
  const block6 = tagMap(tables.tags.block6);
  const category = CATEGORIES.find((c) => c.id === def.category);
  const d: { -readonly [K in keyof FmtDescription]: FmtDescription[K] } = {
    ...summary(def),
    categoryName: { section: category?.section ?? '', nameZh: category?.nameZh ?? def.category, name: category?.name ?? def.category },
    flow: def.flow,
    signature: def.signature,
    body: def.body,
    items: def.items.map((it) =>
      'group' in it
        ? {
            group: it.group,
            ...(it.nameZh !== undefined ? { nameZh: it.nameZh } : {}),
            count: it.count,
            items: it.items.map((x) => fieldRow(x, body, cx)),
            ...(it.noteZh !== undefined ? { noteZh: it.noteZh } : {}),
            ...(it.note !== undefined ? { note: it.note } : {}),
          }
        : fieldRow(it, body, cx),
    ),
    block6: def.block6.map((x) => fieldRow(x, block6, cx)),
    rules: def.rules,
    familyRules: familyRulesFor(def, tables.familyRules, tables.embeddedBody).map((f) => ({ rule: f.rule, source: f.source })),
  };
  if (def.body === 'embedded') {
    const text = tagMap(tables.tags.text);
    d.textItems = tables.embeddedBody.textItems.map((x) => fieldRow(x, text, cx));
    d.container = tables.embeddedBody.container;
  }
  if (def.noteZh !== undefined) d.noteZh = def.noteZh;
  if (def.note !== undefined) d.note = def.note;
  return d;
}
