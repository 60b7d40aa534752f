import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMATS_DOC_PATH, describeRule, renderFormatsDoc } from '../scripts/gen-docs.js';
import { checkEnvelopeTables, checkTables, loadTables } from '../src/spec/check-tables.js';
import { DEFAULT_ENVELOPE_TABLES } from '../src/envelope/tables.js';
import { codeTableDef, defaultNotationContext } from '../src/spec/code-tables.js';
import { variableDef } from '../src/spec/variables.js';
import { EMBEDDED_BODY, FAMILY_RULES, familyRulesFor, fmtsByMt, ruleTagRefs, rulesFor } from '../src/spec/families.js';
import { FMT100, FMT102 } from '../src/spec/fmts/payments.js';
import { CATEGORIES, FMTS, findFmt } from '../src/spec/fmts/index.js';
import { RULE_KINDS, type FieldItem, type FmtDef, type RuleDef } from '../src/spec/schema.js';
import { TAGS, tagMap } from '../src/spec/tags.js';

/**
 * The 73 formats of V1.4 (confirmed.md), written out independently of the tables:
 * section, MT, FMT, 名称, category.
 */
const CONFIRMED: readonly (readonly [string, string, string, string, string])[] = [
  ['3.2.1', '103', '100', '境内跨行贷记业务报文(境内业务)', '外币支付业务类'],
  ['3.2.2', '103', '101', '境内跨行贷记业务报文(汇出业务)', '外币支付业务类'],
  ['3.2.3', '103', '102', '境内跨行贷记业务报文(汇入业务)', '外币支付业务类'],
  ['3.2.4', '103', '103', '境内跨行贷记业务报文(退汇业务)', '外币支付业务类'],
  ['3.2.5', '103', '104', '境内跨行贷记业务报文(转汇信息)', '外币支付业务类'],
  ['3.2.6', '202', '200', '银行间资金调拨业务报文(境内业务)', '外币支付业务类'],
  ['3.2.7', '202', '201', '银行间资金调拨业务报文(汇出业务)', '外币支付业务类'],
  ['3.2.8', '202', '202', '银行间资金调拨业务报文(汇入业务)', '外币支付业务类'],
  ['3.2.9', '202', '204', '银行间资金调拨业务报文(退汇业务)', '外币支付业务类'],
  ['3.2.10', '203', '203', '轧差净额业务报文', '外币支付业务类'],
  ['3.3.1', '198', '010', '贷记业务确认通知报文', '清算与结算类'],
  ['3.3.2', '198', '011', '清算净额结算报文', '清算与结算类'],
  ['3.3.3', '198', '012', '清算净额结算回执报文', '清算与结算类'],
  ['3.3.4', '198', '013', '净额结算通知报文', '清算与结算类'],
  ['3.3.5', '198', '014', '轧差净额业务被记账行清算通知报文', '清算与结算类'],
  ['3.3.6', '198', '015', '轧差净额业务被借记行排队通知报文', '清算与结算类'],
  ['3.3.7', '198', '016', '轧差净额业务确认通知报文', '清算与结算类'],
  ['3.4.1', '195', '195', '查询报文', '业务信息类'],
  ['3.4.2', '196', '196', '查复报文', '业务信息类'],
  ['3.4.3', '199', '199', '自由格式报文', '业务信息类'],
  ['3.4.4', '192', '191', '撤销申请报文', '业务信息类'],
  ['3.4.5', '196', '192', '撤销应答报文', '业务信息类'],
  ['3.4.6', '192', '193', '退汇申请报文', '业务信息类'],
  ['3.4.7', '196', '194', '退汇应答报文', '业务信息类'],
  ['3.4.8', '198', '020', '通用确认报文', '业务信息类'],
  ['3.4.9', '198', '021', '计费通知信息报文', '业务信息类'],
  ['3.4.10', '198', '023', '数字签名查询报文', '业务信息类'],
  ['3.4.11', '198', '024', '数字签名查复报文', '业务信息类'],
  ['3.4.12', '198', '025', '转汇信息确认报文', '业务信息类'],
  ['3.4.13', '198', '026', '日初资金圈存授信确认报文', '业务信息类'],
  ['3.4.14', '198', '027', '清算净额结算回执确认报文', '业务信息类'],
  ['3.5.1', '920', '920', '结算账户余额查询请求报文', '查询管理类'],
  ['3.5.2', '941', '941', '结算账户余额查询回应报文', '查询管理类'],
  ['3.5.3', '985', '985', '支付业务状态查询报文', '查询管理类'],
  ['3.5.4', '986', '986', '支付业务状态查询应答报文', '查询管理类'],
  ['3.5.5', '198', '031', '支付业务排队管理报文', '查询管理类'],
  ['3.5.6', '198', '032', '支付业务排队管理应答报文', '查询管理类'],
  ['3.5.7', '198', '033', '额度信息查询报文', '查询管理类'],
  ['3.5.8', '198', '034', '额度信息应答报文', '查询管理类'],
  ['3.6.1', '198', '041', '日初资金圈存授信报文', '流动性管理类'],
  ['3.6.2', '198', '042', '可用额度预警通知报文', '流动性管理类'],
  ['3.6.3', '198', '043', '可用额度预警管理报文', '流动性管理类'],
  ['3.6.4', '198', '044', '可用额度预警管理应答报文', '流动性管理类'],
  ['3.6.5', '198', '045', '圈存资金调整报文', '流动性管理类'],
  ['3.6.6', '198', '046', '圈存资金调整应答报文', '流动性管理类'],
  ['3.6.7', '198', '040', '圈存资金调整通知报文', '流动性管理类'],
  ['3.6.8', '198', '047', '授信额度调整报文', '流动性管理类'],
  ['3.6.9', '198', '048', '授信额度调整应答报文', '流动性管理类'],
  ['3.6.10', '198', '049', '授信额度调整通知报文', '流动性管理类'],
  ['3.7.1', '198', '060', '系统状态变更通知报文', '系统管理类'],
  ['3.7.2', '198', '061', '业务权限控制报文', '系统管理类'],
  ['3.7.3', '198', '062', '公共数据变更报文', '系统管理类'],
  ['3.7.4', '198', '063', '登录申请报文', '系统管理类'],
  ['3.7.5', '198', '064', '登录应答报文', '系统管理类'],
  ['3.7.6', '198', '065', '退出申请报文', '系统管理类'],
  ['3.7.7', '198', '066', '退出应答报文', '系统管理类'],
  ['3.7.8', '198', '067', '强制退出登录通知报文', '系统管理类'],
  ['3.7.9', '198', '068', '业务截止警告通知报文', '系统管理类'],
  ['3.8.1', '198', '070', '清算净额汇总核对报文', '对账类'],
  ['3.8.2', '198', '071', '清算净额明细核对申请报文', '对账类'],
  ['3.8.3', '198', '072', '支付业务汇总核对报文', '对账类'],
  ['3.8.4', '198', '073', '支付业务明细申请报文', '对账类'],
  ['3.8.5', '198', '074', '轧差净额业务核对报文', '对账类'],
  ['3.9.1', '198', '080', '参与者行号变更通知报文', '行号类'],
  ['3.9.2', '198', '081', '直接参与者币种变更通知报文', '行号类'],
  ['3.9.3', '198', '082', '直接参与者币种变更确认报文', '行号类'],
  ['3.9.4', '198', '083', '间接参与者行号变更申请报文', '行号类'],
  ['3.9.5', '198', '084', '间接参与者行号变更确认报文', '行号类'],
  ['3.9.6', '198', '085', '结算账户销户申请报文', '行号类'],
  ['3.9.7', '198', '086', '结算账户销户应答报文', '行号类'],
  ['3.9.8', '198', '087', '币种变更通知报文', '行号类'],
  ['3.9.9', '198', '088', '数字证书行号绑定关系变更申请报文', '行号类'],
  ['3.9.10', '198', '089', '数字证书行号绑定关系变更通知报文', '行号类'],
];

/** A deep, mutable copy of plain table data (for injecting mistakes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mutable<T>(x: T): any {
  return structuredClone(x);
}

function fmt(n: string): FmtDef {
  const f = findFmt(n);
  if (f === undefined) throw new Error(`no FMT${n}`);
  return f;
}

function item(f: FmtDef, tag: string): FieldItem | undefined {
  for (const it of f.items) {
    if ('group' in it) {
      const g = it.items.find((x) => x.tag === tag);
      if (g !== undefined) return g;
    } else if (it.tag === tag) return it;
  }
  return undefined;
}

/** checkTables over the shipped tables with one FMT replaced. */
function checkWith(changed: FmtDef): string[] {
  return checkTables(
    TAGS,
    FMTS.map((f) => (f.fmt === changed.fmt ? changed : f)),
  );
}

describe('the shipped tables', () => {
  it('are consistent (also against the code tables)', () => {
    expect(checkTables(TAGS, FMTS)).toEqual([]);
    expect(checkTables(TAGS, FMTS, { codeTables: defaultNotationContext().codeTables })).toEqual([]);
  });

  it('hold exactly the 73 formats of confirmed.md, in order', () => {
    expect(FMTS).toHaveLength(73);
    const actual = FMTS.map((f) => [f.section, f.mt, f.fmt, f.nameZh, CATEGORIES.find((c) => c.id === f.category)?.nameZh]);
    expect(actual).toEqual(CONFIRMED);
  });

  it('mark FMT074 (and only it) as reserved', () => {
    expect(FMTS.filter((f) => f.reserved === true).map((f) => f.fmt)).toEqual(['074']);
  });

  it('give each MT the FMTs confirmed.md lists', () => {
    const byMt = fmtsByMt(FMTS);
    const nums = (mt: string): string[] => (byMt.get(mt) ?? []).map((f) => f.fmt);
    expect(nums('196')).toEqual(['196', '192', '194']);
    expect(nums('192')).toEqual(['191', '193']);
    expect(nums('103')).toEqual(['100', '101', '102', '103', '104']);
    expect(nums('202')).toEqual(['200', '201', '202', '204']);
    // confirmed.md's prose says "MT198 carries 49 formats", but its own table (and CONFIRMED
    // above) has 52 MT198 rows; the table is the list of facts, so 52.
    expect(nums('198')).toHaveLength(52);
    expect(nums('198')).toEqual(CONFIRMED.filter((r) => r[1] === '198').map((r) => r[2]));
    expect([...byMt.keys()].sort()).toEqual(['103', '192', '195', '196', '198', '199', '202', '203', '920', '941', '985', '986']);
  });

  it('use the embedded body exactly for MT198', () => {
    for (const f of FMTS) expect(f.body, `FMT${f.fmt}`).toBe(f.mt === EMBEDDED_BODY.mt ? 'embedded' : 'text');
  });

  it('are plain data (JSON round trip is lossless)', () => {
    expect(JSON.parse(JSON.stringify(FMTS))).toEqual(FMTS);
    expect(JSON.parse(JSON.stringify(TAGS))).toEqual(TAGS);
    expect(JSON.parse(JSON.stringify(FAMILY_RULES))).toEqual(FAMILY_RULES);
  });

  it('find an FMT by number or by user-header form', () => {
    expect(findFmt('FMT100')).toBe(FMT100);
    expect(findFmt('100')).toBe(FMT100);
    expect(findFmt('010')?.nameZh).toBe('贷记业务确认通知报文');
    expect(findFmt('999')).toBeUndefined();
  });

  it('transcribe every tag of fields.md §1–§2', () => {
    expect(TAGS.text.map((t) => t.tag)).toEqual([
      '11S', '12', '13D', '19', '20', '21', '23B', '23D', '23S', '25', '26T', '28', '30', '30T', '32A', '32B', '33B', '36',
      '50K', '52A', '53A', '54A', '56A', '57A', '58A', '59', '60F', '62F', '64', '70', '71A', '71G', '72', '75', '76', '77B',
      '77E', '79', '90C', '90D',
    ]);
    expect(TAGS.block6.map((t) => t.tag)).toEqual(['ONM', 'OAD', 'BNM', 'BAD', 'CRI']);
    expect(TAGS.embedded).toHaveLength(68);
    // 76 answer codes: the ANSWER code table, applied to the first-line code
    expect(tagMap(TAGS.text).get('76')?.codes).toEqual({ part: 'code', table: 'ANSWER' });
    expect(codeTableDef('ANSWER')?.codes.map((c) => c.code)).toEqual(['CNCL', 'RJCR', 'PDCR', 'RETN', 'RJRT', 'ANSW']);
  });
});

describe('V1.4-confirmed facts', () => {
  const embedded = tagMap(TAGS.embedded);
  const text = tagMap(TAGS.text);

  it('tag 20 is 16x without spaces (the REF variable)', () => {
    expect(text.get('20')?.format).toBe('REF');
    expect(variableDef('REF')).toMatchObject({ notation: '16x' });
    expect(variableDef('REF')?.rules).toContain('noSpace');
  });
  it('FMT062: CDN is 20g; RMK optional', () => {
    expect(embedded.get('CDN')?.format).toBe('20g');
    expect(item(fmt('062'), 'CDN')?.status).toBe('M');
    expect(item(fmt('062'), 'RMK')?.status).toBe('O');
  });
  it('FMT080: FIC optional', () => {
    expect(item(fmt('080'), 'FIC')?.status).toBe('O');
  });
  it('FMT083 and FMT082: RMK is 30g', () => {
    expect(item(fmt('083'), 'RMK')?.format).toBe('30g');
    expect(item(fmt('082'), 'RMK')?.format).toBe('30g');
  });
  it('FMT032: QCT is 8n and counts the group', () => {
    expect(item(fmt('032'), 'QCT')?.format ?? embedded.get('QCT')?.format).toBe('8n');
    expect(fmt('032').items.some((it) => 'group' in it && 'tag' in it.count && it.count.tag === 'QCT')).toBe(true);
  });
  it('FMT061: SCT and RCT are 3n', () => {
    expect(embedded.get('SCT')?.format).toBe('3n');
    expect(embedded.get('RCT')?.format).toBe('3n');
  });
  it('FMT100: the mandatory data items of confirmed.md', () => {
    for (const tag of ['20', '32A', '50K', '52A', '57A', '59', '26T', '77B']) expect(item(FMT100, tag)?.status, tag).toBe('M');
    expect(FMT100.rules).toContainEqual({ rule: 'fieldComplete', tag: '50K', parts: ['account', 'nameAndAddress'] });
    expect(FMT100.rules).toContainEqual({ rule: 'fieldComplete', tag: '59', parts: ['account', 'nameAndAddress'] });
    const family = familyRulesFor(FMT100).map((f) => f.rule.rule);
    expect(family).toContain('headerAddressCountry'); // 发起清算行, 接收清算行
    expect(family).toContain('headerPriority'); // 紧急级别
    expect(FMT100.signature).toBe('M');
  });
});

describe('derived formats', () => {
  it('FMT101: as FMT100 except 56A and 57A any country', () => {
    const f = fmt('101');
    expect(f.items.map((i) => ('tag' in i ? i.tag : i.group))).toEqual(FMT100.items.map((i) => ('tag' in i ? i.tag : i.group)));
    expect(item(f, '56A')?.participant).toBe('any');
    expect(item(f, '57A')?.participant).toBe('any');
    expect(item(f, '52A')?.participant).toBe('CN');
    expect(f.rules).toEqual(FMT100.rules);
  });
  it('FMT102: 50K account optional, 52A any, 53A/54A added after 52A', () => {
    const tags = FMT102.items.map((i) => ('tag' in i ? i.tag : i.group));
    expect(tags.slice(tags.indexOf('52A'), tags.indexOf('52A') + 3)).toEqual(['52A', '53A', '54A']);
    expect(item(FMT102, '50K')?.format).toBe('[/ACCT] CRLF 4*35x');
    expect(FMT102.rules).toContainEqual({ rule: 'fieldComplete', tag: '50K', parts: ['nameAndAddress'] });
    expect(FMT102.rules).not.toContainEqual({ rule: 'fieldComplete', tag: '50K', parts: ['account', 'nameAndAddress'] });
  });
  it('FMT201 / FMT202: beneficiary side / ordering side any country', () => {
    for (const t of ['56A', '57A', '58A']) expect(item(fmt('201'), t)?.participant, t).toBe('any');
    expect(item(fmt('201'), '52A')?.participant).toBe('CN');
    for (const t of ['52A', '53A', '54A']) expect(item(fmt('202'), t)?.participant, t).toBe('any');
    expect(item(fmt('202'), '58A')?.participant).toBe('CN');
  });
});

describe('families', () => {
  it('apply the MT198 RCD rule to every MT198 format that has RCD', () => {
    for (const f of FMTS) {
      const has = item(f, 'RCD') !== undefined;
      const rcd = rulesFor(f).some((r) => r.rule === 'requiredWhen' && r.tag === 'RCD');
      expect(rcd, `FMT${f.fmt}`).toBe(has && f.mt === '198');
    }
  });
  it('apply amountPositive only to amounts a payment format has', () => {
    const tags = (f: FmtDef): string[] => rulesFor(f).flatMap((r) => (r.rule === 'amountPositive' ? [r.tag] : []));
    expect(tags(FMT100).sort()).toEqual(['32A', '33B']);
    expect(tags(fmt('203'))).toEqual(['32B']);
    expect(tags(fmt('045'))).toEqual(['AMT']);
    expect(tags(fmt('191'))).toEqual([]);
  });
  it('use every rule kind, and describe each in Chinese and English', () => {
    const samples = new Map<string, RuleDef>();
    for (const f of FMTS) for (const r of rulesFor(f)) if (!samples.has(r.rule)) samples.set(r.rule, r);
    expect([...samples.keys()].sort()).toEqual(Object.keys(RULE_KINDS).sort());
    for (const r of samples.values()) {
      for (const ref of ruleTagRefs(r)) expect(typeof ref.tag).toBe('string');
      const d = describeRule(r);
      expect(d.zh.length, r.rule).toBeGreaterThan(0);
      expect(d.en.length, r.rule).toBeGreaterThan(0);
    }
  });
});

describe('checkTables catches injected mistakes', () => {
  const expectProblem = (problems: string[], pattern: RegExp): void => {
    expect(problems.some((p) => pattern.test(p)), `${pattern} in ${JSON.stringify(problems)}`).toBe(true);
  };

  it('an item tag missing from the dictionary', () => {
    const f = mutable(FMT100);
    f.items.push({ tag: '99Z', status: 'O' });
    expectProblem(checkWith(f), /FMT100: item 99Z: tag is not in the dictionary/);
  });

  it('a text tag used in an embedded body, and a tag marked not used', () => {
    const f = mutable(fmt('010'));
    f.items.push({ tag: '20', status: 'O' });
    expectProblem(checkWith(f), /FMT010: item 20: tag is not in the dictionary/);
    const g = mutable(FMT100);
    g.items.push({ tag: '13D', status: 'O' });
    expectProblem(checkWith(g), /FMT100: item 13D: tag is marked not used/);
  });

  it('a duplicate FMT number and a duplicate section', () => {
    const copy = mutable(fmt('010'));
    copy.section = '3.3.99';
    expectProblem(checkTables(TAGS, [...FMTS, copy]), /FMT010: duplicate FMT number/);
    const other = mutable(fmt('011'));
    other.fmt = '019';
    other.section = '3.3.1';
    expectProblem(checkTables(TAGS, [...FMTS, other]), /duplicate section 3\.3\.1/);
  });

  it('a section outside its category, and an MT/body mismatch', () => {
    const f = mutable(fmt('010'));
    f.section = '3.4.99';
    expectProblem(checkWith(f), /FMT010: section 3\.4\.99 is not in the category's section 3\.3/);
    const g = mutable(fmt('010'));
    g.body = 'text';
    expectProblem(checkWith(g), /FMT010: body "text" but MT198/);
  });

  it('a count item that is not count-like, not before the group, or not mandatory', () => {
    const f = mutable(fmt('011'));
    f.items[3].format = '3!a';
    expectProblem(checkWith(f), /group entries: count item CNT has format "3!a", not a count/);
    const g = mutable(fmt('011'));
    g.items[4].count = { tag: 'TDA' };
    expectProblem(checkWith(g), /group entries: count item TDA is not a message-level item before the group/);
    const h = mutable(fmt('011'));
    h.items[3].status = 'O';
    expectProblem(checkWith(h), /count item CNT must be mandatory/);
    const i = mutable(fmt('203'));
    i.items[1].count = { min: 5, max: 2 };
    expectProblem(checkWith(i), /repetitions 5\.\.2 are not a valid range/);
  });

  it('a rule naming a tag the FMT does not have, or an ambiguous one', () => {
    const f = mutable(FMT100);
    f.rules.push({ rule: 'uniqueInMessage', tag: '21' });
    expectProblem(checkWith(f), /FMT100: rule uniqueInMessage names 21, which the FMT does not have/);
    const g = mutable(fmt('203'));
    g.rules.push({ rule: 'firstLinePrefix', tag: '72', prefix: '/X/', textAfter: false });
    expectProblem(checkWith(g), /names 72, which occurs 2 times in the FMT \(ambiguous\)/);
  });

  it('a rule naming a tag of the wrong kind', () => {
    const f = mutable(FMT100);
    f.rules.push({ rule: 'sameCurrency', tags: ['32A', '20'] });
    f.rules.push({ rule: 'amountPositive', tag: '52A' });
    f.rules.push({ rule: 'dateNotBefore', tag: '32A', than: '36' });
    f.rules.push({ rule: 'fieldComplete', tag: '59', parts: ['iban'] });
    f.rules.push({ rule: 'minValue', tag: '70', min: 1 });
    const p = checkWith(f);
    expectProblem(p, /sameCurrency: 20 has no currency/);
    expectProblem(p, /amountPositive: 52A has no amount/);
    expectProblem(p, /dateNotBefore: 36 has no date/);
    expectProblem(p, /fieldComplete: 59 has no part iban/);
    expectProblem(p, /minValue: 70 is not an integer/);
  });

  it('a condition value that is not a code of the item', () => {
    const f = mutable(fmt('012'));
    f.rules.push({ rule: 'onlyWhen', tag: 'RMK', when: { tag: 'RSP', equals: 'X' } });
    f.items[6].status = 'C';
    expectProblem(checkWith(f), /"X" is not an allowed value of RSP/);
  });

  it('a conditional item without a rule, and a rule on a non-conditional item', () => {
    const f = mutable(FMT100);
    f.rules = f.rules.filter((r: RuleDef) => r.rule !== 'onlyWhen');
    expectProblem(checkWith(f), /FMT100: item 71G is conditional \(C\) but no requiredWhen\/onlyWhen rule says when/);
    const g = mutable(FMT100);
    g.rules.push({ rule: 'requiredWhen', tag: '70', when: { tag: '71A', equals: 'BEN' }, otherwise: 'optional' });
    expectProblem(checkWith(g), /conditions 70, whose status is O \(must be C\)/);
  });

  it('narrowed codes outside the dictionary, on an unknown part, or naming unknown FMTs', () => {
    const f = mutable(fmt('196'));
    f.items[3].codes = { part: 'code', values: [{ code: 'XXXX' }] };
    expectProblem(checkWith(f), /item 76: narrowed code "XXXX"/);
    const g = mutable(fmt('196'));
    g.items[3].codes = { part: 'nope', values: [{ code: 'ANSW' }] };
    expectProblem(checkWith(g), /item 76: codes apply to part "nope"/);
    const h = mutable(fmt('025'));
    h.items[1].codes = { values: [{ code: '999' }] };
    expectProblem(checkWith(h), /item OFM: narrowed code "999"/);
  });

  it('code tables: unknown table names and values outside a table (when tables are given)', () => {
    const tags = mutable(TAGS);
    const t23b = tags.text.find((t: { tag: string }) => t.tag === '23B');
    if (t23b !== undefined) t23b.codes = { table: 'NOPE' };
    const codeTables = new Map([['BKIND', new Map([['001', '普通汇款']])]]);
    const p = checkTables(tags, FMTS, { codeTables });
    expectProblem(p, /text tag 23B: unknown code table "NOPE"/);
    expectProblem(p, /FMT103: item 26T: narrowed code "009"/);
    expectProblem(p, /FMT200: item 26T: default value "007" is not an allowed value/);
  });

  it('dictionary mistakes: duplicate tag, duplicate name, bad part of a code list', () => {
    const tags = mutable(TAGS);
    tags.embedded.push({ tag: 'ACC', nameZh: '重复', name: 'again', format: '3!a' });
    tags.embedded.push({ tag: 'ZZZ', nameZh: '重名', name: 'amount', format: '3!a' });
    tags.text.find((t: { tag: string }) => t.tag === '71A').codes = { part: 'x', values: [{ code: 'OUR' }] };
    const p = checkTables(tags, FMTS);
    expectProblem(p, /embedded tag ACC: duplicate tag/);
    expectProblem(p, /embedded tag ZZZ: 英文简称 "amount" is also the name of AMT/);
    expectProblem(p, /text tag 71A: codes apply to part "x"/);
  });

  it('BIC scope: missing on a BIC item, present on a non-BIC item', () => {
    const f = mutable(FMT100);
    delete f.items.find((i: FieldItem) => i.tag === '57A').participant;
    f.items.find((i: FieldItem) => i.tag === '70').participant = 'CN';
    const p = checkWith(f);
    expectProblem(p, /item 57A: BIC item without participant scope/);
    expectProblem(p, /item 70: participant scope on a non-BIC format/);
  });

  it('block 6 items not in the block-6 dictionary', () => {
    const f = mutable(FMT100);
    f.block6.push({ tag: 'XYZ', status: 'O' });
    expectProblem(checkWith(f), /FMT100: block-6 item XYZ is not in the block-6 dictionary/);
  });

  it('references to unknown FMTs or tags', () => {
    const f = mutable(fmt('012'));
    f.items[0].refersTo = { tag: '20', fmts: ['999'] };
    expectProblem(checkWith(f), /refersTo names FMT999, which is not defined/);
    const g = mutable(fmt('025'));
    g.items[0].refersTo = { tag: '79', fmts: ['104'] };
    expectProblem(checkWith(g), /refersTo 79 of FMT104, which has no 79/);
  });

  it('property-name clashes and unknown rule kinds', () => {
    const f = mutable(fmt('011'));
    f.items[4].group = 'count';
    expectProblem(checkWith(f), /have the same property name "count"/);
    const g = mutable(FMT100);
    g.rules.push({ rule: 'noSuchRule', tag: '20' });
    expectProblem(checkWith(g), /unknown rule kind "noSuchRule"/);
  });

  it('family rules with an empty scope or naming tags of the wrong kind', () => {
    const rules = [...FAMILY_RULES, { scope: { mt: '999' }, rule: { rule: 'mtMatchesFmt' }, source: 'test' }] as const;
    expectProblem(checkTables(TAGS, FMTS, { familyRules: rules as never }), /scope MT999 carries no FMT/);
    const wrong = [...FAMILY_RULES, { scope: { mt: '198' }, rule: { rule: 'amountPositive', tag: 'CCY' }, source: 'test' }];
    expectProblem(checkTables(TAGS, FMTS, { familyRules: wrong as never }), /\(amountPositive\) in FMT011: rule amountPositive: CCY has no amount/);
  });

  it('an announcement naming items the FMT does not have', () => {
    const f = mutable(fmt('087'));
    f.announces.key = 'PTC';
    expectProblem(checkWith(f), /FMT087: announces names PTC/);
  });
});

describe('overrides', () => {
  it('load cleanly when consistent, and are checked at load', () => {
    expect(loadTables().problems).toEqual([]);
    // a bank adds a format and corrects a field of FMT100
    const fmt099: FmtDef = { ...fmt('063'), fmt: '099', section: '3.7.99', nameZh: '测试报文', name: 'Test' };
    const corrected: FmtDef = {
      ...FMT100,
      items: FMT100.items.map((i) => ('tag' in i && i.tag === '70' ? { ...i, status: 'M' as const } : i)),
    };
    const ok = loadTables({ fmts: [fmt099, corrected] });
    expect(ok.problems).toEqual([]);
    expect(ok.tables.fmts).toHaveLength(74);
    expect(findFmt('099', ok.tables.fmts)?.name).toBe('Test');
    expect(item(findFmt('100', ok.tables.fmts) as FmtDef, '70')?.status).toBe('M');
    expect(item(FMT100, '70')?.status).toBe('O'); // the shipped table is untouched
    // an inconsistent correction is reported
    const broken: FmtDef = {
      ...FMT100,
      items: FMT100.items.map((i) => ('tag' in i && i.tag === '36' ? { ...i, status: 'O' as const } : i)),
    };
    expect(loadTables({ fmts: [broken] }).problems).toEqual([
      'FMT100: rule requiredWhen conditions 36, whose status is O (must be C)',
    ]);
  });

  it('replace dictionary entries by tag', () => {
    const { tables, problems } = loadTables({ tags: { embedded: [{ tag: 'RMK', nameZh: '备注', name: 'remark', format: '80g' }] } });
    expect(problems).toEqual([]);
    expect(tagMap(tables.tags.embedded).get('RMK')?.format).toBe('80g');
    expect(tables.tags.embedded).toHaveLength(TAGS.embedded.length);
  });
});

describe('docs/formats.md', () => {
  it('is up to date with the generator (npx tsx scripts/gen-docs.ts)', () => {
    expect(readFileSync(FORMATS_DOC_PATH, 'utf8')).toBe(renderFormatsDoc());
  });

  it('lists every FMT and every tag', () => {
    const doc = renderFormatsDoc();
    for (const f of FMTS) expect(doc).toContain(`### FMT${f.fmt} · MT${f.mt} · ${f.nameZh}`);
    for (const t of [...TAGS.text, ...TAGS.block6, ...TAGS.embedded]) expect(doc).toContain(`| \`${t.tag}\` | ${t.nameZh} |`);
  });
});

describe('the envelope tables', () => {
  it('the shipped ones pass checkEnvelopeTables', () => {
    expect(checkEnvelopeTables(DEFAULT_ENVELOPE_TABLES)).toEqual([]);
  });
});
