/**
 * Invalid messages: a valid generated message broken in exactly one way, each way tagged with
 * the diagnostic code a conforming validator must report (and, where the code has a fixed
 * position convention, the line and column it points at). Each kind applies only to the FMTs
 * whose tables give it something to break (a group count, a sum, a signature that must be
 * there …); the FMTs are worked out from the codec's compiled plans, so a codec with overrides
 * gets mutations of its own tables.
 */
import fc from 'fast-check';
import Big from 'big.js';
import { encodeText } from '../bytes/encode.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { EmbeddedField, Field, TagBlock } from '../envelope/ast.js';
import { parseEnvelope, type EnvelopeResult } from '../envelope/parse.js';
import type { Codec } from '../message/codec.js';
import { fmtNumber, type FmtPlan, type ItemPlan } from '../message/plan.js';
import { RULE_CODES } from '../message/rules.js';
import type { AnyMessage } from '../message/types.js';
import { compiledTreeOf } from '../notation/compile.js';
import type { TypedValue } from '../notation/types.js';
import { messageArbitrary, type MessageGenOptions } from './message-arbitrary.js';
import { lineColumn } from '../diagnostics/lines.js';

/** The ways a message is broken. */
export const MUTATION_KINDS = [
  'charset',
  'tooLong',
  'missingMandatory',
  'outOfOrder',
  'duplicateItem',
  'groupCount',
  'unbalancedSum',
  'badDate',
  'badBic',
  'tooManyDecimals',
  'amountNotPositive',
  'notParticipant',
  'crlfDamage',
  'truncation',
  'braceInBlock',
  'unknownBlock',
  'mtMismatch',
  'unknownFmt',
  'signatureMissing',
  'rejectedWithoutReason',
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

/** What was broken, and what a validator must say about it. */
export interface Mutation {
  readonly kind: MutationKind;
  /** The diagnostic code that must be reported (src/diagnostics/codes.ts). */
  readonly code: DiagnosticCode;
  readonly description: string;
  /** 1-based line of the diagnostic (lines end at LF), where the code's convention fixes it. */
  readonly line?: number;
  /** 1-based column (UTF-16 code units). */
  readonly column?: number;
}

export interface InvalidMessage {
  /** `FMT100`: the FMT of the valid message that was broken. */
  readonly fmt: string;
  readonly text: string;
  /** `text` as GB18030. */
  readonly bytes: Uint8Array;
  readonly mutation: Mutation;
}

/** What a mutation works on: the valid message, its envelope, its plan, a random number. */
interface Target {
  readonly codec: Codec<AnyMessage>;
  readonly plan: FmtPlan;
  readonly text: string;
  readonly env: EnvelopeResult;
  readonly pick: number;
}

/** A broken text, where its diagnostic points (an offset into it), and what was done. */
interface Broken {
  readonly text: string;
  readonly at?: number;
  readonly description: string;
}

interface KindDef {
  readonly code: DiagnosticCode;
  /** Does the FMT give this kind something to break? */
  readonly applies: (plan: FmtPlan, codec: Codec<AnyMessage>) => boolean;
  /** Raw values forced on message-level items of the valid message. */
  readonly force?: ReadonlyMap<string, string>;
  readonly apply: (t: Target) => Broken | undefined;
}

// ---------------------------------------------------------------------------------------------
// Fields and values

type AnyField = Field | EmbeddedField;

const valueStart = (f: AnyField): number => f.offset + 2 + f.tag.length;
/** End of a field including its line break (embedded fields: the CRLF that follows them). */
const fieldEnd = (f: AnyField): number => valueStart(f) + f.value.length + ('eol' in f ? f.eol.length : 2);

const splice = (text: string, start: number, end: number, insert: string): string => text.slice(0, start) + insert + text.slice(end);

/** The fields the plan's body list is read from (77E's embedded fields for MT198 formats). */
function bodyFields(t: Target): readonly AnyField[] {
  const fields = t.env.textBlock?.fields ?? [];
  if (t.plan.container === undefined) return fields;
  return fields.find((f) => f.tag === t.plan.container!.tag)?.embedded ?? [];
}

/** The message-level body item of a tag (not in a group), if any. */
function topItem(plan: FmtPlan, tag: string): ItemPlan | undefined {
  for (const loc of plan.body.index.get(tag) ?? []) {
    const e = plan.body.entries[loc.entry];
    if (loc.item === -1 && e?.kind === 'item') return e;
  }
  return undefined;
}

/** Message-level mandatory value items of the body. */
function mandatoryTop(plan: FmtPlan, filter: (it: ItemPlan) => boolean = () => true): ItemPlan[] {
  return plan.body.entries.filter((e): e is ItemPlan => e.kind === 'item' && e.status === 'M' && e.role === 'value' && filter(e));
}

function choose<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

function fieldOf(t: Target, tag: string): AnyField | undefined {
  return bodyFields(t).find((f) => f.tag === tag);
}

function isRecord(v: TypedValue | undefined): v is { readonly [name: string]: TypedValue | undefined } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Big);
}

function getComp(v: TypedValue, comp: string): TypedValue | undefined {
  return comp === '' ? v : isRecord(v) ? v[comp] : undefined;
}

function setComp(v: TypedValue, comp: string, x: TypedValue): TypedValue {
  return comp === '' ? x : { ...(v as Record<string, TypedValue>), [comp]: x };
}

/** Where a string component starts inside the canonical raw value (by writing a sentinel). */
function compOffset(item: ItemPlan, value: TypedValue, comp: string): number | undefined {
  if (comp === '') return 0;
  const v = getComp(value, comp);
  if (typeof v !== 'string') return undefined;
  const sentinel = '\u0001'.repeat(Math.max(1, v.length));
  const i = item.format.serialize(setComp(value, comp, sentinel)).indexOf(sentinel);
  return i < 0 ? undefined : i;
}

/**
 * Rewrites the typed value of the first field of `item` in the body: `edit` returns the new
 * typed value and an offset (into the new raw value) for the diagnostic.
 */
function editValue(
  t: Target,
  item: ItemPlan,
  edit: (value: TypedValue) => { value: TypedValue; at?: number } | undefined,
  description: string,
): Broken | undefined {
  const f = fieldOf(t, item.tag);
  if (f === undefined) return undefined;
  const value = item.format.parse(f.value, t.codec.compiled.parseContext).value;
  if (value === undefined) return undefined;
  const out = edit(value);
  if (out === undefined) return undefined;
  const raw = item.format.serialize(out.value);
  const start = valueStart(f);
  return {
    text: splice(t.text, start, start + f.value.length, raw),
    ...(out.at !== undefined ? { at: start + out.at } : {}),
    description: `${item.tag} (${item.name}): ${description}`,
  };
}

/** The first field of block 4 with tag 20 (every FMT has a reference). */
function reference(t: Target): Field | undefined {
  return t.env.textBlock?.fields.find((f) => f.tag === '20');
}

const hasReference = (plan: FmtPlan): boolean => plan.refs.has('20');

const isScalarBic = (it: ItemPlan): boolean => it.bicComp === '' && it.format.scalar;

/** An amount component right after its currency (`CCY AMOUNT`): offset of the amount. */
function amountOffset(item: ItemPlan, value: TypedValue): number | undefined {
  if (item.amountComp === '') return 0;
  if (item.currencyComp === undefined || !/CCY AMOUNT/.test(item.notation)) return undefined;
  const c = compOffset(item, value, item.currencyComp);
  return c === undefined ? undefined : c + 3;
}

const withCurrencyAmount = (it: ItemPlan): boolean =>
  it.amountComp !== undefined &&
  it.currencyComp !== undefined &&
  it.currencyComp !== '' &&
  it.format.components.some((c) => c.name === it.currencyComp && c.variable === 'CCY');

function blockOf(t: Target, id: string): TagBlock | undefined {
  return t.env.envelope.blocks.find((b) => b.id === id) as TagBlock | undefined;
}

// ---------------------------------------------------------------------------------------------
// The kinds

const RCD_RULE = (plan: FmtPlan): boolean =>
  plan.rules.some(
    (r) => r.rule === 'requiredWhen' && r.tag === 'RCD' && 'equals' in r.when && r.when.tag === 'RSP' && r.when.equals === 'R',
  ) &&
  topItem(plan, 'RSP') !== undefined &&
  topItem(plan, 'RCD') !== undefined;

const KINDS: Readonly<Record<MutationKind, KindDef>> = {
  charset: {
    code: 'V001',
    applies: hasReference,
    apply(t) {
      const f = reference(t);
      if (f === undefined || f.value.length === 0) return undefined;
      const at = valueStart(f);
      return { text: splice(t.text, at, at + 1, '@'), at, description: 'the first character of :20: replaced by "@" (not in the X character set)' };
    },
  },
  tooLong: {
    code: 'V002',
    applies: hasReference,
    apply(t) {
      const f = reference(t);
      const item = itemFor(t.plan, '20');
      if (f === undefined || item === undefined) return undefined;
      const max = compiledTreeOf(item.format).comps[0]!.max;
      const start = valueStart(f);
      const longer = f.value + 'A'.repeat(max + 1 - f.value.length);
      return { text: splice(t.text, start, start + f.value.length, longer), at: start + max, description: `:20: made ${max + 1} characters long (at most ${max})` };
    },
  },
  missingMandatory: {
    code: 'F001',
    applies: (plan) => mandatoryTop(plan).length > 0,
    apply(t) {
      const item = choose(mandatoryTop(t.plan), t.pick);
      const f = item === undefined ? undefined : fieldOf(t, item.tag);
      if (item === undefined || f === undefined) return undefined;
      return { text: splice(t.text, f.offset, fieldEnd(f), ''), at: f.offset, description: `mandatory item ${item.tag} (${item.name}) removed` };
    },
  },
  outOfOrder: {
    code: 'F004',
    applies: (plan) => adjacentMandatory(plan).length > 0,
    apply(t) {
      const pair = choose(adjacentMandatory(t.plan), t.pick);
      if (pair === undefined) return undefined;
      const a = fieldOf(t, pair[0].tag);
      const b = fieldOf(t, pair[1].tag);
      if (a === undefined || b === undefined || fieldEnd(a) !== b.offset) return undefined;
      const ta = t.text.slice(a.offset, fieldEnd(a));
      const tb = t.text.slice(b.offset, fieldEnd(b));
      return {
        text: splice(t.text, a.offset, fieldEnd(b), tb + ta),
        at: a.offset + tb.length,
        description: `${pair[0].tag} moved after ${pair[1].tag}`,
      };
    },
  },
  duplicateItem: {
    code: 'F007',
    applies: (plan) => mandatoryTop(plan).length > 0,
    apply(t) {
      const item = choose(mandatoryTop(t.plan), t.pick);
      const f = item === undefined ? undefined : fieldOf(t, item.tag);
      if (item === undefined || f === undefined) return undefined;
      const copy = t.text.slice(f.offset, fieldEnd(f));
      return { text: splice(t.text, fieldEnd(f), fieldEnd(f), copy), at: fieldEnd(f), description: `${item.tag} (${item.name}) written twice` };
    },
  },
  groupCount: {
    code: 'F005',
    applies: (plan) => countItems(plan).length > 0,
    apply(t) {
      const item = choose(countItems(t.plan), t.pick);
      const f = item === undefined ? undefined : fieldOf(t, item.tag);
      if (item === undefined || f === undefined || !/^\d+$/.test(f.value)) return undefined;
      const raw = String(Number(f.value) + 1).padStart(f.value.length, '0');
      const at = valueStart(f);
      return { text: splice(t.text, at, at + f.value.length, raw), at, description: `count ${item.tag} changed from ${f.value} to ${raw} (repetitions unchanged)` };
    },
  },
  unbalancedSum: {
    code: RULE_CODES.sumEquals,
    applies: (plan) => sumTotals(plan).length > 0,
    apply(t) {
      const item = choose(sumTotals(t.plan), t.pick);
      if (item === undefined || item.amountComp === undefined) return undefined;
      const comp = item.amountComp;
      return editValue(
        t,
        item,
        (v) => {
          const a = getComp(v, comp);
          if (!(a instanceof Big)) return undefined;
          const value = setComp(v, comp, a.plus(1));
          const at = amountOffset(item, value);
          return at === undefined ? { value } : { value, at };
        },
        'the total increased by 1 (no longer the sum of its items)',
      );
    },
  },
  badDate: {
    code: 'V006',
    applies: (plan) => mandatoryTop(plan, (it) => it.dateComp !== undefined).length > 0,
    apply(t) {
      const item = choose(mandatoryTop(t.plan, (it) => it.dateComp !== undefined), t.pick);
      if (item === undefined) return undefined;
      const comp = item.dateComp!;
      return editValue(
        t,
        item,
        (v) => {
          const d = getComp(v, comp);
          if (typeof d !== 'string') return undefined;
          const value = setComp(v, comp, `${d.slice(0, 4)}0230`);
          // The diagnostic points at the day (YYYYMM|DD).
          const at = compOffset(item, value, comp);
          return at === undefined ? { value } : { value, at: at + 6 };
        },
        'the date set to 30 February',
      );
    },
  },
  badBic: {
    code: 'V008',
    applies: (plan) => mandatoryTop(plan, isScalarBic).length > 0,
    apply(t) {
      const item = choose(mandatoryTop(t.plan, isScalarBic), t.pick);
      if (item === undefined) return undefined;
      return editValue(
        t,
        item,
        (v) => (typeof v === 'string' && v.length >= 8 ? { value: `${v.slice(0, 2)}1${v.slice(3)}`, at: 0 } : undefined),
        'a digit in the BIC bank code (characters 1-4 must be letters)',
      );
    },
  },
  tooManyDecimals: {
    code: 'V010',
    applies: (plan) => mandatoryTop(plan, withCurrencyAmount).length > 0,
    apply(t) {
      const item = choose(mandatoryTop(t.plan, withCurrencyAmount), t.pick);
      if (item === undefined) return undefined;
      return editValue(
        t,
        item,
        (v) => {
          const ccy = getComp(v, item.currencyComp!);
          const minor = typeof ccy === 'string' ? t.codec.context.currencies.get(ccy) : undefined;
          if (minor === undefined) return undefined;
          const value = setComp(v, item.amountComp!, new Big(`1.${'1'.repeat(minor + 1)}`));
          // The diagnostic points at the first decimal too many.
          const at = amountOffset(item, value);
          return at === undefined ? { value } : { value, at: at + 2 + minor };
        },
        'the amount given one decimal more than its currency allows',
      );
    },
  },
  amountNotPositive: {
    code: RULE_CODES.amountPositive,
    applies: (plan) => positiveItems(plan).length > 0,
    apply(t) {
      const item = choose(positiveItems(t.plan), t.pick);
      if (item === undefined) return undefined;
      return editValue(
        t,
        item,
        (v) => {
          const value = setComp(v, item.amountComp!, new Big(0));
          const at = amountOffset(item, value);
          return at === undefined ? { value } : { value, at };
        },
        'the amount set to 0 (must be positive)',
      );
    },
  },
  notParticipant: {
    code: 'R018',
    applies: (plan) => mandatoryTop(plan, (it) => it.participantCN && isScalarBic(it)).length > 0,
    apply(t) {
      const item = choose(mandatoryTop(t.plan, (it) => it.participantCN && isScalarBic(it)), t.pick);
      if (item === undefined) return undefined;
      return editValue(
        t,
        item,
        (v) => (typeof v === 'string' && v.length >= 8 ? { value: `${v.slice(0, 4)}US${v.slice(6)}`, at: 4 } : undefined),
        'the participant BIC given country US',
      );
    },
  },
  crlfDamage: {
    code: 'S024',
    applies: () => true,
    apply(t) {
      const f = t.env.textBlock?.fields[0];
      if (f === undefined) return undefined;
      const eol = valueStart(f) + f.value.length;
      return { text: splice(t.text, eol, eol + 2, '\n'), at: eol, description: `the CRLF after the first field (${f.tag}) of block 4 replaced by a bare LF` };
    },
  },
  truncation: {
    code: 'S004',
    applies: () => true,
    apply(t) {
      const f = t.env.textBlock?.fields[0];
      const b4 = t.env.textBlock;
      if (f === undefined || b4 === undefined) return undefined;
      return { text: t.text.slice(0, fieldEnd(f)), at: b4.offset, description: 'the message cut after the first field of block 4' };
    },
  },
  braceInBlock: {
    code: 'S025',
    applies: hasReference,
    apply(t) {
      const f = reference(t);
      if (f === undefined || f.value.length === 0) return undefined;
      const at = valueStart(f);
      return { text: splice(t.text, at, at + 1, '}'), at, description: 'the first character of :20: replaced by "}"' };
    },
  },
  unknownBlock: {
    code: 'S005',
    applies: () => true,
    apply(t) {
      const trailer = blockOf(t, '5');
      if (trailer === undefined) return undefined;
      // A block id the codec's envelope tables do not list (a bank's tables may list more).
      const known = t.codec.envelopeTables.rules;
      const id = ['8', '9', '0', 'Z', 'Z9', 'ZZ9'].find((x) => !known.has(x));
      if (id === undefined) return undefined;
      const block = `{${id}:X}`;
      return { text: splice(t.text, trailer.offset, trailer.offset, block), at: trailer.offset, description: `an unknown block ${block} inserted before the trailer` };
    },
  },
  mtMismatch: {
    code: RULE_CODES.mtMatchesFmt,
    applies: (plan, codec) => [...codec.compiled.plans.values()].some((p) => p.mt !== plan.mt),
    apply(t) {
      const b2 = t.env.applicationHeader;
      if (b2 === undefined) return undefined;
      const others = [...new Set([...t.codec.compiled.plans.values()].map((p) => p.mt))].filter((mt) => mt !== t.plan.mt).sort();
      const mt = choose(others, t.pick)!;
      const at = b2.offset + 4;
      return { text: splice(t.text, at, at + 3, mt), at, description: `block 2 MT ${t.plan.mt} changed to ${mt}` };
    },
  },
  unknownFmt: {
    code: 'R021',
    applies: () => true,
    apply(t) {
      const e = t.env.userHeader?.entries.find((x) => x.tag === '119');
      if (e === undefined) return undefined;
      let n = 999;
      while (n > 0 && t.codec.compiled.plans.has(String(n).padStart(3, '0'))) n--;
      const fmt = `FMT${String(n).padStart(3, '0')}`;
      const at = e.offset + e.tag.length + 2;
      return { text: splice(t.text, at, at + e.value.length, fmt), at, description: `user header 119 set to ${fmt}, which no FMT table defines` };
    },
  },
  signatureMissing: {
    code: 'R020',
    applies: (plan) => plan.def.signature === 'M',
    apply(t) {
      const b7 = blockOf(t, '7');
      if (b7 === undefined) return undefined;
      return { text: splice(t.text, b7.offset, b7.end, ''), at: b7.offset, description: 'block 7 (signature) removed; the FMT must be signed' };
    },
  },
  rejectedWithoutReason: {
    code: RULE_CODES.requiredWhen,
    applies: RCD_RULE,
    force: new Map([['RSP', 'R']]),
    apply(t) {
      const f = fieldOf(t, 'RCD');
      const rsp = fieldOf(t, 'RSP');
      if (f === undefined || rsp?.value !== 'R' || rsp.offset > f.offset) return undefined;
      // The diagnostic points at the condition's field (RSP), which stays where it was.
      return { text: splice(t.text, f.offset, fieldEnd(f), ''), at: rsp.offset, description: 'RSP = R (rejected) without the reason code RCD' };
    },
  },
};

function itemFor(plan: FmtPlan, tag: string): ItemPlan | undefined {
  const ref = plan.refs.get(tag);
  if (ref === undefined) return undefined;
  const list = ref.list === 'body' ? plan.body : ref.list === 'text' ? plan.text : plan.block6;
  if (list === undefined) return undefined;
  if (ref.group < 0) {
    const e = list.entries[ref.index];
    return e?.kind === 'item' ? e : undefined;
  }
  const g = list.entries[ref.group];
  return g?.kind === 'group' ? g.items[ref.index] : undefined;
}

/** Pairs of message-level mandatory value items that follow each other in the table. */
function adjacentMandatory(plan: FmtPlan): [ItemPlan, ItemPlan][] {
  const out: [ItemPlan, ItemPlan][] = [];
  const es = plan.body.entries;
  for (let i = 0; i + 1 < es.length; i++) {
    const a = es[i]!;
    const b = es[i + 1]!;
    if (a.kind === 'item' && b.kind === 'item' && a.status === 'M' && b.status === 'M' && a.role === 'value' && b.role === 'value' && a.tag !== b.tag) {
      out.push([a, b]);
    }
  }
  return out;
}

/** Count items of groups, at message level. */
function countItems(plan: FmtPlan): ItemPlan[] {
  return plan.body.entries.filter((e): e is ItemPlan => e.kind === 'item' && e.role === 'count');
}

/** Message-level totals of sumEquals rules. */
function sumTotals(plan: FmtPlan): ItemPlan[] {
  const out: ItemPlan[] = [];
  for (const r of plan.rules) {
    if (r.rule !== 'sumEquals') continue;
    const it = topItem(plan, r.total);
    if (it !== undefined && it.amountComp !== undefined && !out.includes(it)) out.push(it);
  }
  return out;
}

/** Message-level mandatory items whose amount must be positive. */
function positiveItems(plan: FmtPlan): ItemPlan[] {
  const tags = new Set(plan.rules.flatMap((r) => (r.rule === 'amountPositive' ? [r.tag] : [])));
  return mandatoryTop(plan, (it) => tags.has(it.tag) && it.amountComp !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Public

/** The code a kind of mutation must be reported with. */
export function mutationCode(kind: MutationKind): DiagnosticCode {
  return KINDS[kind].code;
}

/** The FMTs (`FMT100` …) a kind of mutation applies to, under a codec. */
export function mutationFmts(kind: MutationKind, codec: Codec<AnyMessage>): string[] {
  return [...codec.compiled.plans.values()].filter((p) => KINDS[kind].applies(p, codec)).map((p) => p.id);
}


/**
 * Breaks one valid message (text built by `codec.build`) in the way `kind` says; undefined when
 * the message offers nothing to break that way.
 */
export function applyMutation(
  kind: MutationKind,
  codec: Codec<AnyMessage>,
  fmt: string,
  text: string,
  pick = 0,
): InvalidMessage | undefined {
  const plan = codec.compiled.plans.get(fmtNumber(fmt));
  if (plan === undefined) return undefined;
  const def = KINDS[kind];
  const env = parseEnvelope(text, { explain: false });
  const broken = def.apply({ codec, plan, text, env, pick });
  if (broken === undefined) return undefined;
  const pos = broken.at === undefined ? {} : lineColumn(broken.text, broken.at);
  return {
    fmt: plan.id,
    text: broken.text,
    bytes: encodeText(broken.text),
    mutation: { kind, code: def.code, description: `${plan.id}: ${broken.description}`, ...pos },
  };
}

export interface InvalidMessageOptions extends Omit<MessageGenOptions, 'force'> {
  /** The kinds to use (default: all). */
  readonly kinds?: readonly MutationKind[];
  /** Only these FMTs (default: every FMT a kind applies to). */
  readonly fmts?: readonly string[];
}

/**
 * An arbitrary of invalid messages: a kind, an FMT it applies to, a valid message of that FMT,
 * broken. Every kind is constructed so that it always applies to the messages it is given.
 */
export function invalidMessageArbitrary(codec: Codec<AnyMessage>, options: InvalidMessageOptions = {}): fc.Arbitrary<InvalidMessage> {
  const { kinds = MUTATION_KINDS, fmts, ...gen } = options;
  const only = fmts === undefined ? undefined : new Set(fmts.map((f) => `FMT${fmtNumber(f)}`));
  const arbs: fc.Arbitrary<InvalidMessage>[] = [];
  for (const kind of kinds) {
    const def = KINDS[kind];
    const list = mutationFmts(kind, codec).filter((f) => only === undefined || only.has(f));
    if (list.length === 0) continue;
    const genOptions: MessageGenOptions = def.force === undefined ? gen : { ...gen, force: def.force };
    arbs.push(
      fc
        .constantFrom(...list)
        .chain((fmt) => fc.tuple(messageArbitrary(fmt, codec, genOptions), fc.nat()))
        .map(([m, pick]) => {
          const built = codec.build(m.fmt, m.body, m.headers);
          const out = applyMutation(kind, codec, m.fmt, built.text, pick);
          if (out === undefined) throw new Error(`mutation ${kind} does not apply to a generated ${m.fmt} message:\n${built.text}`);
          return out;
        }),
    );
  }
  if (arbs.length === 0) throw new Error('no mutation kind applies to the FMTs given');
  return fc.oneof(...arbs);
}
