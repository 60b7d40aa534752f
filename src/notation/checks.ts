/**
 * The semantic checks of the special variables (reconstruction.md §4): calendar dates, times of
 * day, BICs, decimals and amounts, currency decimals. Each takes the text of one component and
 * the index where it starts inside the value, and appends positioned `ValueProblem`s. Linear,
 * no regular expressions, never throws. Exported so that cross-field validators (e.g. an AMOUNT
 * whose currency is another 77E item) can reuse them.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { NotationContext, ValueProblem } from './types.js';

export function problem(
  code: DiagnosticCode,
  index: number,
  length: number,
  params: Readonly<Record<string, string | number>> = {},
): ValueProblem {
  return { code, index, length, params };
}

const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 0x30;
const num2 = (s: string, i: number): number => digitAt(s, i) * 10 + digitAt(s, i + 1);

function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  switch (m) {
    case 2:
      return isLeapYear(y) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** DATE (2.2.1): YYYYMMDD, a real Gregorian date. Expects 8 digits (checked by the format). */
export function checkCalendarDate(text: string, at: number, out: ValueProblem[]): void {
  if (text.length !== 8 || !allDigits(text)) return;
  const y = num2(text, 0) * 100 + num2(text, 2);
  const m = num2(text, 4);
  const d = num2(text, 6);
  if (y === 0) {
    out.push(problem('V006', at, 4, { value: text, detail: 'year 0000 does not exist', detailZh: '年份0000不存在' }));
  }
  if (m < 1 || m > 12) {
    out.push(problem('V006', at + 4, 2, { value: text, detail: `month ${text.slice(4, 6)} does not exist`, detailZh: `月份${text.slice(4, 6)}不存在` }));
    return;
  }
  const dim = daysInMonth(y, m);
  if (d < 1 || d > dim) {
    const leap = m === 2 && d === 29;
    out.push(
      problem('V006', at + 6, 2, {
        value: text,
        detail: leap ? `${text.slice(0, 4)} is not a leap year` : `day ${text.slice(6, 8)} does not exist in ${text.slice(0, 4)}-${text.slice(4, 6)} (${dim} days)`,
        detailZh: leap ? `${text.slice(0, 4)}年不是闰年` : `${text.slice(0, 4)}年${text.slice(4, 6)}月没有${text.slice(6, 8)}日（该月共${dim}天）`,
      }),
    );
  }
}

/** TIME (2.2.2): HHMMSS, 00–23 / 00–59 / 00–59. Expects 6 digits (checked by the format). */
export function checkTimeOfDay(text: string, at: number, out: ValueProblem[]): void {
  if (text.length !== 6 || !allDigits(text)) return;
  const parts: readonly [number, number, string, string][] = [
    [0, 23, 'hour', '小时'],
    [2, 59, 'minute', '分钟'],
    [4, 59, 'second', '秒'],
  ];
  for (const [i, max, en, zh] of parts) {
    if (num2(text, i) > max) {
      const v = text.slice(i, i + 2);
      out.push(problem('V007', at + i, 2, { value: text, detail: `${en} ${v} is greater than ${max}`, detailZh: `${zh}${v}大于${max}` }));
    }
  }
}

const isUpperCode = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isUpperOrDigit = (c: number): boolean => isUpperCode(c) || (c >= 0x30 && c <= 0x39);

/**
 * BIC (2.2.3): 4!a bank code · 2!a country · 2!c location · [3!c] branch. Every problem is a
 * V008 pointing at the part that is wrong. (The CN rule for participants is a field rule.)
 */
export function checkBic(text: string, at: number, out: ValueProblem[]): void {
  const len = text.length;
  if (len !== 8 && len !== 11) {
    out.push(
      problem('V008', at, len, {
        value: text,
        detail: `a BIC has 8 or 11 characters (4!a2!a2!c[3!c]), found ${len}`,
        detailZh: `行号BIC码应为8位或11位（4!a2!a2!c[3!c]），实际${len}位`,
      }),
    );
    return;
  }
  const parts: readonly [number, number, (c: number) => boolean, string, string][] = [
    [0, 4, isUpperCode, 'the bank code (characters 1-4) must be 4 letters A-Z', '银行代码（第1-4位）应为4位大写字母'],
    [4, 2, isUpperCode, 'the country code (characters 5-6) must be 2 letters A-Z', '国家代码（第5-6位）应为2位大写字母'],
    [6, 2, isUpperOrDigit, 'the location code (characters 7-8) must be 2 upper-case letters or digits', '地区代码（第7-8位）应为2位大写字母或数字'],
    [8, 3, isUpperOrDigit, 'the branch code (characters 9-11) must be 3 upper-case letters or digits', '分支机构代码（第9-11位）应为3位大写字母或数字'],
  ];
  for (const [start, n, ok, en, zh] of parts) {
    if (start >= len) break;
    let good = true;
    for (let i = start; i < start + n; i++) if (!ok(text.charCodeAt(i))) good = false;
    if (!good) out.push(problem('V008', at + start, n, { value: text, detail: en, detailZh: zh }));
  }
}

/**
 * The `d` rules (digits, exactly one decimal comma, at least one digit before it) and, with
 * `amount`, the AMOUNT rules (no leading zeros except a lone 0). Expects only digits and commas
 * (the charset is checked before). Returns the comma's index in `text`, or -1 when the number
 * cannot be read.
 */
export function checkDecimal(text: string, at: number, amount: boolean, out: ValueProblem[]): number {
  const kind = amount ? { kind: 'amount', kindZh: '金额' } : { kind: 'decimal number', kindZh: '数值' };
  let comma = -1;
  let ok = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x2c) continue;
    if (comma < 0) comma = i;
    else {
      out.push(problem('V009', at + i, 1, { ...kind, value: text, detail: 'more than one decimal comma', detailZh: '小数逗号多于一个' }));
      ok = false;
    }
  }
  if (comma < 0) {
    out.push(
      problem('V009', at, text.length, {
        ...kind,
        value: text,
        detail: 'the decimal comma "," is missing (write 100, for 100)',
        detailZh: '缺少小数逗号","（100应写作"100,"）',
      }),
    );
    return -1;
  }
  if (comma === 0) {
    out.push(problem('V009', at, 1, { ...kind, value: text, detail: 'at least one digit must come before the decimal comma', detailZh: '小数逗号前至少应有一位数字' }));
    ok = false;
  } else if (amount && comma > 1 && text.charCodeAt(0) === 0x30) {
    let zeros = 0;
    while (zeros < comma - 1 && text.charCodeAt(zeros) === 0x30) zeros++;
    out.push(problem('V009', at, zeros, { ...kind, value: text, detail: 'leading zeros are not allowed', detailZh: '不允许有前导零' }));
  }
  return ok ? comma : -1;
}

/**
 * AMOUNT decimals vs the currency's minor units (2.2.4). `text` is the amount as written,
 * `at` its index in the value. Does nothing when the currency is not in the context.
 */
export function checkCurrencyDecimals(text: string, at: number, currency: string, ctx: NotationContext, out: ValueProblem[]): void {
  const minor = ctx.currencies.get(currency);
  if (minor === undefined) return;
  const comma = text.indexOf(',');
  if (comma < 0) return;
  const decimals = text.length - comma - 1;
  if (decimals > minor) {
    out.push(problem('V010', at + comma + 1 + minor, decimals - minor, { currency, max: minor, actual: decimals }));
  }
}
