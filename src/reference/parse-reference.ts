import { checkEnvelope, type CompiledEnvelopeTables } from '../envelope/check.js';
import { describe, type EnvelopeResult } from '../envelope/parse.js';
import { defaultEnvelopeTables } from '../envelope/tables.js';
import { Reporter } from '../diagnostics/reporter.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { matchReference } from './reference.js';

/**
 * The reference parser: the normative Ohm grammar plus the same table-driven envelope checks as
 * the fast path, strict mode. On grammar failure the result has no blocks and one S000-style
 * syntax diagnostic carrying Ohm's "expected …" text. Slow (about 1 ms per message): for tests,
 * for explaining rejections, and as the definition the scanner is held to.
 */
export function parseReference(text: string, tables: CompiledEnvelopeTables = defaultEnvelopeTables()): EnvelopeResult {
  const reporter = new Reporter(text, 'strict');
  const match = matchReference(text);
  if (!match.ok) {
    reporter.report('S000', match.offset, 1, undefined, { expected: match.expected });
    const diagnostics = reporter.diagnostics.map((d) => ({ ...d, expected: match.expected }));
    return describe({ blocks: [], leading: text, trailing: '' }, diagnostics, text, false);
  }
  checkEnvelope(match.envelope, reporter, tables);
  const diagnostics = reporter.finish();
  return describe(match.envelope, diagnostics, text, !hasErrors(diagnostics));
}
