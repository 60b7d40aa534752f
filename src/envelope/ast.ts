/**
 * The envelope AST: a message as its seven blocks, every header part named, every field with its
 * raw value and exact position. Produced identically by the hot-path scanner (`parseEnvelope`)
 * and by the Ohm reference parser (`parseReference`); `serializeEnvelope` turns it back into the
 * exact text it came from.
 *
 * Positions: `offset` is a UTF-16 index into the decoded message text (for bytes input, the text
 * after GB18030 decoding); `line` and `column` are 1-based, column counted in characters.
 *
 * Everything here is plain data (no classes, no getters) so that ASTs compare with deep equality,
 * survive `JSON.stringify`/`structuredClone`, and cross worker threads unchanged.
 */

/** Where a node starts in the message text. */
export interface SourceLocation {
  /** UTF-16 index into the message text. */
  readonly offset: number;
  /** 1-based line number (lines end at LF). */
  readonly line: number;
  /** 1-based column, counted in characters. */
  readonly column: number;
}

/** A `:TAG:value` field of block 4 or block 6, positioned at its leading `:`. */
export interface Field extends SourceLocation {
  readonly tag: string;
  /** The value exactly as in the source: multi-line values keep their line breaks. */
  readonly value: string;
  /**
   * The line break that ends the field (`"\r\n"`; `"\n"` only in a lenient parse of bare-LF
   * input). The last field's `eol` is the break before the block's closing `-}`.
   */
  readonly eol: string;
  /** Field 77E only: the embedded `:TAG:value` fields of its value (reconstruction §7). */
  readonly embedded?: readonly EmbeddedField[];
}

/**
 * A `:TAG:value` line (plus continuation lines) inside a 77E value. The 77E `value` is what is
 * serialized; this is a positioned view of it.
 */
export interface EmbeddedField extends SourceLocation {
  readonly tag: string;
  /** The value as in the source; continuation lines keep their line breaks. */
  readonly value: string;
}

/** A `{tag:value}` sub-block of block 3, 5 or 7, positioned at its `{`. */
export interface TagEntry extends SourceLocation {
  readonly tag: string;
  readonly value: string;
}

interface BlockBase extends SourceLocation {
  /** The block identifier between `{` and `:` (`"1"` … `"7"`, or anything else for unknown blocks). */
  readonly id: string;
  /** Offset just past the block's closing `}` (or past its last character when unterminated). */
  readonly end: number;
  /**
   * Text between the previous block and this one (lenient parses only; a strict parse rejects
   * it). Absent when there is none.
   */
  readonly before?: string;
}

/** `{1:…}` 基本头块: `F01` + LT address + session + sequence (25 characters). */
export interface BasicHeader extends BlockBase {
  readonly kind: 'basicHeader';
  /** 1!a, `F`. */
  readonly applicationId: string;
  /** 2!n, `01`. */
  readonly serviceId: string;
  /** 12!c logical terminal address: BIC8 + terminal code + branch (`XXX` head office). */
  readonly ltAddress: string;
  /** 4!n. */
  readonly session: string;
  /** 6!n. */
  readonly sequence: string;
}

/** `{2:I…}` 应用头块, input form (participant → centre), 17, 18 or 21 characters. */
export interface ApplicationHeaderInput extends BlockBase {
  readonly kind: 'applicationHeader';
  readonly direction: 'I';
  /** 3!n message type, e.g. `103`. */
  readonly mt: string;
  /** 12!c LT address of the receiver. */
  readonly receiverAddress: string;
  /** 1!a priority = 紧急级别 (`U` 紧急, `N` 普通). */
  readonly priority: string;
  /** 1!n delivery monitoring (1, 2, 3), when present. */
  readonly deliveryMonitoring?: string;
  /** 3!n obsolescence period, only with delivery monitoring. */
  readonly obsolescencePeriod?: string;
}

/** `{2:O…}` 应用头块, output form (centre → participant), 47 characters. */
export interface ApplicationHeaderOutput extends BlockBase {
  readonly kind: 'applicationHeader';
  readonly direction: 'O';
  /** 3!n message type. */
  readonly mt: string;
  /** 4!n HHMM input time. */
  readonly inputTime: string;
  /** 28 characters message input reference: date + LT address + session + sequence. */
  readonly mir: string;
  /** 6!n YYMMDD (first part of the MIR). */
  readonly mirDate: string;
  /** 12!c sender LT address (MIR). */
  readonly mirAddress: string;
  /** 4!n (MIR). */
  readonly mirSession: string;
  /** 6!n (MIR). */
  readonly mirSequence: string;
  /** 6!n YYMMDD. */
  readonly outputDate: string;
  /** 4!n HHMM. */
  readonly outputTime: string;
  /** 1!a priority. */
  readonly priority: string;
}

export type ApplicationHeader = ApplicationHeaderInput | ApplicationHeaderOutput;

/** `{3:…}` 用户头块, `{5:…}` 报尾块 and `{7:…}` 签名块: lists of `{tag:value}`. */
export interface TagBlock extends BlockBase {
  readonly kind: 'userHeader' | 'trailer' | 'signature';
  readonly entries: readonly TagEntry[];
}

/** `{4:…}` 正文块 and `{6:…}` 附加正文块: CRLF, `:TAG:value` fields, `-}`. */
export interface TextBlock extends BlockBase {
  readonly kind: 'text' | 'additionalText';
  /** What stands between `{4:` and the first field: `"\r\n"` (or `"\n"` lenient). */
  readonly leading: string;
  readonly fields: readonly Field[];
  /** What stands between the last field's line break and the closing `}`: `"-"`. */
  readonly trailing: string;
}

/**
 * A block kept as raw text: an unknown identifier, or a known block whose content did not fit
 * its form (then an error diagnostic says why). `content` is everything between `{ID:` and the
 * matching `}`.
 */
export interface RawBlock extends BlockBase {
  readonly kind: 'raw';
  /**
   * Everything after `{ID:` up to the matching `}`. When the identifier itself is malformed,
   * `id` is `""` and `content` is everything after the `{`.
   */
  readonly content: string;
  /** The input ended before the block's `}`: serialization writes no `}`. */
  readonly unterminated?: true;
}

export type Block = BasicHeader | ApplicationHeader | TagBlock | TextBlock | RawBlock;

export type BlockKind = Block['kind'];

/** A message as its blocks, in source order. */
export interface Envelope {
  readonly blocks: readonly Block[];
  /**
   * Text before the first block that is not a block (a lenient parse keeps it; a strict parse
   * reports it). Normally `""`.
   */
  readonly leading: string;
  /**
   * Text after the last block: white space between messages (CRLF) is kept here without a
   * diagnostic; anything else is reported.
   */
  readonly trailing: string;
}
