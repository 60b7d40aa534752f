/**
 * Codecs with overrides (a bank's corrections of the tables): the parser, validator and builder
 * follow them; inconsistent overrides throw at creation with every problem. JSON helpers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { FMT033, FMT034 } from '../src/spec/fmts/queries.js';
import { FMT031 } from '../src/spec/fmts/queries.js';
import type { FmtDef } from '../src/spec/schema.js';
import { MAX_JSON_DEPTH } from '../src/message/json.js';
import { BLOCKS } from '../src/spec/envelope.js';
import { parseEnvelope } from '../src/envelope/parse.js';
import { parseReference } from '../src/reference/parse-reference.js';
import { encodeText } from '../src/bytes/encode.js';
import {
  CodecTablesError,
  announcedChanges,
  withAnnouncements,
  createEnvelopeTables,
  bodyFromJSON,
  build,
  createCodec,
  defaultCodec,
  messageToJSON,
  parse,
  type AnyMessage,
  type Codec,
  type CodecOptions,
  type Fmt100Body,
} from '../src/message/index.js';

const validDir = join(import.meta.dirname, '..', 'fixtures', 'valid');
const files = readdirSync(validDir);
function fixture(prefix: string): string {
  const f = files.find((x) => x.startsWith(prefix))!;
  return new TextDecoder('gb18030').decode(readFileSync(join(validDir, f)));
}
const codes = (ds: readonly { code: string }[]): string[] => ds.map((d) => d.code);

const F100 = fixture('fmt100');
const F033 = fixture('fmt033');

describe('createCodec', () => {
  it('without options is the shipped codec', () => {
    const c = createCodec();
    expect(c.tables.fmts).toHaveLength(73);
    expect(codes(c.parse(F100).diagnostics)).toEqual([]);
    expect(defaultCodec().tables.fmts).toHaveLength(73);
  });

  it('currencies: added, removed (minor units follow)', () => {
    const c = createCodec({ currencies: { CNY: 2, JPY: null } });
    expect(c.context.currencies.get('CNY')).toBe(2);
    const cny = F100.replace('USD125000,00', 'CNY125000,01');
    expect(codes(parse(cny).diagnostics)).toEqual(['V005']);
    expect(codes(c.parse(cny).diagnostics)).toEqual([]);
    const jpy = F100.replace('USD125000,00', 'JPY125000,');
    expect(codes(parse(jpy).diagnostics)).toEqual([]);
    expect(codes(c.parse(jpy).diagnostics)).toEqual(['V005']);
  });

  it('code tables: a code added to a table; a table replaced', () => {
    const t = F100.replace(':26T:002', ':26T:010');
    expect(codes(parse(t).diagnostics)).toEqual(['V005']);
    expect(codes(createCodec({ codeTables: { BKIND: { '010': '跨境电商' } } }).parse(t).diagnostics)).toEqual([]);
    // Replacing the whole table leaves codes the FMT tables name (FMT103 26T 009, FMT200 default 007).
    expect(() => createCodec({ codeTables: { BKIND: { '010': '跨境电商' } }, replaceCodeTables: ['BKIND'] })).toThrow(/009/);
    const only = createCodec({ codeTables: { BKIND: { '007': '同业', '009': '退汇', '010': '跨境电商' } }, replaceCodeTables: ['BKIND'] });
    expect(codes(only.parse(F100).diagnostics)).toEqual(['V005']);
    expect(codes(only.parse(t).diagnostics)).toEqual([]);
  });

  it('tags: a narrowed dictionary format', () => {
    const c = createCodec({ tags: { embedded: [{ tag: 'RMK', nameZh: '备注', name: 'remark', format: '10g' }] } });
    const f012 = fixture('fmt012');
    expect(codes(parse(f012).diagnostics)).toEqual([]);
    expect(codes(c.parse(f012).diagnostics)).toEqual(['V002']);
  });

  it('fmts: a corrected table (CCY mandatory, a rule added) and a new FMT', () => {
    const strict033: FmtDef = { ...FMT033, items: FMT033.items.map((it) => ('tag' in it && it.tag === 'CCY' ? { ...it, status: 'M' as const } : it)) };
    const c = createCodec({ fmts: [strict033] });
    const noCcy = F033.replace(/:CCY:[A-Z]{3}\r\n/, '');
    expect(codes(parse(noCcy).diagnostics)).toEqual([]);
    expect(codes(c.parse(noCcy).diagnostics)).toEqual(['F001']);

    const min2: FmtDef = { ...FMT031, rules: [{ rule: 'minValue', tag: 'CNT', min: 4 }] };
    expect(codes(createCodec({ fmts: [min2] }).parse(fixture('fmt031')).diagnostics)).toEqual(['R005']);

    const fmt090: FmtDef = { ...FMT034, fmt: '090', section: '3.5.9', nameZh: '额度信息应答报文（扩展）', name: 'Limit information reply (extended)' };
    const ext = createCodec<AnyMessage>({ fmts: [fmt090] });
    const body = {
      reference: 'REF090',
      originalReference: 'ORF1',
      workDate: '20261123',
      limits: [{ currency: 'USD', earmarkedAmount: new Big(1), creditLine: new Big(2), queuedAmount: new Big(0), availableLimit: new Big(3) }],
    };
    const built = ext.build('FMT090', body);
    expect(built.diagnostics).toEqual([]);
    expect(built.text).toContain('{3:{119:FMT090}}');
    expect(built.text).toContain(':12:090\r\n:77E:\r\n:ORF:ORF1\r\n:WDT:20261123\r\n:CNT:1\r\n:CCY:USD\r\n');
    expect(ext.parse(built.text).message?.fmt).toBe('FMT090');
    // The shipped codec does not know FMT090 (and says where).
    expect(codes(parse(built.text).diagnostics)).toEqual(['R021']);
    expect(codes(build('FMT090', body).diagnostics)).toEqual(['R021']);
    // The FMT number is a known FMT in the overridden codec's 11S/OFM/FMT items.
    const f025 = fixture('fmt025').replace(':OFM:104', ':OFM:104');
    expect(codes(ext.parse(f025).diagnostics)).toEqual([]);
  });

  it('inconsistent overrides throw, listing every problem', () => {
    const broken: FmtDef = {
      ...FMT033,
      items: [{ tag: 'ZZZ', status: 'M' }, { tag: 'WDT', status: 'M', format: '9q' }],
    };
    let error: unknown;
    try {
      createCodec({ fmts: [broken], codeTables: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodecTablesError);
    const problems = (error as CodecTablesError).problems;
    expect(problems.some((p) => p.includes('ZZZ'))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect((error as Error).message).toContain('inconsistent');
  });

  it('each codec compiles its plans once', () => {
    const c: Codec = createCodec();
    expect(c.compiled.plans.get('100')).toBe(c.compiled.plans.get('100'));
    expect(c.compiled.plans.size).toBe(73);
  });
});

describe('envelope overrides: a bank corrects the blocks and header tags', () => {
  // SWIFT's PDE is 32 characters (input time + MIR); the shipped table reads V1.4's literally (38).
  const PDE32 = { tag: 'PDE', name: 'possible duplicate emission', nameZh: '可能重复发送', format: '[4!n6!n22!c]', status: 'O' } as const;
  const UETR = { tag: '121', name: 'end-to-end reference', nameZh: '端到端参考号', format: '36x', status: 'O' } as const;
  const withTrailer = (trailer: string): string => F100.replace('{5:{CHK:7D1C9662AD27}}', `{5:{CHK:7D1C9662AD27}${trailer}}`);
  const pde32 = withTrailer('{PDE:1640261123CFXPCNBJAXXX0001000089}');
  const pde38 = withTrailer('{PDE:1640261123261123CFXPCNBJAXXX0001000089}');
  const uetr = F100.replace('{108:HX2026INV1187}}', '{108:HX2026INV1187}{121:8a562c67-ca16-48ba-b074-65581be6f001}}');

  it('a corrected header format and a new header tag are followed by parse, parseAll, parseStream, validate and build', async () => {
    expect(pde32).not.toBe(F100);
    expect(uetr).not.toBe(F100);
    const codec = createCodec({ envelope: { headerTags: { '5': [PDE32], '3': [UETR] } } });
    expect(codes(parse(pde32).diagnostics)).toEqual(['S015']);
    expect(codes(parse(pde38).diagnostics)).toEqual([]);
    expect(codes(parse(uetr).diagnostics)).toEqual(['S013']);
    expect(codes(codec.parse(pde32).diagnostics)).toEqual([]);
    expect(codes(codec.parse(pde38).diagnostics)).toEqual(['S015']);
    expect(codes(codec.parse(uetr).diagnostics)).toEqual([]);
    expect(codec.parseAll(pde32 + '\r\n' + uetr).map((r) => r.ok)).toEqual([true, true]);
    async function* one(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(uetr.slice(0, 40), 'latin1');
      yield encodeText(uetr.slice(40));
    }
    for await (const r of codec.parseStream(one())) expect(r.oversized ? 'oversized' : r.diagnostics).toEqual([]);
    const m = codec.parse(uetr).message!;
    expect(codec.validate(m)).toEqual([]);
    expect(codes(defaultCodec().validate(m))).toEqual(['S013']);
    const built = codec.build('FMT100', m.body as object, { ...m.headers, possibleDuplicate: '1640261123CFXPCNBJAXXX0001000089' });
    expect(codes(built.diagnostics)).toEqual([]);
    // The added tag is a header part of the message (extraTags), written in the tables' order.
    expect(m.headers.extraTags).toEqual({ '3': [{ tag: '121', value: '8a562c67-ca16-48ba-b074-65581be6f001' }] });
    expect(built.text).toContain('{3:{119:FMT100}{108:HX2026INV1187}{121:8a562c67-ca16-48ba-b074-65581be6f001}}');
    expect(built.text).toContain('{PDE:1640261123CFXPCNBJAXXX0001000089}');
    // The shipped tables know neither the tag nor the 32-character PDE.
    expect(codes(build('FMT100', m.body as Fmt100Body, { ...m.headers, possibleDuplicate: '1640261123CFXPCNBJAXXX0001000089' }).diagnostics)).toEqual(['S013', 'S015']);
    // The shipped codec and the top-level functions are unchanged.
    expect(defaultCodec().envelopeTables).not.toBe(codec.envelopeTables);
    expect(createCodec().envelopeTables).toBe(defaultCodec().envelopeTables);
  });

  it('blocks: one made mandatory, one known and kept raw; createEnvelopeTables for parseEnvelope', () => {
    const blocks = BLOCKS.flatMap((b) =>
      b.id === '7'
        ? [{ ...b, mandatory: true }, { id: 'S', kind: 'raw' as const, name: 'system trailer', nameZh: '系统报尾', mandatory: false }]
        : [b],
    );
    const codec = createCodec({ envelope: { blocks } });
    const unsigned = F033;
    expect(unsigned).not.toContain('{7:');
    expect(codes(parse(unsigned).diagnostics)).not.toContain('S008');
    expect(codes(codec.parse(unsigned).diagnostics)).toContain('S008');
    const withS = F100.replace('{5:', '{S:{SAC:}{COP:P}}{5:');
    expect(codes(parseEnvelope(withS).diagnostics)).toEqual(['S005']);
    expect(codes(codec.parse(withS).diagnostics)).toEqual([]);
    const tables = createEnvelopeTables({ blocks });
    const env = parseEnvelope(withS, { tables });
    expect(env.diagnostics).toEqual([]);
    expect(env.envelope.blocks.map((b) => b.kind)).toContain('raw');
    // Out of its place it is reported as any known block would be.
    expect(new Set(codes(parseEnvelope(F100.replace('{4:', '{S:}{4:'), { tables }).diagnostics))).toEqual(new Set(['S007']));
  });

  it('the scanner and the reference parser agree under corrected tables', () => {
    const tables = createEnvelopeTables({ headerTags: { '5': [PDE32], '3': [UETR] } });
    const variants = [
      F100, pde32, pde38, uetr,
      uetr.replace('{121:', '{121:x{'), uetr.replace('{119:FMT100}', ''), uetr.replace('{108:HX2026INV1187}{121:', '{121:'),
      withTrailer('{PDE:}'), withTrailer('{TNG:}{PDE:1640261123CFXPCNBJAXXX0001000089}'),
    ];
    for (const text of variants) {
      const fast = parseEnvelope(text, { tables, explain: false });
      const reference = parseReference(text, tables);
      expect(fast.ok, text).toBe(reference.ok);
      if (reference.envelope.blocks.length > 0) expect(codes(fast.diagnostics), text).toEqual(codes(reference.diagnostics));
    }
  });

  it('a mandatory added tag: built from extraTags in table order, generated by the conformance kit', () => {
    const MANDATORY = { ...UETR, status: 'M' as const };
    const codec = createCodec({ envelope: { headerTags: { '3': [MANDATORY], '5': [{ tag: 'ZZ1', name: 'bank check', nameZh: '行内校验', format: '4!n', status: 'M' }] } } });
    const m = parse(F100).message!;
    expect(codes(codec.build('FMT100', m.body as object, m.headers).diagnostics)).toEqual(['S016', 'S016']);
    const extraTags = { '5': [{ tag: 'ZZ1', value: '0042' }], '3': [{ tag: '121', value: 'E2E-1' }] };
    const built = codec.build('FMT100', m.body as object, { ...m.headers, mur: undefined, extraTags });
    expect(codes(built.diagnostics)).toEqual([]);
    expect(built.text).toContain('{3:{119:FMT100}{121:E2E-1}}');
    expect(built.text).toMatch(/\{5:\{CHK:[0-9A-F]{12}\}\{ZZ1:0042\}\}$/);
    expect(codec.parse(built.text).message!.headers.extraTags).toEqual({ '3': [{ tag: '121', value: 'E2E-1' }], '5': [{ tag: 'ZZ1', value: '0042' }] });
    expect(codes(codec.build('FMT100', m.body as object, { extraTags: { '4': [] } } as never).diagnostics)).toContain('B002');
  });

  it('tables that would not work are refused, every problem listed', () => {
    const bad = (): unknown =>
      createCodec({
        envelope: {
          blocks: [
            ...BLOCKS.filter((b) => b.id !== '4').map((b) => (b.id === '6' ? { ...b, kind: 'text' as const } : b)),
            { id: '1', kind: 'basicHeader', name: 'again', nameZh: '重复', mandatory: false },
          ],
          headerTags: {
            '3': [{ ...UETR, format: '36q' }, { ...UETR, tag: '1-2' }],
            '6': [UETR],
            '5': Array.from({ length: 31 }, (_, i) => ({ ...UETR, tag: `X${i}` })),
          },
        },
      });
    expect(bad).toThrow(CodecTablesError);
    let problems: readonly string[] = [];
    try {
      bad();
    } catch (e) {
      problems = (e as CodecTablesError).problems;
    }
    expect(problems).toEqual([
      'block 6: kind "text", but the scanner reads it as "additionalText"',
      'block 1: listed twice',
      'block 4: missing (the typed layer reads blocks 1 to 5)',
      expect.stringMatching(/^block 3 tag 121: bad format notation "36q"/),
      'block 3 tag 1-2: a tag is letters and digits',
      'header tags of block 5: 34 tags, at most 30',
      'header tags of block 6: not a {tag:value} block of the tables (3, 5 or 7)',
    ]);
    expect(() => createEnvelopeTables({ headerTags: { '3': [{ ...UETR, status: 'X' as 'M' }] } })).toThrow(/status must be "M" or "O"/);
  });

  it('options of the wrong shape (as JSON can hold them) are refused before they are used', () => {
    const problems = (options: unknown): readonly string[] => {
      try {
        createCodec(options as CodecOptions);
      } catch (e) {
        return (e as CodecTablesError).problems;
      }
      return [];
    };
    expect(problems({ currencies: { CNY: '2', usd: 2, EUR: 2.5, GBP: null } })).toEqual([
      'currencies: CNY\'s minor units must be a whole number 0-9 (or null to remove it), not "2"',
      'currencies: "usd" is not a currency code (3 letters A-Z)',
      'currencies: EUR\'s minor units must be a whole number 0-9 (or null to remove it), not 2.5',
    ]);
    expect(problems({ currencies: [1, 2] })).toEqual(['currencies: an object of currency code → minor units (or null)']);
    expect(problems({ codeTables: { BKIND: { '010': 5 }, X: 'y' } })).toEqual([
      'codeTables: BKIND code "010": the label must be a string (or null to remove it)',
      'codeTables: X must be an object of code → label (or null)',
    ]);
    expect(problems({ replaceCodeTables: 'BKIND' })).toEqual(['replaceCodeTables: a list of code-table names']);
    expect(problems({ envelope: { blocks: [1], headerTags: { '3': 'x' } } })).toEqual([
      'envelope.blocks: a list of block definitions',
      'envelope.headerTags.3: a list of header tag definitions',
    ]);
    expect(problems({ envelope: 'x' })).toEqual(['envelope: an object with blocks and/or headerTags']);
    expect(() => createEnvelopeTables('x' as never)).toThrow(/envelope: an object/);
  });
});

describe('announcements: FMT087 changes the currency table from a date on', () => {
  const announce = (effective: string, changes: readonly { currency: string; changeType: string; currencyDecimals?: string; settlementBank?: string }[]): AnyMessage => {
    const r = build('FMT087', { reference: `2026112399${effective.slice(2)}`, currencies: changes, effectiveDate: effective }, { sender: 'CFXPCNBJXXXX', receiver: 'ICBKCNBJAXXX' });
    expect(codes(r.diagnostics)).toEqual([]);
    return r.message!;
  };

  it('reads the changes a message announces, by the FMT table', () => {
    const m = parse(fixture('fmt087')).message!;
    expect(announcedChanges(m)).toEqual([
      { fmt: 'FMT087', table: 'currencies', key: 'GBP', change: 'M', effective: '20270101', values: { CDP: '2', SBK: 'BKCHCNBJ' } },
      { fmt: 'FMT087', table: 'currencies', key: 'CHF', change: 'M', effective: '20270101', values: { CDP: '2', SBK: 'ICBKCNBJ' } },
    ]);
    expect(announcedChanges(parse(F100).message!)).toEqual([]);
  });

  it('withAnnouncements: the changes in effect on a date, applied to codec options', () => {
    const add = announcedChanges(announce('20261201', [{ currency: 'SGD', changeType: 'A', currencyDecimals: '2', settlementBank: 'BKCHCNBJ' }, { currency: 'JPY', changeType: 'D' }]));
    const later = announcedChanges(announce('20270101', [{ currency: 'SGD', changeType: 'M', currencyDecimals: '0', settlementBank: 'BKCHCNBJ' }]));
    const options = { codeTables: { BKIND: { '010': '跨境电商' } } };
    expect(withAnnouncements(options, [...later, ...add], '20261130')).toBe(options);
    const december = withAnnouncements(options, [...later, ...add], '20261201');
    expect(december).toEqual({ ...options, currencies: { SGD: 2, JPY: null } });
    expect(withAnnouncements(options, [...later, ...add], '20270101').currencies).toEqual({ SGD: 0, JPY: null });

    const codec = createCodec(december);
    const sgd = F100.replace('USD125000,00', 'SGD125000,01');
    expect(codes(parse(sgd).diagnostics)).toEqual(['V005']);
    expect(codes(codec.parse(sgd).diagnostics)).toEqual([]);
    expect(codes(codec.parse(F100.replace('USD125000,00', 'JPY125000,')).diagnostics)).toEqual(['V005']);
    // A code table entry: added with its first attribute as label, removed by D.
    const kinds = withAnnouncements({}, [
      { fmt: 'FMT999', table: 'BKIND', key: '011', change: 'A', effective: '20260101', values: { LBL: '新业务' } },
      { fmt: 'FMT999', table: 'BKIND', key: '002', change: 'D', effective: '20260101', values: {} },
    ], '20260101');
    expect(kinds).toEqual({ codeTables: { BKIND: { '011': '新业务', '002': null } } });
  });
});

describe('JSON helpers', () => {
  it('messageToJSON: Big as exact decimal strings, envelope and diagnostics; survives JSON', () => {
    const r = parse(fixture('fmt203'));
    const json = JSON.parse(JSON.stringify(messageToJSON(r))) as Record<string, any>;
    expect(json.ok).toBe(true);
    expect(json.fmt).toBe('FMT203');
    expect(json.body.sequenceA.sumOfAmounts).toBe('3750000');
    expect(json.body.sequenceB[0].currencyAmount).toEqual({ currency: 'USD', amount: '2500000' });
    expect(json.envelope.blocks).toHaveLength(6);
    expect(json.diagnostics).toEqual([]);
    expect(json.headers.mur).toBe('FXNET20261123S2');
  });

  it('bodyFromJSON: decimal strings back to Big, then build gives the same message', () => {
    const r = parse(F100);
    const json = JSON.parse(JSON.stringify(messageToJSON(r))) as { body: unknown; headers: Record<string, string> };
    const back = bodyFromJSON('FMT100', json.body);
    expect(back.ok).toBe(true);
    const body = back.body as { valueDateCurrencyAmount: { amount: Big } };
    expect(body.valueDateCurrencyAmount.amount).toBeInstanceOf(Big);
    const again = build('FMT100', back.body, r.message!.headers);
    expect(again.diagnostics).toEqual([]);
    // The canonical form (amounts without trailing zeros: 125000,), with the same body.
    expect(again.text).toBe(F100.replace('USD125000,00', 'USD125000,'));
  });

  it('bodyFromJSON: numbers refused for decimals, "1234,5" accepted, groups converted', () => {
    const r = bodyFromJSON('FMT011', {
      reference: 'X',
      totalDebit: 12.5,
      totalCredit: '12,5',
      entries: [{ participant: 'ICBKCNBJ', settlementAccount: 'A', debitCredit: 'D', amount: '12.50' }],
    });
    expect(codes(r.diagnostics)).toEqual(['B004']);
    expect(r.diagnostics[0]!.message).toBe('property body.totalDebit must be a decimal string such as "1234.56", found number 12.5');
    const b = r.body as { totalDebit?: unknown; totalCredit: Big; entries: { amount: Big }[] };
    expect(b.totalDebit).toBeUndefined();
    expect(b.totalCredit.eq('12.5')).toBe(true);
    expect(b.entries[0]!.amount.eq('12.5')).toBe(true);
  });

  it('bodyFromJSON rejects __proto__, constructor and prototype keys (no pollution)', () => {
    const json = JSON.parse('{"reference":"X","__proto__":{"polluted":true},"entries":[{"constructor":{"prototype":{"x":1}},"amount":"1"}]}') as unknown;
    const r = bodyFromJSON('FMT011', json);
    expect(codes(r.diagnostics)).toEqual(['B003', 'B003']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.body)).toBe(Object.prototype);
    expect(Object.keys((r.body as { entries: object[] }).entries[0]!)).toEqual(['amount']);
    expect(codes(bodyFromJSON('FMT999', {}).diagnostics)).toEqual(['R021']);
  });

  it('bodyFromJSON never throws: any depth of JSON, cycles, BigInts, symbols (B005, B004)', () => {
    // JSON.parse takes any depth; the copy stops at MAX_JSON_DEPTH and keeps the rest.
    const deep = JSON.parse(`{"reference":"X","totalDebit":"1","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    const r = bodyFromJSON('FMT011', deep);
    expect(codes(r.diagnostics)).toEqual(['B005']);
    expect(r.diagnostics[0]!.message).toBe(`property body.extra${'[0]'.repeat(MAX_JSON_DEPTH - 1)} nests deeper than ${MAX_JSON_DEPTH} levels; it was left out`);
    expect((r.body as { reference: string; totalDebit: Big }).totalDebit.eq(1)).toBe(true);
    // A cycle (only JS code can make one) ends the same way.
    const cyclic: Record<string, unknown> = { reference: 'X' };
    cyclic.self = cyclic;
    expect(codes(bodyFromJSON('FMT011', cyclic).diagnostics)).toEqual(['B005']);
    // Values JSON cannot hold are named, not thrown on.
    const odd = bodyFromJSON('FMT011', { reference: 'X', totalDebit: 10n, totalCredit: Symbol('s'), entries: [{ amount: 'A'.repeat(100) }] });
    expect(odd.diagnostics.map((d) => d.message.slice(d.message.indexOf('found ') + 6))).toEqual([
      `string "${'A'.repeat(40)}…" (100 characters)`,
      'bigint 10n',
      'a symbol',
    ]);
    // A Big given by JS code is a decimal already.
    expect((bodyFromJSON('FMT011', { totalDebit: new Big('2.5') }).body as { totalDebit: Big }).totalDebit.eq('2.5')).toBe(true);
  });
});
