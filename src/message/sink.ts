/**
 * Collects the diagnostics of the typed layer for one message text. The `Reporter` (offset →
 * line/column, the mode's severities) is created on the first finding, so a clean message costs
 * nothing here. When `quiet` (parse with `validate: false`), only forced findings are kept.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic, DiagnosticParams } from '../diagnostics/diagnostic.js';
import { diagnosticLimitOf, limitDiagnostic, Reporter, type FindingContext, type ParseMode } from '../diagnostics/reporter.js';

const NONE: readonly Diagnostic[] = [];

export class Sink {
  private reporter: Reporter | undefined;

  constructor(
    readonly text: string,
    readonly mode: ParseMode,
    readonly quiet: boolean,
    /** At most this many findings (then one L001); the message's limit is applied again on merging. */
    readonly limit?: number,
  ) {}

  report(code: DiagnosticCode, offset: number, length: number, context?: FindingContext, params?: DiagnosticParams): void {
    if (this.quiet) return;
    this.force(code, offset, length, context, params);
  }

  /** Reported even when quiet. */
  force(code: DiagnosticCode, offset: number, length: number, context?: FindingContext, params?: DiagnosticParams): void {
    (this.reporter ??= new Reporter(this.text, this.mode, this.limit)).report(code, offset, length, context, params);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.reporter?.finish() ?? NONE; // finish(): adds the L001 summary when findings were capped
  }
}

/**
 * Diagnostics of both stages in one list, by position (stable: the envelope's first on ties),
 * under one `limit`: each stage caps its own findings, so together they may hold up to twice as
 * many and two L001 summaries; then the first `limit` findings by position are kept, followed by
 * one L001 that counts everything left out.
 */
export function mergeDiagnostics(
  envelope: readonly Diagnostic[],
  message: readonly Diagnostic[],
  limitOption?: number,
): readonly Diagnostic[] {
  if (message.length === 0) return envelope;
  const limit = diagnosticLimitOf(limitOption);
  const merged = mergeByOffset(envelope, message);
  let summaries = 0;
  for (const d of merged) if (d.code === 'L001') summaries++;
  if (summaries === 0 && merged.length <= limit) return merged;
  if (summaries === 1 && merged.length - 1 <= limit && merged[merged.length - 1]!.code === 'L001') return merged;
  const kept: Diagnostic[] = [];
  let suppressed = 0;
  for (const d of merged) {
    if (d.code === 'L001') suppressed += d.suppressed ?? 0;
    else if (kept.length < limit) kept.push(d);
    else suppressed++;
  }
  if (suppressed > 0) kept.push(limitDiagnostic(kept[kept.length - 1]!, limit, suppressed));
  return kept;
}

function mergeByOffset(envelope: readonly Diagnostic[], message: readonly Diagnostic[]): readonly Diagnostic[] {
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
