import { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticCodeDef } from './codes.js';

export type Severity = 'error' | 'warning' | 'info';

/** One problem found in a message. Errors are values: parsing never throws on bad input. */
export interface Diagnostic {
  /** Stable code from the table in `codes.ts` (documented in docs/diagnostics.md). */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** English text. */
  readonly message: string;
  /** Chinese text. */
  readonly messageZh: string;
  /** UTF-16 index into the message text. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in characters. */
  readonly column: number;
  /** How many characters the problem covers (at least 1 where there is something to point at). */
  readonly length: number;
  /** The block identifier (`"4"`, `"6"`, …) where the problem is, if inside a block. */
  readonly block?: string;
  /** The field tag (block 4/6), header tag (block 3/5/7) or 77E field tag `77E`. */
  readonly tag?: string;
  /** The embedded tag inside 77E, when the problem is there. */
  readonly embeddedTag?: string;
  /**
   * For syntax errors: what the normative Ohm grammar expected at the failure point
   * (`"Line 3, col 5: expected …"`), attached when the fast path rejects the input.
   */
  readonly expected?: string;
  /** L001 only: how many findings were not reported (the message text says it too). */
  readonly suppressed?: number;
}

/** Parameters substituted into a code's message templates (`{name}`). */
export type DiagnosticParams = Readonly<Record<string, string | number>>;

/** Where a diagnostic points, and in which block/field. */
export interface DiagnosticPlace {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length?: number;
  readonly block?: string;
  readonly tag?: string;
  readonly embeddedTag?: string;
}

const TEMPLATE = /\{(\w+)\}/g;

function fill(template: string, params: DiagnosticParams | undefined): string {
  if (params === undefined) return template;
  return template.replace(TEMPLATE, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/**
 * Builds a diagnostic from the code table. `severity` overrides the table's default (lenient
 * mode downgrades some errors to warnings).
 */
export function diagnostic(
  code: DiagnosticCode,
  place: DiagnosticPlace,
  params?: DiagnosticParams,
  severity?: Severity,
): Diagnostic {
  const def: DiagnosticCodeDef = DIAGNOSTIC_CODES[code];
  const d: {
    -readonly [K in keyof Diagnostic]: Diagnostic[K];
  } = {
    code,
    severity: severity ?? def.severity,
    message: fill(def.en, params),
    messageZh: fill(def.zh, params),
    offset: place.offset,
    line: place.line,
    column: place.column,
    length: place.length ?? 1,
  };
  if (place.block !== undefined) d.block = place.block;
  if (place.tag !== undefined) d.tag = place.tag;
  if (place.embeddedTag !== undefined) d.embeddedTag = place.embeddedTag;
  return d;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  for (const d of diagnostics) if (d.severity === 'error') return true;
  return false;
}
