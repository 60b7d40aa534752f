/** A non-null object that is not an array: a JSON object, or its like from JS code. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
