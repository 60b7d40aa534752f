import { LineCursor } from './lines.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticCodeDef } from './codes.js';
import { diagnostic, type Diagnostic, type DiagnosticParams } from './diagnostic.js';

export type ParseMode = 'strict' | 'lenient';

/** Default cap on the diagnostics of one message. */
export const DEFAULT_DIAGNOSTIC_LIMIT = 1000;

/**
 * The cap a `diagnosticLimit` option means: the default when missing or not a number, else a
 * whole number of at least 1 (the L001 summary is placed after the last finding kept, so one is
 * always kept); `Infinity` means no cap.
 */
export function diagnosticLimitOf(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return DEFAULT_DIAGNOSTIC_LIMIT;
  return Math.max(1, Math.floor(limit));
}

/** Where in the message structure a finding is (block, tag, embedded tag). */
export interface FindingContext {
  readonly block?: string;
  readonly tag?: string;
  readonly embeddedTag?: string;
}

/**
 * Collects diagnostics for one message text: turns offsets into line/column and applies the
 * mode's severity (the code table's `lenient` column).
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  readonly lines: LineCursor;
  readonly lenient: boolean;

  /** At most this many diagnostics are kept (`diagnosticLimitOf`). */
  readonly limit: number;

  /** Findings not recorded because the limit was reached (summarised by one L001). */
  private suppressed = 0;

  constructor(
    readonly text: string,
    mode: ParseMode,
    /** At most this many diagnostics are kept; a flood of findings (1 MB of braces) is cut short. */
    limit?: number,
  ) {
    this.limit = diagnosticLimitOf(limit);
    this.lines = new LineCursor(text);
    this.lenient = mode === 'lenient';
  }

  /** Records a diagnostic built elsewhere (the bytes stage), under the same limit. */
  add(d: Diagnostic): void {
    if (this.diagnostics.length >= this.limit) this.suppressed++;
    else this.diagnostics.push(d);
  }

  /** The diagnostics, with one L001 summary at the end when findings were suppressed. */
  finish(): Diagnostic[] {
    if (this.suppressed > 0) {
      const last = this.diagnostics[this.diagnostics.length - 1]!;
      this.diagnostics.push(limitDiagnostic(last, this.limit, this.suppressed));
      this.suppressed = 0;
    }
    return this.diagnostics;
  }

  /** True when no more findings will be recorded (callers may stop looking). */
  get full(): boolean {
    return this.suppressed > 0;
  }

  report(
    code: DiagnosticCode,
    offset: number,
    length: number,
    context?: FindingContext,
    params?: DiagnosticParams,
  ): void {
    if (this.diagnostics.length >= this.limit) {
      this.suppressed++;
      return;
    }
    const line = this.lines.line(offset);
    const column = offset - this.lines.lineStart + 1;
    const def: DiagnosticCodeDef = DIAGNOSTIC_CODES[code];
    const severity = this.lenient && def.lenient !== undefined ? def.lenient : def.severity;
    this.diagnostics.push(
      diagnostic(
        code,
        {
          offset,
          line,
          column,
          length,
          block: context?.block,
          tag: context?.tag,
          embeddedTag: context?.embeddedTag,
        },
        params,
        severity,
      ),
    );
  }
}

/** The L001 summary after `last`: `suppressed` findings beyond `limit` were not reported. */
export function limitDiagnostic(last: Diagnostic, limit: number, suppressed: number): Diagnostic {
  return { ...diagnostic('L001', last, { limit, suppressed }), suppressed };
}

/** A short, printable description of what stands at `offset` (for "found …" texts). */
export function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  const c = text.charCodeAt(offset);
  if (c === 13) return 'CR';
  if (c === 10) return 'LF';
  if (c === 9) return 'TAB';
  if (c === 32) return 'a space';
  if (c < 32 || c === 127) return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const snippet = text.slice(offset, offset + 12).replace(/[\r\n].*$/s, '');
  return JSON.stringify(snippet.length > 0 ? snippet : text.charAt(offset));
}
