import { LineCursor } from '../envelope/lines.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticCodeDef } from './codes.js';
import { diagnostic, type Diagnostic, type DiagnosticParams } from './diagnostic.js';

export type ParseMode = 'strict' | 'lenient';

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

  constructor(readonly text: string, mode: ParseMode) {
    this.lines = new LineCursor(text);
    this.lenient = mode === 'lenient';
  }

  report(
    code: DiagnosticCode,
    offset: number,
    length: number,
    context?: FindingContext,
    params?: DiagnosticParams,
  ): void {
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
