import { compileEnvelopeTables, type CompiledEnvelopeTables, type EnvelopeTables } from './check.js';
import { BLOCKS, HEADER_TAGS } from '../spec/envelope.js';

/** The shipped V1.4 envelope tables, as data. */
export const DEFAULT_ENVELOPE_TABLES: EnvelopeTables = { blocks: BLOCKS, headerTags: HEADER_TAGS };

let compiled: CompiledEnvelopeTables | undefined;

/** Header value formats are checked with the notation compiler. */
function checker(format: string): (value: string) => boolean {
  // TODO(before landing): check with the notation compiler.
  void format;
  return () => true;
}

export function compileTables(tables: EnvelopeTables): CompiledEnvelopeTables {
  return compileEnvelopeTables(tables, checker);
}

/** The shipped tables, compiled once. */
export function defaultEnvelopeTables(): CompiledEnvelopeTables {
  compiled ??= compileTables(DEFAULT_ENVELOPE_TABLES);
  return compiled;
}
