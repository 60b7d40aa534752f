/**
 * Collects the diagnostics of the typed layer for one message text. The `Reporter` (offset →
 * line/column, the mode's severities) is created on the first finding, so a clean message costs
 * nothing here. When `quiet` (parse with `validate: false`), only forced findings are kept.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic, DiagnosticParams } from '../diagnostics/diagnostic.js';
import { Reporter, type FindingContext, type ParseMode } from '../diagnostics/reporter.js';

const NONE: readonly Diagnostic[] = [];

export class Sink {
  private reporter: Reporter | undefined;

  constructor(
    readonly text: string,
    readonly mode: ParseMode,
    readonly quiet: boolean,
  ) {}

  report(code: DiagnosticCode, offset: number, length: number, context?: FindingContext, params?: DiagnosticParams): void {
    if (this.quiet) return;
    this.force(code, offset, length, context, params);
  }

  /** Reported even when quiet. */
  force(code: DiagnosticCode, offset: number, length: number, context?: FindingContext, params?: DiagnosticParams): void {
    (this.reporter ??= new Reporter(this.text, this.mode)).report(code, offset, length, context, params);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.reporter?.finish() ?? NONE; // finish(): adds the L001 summary when findings were capped
  }
}

/** Diagnostics of both stages in one list, by position (stable: the envelope's first on ties). */
export function mergeDiagnostics(envelope: readonly Diagnostic[], message: readonly Diagnostic[]): readonly Diagnostic[] {
  if (message.length === 0) return envelope;
  const sorted = [...message].sort((a, b) => a.offset - b.offset);
  if (envelope.length === 0) return sorted;
  const out: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < envelope.length || j < sorted.length) {
    const a = envelope[i];
    const b = sorted[j];
    if (b === undefined || (a !== undefined && a.offset <= b.offset)) {
      out.push(a!);
      i++;
    } else {
      out.push(b);
      j++;
    }
  }
  return out;
}
