/**
 * Many messages per input: a file holds messages back to back (with or without CRLF between
 * them). Each message is parsed on its own, with its own diagnostics, so a broken message never
 * takes its neighbours down; the spans cover the input without gaps, so concatenating the
 * serialized messages reproduces it exactly.
 */
import { splitBytes, splitStream, splitText } from '../bytes/split.js';
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

/**
 * Streams messages from chunks of bytes (a Node `Readable`, a file stream, any async iterable)
 * with bounded memory: only the message being read is buffered. Positions (`start`, `end`) are
 * byte offsets in the stream.
 */
export async function* parseStream(
  source: AsyncIterable<Uint8Array>,
  options: EnvelopeParseOptions & { readonly maxMessageBytes?: number } = {},
): AsyncGenerator<MessageInInput> {
  let index = 0;
  let offset = 0;
  for await (const chunk of splitStream(source, { maxMessageBytes: options.maxMessageBytes })) {
    const bytes = chunk.bytes;
    yield { ...parseEnvelope(bytes, options), index: index++, start: offset, end: offset + bytes.length };
    offset += bytes.length;
  }
}

/** The text of many parsed messages, back to back: the inverse of `parseAll` for text input. */
export function serializeAll(messages: readonly { readonly envelope: EnvelopeResult['envelope'] }[]): string {
  let out = '';
  for (const m of messages) out += serializeEnvelope(m.envelope);
  return out;
}
