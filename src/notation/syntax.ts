/**
 * The grammar of the format notation (reconstruction.md §2), read into a small tree.
 *
 *   notation  = item*                      (spaces, tabs and Markdown backticks between items are ignored)
 *   item      = component | variable | "CRLF" | literal | "[" item+ "]"
 *   component = N type                     at most N          (16x)
 *             | N "!" type                 exactly N          (3!a)
 *             | N "*" M type               at most N lines of at most M each (4*35x)
 *   type      = n | a | c | x | g | d | h | b
 *   variable  = an upper-case word that names a variable of src/spec/variables.ts (DATE, CCY, …)
 *   literal   = any other printable ASCII character or upper-case word (`/`, `FMT`, `/RETN/`)
 *
 * An upper-case word written between two slashes is a literal codeword even when it names a
 * variable: `/ACCNAT/ACCNAT` is the codeword `/ACCNAT/` followed by the variable ACCNAT, while
 * `/ACCT` is a slash followed by the variable ACCT. The word `CRLF` is always a line break.
 *
 * Malformed notations are programming errors in the standard's tables: `parseNotation` throws.
 */
import { isCharType, type CharType } from './charsets.js';
import { variableDef, type VariableDef } from '../spec/variables.js';

export interface LengthSpec {
  /** Maximum (or, with `exact`, exact) length of one line: characters, or GB18030 bytes for `g`. */
  readonly max: number;
  readonly exact: boolean;
  /** Maximum number of lines (1 unless `multi`). */
  readonly lines: number;
  /** Written in the `N*M` form. */
  readonly multi: boolean;
}

export type SyntaxNode =
  | { readonly kind: 'lit'; readonly text: string }
  | { readonly kind: 'crlf' }
  | { readonly kind: 'comp'; readonly type: CharType; readonly length: LengthSpec; readonly source: string }
  | { readonly kind: 'var'; readonly def: VariableDef; readonly source: string }
  | { readonly kind: 'opt'; readonly nodes: readonly SyntaxNode[] };

export class NotationError extends Error {
  constructor(notation: string, index: number, what: string) {
    super(`bad format notation ${JSON.stringify(notation)} at ${index}: ${what}`);
    this.name = 'NotationError';
  }
}

const isDigitCh = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isUpperCh = (ch: string | undefined): boolean => ch !== undefined && ch >= 'A' && ch <= 'Z';

export function parseNotation(notation: string): SyntaxNode[] {
  const stack: SyntaxNode[][] = [[]];
  const opens: number[] = [];
  let i = 0;
  const n = notation.length;

  const top = (): SyntaxNode[] => stack[stack.length - 1]!;
  const pushLit = (text: string): void => {
    const list = top();
    const last = list[list.length - 1];
    if (last !== undefined && last.kind === 'lit') list[list.length - 1] = { kind: 'lit', text: last.text + text };
    else list.push({ kind: 'lit', text });
  };
  const readInt = (): number => {
    const start = i;
    while (isDigitCh(notation[i])) i++;
    const v = Number.parseInt(notation.slice(start, i), 10);
    if (!(v >= 1)) throw new NotationError(notation, start, 'a length must be at least 1');
    return v;
  };

  while (i < n) {
    const ch = notation[i]!;
    if (ch === ' ' || ch === '\t' || ch === '`') {
      i++;
    } else if (ch === '[') {
      stack.push([]);
      opens.push(i);
      i++;
    } else if (ch === ']') {
      if (stack.length === 1) throw new NotationError(notation, i, 'unmatched "]"');
      const nodes = stack.pop()!;
      opens.pop();
      if (nodes.length === 0) throw new NotationError(notation, i, 'empty optional part "[]"');
      top().push({ kind: 'opt', nodes });
      i++;
    } else if (isDigitCh(ch)) {
      const start = i;
      const first = readInt();
      let max = first;
      let lines = 1;
      let exact = false;
      let multi = false;
      if (notation[i] === '!') {
        exact = true;
        i++;
      } else if (notation[i] === '*') {
        i++;
        if (!isDigitCh(notation[i])) throw new NotationError(notation, i, 'expected the line length after "*"');
        lines = first;
        max = readInt();
        multi = true;
      }
      const t = notation[i];
      if (t === undefined || !isCharType(t)) {
        throw new NotationError(notation, i, `expected a type letter (n a c x g d h b) after the length, found ${t === undefined ? 'the end' : JSON.stringify(t)}`);
      }
      i++;
      top().push({ kind: 'comp', type: t, length: { max, exact, lines, multi }, source: notation.slice(start, i) });
    } else if (isUpperCh(ch)) {
      const start = i;
      while (isUpperCh(notation[i])) i++;
      const word = notation.slice(start, i);
      const codeword = notation[start - 1] === '/' && notation[i] === '/';
      const def = variableDef(word);
      if (word === 'CRLF') top().push({ kind: 'crlf' });
      else if (def !== undefined && !codeword) top().push({ kind: 'var', def, source: word });
      else pushLit(word);
    } else {
      const c = ch.charCodeAt(0);
      if (c < 0x21 || c > 0x7e || (ch >= 'a' && ch <= 'z')) {
        throw new NotationError(notation, i, `unexpected ${JSON.stringify(ch)}`);
      }
      pushLit(ch);
      i++;
    }
  }
  if (stack.length !== 1) throw new NotationError(notation, opens[opens.length - 1] ?? 0, 'unclosed "["');
  return stack[0]!;
}
