/**
 * The fast path of reading (read.ts) for a message whose fields stand in the plan's order, as a
 * valid message's do: one forward walk over the plan's entries and the fields together (no tag
 * index, no out-of-order or repetition bookkeeping), each value by its format's fast path, and
 * nothing reported. It builds exactly the state and body read.ts builds for such a message, or
 * gives up (`undefined`) at the first thing read.ts would report or treat specially; the caller
 * then runs read.ts, which reports everything. So, as with the notation's fast path, the full
 * reader stays the one definition of the findings (test/read-in-order.test.ts holds the two to
 * each other on valid and broken messages of every FMT).
 *
 * Measured with bench/message.bench.ts (typed parse / envelope parse): MT103 0.25–0.27× before,
 * 0.27–0.30× with this path; MT203 0.22–0.24× before, 0.23–0.26× with it.
 */
import type { EnvelopeResult } from '../envelope/parse.js';
import type { Field } from '../envelope/ast.js';
import { NOT_FAST } from '../notation/fast.js';
import type { ParseHints, TypedValue } from '../notation/types.js';
import type { CompiledTables, FmtPlan, ItemPlan, ListPlan, ListWhere } from './plan.js';
import { blockEnd, disallowedCode, lookup, type ListState, type Occ, type ReadState, type Rep } from './read.js';
import type { Sink } from './sink.js';

/** The typed body of `env` when every field stands where the plan says and reads cleanly. */
export function readInOrder(
  core: CompiledTables,
  plan: FmtPlan,
  env: EnvelopeResult,
  sink: Sink,
  validate: boolean,
): { state: ReadState; body: Record<string, unknown> } | undefined {
  // MT198's embedded body (77E) has its own reading (read.ts).
  if (plan.text !== undefined) return undefined;
  const tb = env.textBlock!;
  // The typed body is built as the fields are taken, in the order read.ts's `assemble` uses.
  const out: Record<string, unknown> = {};
  const body = matchInOrder(core, plan.body, tb.fields, blockEnd(tb), plan.where.body, out);
  if (body === undefined) return undefined;
  let block6: ListState | undefined;
  const b6 = env.additionalText;
  if (b6 !== undefined && plan.block6.entries.length > 0) {
    block6 = matchInOrder(core, plan.block6, b6.fields, blockEnd(b6), plan.where.block6, out);
    if (block6 === undefined) return undefined;
  }
  return { state: { core, plan, env, sink, validate, body, text: undefined, block6 }, body: out };
}

/**
 * The fields of one block against one list of entries, in order. Gives up where read.ts's
 * matcher would report (a mandatory item missing, a field left over or out of place, a
 * repetition count out of range) or would do something else than take the next field in order.
 */
function matchInOrder(
  core: CompiledTables,
  list: ListPlan,
  fields: readonly Field[],
  end: number,
  where: ListWhere,
  out: Record<string, unknown>,
): ListState | undefined {
  const entries = list.entries;
  const n = entries.length;
  const top = new Array<Occ | undefined>(n);
  const reps = new Array<Rep[] | undefined>(n);
  const groupEnd = new Array<number>(n).fill(-1);
  const occs: Occ[] = [];
  const st: ListState = { list, top, reps, groupEnd, occs, end, where };
  const count = fields.length;
  let i = 0;
  for (let e = 0; e < n; e++) {
    const entry = entries[e]!;
    if (entry.kind === 'item') {
      if (i < count && fields[i]!.tag === entry.tag) {
        const o = occ(core, st, occs, entry, fields[i]!, -1, -1);
        if (o === undefined) return undefined;
        top[e] = o;
        if (entry.role === 'value' && o.value !== undefined) out[entry.name] = o.value;
        i++;
      } else if (entry.status === 'M') return undefined;
      continue;
    }
    const items = entry.items;
    // read.ts starts a repetition at any item whose place is passed; in order, a repetition
    // starts at the first item, which must then be mandatory. Count items are read.ts's.
    if (items[0]!.status !== 'M' || entry.countItem !== undefined) return undefined;
    const first = items[0]!.tag;
    let list_: Rep[] | undefined;
    let objs: Record<string, unknown>[] | undefined;
    while (i < count && fields[i]!.tag === first && (list_ === undefined || list_.length < entry.max)) {
      const rep: Rep = new Array<Occ | undefined>(items.length);
      const obj: Record<string, unknown> = {};
      const r = list_ === undefined ? 0 : list_.length;
      (list_ ??= []).push(rep);
      (objs ??= []).push(obj);
      for (let k = 0; k < items.length; k++) {
        const it = items[k]!;
        if (i < count && fields[i]!.tag === it.tag) {
          const o = occ(core, st, occs, it, fields[i]!, entry.index, r);
          if (o === undefined) return undefined;
          rep[k] = o;
          if (o.value !== undefined) obj[it.name] = o.value;
          i++;
        } else if (it.status === 'M') return undefined;
      }
    }
    reps[e] = list_;
    // As `assemble`: a group is an array of its repetitions (empty when there is none), or its
    // one repetition's object.
    if (entry.single) {
      if (objs !== undefined) out[entry.name] = objs[0];
    } else out[entry.name] = objs ?? [];
    const made = list_ === undefined ? 0 : list_.length;
    if (made < entry.min || made > entry.max) return undefined;
    // A field of this group's items after the group: read.ts keeps it in the group (a new
    // repetition or a finding) while repetitions are left.
    if (i < count && made < entry.max) {
      const tag = fields[i]!.tag;
      for (let k = 0; k < items.length; k++) if (items[k]!.tag === tag) return undefined;
    }
    groupEnd[e] = i < count ? fields[i]!.offset : end;
  }
  return i === count ? st : undefined;
}

/** The occurrence of `it` in field `f`, read cleanly by the format's fast path; else undefined. */
function occ(core: CompiledTables, st: ListState, occs: Occ[], it: ItemPlan, f: Field, group: number, rep: number): Occ | undefined {
  if (it.role !== 'value' && it.role !== 'count') return undefined;
  const raw = f.value;
  let hints: ParseHints | undefined;
  if (it.currencyFrom !== undefined) {
    // read.ts defers an amount whose currency comes later, or reports the missing currency.
    const c = lookup(st, it.currencyFrom, group, rep);
    if (c === undefined) return undefined;
    hints = { currency: c.raw };
  }
  const value = it.fast(raw, core.parseContext, hints);
  if (value === NOT_FAST || !codesAllowed(core, it, value)) return undefined;
  const o: Occ = {
    item: it,
    tag: f.tag,
    offset: f.offset,
    valueOffset: f.offset + f.tag.length + 2,
    raw,
    group,
    rep,
    value,
    clean: true,
  };
  occs.push(o);
  return o;
}

/** read.ts's `checkPostCodes` finds nothing. */
function codesAllowed(core: CompiledTables, it: ItemPlan, value: TypedValue | undefined): boolean {
  if (value === undefined) return true;
  for (const pc of it.postCodes) if (disallowedCode(core, pc, value) !== undefined) return false;
  return true;
}
