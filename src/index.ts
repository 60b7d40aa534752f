/**
 * cfxps — parser, validator and serializer for CFXPS (境内外币支付系统) messages, PBOC V1.4.
 */
export type {
  ApplicationHeader,
  ApplicationHeaderInput,
  ApplicationHeaderOutput,
  BasicHeader,
  Block,
  BlockKind,
  EmbeddedField,
  Envelope,
  Field,
  RawBlock,
  SourceLocation,
  TagBlock,
  TagEntry,
  TextBlock,
} from './envelope/ast.js';
export { parseEnvelope, type EnvelopeParseOptions, type EnvelopeResult, type ParseMode } from './envelope/parse.js';
export {
  parseAll,
  parseStream,
  serializeAll,
  type MessageInInput,
  type OversizedPiece,
  type StreamedMessageResult,
} from './envelope/parse-all.js';
// --- the bytes stage (docs/encoding.md): GB18030-2022 as a bijection, and message framing ------
export { decodeMessage, invalidByteDiagnostics, type DecodedText, type InvalidByteRun } from './bytes/decode.js';
export {
  encodeText,
  gb18030ByteLength,
  isEncodable,
  findUnencodable,
  unencodableDiagnostics,
} from './bytes/encode.js';
export {
  splitText,
  splitBytes,
  splitStream,
  DEFAULT_MAX_MESSAGE_BYTES,
  type MessageSpan,
  type StreamedMessage,
  type SplitStreamOptions,
} from './bytes/split.js';
export { serializeEnvelope, serializeBlock } from './envelope/serialize.js';
export {
  writeEnvelope,
  type EnvelopeInit,
  type FieldInit,
  type TagValue,
  type BasicHeaderInit,
  type ApplicationHeaderInputInit,
  type ApplicationHeaderOutputInit,
} from './envelope/write.js';
export { signingPayload, signingText } from './envelope/signing.js';
export { parseReference } from './reference/parse-reference.js';
export { matchReference, type ReferenceMatch } from './reference/reference.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticCodeDef } from './diagnostics/codes.js';
export {
  BLOCKS,
  HEADER_TAGS,
  type BlockDef,
  type HeaderTagDef,
  type EnvelopeTables,
  type EnvelopeOverrides,
} from './spec/envelope.js';
export type { CompiledEnvelopeTables } from './envelope/check.js';
// --- typed messages (docs/messages.md) ---------------------------------------------------------
export {
  parse,
  parseMessages,
  parseMessageStream,
  fromEnvelope,
  validate,
  build,
  serializeMessage,
  encodeMessage,
  bodyFromJSON,
  messageToJSON,
  valueToJSON,
  bodiesEqual,
  announcedChanges,
  withAnnouncements,
  referencesOf,
  correlate,
  Correlator,
  createCodec,
  createEnvelopeTables,
  defaultCodec,
  CodecTablesError,
  RULE_CODES,
  DEFAULT_ADDRESS,
  CHECKSUM_PLACEHOLDER,
  FMT_IDS,
  type Codec,
  type CodecOptions,
  type BodyFromJSONResult,
  type JsonValue,
  type MessageJSON,
  type AnyMessage,
  type BuildResult,
  type HeadersInit,
  type MessageHeaders,
  type MessageParseOptions,
  type ParseResult,
  type ParseResultInInput,
  type StreamedParseResult,
  type TableChange,
  type MessageReference,
  type MessageLink,
  type Correlation,
  type TypedMessage,
} from './message/index.js';
export type * from './message/generated/bodies.js';

// The standard as data: the tables a bank reads, corrects and passes to `createCodec`.
export { FMTS, findFmt } from './spec/fmts/index.js';
export { TAGS, TEXT_TAGS, BLOCK6_TAGS, EMBEDDED_TAGS } from './spec/tags.js';
export { EMBEDDED_BODY, FAMILY_RULES, fmtsByMt } from './spec/families.js';
export { CODE_TABLES, CURRENCIES, defaultNotationContext, extendNotationContext } from './spec/code-tables.js';
export { VARIABLES } from './spec/variables.js';
export { checkTables, checkEnvelopeTables } from './spec/check-tables.js';
export { RULE_KINDS, type FmtDef, type TagDef, type ItemDef, type RuleDef, type TagDictionaries } from './spec/schema.js';
export { compileFormat } from './notation/compile.js';
export type { CompiledFormat, NotationContext, TypedValue, ValueProblem } from './notation/types.js';
