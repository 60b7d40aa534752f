/**
 * The 73 FMT tables of V1.4 chapter 3, in the order of the standard's 报文清单 (3.2.1 … 3.9.10).
 * Each table is plain, fully expanded data (the "as FMTxxx, except …" formats are derived with
 * `derive` at load, then exported expanded).
 */
import { FMT_PREFIX } from '../envelope.js';
import type { FmtDef } from '../schema.js';
import { BANK_CODE_FMTS } from './bank-codes.js';
import { CLEARING_FMTS } from './clearing.js';
import { INFORMATION_FMTS } from './information.js';
import { LIQUIDITY_FMTS } from './liquidity.js';
import { PAYMENT_FMTS } from './payments.js';
import { QUERY_FMTS } from './queries.js';
import { RECONCILIATION_FMTS } from './reconciliation.js';
import { SYSTEM_FMTS } from './system.js';

export { CATEGORIES } from './categories.js';

/** All 73 formats, in the standard's order. */
export const FMTS: readonly FmtDef[] = [
  ...PAYMENT_FMTS,
  ...CLEARING_FMTS,
  ...INFORMATION_FMTS,
  ...QUERY_FMTS,
  ...LIQUIDITY_FMTS,
  ...SYSTEM_FMTS,
  ...RECONCILIATION_FMTS,
  ...BANK_CODE_FMTS,
];

/** FMT number → table, for a table set (3 digits; `FMT100` and `100` both accepted by `findFmt`). */
export function fmtIndex(fmts: readonly FmtDef[]): ReadonlyMap<string, FmtDef> {
  const map = new Map<string, FmtDef>();
  for (const f of fmts) if (!map.has(f.fmt)) map.set(f.fmt, f);
  return map;
}

const SHIPPED = fmtIndex(FMTS);

/**
 * The table of an FMT number: `'100'`, `'010'` or `'FMT100'` (as in user-header 119).
 * `fmts` defaults to the shipped tables; pass an overridden set to look up in it.
 */
export function findFmt(fmt: string, fmts?: readonly FmtDef[]): FmtDef | undefined {
  const key = fmt.startsWith(FMT_PREFIX) ? fmt.slice(FMT_PREFIX.length) : fmt;
  return (fmts === undefined ? SHIPPED : fmtIndex(fmts)).get(key);
}
