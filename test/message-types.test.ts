/**
 * The typed bodies are generated from the tables (scripts/gen-types.ts), never kept by hand:
 * the committed file must equal the generator's output, and the types must fit what the
 * parser produces.
 */
import { readFileSync } from 'node:fs';
import Big from 'big.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BODIES_PATH, renderBodiesSource } from '../scripts/gen-types.js';
import { FMTS } from '../src/spec/fmts/index.js';
import type { BodyByFmt, Currency, Fmt011Body, Fmt100Body, Fmt203Body, FmtId, Message } from '../src/message/index.js';

describe('src/message/generated/bodies.ts', () => {
  it('is up to date with the generator (npx tsx scripts/gen-types.ts)', () => {
    expect(readFileSync(BODIES_PATH, 'utf8')).toBe(renderBodiesSource());
  });

  it('has one body, one message type and one union member per FMT', () => {
    const src = renderBodiesSource();
    for (const f of FMTS) {
      expect(src).toContain(`export interface Fmt${f.fmt}Body {`);
      expect(src).toContain(`export type Fmt${f.fmt}Message = TypedMessage<'FMT${f.fmt}', '${f.mt}', Fmt${f.fmt}Body>;`);
      expect(src).toMatch(new RegExp(`\\n  \\| Fmt${f.fmt}Message[;\\n]`));
    }
    // Code tables as literal unions (codeTableTypeSource), narrowed lists as literals.
    expect(src).toContain("export type Currency = 'USD' | 'HKD' | 'JPY' | 'EUR' | 'AUD' | 'CAD' | 'GBP' | 'CHF';");
    expect(src).toContain("readonly businessKind: '009';");
    expect(src).toContain("readonly subMessageType: '941';");
  });

  it('types narrow on fmt', () => {
    expectTypeOf<Message['fmt']>().toEqualTypeOf<FmtId>();
    expectTypeOf<Extract<Message, { fmt: 'FMT100' }>['body']>().toEqualTypeOf<Fmt100Body>();
    expectTypeOf<BodyByFmt['FMT203']>().toEqualTypeOf<Fmt203Body>();
    expectTypeOf<Fmt100Body['valueDateCurrencyAmount']['amount']>().toEqualTypeOf<Big>();
    expectTypeOf<Fmt100Body['valueDateCurrencyAmount']['currency']>().toEqualTypeOf<Currency>();
    expectTypeOf<Fmt011Body['entries'][number]['debitCredit']>().toEqualTypeOf<'D' | 'C'>();
    expectTypeOf<Fmt203Body['sequenceA']['sumOfAmounts']>().toEqualTypeOf<Big>();
  });
});
