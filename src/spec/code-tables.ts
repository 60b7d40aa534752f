/**
 * The code tables and the currency list of the standard, as data (reconstruction.md §4,
 * fields.md §1–§2). A bank holding the printed V1.4 corrects these tables, not the code; at run
 * time a bank overrides or extends them through the `NotationContext`
 * (`extendNotationContext(defaultNotationContext(), …)`), which is what every parser and
 * generator reads.
 *
 * Conventions:
 *   - A table is identified by its `name` (the key in `NotationContext.codeTables`).
 *   - `typeName` is the TypeScript alias that generated typings use for a value of the table
 *     (`codeTableTypeSource` writes `export type BusinessKind = '001' | '002' | …;`).
 *   - `open` tables list examples only (the standard leaves the list to the centre); their
 *     TypeScript type is plain `string`, and no variable binds them by default.
 */
import type { NotationContext } from '../notation/types.js';
import { isPlainObject } from '../plain-object.js';

/** The label of a code, in both languages. */
export interface CodeLabel {
  readonly zh: string;
  readonly en: string;
}

export interface CodeEntry extends CodeLabel {
  readonly code: string;
}

export interface CodeTableDef {
  /** Key in `NotationContext.codeTables`. */
  readonly name: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** TypeScript alias of a value of this table in generated typings. */
  readonly typeName: string;
  /** Format of one code, in the standard's notation. */
  readonly format: string;
  /** Where the table comes from (section of the standard / of this project's spec files). */
  readonly source: string;
  /** True when the list is examples only (not a closed list). */
  readonly open?: boolean;
  readonly codes: readonly CodeEntry[];
}

export interface CurrencyDef {
  /** ISO 4217 code. */
  readonly code: string;
  /** Digits after the decimal comma. */
  readonly minorUnits: number;
  readonly zh: string;
  readonly en: string;
}

/** 货币符号 (2.2.6): the currencies at launch (confirmed.md). FMT087 adds/removes currencies. */
export const CURRENCIES: readonly CurrencyDef[] = [
  { code: 'USD', minorUnits: 2, zh: '美元', en: 'US dollar' },
  { code: 'HKD', minorUnits: 2, zh: '港币', en: 'Hong Kong dollar' },
  { code: 'JPY', minorUnits: 0, zh: '日元', en: 'Japanese yen' },
  { code: 'EUR', minorUnits: 2, zh: '欧元', en: 'euro' },
  { code: 'AUD', minorUnits: 2, zh: '澳大利亚元', en: 'Australian dollar' },
  { code: 'CAD', minorUnits: 2, zh: '加拿大元', en: 'Canadian dollar' },
  { code: 'GBP', minorUnits: 2, zh: '英镑', en: 'pound sterling' },
  { code: 'CHF', minorUnits: 2, zh: '瑞士法郎', en: 'Swiss franc' },
];

/** TypeScript alias of a currency code (a value of a `CCY` component). */
export const CURRENCY_TYPE_NAME = 'Currency';

function e(code: string, zh: string, en: string): CodeEntry {
  return { code, zh, en };
}

/** Every code table of the standard. One table per fact; names are stable. */
export const CODE_TABLES: readonly CodeTableDef[] = [
  {
    name: 'DC',
    nameZh: '借贷标识',
    nameEn: 'debit/credit mark',
    typeName: 'DebitCredit',
    format: '1!a',
    source: 'reconstruction.md §4 (2.2.5)',
    codes: [e('D', '借', 'debit'), e('C', '贷', 'credit')],
  },
  {
    name: 'BKIND',
    nameZh: '业务种类',
    nameEn: 'business kind',
    typeName: 'BusinessKind',
    format: '3!n',
    source: 'reconstruction.md §4 (2.2.7), guess',
    codes: [
      e('001', '普通汇款', 'ordinary remittance'),
      e('002', '货物贸易', 'trade in goods'),
      e('003', '服务贸易', 'trade in services'),
      e('004', '收益和经常转移', 'income and current transfers'),
      e('005', '资本和金融项目', 'capital and financial account'),
      e('006', '个人外汇', 'personal foreign exchange'),
      e('007', '同业资金调拨', 'interbank funds transfer'),
      e('008', '轧差净额', 'net settlement'),
      e('009', '退汇', 'return of funds'),
      e('099', '其他', 'other'),
    ],
  },
  {
    name: 'ACCNAT',
    nameZh: '汇款人账户性质',
    nameEn: 'remitter account nature',
    typeName: 'AccountNature',
    format: '2!n',
    source: 'reconstruction.md §4 (2.2.8), guess',
    codes: [
      e('01', '经常项目外汇账户', 'current account FX account'),
      e('02', '资本项目外汇账户', 'capital account FX account'),
      e('03', '个人外汇账户', 'personal FX account'),
      e('04', '境外机构境内外汇账户(NRA)', 'non-resident account (NRA)'),
      e('05', '离岸账户(OSA)', 'offshore account (OSA)'),
      e('06', '同业账户', 'interbank account'),
      e('09', '其他', 'other'),
    ],
  },
  {
    name: 'PSTAT',
    nameZh: '支付业务处理状态',
    nameEn: 'payment processing status',
    typeName: 'PaymentStatus',
    format: '2!n',
    source: 'reconstruction.md §4 (2.3)',
    codes: [
      e('01', '已接收', 'received'),
      e('02', '已清算', 'settled'),
      e('03', '排队中', 'queued'),
      e('04', '已撤销', 'cancelled'),
      e('05', '已拒绝', 'rejected'),
      e('06', '已退汇', 'returned'),
      e('07', '已轧差', 'netted'),
      e('08', '已转发', 'forwarded'),
      e('09', '未收到', 'not received (no such payment)'),
    ],
  },
  {
    name: 'RSP',
    nameZh: '应答状态',
    nameEn: 'response status',
    typeName: 'ResponseStatus',
    format: '1!a',
    source: 'reconstruction.md §4',
    codes: [e('A', '同意', 'accepted'), e('R', '拒绝', 'rejected')],
  },
  {
    name: 'RCD',
    nameZh: '拒绝原因码',
    nameEn: 'reject reason code',
    typeName: 'RejectCode',
    format: '4!c',
    source: 'reconstruction.md §4 (free code list; examples)',
    open: true,
    codes: [
      e('F001', '格式错', 'format error'),
      e('B001', '额度不足', 'insufficient limit'),
      e('B002', '重复业务', 'duplicate'),
      e('S001', '系统未营业', 'system closed'),
      e('C001', '证书无效', 'certificate invalid'),
    ],
  },
  {
    name: 'SYSST',
    nameZh: '系统状态',
    nameEn: 'system status',
    typeName: 'SystemStatus',
    format: '2!n',
    source: 'reconstruction.md §4 (FMT060 OSS/SST)',
    codes: [
      e('01', '营业准备', 'pre-opening'),
      e('02', '日间', 'daytime processing'),
      e('03', '业务截止', 'cut-off'),
      e('04', '清算窗口', 'settlement window'),
      e('05', '日终', 'end of day'),
      e('06', '停运', 'stopped'),
    ],
  },
  {
    name: 'ANSWER',
    nameZh: '查复应答码',
    nameEn: 'answer code (field 76)',
    typeName: 'AnswerCode',
    format: '4!c',
    source: 'fields.md §1 (76)',
    codes: [
      e('CNCL', '已撤销', 'cancelled'),
      e('RJCR', '拒绝撤销', 'cancellation refused'),
      e('PDCR', '撤销处理中', 'cancellation pending'),
      e('RETN', '同意退汇', 'return agreed'),
      e('RJRT', '拒绝退汇', 'return refused'),
      e('ANSW', '查复', 'answer'),
    ],
  },
  {
    name: 'CHARGES',
    nameZh: '费用承担方式',
    nameEn: 'details of charges (71A)',
    typeName: 'ChargeBearer',
    format: '3!a',
    source: 'fields.md §1 (71A)',
    codes: [
      e('OUR', '汇款人承担', 'all charges borne by the remitter'),
      e('SHA', '共同承担', 'charges shared'),
      e('BEN', '收款人承担', 'all charges borne by the beneficiary'),
    ],
  },
  {
    name: 'BOC',
    nameZh: '银行操作代码',
    nameEn: 'bank operation code (23B)',
    typeName: 'BankOperationCode',
    format: '4!c',
    source: 'fields.md §1 (23B)',
    codes: [e('CRED', '贷记', 'credit transfer')],
  },
  {
    name: 'CHT',
    nameZh: '变更类型',
    nameEn: 'change type',
    typeName: 'ChangeType',
    format: '1!a',
    source: 'fields.md §2 (CHT)',
    codes: [e('A', '新增', 'add'), e('M', '变更', 'modify'), e('D', '删除', 'delete')],
  },
  {
    name: 'DIR',
    nameZh: '往来账标识',
    nameEn: 'direction',
    typeName: 'Direction',
    format: '1!a',
    source: 'fields.md §2 (DIR)',
    codes: [e('S', '往账', 'sent'), e('R', '来账', 'received'), e('A', '全部', 'all')],
  },
  {
    name: 'PCT',
    nameZh: '参与者类别',
    nameEn: 'participant category',
    typeName: 'ParticipantCategory',
    format: '1!n',
    source: 'fields.md §2 (PCT)',
    codes: [e('1', '直接参与者', 'direct participant'), e('2', '间接参与者', 'indirect participant'), e('3', '特许参与者', 'special participant')],
  },
  {
    name: 'PRI',
    nameZh: '优先级（紧急级别）',
    nameEn: 'priority (urgency)',
    typeName: 'Priority',
    format: '1!a',
    source: 'reconstruction.md §4 紧急级别 (block 2 priority letter), fields.md §2 (PRI)',
    codes: [e('U', '紧急', 'urgent'), e('N', '普通', 'normal')],
  },
  {
    name: 'CDT',
    nameZh: '公共数据类型',
    nameEn: 'common data type',
    typeName: 'CommonDataType',
    format: '2!n',
    source: 'fields.md §2 (CDT)',
    codes: [
      e('01', '币种', 'currency'),
      e('02', '节假日', 'holiday'),
      e('03', '系统参数', 'system parameter'),
      e('04', '业务种类', 'business kind'),
      e('05', '行名行号', 'bank name and code'),
    ],
  },
];

/**
 * The table that holds the priority letter of the application header (block 2): the 紧急级别
 * is the same U/N list as the 77E item PRI, so both use one table.
 */
export const BLOCK2_PRIORITY_TABLE = 'PRI';

/** The table definition of `name`, if the standard defines it. */
export function codeTableDef(name: string): CodeTableDef | undefined {
  return CODE_TABLES.find((t) => t.name === name);
}

/**
 * A fresh context built from the tables above (new maps on each call, so callers never share
 * state). Labels in the context are the Chinese labels (the English ones: `codeTableDef`).
 */
export function defaultNotationContext(): NotationContext {
  const currencies = new Map<string, number>();
  for (const c of CURRENCIES) currencies.set(c.code, c.minorUnits);
  const codeTables = new Map<string, ReadonlyMap<string, string>>();
  for (const t of CODE_TABLES) codeTables.set(t.name, new Map(t.codes.map((c) => [c.code, c.zh])));
  return { currencies, codeTables };
}

/** Changes to a context: `null` removes an entry; `replace` replaces a whole table. */
export interface NotationContextPatch {
  /** Currency code → minor units (`null` removes the currency, e.g. after FMT087 CHT=D). */
  readonly currencies?: Readonly<Record<string, number | null>>;
  /** Table name → code → label (`null` removes the code). Unknown table names create a table. */
  readonly codeTables?: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  /** Table names whose codes are replaced by the patch instead of merged into the base's. */
  readonly replace?: readonly string[];
}

/**
 * What is wrong with a patch that came from outside the type system (JSON, JS): currencies must be
 * three letters with whole minor units 0–9 (CDP is `1!n`) or `null`, code-table labels strings or
 * `null`, `replace` a list of names. Empty: `extendNotationContext` may use it.
 */
export function checkContextPatch(patch: NotationContextPatch): string[] {
  const problems: string[] = [];
  const { currencies, codeTables, replace } = patch as { currencies?: unknown; codeTables?: unknown; replace?: unknown };
  if (currencies !== undefined) {
    if (!isPlainObject(currencies)) problems.push('currencies: an object of currency code → minor units (or null)');
    else {
      for (const [code, minor] of Object.entries(currencies)) {
        if (!/^[A-Z]{3}$/.test(code)) problems.push(`currencies: "${code}" is not a currency code (3 letters A-Z)`);
        if (minor !== null && !(Number.isInteger(minor) && (minor as number) >= 0 && (minor as number) <= 9)) {
          problems.push(`currencies: ${code}'s minor units must be a whole number 0-9 (or null to remove it), not ${JSON.stringify(minor)}`);
        }
      }
    }
  }
  if (codeTables !== undefined) {
    if (!isPlainObject(codeTables)) problems.push('codeTables: an object of table name → { code: label }');
    else {
      for (const [name, codes] of Object.entries(codeTables)) {
        if (!isPlainObject(codes)) {
          problems.push(`codeTables: ${name} must be an object of code → label (or null)`);
          continue;
        }
        for (const [code, label] of Object.entries(codes)) {
          if (label !== null && typeof label !== 'string') problems.push(`codeTables: ${name} code "${code}": the label must be a string (or null to remove it)`);
        }
      }
    }
  }
  if (replace !== undefined && !(Array.isArray(replace) && replace.every((r) => typeof r === 'string'))) {
    problems.push('replaceCodeTables: a list of code-table names');
  }
  return problems;
}

/** A new context: `base` with `patch` applied (the base is not modified). */
export function extendNotationContext(base: NotationContext, patch: NotationContextPatch): NotationContext {
  const currencies = new Map(base.currencies);
  for (const [code, minor] of Object.entries(patch.currencies ?? {})) {
    if (minor === null) currencies.delete(code);
    else currencies.set(code, minor);
  }
  const codeTables = new Map(base.codeTables);
  const replace = new Set(patch.replace ?? []);
  for (const [name, codes] of Object.entries(patch.codeTables ?? {})) {
    const m = new Map<string, string>(replace.has(name) ? [] : (base.codeTables.get(name) ?? []));
    for (const [code, label] of Object.entries(codes)) {
      if (label === null) m.delete(code);
      else m.set(code, label);
    }
    codeTables.set(name, m);
  }
  return { currencies, codeTables };
}

/** TypeScript alias of the table `name` (the definition's `typeName`, else PascalCase of the name). */
export function codeTableTypeName(name: string): string {
  const def = codeTableDef(name);
  if (def !== undefined) return def.typeName;
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
  return /^[A-Za-z_]/.test(pascal) ? pascal : `Code${pascal}`;
}

function literalUnion(codes: Iterable<string>): string {
  const parts: string[] = [];
  for (const c of codes) parts.push(`'${c.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
  return parts.length === 0 ? 'never' : parts.join(' | ');
}

/**
 * TypeScript source declaring the alias of every code table and of `Currency`, as string-literal
 * unions of the context's codes (open tables: `string`). Generated typings include this text;
 * `CompiledFormat.tsType` refers to these aliases.
 */
export function codeTableTypeSource(ctx: NotationContext = defaultNotationContext()): string {
  const lines: string[] = [];
  lines.push(`/** 货币符号 currency code */`);
  lines.push(`export type ${CURRENCY_TYPE_NAME} = ${literalUnion(ctx.currencies.keys())};`);
  for (const [name, codes] of ctx.codeTables) {
    const def = codeTableDef(name);
    const doc = def !== undefined ? `/** ${def.nameZh} ${def.nameEn} (${name}) */` : `/** code table ${name} */`;
    lines.push(doc);
    lines.push(`export type ${codeTableTypeName(name)} = ${def?.open === true ? 'string' : literalUnion(codes.keys())};`);
  }
  return lines.join('\n') + '\n';
}
