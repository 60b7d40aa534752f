/**
 * Many messages per input: a file holds messages back to back (with or without CRLF between
 * them). Each message is parsed on its own, with its own diagnostics, so a broken message never
 * takes its neighbours down; the spans cover the input without gaps, so concatenating the
 * serialized messages reproduces it exactly.
 */
import { splitBytes, splitStream, splitText, type SplitStreamOptions } from '../bytes/split.js';
import { parseEnvelope, type EnvelopeParseOptions, type EnvelopeResult } from './parse.js';
import { serializeEnvelope } from './serialize.js';

/** One message of a multi-message input: its parse and where it stood in the input. */
export interface MessageInInput extends EnvelopeResult {
  /** Index of the message in the input, from 0. */
  readonly index: number;
  /** Start of the message in the input (characters for text input, bytes for bytes input). */
  readonly start: number;
  /** End (exclusive) of the message in the input, in the same unit. */
  readonly end: number;
}

export function parseAll(input: string | Uint8Array, options: EnvelopeParseOptions = {}): MessageInInput[] {
  const spans = typeof input === 'string' ? splitText(input) : splitBytes(input);
  const out: MessageInInput[] = [];
  for (let i = 0; i < spans.length; i++) {
    const { start, end } = spans[i]!;
    const part = typeof input === 'string' ? input.slice(start, end) : input.subarray(start, end);
    out.push({ ...parseEnvelope(part, options), index: i, start, end });
  }
  return out;
}

/** A piece of a message too large to hold (over `maxMessageBytes`): reported, not parsed. */
export interface OversizedPiece {
  readonly oversized: true;
  /** Index of the message in the stream, from 0 (all pieces of one message share it). */
  readonly index: number;
  /** Byte offsets of this piece in the stream. */
  readonly start: number;
  readonly end: number;
  /** True for the last piece of the oversized message. */
  readonly last: boolean;
  readonly bytes: Uint8Array;
}

/** A message read from a stream, or a piece of one that was too large to hold. */
export type StreamedMessageResult = (MessageInInput & { readonly oversized?: undefined }) | OversizedPiece;

/**
 * Streams messages from chunks of bytes (a Node `Readable`, a file stream, any async iterable)
 * with bounded memory: only the message being read is buffered. A message larger than
 * `maxMessageBytes` (default 16 MiB) is not parsed: its pieces come through flagged `oversized`,
 * so the caller can report it and go on with the next message. Positions are byte offsets.
 */
export async function* parseStream(
  source: AsyncIterable<Uint8Array>,
  options: EnvelopeParseOptions & SplitStreamOptions = {},
): AsyncGenerator<StreamedMessageResult> {
  let index = 0;
  for await (const piece of splitStream(source, { maxMessageBytes: options.maxMessageBytes })) {
    const start = piece.offset;
    const end = piece.offset + piece.bytes.length;
    if (piece.oversized) {
      yield { oversized: true, index, start, end, last: piece.last, bytes: piece.bytes };
      if (piece.last) index++;
      continue;
    }
    yield { ...parseEnvelope(piece.bytes, options), index: index++, start, end };
  }
}

/** The text of many parsed messages, back to back: the inverse of `parseAll` for text input. */
export function serializeAll(messages: readonly { readonly envelope: EnvelopeResult['envelope'] }[]): string {
  let out = '';
  for (const m of messages) out += serializeEnvelope(m.envelope);
  return out;
}
