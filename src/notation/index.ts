/**
 * The format-notation compiler (reconstruction.md §2–§4): `compileFormat(notation)` gives the
 * parser, serializer, TypeScript type and fast-check arbitrary of a value format.
 */
export type {
  CompileOptions,
  CompiledFormat,
  ComponentInfo,
  ComponentRules,
  NotationContext,
  ParseHints,
  ParseOutcome,
  TypedValue,
  ValueProblem,
} from './types.js';
export { compileFormat, formatDecimal } from './compile.js';
export { parseNotation, NotationError, type SyntaxNode, type LengthSpec } from './syntax.js';
export { CHAR_TYPES, CHARSET_NAMES, X_PUNCTUATION, inCharset, type CharType } from './charsets.js';
export { gb18030Length, gb18030Width } from './gb18030-width.js';
export {
  checkBic,
  checkCalendarDate,
  checkCurrencyDecimals,
  checkDecimal,
  checkTimeOfDay,
  daysInMonth,
  isLeapYear,
} from './checks.js';
export {
  CODE_TABLES,
  CURRENCIES,
  type CodeLabel,
  codeTableTypeSource,
  defaultNotationContext,
  extendNotationContext,
  type NotationContextPatch,
} from '../spec/code-tables.js';
