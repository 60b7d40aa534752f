/**
 * Plans: the FMT tables compiled once per codec (ajv-style) into what reading, validating,
 * building and type generation need — per item its property name, its compiled format (the
 * notation compiler's `compileFormat`, called with the tag's `parts` as names and its code
 * tables as component rules), where its amount/currency/date/mark live, its participant scope;
 * per FMT the ordered entries (items and groups), a tag index for the matcher, and its rules.
 *
 * Nothing here reads a message: this is the "compile" half. `read.ts` runs a plan over an
 * envelope, `rules.ts` checks the plan's rules, `build.ts` writes a body with it.
 */
import { codeTableDef, codeTableTypeName } from '../spec/code-tables.js';
import { FMT_PREFIX } from '../spec/envelope.js';
import { rulesFor } from '../spec/families.js';
import { tagMap } from '../spec/tags.js';
import {
  KNOWN_FMT_TABLE,
  type CodeSpec,
  type FieldItem,
  type FmtDef,
  type GroupCount,
  type GroupItem,
  type RuleDef,
  type SpecTables,
  type Status,
  type TagDef,
} from '../spec/schema.js';
import { compileFormat, parsersOf } from '../notation/compile.js';
import type { FastPath } from '../notation/fast.js';
import type { ComponentInfo, ComponentRules, CompiledFormat, NotationContext, ParseHints, ParseOutcome } from '../notation/types.js';

/** TypeScript alias for a value of the pseudo code table `FMT` (the FMT numbers in use). */
export const FMT_NUMBER_TYPE_NAME = 'FmtNumber';

/** A code check the notation compiler cannot do (a narrowed list on a variable component). */
export interface PostCodeCheck {
  /** Component name; undefined: the whole (scalar) value. */
  readonly comp: string | undefined;
  readonly codes: ReadonlySet<string> | undefined;
  /** Code table to look up in the context (when `codes` is undefined). */
  readonly table?: string;
  readonly label: CodeTableLabel;
}

/** How a code table is named in V005 texts. */
export interface CodeTableLabel {
  readonly table: string;
  readonly en: string;
  readonly zh: string;
}

/** Where an item sits. */
export type ItemRole =
  /** An ordinary item: its value is in the body under `name`. */
  | 'value'
  /** The count item of a group (the group's array length in the body). */
  | 'count'
  /** A text-block field whose value is the FMT number (MT198 :12:, rule fieldEqualsFmt). */
  | 'fmtNumber'
  /** The field that holds the embedded items (MT198 :77E:). */
  | 'container';

export interface ItemPlan {
  readonly kind: 'item';
  readonly tag: string;
  /** 英文简称: the property name in the body. */
  readonly name: string;
  /** 数据项 (as the FMT names it). */
  readonly nameZh: string;
  readonly status: Status;
  readonly item: FieldItem;
  readonly def: TagDef;
  /** The notation actually used (the FMT's narrowed one, else the dictionary's). */
  readonly notation: string;
  readonly format: CompiledFormat;
  /** `format`'s fast path (`parsersOf(format).value`): the value of a valid raw value, else `NOT_FAST`. */
  readonly fast: FastPath['value'];
  /** `format`'s one-function test, when it has one (`FastPath.simple`): a value it accepts is the raw text. */
  readonly simple: FastPath['simple'];
  /** `format`'s one-function reader of lines, when it has one (`FastPath.lines`). */
  readonly lines: FastPath['lines'];
  /** `format`'s full reader (`parsersOf(format).reader`): every problem, for what `fast` declined. */
  readonly read: (raw: string, ctx: NotationContext, hints?: ParseHints) => ParseOutcome;
  readonly role: ItemRole;
  /** Block of the field: '4' (text and 77E items) or '6'. */
  readonly block: '4' | '6';
  /** An embedded (77E) item. */
  readonly embedded: boolean;
  /** Index in its list (the group's items, or the FMT's entries / text items / block 6). */
  readonly index: number;
  /** The group the item is in. */
  group: GroupPlan | undefined;
  /** The group this count item counts. */
  countOf: GroupPlan | undefined;
  /** A BIC item that must be a CFXPS participant's (country CN). */
  readonly participantCN: boolean;
  /** Component holding the amount ('' = the whole value), if any. */
  readonly amountComp: string | undefined;
  readonly currencyComp: string | undefined;
  readonly dateComp: string | undefined;
  readonly markComp: string | undefined;
  readonly bicComp: string | undefined;
  /** A bare AMOUNT (no currency of its own): its decimals follow `currencyFrom` (rule amountCurrencyFrom). */
  currencyFrom: string | undefined;
  /** Code checks done after parsing. */
  readonly postCodes: readonly PostCodeCheck[];
  /** TypeScript type of the value. */
  readonly tsType: string;
  /** Type of each component (multi-component values; code lists narrowed to literal unions). */
  readonly componentTypes: readonly { readonly info: ComponentInfo; readonly tsType: string }[];
}

export interface GroupPlan {
  readonly kind: 'group';
  readonly name: string;
  readonly nameZh: string;
  readonly def: GroupItem;
  readonly count: GroupCount;
  readonly items: readonly ItemPlan[];
  /** Entry index in the FMT's entries. */
  readonly index: number;
  /** At most one repetition: the body holds an object, not an array. */
  readonly single: boolean;
  readonly min: number;
  readonly max: number;
  countItem: ItemPlan | undefined;
}

export type EntryPlan = ItemPlan | GroupPlan;

/** Where a tag is in a list of entries: entry index, and the item index inside a group (-1: none). */
export interface TagLoc {
  readonly entry: number;
  readonly item: number;
}

export interface ListPlan {
  readonly entries: readonly EntryPlan[];
  /** tag → locations, by entry index ascending. */
  readonly index: ReadonlyMap<string, readonly TagLoc[]>;
  /**
   * `index` keyed by `packTag(tag)` (the tags that pack): a tag read from a message is a fresh
   * string, and a Map look-up by a number is several times cheaper than one by such a string.
   */
  readonly packed: ReadonlyMap<number, readonly TagLoc[]>;
}

/**
 * A tag of 1–4 ASCII characters as `1 c1 c2 …` in base 128 (distinct for distinct tags; a
 * small integer), else -1. The standard's tags are 2–3 characters.
 */
export function packTag(tag: string): number {
  const n = tag.length;
  if (n === 0 || n > 4) return -1;
  let k = 1;
  for (let i = 0; i < n; i++) {
    const c = tag.charCodeAt(i);
    if (c >= 128) return -1;
    k = k * 128 + c;
  }
  return k;
}

/** The locations of `tag` in `list` (undefined: not an item of the list). */
export function locsOf(list: ListPlan, tag: string): readonly TagLoc[] | undefined {
  const k = packTag(tag);
  return k >= 0 ? list.packed.get(k) : list.index.get(tag);
}

/** Where a tag is in a plan: which list, which group (-1: message level), which index. */
export interface TagRef {
  readonly list: 'body' | 'text' | 'block6';
  /** Entry index of the group (-1: message level). */
  readonly group: number;
  /** Item index in the group, or entry index at message level. */
  readonly index: number;
}

/** The item `ref` points at in `plan` (an item of a group, or a message-level item). */
export function itemAt(plan: FmtPlan, ref: TagRef): ItemPlan | undefined {
  const list = ref.list === 'body' ? plan.body : ref.list === 'text' ? plan.text : plan.block6;
  const entry = list?.entries[ref.group < 0 ? ref.index : ref.group];
  if (entry === undefined) return undefined;
  return entry.kind === 'group' ? entry.items[ref.index] : entry;
}

/** How the findings of one list are located and named. */
export interface ListWhere {
  readonly block: '4' | '6';
  /** 77E for embedded fields. */
  readonly container?: string;
  readonly dictionary: ReadonlyMap<string, { readonly name: string; readonly nameZh: string }>;
  readonly dictionaryEn: string;
  readonly dictionaryZh: string;
  /** Appended to "not an item of FMTnnn" etc. */
  readonly en: string;
  readonly zh: string;
}

export interface FmtPlan {
  readonly def: FmtDef;
  /** `FMT100`. */
  readonly id: string;
  /** `100`. */
  readonly number: string;
  readonly mt: string;
  /** The body items (block 4 fields, or 77E embedded fields for an embedded body). */
  readonly body: ListPlan;
  /** Embedded body: the text-block fields (`20`, `12`, `77E`); else undefined. */
  readonly text?: ListPlan;
  readonly container?: ItemPlan;
  readonly block6: ListPlan;
  readonly rules: readonly RuleDef[];
  /** The dictionary the body items come from ('text' or 'embedded'). */
  readonly dictionary: ReadonlyMap<string, TagDef>;
  readonly textDictionary: ReadonlyMap<string, TagDef>;
  readonly block6Dictionary: ReadonlyMap<string, TagDef>;
  /** Tag → place (the body first, then the text-block fields, then block 6). */
  readonly refs: ReadonlyMap<string, TagRef>;
  /** Some item must be a CFXPS participant's BIC. */
  readonly hasParticipants: boolean;
  /**
   * Messages the typed layer has read with this plan. Its generated code (in-order reader, rule
   * checks) is made and used once the plan is in use (codec.ts `HOT_AFTER`): a function per FMT
   * only pays once V8 has seen it often enough to optimize it.
   */
  uses: number;
  readonly where: { readonly text: ListWhere; readonly body: ListWhere; readonly block6: ListWhere };
}

export interface CompiledTables {
  readonly tables: SpecTables;
  /** The context the user sees (currencies, code tables). */
  readonly context: NotationContext;
  /** The context formats are parsed with: `context` plus the FMT pseudo table and narrowed lists. */
  readonly parseContext: NotationContext;
  /** By 3-digit FMT number. */
  readonly plans: ReadonlyMap<string, FmtPlan>;
  /** V005 labels of the synthetic code tables. */
  readonly tableLabels: ReadonlyMap<string, CodeTableLabel>;
}

const isDecimal = (notation: string): boolean => /^\d+!?d$/.test(notation);

/** The FMT number (3 digits) of `FMT100` / `100`. */
export function fmtNumber(fmt: string): string {
  return fmt.startsWith(FMT_PREFIX) ? fmt.slice(FMT_PREFIX.length) : fmt;
}

function literalUnion(codes: Iterable<string>): string {
  const parts: string[] = [];
  for (const c of codes) parts.push(`'${c.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
  return parts.length === 0 ? 'never' : parts.join(' | ');
}

interface Builder {
  readonly tables: SpecTables;
  readonly context: NotationContext;
  readonly extraTables: Map<string, ReadonlyMap<string, string>>;
  readonly labels: Map<string, CodeTableLabel>;
  readonly problems: string[];
}

/**
 * Compiles every FMT of `tables` against `context`. Problems (a format that does not compile,
 * property names that clash across blocks) are collected in `problems`, not thrown.
 */
export function compileTables(tables: SpecTables, context: NotationContext, problems: string[] = []): CompiledTables {
  const b: Builder = { tables, context, extraTables: new Map(), labels: new Map(), problems };
  const fmtNumbers = new Map<string, string>(tables.fmts.map((f) => [f.fmt, f.nameZh]));
  b.extraTables.set(KNOWN_FMT_TABLE, fmtNumbers);
  b.labels.set(KNOWN_FMT_TABLE, { table: KNOWN_FMT_TABLE, en: 'the FMT numbers in use', zh: '报文格式号表' });
  const plans = new Map<string, FmtPlan>();
  for (const def of tables.fmts) {
    try {
      plans.set(def.fmt, compileFmt(b, def));
    } catch (err) {
      problems.push(`FMT${def.fmt}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const codeTables = new Map(context.codeTables);
  for (const [name, t] of b.extraTables) codeTables.set(name, t);
  return {
    tables,
    context,
    parseContext: { currencies: context.currencies, codeTables },
    plans,
    tableLabels: b.labels,
  };
}

function compileFmt(b: Builder, def: FmtDef): FmtPlan {
  const { tables } = b;
  const textDict = tagMap(tables.tags.text);
  const embeddedDict = tagMap(tables.tags.embedded);
  const block6Dict = tagMap(tables.tags.block6);
  const embedded = def.body === 'embedded';
  const dict = embedded ? embeddedDict : textDict;
  const rules = rulesFor(def, tables.familyRules, tables.embeddedBody);
  const fmtEqual = new Set(rules.flatMap((r) => (r.rule === 'fieldEqualsFmt' ? [r.tag] : [])));

  const at = `FMT${def.fmt}`;
  const body = compileList(b, def, def.items, dict, embedded, '4', at);
  let text: ListPlan | undefined;
  let container: ItemPlan | undefined;
  if (embedded) {
    const eb = tables.embeddedBody;
    text = compileList(b, def, eb.textItems, textDict, false, '4', at, (tag) =>
      tag === eb.container ? 'container' : fmtEqual.has(tag) ? 'fmtNumber' : 'value',
    );
    container = text.entries.find((e): e is ItemPlan => e.kind === 'item' && e.role === 'container');
  }
  const block6 = compileList(b, def, def.block6, block6Dict, false, '6', at);

  // Property names are unique across the body, the text items (embedded body) and block 6.
  const names = new Map<string, string>();
  const claim = (name: string, what: string): void => {
    const other = names.get(name);
    if (other !== undefined) throw new Error(`${what} and ${other} have the same property name "${name}"`);
    names.set(name, what);
  };
  for (const e of body.entries) claim(e.name, e.kind === 'group' ? `group ${e.name}` : `item ${e.tag}`);
  for (const e of text?.entries ?? []) if (e.kind === 'item' && e.role === 'value') claim(e.name, `text item ${e.tag}`);
  for (const e of block6.entries) if (e.kind === 'item') claim(e.name, `block-6 item ${e.tag}`);

  // Bare amounts follow the currency item named by amountCurrencyFrom.
  for (const r of rules) {
    if (r.rule !== 'amountCurrencyFrom') continue;
    for (const it of allItems(body)) if (it.notation === 'AMOUNT') it.currencyFrom = r.currency;
  }

  const refs = new Map<string, TagRef>();
  for (const [list, lp] of [
    ['body', body],
    ['text', text],
    ['block6', block6],
  ] as const) {
    if (lp === undefined) continue;
    for (const [tag, locs] of lp.index) {
      const loc = locs[0];
      if (loc === undefined || refs.has(tag)) continue;
      refs.set(tag, loc.item >= 0 ? { list, group: loc.entry, index: loc.item } : { list, group: -1, index: loc.entry });
    }
  }
  const textBlock = { block: '4' as const, dictionaryEn: 'text-block (block 4)', dictionaryZh: '正文块' };
  const c = container?.tag;
  const where = {
    text: { ...textBlock, dictionary: textDict, en: ' (text block)', zh: '（正文块）' },
    body:
      c === undefined
        ? { ...textBlock, dictionary: dict, en: '', zh: '' }
        : { block: '4' as const, container: c, dictionary: dict, dictionaryEn: `${c} embedded`, dictionaryZh: `${c}内嵌域`, en: '', zh: '' },
    block6: { block: '6' as const, dictionary: block6Dict, dictionaryEn: 'block-6', dictionaryZh: '附加正文块', en: ' in block 6', zh: '（附加正文块）' },
  };

  const hasParticipants = [body, text, block6].some((l) => l !== undefined && allItems(l).some((it) => it.participantCN));
  return {
    def,
    refs,
    hasParticipants,
    uses: 0,
    where,
    id: `${FMT_PREFIX}${def.fmt}`,
    number: def.fmt,
    mt: def.mt,
    body,
    ...(text !== undefined ? { text } : {}),
    ...(container !== undefined ? { container } : {}),
    block6,
    rules,
    dictionary: dict,
    textDictionary: textDict,
    block6Dictionary: block6Dict,
  };
}

/** Every item of a list, groups flattened. */
export function allItems(list: ListPlan): ItemPlan[] {
  const out: ItemPlan[] = [];
  for (const e of list.entries) {
    if (e.kind === 'group') out.push(...e.items);
    else out.push(e);
  }
  return out;
}

function compileList(
  b: Builder,
  fmt: FmtDef,
  items: FmtDef['items'],
  dict: ReadonlyMap<string, TagDef>,
  embedded: boolean,
  block: '4' | '6',
  at: string,
  roleOf: (tag: string) => ItemRole = () => 'value',
): ListPlan {
  const entries: EntryPlan[] = [];
  const index = new Map<string, TagLoc[]>();
  const addLoc = (tag: string, loc: TagLoc): void => {
    const list = index.get(tag);
    if (list === undefined) index.set(tag, [loc]);
    else list.push(loc);
  };
  items.forEach((it, i) => {
    if ('group' in it) {
      const gItems = it.items.map((gi, j) => compileItem(b, fmt, gi, dict, embedded, block, j, 'value', at));
      const count = it.count;
      const min = 'tag' in count ? 0 : count.min;
      const max = 'tag' in count ? Number.POSITIVE_INFINITY : count.max;
      const g: GroupPlan = {
        kind: 'group',
        name: it.group,
        nameZh: it.nameZh ?? it.group,
        def: it,
        count,
        items: gItems,
        index: i,
        single: max === 1,
        min,
        max,
        countItem: undefined,
      };
      for (const gi of gItems) gi.group = g;
      gItems.forEach((gi, j) => addLoc(gi.tag, { entry: i, item: j }));
      if ('tag' in count) {
        const counter = entries.find((e): e is ItemPlan => e.kind === 'item' && e.tag === count.tag);
        if (counter === undefined) throw new Error(`group ${it.group}: count item ${count.tag} is not an item before it`);
        g.countItem = counter;
        counter.countOf = g;
        (counter as { role: ItemRole }).role = 'count';
      }
      entries.push(g);
    } else {
      entries.push(compileItem(b, fmt, it, dict, embedded, block, i, roleOf(it.tag), at));
      addLoc(it.tag, { entry: i, item: -1 });
    }
  });
  const packed = new Map<number, TagLoc[]>();
  for (const [tag, locs] of index) {
    const k = packTag(tag);
    if (k >= 0) packed.set(k, locs);
  }
  return { entries, index, packed };
}

function compileItem(
  b: Builder,
  fmt: FmtDef,
  item: FieldItem,
  dict: ReadonlyMap<string, TagDef>,
  embedded: boolean,
  block: '4' | '6',
  index: number,
  role: ItemRole,
  at: string,
): ItemPlan {
  const def = dict.get(item.tag);
  if (def === undefined) throw new Error(`item ${item.tag} is not in the dictionary`);
  const notation = item.format ?? def.format;
  const names = def.parts !== undefined && def.parts.length > 0 ? { names: def.parts } : undefined;
  // First pass: the components (to tell variables from anonymous ones).
  const plain = compileFormat(notation, names);
  const comps = plain.components;
  const codes: CodeSpec | undefined = item.codes ?? def.codes;
  const rules: (ComponentRules | undefined)[] = [];
  const anonymousIndex = new Map<string, number>();
  let k = 0;
  for (const c of comps) if (c.variable === undefined) anonymousIndex.set(c.name, k++);
  const postCodes: PostCodeCheck[] = [];
  const typeOverride = new Map<string, string>();
  if (codes !== undefined && role !== 'container') {
    const comp = codes.part ?? (comps.length === 1 ? comps[0]!.name : undefined);
    const info = comps.find((c) => c.name === comp);
    if (info === undefined) throw new Error(`item ${item.tag}: codes apply to ${codes.part ?? 'the whole value'}, which the format "${notation}" does not have`);
    let table: string | undefined;
    let label: CodeTableLabel;
    let values: ReadonlySet<string> | undefined;
    if ('table' in codes) {
      table = codes.table;
      const tdef = codeTableDef(table);
      label = b.labels.get(table) ?? { table, en: tdef?.nameEn ?? table, zh: tdef?.nameZh ?? table };
      typeOverride.set(info.name, table === KNOWN_FMT_TABLE ? FMT_NUMBER_TYPE_NAME : codeTableTypeName(table));
      if (tdef?.open === true) table = undefined; // examples only: not checked
    } else {
      values = new Set(codes.values.map((v) => v.code));
      const list = codes.values.map((v) => v.code).join(', ');
      const name = `${at}:${item.tag}${codes.part !== undefined ? `.${codes.part}` : ''}`;
      table = name;
      label = { table: `${at} ${item.tag}`, en: `the codes allowed for ${item.tag} in ${at}: ${list}`, zh: `${at}中${item.tag}允许的代码：${list}` };
      b.extraTables.set(name, new Map(codes.values.map((v) => [v.code, v.zh ?? v.code])));
      b.labels.set(name, label);
      typeOverride.set(info.name, literalUnion(values));
    }
    if (table !== undefined) {
      const ai = anonymousIndex.get(info.name);
      if (ai !== undefined) {
        rules[ai] = { codeTable: table };
      } else {
        postCodes.push({
          comp: plain.scalar ? undefined : info.name,
          codes: values,
          ...(values === undefined ? { table } : {}),
          label,
        });
      }
    }
  }
  const format = rules.length > 0 ? compileFormat(notation, { ...(names ?? {}), rules }) : plain;
  const parsers = parsersOf(format);
  const componentTypes = format.components.map((info) => {
    let t = typeOverride.get(info.name) ?? info.tsType;
    if (info.multiLine) t = 'readonly string[]';
    return { info, tsType: t };
  });
  let tsType: string;
  if (format.components.length === 0) tsType = 'string';
  else if (format.scalar) tsType = componentTypes[0]!.tsType;
  else tsType = `{ ${componentTypes.map((c) => `readonly ${c.info.name}${c.info.optional ? '?' : ''}: ${c.tsType}`).join('; ')} }`;

  // Where rules find the amount, currency, date, mark and BIC ('' = the whole, scalar value).
  const comps2 = format.components;
  const only = format.scalar ? comps2[0] : undefined;
  const named = (name: string): string | undefined => (comps2.some((c) => c.name === name) ? name : undefined);
  let amountComp: string | undefined;
  let currencyComp: string | undefined;
  let dateComp: string | undefined;
  let markComp: string | undefined;
  let bicComp: string | undefined;
  if (only !== undefined) {
    if (only.variable === 'AMOUNT' || isDecimal(only.notation)) amountComp = '';
    if (only.variable === 'CCY' || notation === '3!a') currencyComp = '';
    if (only.variable === 'DATE') dateComp = '';
    if (only.variable === 'DC') markComp = '';
    if (only.variable === 'BIC') bicComp = '';
  } else {
    amountComp = named('amount');
    currencyComp = named('currency');
    dateComp = named('date');
    markComp = named('mark');
    bicComp = comps2.find((c) => c.variable === 'BIC')?.name;
  }
  const participant = item.participant ?? def.participant;
  return {
    kind: 'item',
    tag: item.tag,
    name: def.name,
    nameZh: item.nameZh ?? def.nameZhIn?.[fmt.category] ?? def.nameZh,
    status: item.status,
    item,
    def,
    notation,
    format,
    fast: parsers.value,
    simple: parsers.simple,
    lines: parsers.lines,
    read: parsers.reader,
    role,
    block,
    embedded,
    index,
    group: undefined,
    countOf: undefined,
    currencyFrom: undefined,
    participantCN: participant === 'CN' && bicComp !== undefined,
    amountComp,
    currencyComp,
    dateComp,
    markComp,
    bicComp,
    postCodes,
    tsType,
    componentTypes,
  };
}
