/**
 * The sums of the `sumEquals` rule without a `Big.plus` per amount (each allocates two Bigs and
 * their digit arrays; an MT203 has one per settled item). The generated rule checks
 * (rules-code.ts) add the amounts as integer counts of thousandths instead, and go back to Big
 * whenever that is not exact.
 *
 * Exactness: an amount becomes an integer only when it has at most 3 decimals and fewer than 13
 * integer digits, so the integer has at most 15 digits (below 2^53, where every integer is exact
 * in a JS number); amounts are non-negative (a negative one gives NaN), so a sum that stays a
 * safe integer (`Number.isSafeInteger`) never passed through an inexact partial sum. No
 * fraction is ever formed. Anything else (NaN, unsafe) means: sum with Big. test/exact-sum.test.ts
 * holds this to Big on random amounts, large ones included.
 *
 * `bigEq`, the allocation-free equality of two Bigs, lives here too: the rule closures
 * (rules.ts) and these sums compare amounts with it.
 */
import Big from 'big.js';

const POW10: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** `x` × 1,000 as an exact integer, or NaN when that would not be exact (or `x` is negative). */
export function thousandths(x: Big): number {
  const { c, e, s } = x;
  if (s < 0 || e > 11) return NaN;
  const n = c.length;
  // The coefficient's digits are an integer; its last digit has weight 10^(e − n + 1).
  const shift = e - n + 4;
  if (shift < 0) return NaN;
  let u = 0;
  for (let i = 0; i < n; i++) u = u * 10 + c[i]!;
  return u * POW10[shift]!;
}

/**
 * Whether `total` equals the sum whose thousandths are `units` (a safe integer), or, when
 * `units` is not one, the Big `sum` (computed by the caller).
 */
export function equalsSum(total: Big, units: number, sum: Big | undefined): boolean {
  if (Number.isSafeInteger(units)) {
    const q = thousandths(total);
    if (Number.isSafeInteger(q)) return q === units;
    return bigEq(total, new Big(units).div(1000));
  }
  return sum !== undefined && bigEq(total, sum);
}

/**
 * a = b without allocating (big.js keeps numbers normalized: sign `s`, exponent `e`, digits `c`
 * without trailing zeros; zero is c = [0]). Same answer as `a.eq(b)`.
 */
export function bigEq(a: Big, b: Big): boolean {
  const ac = a.c;
  const bc = b.c;
  if (ac[0] === 0 || bc[0] === 0) return ac[0] === bc[0];
  if (a.s !== b.s || a.e !== b.e || ac.length !== bc.length) return false;
  for (let i = 0; i < ac.length; i++) if (ac[i] !== bc[i]) return false;
  return true;
}
