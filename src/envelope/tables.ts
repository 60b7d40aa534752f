import { compileEnvelopeTables, type CompiledEnvelopeTables, type EnvelopeTables } from './check.js';
import { BLOCKS, HEADER_TAGS } from '../spec/envelope.js';
import { compileFormat } from '../notation/compile.js';
import { patternOf, type ValuePattern } from '../notation/pattern.js';
import { defaultNotationContext } from '../spec/code-tables.js';
import type { NotationContext } from '../notation/types.js';

/** The shipped V1.4 envelope tables, as data. */
export const DEFAULT_ENVELOPE_TABLES: EnvelopeTables = { blocks: BLOCKS, headerTags: HEADER_TAGS };

let compiled: CompiledEnvelopeTables | undefined;

/** Header value formats are checked with the notation compiler; an empty format means "empty". */
function checkerFor(ctx: NotationContext): (format: string) => (value: string) => boolean {
  return (format) => {
    if (format === '') return (value) => value === '';
    const f = compileFormat(format);
    return (value) => f.test(value, ctx);
  };
}

/** The values of a format as an expression, where its values are charset and length only. */
function patternFor(format: string): ValuePattern | undefined {
  return format === '' ? { source: '', maxLength: 0 } : patternOf(compileFormat(format));
}

/** Compiles envelope tables (e.g. a bank's corrected copy) against a notation context. */
export function compileTables(tables: EnvelopeTables, ctx: NotationContext = defaultNotationContext()): CompiledEnvelopeTables {
  return compileEnvelopeTables(tables, checkerFor(ctx), patternFor);
}

/** The shipped tables, compiled once. */
export function defaultEnvelopeTables(): CompiledEnvelopeTables {
  compiled ??= compileTables(DEFAULT_ENVELOPE_TABLES);
  return compiled;
}
