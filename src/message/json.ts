/**
 * JSON for the command line and middleware: a parse or build result as plain data (decimals as
 * exact decimal strings, never numbers), and a body read back from JSON (decimal strings →
 * `Big`, guided by the tables). JSON input is untrusted: `__proto__`, `constructor` and
 * `prototype` keys are rejected (B003) and never copied; nothing throws.
 */
import Big from 'big.js';
import type { Envelope } from '../envelope/ast.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { MessageHeaders, ParseResult, BuildResult, AnyMessage } from './types.js';
import type { CompiledTables, EntryPlan, ItemPlan } from './plan.js';
import { fmtNumber } from './plan.js';
import { describeFound } from './found.js';
import { isPlainObject } from '../plain-object.js';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A parse or build result as JSON-able data. */
export interface MessageJSON {
  readonly ok: boolean;
  readonly fmt?: string;
  readonly mt?: string;
  readonly headers?: MessageHeaders;
  /** The typed body; decimals as exact decimal strings (`"125000.5"`). */
  readonly body?: { readonly [key: string]: JsonValue };
  /** The envelope AST (serializing it gives back the exact text). */
  readonly envelope?: Envelope;
  /** The message text (build results). */
  readonly text?: string;
  readonly diagnostics: readonly Diagnostic[];
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Typed values → JSON: Big → exact decimal string (`toFixed()`, never an exponent). */
export function valueToJSON(v: unknown): JsonValue {
  if (v instanceof Big) return v.toFixed();
  if (Array.isArray(v)) return v.map(valueToJSON);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && !FORBIDDEN.has(k)) out[k] = valueToJSON(x);
    return out;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return null;
}

/** A parse result (or a build result) as JSON-able data. */
export function messageToJSON(result: ParseResult | BuildResult): MessageJSON {
  const message: AnyMessage | undefined = result.message;
  const out: { -readonly [K in keyof MessageJSON]: MessageJSON[K] } = { ok: result.ok, diagnostics: result.diagnostics };
  if (message !== undefined) {
    out.fmt = message.fmt;
    out.mt = message.mt;
    out.headers = message.headers;
    out.body = valueToJSON(message.body) as { readonly [key: string]: JsonValue };
  } else if ('envelope' in result && result.envelope.fmt !== undefined) {
    out.fmt = result.envelope.fmt;
    if (result.envelope.mt !== undefined) out.mt = result.envelope.mt;
  }
  if ('text' in result) out.text = result.text;
  if ('envelope' in result) out.envelope = result.envelope.envelope;
  else if (message !== undefined) out.envelope = message.envelope;
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface BodyFromJSONResult {
  readonly ok: boolean;
  /** The body, decimals as `Big`; properties with problems are left out. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly diagnostics: readonly Diagnostic[];
}

const DECIMAL = /^[0-9]+([.,][0-9]*)?$/;

function problem(code: 'B003' | 'B004' | 'B005' | 'R021', params: Record<string, string>): Diagnostic {
  return diagnostic(code, { offset: 0, line: 0, column: 0, length: 0 }, params);
}


/**
 * Deepest nesting copied from JSON. A body nests about six levels (group, repetition, item,
 * component, lines); `JSON.parse` accepts any depth, and a copy that followed it would overflow
 * the stack (and a cyclic object given by JS code would never end).
 */
export const MAX_JSON_DEPTH = 32;

/** Copies JSON data, dropping forbidden keys (B003) and what nests too deep (B005). */
function sanitize(v: unknown, path: string, out: Diagnostic[], depth = 0): unknown {
  if (typeof v !== 'object' || v === null || v instanceof Big) return v;
  if (depth === MAX_JSON_DEPTH) {
    out.push(problem('B005', { path, limit: String(MAX_JSON_DEPTH) }));
    return TOO_DEEP;
  }
  if (Array.isArray(v)) {
    const copy: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = sanitize(v[i], `${path}[${i}]`, out, depth + 1);
      if (x !== TOO_DEEP) copy.push(x);
    }
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    if (FORBIDDEN.has(k)) {
      out.push(problem('B003', { key: k, path }));
      continue;
    }
    const x = sanitize((v as Record<string, unknown>)[k], `${path}.${k}`, out, depth + 1);
    if (x !== TOO_DEEP) copy[k] = x;
  }
  return copy;
}

const TOO_DEEP = Symbol('too deep');

function decimal(v: unknown, path: string, out: Diagnostic[]): Big | undefined | typeof SKIP {
  if (v instanceof Big) return v;
  if (typeof v === 'string' && DECIMAL.test(v)) {
    const s = v.replace(',', '.');
    return new Big(s.endsWith('.') ? s.slice(0, -1) : s);
  }
  out.push(problem('B004', { path, found: describeFound(v) }));
  return SKIP;
}

const SKIP = Symbol('skip');

function itemFromJSON(it: ItemPlan, v: unknown, path: string, out: Diagnostic[]): unknown {
  const comps = it.componentTypes;
  if (it.format.scalar) {
    if (comps[0]?.info.tsType === 'Big') return decimal(v, path, out);
    return v;
  }
  if (!isPlainObject(v)) return v;
  const obj: Record<string, unknown> = { ...v };
  for (const c of comps) {
    if (c.info.tsType !== 'Big' || obj[c.info.name] === undefined) continue;
    const d = decimal(obj[c.info.name], `${path}.${c.info.name}`, out);
    if (d === SKIP) delete obj[c.info.name];
    else obj[c.info.name] = d;
  }
  return obj;
}

function entryFromJSON(e: EntryPlan, v: unknown, path: string, out: Diagnostic[]): unknown {
  if (e.kind === 'item') return itemFromJSON(e, v, path, out);
  const rep = (r: unknown, p: string): unknown => {
    if (!isPlainObject(r)) return r;
    const obj: Record<string, unknown> = { ...r };
    for (const it of e.items) {
      if (obj[it.name] === undefined) continue;
      const x = itemFromJSON(it, obj[it.name], `${p}.${it.name}`, out);
      if (x === SKIP) delete obj[it.name];
      else obj[it.name] = x;
    }
    return obj;
  };
  if (e.single) return rep(v, path);
  return Array.isArray(v) ? v.map((r, i) => rep(r, `${path}[${i}]`)) : v;
}

/**
 * A body read from JSON: decimals (strings `"1234.56"` or `"1234,56"`) become `Big` where the
 * FMT's tables say the value is a decimal; numbers are refused for decimals (a float cannot
 * hold money exactly: B004). Other values are passed on as they are (`build` checks them).
 */
export function bodyFromJSONWith(core: CompiledTables, fmt: string, json: unknown): BodyFromJSONResult {
  const diagnostics: Diagnostic[] = [];
  const plan = core.plans.get(fmtNumber(String(fmt)));
  if (plan === undefined) {
    diagnostics.push(problem('R021', { fmt: String(fmt) }));
    return { ok: false, body: {}, diagnostics };
  }
  const clean = sanitize(json, 'body', diagnostics);
  if (!isPlainObject(clean)) return { ok: false, body: {}, diagnostics };
  const body: Record<string, unknown> = { ...clean };
  for (const list of [plan.text, plan.body, plan.block6]) {
    if (list === undefined) continue;
    for (const e of list.entries) {
      if (e.kind === 'item' && e.role !== 'value') continue;
      if (body[e.name] === undefined) continue;
      const v = entryFromJSON(e, body[e.name], `body.${e.name}`, diagnostics);
      if (v === SKIP) delete body[e.name];
      else body[e.name] = v;
    }
  }
  return { ok: !hasErrors(diagnostics), body, diagnostics };
}
