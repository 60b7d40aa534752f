/**
 * Glob patterns of the command line (`*`, `?`, `**`) matched against `/`-separated relative
 * paths, without regular expressions: a glob turned into a regex (`[^/]*a[^/]*a[^/]*b`, as
 * picomatch and minimatch also do) backtracks polynomially on a long name that almost matches,
 * and the project's rule is that no regex may (docs/architecture.md). Node 20 has no native glob
 * matcher (`path.matchesGlob` arrives in 22).
 *
 * Semantics (those of the shell, without brackets or braces):
 * - `*` matches any run of characters other than `/` (also none), `?` exactly one such character;
 * - a `**` segment matches any number of whole segments (also none); a trailing `**` matches
 *   everything below (`dir/**` matches every path under `dir`);
 * - every other character matches itself.
 *
 * Cost: a segment is matched by the greedy wildcard algorithm, O(name × segment) at worst;
 * segments are combined by a table over (pattern segment, path segment), so `**` never makes the
 * work grow beyond pattern segments × path segments segment matches.
 */

const STAR = 42; // *
const QUESTION = 63; // ?

/** Whether one path segment matches one pattern segment (no `/` in either). */
export function segmentMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  // The last `*` seen and the name position it was tried at: on a mismatch, that star takes one
  // more character. Earlier stars never need to be revisited (the classic wildcard algorithm).
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === QUESTION || c === name.charCodeAt(n))) {
      p++;
      n++;
    } else if (p < pattern.length && c === STAR) {
      star = p++;
      mark = n;
    } else if (star !== -1) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/** A matcher for `pattern` (segments split once). */
export function globMatcher(pattern: string): (path: string) => boolean {
  const pats = pattern.split('/');
  const count = pats.length;
  return (path) => {
    const segs = path.split('/');
    const size = segs.length;
    // memo[i * (size + 1) + j]: 0 unknown, 1 match, 2 no match, for pattern segments from i
    // against path segments from j.
    const memo = new Uint8Array((count + 1) * (size + 1));
    const match = (i0: number, j0: number): boolean => {
      // `**` in the middle is the only branching: iterate over how many segments it takes,
      // recursing only into the rest of the pattern (depth at most the pattern's segments).
      let i = i0;
      let j = j0;
      for (;;) {
        const key = i * (size + 1) + j;
        const known = memo[key]!;
        if (known !== 0) return known === 1;
        let result: boolean;
        if (i === count) result = j === size;
        else if (pats[i] === '**') {
          if (i === count - 1) result = j < size;
          else {
            result = false;
            for (let k = j; k < size && !result; k++) {
              if (k > j && segs[k - 1] === '') break; // `**` takes non-empty segments only
              result = match(i + 1, k);
            }
          }
        } else if (j < size && segmentMatches(pats[i]!, segs[j]!)) {
          // A plain segment: go on with the next of each (a loop, not a recursion).
          i++;
          j++;
          continue;
        } else result = false;
        memo[key] = result ? 1 : 2;
        return result;
      }
    };
    return match(0, 0);
  };
}
