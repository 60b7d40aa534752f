// The complete example of docs/testing.md, verbatim (test/testing-package.test.ts checks that the
// two stay the same). It imports the BUILT package (cfxps, cfxps/testing) by self-reference;
// `npm test` type-checks before it builds, when dist/ may not exist yet: not type-checked here.
// @ts-nocheck
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, build, serializeMessage, type AnyMessage, type HeadersInit } from 'cfxps';
import {
  arbitraryInvalidMessage,
  arbitraryMessage,
  buildParseProperty,
  mutationsCaughtProperty,
  roundTripProperty,
  MUTATION_KINDS,
} from 'cfxps/testing';

// ---- your integration (adapters with simple signatures) ----------------------------------------
const myParse = (bytes: Uint8Array): AnyMessage => parse(bytes).message!;
const mySerialize = (m: AnyMessage): string => serializeMessage(m);
const myBuild = (fmt: string, body: Record<string, unknown>, headers: HeadersInit): string => build(fmt, body, headers).text;
const myValidate = (bytes: Uint8Array): { ok: boolean; codes: string[] } => {
  const r = parse(bytes);
  return { ok: r.ok, codes: r.diagnostics.map((d) => d.code) };
};
// ------------------------------------------------------------------------------------------------

const realism = {
  participants: ['ICBKCNBJXXX', 'PCBCCNBJXXX', 'BKCHCNBJ300'], // your counterparties
  currencies: ['USD', 'EUR', 'JPY', 'HKD'],
  chinese: 'sometimes' as const,
};

describe('CFXPS conformance', () => {
  it('round trip: serialize(parse(bytes)) gives back the bytes', () => {
    fc.assert(roundTripProperty(myParse, mySerialize, realism), { numRuns: 500, seed: 1 });
  });

  it('build then parse gives back the body', () => {
    fc.assert(
      buildParseProperty(myBuild, (bytes) => {
        const r = parse(bytes);
        return { ok: r.ok, fmt: r.message?.fmt, body: r.message?.body };
      }, realism),
      { numRuns: 500, seed: 1 },
    );
  });

  it('values at their limits are accepted (every FMT)', () => {
    fc.assert(roundTripProperty(myParse, mySerialize, { ...realism, sizes: 'limits', chinese: 'always' }), { numRuns: 300 });
  });

  it('every way of breaking a message is caught, with the right code', () => {
    fc.assert(mutationsCaughtProperty(myValidate, realism), { numRuns: 1000, seed: 1 });
  });

  it('every mutation kind, one by one', () => {
    for (const kind of MUTATION_KINDS) {
      for (const m of fc.sample(arbitraryInvalidMessage({ ...realism, kinds: [kind] }), { numRuns: 20, seed: 7 })) {
        const r = myValidate(m.bytes);
        expect(r.ok, m.mutation.description).toBe(false);
        expect(r.codes, m.mutation.description).toContain(m.mutation.code);
      }
    }
  });

  it('one FMT in depth', () => {
    fc.assert(
      fc.property(arbitraryMessage('FMT100', realism), (m) => {
        expect(myValidate(m.bytes)).toEqual({ ok: true, codes: expect.any(Array) });
      }),
      { numRuns: 200 },
    );
  });
});
