/**
 * `cfxps/testing` — the conformance kit: fast-check generators of valid CFXPS messages (all 73
 * FMTs, derived from the tables of a codec), invalid messages tagged with the diagnostic code a
 * validator must report, and ready-made properties for a test suite. Guide: docs/testing.md.
 *
 * fast-check is a peer dependency: install it next to cfxps (`npm i -D fast-check`). The main
 * entry (`cfxps`) never imports this module.
 */
import fc from 'fast-check';
import { encodeText } from '../bytes/encode.js';
import { defaultCodec, type Codec } from '../message/codec.js';
import { bodiesEqual } from '../message/equal.js';
import { fmtNumber, type FmtPlan, type ItemPlan } from '../message/plan.js';
import type { AnyMessage, HeadersInit } from '../message/types.js';
import type { TypedValue } from '../notation/types.js';
import { formatArbitrary } from './format-arbitrary.js';
import { checkGenOptions, headersArbitrary, messageArbitrary, type MessageGenOptions } from './message-arbitrary.js';
import { invalidMessageArbitrary, type InvalidMessage, type InvalidMessageOptions } from './mutations.js';
import { arbitraryMutatedEnvelopeText } from './envelope.js';

export {
  arbitraryEnvelopeInit,
  arbitraryEnvelopeText,
  arbitraryMutatedEnvelopeText,
  arbitraryMutation,
} from './envelope.js';
export {
  MUTATION_KINDS,
  applyMutation,
  mutationCode,
  mutationFmts,
  type InvalidMessage,
  type Mutation,
  type MutationKind,
} from './mutations.js';
export { ltAddressOf } from './message-arbitrary.js';

/** A codec of any table set (the shipped one, or one made by `createCodec(overrides)`). */
type AnyCodec = Codec<AnyMessage>;

/** Options of the generators: the codec whose tables they follow, and realism. */
export interface GeneratorOptions {
  /** The codec (default: the shipped tables). Generators follow its tables, currencies and codes. */
  readonly codec?: AnyCodec;
  /** Participant BICs (CN, 8 or 11 characters): BIC items and header addresses are taken from them. */
  readonly participants?: readonly string[];
  /** Currencies to use (a subset of the codec's currencies). */
  readonly currencies?: readonly string[];
  /** Chinese in `g` fields and block 6: never, sometimes (default), always (every line starts with one). */
  readonly chinese?: 'never' | 'sometimes' | 'always';
  /** `'typical'` (default) or `'limits'`: values, lines and groups at (or near) their maximum sizes. */
  readonly sizes?: 'typical' | 'limits';
}

/** A valid message: the body and header parts, and the canonical text `codec.build` writes. */
export interface ArbitraryMessageValue {
  /** `FMT100` … */
  readonly fmt: string;
  readonly body: Record<string, unknown>;
  readonly headers: HeadersInit;
  readonly text: string;
  /** `text` as GB18030. */
  readonly bytes: Uint8Array;
}

export type InvalidMessageArbitraryOptions = GeneratorOptions & Pick<InvalidMessageOptions, 'kinds' | 'fmts'>;

function codecOf(options: { readonly codec?: AnyCodec }): Codec<AnyMessage> {
  return (options.codec ?? defaultCodec()) as unknown as Codec<AnyMessage>;
}

function genOf(options: GeneratorOptions): MessageGenOptions {
  const { codec: _codec, ...gen } = options;
  return gen;
}

function planOf(codec: Codec<AnyMessage>, fmt: string): FmtPlan {
  const plan = codec.compiled.plans.get(fmtNumber(fmt));
  if (plan === undefined) throw new Error(`unknown FMT ${fmt}: no table of the codec defines it`);
  return plan;
}

/** Every FMT of a codec (`FMT100` …), in table order. */
export function fmtsOf(codec: AnyCodec = defaultCodec()): string[] {
  return [...(codec as unknown as Codec<AnyMessage>).compiled.plans.values()].map((p) => p.id);
}

/**
 * Valid messages of one FMT (`'FMT100'` or `'100'`), or of any FMT of the codec when `fmt` is
 * omitted: `{ fmt, body, headers, text, bytes }`, the text written by `codec.build`. For the
 * shipped tables every generated message parses without an error (FMT074: the reserved-format
 * warning) and its body reads back equal (`bodiesEqual`).
 */
export function arbitraryMessage(fmt?: string, options: GeneratorOptions = {}): fc.Arbitrary<ArbitraryMessageValue> {
  const codec = codecOf(options);
  const gen = genOf(options);
  checkGenOptions(codec, gen);
  const fmts = fmt === undefined ? fmtsOf(codec) : [planOf(codec, fmt).id];
  const arbs = fmts.map((f) => messageArbitrary(f, codec, gen));
  const one = arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
  return one.map((m) => {
    const text = codec.build(m.fmt, m.body, m.headers).text;
    return { fmt: m.fmt, body: m.body, headers: m.headers, text, bytes: encodeText(text) };
  });
}

/** Header parts for `build` (addresses, priority, session, output form, signature, trailer) of an FMT. */
export function arbitraryHeaders(fmt: string = 'FMT100', options: GeneratorOptions = {}): fc.Arbitrary<HeadersInit> {
  const codec = codecOf(options);
  const gen = genOf(options);
  checkGenOptions(codec, gen);
  return headersArbitrary(planOf(codec, fmt), gen, codec);
}

export interface FieldOptions extends GeneratorOptions {
  /** The FMT whose (narrowed) format of the tag is used (default: the first FMT with the tag). */
  readonly fmt?: string;
}

/**
 * Valid raw values of a field (`'32A'`, an embedded tag such as `'RSP'`, a block-6 tag such as
 * `'ONM'`), as written in a message (lines joined by CRLF), following the FMT's narrowed format
 * and code lists. Values are valid on their own; rules between items are the message's business.
 */
export function arbitraryField(tag: string, options: FieldOptions = {}): fc.Arbitrary<string> {
  const codec = codecOf(options);
  const gen = genOf(options);
  checkGenOptions(codec, gen);
  const plans = options.fmt !== undefined ? [planOf(codec, options.fmt)] : [...codec.compiled.plans.values()];
  let item: ItemPlan | undefined;
  for (const p of plans) {
    item = findItem(p, tag);
    if (item !== undefined) break;
  }
  if (item === undefined) throw new Error(`no FMT${options.fmt === undefined ? '' : ` (${options.fmt})`} has an item ${tag}`);
  const it = item;
  const ctx = codec.compiled.parseContext;
  const genCtx = gen.currencies === undefined ? ctx : { ...ctx, currencies: new Map([...ctx.currencies].filter(([c]) => gen.currencies!.includes(c))) };
  return fc.tuple(formatArbitrary(it.format, genCtx, gen), fc.nat()).map(([raw, pick]) => {
    if (it.postCodes.length === 0 && !it.participantCN && gen.participants === undefined) return raw;
    let value = it.format.parse(raw, ctx).value;
    if (value === undefined) return raw;
    const set = (comp: string | undefined, v: TypedValue): void => {
      if (comp === undefined || value === undefined) return;
      value = comp === '' ? v : { ...(value as Record<string, TypedValue>), [comp]: v };
    };
    const get = (comp: string | undefined): TypedValue | undefined =>
      comp === undefined || value === undefined ? undefined : comp === '' ? value : (value as Record<string, TypedValue | undefined>)[comp];
    for (const pc of it.postCodes) {
      const codes = [...(pc.codes ?? (pc.table === undefined ? [] : (ctx.codeTables.get(pc.table)?.keys() ?? [])))];
      if (codes.length > 0) set(pc.comp ?? '', codes[pick % codes.length]!);
    }
    const bic = get(it.bicComp);
    if (typeof bic === 'string') {
      if (gen.participants !== undefined) {
        const p = gen.participants[pick % gen.participants.length]!;
        set(it.bicComp, it.format.parse(p, ctx).problems.length === 0 || it.bicComp !== '' ? p : p.slice(0, 8));
      } else if (it.participantCN) set(it.bicComp, `${bic.slice(0, 4)}CN${bic.slice(6)}`);
    }
    return it.format.serialize(value);
  });
}

function findItem(plan: FmtPlan, tag: string): ItemPlan | undefined {
  for (const list of [plan.text, plan.body, plan.block6]) {
    if (list === undefined) continue;
    for (const e of list.entries) {
      if (e.kind === 'item' && e.tag === tag) return e;
      if (e.kind === 'group') for (const it of e.items) if (it.tag === tag) return it;
    }
  }
  return undefined;
}

/**
 * Invalid messages: a valid message broken in exactly one way, with the code a validator must
 * report (`mutation.code`) and, where the code's position convention fixes it, its line and
 * column. `kinds` / `fmts` restrict what is generated.
 */
export function arbitraryInvalidMessage(options: InvalidMessageArbitraryOptions = {}): fc.Arbitrary<InvalidMessage> {
  const { codec: _c, kinds, fmts, ...gen } = options;
  return invalidMessageArbitrary(codecOf(options), { ...gen, ...(kinds !== undefined ? { kinds } : {}), ...(fmts !== undefined ? { fmts } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Ready-made properties

/** What a validator says about a message: the adapter the properties work with. */
export interface ValidationOutcome {
  /** No error. */
  readonly ok: boolean;
  /** The diagnostic codes reported (at least the errors). */
  readonly codes: readonly string[];
}

/** A parse result as the properties need it. */
export interface ParsedOutcome {
  readonly ok: boolean;
  readonly fmt?: string;
  readonly body?: object;
}

export interface PropertyOptions extends GeneratorOptions {
  /** Only this FMT (default: any of the codec's). */
  readonly fmt?: string;
}

const toBytes = (x: string | Uint8Array): Uint8Array => (typeof x === 'string' ? encodeText(x) : x);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `serialize(parse(bytes))` gives back exactly the bytes, for every generated message.
 * `serialize` may return text (compared as GB18030) or bytes.
 */
export function roundTripProperty<M>(
  parse: (bytes: Uint8Array) => M,
  serialize: (message: M) => string | Uint8Array,
  options: PropertyOptions = {},
): fc.IPropertyWithHooks<[ArbitraryMessageValue]> {
  return fc.property(arbitraryMessage(options.fmt, options), (m) => {
    const out = toBytes(serialize(parse(m.bytes)));
    if (!sameBytes(out, m.bytes)) throw new Error(`${m.fmt}: the round trip changed the message:\n${m.text}`);
  });
}

/**
 * `parse(build(fmt, body, headers))` is ok, of the same FMT, and its body equals the generated
 * one (decimals compared by value; `bodiesEqual`).
 */
export function buildParseProperty(
  build: (fmt: string, body: Record<string, unknown>, headers: HeadersInit) => string | Uint8Array,
  parse: (bytes: Uint8Array) => ParsedOutcome,
  options: PropertyOptions = {},
): fc.IPropertyWithHooks<[ArbitraryMessageValue]> {
  return fc.property(arbitraryMessage(options.fmt, options), (m) => {
    const bytes = toBytes(build(m.fmt, m.body, m.headers));
    const r = parse(bytes);
    if (!r.ok) throw new Error(`${m.fmt}: the built message does not parse without errors`);
    if (r.fmt !== undefined && `FMT${fmtNumber(r.fmt)}` !== m.fmt) throw new Error(`${m.fmt}: parsed as ${r.fmt}`);
    if (r.body !== undefined && !bodiesEqual(r.body, m.body)) throw new Error(`${m.fmt}: the body read back differs from the body built`);
  });
}

/**
 * Two implementations agree on every input — valid messages, invalid ones (every mutation kind)
 * and random envelope mutations: the same `ok`, and, when both return codes and `compareCodes`
 * is set, the same set of codes.
 */
export function referenceAgreementProperty(
  fast: (bytes: Uint8Array) => ValidationOutcome | { readonly ok: boolean },
  reference: (bytes: Uint8Array) => ValidationOutcome | { readonly ok: boolean },
  options: PropertyOptions & { readonly compareCodes?: boolean } = {},
): fc.IPropertyWithHooks<[Uint8Array]> {
  const inputs = fc.oneof(
    arbitraryMessage(options.fmt, options).map((m) => m.bytes),
    arbitraryInvalidMessage({ ...options, ...(options.fmt !== undefined ? { fmts: [options.fmt] } : {}) }).map((m) => m.bytes),
    arbitraryMutatedEnvelopeText.map((t) => encodeText(t.replace(/[\uD800-\uDFFF]/g, ''))),
  );
  return fc.property(inputs, (bytes) => {
    const a = fast(bytes);
    const b = reference(bytes);
    if (a.ok !== b.ok) throw new Error(`ok differs: ${a.ok} vs ${b.ok}`);
    if (options.compareCodes && 'codes' in a && 'codes' in b) {
      const sa = [...new Set(a.codes)].sort().join(',');
      const sb = [...new Set(b.codes)].sort().join(',');
      if (sa !== sb) throw new Error(`codes differ: ${sa} vs ${sb}`);
    }
  });
}

/** Every invalid message is rejected (`ok` false) with the mutation's code among the codes. */
export function mutationsCaughtProperty(
  validate: (bytes: Uint8Array) => ValidationOutcome,
  options: InvalidMessageArbitraryOptions = {},
): fc.IPropertyWithHooks<[InvalidMessage]> {
  return fc.property(arbitraryInvalidMessage(options), (m) => {
    const r = validate(m.bytes);
    if (r.ok) throw new Error(`${m.mutation.description}: accepted (expected ${m.mutation.code})\n${m.text}`);
    if (!r.codes.includes(m.mutation.code)) {
      throw new Error(`${m.mutation.description}: ${m.mutation.code} not reported (got ${r.codes.join(', ')})\n${m.text}`);
    }
  });
}
