/**
 * The typed-message layer's public types: a message is its FMT, its headers (from blocks 1, 2,
 * 3, 7 and 5), its typed body (generated per FMT in `generated/bodies.ts`) and the envelope it
 * was read from (kept, so that serializing gives back the exact text).
 */
import type { Envelope } from '../envelope/ast.js';
import type { EnvelopeParseOptions, EnvelopeResult } from '../envelope/parse.js';
import type { OversizedPiece } from '../envelope/parse-all.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The header parts of a message, by name. `sender`/`receiver` are LT addresses (12 characters:
 * BIC8 + terminal + branch): for the input form (participant → centre) the sender is block 1's
 * address and the receiver block 2's; for the output form (centre → participant) the sender is
 * the MIR's address and the receiver block 1's.
 */
export interface MessageHeaders {
  /** `FMT100` (user header 119). */
  readonly fmt: string;
  /** The MT of block 2 (`103`). */
  readonly mt: string;
  /** Block 2 form: `I` input, `O` output. */
  readonly direction: 'I' | 'O';
  readonly sender: string;
  readonly receiver: string;
  /** Block 2 priority = 紧急级别 (`U` 紧急, `N` 普通). */
  readonly priority: string;
  /** Block 1 session number (4!n). */
  readonly session: string;
  /** Block 1 sequence number (6!n). */
  readonly sequence: string;
  /** Input form: delivery monitoring (1!n). */
  readonly deliveryMonitoring?: string;
  /** Input form: obsolescence period (3!n). */
  readonly obsolescencePeriod?: string;
  /** Output form: input time HHMM. */
  readonly inputTime?: string;
  /** Output form: MIR date YYMMDD. */
  readonly mirDate?: string;
  /** Output form: MIR session. */
  readonly mirSession?: string;
  /** Output form: MIR sequence. */
  readonly mirSequence?: string;
  /** Output form: output date YYMMDD. */
  readonly outputDate?: string;
  /** Output form: output time HHMM. */
  readonly outputTime?: string;
  /** User header 108 报文用户参考号 (MUR). */
  readonly mur?: string;
  /** User header 113 业务优先级. */
  readonly bankingPriority?: string;
  /** Block 7: certificate serial number and signature. */
  readonly signature?: { readonly dsn: string; readonly sig: string };
  /** Trailer CHK (opaque). */
  readonly checksum?: string;
  /** Trailer PDE (possible duplicate emission; may be empty). */
  readonly possibleDuplicate?: string;
  /** Trailer TNG (training message). */
  readonly training?: boolean;
  /**
   * Entries of blocks 3, 5 and 7 that no part above names (a tag a bank's envelope tables add),
   * by block id, in message order. `build` writes them in the order of the codec's tables.
   */
  readonly extraTags?: ExtraHeaderTags;
}

/** Header entries by block id (`'3'`, `'5'`, `'7'`). */
export type ExtraHeaderTags = { readonly [block: string]: readonly { readonly tag: string; readonly value: string }[] };

/**
 * Header parts for `build`; every part has a default (documented in docs/messages.md): block 1
 * `F01`, session `0000`, sequence `000000`; block 2 the input form with the FMT's MT, receiver
 * and sender the centre's LT address `CFXPCNBJXXXX`, priority `N`; block 3 `119` only; trailer
 * CHK `000000000000` (a placeholder: the checksum algorithm is not public); block 7 only when
 * `signature` is given. With `direction: 'O'` the output form is written (the MIR parts and
 * times default to zeros).
 */
export type HeadersInit = Partial<Omit<MessageHeaders, 'fmt'>>;

/** A typed message: generated per FMT (`Fmt100Message` …, union `Message`). */
export interface TypedMessage<F extends string = string, MT extends string = string, B extends object = object> {
  /** `FMT100` … `FMT089`: the discriminant. */
  readonly fmt: F;
  /** The FMT's MT (from the FMT table). */
  readonly mt: MT;
  readonly headers: MessageHeaders;
  /** The typed values, by 英文简称 (block 4, 77E and block 6 items). */
  readonly body: B;
  /** The envelope the message was read from: `serializeEnvelope(envelope) === text`. */
  readonly envelope: Envelope;
  /** The message text (decoded); diagnostics positions index into it. */
  readonly text: string;
}

/** A message of any FMT, body untyped (for codecs whose overrides add FMTs). */
export type AnyMessage = TypedMessage<string, string, object>;

export interface MessageParseOptions extends EnvelopeParseOptions {
  /**
   * Check the message against its FMT table and rules (default true). `false` trusts the input:
   * only what prevents typing is reported (an unknown FMT); values that cannot be read are left
   * out of the body.
   */
  readonly validate?: boolean;
}

/** The result of `parse`: the envelope stage, the typed message, and every diagnostic. */
export type ParseResult<M extends AnyMessage = AnyMessage> =
  | {
      /** No diagnostic of severity `error`. */
      readonly ok: true;
      readonly envelope: EnvelopeResult;
      readonly message: M;
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly ok: false;
      readonly envelope: EnvelopeResult;
      /**
       * Present when the FMT is known and block 4 could be read; the body then holds what could
       * be read (items the type calls mandatory may be missing).
       */
      readonly message?: M;
      readonly diagnostics: readonly Diagnostic[];
    };

/** One message of a multi-message input. */
export type ParseResultInInput<M extends AnyMessage = AnyMessage> = ParseResult<M> & {
  readonly index: number;
  readonly start: number;
  readonly end: number;
};

/** A message read from a stream (`parseMessageStream`), or a piece of one too large to hold. */
export type StreamedParseResult<M extends AnyMessage = AnyMessage> =
  | (ParseResultInInput<M> & { readonly oversized?: undefined })
  | OversizedPiece;

export interface BuildResult<M extends AnyMessage = AnyMessage> {
  /** The canonical message text. */
  readonly text: string;
  /** The text parsed back (absent only when the FMT is unknown). */
  readonly message?: M;
  /** Problems with the body (B codes) and every diagnostic of parsing the text back. */
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
}
