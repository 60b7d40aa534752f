/**
 * Rules that hold for a whole family of formats (every FMT, one MT, one category), written once;
 * the MT198 text-block envelope; and the MT → FMTs relation, derived from the FMT tables (never a
 * second list).
 */
import { BLOCK2_PRIORITY_TABLE } from './code-tables.js';
import { FMTS } from './fmts/index.js';
import { M } from './fmts/derive.js';
import type { Condition, EmbeddedBodyDef, FamilyRuleDef, FieldItem, FmtDef, ItemDef, RuleDef, RuleScope } from './schema.js';

/**
 * MT198 (fields.md §2, reconstruction §7): the text block is `:20:` (业务参考号, M), `:12:` (the
 * FMT number, M) and `:77E:` (M, last); the FMT's items are 77E's embedded fields.
 */
export const EMBEDDED_BODY: EmbeddedBodyDef = {
  mt: '198',
  container: '77E',
  textItems: [M('20'), M('12', { nameZh: '报文格式号', note: 'the FMT number' }), M('77E')],
};

/** Rules for families of formats. A rule applies to an FMT in scope that has every tag it names. */
export const FAMILY_RULES: readonly FamilyRuleDef[] = [
  { scope: { all: true }, rule: { rule: 'mtMatchesFmt' }, source: 'reconstruction §5.2, §5.3' },
  { scope: { all: true }, rule: { rule: 'headerPriority', table: BLOCK2_PRIORITY_TABLE }, source: 'reconstruction §5.2; fields.md FMT100' },
  { scope: { mt: '198' }, rule: { rule: 'fieldEqualsFmt', tag: '12' }, source: 'fields.md §2; reconstruction §5.3' },
  {
    scope: { mt: '198' },
    rule: { rule: 'requiredWhen', tag: 'RCD', when: { tag: 'RSP', equals: 'R' }, otherwise: 'forbidden' },
    source: 'fields.md §2',
  },
  { scope: { mt: '198' }, rule: { rule: 'amountCurrencyFrom', currency: 'CCY' }, source: 'reconstruction §4 (AMOUNT minor units)' },
  {
    scope: { category: 'payment' },
    rule: { rule: 'headerAddressCountry', parties: ['sender', 'receiver'], country: 'CN' },
    source: 'fields.md FMT100 (header rules); reconstruction §4 (行号BIC码)',
  },
  { scope: { category: 'payment' }, rule: { rule: 'amountPositive', tag: '32A' }, source: 'reconstruction §4 (AMOUNT); fields.md FMT100, FMT200' },
  { scope: { category: 'payment' }, rule: { rule: 'amountPositive', tag: '32B' }, source: 'reconstruction §4 (AMOUNT)' },
  { scope: { category: 'payment' }, rule: { rule: 'amountPositive', tag: '33B' }, source: 'reconstruction §4 (AMOUNT)' },
];

/** What a tag named by a rule must be able to give (checked by checkTables). */
export type TagRole =
  /** Anything (presence, whole value). */
  | 'any'
  /** Compared as a whole value with codes (conditions). */
  | 'value'
  | 'amount'
  | 'currency'
  | 'date'
  /** An integer (`n` format). */
  | 'integer'
  /** Lines of text (`x`/`g`). */
  | 'text'
  /** A D/C mark, a currency and an amount (60F, 62F). */
  | 'balance'
  /** Components named by the rule (fieldComplete). */
  | 'parts'
  /** A field of the text block of an embedded-body MT (MT198 :12:). */
  | 'envelope';

export interface TagRef {
  readonly tag: string;
  readonly role: TagRole;
  /** For role `value`: the values compared with. */
  readonly values?: readonly string[];
}

function conditionRefs(c: Condition): TagRef[] {
  if ('currenciesDiffer' in c) return c.currenciesDiffer.map((tag) => ({ tag, role: 'currency' as const }));
  if ('present' in c) return [{ tag: c.present, role: 'any' }];
  if ('equals' in c) return [{ tag: c.tag, role: 'value', values: [c.equals] }];
  if ('notEquals' in c) return [{ tag: c.tag, role: 'value', values: [c.notEquals] }];
  return [{ tag: c.tag, role: 'value', values: c.oneOf }];
}

/** Every tag a rule names, with what the rule needs from it. */
export function ruleTagRefs(rule: RuleDef): readonly TagRef[] {
  switch (rule.rule) {
    case 'requiredWhen':
    case 'onlyWhen':
      return [{ tag: rule.tag, role: 'any' }, ...conditionRefs(rule.when)];
    case 'fieldComplete':
      return [{ tag: rule.tag, role: 'parts' }];
    case 'amountPositive':
      return [{ tag: rule.tag, role: 'amount' }];
    case 'minValue':
      return [{ tag: rule.tag, role: 'integer' }];
    case 'sumEquals':
      return [
        { tag: rule.total, role: 'amount' },
        { tag: rule.of, role: 'amount' },
        ...(rule.where === undefined ? [] : conditionRefs(rule.where)),
      ];
    case 'amountsEqual':
      return rule.tags.map((tag) => ({ tag, role: 'amount' as const }));
    case 'sameCurrency':
      return rule.tags.map((tag) => ({ tag, role: 'currency' as const }));
    case 'dateNotBefore':
      return [
        { tag: rule.tag, role: 'date' },
        { tag: rule.than, role: 'date' },
      ];
    case 'balanceEquation':
      return [
        { tag: rule.closing, role: 'balance' },
        { tag: rule.opening, role: 'balance' },
        { tag: rule.credits, role: 'amount' },
        { tag: rule.debits, role: 'amount' },
      ];
    case 'uniqueInMessage':
      return [{ tag: rule.tag, role: 'any' }];
    case 'firstLinePrefix':
      return [{ tag: rule.tag, role: 'text' }];
    case 'fieldEqualsFmt':
      return [{ tag: rule.tag, role: 'envelope' }];
    case 'amountCurrencyFrom':
      return [{ tag: rule.currency, role: 'currency' }];
    case 'mtMatchesFmt':
    case 'headerAddressCountry':
    case 'headerPriority':
      return [];
  }
}

/** The tags a rule names. */
export function ruleTags(rule: RuleDef): readonly string[] {
  return [...new Set(ruleTagRefs(rule).map((r) => r.tag))];
}

/**
 * The tag a rule is about (where documentation attaches it): the conditioned item, the total,
 * the first tag listed; undefined for envelope rules.
 */
export function ruleSubject(rule: RuleDef): string | undefined {
  switch (rule.rule) {
    case 'sumEquals':
      return rule.total;
    case 'amountsEqual':
    case 'sameCurrency':
      return rule.tags[0];
    case 'balanceEquation':
      return rule.closing;
    case 'amountCurrencyFrom':
      return undefined;
    default:
      return ruleTagRefs(rule)[0]?.tag;
  }
}

/** Every field item of a list, groups flattened, in order. */
export function fieldItems(items: readonly ItemDef[]): FieldItem[] {
  const out: FieldItem[] = [];
  for (const it of items) {
    if ('group' in it) out.push(...it.items);
    else out.push(it);
  }
  return out;
}

/** Tags an FMT has: its items (all levels) and, for an embedded body, the text-block fields. */
export function fmtTags(fmt: FmtDef, embeddedBody: EmbeddedBodyDef = EMBEDDED_BODY): ReadonlySet<string> {
  const tags = new Set(fieldItems(fmt.items).map((i) => i.tag));
  if (fmt.body === 'embedded') for (const i of embeddedBody.textItems) tags.add(i.tag);
  return tags;
}

/** Whether `scope` covers `fmt`. */
export function inScope(scope: RuleScope, fmt: FmtDef): boolean {
  if ('all' in scope) return true;
  if ('mt' in scope) return scope.mt === fmt.mt;
  if ('category' in scope) return scope.category === fmt.category;
  return scope.body === fmt.body;
}

/** The family rules that apply to `fmt`: in scope, and every tag they name is one of its tags. */
export function familyRulesFor(
  fmt: FmtDef,
  familyRules: readonly FamilyRuleDef[] = FAMILY_RULES,
  embeddedBody: EmbeddedBodyDef = EMBEDDED_BODY,
): readonly FamilyRuleDef[] {
  const tags = fmtTags(fmt, embeddedBody);
  return familyRules.filter((f) => inScope(f.scope, fmt) && ruleTags(f.rule).every((t) => tags.has(t)));
}

/** Every rule that holds for `fmt`: its own rules, then the family rules that apply. */
export function rulesFor(
  fmt: FmtDef,
  familyRules: readonly FamilyRuleDef[] = FAMILY_RULES,
  embeddedBody: EmbeddedBodyDef = EMBEDDED_BODY,
): readonly RuleDef[] {
  return [...fmt.rules, ...familyRulesFor(fmt, familyRules, embeddedBody).map((f) => f.rule)];
}

/** MT → the FMTs it carries, in table order (derived from the FMT tables). */
export function fmtsByMt(fmts: readonly FmtDef[] = FMTS): ReadonlyMap<string, readonly FmtDef[]> {
  const map = new Map<string, FmtDef[]>();
  for (const f of fmts) {
    const list = map.get(f.mt);
    if (list === undefined) map.set(f.mt, [f]);
    else list.push(f);
  }
  return map;
}

/** The MTs in use, in order of first appearance. */
export function mtsOf(fmts: readonly FmtDef[] = FMTS): readonly string[] {
  return [...fmtsByMt(fmts).keys()];
}
