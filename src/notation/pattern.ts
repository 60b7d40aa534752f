/**
 * A format as a regular expression plus a length limit, for the formats that are nothing more
 * than characters and lengths: literals, components of a charset and a length (no rule beyond
 * `noSpace`), and at the end one variable-length component or one optional group of fixed-width
 * parts. The header tags of the envelope are all of this kind (`FMT3!n`, `16x`, `32h`, `4096b`,
 * `12!h`, `[4!n6!n28!c]`), so a `{tag:value}` block can be checked by one sticky expression
 * compiled from its table (src/envelope/check.ts).
 *
 * A value the expression matches and whose length is at most `maxLength` is exactly a value the
 * format's fast path (`simpleRun`'s rules) accepts, so the one-pass reader finds no problem in
 * it (test/pattern.test.ts holds it to `CompiledFormat.test` on random values). The variable
 * component is written `[…]+`, not `[…]{1,max}`: irregexp runs a counted repetition about 1.6×
 * slower per character than a plain one, and a signature is hundreds of characters, so its
 * bound is the length check instead; a short exact width is the class written out N times.
 * Everything else (a `g`, `d` or multi-line component, a date, a BIC, a code table, a variable
 * part before the end) gives undefined: those formats need the reader. A pattern never matches CR, LF, `{` or `}` (no charset holds them, and a
 * literal that does gives undefined).
 *
 * Linear: fixed-width parts, then at most one run or one optional group that is tried once at
 * the end; nothing in it can be matched two ways.
 */
import type { CompNode, RNode } from './compile.js';
import { compiledTreeOf } from './compile.js';
import { classSource, runTable } from './fast.js';
import type { CompiledFormat } from './types.js';

/** The valid values of a format: those `source` matches whole that are at most `maxLength` long. */
export interface ValuePattern {
  /** A regular expression's source (no anchors, no flags needed). */
  readonly source: string;
  readonly maxLength: number;
}

/** The format's valid values as a pattern, or undefined when they are not charset and length only. */
export function patternOf(format: CompiledFormat): ValuePattern | undefined {
  const nodes = compiledTreeOf(format).nodes;
  let source = '';
  let maxLength = 0;
  for (let i = 0; i < nodes.length; i++) {
    const last = i === nodes.length - 1;
    const node = nodes[i]!;
    let part: string | undefined;
    if (node.kind === 'opt') {
      // Only last: then "absent" and "present" are told apart by whether anything is left.
      const inner = last ? fixedSequence(node.nodes) : undefined;
      part = inner === undefined ? undefined : `(?:${inner.source})?`;
      maxLength += inner?.length ?? 0;
    } else if (node.kind === 'comp' && !node.exact) {
      part = last ? componentPattern(node) : undefined;
      maxLength += node.max;
    } else {
      const fixed = fixedSequence([node]);
      part = fixed?.source;
      maxLength += fixed?.length ?? 0;
    }
    if (part === undefined) return undefined;
    source += part;
  }
  return { source, maxLength };
}

/** Literals and exact-width components only, and their length. */
function fixedSequence(nodes: readonly RNode[]): { source: string; length: number } | undefined {
  let source = '';
  let length = 0;
  for (const node of nodes) {
    if (node.kind === 'lit') {
      const lit = literalPattern(node.text);
      if (lit === undefined) return undefined;
      source += lit;
      length += node.text.length;
    } else if (node.kind === 'comp' && node.exact) {
      const comp = componentPattern(node);
      if (comp === undefined) return undefined;
      source += comp;
      length += node.max;
    } else {
      return undefined;
    }
  }
  return { source, length };
}

/** A one-line component of a charset and a length: exactly max characters, or at least one. */
function componentPattern(c: CompNode): string | undefined {
  if (c.type === 'g' || c.type === 'd' || c.multi || c.lines !== 1) return undefined;
  if (c.bic || c.date || c.time || c.amount || c.currency || c.codeTable !== undefined) return undefined;
  const cls = classSource(runTable(c, undefined, c.noSpace));
  if (cls === '' || c.max < 1) return undefined;
  if (!c.exact) return `${cls}+`;
  // Written out up to a few dozen: irregexp's counted loop costs more per character than the
  // class repeated (as the scanner's header expressions are).
  return c.max <= UNROLL ? cls.repeat(c.max) : `${cls}{${c.max}}`;
}

const UNROLL = 40;

/** A literal, each character escaped (`\uHHHH`); undefined when it holds CR, LF or a brace. */
function literalPattern(text: string): string | undefined {
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0x7b || c === 0x7d) return undefined;
    source += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return source;
}
