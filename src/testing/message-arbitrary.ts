/**
 * fast-check generators of valid typed messages, derived from the tables: for an FMT, a body
 * (every item's value from its compiled format's arbitrary, `formatArbitrary`; groups with as
 * many repetitions as their count or range allows) and header parts, then made to satisfy the
 * FMT's rules: narrowed codes, CN participants, one currency where the rules say so, amounts
 * with the currency's decimals, conditional items present or absent as their conditions say,
 * totals computed from the group items (and balanced where two sums must agree), balances from
 * the balance equation, unique references, first-line prefixes, complete fields.
 *
 * `build(fmt, body, headers)` of a generated message gives a message without diagnostics (for
 * FMT074: only the reserved-format warning), whose parsed body equals the generated one.
 * Test-only: this module imports fast-check, which the runtime library never does.
 */
import fc from 'fast-check';
import Big from 'big.js';
import { formatArbitrary, type ValueGenOptions } from './format-arbitrary.js';
import type { NotationContext } from '../notation/types.js';
import { defaultCodec, type Codec } from '../message/codec.js';
import { NAMED_HEADER_TAGS } from '../message/build.js';
import { compileFormat } from '../notation/compile.js';
import { fmtNumber, type FmtPlan, type GroupPlan, type ItemPlan, type ListPlan } from '../message/plan.js';
import type { AnyMessage, HeadersInit } from '../message/types.js';
import type { TypedValue } from '../notation/types.js';
import type { Condition, RuleDef } from '../spec/schema.js';

/** How messages are generated (all optional). */
export interface MessageGenOptions extends ValueGenOptions {
  /**
   * Participant BICs (country CN, 8 or 11 characters, e.g. `ICBKCNBJXXX`): every BIC item and
   * the header addresses (BIC8 + terminal `A` + branch) are taken from this list.
   */
  readonly participants?: readonly string[];
  /** Currencies to use (a subset of the codec's). */
  readonly currencies?: readonly string[];
  /** Group repetitions beyond the minimum: at most this many (default 3; 10 with `sizes: 'limits'`). */
  readonly maxExtraRepetitions?: number;
  /** Internal (mutations): raw values forced on message-level items before the rules are applied. */
  readonly force?: ReadonlyMap<string, string>;
}

const PARTICIPANT = /^[A-Z]{4}CN[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** The LT address (12 characters) of a participant BIC: BIC8 + terminal `A` + branch (or XXX). */
export function ltAddressOf(bic: string): string {
  return `${bic.slice(0, 8)}A${bic.length === 11 ? bic.slice(8) : 'XXX'}`;
}

/** Checks the options (programmer input: throws on a bad participant or currency). */
export function checkGenOptions(codec: Codec<AnyMessage>, options: MessageGenOptions): void {
  for (const p of options.participants ?? []) {
    if (!PARTICIPANT.test(p)) throw new Error(`participant ${JSON.stringify(p)} is not a CN BIC (4!a CN 2!c [3!c])`);
  }
  if (options.participants !== undefined && options.participants.length === 0) throw new Error('participants: the list is empty');
  if (options.currencies !== undefined) {
    if (options.currencies.length === 0) throw new Error('currencies: the list is empty');
    for (const c of options.currencies) {
      if (!codec.context.currencies.has(c)) throw new Error(`currency ${JSON.stringify(c)} is not a currency of the codec`);
    }
  }
}

/** The codec's parse context, with the currencies restricted to `options.currencies`. */
function generationContext(codec: Codec<AnyMessage>, options: MessageGenOptions): NotationContext {
  const ctx = codec.compiled.parseContext;
  if (options.currencies === undefined) return ctx;
  const keep = new Set(options.currencies);
  return { ...ctx, currencies: new Map([...ctx.currencies].filter(([c]) => keep.has(c))) };
}

export interface GeneratedMessage {
  readonly fmt: string;
  readonly body: Record<string, unknown>;
  readonly headers: HeadersInit;
}

/** One generated item: its value whether or not it ends up present. */
interface Slot {
  readonly item: ItemPlan;
  value: TypedValue;
  present: boolean;
  /** A random number for choices made while repairing. */
  readonly pick: number;
}

type Scope = Map<string, Slot>;

/** The body being made valid: message-level slots and group repetitions. */
interface Draft {
  readonly top: Scope;
  readonly groups: Map<string, Scope[]>;
  /** tag → group name (for tags inside groups). */
  readonly groupOf: Map<string, string>;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}0123456789`;

const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });

/** A CN LT address: BIC8 with country CN + terminal + branch. */
const cnAddress = fc
  .tuple(chars(UPPER, 4, 4), chars(ALNUM, 2, 2), chars(ALNUM, 1, 1), fc.constantFrom('XXX', 'BJG', '100', 'SHA'))
  .map(([bank, loc, term, branch]) => `${bank}CN${loc}${term}${branch}`);

export function headersArbitrary(
  plan: FmtPlan,
  options: MessageGenOptions = {},
  codec: Codec<AnyMessage> = defaultCodec() as unknown as Codec<AnyMessage>,
): fc.Arbitrary<HeadersInit> {
  const signed = plan.def.signature === 'M' ? fc.constant(true) : fc.boolean();
  const extras = extraTagsArbitrary(codec, options);
  // Header values from the formats of the codec's envelope tables (a bank's corrections included).
  const ctx = generationContext(codec, options);
  const headerValue = (block: string, tag: string): fc.Arbitrary<string> => {
    const def = codec.envelopeTables.tables.headerTags[block]?.find((d) => d.tag === tag);
    if (def === undefined) throw new Error(`the envelope tables have no header tag ${tag} in block ${block}`);
    return def.format === '' ? fc.constant('') : formatArbitrary(compileFormat(def.format), ctx, options);
  };
  const address = options.participants === undefined ? cnAddress : fc.constantFrom(...options.participants.map(ltAddressOf));
  return fc
    .record({
      sender: address,
      receiver: address,
      priority: fc.constantFrom('U', 'N'),
      session: chars('0123456789', 4, 4),
      sequence: chars('0123456789', 6, 6),
      output: fc.boolean(),
      mur: fc.option(headerValue('3', '108'), { nil: undefined }),
      signed,
      dsn: headerValue('7', 'DSN'),
      sig: headerValue('7', 'SIG'),
      checksum: headerValue('5', 'CHK'),
      training: fc.boolean(),
      extras,
    })
    .map((h) => {
      const out: { -readonly [K in keyof HeadersInit]: HeadersInit[K] } = {
        sender: h.sender,
        receiver: h.receiver,
        priority: h.priority,
        session: h.session,
        sequence: h.sequence,
        checksum: h.checksum,
      };
      if (h.output) {
        out.direction = 'O';
        out.inputTime = '0935';
        out.mirDate = '261123';
        out.mirSession = '0001';
        out.mirSequence = h.sequence;
        out.outputDate = '261123';
        out.outputTime = '0936';
      }
      if (h.mur !== undefined) out.mur = h.mur;
      if (h.signed) out.signature = { dsn: h.dsn, sig: h.sig };
      if (h.training) out.training = true;
      // Tags a bank's envelope tables make mandatory (block 7's only in a signed message).
      const extraTags = Object.fromEntries(Object.entries(h.extras).filter(([block]) => block !== '7' || h.signed));
      if (Object.keys(extraTags).length > 0) out.extraTags = extraTags;
      return out;
    });
}

/** Values for the mandatory header tags the codec's envelope tables add to blocks 3, 5 and 7. */
function extraTagsArbitrary(codec: Codec<AnyMessage>, options: MessageGenOptions): fc.Arbitrary<Record<string, { tag: string; value: string }[]>> {
  const ctx = generationContext(codec, options);
  const arbs: Record<string, fc.Arbitrary<{ tag: string; value: string }[]>> = {};
  for (const [block, named] of Object.entries(NAMED_HEADER_TAGS)) {
    const added = (codec.envelopeTables.tables.headerTags[block] ?? []).filter((d) => d.status === 'M' && !named.includes(d.tag));
    if (added.length === 0) continue;
    arbs[block] = fc.tuple(
      ...added.map((d) => (d.format === '' ? fc.constant('') : formatArbitrary(compileFormat(d.format), ctx, options)).map((value) => ({ tag: d.tag, value }))),
    );
  }
  return fc.record(arbs);
}

// ---------------------------------------------------------------------------------------------
// Raw generation

function itemArbitrary(codec: Codec<AnyMessage>, it: ItemPlan, options: MessageGenOptions): fc.Arbitrary<Slot> {
  const ctx = generationContext(codec, options);
  return fc.tuple(formatArbitrary(it.format, ctx, options), fc.boolean(), fc.nat()).map(([raw, present, pick]) => {
    const out = it.format.parse(raw, ctx);
    if (out.value === undefined) throw new Error(`generated ${it.tag} value ${JSON.stringify(raw)} cannot be read`);
    return { item: it, value: out.value, present: present || it.status === 'M', pick };
  });
}

function scopeArbitrary(codec: Codec<AnyMessage>, items: readonly ItemPlan[], options: MessageGenOptions): fc.Arbitrary<Scope> {
  return fc.tuple(...items.map((it) => itemArbitrary(codec, it, options))).map((slots) => new Map(slots.map((s) => [s.item.tag, s])));
}

function groupBounds(plan: FmtPlan, g: GroupPlan, extra: number): { min: number; max: number } {
  if (g.countItem !== undefined) {
    let min = 0;
    for (const r of plan.rules) if (r.rule === 'minValue' && r.tag === g.countItem.tag) min = Math.max(min, r.min);
    return { min, max: min + extra };
  }
  return { min: g.min, max: Math.min(g.max, g.min + extra) };
}

function draftArbitrary(codec: Codec<AnyMessage>, plan: FmtPlan, options: MessageGenOptions): fc.Arbitrary<Draft> {
  const lists: ListPlan[] = [plan.text, plan.body, plan.block6].filter((l): l is ListPlan => l !== undefined);
  const topItems: ItemPlan[] = [];
  const groups: GroupPlan[] = [];
  for (const l of lists) {
    for (const e of l.entries) {
      if (e.kind === 'group') groups.push(e);
      else if (e.role === 'value' || e.role === 'count') topItems.push(e);
    }
  }
  const groupArbs = groups.map((g) => {
    const extra = options.maxExtraRepetitions ?? (options.sizes === 'limits' ? 10 : 3);
    const { min, max } = groupBounds(plan, g, extra);
    return fc.array(scopeArbitrary(codec, g.items, options), { minLength: min, maxLength: max });
  });
  return fc.tuple(scopeArbitrary(codec, topItems, options), fc.tuple(...groupArbs)).map(([top, reps]) => {
    const groupMap = new Map<string, Scope[]>();
    const groupOf = new Map<string, string>();
    groups.forEach((g, i) => {
      groupMap.set(g.name, reps[i]!);
      for (const it of g.items) groupOf.set(it.tag, g.name);
    });
    return { top, groups: groupMap, groupOf };
  });
}

// ---------------------------------------------------------------------------------------------
// Making the draft valid

function isRecord(v: unknown): v is Record<string, TypedValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Big);
}

function getComp(s: Slot, name: string | undefined): TypedValue | undefined {
  if (name === undefined) return undefined;
  if (name === '') return s.value;
  return isRecord(s.value) ? s.value[name] : undefined;
}

function setComp(s: Slot, name: string | undefined, v: TypedValue): void {
  if (name === undefined) return;
  if (name === '') s.value = v;
  else if (isRecord(s.value)) s.value = { ...s.value, [name]: v };
}

/** The slots of a tag: every repetition's, or the message-level one. */
function slotsOf(d: Draft, tag: string): Slot[] {
  const g = d.groupOf.get(tag);
  if (g === undefined) {
    const s = d.top.get(tag);
    return s === undefined ? [] : [s];
  }
  const out: Slot[] = [];
  for (const rep of d.groups.get(g) ?? []) {
    const s = rep.get(tag);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The slot of `tag` seen from a repetition (then message level). */
function scoped(d: Draft, tag: string, rep: Scope | undefined): Slot | undefined {
  return rep?.get(tag) ?? d.top.get(tag);
}

/** Calls `fn` with each scope of `tag` (every repetition of its group, or the message level). */
function eachScope(d: Draft, tag: string, fn: (rep: Scope | undefined) => void): void {
  const g = d.groupOf.get(tag);
  if (g === undefined) fn(undefined);
  else for (const rep of d.groups.get(g) ?? []) fn(rep);
}

const rawOf = (s: Slot): string => s.item.format.serialize(s.value);

function holds(d: Draft, c: Condition, rep: Scope | undefined): boolean {
  if ('currenciesDiffer' in c) {
    const a = scoped(d, c.currenciesDiffer[0], rep);
    const b = scoped(d, c.currenciesDiffer[1], rep);
    if (a === undefined || b === undefined || !a.present || !b.present) return false;
    return getComp(a, a.item.currencyComp) !== getComp(b, b.item.currencyComp);
  }
  if ('present' in c) return scoped(d, c.present, rep)?.present === true;
  const s = scoped(d, c.tag, rep);
  const v = s !== undefined && s.present ? rawOf(s) : undefined;
  if ('equals' in c) return v === c.equals;
  if ('notEquals' in c) return v !== c.notEquals;
  return v !== undefined && c.oneOf.includes(v);
}

function minorUnits(codec: Codec<AnyMessage>, d: Draft, s: Slot, rep: Scope | undefined): number | undefined {
  const it = s.item;
  if (it.currencyComp !== undefined) {
    const comp = it.format.components.find((c) => c.name === (it.currencyComp === '' ? c.name : it.currencyComp));
    if (comp?.variable !== 'CCY') return undefined;
    const ccy = getComp(s, it.currencyComp);
    return typeof ccy === 'string' ? codec.context.currencies.get(ccy) : undefined;
  }
  if (it.currencyFrom !== undefined) {
    const c = scoped(d, it.currencyFrom, rep);
    return c === undefined ? undefined : codec.context.currencies.get(String(c.value));
  }
  return undefined;
}

function allScopes(d: Draft): { rep: Scope | undefined; slots: Iterable<Slot> }[] {
  const out: { rep: Scope | undefined; slots: Iterable<Slot> }[] = [{ rep: undefined, slots: d.top.values() }];
  for (const reps of d.groups.values()) for (const rep of reps) out.push({ rep, slots: rep.values() });
  return out;
}

/** Tags whose amounts are summed or balanced: kept small so that totals fit their formats. */
function summedTags(rules: readonly RuleDef[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) {
    if (r.rule === 'sumEquals') out.add(r.of);
    if (r.rule === 'balanceEquation') for (const t of [r.opening, r.credits, r.debits]) out.add(t);
  }
  return out;
}

const LIMIT = new Big(1_000_000_000);

function repair(codec: Codec<AnyMessage>, plan: FmtPlan, d: Draft, options: MessageGenOptions = {}): void {
  const rules = plan.rules;
  const slots = allScopes(d);
  const participants = options.participants;
  // Narrowed codes on variables, CN participants.
  for (const { slots: ss } of slots) {
    for (const s of ss) {
      for (const pc of s.item.postCodes) {
        const codes = [...(pc.codes ?? codeTable(codec, pc.table))];
        if (codes.length > 0) setComp(s, pc.comp ?? '', codes[s.pick % codes.length]!);
      }
      const bic = getComp(s, s.item.bicComp);
      if (typeof bic !== 'string') continue;
      if (participants !== undefined) {
        const p = participants[s.pick % participants.length]!;
        // A BIC8-only format takes the participant's first 8 characters.
        const before = s.value;
        setComp(s, s.item.bicComp, p);
        const ok = s.item.format.parse(s.item.format.serialize(s.value), codec.compiled.parseContext).problems.length === 0;
        if (!ok) {
          s.value = before;
          setComp(s, s.item.bicComp, p.slice(0, 8));
        }
      } else if (s.item.participantCN) setComp(s, s.item.bicComp, `${bic.slice(0, 4)}CN${bic.slice(6)}`);
    }
  }
  // Values forced by the caller (mutations: a condition made to hold).
  for (const [tag, raw] of options.force ?? []) {
    const s = d.top.get(tag);
    if (s === undefined) continue;
    const out = s.item.format.parse(raw, codec.compiled.parseContext);
    if (out.value !== undefined) {
      s.value = out.value;
      s.present = true;
    }
  }
  // One currency where the rules say so.
  for (const r of rules) {
    if (r.rule !== 'sameCurrency') continue;
    let currency: TypedValue | undefined;
    for (const tag of r.tags) {
      for (const s of slotsOf(d, tag)) {
        if (currency === undefined) currency = getComp(s, s.item.currencyComp);
        else setComp(s, s.item.currencyComp, currency);
      }
    }
  }
  // Amounts: the currency's decimals; small where summed; positive where required.
  const summed = summedTags(rules);
  const positive = new Set(rules.flatMap((r) => (r.rule === 'amountPositive' ? [r.tag] : [])));
  for (const { rep, slots: ss } of allScopes(d)) {
    for (const s of ss) {
      let a = getComp(s, s.item.amountComp);
      if (!(a instanceof Big)) continue;
      if (summed.has(s.item.tag)) a = a.mod(LIMIT);
      const minor = minorUnits(codec, d, s, rep);
      if (minor !== undefined) a = a.round(minor, Big.roundDown);
      if (positive.has(s.item.tag) && a.lte(0)) a = new Big(1);
      setComp(s, s.item.amountComp, a);
    }
  }
  // Conditional items: present or absent as their conditions say (a few rounds: conditions chain).
  for (let round = 0; round < 4; round++) {
    for (const r of rules) {
      if (r.rule !== 'requiredWhen' && r.rule !== 'onlyWhen') continue;
      eachScope(d, r.tag, (rep) => {
        const s = scoped(d, r.tag, rep);
        if (s === undefined) return;
        const ok = holds(d, r.when, rep);
        if (r.rule === 'onlyWhen') {
          if (!ok) s.present = false;
        } else if (ok) s.present = true;
        else if (r.otherwise === 'forbidden') s.present = false;
      });
    }
  }
  for (const r of rules) applyValueRule(d, r);
  balance(d, rules);
  for (const r of rules) if (r.rule === 'balanceEquation') applyBalance(d, r);
}

function codeTable(codec: Codec<AnyMessage>, table: string | undefined): Iterable<string> {
  return table === undefined ? [] : (codec.compiled.parseContext.codeTables.get(table)?.keys() ?? []);
}

function applyValueRule(d: Draft, r: RuleDef): void {
  switch (r.rule) {
    case 'fieldComplete':
      for (const s of slotsOf(d, r.tag)) {
        for (const p of r.parts) {
          const v = getComp(s, p);
          if (typeof v === 'string' && v.trim() === '') setComp(s, p, 'A');
          if (Array.isArray(v) && !v.some((line: string) => line.trim() !== '')) setComp(s, p, ['NAME', ...v.slice(1)]);
        }
      }
      return;
    case 'minValue':
      for (const s of slotsOf(d, r.tag)) if (typeof s.value === 'string' && Number(s.value) < r.min) s.value = String(r.min);
      return;
    case 'dateNotBefore':
      eachScope(d, r.tag, (rep) => {
        const a = scoped(d, r.tag, rep);
        const b = scoped(d, r.than, rep);
        if (a === undefined || b === undefined) return;
        const da = getComp(a, a.item.dateComp);
        const db = getComp(b, b.item.dateComp);
        if (typeof da === 'string' && typeof db === 'string' && da < db) {
          setComp(a, a.item.dateComp, db);
          setComp(b, b.item.dateComp, da);
        }
      });
      return;
    case 'uniqueInMessage': {
      const seen = new Set<string>();
      let i = 0;
      for (const s of slotsOf(d, r.tag)) {
        let v = String(s.value);
        while (seen.has(v)) {
          const suffix = String(++i);
          v = v.length > suffix.length ? v.slice(0, v.length - suffix.length) + suffix : suffix;
        }
        seen.add(v);
        s.value = v;
      }
      return;
    }
    case 'firstLinePrefix':
      for (const s of slotsOf(d, r.tag)) {
        if (!Array.isArray(s.value)) continue;
        const lines = [...(s.value as readonly string[])];
        lines[0] = `${r.prefix}${r.textAfter ? 'REASON' : ''}`;
        s.value = lines;
        s.present = true;
      }
      return;
    default:
      return;
  }
}

/**
 * sumEquals (and amountsEqual between totals): the sums whose totals must agree are made equal
 * by adding the difference to the last item of the smaller sums, then the totals are set.
 */
function balance(d: Draft, rules: readonly RuleDef[]): void {
  const sums = rules.filter((r): r is Extract<RuleDef, { rule: 'sumEquals' }> => r.rule === 'sumEquals');
  if (sums.length === 0) return;
  // Totals tied together: the same total, or totals in one amountsEqual.
  const classOf = new Map<string, string>();
  for (const r of sums) classOf.set(r.total, r.total);
  for (const r of rules) {
    if (r.rule !== 'amountsEqual') continue;
    const first = r.tags.find((t) => classOf.has(t));
    if (first !== undefined) for (const t of r.tags) if (classOf.has(t)) classOf.set(t, classOf.get(first)!);
  }
  const classes = new Map<string, (typeof sums)[number][]>();
  for (const r of sums) {
    const k = classOf.get(r.total)!;
    classes.set(k, [...(classes.get(k) ?? []), r]);
  }
  for (const members of classes.values()) {
    const members_ = (r: (typeof sums)[number]): Slot[] => {
      const out: Slot[] = [];
      eachScope(d, r.of, (rep) => {
        const s = scoped(d, r.of, rep);
        if (s !== undefined && s.present && (r.where === undefined || holds(d, r.where, rep))) out.push(s);
      });
      return out;
    };
    const sumOf = (list: Slot[]): Big => list.reduce((acc, s) => acc.plus(getComp(s, s.item.amountComp) as Big), new Big(0));
    if (members.length > 1) {
      // Each condition needs an item; give one to a condition without any (flip a spare one).
      for (const r of members) {
        if (members_(r).length > 0 || r.where === undefined || !('equals' in r.where)) continue;
        const cond = r.where;
        for (const other of members) {
          const list = members_(other);
          if (other === r || list.length < 2) continue;
          const g = d.groupOf.get(r.of);
          const rep = (d.groups.get(g ?? '') ?? []).find((x) => x.get(r.of) === list[list.length - 1]);
          const s = rep?.get(cond.tag);
          if (s !== undefined) s.value = cond.equals;
          break;
        }
      }
      const lists = members.map(members_);
      if (lists.some((l) => l.length === 0)) {
        // Cannot balance with items: all amounts zero (only where zero is allowed).
        for (const l of lists) for (const s of l) setComp(s, s.item.amountComp, new Big(0));
      } else {
        const target = lists.map(sumOf).reduce((a, b) => (a.gt(b) ? a : b));
        for (const l of lists) {
          const diff = target.minus(sumOf(l));
          const last = l[l.length - 1]!;
          if (diff.gt(0)) setComp(last, last.item.amountComp, (getComp(last, last.item.amountComp) as Big).plus(diff));
        }
      }
    }
    for (const r of members) {
      const total = sumOf(members_(r));
      for (const s of slotsOf(d, r.total)) {
        setComp(s, s.item.amountComp, total);
        s.present = true;
      }
    }
  }
}

function applyBalance(d: Draft, r: Extract<RuleDef, { rule: 'balanceEquation' }>): void {
  const [closing, opening, credits, debits] = [r.closing, r.opening, r.credits, r.debits].map((t) => d.top.get(t));
  if (closing === undefined || opening === undefined || credits === undefined || debits === undefined) return;
  if (!credits.present || !debits.present) return;
  const amount = (s: Slot): Big => getComp(s, s.item.amountComp) as Big;
  const signedOpening = getComp(opening, opening.item.markComp) === 'D' ? amount(opening).neg() : amount(opening);
  const result = signedOpening.plus(amount(credits)).minus(amount(debits));
  setComp(closing, closing.item.markComp, result.lt(0) ? 'D' : 'C');
  setComp(closing, closing.item.amountComp, result.abs());
}

// ---------------------------------------------------------------------------------------------
// The body

function bodyOf(plan: FmtPlan, d: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (obj: Record<string, unknown>, scope: Scope, it: ItemPlan): void => {
    const s = scope.get(it.tag);
    if (s !== undefined && s.present && it.role === 'value') obj[it.name] = s.value;
  };
  for (const list of [plan.text, plan.body, plan.block6]) {
    if (list === undefined) continue;
    for (const e of list.entries) {
      if (e.kind === 'item') {
        put(body, d.top, e);
        continue;
      }
      const reps = (d.groups.get(e.name) ?? []).map((rep) => {
        const obj: Record<string, unknown> = {};
        for (const it of e.items) put(obj, rep, it);
        return obj;
      });
      if (e.single) {
        if (reps[0] !== undefined) body[e.name] = reps[0];
      } else body[e.name] = reps;
    }
  }
  return body;
}

/** Valid messages of one FMT (a body and header parts for `build`). */
export function messageArbitrary(
  fmt: string,
  codec: Codec<AnyMessage> = defaultCodec() as unknown as Codec<AnyMessage>,
  options: MessageGenOptions = {},
): fc.Arbitrary<GeneratedMessage> {
  const plan = codec.compiled.plans.get(fmtNumber(fmt));
  if (plan === undefined) throw new Error(`unknown FMT ${fmt}`);
  checkGenOptions(codec, options);
  return fc.tuple(draftArbitrary(codec, plan, options), headersArbitrary(plan, options, codec)).map(([generated, headers]) => {
    // A copy: fast-check may hand the same generated value to this function again.
    const copy = (scope: Scope): Scope => new Map([...scope].map(([k, s]) => [k, { ...s }]));
    const draft: Draft = {
      top: copy(generated.top),
      groups: new Map([...generated.groups].map(([k, reps]) => [k, reps.map(copy)])),
      groupOf: generated.groupOf,
    };
    repair(codec, plan, draft, options);
    return { fmt: plan.id, body: bodyOf(plan, draft), headers };
  });
}
