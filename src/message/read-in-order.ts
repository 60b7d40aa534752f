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
 * The walk is compiled once per list of entries (ajv-style, `compileInOrder`): the plan's
 * entries become straight-line code with the tags, property names and value parsers as
 * constants. Interpreting the plan instead made every value-parser call and every body property
 * store one site shared by all items of all FMTs, which V8 cannot specialise.
 */
import type { EnvelopeResult } from '../envelope/parse.js';
import type { EmbeddedField, Field } from '../envelope/ast.js';
import { NOT_FAST } from '../notation/fast.js';
import type { TypedValue } from '../notation/types.js';
import type { CompiledTables, FmtPlan, GroupPlan, ItemPlan, ListPlan, ListWhere } from './plan.js';
import { blockEnd, containerFits, countOf, disallowedCode, embeddedOf, lookup, type ListState, type ReadState } from './read.js';
import type { Sink } from './sink.js';
import { CodeBuilder } from '../codegen.js';

/** The typed body of `env` when every field stands where the plan says and reads cleanly. */
export function readInOrder(
  core: CompiledTables,
  plan: FmtPlan,
  env: EnvelopeResult,
  sink: Sink,
  validate: boolean,
): { state: ReadState; body: Record<string, unknown> } | undefined {
  const tb = env.textBlock!;
  const end4 = blockEnd(tb);
  // The typed body is built as the fields are taken, in the order read.ts's `assemble` uses.
  const out: Record<string, unknown> = {};
  let text: ListState | undefined;
  let body: ListState | undefined;
  if (plan.text !== undefined) {
    // MT198: block 4's own fields, then the fields embedded in its container (77E).
    text = inOrderReader(plan.text)(core, tb.fields, end4, plan.where.text, out);
    if (text === undefined) return undefined;
    const embedded = embeddedOf(plan, text, tb.fields);
    if (embedded !== undefined) {
      body = inOrderReader(plan.body)(core, embedded, end4, plan.where.body, out);
      if (body === undefined) return undefined;
    }
  } else {
    body = inOrderReader(plan.body)(core, tb.fields, end4, plan.where.body, out);
    if (body === undefined) return undefined;
  }
  let block6: ListState | undefined;
  const b6 = env.additionalText;
  if (b6 !== undefined && plan.block6.entries.length > 0) {
    block6 = inOrderReader(plan.block6)(core, b6.fields, blockEnd(b6), plan.where.block6, out);
    if (block6 === undefined) return undefined;
  }
  return { state: { core, plan, env, sink, validate, body, text, block6 }, body: out };
}

/**
 * The fields of one block against one list of entries, in order, adding the typed values to
 * `out`. Undefined where read.ts's matcher would report (a mandatory item missing, a field left
 * over or out of place, a repetition count out of range) or would do something else than take
 * the next field in order.
 */
export type InOrderReader = (
  core: CompiledTables,
  fields: readonly (Field | EmbeddedField)[],
  end: number,
  where: ListWhere,
  out: Record<string, unknown>,
) => ListState | undefined;

const readers = new WeakMap<ListPlan, InOrderReader>();

/** The compiled reader of `list` (compiled on first use: a plan's items are final by then). */
export function inOrderReader(list: ListPlan): InOrderReader {
  let reader = readers.get(list);
  if (reader === undefined) readers.set(list, (reader = compileInOrder(list)));
  return reader;
}

/**
 * Generates the reader of `list`. Every string from the tables (tags, property names) enters
 * the code through `JSON.stringify`, so overridden tables cannot inject code; everything else
 * (items, parsers, bounds) is a constant of the runtime array.
 */
export function compileInOrder(list: ListPlan): InOrderReader {
  // read.ts starts a repetition at any item whose place is passed; in order, a repetition
  // starts at the first item, which must then be mandatory. A list with another kind of group
  // is always read.ts's: the walk would give up there every time.
  if (list.entries.some((e) => e.kind !== 'item' && e.items[0]!.status !== 'M')) return () => undefined;
  const code = new CodeBuilder();
  const constant = (value: unknown, prefix: string): string => code.constant(value, prefix);
  const str = (s: string): string => JSON.stringify(s);
  const n = list.entries.length;
  const emit = (line: string): void => code.emit(line);

  /** Code taking field `i` for `it` when its tag matches (else nothing, or giving up when mandatory). */
  const item = (it: ItemPlan, group: GroupPlan | undefined, target: string, slot: string): void => {
    const tag = str(it.tag);
    const matches = `i < count && (f = fields[i]).tag === ${tag}`;
    const I = constant(it, 'I');
    /** The occurrence read.ts's matcher makes (`occ`), clean, with value `value`, in its place. */
    const occurrence = (value: string): void => {
      emit(
        `  o = { item: ${I}, tag: f.tag, offset: f.offset, valueOffset: f.offset + f.tag.length + 2, raw: f.value, ` +
          `group: ${group === undefined ? -1 : group.index}, rep: ${group === undefined ? -1 : 'r'}, value: ${value}, clean: true };`,
      );
      emit(`  occs.push(o); ${slot} = o;`);
    };
    if (it.role === 'container') {
      // read.ts: no value, clean; with validation, its limits checked (`containerFits`).
      emit(`if (${matches}) {`);
      emit(`  if (!containerFits(${I}, f.value)) return undefined;`);
      occurrence('undefined');
      emit('  i++;');
      emit(it.status === 'M' ? '} else return undefined;' : '}');
      return;
    }
    // A value (also the FMT number and a count, which the body leaves out: `assemble`).
    const F = constant(it.fast, 'F');
    emit(`if (${matches}) {`);
    let hints = 'undefined';
    if (it.currencyFrom !== undefined) {
      // read.ts defers an amount whose currency comes later, or reports the missing currency.
      emit(`  c = lookup(st, ${str(it.currencyFrom)}, ${group === undefined ? '-1, -1' : `${group.index}, r`});`);
      emit('  if (c === undefined) return undefined;');
      hints = '{ currency: c.raw }';
    }
    if (it.simple !== undefined && it.currencyFrom === undefined) {
      // The format's one-function test first: a call V8 can inline here (see FastPath.simple).
      emit(`  if (${constant(it.simple, 'S')}(f.value, ctx)) v = f.value;`);
      emit(`  else if ((v = ${F}(f.value, ctx, undefined)) === NOT_FAST) return undefined;`);
    } else if (it.lines !== undefined && it.currencyFrom === undefined) {
      emit(`  if ((v = ${constant(it.lines, 'L')}(f.value)) === undefined && (v = ${F}(f.value, ctx, undefined)) === NOT_FAST) return undefined;`);
    } else {
      emit(`  v = ${F}(f.value, ctx, ${hints});`);
      emit('  if (v === NOT_FAST) return undefined;');
    }
    if (it.postCodes.length > 0) emit(`  if (!codesAllowed(core, ${I}, v)) return undefined;`);
    occurrence('v');
    if (group !== undefined || it.role === 'value') emit(`  if (v !== undefined) ${target}[${str(it.name)}] = v;`);
    emit('  i++;');
    emit(it.status === 'M' ? '} else return undefined;' : '}');
  };

  for (let e = 0; e < n; e++) {
    const entry = list.entries[e]!;
    if (entry.kind === 'item') {
      item(entry, undefined, 'out', `top[${e}]`);
      continue;
    }
    const items = entry.items;
    const max = constant(entry.max, 'MAX');
    emit('{');
    emit('  let repsOf, objs, made = 0;');
    emit(`  while (i < count && fields[i].tag === ${str(items[0]!.tag)} && made < ${max}) {`);
    emit('    const r = made;');
    emit(`    const rep = [${Array(items.length).fill('undefined').join(', ')}];`);
    emit('    const obj = {};');
    // In `reps` from the first repetition on: a later item's currency may be in this one (`lookup`).
    emit(`    if (repsOf === undefined) reps[${e}] = repsOf = [];`);
    emit('    repsOf.push(rep);');
    emit('    (objs ??= []).push(obj);');
    emit('    made++;');
    items.forEach((it, k) => item(it, entry, 'obj', `rep[${k}]`));
    emit('  }');
    emit(`  reps[${e}] = repsOf;`);
    // As `assemble`: a group is an array of its repetitions (empty when there is none), or its
    // one repetition's object.
    emit(entry.single ? `  if (objs !== undefined) out[${str(entry.name)}] = objs[0];` : `  out[${str(entry.name)}] = objs ?? [];`);
    // (The loop stops at the maximum.)
    emit(`  if (made < ${constant(entry.min, 'MIN')}) return undefined;`);
    // A group counted by an item (77E's CNT): read.ts's `checkRepetitions` compares the two.
    if (entry.countItem !== undefined) {
      emit(`  { const k = countOf(top[${entry.countItem.index}]); if (k !== undefined && k !== made) return undefined; }`);
    }
    // A field of this group's items after the group: read.ts keeps it in the group (a new
    // repetition or a finding) while repetitions are left.
    const tags = [...new Set(items.map((it) => it.tag))].map((t) => `t === ${str(t)}`).join(' || ');
    emit(`  if (i < count && made < ${max}) { const t = fields[i].tag; if (${tags}) return undefined; }`);
    emit(`  groupEnd[${e}] = i < count ? fields[i].offset : end;`);
    emit('}');
  }
  const prelude = [
    'const ctx = core.parseContext;',
    'const count = fields.length;',
    `const top = [${Array(n).fill('undefined').join(', ')}];`,
    `const reps = [${Array(n).fill('undefined').join(', ')}];`,
    `const groupEnd = [${Array(n).fill('-1').join(', ')}];`,
    'const occs = [];',
    'const st = { list, top, reps, groupEnd, occs, end, where };',
    'let i = 0, f, v, o, c;',
  ];
  const reader = code.compile<InOrderReader>('readInOrder', 'core, fields, end, where, out', { NOT_FAST, lookup, codesAllowed, containerFits, countOf, list }, prelude, [
    'return i === count ? st : undefined;',
  ]);
  // Where code generation is disallowed, read.ts reads every message: slower, the same findings.
  return reader ?? (() => undefined);
}

/** read.ts's `checkPostCodes` finds nothing. */
function codesAllowed(core: CompiledTables, it: ItemPlan, value: TypedValue | undefined): boolean {
  if (value === undefined) return true;
  for (const pc of it.postCodes) if (disallowedCode(core, pc, value) !== undefined) return false;
  return true;
}
