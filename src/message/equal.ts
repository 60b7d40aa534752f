/**
 * Value equality of typed bodies: decimals (`Big`) compare by value (`eq`), arrays element by
 * element, objects key by key (a key whose value is `undefined` counts as absent).
 */
import Big from 'big.js';

export function bodiesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Big || b instanceof Big) return a instanceof Big && b instanceof Big && a.eq(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!bodiesEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ra = a as Readonly<Record<string, unknown>>;
  const rb = b as Readonly<Record<string, unknown>>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!bodiesEqual(ra[k], rb[k])) return false;
  return true;
}
