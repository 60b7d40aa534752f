/**
 * Contract of the format-notation compiler (reconstruction.md §2, §4). A notation string such as
 * `16x`, `3!a`, `4*35x`, `[/34x]`, `/ACCNAT/ACCNAT`, `DATE CCY AMOUNT` or `/ACCT CRLF 4*35x` is
 * compiled once into a `CompiledFormat`: one compiled form serves parsing, validation,
 * serialization, TypeScript type generation and fast-check generation.
 */
import type Big from 'big.js';

/** A problem inside one value, positioned relative to the value's first character. */
export interface ValueProblem {
  /** A diagnostic code from src/diagnostics/codes.ts (V… family). */
  readonly code: string;
  /** Index into the value string. */
  readonly index: number;
  readonly length: number;
  /** Parameters for the code's message templates. */
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * The typed value of a field or component:
 *   - a single text component (`16x`, `3!a`, a code) → string
 *   - AMOUNT (and any `d` decimal) → Big (never a float)
 *   - a multi-line component (`4*35x`) → string[] (one entry per line)
 *   - several components → an object keyed by component name
 *   - an optional part that is absent → the key is absent
 */
export type TypedValue = string | Big | readonly string[] | { readonly [name: string]: TypedValue | undefined };

export interface ParseOutcome {
  /** The typed value, when the value could be read (even if some rule failed). */
  readonly value?: TypedValue;
  /**
   * Every problem found (not just the first). For a value without problems this is one shared,
   * frozen empty array: never modify it (copy it to add problems of your own).
   */
  readonly problems: readonly ValueProblem[];
}

/**
 * Context a format needs from the (overridable) standard tables. Build it with
 * `defaultNotationContext()` and change it with `extendNotationContext()` (src/spec/code-tables.ts).
 * A code table that is absent from the context is not checked.
 *
 * A context is read-only data: `CompiledFormat.parse` and `test` cache a look-up form of each map
 * (per map object, rebuilt when its size changes), so do not modify a map once it has been used;
 * derive a new context with `extendNotationContext()` instead.
 */
export interface NotationContext {
  /** Currency code → minor units (digits after the decimal comma), e.g. JPY → 0. */
  readonly currencies: ReadonlyMap<string, number>;
  /**
   * Code tables by name (BKIND, ACCNAT, PSTAT, …): code → label. The default context's labels
   * are the Chinese labels; both languages of the standard's codes are in src/spec/code-tables.ts.
   */
  readonly codeTables: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Facts from outside the value that some rules need. */
export interface ParseHints {
  /**
   * The currency that AMOUNT components of this value are in, when the format itself has no
   * `CCY` (e.g. a 77E `AMT` whose currency is the message's `CCY` item). A sibling `CCY`
   * component of the same value wins.
   */
  readonly currency?: string;
}

/** Extra rules for an anonymous component (one not written as a variable). */
export interface ComponentRules {
  /** The value must be a code of this table (V005), e.g. `CHARGES` for 71A's `3!a`. */
  readonly codeTable?: string;
  /** No space anywhere (V012). */
  readonly noSpace?: boolean;
}

export interface CompileOptions {
  /**
   * Component names, in order: either one per anonymous component (variables keep their
   * default names; unnamed anonymous components are `part1`, `part2`, … by position among the
   * anonymous ones), or — when there are exactly as many names as components — one per
   * component, variables included (`5n CCY AMOUNT` with `['count', 'currency', 'amount']`).
   */
  readonly names?: readonly string[];
  /** Extra rules of the anonymous components, in order (`undefined` entries: none). */
  readonly rules?: readonly (ComponentRules | undefined)[];
}

/** One component (a named value) of a compiled format. */
export interface ComponentInfo {
  /** Property name in the typed value (variables: their default name; others: `names` or `partN`). */
  readonly name: string;
  /** The component's own notation (`16x`, `4*35x`, or the variable name, e.g. `DATE`). */
  readonly notation: string;
  /** Inside an optional part `[ … ]`. */
  readonly optional: boolean;
  /** `N*M` form: the value is one string per line. */
  readonly multiLine: boolean;
  /** The variable this component is, if any (`DATE`, `CCY`, …). */
  readonly variable?: string;
  /** The code table the value must belong to, if any. */
  readonly codeTable?: string;
  /** The TypeScript type of the component's value. */
  readonly tsType: string;
}

export interface CompiledFormat {
  /** The source notation. */
  readonly notation: string;
  /** The components in order. */
  readonly components: readonly ComponentInfo[];
  /** True when the typed value is the single component's value itself (not an object). */
  readonly scalar: boolean;
  /**
   * Reads a raw value (as in the message; lines joined by CRLF). Linear time; never throws.
   * A value without problems is read by the format's compiled validator (src/notation/fast.ts:
   * about 0.03–0.1 µs for a short value, 0.3 µs for `DATE CCY AMOUNT`; per character of a long
   * value about 0.6 ns for base64, 2 ns for ASCII and 3–4 ns for Chinese `g` text); any other
   * value by the full reader, which reports every problem (a few µs).
   */
  parse(raw: string, ctx: NotationContext, hints?: ParseHints): ParseOutcome;
  /**
   * True when `raw` has no problem: the same answer as `parse(raw, ctx, hints).problems.length
   * === 0`, without building the value. Allocates nothing for a valid value (codes of code
   * tables and currencies, up to 4 ASCII characters as all of the standard's are, are looked up
   * without slicing them out of `raw`); for an invalid one it falls back to the full reader. For
   * per-value checks on the hot path (envelope header values). Never throws.
   */
  test(raw: string, ctx: NotationContext, hints?: ParseHints): boolean;
  /** Writes a typed value in canonical form (lines joined by CRLF). */
  serialize(value: TypedValue): string;
  /** The TypeScript type of the typed value, as source text (for generated typings). */
  readonly tsType: string;
}
