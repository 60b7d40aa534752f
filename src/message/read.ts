/**
 * Reading: an envelope (block 4, the 77E embedded fields of MT198, block 6) run through an FMT's
 * plan. Three steps, each linear:
 *
 *   1. match — fields against the plan's entries, in order, with groups and repetitions
 *      (reconstruction §7: "a count item is followed by exactly that many repetitions of the
 *      group's items, in order"; MT203: sequence A, then sequence B repeated, each repetition
 *      starting at its 20). Structure problems are F codes.
 *   2. values — each value parsed once by its compiled format, as its field is matched (V codes mapped from the value's
 *      index to the message position), bare amounts with the currency of rule amountCurrencyFrom.
 *   3. body — the typed values by 英文简称; groups as arrays of objects (a group that occurs at
 *      most once as an object); count items are the arrays' lengths; MT198 :12: is the FMT.
 *
 * The result (`ReadState`) is what the rule checks (`rules.ts`) run on.
 */
import type { EmbeddedField, Field, TagEntry, TextBlock } from '../envelope/ast.js';
import { FMT_TAG } from '../spec/envelope.js';
import type { EnvelopeResult } from '../envelope/parse.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { FindingContext } from '../diagnostics/reporter.js';
import { NOT_FAST } from '../notation/fast.js';
import { gb18030Width } from '../notation/gb18030-width.js';
import type { ParseHints, TypedValue } from '../notation/types.js';
import type { MessageHeaders } from './types.js';
import { locsOf, type CompiledTables, type EntryPlan, type FmtPlan, type GroupPlan, type ItemPlan, type ListPlan, type ListWhere, type PostCodeCheck, type TagLoc } from './plan.js';
import type { Sink } from './sink.js';

/** One field read for an item. */
export interface Occ {
  readonly item: ItemPlan;
  readonly tag: string;
  /** Offset of the field's leading ":". */
  readonly offset: number;
  /** Offset of the value's first character. */
  readonly valueOffset: number;
  readonly raw: string;
  /** Entry index of the group the occurrence is in (-1: message level). */
  readonly group: number;
  /** Repetition index in that group (-1: message level). */
  readonly rep: number;
  value: TypedValue | undefined;
  /** The value had no problem. */
  clean: boolean;
}

export type Rep = (Occ | undefined)[];

/** What was read for one list of entries. */
export interface ListState {
  readonly list: ListPlan;
  /** Per entry index: the occurrence of a (non-group) item. */
  readonly top: (Occ | undefined)[];
  /** Per entry index: the repetitions of a group. */
  readonly reps: (Rep[] | undefined)[];
  /** Per entry index (groups): where the group ended (for "too few repetitions"). */
  readonly groupEnd: number[];
  /** Every occurrence, in message order. */
  readonly occs: readonly Occ[];
  /** Offset of the "-" that ends the block (where missing trailing items are reported). */
  readonly end: number;
  readonly where: Where;
}

export interface ReadState {
  readonly core: CompiledTables;
  readonly plan: FmtPlan;
  readonly env: EnvelopeResult;
  readonly sink: Sink;
  readonly validate: boolean;
  /** Block 4 (text body) or the 77E embedded fields (embedded body). */
  readonly body: ListState | undefined;
  /** Embedded body: the text-block fields 20, 12, 77E. */
  readonly text: ListState | undefined;
  readonly block6: ListState | undefined;
}

type Where = ListWhere;

interface FieldLike {
  readonly tag: string;
  readonly value: string;
  readonly offset: number;
}

export function contextOf(where: Where, tag: string): FindingContext {
  return where.container === undefined ? { block: where.block, tag } : { block: where.block, tag: where.container, embeddedTag: tag };
}

/** Offset of the "-" of a text block's closing "-}". */
export function blockEnd(block: TextBlock): number {
  return block.end - 1 - block.trailing.length;
}

function repWhere(g: GroupPlan, rep: number): { where: string; whereZh: string } {
  return g.single
    ? { where: ` (${g.name})`, whereZh: `（${g.nameZh}）` }
    : { where: ` (repetition ${rep + 1} of ${g.name})`, whereZh: `（${g.nameZh}第${rep + 1}次重复）` };
}

// ---------------------------------------------------------------------------------------------
// 1. Matching

/** Matches the fields of one block (or of 77E) to a list of entries. One per list read. */
class Matcher {
  private readonly entries: readonly EntryPlan[];
  readonly top: (Occ | undefined)[];
  readonly reps: (Rep[] | undefined)[];
  readonly groupEnd: number[];
  readonly occs: Occ[] = [];
  private skipped: number[] | undefined;
  private skippedAt: number[] | undefined;
  /** Next entry index expected. */
  private e = 0;
  private g: GroupPlan | undefined;
  private cur: Rep | undefined;
  private pos = -1;
  private lastTag = '';

  /** Items whose value waits for a currency read later (rule amountCurrencyFrom). */
  private deferred: Occ[] | undefined;

  constructor(
    private readonly rs: ReadState,
    private readonly sink: Sink,
    private readonly fmt: FmtPlan,
    readonly list: ListPlan,
    private readonly end: number,
    readonly where: Where,
  ) {
    this.entries = list.entries;
    const n = list.entries.length;
    this.top = new Array<Occ | undefined>(n);
    this.reps = new Array<Rep[] | undefined>(n);
    this.groupEnd = new Array<number>(n).fill(-1);
  }

  private report(code: DiagnosticCode, tag: string, offset: number, params: Record<string, string | number>): void {
    this.sink.report(code, offset, tag.length + 2, contextOf(this.where, tag), params);
  }

  private missing(it: ItemPlan, at: number, where: string, whereZh: string): void {
    this.sink.report('F001', at, 1, contextOf(this.where, it.tag), {
      tag: it.tag,
      name: it.name,
      nameZh: it.nameZh,
      fmt: this.fmt.id,
      where,
      whereZh,
    });
  }

  private occ(it: ItemPlan, tag: string, offset: number, raw: string, group: number, rep: number): Occ {
    const o: Occ = {
      item: it,
      tag,
      offset,
      valueOffset: offset + tag.length + 2,
      raw,
      group,
      rep,
      value: undefined,
      clean: false,
    };
    this.occs.push(o);
    if (it.currencyFrom === undefined || lookup(this, it.currencyFrom, group, rep) !== undefined) readValue(this.rs, this, o);
    else (this.deferred ??= []).push(o);
    return o;
  }

  private closeRep(at: number): void {
    const g = this.g;
    const cur = this.cur;
    if (g === undefined || cur === undefined) return;
    // A missing item is reported at the next field of the repetition after its place, else
    // where the repetition ends.
    for (let j = 0; j < g.items.length; j++) {
      const it = g.items[j]!;
      if (cur[j] !== undefined || it.status !== 'M') continue;
      let next = at;
      for (let k = j + 1; k < cur.length; k++) {
        const o = cur[k];
        if (o !== undefined) {
          next = o.offset;
          break;
        }
      }
      const w = repWhere(g, this.reps[g.index]!.length - 1);
      this.missing(it, next, w.where, w.whereZh);
    }
    this.cur = undefined;
  }

  private closeGroup(at: number): void {
    if (this.g === undefined) return;
    this.closeRep(at);
    this.groupEnd[this.g.index] = at;
    this.g = undefined;
  }

  private startRep(group: GroupPlan): Rep {
    const r: Rep = new Array<Occ | undefined>(group.items.length);
    const list = this.reps[group.index];
    if (list === undefined) this.reps[group.index] = [r];
    else list.push(r);
    this.cur = r;
    this.pos = -1;
    return r;
  }

  private skip(entry: number, at: number): void {
    if (this.entries[entry]!.kind === 'group') {
      this.groupEnd[entry] = at;
      return;
    }
    (this.skipped ??= []).push(entry);
    (this.skippedAt ??= []).push(at);
  }

  private notHere(tag: string, offset: number): void {
    const where = this.where;
    const def = where.dictionary.get(tag);
    if (def === undefined) {
      this.report('F002', tag, offset, { tag, dictionary: where.dictionaryEn, dictionaryZh: where.dictionaryZh });
    } else {
      this.report('F003', tag, offset, { tag, name: def.name, nameZh: def.nameZh, fmt: this.fmt.id, where: where.en, whereZh: where.zh });
    }
  }

  /**
   * One field: its tag, offset and raw value, read once by the caller (the field objects of an
   * envelope come in several shapes, so a property read of one costs more than a local).
   */
  field(tag: string, offset: number, raw: string): void {
    const locs = locsOf(this.list, tag);
    if (locs === undefined) {
      this.notHere(tag, offset);
      return;
    }
    // 1. The current group repetition goes on, or a new one starts.
    const g = this.g;
    const cur = this.cur;
    if (g !== undefined && cur !== undefined) {
      let j = -1;
      for (let i = 0; i < locs.length; i++) if (locs[i]!.entry === g.index) j = locs[i]!.item;
      if (j >= 0) {
        const it = g.items[j]!;
        const reps = this.reps[g.index]!;
        if (j > this.pos) {
          cur[j] = this.occ(it, tag, offset, raw, g.index, reps.length - 1);
          this.pos = j;
          this.lastTag = tag;
          return;
        }
        if (j !== 0 && cur[j] === undefined) {
          this.report('F004', tag, offset, { tag, after: this.lastTag });
          cur[j] = this.occ(it, tag, offset, raw, g.index, reps.length - 1);
          return;
        }
        if (reps.length < g.max) {
          this.closeRep(offset);
          this.startRep(g)[j] = this.occ(it, tag, offset, raw, g.index, reps.length - 1);
          this.pos = j;
          this.lastTag = tag;
          return;
        }
      }
    }
    // 2. Forward: the next entry that has this tag.
    let fwd: TagLoc | undefined;
    for (let i = 0; i < locs.length; i++) {
      if (locs[i]!.entry >= this.e) {
        fwd = locs[i];
        break;
      }
    }
    if (fwd !== undefined) {
      this.closeGroup(offset);
      for (let k = this.e; k < fwd.entry; k++) this.skip(k, offset);
      const entry = this.entries[fwd.entry]!;
      if (entry.kind === 'item') this.top[fwd.entry] = this.occ(entry, tag, offset, raw, -1, -1);
      else {
        this.g = entry;
        this.startRep(entry)[fwd.item] = this.occ(entry.items[fwd.item]!, tag, offset, raw, entry.index, this.reps[entry.index]!.length - 1);
        this.pos = fwd.item;
      }
      this.e = fwd.entry + 1;
      this.lastTag = tag;
      return;
    }
    // 3. Backward: an entry already passed.
    const back = locs[locs.length - 1]!;
    const entry = this.entries[back.entry]!;
    if (entry.kind === 'item') {
      if (this.top[back.entry] === undefined) {
        this.report('F004', tag, offset, { tag, after: this.lastTag });
        this.top[back.entry] = this.occ(entry, tag, offset, raw, -1, -1);
      } else {
        this.report('F007', tag, offset, { tag: entry.tag, name: entry.name, nameZh: entry.nameZh, where: this.where.en, whereZh: this.where.zh });
      }
    } else if (g === entry && cur !== undefined) {
      const it = entry.items[back.item]!;
      const w = repWhere(entry, this.reps[entry.index]!.length - 1);
      this.report('F007', tag, offset, { tag: it.tag, name: it.name, nameZh: it.nameZh, where: w.where, whereZh: w.whereZh });
    } else {
      this.report('F004', tag, offset, { tag, after: this.lastTag });
    }
  }

  finish(): ListState {
    const end = this.end;
    if (this.deferred !== undefined) for (const o of this.deferred) readValue(this.rs, this, o);
    this.closeGroup(end);
    for (let k = this.e; k < this.entries.length; k++) this.skip(k, end);
    const skipped = this.skipped;
    if (skipped !== undefined) {
      for (let i = 0; i < skipped.length; i++) {
        const k = skipped[i]!;
        const it = this.entries[k] as ItemPlan;
        if (it.status === 'M' && this.top[k] === undefined) this.missing(it, this.skippedAt![i]!, this.where.en, this.where.zh);
      }
    }
    return { list: this.list, top: this.top, reps: this.reps, groupEnd: this.groupEnd, occs: this.occs, end, where: this.where };
  }
}

function matchList(rs: ReadState, fmt: FmtPlan, list: ListPlan, fields: readonly FieldLike[], end: number, where: Where): ListState {
  const m = new Matcher(rs, rs.sink, fmt, list, end, where);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    m.field(f.tag, f.offset, f.value);
  }
  return m.finish();
}

/** The number a count item states (77E's `CNT`), or undefined when absent or not all digits. */
export function countOf(o: Occ | undefined): number | undefined {
  return o !== undefined && /^[0-9]+$/.test(o.raw) ? Number(o.raw) : undefined;
}

/** Counts and repetition ranges (after the values are read: a count must be a number). */
function checkRepetitions(sink: Sink, st: ListState): void {
  const entries = st.list.entries;
  for (let k = 0; k < entries.length; k++) {
    const g = entries[k]!;
    if (g.kind !== 'group') continue;
    const reps = st.reps[k] ?? [];
    if (g.countItem !== undefined) {
      const c = st.top[g.countItem.index];
      const count = countOf(c);
      if (c === undefined || count === undefined) continue;
      if (count !== reps.length) {
        sink.report('F005', c.valueOffset, c.raw.length, contextOf(st.where, c.tag), {
          tag: c.tag,
          count,
          group: g.name,
          groupZh: g.nameZh,
          actual: reps.length,
        });
      }
    } else if (reps.length < g.min || reps.length > g.max) {
      let at = st.groupEnd[k]! >= 0 ? st.groupEnd[k]! : st.end;
      let tag = g.items[0]!.tag;
      if (reps.length > g.max) {
        const first = reps[g.max]!.find((o) => o !== undefined);
        if (first !== undefined) {
          at = first.offset;
          tag = first.tag;
        }
      }
      sink.report('F006', at, 1, contextOf(st.where, tag), { group: g.name, groupZh: g.nameZh, min: g.min, max: g.max, actual: reps.length });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Values

/** The occurrence of `tag` seen from a repetition of group `groupIndex` (-1: message level). */
/** What `lookup` needs of a list being read. */
interface Lookup {
  readonly list: ListPlan;
  readonly top: readonly (Occ | undefined)[];
  readonly reps: readonly (Rep[] | undefined)[];
  readonly where: Where;
}

export function lookup(st: Lookup, tag: string, groupIndex: number, rep: number): Occ | undefined {
  const locs = st.list.index.get(tag);
  if (locs === undefined) return undefined;
  if (rep >= 0) {
    for (let i = 0; i < locs.length; i++) {
      const l = locs[i]!;
      if (l.item >= 0 && l.entry === groupIndex) return st.reps[l.entry]?.[rep]?.[l.item];
    }
  }
  for (let i = 0; i < locs.length; i++) {
    const l = locs[i]!;
    if (l.item < 0) return st.top[l.entry];
  }
  return undefined;
}

function readValue(rs: ReadState, st: Lookup, o: Occ): void {
  const it = o.item;
  const { sink, core } = rs;
  if (it.role === 'container') {
    o.clean = true;
    if (rs.validate) checkContainer(rs, st, o);
    return;
  }
  let hints: ParseHints | undefined;
  if (it.currencyFrom !== undefined) {
    const c = lookup(st, it.currencyFrom, o.group, o.rep);
    if (c !== undefined) hints = { currency: c.raw };
    else if (rs.validate) {
      sink.report('R017', o.valueOffset, Math.max(1, o.raw.length), contextOf(st.where, o.tag), { tag: o.tag, currency: it.currencyFrom });
    }
  }
  // The fast path first (no outcome object); the full parse only for a value with a problem.
  const fast = it.fast(o.raw, core.parseContext, hints);
  if (fast !== NOT_FAST) {
    o.value = fast;
    o.clean = true;
  } else readProblems(rs, st, o, hints);
  if (it.postCodes.length > 0 && o.value !== undefined) checkPostCodes(rs, st, o);
}

/** A value the fast path did not read: the full parse, with every problem reported. */
function readProblems(rs: ReadState, st: Lookup, o: Occ, hints: ParseHints | undefined): void {
  const { sink, core } = rs;
  const out = o.item.read(o.raw, core.parseContext, hints);
  o.value = out.value;
  const problems = out.problems;
  o.clean = problems.length === 0;
  if (problems.length > 0 && !sink.quiet) {
    const context = contextOf(st.where, o.tag);
    for (const p of problems) {
      let params = p.params;
      if (p.code === 'V005') {
        const label = core.tableLabels.get(String(p.params.table));
        if (label !== undefined) params = { ...params, table: label.table, tableName: label.en, tableNameZh: label.zh };
      }
      sink.report(p.code as DiagnosticCode, o.valueOffset + p.index, p.length, context, params);
    }
  }
}

/**
 * The code a post-code check looks at in `value` (its component, or the value itself) when it
 * is not allowed, else undefined. Shared by `checkPostCodes` and read-in-order.ts.
 */
export function disallowedCode(core: CompiledTables, pc: PostCodeCheck, value: TypedValue | undefined): string | undefined {
  const v = pc.comp === undefined ? value : (value as Readonly<Record<string, TypedValue | undefined>>)[pc.comp];
  if (typeof v !== 'string') return undefined;
  const allowed = pc.codes ?? (pc.table !== undefined ? core.parseContext.codeTables.get(pc.table) : undefined);
  return allowed === undefined || allowed.has(v) ? undefined : v;
}

function checkPostCodes(rs: ReadState, st: Lookup, o: Occ): void {
  for (const pc of o.item.postCodes) {
    const v = disallowedCode(rs.core, pc, o.value);
    if (v === undefined) continue;
    o.clean = false;
    const at = pc.comp === undefined ? 0 : Math.max(0, o.raw.indexOf(v));
    rs.sink.report('V005', o.valueOffset + at, v.length, contextOf(st.where, o.tag), {
      value: v,
      table: pc.label.table,
      tableName: pc.label.en,
      tableNameZh: pc.label.zh,
    });
  }
}

const CONTAINER_LIMITS = new WeakMap<ItemPlan, { readonly maxLines: number; readonly maxBytes: number } | null>();

/** N and M of a container's `N*Mg` notation (read once per item, not once per message). */
function containerLimits(it: ItemPlan): { readonly maxLines: number; readonly maxBytes: number } | undefined {
  let limits = CONTAINER_LIMITS.get(it);
  if (limits === undefined) {
    const m = /^(\d+)\*(\d+)g$/.exec(it.notation);
    limits = m === null ? null : { maxLines: Number(m[1]), maxBytes: Number(m[2]) };
    CONTAINER_LIMITS.set(it, limits);
  }
  return limits ?? undefined;
}

/** 77E: at most N lines of at most M GB18030 bytes (its dictionary format `N*Mg`). */
function checkContainer(rs: ReadState, st: Lookup, o: Occ): void {
  const context = contextOf(st.where, o.tag);
  containerProblems(o.item, o.raw, (code, at, length, params) => rs.sink.report(code, o.valueOffset + at, length, context, params));
}

/** A container value (77E) within its item's limits: `checkContainer` would report nothing. */
export function containerFits(it: ItemPlan, raw: string): boolean {
  let fits = true;
  containerProblems(it, raw, () => {
    fits = false;
  });
  return fits;
}

/** The limit problems of a container value, each given to `report` (offsets within `raw`). */
function containerProblems(
  it: ItemPlan,
  raw: string,
  report: (code: 'V013' | 'V011', at: number, length: number, params: Record<string, string | number>) => void,
): void {
  const limits = containerLimits(it);
  if (limits === undefined) return;
  const { maxLines, maxBytes } = limits;
  let line = 0;
  let start = 0;
  for (;;) {
    const i = raw.indexOf('\n', start);
    const stop = i < 0 ? raw.length : raw.charCodeAt(i - 1) === 13 ? i - 1 : i;
    line++;
    let bytes = 0;
    let over = -1;
    // A character is at most 2 bytes per UTF-16 unit (4 bytes for a surrogate pair).
    if ((stop - start) * 2 > maxBytes) for (let j = start; j < stop; j++) {
      const cp = raw.codePointAt(j)!;
      bytes += cp >= 0xd800 && cp <= 0xdfff ? 1 : gb18030Width(cp);
      if (cp > 0xffff) j++;
      if (over < 0 && bytes > maxBytes) over = j;
    }
    if (over >= 0) report('V013', over, stop - over, { line, max: maxBytes, actual: bytes, unit: 'bytes (GB18030)', unitZh: '字节' });
    if (i < 0) break;
    start = i + 1;
  }
  if (line > maxLines) report('V011', 0, raw.length, { max: maxLines, actual: line });
}

// ---------------------------------------------------------------------------------------------
// 3. Body

function entryValue(st: ListState, entry: EntryPlan): unknown {
  if (entry.kind === 'item') return st.top[entry.index]?.value;
  const reps = st.reps[entry.index];
  if (reps === undefined) return entry.single ? undefined : [];
  const objs: Record<string, unknown>[] = new Array<Record<string, unknown>>(reps.length);
  for (let r = 0; r < reps.length; r++) {
    const rep = reps[r]!;
    const obj: Record<string, unknown> = {};
    for (let j = 0; j < rep.length; j++) {
      const o = rep[j];
      if (o !== undefined && o.value !== undefined) obj[o.item.name] = o.value;
    }
    objs[r] = obj;
  }
  return entry.single ? objs[0] : objs;
}

function assemble(st: ListState | undefined, body: Record<string, unknown>): void {
  if (st === undefined) return;
  for (const entry of st.list.entries) {
    if (entry.kind === 'item' && entry.role !== 'value') continue;
    const v = entryValue(st, entry);
    if (v !== undefined) body[entry.name] = v;
  }
}

// ---------------------------------------------------------------------------------------------
// Entry

/** Reads the body of `env` with `plan`. Structure and value findings go to `sink`. */
export function readBody(core: CompiledTables, plan: FmtPlan, env: EnvelopeResult, sink: Sink, validate: boolean): { state: ReadState; body: Record<string, unknown> } {
  const tb = env.textBlock!;
  const end4 = blockEnd(tb);
  const wheres = plan.where;
  const state: { -readonly [K in keyof ReadState]: ReadState[K] } = { core, plan, env, sink, validate, body: undefined, text: undefined, block6: undefined };
  const out: Record<string, unknown> = {};
  if (plan.text !== undefined) {
    const text = (state.text = matchList(state, plan, plan.text, tb.fields, end4, wheres.text));
    readList(state, text, out);
    const embedded = embeddedOf(plan, text, tb.fields);
    if (embedded !== undefined) readList(state, (state.body = matchList(state, plan, plan.body, embedded, end4, wheres.body)), out);
  } else {
    readList(state, (state.body = matchList(state, plan, plan.body, tb.fields, end4, wheres.body)), out);
  }
  const b6 = env.additionalText;
  if (b6 !== undefined && plan.block6.entries.length > 0) {
    readList(state, (state.block6 = matchList(state, plan, plan.block6, b6.fields, blockEnd(b6), wheres.block6)), out);
  }
  return { state, body: out };
}

/**
 * The fields embedded in the container (77E) that block 4's list `text` holds, or undefined when
 * it holds none (then the message has no embedded body).
 */
export function embeddedOf(plan: FmtPlan, text: ListState, fields: readonly Field[]): readonly EmbeddedField[] | undefined {
  const c = plan.container;
  const co = c === undefined ? undefined : text.top[c.index];
  if (co === undefined) return undefined;
  let embedded: readonly EmbeddedField[] = [];
  for (const f of fields) if (f.offset === co.offset) embedded = f.embedded ?? [];
  return embedded;
}

function readList(state: ReadState, st: ListState, out: Record<string, unknown>): void {
  if (state.validate) checkRepetitions(state.sink, st);
  assemble(st, out);
}

// ---------------------------------------------------------------------------------------------
// Headers

/** The header parts of an envelope, by name. */
type ExtraTags = Record<string, { tag: string; value: string }[]>;

/** `extra` (made on the first call) with the entry `e` of `block` added. */
function withExtra(extra: ExtraTags | undefined, block: string, e: TagEntry): ExtraTags {
  const out = extra ?? {};
  (out[block] ??= []).push({ tag: e.tag, value: e.value });
  return out;
}

export function headersOf(env: EnvelopeResult): MessageHeaders {
  const b1 = env.basicHeader;
  const b2 = env.applicationHeader;
  const input = b2 === undefined || b2.direction === 'I';
  const h: { -readonly [K in keyof MessageHeaders]: MessageHeaders[K] } = {
    fmt: env.fmt ?? '',
    mt: b2?.mt ?? '',
    direction: b2?.direction ?? 'I',
    sender: (b2 !== undefined && b2.direction === 'O' ? b2.mirAddress : b1?.ltAddress) ?? '',
    receiver: (b2 !== undefined && b2.direction === 'I' ? b2.receiverAddress : input ? undefined : b1?.ltAddress) ?? '',
    priority: b2?.priority ?? '',
    session: b1?.session ?? '',
    sequence: b1?.sequence ?? '',
  };
  if (b2 !== undefined) {
    if (b2.direction === 'I') {
      if (b2.deliveryMonitoring !== undefined) h.deliveryMonitoring = b2.deliveryMonitoring;
      if (b2.obsolescencePeriod !== undefined) h.obsolescencePeriod = b2.obsolescencePeriod;
    } else {
      h.inputTime = b2.inputTime;
      h.mirDate = b2.mirDate;
      h.mirSession = b2.mirSession;
      h.mirSequence = b2.mirSequence;
      h.outputDate = b2.outputDate;
      h.outputTime = b2.outputTime;
    }
  }
  // Entries no part names (a bank's added tags), by block; made only when there is one. The
  // named tags are build.ts's NAMED_HEADER_TAGS, spelled out here as comparisons (hot path).
  let extra: ExtraTags | undefined;
  const user = env.userHeader?.entries;
  if (user !== undefined && user.length > 1) {
    for (const e of user) {
      if (e.tag === '108') h.mur ??= e.value;
      else if (e.tag === '113') h.bankingPriority ??= e.value;
      else if (e.tag !== FMT_TAG) extra = withExtra(extra, '3', e);
    }
  }
  const sig = env.signature;
  if (sig !== undefined) {
    let dsn = '';
    let s = '';
    for (const e of sig.entries) {
      if (e.tag === 'DSN') dsn = e.value;
      else if (e.tag === 'SIG') s = e.value;
      else extra = withExtra(extra, '7', e);
    }
    h.signature = { dsn, sig: s };
  }
  const trailer = env.trailer?.entries;
  if (trailer !== undefined) {
    for (const e of trailer) {
      if (e.tag === 'CHK') h.checksum ??= e.value;
      else if (e.tag === 'PDE') h.possibleDuplicate ??= e.value;
      else if (e.tag === 'TNG') h.training = true;
      else extra = withExtra(extra, '5', e);
    }
  }
  if (extra !== undefined) h.extraTags = extra;
  return h;
}
