/**
 * Small pure builders for the FMT tables, so that each table reads like the standard and each
 * fact is written once. Everything they return is plain data: the exported FMT tables are fully
 * expanded objects (no functions, no shared mutable state).
 */
import type {
  CategoryId,
  CodeList,
  CodeValue,
  FieldItem,
  FlowDef,
  FmtDef,
  GroupCount,
  GroupItem,
  ItemDef,
  Role,
  RuleDef,
} from '../schema.js';

type ItemExtra = Omit<FieldItem, 'tag' | 'status'>;

/** A mandatory item. */
export function M(tag: string, extra?: ItemExtra): FieldItem {
  return { tag, status: 'M', ...extra };
}

/** An optional item. */
export function O(tag: string, extra?: ItemExtra): FieldItem {
  return { tag, status: 'O', ...extra };
}

/** A conditional item (a requiredWhen / onlyWhen rule says when). */
export function C(tag: string, extra?: ItemExtra): FieldItem {
  return { tag, status: 'C', ...extra };
}

/** A repeating group. */
export function group(
  name: string,
  count: GroupCount,
  items: readonly FieldItem[],
  extra?: Pick<GroupItem, 'nameZh' | 'noteZh' | 'note'>,
): GroupItem {
  return { group: name, count, items, ...extra };
}

/** A group repeated as many times as the value of the count item `tag`. */
export function times(tag: string): GroupCount {
  return { tag };
}

/** A code list: `'A'`, or `['A', '设置', 'set']`. */
export function values(...codes: readonly (string | readonly [string, string?, string?])[]): CodeList {
  return { values: codes.map(codeValue) };
}

function codeValue(c: string | readonly [string, string?, string?]): CodeValue {
  if (typeof c === 'string') return { code: c };
  const [code, zh, en] = c;
  const v: { code: string; zh?: string; en?: string } = { code };
  if (zh !== undefined) v.zh = zh;
  if (en !== undefined) v.en = en;
  return v;
}

/** A flow `from → to` (optionally via the centre). */
export function flow(from: Role | readonly Role[], to: Role | readonly Role[], extra?: Omit<FlowDef, 'from' | 'to'>): FlowDef {
  return { from: asArray(from), to: asArray(to), ...extra };
}

function asArray<T extends string>(x: T | readonly T[]): readonly T[] {
  return typeof x === 'string' ? [x] : (x as readonly T[]);
}

/** The fields of an FMT table that every definition writes. */
export type FmtHead = Pick<FmtDef, 'fmt' | 'section' | 'nameZh' | 'name' | 'flow' | 'signature' | 'items'> &
  Partial<Pick<FmtDef, 'block6' | 'rules' | 'reserved' | 'announces' | 'noteZh' | 'note'>>;

/** An FMT whose items are block-4 fields. */
export function textFmt(category: CategoryId, mt: string, head: FmtHead): FmtDef {
  return { mt, category, body: 'text', block6: [], rules: [], ...head };
}

/** An MT198 FMT: the items are 77E embedded fields (families.ts EMBEDDED_BODY). */
export function mt198(category: CategoryId, head: FmtHead): FmtDef {
  return { mt: '198', category, body: 'embedded', block6: [], rules: [], ...head };
}

/** What a derived FMT ("as FMTxxx, except …") changes. */
export interface FmtChanges {
  readonly fmt: string;
  readonly section: string;
  readonly nameZh: string;
  readonly name: string;
  readonly flow?: FlowDef;
  readonly signature?: 'M' | 'O';
  readonly noteZh?: string;
  readonly note?: string;
  /** Top-level field items to change, by tag (merged into the base item). */
  readonly patch?: Readonly<Record<string, ItemExtra>>;
  /** Items to insert after a top-level item of the base. */
  readonly insert?: readonly { readonly after: string; readonly items: readonly ItemDef[] }[];
  /** Top-level items to remove, by tag. */
  readonly remove?: readonly string[];
  /** Rules of the base to drop (matched by value). */
  readonly dropRules?: readonly RuleDef[];
  /** Rules to add. */
  readonly addRules?: readonly RuleDef[];
}

/**
 * "As `base`, except …": a new FMT table from a base table and a list of changes. Pure; throws
 * only when the changes name an item the base does not have (a mistake in the tables, caught by
 * the test suite at load).
 */
export function derive(base: FmtDef, changes: FmtChanges): FmtDef {
  const items: ItemDef[] = [...base.items];
  const indexOf = (tag: string): number => {
    const i = items.findIndex((it) => 'tag' in it && it.tag === tag);
    if (i < 0) throw new Error(`derive FMT${changes.fmt} from FMT${base.fmt}: no item ${tag}`);
    return i;
  };
  for (const [tag, patch] of Object.entries(changes.patch ?? {})) {
    const i = indexOf(tag);
    items[i] = { ...(items[i] as FieldItem), ...patch };
  }
  for (const tag of changes.remove ?? []) items.splice(indexOf(tag), 1);
  for (const { after, items: added } of changes.insert ?? []) items.splice(indexOf(after) + 1, 0, ...added);

  const dropped = new Set((changes.dropRules ?? []).map(canonical));
  const rules = base.rules.filter((r) => !dropped.has(canonical(r)));
  if (rules.length + dropped.size !== base.rules.length) {
    throw new Error(`derive FMT${changes.fmt} from FMT${base.fmt}: a dropped rule is not in the base`);
  }

  const { patch: _p, insert: _i, remove: _r, dropRules: _d, addRules, ...head } = changes;
  const derived: FmtDef = {
    ...withoutNotes(base),
    ...head,
    items,
    rules: [...rules, ...(addRules ?? [])],
  };
  return derived;
}

/** The base's own notes are not inherited (they describe the base). */
function withoutNotes(base: FmtDef): FmtDef {
  const { noteZh: _z, note: _n, ...rest } = base;
  return rest;
}

/** JSON with sorted keys: value equality of plain data. */
export function canonical(x: unknown): string {
  return JSON.stringify(x, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
