/**
 * `cfxps describe FMT…` and `cfxps list`: the standard's tables (src/spec, through the adapter),
 * rendered for a terminal or as JSON. Nothing here knows a format: every row comes from the data.
 */
import type { CommandDef } from '../main.js';
import { describeFmt, listCategories, listFmts, type FieldRow, type FmtDescription, type GroupRow, type RuleDef } from '../adapter.js';
import { CliError, Output } from '../input.js';
import { codecFor } from '../tables.js';
import { displayWidth, padEnd, type Lang } from '../report.js';

type Condition = Extract<RuleDef, { rule: 'requiredWhen' }>['when'];

function conditionText(c: Condition, lang: Lang): string {
  if ('currenciesDiffer' in c) {
    const [a, b] = c.currenciesDiffer;
    return lang === 'zh' ? `${a}与${b}币种不同` : `the currencies of ${a} and ${b} differ`;
  }
  if ('present' in c) return lang === 'zh' ? `${c.present}出现` : `${c.present} is present`;
  if ('equals' in c) return `${c.tag} = ${c.equals}`;
  if ('notEquals' in c) return `${c.tag} ≠ ${c.notEquals}`;
  return `${c.tag} ∈ {${c.oneOf.join(', ')}}`;
}

/** A rule as one line of text, from its parameters. */
export function ruleText(rule: RuleDef, lang: Lang): string {
  const zh = lang === 'zh';
  switch (rule.rule) {
    case 'requiredWhen': {
      const c = conditionText(rule.when, lang);
      const other = rule.otherwise === 'forbidden' ? (zh ? '否则不得出现' : 'otherwise not allowed') : zh ? '否则可选' : 'otherwise optional';
      return zh ? `${rule.tag}：当${c}时必须出现，${other}` : `${rule.tag} required when ${c}; ${other}`;
    }
    case 'onlyWhen':
      return zh ? `${rule.tag}：仅当${conditionText(rule.when, lang)}时允许出现` : `${rule.tag} allowed only when ${conditionText(rule.when, lang)}`;
    case 'fieldComplete':
      return zh ? `${rule.tag}：${rule.parts.join('、')}须齐全` : `${rule.tag}: ${rule.parts.join(' and ')} must be present`;
    case 'amountPositive':
      return zh ? `${rule.tag}金额大于零` : `amount of ${rule.tag} > 0`;
    case 'minValue':
      return `${rule.tag} ≥ ${rule.min}`;
    case 'sumEquals': {
      const where = rule.where === undefined ? '' : zh ? `（${conditionText(rule.where, lang)}）` : ` where ${conditionText(rule.where, lang)}`;
      return zh ? `${rule.total} = 各${rule.of}金额之和${where}` : `${rule.total} = sum of ${rule.of}${where}`;
    }
    case 'amountsEqual':
      return zh ? `${rule.tags.join('、')}金额相等` : rule.tags.join(' = ');
    case 'sameCurrency':
      return zh ? `${rule.tags.join('、')}币种一致` : `one currency: ${rule.tags.join(', ')}`;
    case 'dateNotBefore':
      return zh ? `${rule.tag}不得早于${rule.than}` : `${rule.tag} not before ${rule.than}`;
    case 'balanceEquation':
      return zh
        ? `${rule.closing} = ${rule.opening} + ${rule.credits} − ${rule.debits}（按借贷标识计符号；二者均出现时）`
        : `${rule.closing} = ${rule.opening} + ${rule.credits} − ${rule.debits} (signed by D/C; when both are present)`;
    case 'uniqueInMessage':
      return zh ? `${rule.tag}在报文内不得重复` : `${rule.tag} unique within the message`;
    case 'firstLinePrefix':
      return zh
        ? `${rule.tag}首行以${rule.prefix}开头${rule.textAfter ? '，其后须有说明' : ''}`
        : `${rule.tag}: first line starts with ${rule.prefix}${rule.textAfter ? ' followed by text' : ''}`;
    case 'mtMatchesFmt':
      return zh ? '用户头块119为已定义的报文格式号，应用头块MT与之对应' : "block 3 {119:} names a known FMT and block 2's MT is its MT";
    case 'fieldEqualsFmt':
      return zh ? `${rule.tag}等于报文格式号` : `${rule.tag} = the FMT number`;
    case 'headerAddressCountry':
      return zh
        ? `头块中${rule.parties.map((p) => (p === 'sender' ? '发送方' : '接收方')).join('、')}地址国家代码为${rule.country}`
        : `LT addresses of the ${rule.parties.join(' and ')} in country ${rule.country}`;
    case 'headerPriority':
      return zh ? `应用头块优先级为代码表${rule.table}中的代码` : `block 2 priority is a code of table ${rule.table}`;
    case 'amountCurrencyFrom':
      return zh ? `无币种的金额按${rule.currency}确定小数位数` : `bare amounts take the currency of ${rule.currency}`;
    default:
      return JSON.stringify(rule);
  }
}

// --- tables --------------------------------------------------------------------------------------

/** Lays out rows as columns (terminal widths; the last column is not padded). */
function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const n = Math.max(0, ...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < n - 1; c++) widths.push(Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  return rows.map((r) => (indent + r.map((cell, c) => (c < n - 1 ? padEnd(cell, widths[c]!) : cell)).join('  ')).trimEnd());
}

function codesText(row: FieldRow, lang: Lang): string {
  const codes = row.codes;
  if (codes === undefined) return '';
  const values = codes.values ?? [];
  if (codes.table !== undefined && (values.length === 0 || values.length > 12)) {
    return lang === 'zh' ? `代码表${codes.table}（${values.length}个代码）` : `codes: table ${codes.table} (${values.length} codes)`;
  }
  const list = values.map((v) => {
    const label = lang === 'zh' ? (v.zh ?? v.en) : (v.en ?? v.zh);
    return label === undefined ? v.code : `${v.code} ${label}`;
  });
  return (lang === 'zh' ? '取值：' : 'codes: ') + list.join(lang === 'zh' ? '；' : '; ');
}

function notes(row: FieldRow, lang: Lang): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const c = codesText(row, lang);
  if (c !== '') parts.push(c);
  if (row.participant === 'CN') parts.push(zh ? '须为境内参与者' : 'a CFXPS participant (CN)');
  if (row.participant === 'any') parts.push(zh ? '可为任一银行' : 'any bank');
  if (row.defaultValue !== undefined) parts.push(zh ? `缺省值${row.defaultValue}` : `default ${row.defaultValue}`);
  if (row.specialValues !== undefined) parts.push((zh ? '特殊值：' : 'special: ') + row.specialValues.map((v) => v.code).join(', '));
  if (row.refersTo !== undefined) {
    const fmts = row.refersTo.fmts === undefined ? '' : ` FMT${row.refersTo.fmts.join('/FMT')}`;
    parts.push(zh ? `指向${fmts}报文的:${row.refersTo.tag}:` : `refers to :${row.refersTo.tag}:${fmts === '' ? '' : ` of${fmts}`}`);
  }
  const note = zh ? (row.noteZh ?? row.note) : (row.note ?? row.noteZh);
  if (note !== undefined) parts.push(note);
  return parts.join(zh ? '；' : '; ');
}

function fieldCells(row: FieldRow, lang: Lang, indent: string): string[] {
  const name = lang === 'zh' ? row.nameZh : row.name === '' ? row.nameZh : `${row.nameZh} ${row.name}`;
  return [`${indent}${row.tag}`, row.status, name, row.format === '' ? '—' : row.format, notes(row, lang)];
}

function groupCount(g: GroupRow, lang: Lang): string {
  if ('tag' in g.count) return lang === 'zh' ? `× ${g.count.tag}的值` : `× value of ${g.count.tag}`;
  return g.count.min === g.count.max ? `× ${g.count.min}` : `× ${g.count.min}–${g.count.max}`;
}

function itemRows(items: readonly (FieldRow | GroupRow)[], lang: Lang): string[][] {
  const rows: string[][] = [];
  for (const it of items) {
    if ('group' in it) {
      const name = it.nameZh === undefined ? it.group : lang === 'zh' ? it.nameZh : `${it.nameZh} ${it.group}`;
      rows.push([lang === 'zh' ? '重复组' : 'group', '', name, groupCount(it, lang), (lang === 'zh' ? it.noteZh : it.note) ?? '']);
      for (const f of it.items) rows.push(fieldCells(f, lang, '  '));
    } else {
      rows.push(fieldCells(it, lang, ''));
    }
  }
  return rows;
}

const ROLE: Readonly<Record<string, readonly [string, string]>> = {
  participant: ['参与者', 'participant'],
  directParticipant: ['直接参与者', 'direct participant'],
  centre: ['外币清算处理中心', 'centre'],
  settlementBank: ['代理结算银行', 'settlement bank'],
  specialParticipant: ['特许参与者', 'special participant'],
  all: ['全体参与者', 'all participants'],
};

function role(r: string, lang: Lang): string {
  const t = ROLE[r];
  return t === undefined ? r : lang === 'zh' ? t[0] : t[1];
}

/** The field table of one FMT, as text. */
export function renderDescription(d: FmtDescription, lang: Lang): string {
  const zh = lang === 'zh';
  const header = zh ? ['域', '状态', '数据项', '格式', '说明'] : ['tag', 'st', 'name', 'format', 'notes'];
  const out: string[] = [];
  out.push(`${d.fmt} · MT${d.mt} · §${d.section} · ${d.categoryName.section} ${zh ? d.categoryName.nameZh : d.categoryName.name}${d.reserved ? (zh ? ' · 暂不开发' : ' · reserved (not in service)') : ''}`);
  out.push(d.nameZh);
  if (!zh) out.push(d.name);
  const flow = [d.flow.from.map((r) => role(r, lang)).join('/'), ...(d.flow.via === 'centre' ? [role('centre', lang)] : []), d.flow.to.map((r) => role(r, lang)).join('/')].join(' → ');
  out.push(`${zh ? '流向' : 'flow'}: ${flow}${d.flow.inferred === true ? (zh ? '（推定）' : ' (inferred)') : ''}`);
  out.push(
    zh
      ? `签名块（块7）：${d.signature === 'M' ? '必选' : '可选'}；附加正文块（块6）：${d.block6.length === 0 ? '不允许' : `${d.block6.length}个域`}`
      : `signature (block 7): ${d.signature === 'M' ? 'mandatory' : 'optional'}; block 6: ${d.block6.length === 0 ? 'not allowed' : `${d.block6.length} fields`}`,
  );
  const note = zh ? (d.noteZh ?? d.note) : (d.note ?? d.noteZh);
  if (note !== undefined) out.push(note);
  out.push('');
  if (d.body === 'embedded' && d.textItems !== undefined) {
    out.push(zh ? '正文块（块4）：' : 'text block (block 4):');
    out.push(...columns([header, ...d.textItems.map((f) => fieldCells(f, lang, ''))]));
    out.push('');
    out.push(zh ? `:${d.container}: 内嵌域：` : `embedded in :${d.container}: —`);
  } else {
    out.push(zh ? '正文块（块4）：' : 'text block (block 4):');
  }
  out.push(...columns([header, ...itemRows(d.items, lang)]));
  if (d.block6.length > 0) {
    out.push('', zh ? '附加正文块（块6）：' : 'block 6 (additional text):');
    out.push(...columns([header, ...d.block6.map((f) => fieldCells(f, lang, ''))]));
  }
  if (d.rules.length + d.familyRules.length > 0) {
    out.push('', zh ? '规则：' : 'rules:');
    for (const r of d.rules) out.push(`  - ${ruleText(r, lang)}`);
    for (const f of d.familyRules) out.push(`  - ${ruleText(f.rule, lang)} ${zh ? '（通用）' : '(family)'}`);
  }
  return out.join('\n') + '\n';
}

// --- commands ------------------------------------------------------------------------------------

function formatOption(values: Readonly<Record<string, string | boolean | undefined>>): 'text' | 'json' {
  const f = values['format'] === undefined ? 'text' : String(values['format']).toLowerCase();
  if (f !== 'text' && f !== 'json') throw new CliError(`--format must be text or json, not '${String(values['format'])}'`);
  return f;
}

export const describeCommand: CommandDef = {
  name: 'describe',
  summary: 'the field table of a format (FMT100, 010, …): fields, formats, codes, rules',
  usage: ['describe [options] FMT…'],
  description: [
    'Shows the table of each FMT named (FMT100, fmt100 or 100): its MT, section, flow, signature block,',
    'every field of block 4 (or of 77E for MT198) and block 6 with status, name, format, codes and notes,',
    'repeating groups, and the rules that hold for it. Rendered from the tables in src/spec.',
  ].join('\n'),
  common: ['lang', 'output', 'tables'],
  options: {
    format: [{ type: 'string', short: 'f' }, '-f, --format text|json', 'text (default) or JSON'],
  },
  examples: [
    ['cfxps describe FMT100', 'the domestic credit transfer'],
    ['cfxps describe --lang zh 010', 'FMT010 (MT198) in Chinese'],
    ['cfxps describe --format json FMT203 | jq .items', 'for a script'],
    ['cfxps list --mt 198', 'which FMTs travel in MT198'],
  ],
  async run({ common, values, positionals }) {
    if (positionals.length === 0) throw new CliError('name a format, e.g. cfxps describe FMT100 (cfxps list shows them all)');
    const format = formatOption(values);
    const codec = codecFor(common.tables);
    const found: FmtDescription[] = [];
    for (const p of positionals) {
      const d = describeFmt(p, codec);
      if (d === undefined) throw new CliError(`unknown format '${p}' (cfxps list shows the ${listFmts(codec).length} formats)`);
      found.push(d);
    }
    const out = new Output(common.output);
    if (format === 'json') await out.write(JSON.stringify(found.length === 1 ? found[0] : found, null, 2) + '\n');
    else await out.write(found.map((d) => renderDescription(d, common.lang)).join('\n'));
    await out.close();
    return { exitCode: 0 };
  },
};

export const listCommand: CommandDef = {
  name: 'list',
  summary: 'every format: FMT, MT, section, category, name',
  usage: ['list [options]'],
  description: 'Lists the formats of the standard (chapter 3, 报文清单), in the standard\'s order.',
  common: ['lang', 'output', 'tables'],
  options: {
    format: [{ type: 'string', short: 'f' }, '-f, --format text|json', 'text (default) or JSON'],
    mt: [{ type: 'string' }, '--mt MT', 'only the formats of one MT (103, 198, …)'],
    category: [{ type: 'string' }, '--category ID', `only one category (${listCategories().map((c) => c.id).join(', ')})`],
  },
  examples: [
    ['cfxps list', 'all formats'],
    ['cfxps list --mt 198 --lang zh', 'the MT198 formats, in Chinese'],
    ['cfxps list --category payment --format json', 'for a script'],
  ],
  async run({ common, values, positionals }) {
    if (positionals.length > 0) throw new CliError(`list takes no arguments (did you mean cfxps describe ${positionals[0]}?)`);
    const format = formatOption(values);
    const mt = values['mt'] === undefined ? undefined : String(values['mt']).replace(/^MT/i, '');
    const category = values['category'] === undefined ? undefined : String(values['category']);
    if (category !== undefined && !listCategories().some((c) => c.id === category)) {
      throw new CliError(`unknown category '${category}' (one of ${listCategories().map((c) => c.id).join(', ')})`);
    }
    const fmts = listFmts(codecFor(common.tables)).filter((f) => (mt === undefined || f.mt === mt) && (category === undefined || f.category === category));
    if (fmts.length === 0) throw new CliError(`no format matches${mt === undefined ? '' : ` MT${mt}`}${category === undefined ? '' : ` in ${category}`}`);
    const out = new Output(common.output);
    if (format === 'json') {
      await out.write(JSON.stringify(fmts, null, 2) + '\n');
    } else {
      const cats = new Map(listCategories().map((c) => [c.id, c]));
      const rows = fmts.map((f) => {
        const c = cats.get(f.category);
        const cat = common.lang === 'zh' ? (c?.nameZh ?? f.category) : f.category;
        const reserved = f.reserved ? (common.lang === 'zh' ? '（暂不开发）' : ' (reserved)') : '';
        return common.lang === 'zh'
          ? [f.fmt, `MT${f.mt}`, f.section, cat, f.nameZh + reserved]
          : [f.fmt, `MT${f.mt}`, f.section, cat, f.nameZh, f.name + reserved];
      });
      await out.write(columns(rows, '').join('\n') + '\n');
    }
    await out.close();
    return { exitCode: 0 };
  },
};
