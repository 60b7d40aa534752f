/**
 * Generates docs/formats.md from the standard's tables (src/spec): the 73 FMTs with every field,
 * format, status and rule, the family rules and the tag dictionaries. Nothing in the page is
 * written by hand.
 *
 *   npx tsx scripts/gen-docs.ts
 *
 * test/spec-tables.test.ts checks that the committed page equals the generator's output.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FMT_PREFIX } from '../src/spec/envelope.js';
import { familyRulesFor, fmtsByMt, ruleSubject } from '../src/spec/families.js';
import { CATEGORIES } from '../src/spec/fmts/index.js';
import type {
  CategoryId,
  CodeSpec,
  CodeValue,
  Condition,
  FamilyRuleDef,
  FieldItem,
  FlowDef,
  FmtDef,
  ReferenceDef,
  Role,
  RuleDef,
  RuleScope,
  SpecTables,
  TagDef,
} from '../src/spec/schema.js';
import { SPEC_TABLES } from '../src/spec/check-tables.js';
import { codeTableDef } from '../src/spec/code-tables.js';
import { KNOWN_FMT_TABLE } from '../src/spec/schema.js';
import { variableDef } from '../src/spec/variables.js';

interface Text {
  readonly zh: string;
  readonly en: string;
}

const ROLE: Readonly<Record<Role, Text>> = {
  participant: { zh: '参与者', en: 'participant' },
  directParticipant: { zh: '直接参与者', en: 'direct participant' },
  centre: { zh: '外币清算处理中心', en: 'centre' },
  settlementBank: { zh: '代理结算银行', en: 'settlement bank' },
  specialParticipant: { zh: '特许参与者', en: 'special participant' },
  all: { zh: '全体参与者', en: 'all participants' },
};

const STATUS: Readonly<Record<string, string>> = { M: 'M 必选', O: 'O 可选', C: 'C 条件' };

function categoryName(id: CategoryId): Text & { section: string } {
  const c = CATEGORIES.find((x) => x.id === id);
  return c === undefined ? { zh: id, en: id, section: '?' } : { zh: c.nameZh, en: c.name, section: c.section };
}

/** Escapes a table cell. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const code = (s: string): string => '`' + s + '`';
const both = (t: Text): string => `${t.zh} / ${t.en}`;

function conditionText(c: Condition): Text {
  if ('currenciesDiffer' in c) {
    const [a, b] = c.currenciesDiffer;
    return { zh: `${a}与${b}币种不同`, en: `the currencies of ${a} and ${b} differ` };
  }
  if ('present' in c) return { zh: `${c.present}出现`, en: `${c.present} is present` };
  if ('equals' in c) return { zh: `${c.tag} = ${c.equals}`, en: `${c.tag} = ${c.equals}` };
  if ('notEquals' in c) return { zh: `${c.tag} ≠ ${c.notEquals}`, en: `${c.tag} ≠ ${c.notEquals}` };
  const list = c.oneOf.join(', ');
  return { zh: `${c.tag} ∈ {${list}}`, en: `${c.tag} ∈ {${list}}` };
}

/** A rule in Chinese and English, rendered from its parameters only. */
export function describeRule(rule: RuleDef): Text {
  switch (rule.rule) {
    case 'requiredWhen': {
      const c = conditionText(rule.when);
      return rule.otherwise === 'forbidden'
        ? { zh: `${rule.tag}：当${c.zh}时必须出现，否则不得出现`, en: `${rule.tag}: M when ${c.en}; otherwise not allowed` }
        : { zh: `${rule.tag}：当${c.zh}时必须出现，否则可选`, en: `${rule.tag}: M when ${c.en}; otherwise optional` };
    }
    case 'onlyWhen': {
      const c = conditionText(rule.when);
      return { zh: `${rule.tag}：仅当${c.zh}时允许出现`, en: `${rule.tag}: allowed only when ${c.en}` };
    }
    case 'fieldComplete':
      return { zh: `${rule.tag}：${rule.parts.join('、')}须齐全`, en: `${rule.tag}: ${rule.parts.join(' and ')} must be present` };
    case 'amountPositive':
      return { zh: `${rule.tag}金额须大于零`, en: `amount of ${rule.tag} > 0` };
    case 'minValue':
      return { zh: `${rule.tag}不得小于${rule.min}`, en: `${rule.tag} ≥ ${rule.min}` };
    case 'sumEquals': {
      if (rule.where === undefined) {
        return { zh: `${rule.total} = 各${rule.of}金额之和`, en: `${rule.total} = sum of all ${rule.of}` };
      }
      const c = conditionText(rule.where);
      return { zh: `${rule.total} = 满足${c.zh}的各${rule.of}金额之和`, en: `${rule.total} = sum of ${rule.of} where ${c.en}` };
    }
    case 'amountsEqual':
      return { zh: `${rule.tags.join('、')}金额相等`, en: `${rule.tags.join(' = ')}` };
    case 'sameCurrency':
      return rule.tags.length === 1
        ? { zh: `各次${rule.tags[0]}币种一致`, en: `every ${rule.tags[0]} in one currency` }
        : { zh: `${rule.tags.join('、')}币种一致`, en: `${rule.tags.join(', ')} in one currency` };
    case 'dateNotBefore':
      return { zh: `${rule.tag}不得早于${rule.than}`, en: `${rule.tag} ≥ ${rule.than}` };
    case 'balanceEquation':
      return {
        zh: `${rule.credits}与${rule.debits}均出现时：${rule.closing} = ${rule.opening} + ${rule.credits} − ${rule.debits}（按借贷标识计符号）`,
        en: `when ${rule.credits} and ${rule.debits} are both present: ${rule.closing} = ${rule.opening} + ${rule.credits} − ${rule.debits} (signed by D/C)`,
      };
    case 'uniqueInMessage':
      return { zh: `${rule.tag}在报文内不得重复`, en: `${rule.tag} unique within the message` };
    case 'firstLinePrefix':
      return rule.textAfter
        ? { zh: `${rule.tag}首行以${rule.prefix}开头，其后须有说明`, en: `${rule.tag}: first line ${rule.prefix} followed by text` }
        : { zh: `${rule.tag}首行以${rule.prefix}开头`, en: `${rule.tag}: first line starts with ${rule.prefix}` };
    case 'mtMatchesFmt':
      return {
        zh: `用户头块119须为已定义的报文格式号，应用头块MT须为该格式所属MT`,
        en: `user-header 119 names a known FMT and block 2's MT is that FMT's MT`,
      };
    case 'fieldEqualsFmt':
      return { zh: `${rule.tag}须等于报文格式号（与用户头块119一致）`, en: `${rule.tag} = the FMT number (as in user-header 119)` };
    case 'headerAddressCountry': {
      const zh = rule.parties.map((p) => (p === 'sender' ? '发送方' : '接收方')).join('、');
      return {
        zh: `头块中${zh}LT地址的国家代码须为${rule.country}`,
        en: `header LT addresses of the ${rule.parties.join(' and ')} have country ${rule.country}`,
      };
    }
    case 'headerPriority': {
      const codes = codeTableDef(rule.table)?.codes ?? [];
      return {
        zh: `应用头块优先级（紧急级别）须为代码表${rule.table}中的代码（${codes.map((c) => `${c.code} ${c.zh}`).join('、')}）`,
        en: `block-2 priority (urgency) is a code of table ${rule.table} (${codes.map((c) => `${c.code} ${c.en}`).join(', ')})`,
      };
    }
    case 'amountCurrencyFrom':
      return {
        zh: `无币种的金额项（AMOUNT）按${rule.currency}确定币种及小数位数（同一重复组内的优先，否则报文级）`,
        en: `bare AMOUNT items take the currency of ${rule.currency} (same group repetition first, else message level) for minor units`,
      };
  }
}

function scopeText(scope: RuleScope): string {
  if ('all' in scope) return '所有报文 / every FMT';
  if ('mt' in scope) return `MT${scope.mt}`;
  if ('category' in scope) {
    const c = categoryName(scope.category);
    return `${c.section} ${c.zh} / ${c.en}`;
  }
  return scope.body === 'embedded' ? '77E 内嵌正文 / embedded body' : '正文块 / text body';
}

function scopeShort(scope: RuleScope): string {
  if ('all' in scope) return 'all';
  if ('mt' in scope) return `MT${scope.mt}`;
  if ('category' in scope) return categoryName(scope.category).section;
  return scope.body;
}

function flowText(flow: FlowDef): string {
  const side = (roles: readonly Role[]): Text => ({
    zh: roles.map((r) => ROLE[r].zh).join(' / '),
    en: roles.map((r) => ROLE[r].en).join(' / '),
  });
  const from = side(flow.from);
  const to = side(flow.to);
  const via = flow.via === 'centre' ? { zh: ` → ${ROLE.centre.zh}`, en: ` → ${ROLE.centre.en}` } : { zh: '', en: '' };
  let s = `${from.zh}${via.zh} → ${to.zh} / ${from.en}${via.en} → ${to.en}`;
  if (flow.noteZh !== undefined || flow.note !== undefined) s += ` (${[flow.noteZh, flow.note].filter(Boolean).join(' / ')})`;
  if (flow.inferred === true) s += ' — 推定，fields.md 未注明 / inferred, not stated in fields.md';
  return s;
}

function codeValueText(v: CodeValue, fallback?: readonly CodeValue[]): string {
  const label = v.zh !== undefined || v.en !== undefined ? v : fallback?.find((f) => f.code === v.code);
  if (label === undefined || (label.zh === undefined && label.en === undefined)) return code(v.code);
  return `${code(v.code)} ${[label.zh, label.en].filter(Boolean).join(' / ')}`;
}

/** The codes (with labels) behind a code spec, when they are known statically. */
function knownCodes(spec: CodeSpec | undefined, format?: string): readonly CodeValue[] | undefined {
  if (spec !== undefined) return 'table' in spec ? codeTableDef(spec.table)?.codes : spec.values;
  const table = format === undefined ? undefined : variableDef(format)?.codeTable;
  return table === undefined ? undefined : codeTableDef(table)?.codes;
}

/**
 * A code spec: a list (labels from the list, else from `base`); a table by name (with its codes
 * when `expand`).
 */
function codeSpecText(spec: CodeSpec, base: CodeSpec | undefined, format: string | undefined, expand: boolean): string {
  const part = spec.part === undefined ? '' : `${spec.part}: `;
  if ('table' in spec) {
    if (spec.table === KNOWN_FMT_TABLE) return `${part}已定义的报文格式号 / a known FMT number`;
    const def = codeTableDef(spec.table);
    const head = `${part}代码表 / code table ${code(spec.table)}${def?.open === true ? ' (示例 / examples)' : ''}`;
    if (!expand || def === undefined) return head;
    return `${head}: ${def.codes.map((c) => codeValueText(c)).join(', ')}`;
  }
  return part + spec.values.map((v) => codeValueText(v, knownCodes(base, format))).join(', ');
}

function referenceText(ref: ReferenceDef): string {
  const of =
    ref.fmts !== undefined
      ? ref.fmts.map((f) => `FMT${f}`).join('/')
      : ref.category !== undefined
        ? `${categoryName(ref.category).section} ${categoryName(ref.category).zh}`
        : '所应答报文 / the message answered';
  return `= ${of} :${ref.tag}:`;
}

function formatText(def: TagDef, item?: FieldItem): string {
  const f = item?.format ?? def.format;
  let s = code(f);
  if (item?.format !== undefined && item.format !== def.format) s += ' (本表限定 / narrowed)';
  const v = variableDef(f);
  if (v !== undefined && v.rules.includes('noSpace')) s += ` (${code(v.notation)} 不含空格 / no space)`;
  return s;
}

function itemNotes(def: TagDef, item: FieldItem, ownRules: readonly RuleDef[], family: readonly FamilyRuleDef[]): string {
  const out: string[] = [];
  const scope = item.participant ?? def.participant;
  if (scope === 'CN') out.push('CN 参与者 / CN participant');
  if (scope === 'any') out.push('任意国家 / any country');
  if (item.codes !== undefined) out.push(`取值 / codes: ${codeSpecText(item.codes, def.codes, def.format, false)}`);
  else if (def.codes !== undefined) out.push(`取值 / codes: ${codeSpecText(def.codes, undefined, undefined, true)}`);
  if (item.defaultValue !== undefined) out.push(`缺省 / default ${code(item.defaultValue)}`);
  for (const v of item.specialValues ?? []) out.push(`特殊值 / special value ${codeValueText(v)}`);
  const ref = item.refersTo ?? def.refersTo;
  if (ref !== undefined) out.push(referenceText(ref));
  for (const r of ownRules) {
    if (ruleSubject(r) === item.tag) out.push(`**${both(describeRule(r))}**`);
  }
  for (const f of family) {
    if (ruleSubject(f.rule) === item.tag) out.push(`**${both(describeRule(f.rule))}** [${scopeShort(f.scope)}]`);
  }
  const note = [item.noteZh, item.note].filter(Boolean).join(' / ');
  if (note) out.push(note);
  return out.join('<br>');
}

function nameZhOf(def: TagDef, item: FieldItem, category: CategoryId): string {
  return item.nameZh ?? def.nameZhIn?.[category] ?? def.nameZh;
}

function fieldRow(def: TagDef | undefined, item: FieldItem, fmt: FmtDef, family: readonly FamilyRuleDef[], indent: string): string {
  if (def === undefined) return `| ${indent}${item.tag} | ? | ? | ? | ${item.status} | tag not in dictionary |`;
  return [
    '',
    `${indent}${code(item.tag)}`,
    cell(nameZhOf(def, item, fmt.category)),
    code(def.name),
    cell(formatText(def, item)),
    STATUS[item.status] ?? item.status,
    cell(itemNotes(def, item, fmt.rules, family)),
    '',
  ].join(' | ').trim();
}

function renderFmt(fmt: FmtDef, tables: SpecTables): string[] {
  const lines: string[] = [];
  const cat = categoryName(fmt.category);
  const text = new Map(tables.tags.text.map((d) => [d.tag, d]));
  const dict = fmt.body === 'embedded' ? new Map(tables.tags.embedded.map((d) => [d.tag, d])) : text;
  const family = familyRulesFor(fmt, tables.familyRules, tables.embeddedBody);

  lines.push(`<a id="fmt${fmt.fmt}"></a>`, '', `### ${FMT_PREFIX}${fmt.fmt} · MT${fmt.mt} · ${fmt.nameZh}`, '');
  if (fmt.reserved === true) lines.push('> **暂不开发 / reserved**: 按本表解析和校验，并警告该报文格式未启用 / parsed and validated with this table, with a warning that the format is not in service.', '');
  lines.push(`- §${fmt.section} · ${cat.zh} (${cat.en}) · ${fmt.name}`);
  lines.push(`- 流向 / flow: ${flowText(fmt.flow)}`);
  lines.push(`- 签名块 / signature (block 7): ${STATUS[fmt.signature]}`);
  lines.push(
    `- 附加正文块 / block 6: ${fmt.block6.length === 0 ? '不允许 / not allowed' : fmt.block6.map((i) => `${code(i.tag)} ${i.status}`).join(' · ')}`,
  );
  if (fmt.body === 'embedded') {
    const envelope = tables.embeddedBody.textItems.map((i) => `${code(`:${i.tag}:`)} ${i.status}`).join(' · ');
    lines.push(`- 正文 / body: ${envelope}; the fields below are embedded in ${code(`:${tables.embeddedBody.container}:`)}`);
  } else {
    lines.push('- 正文 / body: block 4 fields');
  }
  const note = [fmt.noteZh, fmt.note].filter(Boolean).join(' / ');
  if (note) lines.push(`- 说明 / note: ${note}`);
  if (fmt.announces !== undefined) {
    const a = fmt.announces;
    lines.push(
      `- 变更公告 / announces: table ${code(a.table)}${a.group === undefined ? '' : ` (one change per ${code(a.group)})`}: key ${a.key}, change ${a.change}, effective ${a.effective}${a.values === undefined ? '' : `, values ${a.values.join(', ')}`}`,
    );
  }
  lines.push('');
  lines.push('| tag | 数据项 | 英文简称 | format | status | 规则 / rules |', '|---|---|---|---|---|---|');
  for (const it of fmt.items) {
    if ('group' in it) {
      const count =
        'tag' in it.count
          ? `重复${it.count.tag}次 / repeats ${it.count.tag} times`
          : `重复${it.count.min}至${it.count.max}次 / ${it.count.min} to ${it.count.max} times`;
      lines.push(`| **${cell(it.group)}** | ${cell(it.nameZh ?? '')} | ${code(it.group)} | group | | ${cell([count, it.note].filter(Boolean).join('<br>'))} |`);
      for (const g of it.items) lines.push(fieldRow(dict.get(g.tag), g, fmt, family, '↳ '));
    } else {
      lines.push(fieldRow(dict.get(it.tag), it, fmt, family, ''));
    }
  }
  // rules whose subject is not an item row: envelope and family rules on text-block fields
  const itemTags = new Set(fmt.items.flatMap((it) => ('group' in it ? it.items.map((g) => g.tag) : [it.tag])));
  const others = [
    ...fmt.rules.filter((r) => !itemTags.has(ruleSubject(r) ?? '')).map((r) => both(describeRule(r))),
    ...family.filter((f) => !itemTags.has(ruleSubject(f.rule) ?? '')).map((f) => `${both(describeRule(f.rule))} [${scopeShort(f.scope)}]`),
  ];
  if (others.length > 0) {
    lines.push('', '报文级规则 / message rules:', '');
    for (const o of others) lines.push(`- ${o}`);
  }
  lines.push('');
  return lines;
}

function renderDictionary(title: string, list: readonly TagDef[]): string[] {
  const lines = [`### ${title}`, '', '| tag | 数据项 | 英文简称 | format | parts | 取值 / codes | 说明 / notes |', '|---|---|---|---|---|---|---|'];
  for (const d of list) {
    const notes: string[] = [];
    if (d.notUsed === true) notes.push('不使用 / not used');
    if (d.participant === 'CN') notes.push('CN 参与者 / CN participant');
    if (d.embedded === true) notes.push('内嵌域 / embedded fields');
    if (d.refersTo !== undefined) notes.push(referenceText(d.refersTo));
    for (const [cat, name] of Object.entries(d.nameZhIn ?? {})) notes.push(`${categoryName(cat as CategoryId).section}: ${name}`);
    const note = [d.noteZh, d.note].filter(Boolean).join(' / ');
    if (note) notes.push(note);
    lines.push(
      `| ${code(d.tag)} | ${cell(d.nameZh)} | ${d.name ? code(d.name) : ''} | ${d.format ? cell(formatText(d)) : ''} | ${(d.parts ?? []).join(', ')} | ${cell(d.codes === undefined ? '' : codeSpecText(d.codes, undefined, undefined, true))} | ${cell(notes.join('<br>'))} |`,
    );
  }
  lines.push('');
  return lines;
}

/** The whole page. */
export function renderFormatsDoc(tables: SpecTables = SPEC_TABLES): string {
  const lines: string[] = [];
  lines.push('# CFXPS V1.4 message formats / 报文格式一览');
  lines.push('');
  lines.push('<!-- Generated by `npx tsx scripts/gen-docs.ts` from src/spec (tags.ts, fmts/, families.ts). Do not edit by hand. -->');
  lines.push('');
  lines.push(
    'Every fact on this page comes from the tables in `src/spec/`. FMT numbers, MT numbers, names, categories and the rules marked (V1.4) in `fields.md` are confirmed; tags, formats and item lists are the project\'s reconstruction (see the spec folder). Status: M 必选 mandatory · O 可选 optional · C 条件 conditional (a rule says when). Rules marked [all], [MT198], [3.2] are family rules (`src/spec/families.ts`).',
  );
  lines.push('');

  lines.push('## Contents / 报文清单', '', '| § | MT | FMT | 名称 | category |', '|---|---|---|---|---|');
  for (const f of tables.fmts) {
    const c = categoryName(f.category);
    lines.push(`| ${f.section} | MT${f.mt} | [${FMT_PREFIX}${f.fmt}](#fmt${f.fmt}) | ${cell(f.nameZh)}${f.reserved === true ? ' (暂不开发 / reserved)' : ''} | ${c.zh} |`);
  }
  lines.push('');

  lines.push('## MT → FMT', '', '| MT | FMTs |', '|---|---|');
  for (const [mt, list] of fmtsByMt(tables.fmts)) {
    lines.push(`| MT${mt} | ${list.length}: ${list.map((f) => `${FMT_PREFIX}${f.fmt}`).join(', ')} |`);
  }
  lines.push('');

  lines.push('## Family rules / 通用规则', '', '| scope | 规则 | rule | source |', '|---|---|---|---|');
  for (const f of tables.familyRules) {
    const d = describeRule(f.rule);
    lines.push(`| ${cell(scopeText(f.scope))} | ${cell(d.zh)} | ${cell(d.en)} | ${cell(f.source)} |`);
  }
  lines.push('');
  lines.push(
    `MT${tables.embeddedBody.mt} text block: ${tables.embeddedBody.textItems.map((i) => `${code(`:${i.tag}:`)} ${i.status}${i.nameZh === undefined ? '' : ` (${i.nameZh})`}`).join(' · ')}; ${code(`:${tables.embeddedBody.container}:`)} is last and holds the FMT's fields as embedded fields.`,
  );
  lines.push('');

  for (const c of CATEGORIES) {
    const list = tables.fmts.filter((f) => f.category === c.id);
    if (list.length === 0) continue;
    lines.push(`## ${c.section} ${c.nameZh} / ${c.name}`, '');
    for (const f of list) lines.push(...renderFmt(f, tables));
  }

  lines.push('## Tag dictionaries / TAG与域名一览表', '');
  lines.push(...renderDictionary('正文块 / text block (block 4)', tables.tags.text));
  lines.push(...renderDictionary('附加正文块 / block 6', tables.tags.block6));
  lines.push(...renderDictionary('77E 内嵌域 / 77E embedded fields (MT198)', tables.tags.embedded));
  return lines.join('\n');
}

/** Where the page is written. */
export const FORMATS_DOC_PATH = fileURLToPath(new URL('../docs/formats.md', import.meta.url));

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(FORMATS_DOC_PATH, renderFormatsDoc());
  console.log(`wrote ${FORMATS_DOC_PATH}`);
}
