/**
 * `parseEnvelope`: bytes or text → envelope AST + diagnostics. The public entry of the envelope
 * stage: decode (bytes only), scan (hot path), table-driven checks, and — only when a strict
 * parse rejects the input — the Ohm grammar's "expected … at line:column" explanation.
 */
import type {
  ApplicationHeader,
  BasicHeader,
  Envelope,
  TagBlock,
  TextBlock,
} from './ast.js';
import { Scanner } from './scan.js';
import { checkEnvelope, type CompiledEnvelopeTables } from './check.js';
import { Reporter, type ParseMode } from '../diagnostics/reporter.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeMessage, invalidByteDiagnostics } from '../bytes/decode.js';
import { unencodableDiagnostics } from '../bytes/encode.js';
import { explainRejection } from '../reference/explain.js';
import { defaultEnvelopeTables } from './tables.js';
import { FMT_PREFIX, FMT_TAG } from '../spec/envelope.js';

export type { ParseMode };

export interface EnvelopeParseOptions {
  /** `strict` (default) rejects anything the grammar does not define; `lenient` keeps it with warnings. */
  readonly mode?: ParseMode;
  /**
   * When a strict parse finds a syntax error, re-parse with the Ohm grammar and attach its
   * "expected …" text to the first syntax error (about 1 ms per rejected message; skipped for
   * inputs over `explainLimit` characters). Default true.
   */
  readonly explain?: boolean;
  /** Largest input (characters) that gets an Ohm explanation. Default 65,536. */
  readonly explainLimit?: number;
  /** At most this many diagnostics per message (then one L001 summary). Default 1,000; at least 1. */
  readonly diagnosticLimit?: number;
  /** Envelope tables (blocks, header tags); defaults to the shipped V1.4 tables. */
  readonly tables?: CompiledEnvelopeTables;
}

/** The envelope of one message, with every block kind by name and all diagnostics. */
export interface EnvelopeResult {
  /** No diagnostic of severity `error`. */
  readonly ok: boolean;
  readonly envelope: Envelope;
  readonly diagnostics: readonly Diagnostic[];
  /** The message text (decoded, for bytes input): all offsets index into it. */
  readonly text: string;
  /** `FMT100` etc., from `{3:{119:…}}`, when present and well-formed. */
  readonly fmt?: string;
  /** The MT from block 2 (`103`), when block 2 could be read. */
  readonly mt?: string;
  readonly basicHeader?: BasicHeader;
  readonly applicationHeader?: ApplicationHeader;
  readonly userHeader?: TagBlock;
  readonly textBlock?: TextBlock;
  readonly additionalText?: TextBlock;
  readonly signature?: TagBlock;
  readonly trailer?: TagBlock;
}

/** `FMT` + three digits: the value of user-header 119 that names the format. */
function isFmtValue(value: string): boolean {
  if (value.length !== FMT_PREFIX.length + 3 || !value.startsWith(FMT_PREFIX)) return false;
  for (let i = FMT_PREFIX.length; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function parseEnvelope(input: string | Uint8Array, options: EnvelopeParseOptions = {}): EnvelopeResult {
  const mode = options.mode ?? 'strict';
  let text: string;
  let reporter: Reporter;
  if (typeof input === 'string') {
    text = input;
    reporter = new Reporter(text, mode, options.diagnosticLimit);
    // Lone surrogates cannot become GB18030 bytes (only possible in string input).
    if (!text.isWellFormed()) for (const d of unencodableDiagnostics(text)) reporter.add(d);
  } else {
    const decoded = decodeMessage(input);
    text = decoded.text;
    reporter = new Reporter(text, mode, options.diagnosticLimit);
    if (decoded.invalid.length > 0) for (const d of invalidByteDiagnostics(decoded)) reporter.add(d);
  }
  const tables = options.tables ?? defaultEnvelopeTables();
  const scanner = new Scanner(text, reporter, tables);
  const envelope = scanner.scan();
  if (!scanner.standard) checkEnvelope(envelope, reporter, tables, scanner.checked);
  const diagnostics = reporter.finish();
  const ok = !hasErrors(diagnostics);
  if (!ok && mode === 'strict' && options.explain !== false) {
    explainRejection(text, diagnostics, options.explainLimit ?? 65_536);
  }
  return describe(envelope, diagnostics, text, ok);
}

/** Builds the result object: named blocks (first of each kind), FMT and MT. */
export function describe(
  envelope: Envelope,
  diagnostics: Diagnostic[],
  text: string,
  ok: boolean,
): EnvelopeResult {
  // Every result has every property (undefined where a block is missing), in one order: the
  // typed layer and callers read these on every message, and one object shape keeps each of
  // those reads to one shape check.
  const result: { -readonly [K in keyof EnvelopeResult]: EnvelopeResult[K] } = {
    ok,
    envelope,
    diagnostics,
    text,
    fmt: undefined,
    mt: undefined,
    basicHeader: undefined,
    applicationHeader: undefined,
    userHeader: undefined,
    textBlock: undefined,
    additionalText: undefined,
    signature: undefined,
    trailer: undefined,
  };
  for (const block of envelope.blocks) {
    switch (block.kind) {
      case 'basicHeader':
        result.basicHeader ??= block;
        break;
      case 'applicationHeader':
        if (result.applicationHeader === undefined) {
          result.applicationHeader = block;
          result.mt = block.mt;
        }
        break;
      case 'userHeader':
        if (result.userHeader === undefined) {
          result.userHeader = block;
          for (const e of block.entries) {
            if (e.tag === FMT_TAG && isFmtValue(e.value)) {
              result.fmt = e.value;
              break;
            }
          }
        }
        break;
      case 'text':
        result.textBlock ??= block;
        break;
      case 'additionalText':
        result.additionalText ??= block;
        break;
      case 'signature':
        result.signature ??= block;
        break;
      case 'trailer':
        result.trailer ??= block;
        break;
      case 'raw':
        break;
    }
  }
  return result;
}
