/**
 * How a diagnostic about a caller's object (B002, B004) names the value it found. The object may
 * come from anywhere (JSON, JS code), so this never throws (a BigInt or a symbol has no JSON) and
 * stays short (a long string is cut, its length given).
 */
import Big from 'big.js';

/** Characters of a string value shown in full; a longer one is cut. */
const SHOWN = 40;

/** `string "CRED"`, `number 12.5`, `bigint 10n`, `a decimal (Big)`, `an array`, … */
export function describeFound(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Big) return 'a decimal (Big)';
  switch (typeof v) {
    case 'string':
      return v.length <= SHOWN
        ? `string ${JSON.stringify(v)}`
        : `string ${JSON.stringify(v.slice(0, SHOWN)).slice(0, -1)}…" (${v.length} characters)`;
    case 'number':
    case 'boolean':
      return `${typeof v} ${String(v)}`;
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `bigint ${String(v).length <= SHOWN ? String(v) : `${String(v).slice(0, SHOWN)}…`}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return 'an object';
  }
}
