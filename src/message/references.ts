/**
 * Messages that refer to other messages: a confirmation's `ORF`, a query's `21`, … name the `:20:`
 * of the message they answer (`refersTo` in the tables: the target's tag, and its FMTs or
 * category). `referencesOf` reads them from a message, table-driven; `correlate` links the
 * messages of a set (a day's file, a gateway's store) and lists the references it cannot resolve
 * there — the answer to "which payment does this confirmation confirm, and which confirmations
 * are still missing a payment". A reference to a message outside the set is not an error of the
 * message: whether to report it is the caller's choice.
 */
import type { ReferenceDef } from '../spec/schema.js';
import { defaultCodec, type Codec } from './codec.js';
import { fmtNumber, type FmtPlan, type ItemPlan, type ListPlan } from './plan.js';
import type { AnyMessage } from './types.js';

/** One reference a message makes. */
export interface MessageReference {
  /** The referring item's tag (`ORF`, `21`, …). */
  readonly tag: string;
  /** Where it is in the body (`body.originalReference`, `body.entries[2].originalReference`). */
  readonly path: string;
  /** The value: the referenced message's `refersTo.tag` value. */
  readonly value: string;
  /** What it refers to: an item (`tag`) of a message of these FMTs or this category (neither: any). */
  readonly refersTo: ReferenceDef;
}

/** The references `message` makes, in table order (empty when its FMT has none or it is not typed). */
export function referencesOf(message: AnyMessage, codec: Codec<AnyMessage> | Codec = defaultCodec()): MessageReference[] {
  const plan = codec.compiled.plans.get(fmtNumber(message.fmt));
  if (plan === undefined) return [];
  const out: MessageReference[] = [];
  const body = message.body as Readonly<Record<string, unknown>>;
  for (const list of lists(plan)) {
    for (const e of list.entries) {
      if (e.kind === 'item') {
        add(e, body, 'body', out);
        continue;
      }
      const v = body[e.name];
      const reps = e.single ? (v === undefined ? [] : [v]) : Array.isArray(v) ? v : [];
      reps.forEach((rep, i) => {
        if (typeof rep !== 'object' || rep === null) return;
        const path = e.single ? `body.${e.name}` : `body.${e.name}[${i}]`;
        for (const it of e.items) add(it, rep as Readonly<Record<string, unknown>>, path, out);
      });
    }
  }
  return out;
}

function lists(plan: FmtPlan): ListPlan[] {
  return plan.text === undefined ? [plan.body, plan.block6] : [plan.text, plan.body, plan.block6];
}

/** What an item refers to: the FMT's own `refersTo`, else its tag dictionary's. */
function refersToOf(it: ItemPlan): ReferenceDef | undefined {
  return it.item.refersTo ?? it.def.refersTo;
}

function add(e: ItemPlan, values: Readonly<Record<string, unknown>>, path: string, out: MessageReference[]): void {
  const refersTo = refersToOf(e);
  if (refersTo === undefined) return;
  const value = values[e.name];
  if (typeof value === 'string') out.push({ tag: e.tag, path: `${path}.${e.name}`, value, refersTo });
}

/** A reference of `messages[from]` and the messages of the set it names (one, normally). */
export interface MessageLink {
  readonly from: number;
  readonly reference: MessageReference;
  /** Indexes into the set of the messages it names; empty: not in the set. */
  readonly to: readonly number[];
}

/** What `correlate` (and `Correlator.result`) returns. */
export interface Correlation {
  readonly links: readonly MessageLink[];
  /** The links that name no message of the set. */
  readonly unresolved: readonly MessageLink[];
}

/**
 * Links the messages of a set, one message at a time (`add`), keeping only their references and
 * the values they can be referred to by, not the messages: for a day's file streamed through.
 * A reference names a message whose FMT fits `refersTo` (its FMTs, or its category) and whose
 * item `refersTo.tag` (at message level) has the reference's value, never the referring message.
 */
export class Correlator {
  private readonly refs: { readonly from: number; readonly reference: MessageReference }[] = [];
  /** `tag value` → the messages with that value at that (message-level) tag. */
  private readonly byValue = new Map<string, number[]>();
  /** Per message added: its plan, or undefined when its FMT is unknown. */
  private readonly plans: (FmtPlan | undefined)[] = [];
  /** The tags any reference of the tables points at (`20` in the shipped tables). */
  private readonly targetTags: ReadonlySet<string>;

  constructor(private readonly codec: Codec<AnyMessage> | Codec = defaultCodec()) {
    const tags = new Set<string>();
    for (const plan of codec.compiled.plans.values()) {
      for (const list of lists(plan)) {
        for (const e of list.entries) {
          for (const it of e.kind === 'item' ? [e] : e.items) {
            const r = refersToOf(it);
            if (r !== undefined) tags.add(r.tag);
          }
        }
      }
    }
    this.targetTags = tags;
  }

  /** Adds a message of the set; returns its index (0, 1, …). */
  add(message: AnyMessage): number {
    const from = this.plans.length;
    const plan = this.codec.compiled.plans.get(fmtNumber(message.fmt));
    this.plans.push(plan);
    if (plan === undefined) return from;
    for (const reference of referencesOf(message, this.codec)) this.refs.push({ from, reference });
    const body = message.body as Readonly<Record<string, unknown>>;
    for (const list of lists(plan)) {
      for (const e of list.entries) {
        if (e.kind !== 'item' || !this.targetTags.has(e.tag)) continue;
        const v = body[e.name];
        if (typeof v !== 'string') continue;
        const key = `${e.tag} ${v}`;
        const at = this.byValue.get(key);
        if (at === undefined) this.byValue.set(key, [from]);
        else at.push(from);
      }
    }
    return from;
  }

  /** Every reference of the messages added so far, with the messages it names. */
  result(): Correlation {
    const links: MessageLink[] = [];
    const unresolved: MessageLink[] = [];
    for (const { from, reference } of this.refs) {
      const { tag, fmts, category } = reference.refersTo;
      const to = (this.byValue.get(`${tag} ${reference.value}`) ?? []).filter((j) => {
        const plan = this.plans[j]!;
        if (j === from) return false;
        if (fmts !== undefined) return fmts.includes(plan.number);
        return category === undefined || plan.def.category === category;
      });
      const link = { from, reference, to };
      links.push(link);
      if (to.length === 0) unresolved.push(link);
    }
    return { links, unresolved };
  }
}

/** Every reference the messages make, each with the messages of the same set it names (`Correlator`). */
export function correlate(messages: readonly AnyMessage[], codec: Codec<AnyMessage> | Codec = defaultCodec()): Correlation {
  const c = new Correlator(codec);
  for (const m of messages) c.add(m);
  return c.result();
}
