/**
 * The canonical writer: an envelope described by its parts → message text in the canonical form
 * of reconstruction.md §5 (blocks 1 2 3 4 6 7 5, no text between blocks, CRLF inside blocks 4
 * and 6, 77E with an empty first line). The result parses back to the same parts.
 */
import type { ApplicationHeaderInput, ApplicationHeaderOutput, BasicHeader } from './ast.js';

/** What the AST adds to a block's own parts (positions, kind); not given when writing. */
type Positioned = 'kind' | 'id' | 'offset' | 'line' | 'column' | 'end' | 'before';

export type BasicHeaderInit = Omit<BasicHeader, Positioned | 'applicationId' | 'serviceId' | 'session' | 'sequence'> & {
  readonly applicationId?: string; // default F
  readonly serviceId?: string; // default 01
  readonly session?: string; // default 0000
  readonly sequence?: string; // default 000000
};

export type ApplicationHeaderInputInit = Omit<ApplicationHeaderInput, Positioned>;

/** The output form; `mir` is written from its four parts. */
export type ApplicationHeaderOutputInit = Omit<ApplicationHeaderOutput, Positioned | 'mir'>;

export interface TagValue {
  readonly tag: string;
  readonly value: string;
}

/** A field: its value as one string (lines joined by CRLF) or as lines; 77E as embedded fields. */
export type FieldInit =
  | { readonly tag: string; readonly value: string | readonly string[] }
  | { readonly tag: '77E'; readonly embedded: readonly { readonly tag: string; readonly value: string | readonly string[] }[] };

export interface EnvelopeInit {
  readonly basicHeader: BasicHeaderInit;
  readonly applicationHeader: ApplicationHeaderInputInit | ApplicationHeaderOutputInit;
  readonly userHeader: readonly TagValue[];
  readonly text: readonly FieldInit[];
  readonly additionalText?: readonly FieldInit[];
  readonly signature?: readonly TagValue[];
  readonly trailer: readonly TagValue[];
}

const CRLF = '\r\n';

export function writeEnvelope(init: EnvelopeInit): string {
  const b1 = init.basicHeader;
  let out =
    `{1:${b1.applicationId ?? 'F'}${b1.serviceId ?? '01'}${b1.ltAddress}` +
    `${b1.session ?? '0000'}${b1.sequence ?? '000000'}}`;
  const b2 = init.applicationHeader;
  out +=
    b2.direction === 'I'
      ? `{2:I${b2.mt}${b2.receiverAddress}${b2.priority}${b2.deliveryMonitoring ?? ''}${b2.obsolescencePeriod ?? ''}}`
      : `{2:O${b2.mt}${b2.inputTime}${b2.mirDate}${b2.mirAddress}${b2.mirSession}${b2.mirSequence}` +
        `${b2.outputDate}${b2.outputTime}${b2.priority}}`;
  out += `{3:${tagList(init.userHeader)}}`;
  out += `{4:${CRLF}${fieldList(init.text)}-}`;
  if (init.additionalText !== undefined) out += `{6:${CRLF}${fieldList(init.additionalText)}-}`;
  if (init.signature !== undefined) out += `{7:${tagList(init.signature)}}`;
  out += `{5:${tagList(init.trailer)}}`;
  return out;
}

function tagList(entries: readonly TagValue[]): string {
  let out = '';
  for (const e of entries) out += `{${e.tag}:${e.value}}`;
  return out;
}

function joinLines(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : value.join(CRLF);
}

function fieldList(fields: readonly FieldInit[]): string {
  let out = '';
  for (const f of fields) {
    if ('embedded' in f) {
      out += `:77E:`;
      for (const e of f.embedded) out += `${CRLF}:${e.tag}:${joinLines(e.value)}`;
      out += CRLF;
    } else {
      out += `:${f.tag}:${joinLines(f.value)}${CRLF}`;
    }
  }
  return out;
}
