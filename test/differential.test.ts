/**
 * The scanner is held to the normative grammar: on every input both accept or both reject
 * (strict mode), and where they accept, their ASTs are deep-equal.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEnvelope } from '../src/envelope/parse.js';
import { parseReference } from '../src/reference/parse-reference.js';
import { arbitraryEnvelopeText, arbitraryMutatedEnvelopeText } from '../src/testing/envelope.js';

function agree(text: string): void {
  const fast = parseEnvelope(text, { explain: false });
  const ref = parseReference(text);
  if (fast.ok !== ref.ok) {
    throw new Error(
      `disagree on ${JSON.stringify(text)}: fast ${fast.ok} ${JSON.stringify(fast.diagnostics.map((d) => d.code))}, ` +
        `reference ${ref.ok} ${ref.diagnostics[0]?.expected ?? ''}`,
    );
  }
  if (fast.ok) expect(fast.envelope).toEqual(ref.envelope);
}

describe('scanner vs Ohm grammar', () => {
  it('agree on generated valid messages (same AST)', () => {
    fc.assert(fc.property(arbitraryEnvelopeText, (text) => {
      agree(text);
      expect(parseEnvelope(text).ok).toBe(true);
    }), { numRuns: 300, seed: 7 });
  });

  it('agree on mutated messages (accept/reject and AST)', () => {
    fc.assert(fc.property(arbitraryMutatedEnvelopeText, agree), { numRuns: 3000, seed: 8 });
  });
});
