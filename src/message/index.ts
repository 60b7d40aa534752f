/**
 * The typed-message layer: parse to typed messages (one body type per FMT, generated from the
 * tables), validate every rule, build canonical messages, override the tables, JSON helpers.
 * Guide: docs/messages.md.
 */
import type { EnvelopeResult } from '../envelope/parse.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParseMode } from '../diagnostics/reporter.js';
import { defaultCodec, type Codec } from './codec.js';
import { bodyFromJSONWith, type BodyFromJSONResult } from './json.js';
import type { BodyByFmt, FmtId, Message } from './generated/bodies.js';
import type {
  AnyMessage,
  BuildResult,
  HeadersInit,
  MessageParseOptions,
  ParseResult,
  ParseResultInInput,
  StreamedParseResult,
} from './types.js';
import type { SplitStreamOptions } from '../bytes/split.js';

export { createCodec, createEnvelopeTables, defaultCodec, CodecTablesError, type Codec, type CodecOptions } from './codec.js';
export { bodiesEqual } from './equal.js';
export { announcedChanges, withAnnouncements, type TableChange } from './announce.js';
export { correlate, Correlator, referencesOf, type Correlation, type MessageLink, type MessageReference } from './references.js';
export { messageToJSON, valueToJSON, type BodyFromJSONResult, type JsonValue, type MessageJSON } from './json.js';
export { RULE_CODES } from './rules.js';
export { DEFAULT_ADDRESS, CHECKSUM_PLACEHOLDER } from './build.js';
export type * from './generated/bodies.js';
export { FMT_IDS } from './generated/bodies.js';
export type {
  AnyMessage,
  BuildResult,
  HeadersInit,
  MessageHeaders,
  MessageParseOptions,
  ParseResult,
  ParseResultInInput,
  StreamedParseResult,
  TypedMessage,
} from './types.js';

/** Parses one message with the shipped tables (see `Codec.parse`). */
export function parse(input: string | Uint8Array, options?: MessageParseOptions): ParseResult<Message> {
  return defaultCodec().parse(input, options);
}

/** Parses many messages back to back with the shipped tables (see `Codec.parseAll`). */
export function parseMessages(input: string | Uint8Array, options?: MessageParseOptions): ParseResultInInput<Message>[] {
  return defaultCodec().parseAll(input, options);
}

/** Parses the messages of a byte stream one at a time, with the shipped tables (see `Codec.parseStream`). */
export function parseMessageStream(
  source: AsyncIterable<Uint8Array>,
  options?: MessageParseOptions & SplitStreamOptions,
): AsyncGenerator<StreamedParseResult<Message>, void, undefined> {
  return defaultCodec().parseStream(source, options);
}

/** The typed layer on an envelope already parsed, with the shipped tables. */
export function fromEnvelope(envelope: EnvelopeResult, options?: MessageParseOptions): ParseResult<Message> {
  return defaultCodec().fromEnvelope(envelope, options);
}

/** Every problem of a message, with the shipped tables (see `Codec.validate`). */
export function validate(message: AnyMessage, options?: { readonly mode?: ParseMode }): readonly Diagnostic[] {
  return defaultCodec().validate(message, options);
}

/** Builds a canonical message with the shipped tables (see `Codec.build`). */
export function build<F extends FmtId>(fmt: F, body: BodyByFmt[F], headers?: HeadersInit): BuildResult<Extract<Message, { readonly fmt: F }>>;
export function build(fmt: string, body: object, headers?: HeadersInit): BuildResult<Message>;
export function build(fmt: string, body: object, headers?: HeadersInit): BuildResult<Message> {
  return (defaultCodec() as Codec).build(fmt, body, headers);
}

/** The exact text of a message. */
export function serializeMessage(message: AnyMessage): string {
  return defaultCodec().serialize(message);
}

/** The message as GB18030 bytes. */
export function encodeMessage(message: AnyMessage): Uint8Array {
  return defaultCodec().encode(message);
}

/** A body from JSON (decimal strings → Big), with the shipped tables. */
export function bodyFromJSON(fmt: string, json: unknown, codec: Codec<AnyMessage> | Codec = defaultCodec()): BodyFromJSONResult {
  return bodyFromJSONWith(codec.compiled, fmt, json);
}
