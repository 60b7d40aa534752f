/**
 * The rule checks: every RuleDef kind of src/spec/schema.ts (one R code each), the participant
 * scope of BIC items, and the FMT-level checks (block 6 allowed, block 7 when the signature is
 * M, reserved formats). Amounts are big.js values throughout: compared with `eq`/`cmp`, summed
 * with `plus`, never a float.
 */
import Big from 'big.js';
import type { TypedValue } from '../notation/types.js';
import type { Condition, RuleDef, RuleKind } from '../spec/schema.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { contextOf, type ListState, type Occ, type ReadState } from './read.js';
import { itemAt, type FmtPlan, type ItemPlan, type TagRef } from './plan.js';
import { generateRuleChecks, type RuleHelpers } from './rules-code.js';
import { bigEq } from './exact-sum.js';

/** The diagnostic code of each rule kind. */
export const RULE_CODES: Readonly<Record<RuleKind, DiagnosticCode>> = {
  requiredWhen: 'R001',
  onlyWhen: 'R002',
  fieldComplete: 'R003',
  amountPositive: 'R004',
  minValue: 'R005',
  sumEquals: 'R006',
  amountsEqual: 'R007',
  sameCurrency: 'R008',
  dateNotBefore: 'R009',
  balanceEquation: 'R010',
  uniqueInMessage: 'R011',
  firstLinePrefix: 'R012',
  mtMatchesFmt: 'R013',
  fieldEqualsFmt: 'R014',
  headerAddressCountry: 'R015',
  headerPriority: 'R016',
  amountCurrencyFrom: 'R017',
};

// ---------------------------------------------------------------------------------------------
// Access to what was read

type Ref = TagRef;

function stateOf(rs: ReadState, ref: Ref): ListState | undefined {
  return ref.list === 'body' ? rs.body : ref.list === 'text' ? rs.text : rs.block6;
}

const NONE: readonly Occ[] = [];

/** Every occurrence of an item (every repetition of its group, in order). */
function all(rs: ReadState, ref: Ref | undefined): readonly Occ[] {
  const st = ref === undefined ? undefined : stateOf(rs, ref);
  if (ref === undefined || st === undefined) return NONE;
  if (ref.group < 0) {
    const o = st.top[ref.index];
    return o === undefined ? NONE : [o];
  }
  const reps = st.reps[ref.group];
  if (reps === undefined) return NONE;
  const out: Occ[] = [];
  for (let r = 0; r < reps.length; r++) {
    const o = reps[r]![ref.index];
    if (o !== undefined) out.push(o);
  }
  return out;
}

/** The occurrence of an item seen from a repetition of group `group` of `from` (then message level). */
function scoped(rs: ReadState, ref: Ref | undefined, from: ListState | undefined, group: number, rep: number): Occ | undefined {
  const st = ref === undefined ? undefined : stateOf(rs, ref);
  if (ref === undefined || st === undefined) return undefined;
  if (ref.group < 0) return st.top[ref.index];
  if (st === from && ref.group === group && rep >= 0) return st.reps[group]?.[rep]?.[ref.index];
  return undefined;
}

/** The scopes of an item: every repetition of its group, or the message level once. */
function scopeCount(rs: ReadState, ref: Ref | undefined): { st: ListState | undefined; group: number; reps: number } {
  const st = ref === undefined ? undefined : stateOf(rs, ref);
  if (ref === undefined || st === undefined || ref.group < 0) return { st, group: -1, reps: -1 };
  return { st, group: ref.group, reps: st.reps[ref.group]?.length ?? 0 };
}

function comp(o: Occ, name: string | undefined): TypedValue | undefined {
  if (name === undefined || o.value === undefined) return undefined;
  if (name === '') return o.value;
  const v = o.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Big) return undefined;
  return (v as Readonly<Record<string, TypedValue | undefined>>)[name];
}

function amountOf(o: Occ): Big | undefined {
  const v = comp(o, o.item.amountComp);
  return v instanceof Big ? v : undefined;
}

function stringOf(o: Occ, name: string | undefined): string | undefined {
  const v = comp(o, name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Where a component's text is in the message: components stand in order in the raw value;
 * text components are found by their text, decimals at the next digit (then digits and comma).
 */
function compSpan(o: Occ, name: string | undefined): { offset: number; length: number } {
  const whole = { offset: o.valueOffset, length: Math.max(1, o.raw.length) };
  if (name === undefined || name === '' || o.value === undefined || o.item.format.scalar) return whole;
  const raw = o.raw;
  let cursor = 0;
  for (const c of o.item.format.components) {
    const v = (o.value as Readonly<Record<string, TypedValue | undefined>>)[c.name];
    if (v === undefined) continue;
    let at: number;
    let len: number;
    if (v instanceof Big) {
      at = cursor;
      while (at < raw.length && !isDigit(raw.charCodeAt(at))) at++;
      len = 0;
      while (at + len < raw.length && (isDigit(raw.charCodeAt(at + len)) || raw.charCodeAt(at + len) === 44)) len++;
    } else {
      const text = typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
      at = raw.indexOf(text, cursor);
      if (at < 0) return whole;
      len = typeof v === 'string' ? text.length : (v as readonly string[]).join('\r\n').length;
    }
    if (c.name === name) return { offset: o.valueOffset + at, length: Math.max(1, len) };
    cursor = at + len;
  }
  return whole;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function compOffset(o: Occ, name: string | undefined): number {
  return compSpan(o, name).offset;
}

function compLength(o: Occ, name: string | undefined): number {
  return compSpan(o, name).length;
}

/** An amount in a message text: exact, with a decimal point (`3750000.01`), never an exponent. */
const money = (b: Big): string => b.toFixed();

// ---------------------------------------------------------------------------------------------
// Conditions

function conditionText(c: Condition): { en: string; zh: string } {
  if ('currenciesDiffer' in c) {
    const [a, b] = c.currenciesDiffer;
    return { en: `the currencies of ${a} and ${b} differ`, zh: `${a}与${b}币种不同` };
  }
  if ('present' in c) return { en: `${c.present} is present`, zh: `${c.present}出现` };
  if ('equals' in c) return { en: `${c.tag} = ${c.equals}`, zh: `${c.tag} = ${c.equals}` };
  if ('notEquals' in c) return { en: `${c.tag} ≠ ${c.notEquals}`, zh: `${c.tag} ≠ ${c.notEquals}` };
  const list = c.oneOf.join(', ');
  return { en: `${c.tag} is one of ${list}`, zh: `${c.tag}为${list}之一` };
}

/** A condition compiled against a plan: evaluated in a scope. */
type CondFn = (rs: ReadState, from: ListState | undefined, group: number, rep: number) => boolean;

function compileCondition(plan: FmtPlan, c: Condition): CondFn {
  if ('currenciesDiffer' in c) {
    const ra = plan.refs.get(c.currenciesDiffer[0]);
    const rb = plan.refs.get(c.currenciesDiffer[1]);
    return (rs, from, group, rep) => {
      const a = scoped(rs, ra, from, group, rep);
      const b = scoped(rs, rb, from, group, rep);
      if (a === undefined || b === undefined) return false;
      const ca = stringOf(a, a.item.currencyComp);
      const cb = stringOf(b, b.item.currencyComp);
      return ca !== undefined && cb !== undefined && ca !== cb;
    };
  }
  if ('present' in c) {
    const r = plan.refs.get(c.present);
    return (rs, from, group, rep) => scoped(rs, r, from, group, rep) !== undefined;
  }
  const r = plan.refs.get(c.tag);
  if ('equals' in c) {
    const v = c.equals;
    return (rs, from, group, rep) => scoped(rs, r, from, group, rep)?.raw === v;
  }
  if ('notEquals' in c) {
    const v = c.notEquals;
    return (rs, from, group, rep) => scoped(rs, r, from, group, rep)?.raw !== v;
  }
  const values = c.oneOf;
  return (rs, from, group, rep) => {
    const o = scoped(rs, r, from, group, rep);
    return o !== undefined && values.includes(o.raw);
  };
}

/** The tag whose field makes a condition hold (where "required here" is reported). */
function conditionTag(c: Condition): string {
  return 'currenciesDiffer' in c ? c.currenciesDiffer[0] : 'present' in c ? c.present : c.tag;
}

// ---------------------------------------------------------------------------------------------
// Checks

/** One compiled check of a plan. */
export type Check = (rs: ReadState) => void;

/** Per plan, its checks as generated code (rules-code.ts) and as the closures one after the other. */
const GENERATED = new WeakMap<FmtPlan, Check>();
const CLOSURES = new WeakMap<FmtPlan, Check>();

/**
 * Runs every rule of the plan and the FMT-level checks: by the plan's generated code when
 * `generated` (the codec's choice for a plan in use), else by the closures. Same findings.
 */
export function checkRules(rs: ReadState, generated = true): void {
  const cache = generated ? GENERATED : CLOSURES;
  let run = cache.get(rs.plan);
  if (run === undefined) {
    run = compilePlanChecks(rs.plan, generated);
    cache.set(rs.plan, run);
  }
  run(rs);
}

/**
 * The plan's checks as one function: the generated code of rules-code.ts (`generated`, and
 * where code can be generated), else the closures one after the other.
 */
export function compilePlanChecks(plan: FmtPlan, generated: boolean): Check {
  const checks = plan.rules.map((rule) => compileRule(plan, rule));
  const code = generated ? generateRuleChecks(plan, checks, RULE_HELPERS) : undefined;
  if (code !== undefined) return code;
  const list = checks.filter((c): c is Check => c !== undefined);
  return (rs) => {
    for (let i = 0; i < list.length; i++) list[i]!(rs);
    afterRules(rs);
  };
}

/** The FMT-level checks that follow the rules. */
function afterRules(rs: ReadState): void {
  checkParticipants(rs);
  checkBlocks(rs);
}

function named(it: ItemPlan): { tag: string; name: string; nameZh: string } {
  return { tag: it.tag, name: it.name, nameZh: it.nameZh };
}

function fieldLength(o: Occ): number {
  return o.tag.length + 2;
}

function report(rs: ReadState, code: DiagnosticCode, o: Occ, offset: number, length: number, params: Record<string, string | number>): void {
  const ref = rs.plan.refs.get(o.item.tag);
  const st = ref === undefined ? undefined : stateOf(rs, ref);
  const context = st === undefined ? { block: o.item.block, tag: o.tag } : contextOf(st.where, o.tag);
  rs.sink.report(code, offset, length, context, params);
}

function compileRule(plan: FmtPlan, rule: RuleDef): Check | undefined {
  const code = RULE_CODES[rule.rule];
  const ref = (tag: string): Ref | undefined => plan.refs.get(tag);
  switch (rule.rule) {
    case 'requiredWhen':
    case 'onlyWhen': {
      const subjectRef = ref(rule.tag);
      const when = compileCondition(plan, rule.when);
      const anchorRef = ref(conditionTag(rule.when));
      const subjectItem = subjectRef === undefined ? undefined : itemAt(plan, subjectRef);
      const onlyWhen = rule.rule === 'onlyWhen';
      const forbidden = rule.rule === 'requiredWhen' && rule.otherwise === 'forbidden';
      const one = (rs: ReadState, st: ListState | undefined, group: number, rep: number): void => {
        const subject = scoped(rs, subjectRef, st, group, rep);
        const ok = when(rs, st, group, rep);
        if (onlyWhen) {
          if (subject !== undefined && !ok) {
            const cond = conditionText(rule.when);
            report(rs, code, subject, subject.offset, fieldLength(subject), { ...named(subject.item), condition: cond.en, conditionZh: cond.zh });
          }
          return;
        }
        if (ok && subject === undefined) {
          const cond = conditionText(rule.when);
          const anchor = scoped(rs, anchorRef, st, group, rep);
          const params = {
            tag: rule.tag,
            name: subjectItem?.name ?? rule.tag,
            nameZh: subjectItem?.nameZh ?? rule.tag,
            problem: 'is missing: it is required when',
            problemZh: '缺失：以下条件成立时必须出现：',
            condition: cond.en,
            conditionZh: cond.zh,
          };
          if (anchor !== undefined) report(rs, code, anchor, anchor.offset, fieldLength(anchor), params);
          else rs.sink.report(code, st?.end ?? rs.env.textBlock!.offset, 1, { block: '4', tag: rule.tag }, params);
        } else if (!ok && subject !== undefined && forbidden) {
          const cond = conditionText(rule.when);
          report(rs, code, subject, subject.offset, fieldLength(subject), {
            ...named(subject.item),
            problem: 'is not allowed: it may appear only when',
            problemZh: '不允许出现：仅当以下条件成立时方可出现：',
            condition: cond.en,
            conditionZh: cond.zh,
          });
        }
      };
      return (rs) => {
        const s = scopeCount(rs, subjectRef);
        if (s.reps < 0) one(rs, s.st, -1, -1);
        else for (let r = 0; r < s.reps; r++) one(rs, s.st, s.group, r);
      };
    }
    case 'fieldComplete': {
      const r = ref(rule.tag);
      return (rs) => {
        for (const occ of all(rs, r)) {
          if (occ.value === undefined) continue;
          const missing = rule.parts.filter((p) => empty(comp(occ, p)));
          if (missing.length > 0) report(rs, code, occ, occ.valueOffset, Math.max(1, occ.raw.length), { ...named(occ.item), parts: missing.join(', ') });
        }
      };
    }
    case 'amountPositive': {
      const r = ref(rule.tag);
      return (rs) => {
        for (const occ of all(rs, r)) {
          const a = amountOf(occ);
          if (a !== undefined && !isPositive(a)) {
            report(rs, code, occ, compOffset(occ, occ.item.amountComp), compLength(occ, occ.item.amountComp), { tag: occ.tag, value: money(a) });
          }
        }
      };
    }
    case 'minValue': {
      const r = ref(rule.tag);
      return (rs) => {
        for (const occ of all(rs, r)) {
          if (!/^[0-9]+$/.test(occ.raw)) continue;
          if (Number(occ.raw) < rule.min) report(rs, code, occ, occ.valueOffset, occ.raw.length, { tag: occ.tag, min: rule.min, value: occ.raw });
        }
      };
    }
    case 'sumEquals': {
      const ofRef = ref(rule.of);
      const totalRef = ref(rule.total);
      const where = rule.where === undefined ? undefined : compileCondition(plan, rule.where);
      return (rs) => {
        const ofList = ofRef === undefined ? undefined : stateOf(rs, ofRef);
        if (ofRef === undefined || ofList === undefined) return;
        let sum = ZERO;
        if (ofRef.group < 0) {
          const occ = ofList.top[ofRef.index];
          if (occ !== undefined && (where === undefined || where(rs, ofList, -1, -1))) {
            const a = amountOf(occ);
            if (a === undefined) return;
            sum = a;
          }
        } else {
          const reps = ofList.reps[ofRef.group] ?? [];
          for (let r = 0; r < reps.length; r++) {
            const occ = reps[r]![ofRef.index];
            if (occ === undefined || (where !== undefined && !where(rs, ofList, ofRef.group, r))) continue;
            const a = amountOf(occ);
            if (a === undefined) return;
            sum = sum.plus(a);
          }
        }
        for (const occ of all(rs, totalRef)) {
          const t = amountOf(occ);
          if (t === undefined || bigEq(t, sum)) continue;
          const w = rule.where === undefined ? undefined : conditionText(rule.where);
          report(rs, code, occ, compOffset(occ, occ.item.amountComp), compLength(occ, occ.item.amountComp), {
            total: rule.total,
            of: rule.of,
            value: money(t),
            sum: money(sum),
            where: w === undefined ? '' : ` where ${w.en}`,
            whereZh: w === undefined ? '' : `${w.zh}的`,
          });
        }
      };
    }
    case 'amountsEqual': {
      const refs = rule.tags.map(ref);
      return (rs) => {
        let first: Occ | undefined;
        let firstAmount: Big | undefined;
        for (const r of refs) {
          for (const occ of all(rs, r)) {
            const a = amountOf(occ);
            if (a === undefined) continue;
            if (first === undefined || firstAmount === undefined) {
              first = occ;
              firstAmount = a;
            } else if (!bigEq(a, firstAmount)) {
              report(rs, code, occ, compOffset(occ, occ.item.amountComp), compLength(occ, occ.item.amountComp), {
                tags: rule.tags.join(', '),
                tag: occ.tag,
                value: money(a),
                first: first.tag,
                expected: money(firstAmount),
              });
            }
          }
        }
      };
    }
    case 'sameCurrency': {
      const refs = rule.tags.map(ref);
      return (rs) => {
        let first: Occ | undefined;
        let currency: string | undefined;
        for (const r of refs) {
          for (const occ of all(rs, r)) {
            const c = stringOf(occ, occ.item.currencyComp);
            if (c === undefined) continue;
            if (first === undefined || currency === undefined) {
              first = occ;
              currency = c;
            } else if (c !== currency) {
              report(rs, code, occ, compOffset(occ, occ.item.currencyComp), c.length, {
                tags: rule.tags.join(', '),
                tag: occ.tag,
                currency: c,
                first: first.tag,
                expected: currency,
              });
            }
          }
        }
      };
    }
    case 'dateNotBefore': {
      const ra = ref(rule.tag);
      const rb = ref(rule.than);
      const one = (rs: ReadState, st: ListState | undefined, group: number, rep: number): void => {
        const a = scoped(rs, ra, st, group, rep);
        const b = scoped(rs, rb, st, group, rep);
        if (a === undefined || b === undefined || !a.clean || !b.clean) return;
        const da = stringOf(a, a.item.dateComp);
        const db = stringOf(b, b.item.dateComp);
        if (da !== undefined && db !== undefined && da < db) {
          report(rs, code, a, compOffset(a, a.item.dateComp), da.length, { tag: rule.tag, date: da, than: rule.than, thanDate: db });
        }
      };
      return (rs) => {
        const s = scopeCount(rs, ra);
        if (s.reps < 0) one(rs, s.st, -1, -1);
        else for (let r = 0; r < s.reps; r++) one(rs, s.st, s.group, r);
      };
    }
    case 'balanceEquation': {
      const [rc, ro, rcr, rdb] = [rule.closing, rule.opening, rule.credits, rule.debits].map(ref);
      return (rs) => {
        const closing = scoped(rs, rc, undefined, -1, -1);
        const opening = scoped(rs, ro, undefined, -1, -1);
        const credits = scoped(rs, rcr, undefined, -1, -1);
        const debits = scoped(rs, rdb, undefined, -1, -1);
        if (closing === undefined || opening === undefined || credits === undefined || debits === undefined) return;
        const sc = signed(closing);
        const so = signed(opening);
        const cr = amountOf(credits);
        const db = amountOf(debits);
        if (sc === undefined || so === undefined || cr === undefined || db === undefined) return;
        const expected = so.plus(cr).minus(db);
        if (bigEq(expected, sc)) return;
        report(rs, code, closing, compOffset(closing, closing.item.amountComp), compLength(closing, closing.item.amountComp), {
          closing: rule.closing,
          opening: rule.opening,
          credits: rule.credits,
          debits: rule.debits,
          expected: markedAmount(expected),
          actual: markedAmount(sc),
        });
      };
    }
    case 'uniqueInMessage': {
      const r = ref(rule.tag);
      return (rs) => {
        const occs = all(rs, r);
        const n = occs.length;
        if (n < 2) return;
        // Few occurrences (the usual case): compare pairwise; many: a set.
        const seen = n > 16 ? new Set<string>() : undefined;
        for (let i = 0; i < n; i++) {
          const occ = occs[i]!;
          let dup = false;
          if (seen !== undefined) {
            dup = seen.has(occ.raw);
            seen.add(occ.raw);
          } else {
            for (let k = 0; k < i && !dup; k++) dup = occs[k]!.raw === occ.raw;
          }
          if (dup) report(rs, code, occ, occ.valueOffset, Math.max(1, occ.raw.length), { tag: occ.tag, value: occ.raw });
        }
      };
    }
    case 'firstLinePrefix': {
      const r = ref(rule.tag);
      return (rs) => {
        for (const occ of all(rs, r)) {
          const m = /^[^\r\n]*/.exec(occ.raw);
          const line = m === null ? '' : m[0];
          const ok = line.startsWith(rule.prefix) && (!rule.textAfter || line.slice(rule.prefix.length).trim().length > 0);
          if (ok) continue;
          report(rs, code, occ, occ.valueOffset, Math.max(1, line.length), {
            tag: occ.tag,
            prefix: rule.prefix,
            textAfter: rule.textAfter ? ' followed by text' : '',
            textAfterZh: rule.textAfter ? '，其后须有说明' : '',
          });
        }
      };
    }
    case 'mtMatchesFmt':
      return (rs) => {
        const b2 = rs.env.applicationHeader;
        if (b2 !== undefined && b2.mt !== rs.plan.mt) {
          rs.sink.report(code, b2.offset + 4, 3, { block: '2' }, { mt: b2.mt, fmt: rs.plan.id, expected: rs.plan.mt });
        }
      };
    case 'fieldEqualsFmt': {
      const r = ref(rule.tag);
      return (rs) => {
        for (const occ of all(rs, r)) {
          if (occ.raw !== rs.plan.number) {
            report(rs, code, occ, occ.valueOffset, Math.max(1, occ.raw.length), { tag: rule.tag, expected: rs.plan.number, value: occ.raw });
          }
        }
      };
    }
    case 'headerAddressCountry':
      return (rs) => {
        for (const party of rule.parties) checkAddress(rs, code, party, rule.country);
      };
    case 'headerPriority':
      return (rs) => {
        const b2 = rs.env.applicationHeader;
        const table = rs.core.context.codeTables.get(rule.table);
        if (b2 === undefined || table === undefined || table.has(b2.priority)) return;
        const at = b2.direction === 'I' ? b2.offset + 19 : b2.offset + 49;
        rs.sink.report(code, at, 1, { block: '2' }, { value: b2.priority, table: rule.table, codes: [...table.keys()].join(' ') });
      };
    case 'amountCurrencyFrom':
      // Applied while reading: bare amounts are parsed with this currency (R017 when absent).
      return undefined;
  }
}

const ZERO = new Big(0);

/** a > 0, without allocating (big.js: coefficient `c`, sign `s`; zero is c = [0]). */
function isPositive(a: Big): boolean {
  return a.s > 0 && a.c[0] !== 0;
}

const RULE_HELPERS: RuleHelpers = { ZERO, isPositive, after: afterRules };

function empty(v: TypedValue | undefined): boolean {
  if (v === undefined) return true;
  if (typeof v === 'string') return v.trim().length === 0;
  if (Array.isArray(v)) return !v.some((line: string) => line.trim().length > 0);
  return false;
}

function signed(o: Occ): Big | undefined {
  const a = amountOf(o);
  const mark = stringOf(o, o.item.markComp);
  if (a === undefined || mark === undefined) return undefined;
  return mark === 'D' ? a.neg() : a;
}

function markedAmount(v: Big): string {
  return v.lt(0) ? `D${money(v.neg())}` : `C${money(v)}`;
}

function checkAddress(rs: ReadState, code: DiagnosticCode, party: 'sender' | 'receiver', country: string): void {
  const b1 = rs.env.basicHeader;
  const b2 = rs.env.applicationHeader;
  let address: string | undefined;
  let at = 0;
  let block = '1';
  if (b2 === undefined || (party === 'sender') === (b2.direction === 'I')) {
    if (b1 === undefined) return;
    address = b1.ltAddress;
    at = b1.offset + 3 + b1.applicationId.length + b1.serviceId.length;
  } else if (b2.direction === 'I') {
    address = b2.receiverAddress;
    at = b2.offset + 7;
    block = '2';
  } else {
    address = b2.mirAddress;
    at = b2.offset + 17;
    block = '2';
  }
  if (address.startsWith(country, 4)) return;
  const found = address.slice(4, 6);
  rs.sink.report(code, at + 4, 2, { block }, {
    party,
    partyZh: party === 'sender' ? '发送方' : '接收方',
    address,
    country,
    found,
  });
}

function checkParticipants(rs: ReadState): void {
  if (!rs.plan.hasParticipants) return;
  participantsIn(rs, rs.body);
  participantsIn(rs, rs.text);
  participantsIn(rs, rs.block6);
}

function participantsIn(rs: ReadState, st: ListState | undefined): void {
  if (st === undefined) return;
  const occs = st.occs;
  for (let i = 0; i < occs.length; i++) {
    const occ = occs[i]!;
    const it = occ.item;
    if (!it.participantCN || !occ.clean) continue;
    const bic = stringOf(occ, it.bicComp);
    if (bic === undefined || bic.startsWith('CN', 4)) continue;
    rs.sink.report('R018', compOffset(occ, it.bicComp) + 4, 2, contextOf(st.where, occ.tag), { ...named(it), found: bic.slice(4, 6) });
  }
}

function checkBlocks(rs: ReadState): void {
  const { env, plan, sink } = rs;
  const def = plan.def;
  if (env.additionalText !== undefined && plan.block6.entries.length === 0) {
    sink.report('R019', env.additionalText.offset, 1, { block: '6' }, { fmt: plan.id });
  }
  if (def.signature === 'M' && env.signature === undefined) {
    const at = env.trailer?.offset ?? env.envelope.blocks[env.envelope.blocks.length - 1]?.end ?? 0;
    sink.report('R020', at, env.trailer === undefined ? 0 : 1, { block: '7' }, { fmt: plan.id });
  }
  if (def.reserved === true) {
    const e = env.userHeader?.entries.find((x) => x.tag === '119');
    sink.report('R022', e === undefined ? 0 : e.offset + 5, e === undefined ? 0 : e.value.length, { block: '3', tag: '119' }, {
      fmt: plan.id,
      name: def.name,
      nameZh: def.nameZh,
    });
  }
}
