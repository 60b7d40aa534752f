import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { matchReference } from './reference.js';

/**
 * When the fast path rejects a message, asks the normative grammar what it expected and where,
 * and attaches that text to the first syntax (S…) error. Costs about 1 ms per message (Ohm), so
 * it runs only for rejected inputs of at most `limit` characters.
 */
export function explainRejection(text: string, diagnostics: Diagnostic[], limit: number): void {
  if (text.length > limit) return;
  const index = diagnostics.findIndex((d) => d.severity === 'error' && d.code.startsWith('S'));
  if (index === -1) return;
  const match = matchReference(text);
  if (match.ok) return; // the grammar accepts: the error came from the table-driven checks
  diagnostics[index] = { ...diagnostics[index]!, expected: match.expected };
}
