/**
 * src/message/exact-sum.ts: sums in integer thousandths agree with big.js wherever they are used,
 * and give way to Big wherever they would not be exact.
 */
import Big from 'big.js';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalsSum, thousandths } from '../src/message/exact-sum.js';

/** Amounts as the typed layer makes them (`bigAt`): from decimal text, some huge or finely divided. */
const amount = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 3 })),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 8 })),
  fc.tuple(fc.constantFrom(0n, 1n, 5n, 999n, 10n ** 15n - 1n, 2n ** 53n, 2n ** 53n + 1n), fc.integer({ min: 0, max: 4 })),
).map(([units, decimals]) => new Big(units.toString()).div(new Big(10).pow(decimals)));

const bigSum = (xs: readonly Big[]): Big => xs.reduce((s, x) => s.plus(x), new Big(0));
const unitsOf = (xs: readonly Big[]): number => xs.reduce((u, x) => u + thousandths(x), 0);

describe('exact sums in thousandths', () => {
  it('thousandths is x × 1000 exactly, or NaN', () => {
    fc.assert(
      fc.property(amount, (x) => {
        const q = thousandths(x);
        if (Number.isNaN(q)) return;
        expect(Number.isSafeInteger(q)).toBe(true);
        expect(new Big(q).eq(x.times(1000))).toBe(true);
      }),
      { numRuns: 2000, seed: 21 },
    );
    expect(thousandths(new Big('1234.56'))).toBe(1_234_560);
    expect(thousandths(new Big('0.001'))).toBe(1);
    expect(thousandths(new Big('0'))).toBe(0);
    expect(thousandths(new Big('0.0001'))).toBeNaN();
    expect(thousandths(new Big('999999999999.999'))).toBe(999_999_999_999_999);
    expect(thousandths(new Big('1000000000000'))).toBeNaN();
    expect(thousandths(new Big('-1'))).toBeNaN();
  });

  it('equalsSum says what big.js says of the total and the sum', () => {
    const totalFor = (xs: readonly Big[]): fc.Arbitrary<Big> =>
      fc.oneof(fc.constant(bigSum(xs)), amount, fc.constant(bigSum(xs).plus('0.001')), fc.constant(bigSum(xs).plus('0.0000001')));
    fc.assert(
      fc.property(
        fc.array(amount, { maxLength: 12 }).chain((xs) => fc.tuple(fc.constant(xs), totalFor(xs))),
        ([xs, total]) => {
          const units = unitsOf(xs);
          const sum = Number.isSafeInteger(units) ? undefined : bigSum(xs);
          expect(equalsSum(total, units, sum)).toBe(total.eq(bigSum(xs)));
        },
      ),
      { numRuns: 3000, seed: 22 },
    );
  });

  it('a sum past 2^53 thousandths is not taken as exact', () => {
    const big = new Big('999999999999.999');
    const xs = Array.from({ length: 20 }, () => big);
    expect(Number.isSafeInteger(unitsOf(xs))).toBe(false);
    expect(equalsSum(bigSum(xs), unitsOf(xs), bigSum(xs))).toBe(true);
  });
});
