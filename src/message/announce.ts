/**
 * Messages that change the tables (FMT087 币种变更通知: a currency added, changed or deleted from
 * a date on). The FMT table says which items hold what (`announces`, src/spec/schema.ts), so
 * reading the changes is table-driven; applying them makes codec options for `createCodec`, so
 * a bank's middleware follows the centre's announcements without code.
 */
import type { AnnouncementDef } from '../spec/schema.js';
import { defaultCodec, type Codec, type CodecOptions } from './codec.js';
import { valueToJSON, type JsonValue } from './json.js';
import { fmtNumber, type EntryPlan, type ItemPlan } from './plan.js';
import type { AnyMessage } from './types.js';

/** One change a message announces. */
export interface TableChange {
  /** The announcing message's FMT (`FMT087`). */
  readonly fmt: string;
  /** The table changed: `currencies`, or a code table's name. */
  readonly table: string;
  /** The entry: the currency code, or the code. */
  readonly key: string;
  /** `A` add, `M` modify, `D` delete (the change-type item's value, as written). */
  readonly change: string;
  /** `YYYYMMDD`: the change holds from this date on. */
  readonly effective: string;
  /** The entry's attributes by tag (`{ CDP: '2', SBK: 'BKCHCNBJ' }`), as JSON values. */
  readonly values: Readonly<Record<string, JsonValue>>;
}

/**
 * The table changes `message` announces, in message order; empty when its FMT announces none
 * (every FMT but FMT087 in the shipped tables) or the items are missing (an invalid message).
 */
export function announcedChanges(message: AnyMessage, codec: Codec<AnyMessage> | Codec = defaultCodec()): TableChange[] {
  const plan = codec.compiled.plans.get(fmtNumber(message.fmt));
  const a = plan?.def.announces;
  if (plan === undefined || a === undefined) return [];
  const body = message.body as Readonly<Record<string, unknown>>;
  const entries = plan.body.entries;
  const effective = text(body, itemNamed(entries, a.effective));
  if (effective === undefined) return [];
  const out: TableChange[] = [];
  const read = (items: readonly EntryPlan[], values: Readonly<Record<string, unknown>>): void => {
    const key = text(values, itemNamed(items, a.key));
    const change = text(values, itemNamed(items, a.change));
    if (key === undefined || change === undefined) return;
    out.push({ fmt: message.fmt, table: a.table, key, change, effective, values: attributes(a, items, values) });
  };
  if (a.group === undefined) {
    read(entries, body);
    return out;
  }
  const group = entries.find((e) => e.kind === 'group' && e.name === a.group);
  if (group === undefined || group.kind !== 'group') return out;
  const reps = body[group.name];
  for (const rep of Array.isArray(reps) ? reps : reps === undefined ? [] : [reps]) {
    if (typeof rep === 'object' && rep !== null) read(group.items, rep as Readonly<Record<string, unknown>>);
  }
  return out;
}

function itemNamed(entries: readonly EntryPlan[], tag: string): ItemPlan | undefined {
  for (const e of entries) if (e.kind === 'item' && e.tag === tag) return e;
  return undefined;
}

function text(values: Readonly<Record<string, unknown>>, item: ItemPlan | undefined): string | undefined {
  const v = item === undefined ? undefined : values[item.name];
  return typeof v === 'string' ? v : undefined;
}

function attributes(a: AnnouncementDef, items: readonly EntryPlan[], values: Readonly<Record<string, unknown>>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const tag of a.values ?? []) {
    const item = itemNamed(items, tag);
    const v = item === undefined ? undefined : values[item.name];
    if (v !== undefined) out[tag] = valueToJSON(v);
  }
  return out;
}

/**
 * `options` with the `changes` in effect on `asOf` (`YYYYMMDD`) applied, oldest first (a later
 * change to the same entry wins): for `currencies`, `A`/`M` set the currency with its minor units
 * (the `CDP` attribute; a change without a whole-number `CDP` keeps the units the options already
 * give), `D` removes it; for a code table, `A`/`M` add the code (its label: the first attribute,
 * else the code), `D` removes it. Pass the result to `createCodec`.
 */
export function withAnnouncements(options: CodecOptions, changes: readonly TableChange[], asOf: string): CodecOptions {
  const due = changes.filter((c) => c.effective <= asOf).sort((x, y) => (x.effective < y.effective ? -1 : x.effective > y.effective ? 1 : 0));
  if (due.length === 0) return options;
  const currencies: Record<string, number | null> = { ...options.currencies };
  const codeTables: Record<string, Record<string, string | null>> = {};
  for (const [name, codes] of Object.entries(options.codeTables ?? {})) codeTables[name] = { ...codes };
  for (const c of due) {
    const remove = c.change === 'D';
    if (c.table === 'currencies') {
      if (remove) currencies[c.key] = null;
      else {
        const units = c.values['CDP'];
        const n = typeof units === 'string' && /^[0-9]$/.test(units) ? Number(units) : undefined;
        if (n !== undefined) currencies[c.key] = n;
      }
    } else {
      const table = (codeTables[c.table] ??= {});
      const first = Object.values(c.values)[0];
      table[c.key] = remove ? null : typeof first === 'string' ? first : c.key;
    }
  }
  return {
    ...options,
    ...(Object.keys(currencies).length > 0 ? { currencies } : {}),
    ...(Object.keys(codeTables).length > 0 ? { codeTables } : {}),
  };
}
