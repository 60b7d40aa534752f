/**
 * The special variables of the standard (reconstruction.md §4, 2.2 特定变量定义) as data. A
 * variable name may stand in a format notation (`DATE CCY AMOUNT`, `/ACCT`, `/ACCNAT/ACCNAT`);
 * the notation compiler (`src/notation`) reads this table and knows nothing else about them.
 *
 * Each variable has:
 *   - `notation`: its format in the basic notation (what it looks like on the wire);
 *   - `rules`: named checks applied after the notation matched (meaning in `VariableRule`);
 *   - `defaultName`: the property name of its value when it is a component of a larger format;
 *   - `codeTable`: the code table (src/spec/code-tables.ts) its value must belong to.
 */

/**
 * The checks a variable may carry:
 *   - `calendarDate`: YYYYMMDD is a real Gregorian date (leap years included) — V006
 *   - `timeOfDay`: HHMMSS with 00–23 / 00–59 / 00–59 — V007
 *   - `bic`: 4!a bank code · 2!a country · 2!c location · [3!c] branch; replaces the generic
 *     charset/length checks, every problem is a V008
 *   - `amount`: the AMOUNT rules (no leading zeros; decimals ≤ the minor units of the currency
 *     of a sibling `CCY`) on top of the `d` rules — V009, V010
 *   - `currency`: a currency of the context's currency list — V005
 *   - `codeTable`: a code of the variable's `codeTable` — V005
 *   - `noSpace`: no space anywhere — V012
 */
export type VariableRule = 'calendarDate' | 'timeOfDay' | 'bic' | 'amount' | 'currency' | 'codeTable' | 'noSpace';

export interface VariableDef {
  /** The name as written in a notation (upper-case letters only). */
  readonly name: string;
  /** Section of the standard. */
  readonly section: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The variable's own format, in the basic notation. */
  readonly notation: string;
  readonly rules: readonly VariableRule[];
  /** Property name of the value inside a multi-component format. */
  readonly defaultName: string;
  /** Code table the value belongs to (rule `codeTable`). */
  readonly codeTable?: string;
}

export const VARIABLES: readonly VariableDef[] = [
  {
    name: 'DATE',
    section: '2.2.1',
    nameZh: '日期',
    nameEn: 'date (YYYYMMDD)',
    notation: '8!n',
    rules: ['calendarDate'],
    defaultName: 'date',
  },
  {
    name: 'TIME',
    section: '2.2.2',
    nameZh: '时间',
    nameEn: 'time (HHMMSS)',
    notation: '6!n',
    rules: ['timeOfDay'],
    defaultName: 'time',
  },
  {
    name: 'BIC',
    section: '2.2.3',
    nameZh: '行号BIC码',
    nameEn: 'bank identifier code',
    notation: '4!a2!a2!c[3!c]',
    rules: ['bic'],
    defaultName: 'bic',
  },
  {
    name: 'AMOUNT',
    section: '2.2.4',
    nameZh: '金额',
    nameEn: 'amount',
    notation: '15d',
    rules: ['amount'],
    defaultName: 'amount',
  },
  {
    name: 'DC',
    section: '2.2.5',
    nameZh: '借贷标识',
    nameEn: 'debit/credit mark',
    notation: '1!a',
    rules: ['codeTable'],
    defaultName: 'mark',
    codeTable: 'DC',
  },
  {
    name: 'CCY',
    section: '2.2.6',
    nameZh: '货币符号',
    nameEn: 'currency code',
    notation: '3!a',
    rules: ['currency'],
    defaultName: 'currency',
  },
  {
    name: 'BKIND',
    section: '2.2.7',
    nameZh: '业务种类',
    nameEn: 'business kind',
    notation: '3!n',
    rules: ['codeTable'],
    defaultName: 'businessKind',
    codeTable: 'BKIND',
  },
  {
    name: 'ACCNAT',
    section: '2.2.8',
    nameZh: '汇款人账户性质',
    nameEn: 'remitter account nature',
    notation: '2!n',
    rules: ['codeTable'],
    defaultName: 'accountNature',
    codeTable: 'ACCNAT',
  },
  {
    name: 'REF',
    section: '2.2.9, 2.4',
    nameZh: '业务参考号 / 支付交易序号',
    nameEn: 'reference / payment transaction sequence number',
    notation: '16x',
    rules: ['noSpace'],
    defaultName: 'reference',
  },
  {
    name: 'PSTAT',
    section: '2.3',
    nameZh: '支付业务处理状态',
    nameEn: 'payment processing status',
    notation: '2!n',
    rules: ['codeTable'],
    defaultName: 'status',
    codeTable: 'PSTAT',
  },
  {
    name: 'ACCT',
    section: '2.5',
    nameZh: '客户账号',
    nameEn: 'customer account',
    notation: '34x',
    rules: ['noSpace'],
    defaultName: 'account',
  },
];

const BY_NAME: ReadonlyMap<string, VariableDef> = new Map(VARIABLES.map((v) => [v.name, v]));

/** The variable called `name` in a notation, if any. */
export function variableDef(name: string): VariableDef | undefined {
  return BY_NAME.get(name);
}
