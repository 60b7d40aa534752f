/**
 * Envelope AST → text. Lossless: every character the scanner read has a place in the AST
 * (`leading`, `before`, `eol`, `trailing`, raw blocks), so `serializeEnvelope(scan(x)) === x`.
 */
import type { Block, Envelope, Field, TagEntry } from './ast.js';

export function serializeEnvelope(envelope: Envelope): string {
  let out = envelope.leading;
  for (const block of envelope.blocks) out += serializeBlock(block);
  return out + envelope.trailing;
}

/** One block as it stands in the message (with any text before it). */
export function serializeBlock(block: Block): string {
  const head = (block.before ?? '') + '{';
  if (block.kind === 'raw') {
    const open = block.id === '' ? head : `${head}${block.id}:`;
    return open + block.content + (block.unterminated === true ? '' : '}');
  }
  return `${head}${block.id}:${blockContent(block)}}`;
}

/** What stands between `{ID:` and `}`. */
export function blockContent(block: Exclude<Block, { kind: 'raw' }>): string {
  switch (block.kind) {
    case 'basicHeader':
      return block.applicationId + block.serviceId + block.ltAddress + block.session + block.sequence;
    case 'applicationHeader':
      if (block.direction === 'I') {
        return `I${block.mt}${block.receiverAddress}${block.priority}${block.deliveryMonitoring ?? ''}${block.obsolescencePeriod ?? ''}`;
      }
      return (
        `O${block.mt}${block.inputTime}${block.mirDate}${block.mirAddress}${block.mirSession}` +
        `${block.mirSequence}${block.outputDate}${block.outputTime}${block.priority}`
      );
    case 'userHeader':
    case 'trailer':
    case 'signature':
      return entries(block.entries);
    case 'text':
    case 'additionalText':
      return block.leading + fields(block.fields) + block.trailing;
  }
}

function entries(list: readonly TagEntry[]): string {
  let out = '';
  for (const e of list) out += `{${e.tag}:${e.value}}`;
  return out;
}

function fields(list: readonly Field[]): string {
  let out = '';
  for (const f of list) out += `:${f.tag}:${f.value}${f.eol}`;
  return out;
}
