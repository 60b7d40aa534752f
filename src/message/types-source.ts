/**
 * The body types of a table set as TypeScript source: one `FmtNNNBody` interface per FMT
 * (property names = 英文简称, types from each item's compiled format: `tsType` / `components`,
 * code lists narrowed to literal unions), one interface per repeating group, the `Message` union
 * and the code-table literal unions. The shipped tables' module is src/message/generated/
 * bodies.ts (scripts/gen-types.ts); `cfxps types --tables FILE` writes the same for a bank's
 * corrected tables, so its middleware is typed by its own copy of the standard.
 */
import { codeTableTypeSource } from '../spec/code-tables.js';
import type { NotationContext } from '../notation/types.js';
import type { SpecTables } from '../spec/schema.js';
import { FMT_NUMBER_TYPE_NAME, type CompiledTables, type FmtPlan, type GroupPlan, type ItemPlan, type ListPlan } from './plan.js';

/** What the source is made from: a codec's tables, code tables and compiled plans. */
export interface TypesSourceInput {
  readonly tables: SpecTables;
  readonly context: NotationContext;
  readonly compiled: CompiledTables;
}

/** The module's first lines (how it was made) and where it imports `TypedMessage` from. */
export interface TypesSourceOptions {
  readonly header: readonly string[];
  readonly typedMessageFrom: string;
  /** What the tables are, in the doc comments (`the shipped tables`). */
  readonly tablesName: string;
}

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const bodyName = (p: FmtPlan): string => `Fmt${p.number}Body`;
const messageName = (p: FmtPlan): string => `Fmt${p.number}Message`;
const groupName = (p: FmtPlan, g: GroupPlan): string => `Fmt${p.number}${pascal(g.name)}`;

function doc(it: ItemPlan, where: string): string {
  const status = it.status === 'M' ? 'M 必选' : it.status === 'O' ? 'O 可选' : 'C 条件';
  const extra: string[] = [];
  if (it.participantCN) extra.push('CN participant');
  return `/** ${where}${it.tag} ${it.nameZh} · \`${it.notation}\` · ${status}${extra.length > 0 ? ` · ${extra.join(', ')}` : ''} */`;
}

function property(it: ItemPlan, where: string, indent: string): string[] {
  const optional = it.status !== 'M';
  return [`${indent}${doc(it, where)}`, `${indent}readonly ${it.name}${optional ? '?' : ''}: ${it.tsType};`];
}

function groupProperty(p: FmtPlan, g: GroupPlan, indent: string): string[] {
  const counted = 'tag' in g.count ? `× ${g.count.tag}` : `× ${g.min}..${g.max}`;
  const line = `${indent}/** group ${g.nameZh} (${counted})${g.countItem !== undefined ? `: ${g.countItem.tag} is the length of this array` : ''} */`;
  if (g.single) return [line, `${indent}readonly ${g.name}${g.min >= 1 ? '' : '?'}: ${groupName(p, g)};`];
  return [line, `${indent}readonly ${g.name}: readonly ${groupName(p, g)}[];`];
}

function listLines(p: FmtPlan, list: ListPlan | undefined, where: string, out: string[]): void {
  if (list === undefined) return;
  for (const e of list.entries) {
    if (e.kind === 'group') out.push(...groupProperty(p, e, '  '));
    else if (e.role === 'value') out.push(...property(e, where, '  '));
  }
}

function fmtSource(p: FmtPlan): string {
  const lines: string[] = [];
  const def = p.def;
  for (const e of p.body.entries) {
    if (e.kind !== 'group') continue;
    lines.push(`/** ${p.id} group ${e.name}: ${e.nameZh} */`);
    lines.push(`export interface ${groupName(p, e)} {`);
    for (const it of e.items) lines.push(...property(it, '', '  '));
    lines.push('}');
    lines.push('');
  }
  const flags = [`signature ${def.signature}`, ...(def.reserved === true ? ['reserved (not in service)'] : [])];
  lines.push(`/** ${p.id} · MT${p.mt} · ${def.nameZh} · ${def.name} (${def.section}; ${flags.join(', ')}) */`);
  lines.push(`export interface ${bodyName(p)} {`);
  listLines(p, p.text, 'text block ', lines);
  listLines(p, p.body, p.text !== undefined ? '77E ' : '', lines);
  listLines(p, p.block6, 'block 6 ', lines);
  lines.push('}');
  lines.push(`export type ${messageName(p)} = TypedMessage<'${p.id}', '${p.mt}', ${bodyName(p)}>;`);
  return lines.join('\n');
}

/** A section line of the module: `// --- title ---…`, 96 characters. */
function rule(title: string): string {
  const head = `// --- ${title} `;
  return head + '-'.repeat(Math.max(3, 96 - head.length));
}

/** The generated module's text. */
export function renderBodyTypes(input: TypesSourceInput, options: TypesSourceOptions): string {
  const ctx = input.context;
  const plans = input.tables.fmts.map((f) => input.compiled.plans.get(f.fmt)!);
  const out: string[] = [];
  for (const line of options.header) out.push(`// ${line}`);
  out.push("import type Big from 'big.js';");
  out.push(`import type { TypedMessage } from '${options.typedMessageFrom}';`);
  out.push('');
  out.push(rule(`code tables (string-literal unions of ${options.tablesName})`));
  out.push('');
  out.push(codeTableTypeSource(ctx).trimEnd());
  out.push(`/** 报文格式号 the FMT numbers of ${options.tablesName} (pseudo code table FMT) */`);
  out.push(`export type ${FMT_NUMBER_TYPE_NAME} = ${plans.map((p) => `'${p.number}'`).join(' | ')};`);
  out.push('');
  out.push(rule('bodies, one per FMT, in the order of the standard'));
  for (const p of plans) {
    out.push('');
    out.push(fmtSource(p));
  }
  out.push('');
  out.push(rule('all messages'));
  out.push('');
  out.push(`/** A typed message of any of the ${plans.length} FMTs: narrow on \`fmt\`. */`);
  out.push(`export type Message =\n${plans.map((p) => `  | ${messageName(p)}`).join('\n')};`);
  out.push('');
  out.push("/** `FMT100` … `FMT089`. */");
  out.push("export type FmtId = Message['fmt'];");
  out.push('');
  out.push('/** The body type of each FMT. */');
  out.push('export interface BodyByFmt {');
  for (const p of plans) out.push(`  readonly ${p.id}: ${bodyName(p)};`);
  out.push('}');
  out.push('');
  out.push(`/** The FMT ids of ${options.tablesName}, in the order of the standard. */`);
  out.push(`export const FMT_IDS: readonly FmtId[] = [${plans.map((p) => `'${p.id}'`).join(', ')}];`);
  out.push('');
  // `Big` is used by the bodies that hold decimals; keep the import used even if none does.
  out.push('/** @internal */');
  out.push('export type DecimalValue = Big;');
  return out.join('\n') + '\n';
}

