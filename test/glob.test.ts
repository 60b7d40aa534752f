/**
 * The command line's glob matcher (src/cli/glob.ts): the same answers as the regular expression
 * the CLI used before (kept here as the oracle), and time linear in the name where that
 * expression backtracked polynomially.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { globMatcher, segmentMatches } from '../src/cli/glob.js';

/** The former definition: a glob as an anchored regular expression. */
function oracle(pattern: string): RegExp {
  let re = '';
  const segments = pattern.split('/');
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '**') {
      re += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    for (const ch of seg) {
      if (ch === '*') re += '[^/]*';
      else if (ch === '?') re += '[^/]';
      else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    if (!last) re += '/';
  });
  return new RegExp(`^${re}$`);
}

describe('globMatcher', () => {
  it('matches as a shell does', () => {
    const cases: [string, string, boolean][] = [
      ['*.fin', 'a.fin', true],
      ['*.fin', 'sub/a.fin', false],
      ['**/*.fin', 'a.fin', true],
      ['**/*.fin', 'x/y/a.fin', true],
      ['**/*.fin', 'x/y/a.txt', false],
      ['in/**', 'in/a/b.fin', true],
      ['in/**', 'in', false],
      ['in/**', 'out/a.fin', false],
      ['**', 'anything/at/all', true],
      ['a/**/b', 'a/b', true],
      ['a/**/b', 'a/x/y/b', true],
      ['a/**/b', 'a/x/y/c', false],
      ['?.fin', 'a.fin', true],
      ['?.fin', 'ab.fin', false],
      ['*', '', true],
      ['a*b*c', 'abbbc', true],
      ['a*b*c', 'acb', false],
      ['[x].fin', '[x].fin', true],
      ['[x].fin', 'x.fin', false],
    ];
    for (const [pattern, path, expected] of cases) expect(globMatcher(pattern)(path), `${pattern} ~ ${path}`).toBe(expected);
  });

  it('agrees with the regular expression it replaces', () => {
    const patternPart = fc.constantFrom('a', 'b', '.', '-', '*', '?', '/', '**', '/**/', '[', '(');
    const pathPart = fc.constantFrom('a', 'b', '.', '-', '/', '[', '(');
    fc.assert(
      fc.property(
        fc.array(patternPart, { maxLength: 8 }).map((a) => a.join('')),
        fc.array(pathPart, { maxLength: 12 }).map((a) => a.join('')),
        (pattern, path) => {
          expect(globMatcher(pattern)(path), `${JSON.stringify(pattern)} ~ ${JSON.stringify(path)}`).toBe(oracle(pattern).test(path));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a segment costs time linear in the name (the regex took polynomial time)', () => {
    // Every star but the last could take any share of the name: the regex tries them all.
    const pattern = '*a*a*a*a*a*a*a*b';
    const timeOf = (n: number): number => {
      const name = 'a'.repeat(n);
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        expect(segmentMatches(pattern, name)).toBe(false);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    timeOf(4096);
    const small = timeOf(16 * 1024);
    const large = timeOf(128 * 1024);
    // 8× the name: linear is about 8×, the regex's degree-7 polynomial would be millions of times.
    expect(large / Math.max(small, 0.05)).toBeLessThan(24);
  });

  it('many ** segments stay polynomial in segments (a table, not a search of every split)', () => {
    const match = globMatcher('**/a/**/a/**/a/**/a/**/b');
    const path = Array.from({ length: 400 }, () => 'a').join('/');
    expect(match(path)).toBe(false);
    expect(match(`${path}/b`)).toBe(true);
  });
});
