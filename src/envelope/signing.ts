import type { Envelope } from './ast.js';
import { serializeBlock } from './serialize.js';
import { encodeText } from '../bytes/encode.js';

/** Blocks covered by the signature (reconstruction §5.6): 1, 2, 3, 4 and 6, in message order. */
const SIGNED = new Set(['1', '2', '3', '4', '6']);

/**
 * The exact text the digital signature covers: blocks 1, 2, 3, 4 and 6 as they stand, concatenated
 * (text between blocks, block 7 and block 5 excluded).
 */
export function signingText(envelope: Envelope): string {
  let out = '';
  for (const block of envelope.blocks) {
    if (!SIGNED.has(block.id)) continue;
    const s = serializeBlock(block);
    out += block.before === undefined ? s : s.slice(block.before.length);
  }
  return out;
}

/**
 * The signed bytes (GB18030): what middleware signs or verifies with its own keys (RSA, SM2).
 * Throws a RangeError only for text GB18030 cannot encode (lone surrogates, which can come only
 * from string input and which the parser reports as E002): such a message cannot be signed.
 */
export function signingPayload(envelope: Envelope): Uint8Array {
  return encodeText(signingText(envelope));
}
