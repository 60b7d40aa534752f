/**
 * The character types of the format notation (reconstruction.md §2, §3), as charCode predicates
 * (no regular expressions on the hot path).
 *
 *   n  digits 0–9                      a  A–Z
 *   c  A–Z 0–9                         h  0–9 A–F
 *   x  the X set: a–z A–Z 0–9 / - ? : ( ) . , ' + space, and the V1.4 additions # and &
 *   g  the X set plus any non-ASCII character (a lone surrogate is not a character)
 *   d  digits and the decimal comma    b  base64: A–Z a–z 0–9 + / =
 *
 * CR and LF belong to no type: line breaks are structure (the `CRLF` of a notation, or the
 * line separator of an `N*M` component).
 */

export type CharType = 'n' | 'a' | 'c' | 'x' | 'g' | 'd' | 'h' | 'b';

export const CHAR_TYPES: readonly CharType[] = ['n', 'a', 'c', 'x', 'g', 'd', 'h', 'b'];

export function isCharType(ch: string): ch is CharType {
  return ch.length === 1 && 'nacxgdhb'.includes(ch);
}

/**
 * The X character set beyond letters and digits (reconstruction.md §3). `#` is confirmed;
 * `&` is the project's **guess** for the second V1.4 addition — change it here only.
 */
export const X_PUNCTUATION = "/-?:().,'+ #&";

const X_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0x30; c <= 0x39; c++) t[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = 1;
  for (const ch of X_PUNCTUATION) t[ch.charCodeAt(0)] = 1;
  return t;
})();

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isLower = (c: number): boolean => c >= 0x61 && c <= 0x7a;

/**
 * True when the UTF-16 code unit `c` may appear in a value of type `t`. For `g`, every
 * non-ASCII code unit passes here; surrogate pairing is checked by the caller.
 */
export function inCharset(t: CharType, c: number): boolean {
  switch (t) {
    case 'n':
      return isDigit(c);
    case 'a':
      return isUpper(c);
    case 'c':
      return isUpper(c) || isDigit(c);
    case 'h':
      return isDigit(c) || (c >= 0x41 && c <= 0x46);
    case 'd':
      return isDigit(c) || c === 0x2c;
    case 'b':
      return isUpper(c) || isLower(c) || isDigit(c) || c === 0x2b || c === 0x2f || c === 0x3d;
    case 'x':
      return c < 128 && X_TABLE[c] === 1;
    case 'g':
      return c >= 128 || X_TABLE[c] === 1;
  }
}

/**
 * Whether the decimal comma of a `d` value counts in its length (reconstruction.md §2: it
 * does, as in SWIFT FIN, so `15d` holds at most 14 digits). Flip it here, and only here, if the
 * printed standard counts digits only.
 */
export const DECIMAL_COMMA_COUNTS = true;

/** The characters of each ASCII-only type, for generators. */
export function asciiAlphabet(t: CharType): string {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) if (inCharset(t, c)) s += String.fromCharCode(c);
  return s;
}

export const CHARSET_NAMES: Readonly<Record<CharType, { readonly en: string; readonly zh: string }>> = {
  n: { en: 'digits 0-9', zh: '数字0-9' },
  a: { en: 'upper-case letters A-Z', zh: '大写字母A-Z' },
  c: { en: 'upper-case letters and digits', zh: '大写字母和数字' },
  x: { en: 'X character set', zh: 'X字符集' },
  g: { en: 'X character set and Chinese characters', zh: 'X字符集及汉字' },
  d: { en: 'digits and a decimal comma', zh: '数字和小数逗号' },
  h: { en: 'hexadecimal 0-9 A-F', zh: '十六进制0-9 A-F' },
  b: { en: 'base64', zh: 'base64字符' },
};

/** How a character is named in a diagnostic: `"A"`, `CR`, `LF`, `TAB`, `"张"`. */
export function describeChar(ch: string): string {
  switch (ch) {
    case '\r':
      return 'CR';
    case '\n':
      return 'LF';
    case '\t':
      return 'TAB';
    default: {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      if (cp >= 0xd800 && cp <= 0xdfff) return 'a lone surrogate';
      return `"${ch}"`;
    }
  }
}

export function codePointLabel(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
