/**
 * The conformance kit (`cfxps/testing`, src/testing/index.ts) against cfxps itself: every FMT
 * generates valid messages, every mutation kind is caught with its code (and position), the
 * ready-made properties hold, and the realism options do what they say. Fixed seeds throughout.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Big from 'big.js';
import { parse, serializeMessage, build, createCodec, defaultCodec, bodiesEqual, parseEnvelope, parseReference, type Codec, type AnyMessage } from '../src/index.js';
import {
  MUTATION_KINDS,
  applyMutation,
  arbitraryField,
  arbitraryHeaders,
  arbitraryInvalidMessage,
  arbitraryMessage,
  buildParseProperty,
  fmtsOf,
  ltAddressOf,
  mutationCode,
  mutationFmts,
  mutationsCaughtProperty,
  referenceAgreementProperty,
  roundTripProperty,
  type MutationKind,
} from '../src/testing/index.js';
import { RULE_CODES } from '../src/message/rules.js';
import { BLOCKS } from '../src/spec/envelope.js';

const SEED = 20261123;
const codec = defaultCodec() as unknown as Codec<AnyMessage>;
const validate = (bytes: Uint8Array) => {
  const r = parse(bytes);
  return { ok: r.ok, codes: r.diagnostics.map((d) => d.code) };
};

describe('valid messages: every FMT', () => {
  const fmts = fmtsOf();

  it('covers the 73 FMTs of the shipped tables', () => {
    expect(fmts).toHaveLength(73);
  });

  it('each FMT: 4 messages parse without errors, read back the body, round-trip byte for byte', () => {
    let n = 0;
    for (const fmt of fmts) {
      for (const m of fc.sample(arbitraryMessage(fmt), { numRuns: 4, seed: SEED })) {
        n++;
        const r = parse(m.bytes);
        expect(r.ok, `${fmt}: ${r.diagnostics.map((d) => d.code).join(' ')}\n${m.text}`).toBe(true);
        expect(r.message?.fmt).toBe(fmt);
        expect(bodiesEqual(r.message!.body, m.body)).toBe(true);
        expect(serializeMessage(r.message!)).toBe(m.text);
      }
    }
    expect(n).toBe(4 * 73);
  });

  it('arbitraryMessage() without an FMT reaches all 73 in 1,000 samples', () => {
    const seen = new Set(fc.sample(arbitraryMessage(), { numRuns: 1000, seed: SEED }).map((m) => m.fmt));
    expect(seen.size).toBe(73);
  });
});

describe('invalid messages: every mutation kind', () => {
  it('the kinds and their codes', () => {
    expect(MUTATION_KINDS).toHaveLength(20);
    const codes = Object.fromEntries(MUTATION_KINDS.map((k) => [k, mutationCode(k)]));
    expect(codes).toEqual({
      charset: 'V001',
      tooLong: 'V002',
      missingMandatory: 'F001',
      outOfOrder: 'F004',
      duplicateItem: 'F007',
      groupCount: 'F005',
      unbalancedSum: RULE_CODES.sumEquals,
      badDate: 'V006',
      badBic: 'V008',
      tooManyDecimals: 'V010',
      amountNotPositive: RULE_CODES.amountPositive,
      notParticipant: 'R018',
      crlfDamage: 'S024',
      truncation: 'S004',
      braceInBlock: 'S025',
      unknownBlock: 'S005',
      mtMismatch: RULE_CODES.mtMatchesFmt,
      unknownFmt: 'R021',
      signatureMissing: 'R020',
      rejectedWithoutReason: RULE_CODES.requiredWhen,
    });
  });

  it('every kind × every FMT it applies to: the code is reported, at the stated position', () => {
    const perKind: Record<string, number> = {};
    let positioned = 0;
    let total = 0;
    for (const kind of MUTATION_KINDS) {
      const fmts = mutationFmts(kind, codec);
      expect(fmts.length, kind).toBeGreaterThan(0);
      perKind[kind] = fmts.length;
      for (const fmt of fmts) {
        const [m] = fc.sample(arbitraryInvalidMessage({ kinds: [kind], fmts: [fmt] }), { numRuns: 1, seed: SEED });
        total++;
        const r = parse(m!.bytes);
        const found = r.diagnostics.filter((d) => d.code === m!.mutation.code);
        expect(r.ok, m!.mutation.description).toBe(false);
        expect(found.length, `${m!.mutation.description}: ${r.diagnostics.map((d) => d.code).join(' ')}`).toBeGreaterThan(0);
        if (m!.mutation.line !== undefined) {
          positioned++;
          expect(
            found.some((d) => d.line === m!.mutation.line && d.column === m!.mutation.column),
            `${m!.mutation.description}: want ${m!.mutation.line}:${m!.mutation.column}, got ${found.map((d) => `${d.line}:${d.column}`).join(' ')}`,
          ).toBe(true);
        }
      }
    }
    // Counts (reported in docs/testing.md): FMTs per kind, and how many cases carry a position.
    expect(perKind).toMatchObject({ charset: 73, crlfDamage: 73, groupCount: 12, unbalancedSum: 2, rejectedWithoutReason: 16, signatureMissing: 19 });
    expect(total).toBe(Object.values(perKind).reduce((a, b) => a + b, 0));
    expect(total).toBe(983);
    expect(positioned).toBeGreaterThan(total - 5);
  });

  it('arbitraryInvalidMessage() reaches every kind in 400 samples', () => {
    const seen = new Set(fc.sample(arbitraryInvalidMessage(), { numRuns: 400, seed: SEED }).map((m) => m.mutation.kind));
    expect([...seen].sort()).toEqual([...MUTATION_KINDS].sort());
  });

  it('applyMutation breaks a given text; kinds that do not apply give undefined', () => {
    const [m] = fc.sample(arbitraryMessage('FMT100'), { numRuns: 1, seed: SEED });
    const broken = applyMutation('tooLong', codec, 'FMT100', m!.text)!;
    expect(broken.mutation.code).toBe('V002');
    expect(applyMutation('groupCount', codec, 'FMT100', m!.text)).toBeUndefined();
  });
});

describe('ready-made properties against cfxps', () => {
  it('roundTripProperty', () => {
    fc.assert(
      roundTripProperty(
        (bytes) => parse(bytes).message!,
        (m) => serializeMessage(m),
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  it('buildParseProperty', () => {
    fc.assert(
      buildParseProperty(
        (fmt, body, headers) => build(fmt, body, headers).text,
        (bytes) => {
          const r = parse(bytes);
          return { ok: r.ok, fmt: r.message?.fmt, body: r.message?.body };
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  it('referenceAgreementProperty: the scanner and the Ohm grammar', () => {
    fc.assert(
      referenceAgreementProperty(
        (bytes) => ({ ok: parseEnvelope(bytes, { explain: false }).ok }),
        (bytes) => ({ ok: parseReference(parseEnvelope(bytes, { explain: false }).text).ok }),
      ),
      { numRuns: 200, seed: SEED },
    );
  });

  it('mutationsCaughtProperty', () => {
    fc.assert(mutationsCaughtProperty(validate), { numRuns: 500, seed: SEED });
  });

  it('the properties fail for a validator that misses something', () => {
    const lax = (bytes: Uint8Array) => {
      const r = validate(bytes);
      const codes = r.codes.filter((c) => c !== 'V006');
      return { ok: !codes.some((c) => c !== 'R022' && c !== 'R017'), codes };
    };
    const out = fc.check(mutationsCaughtProperty(lax, { kinds: ['badDate'] }), { numRuns: 20, seed: SEED });
    expect(out.failed).toBe(true);
    const roundTripLoses = fc.check(
      roundTripProperty(
        (bytes) => parse(bytes).message!,
        (m) => serializeMessage(m).replace(/\r\n/g, '\n'),
      ),
      { numRuns: 5, seed: SEED },
    );
    expect(roundTripLoses.failed).toBe(true);
  });
});

describe('realism options', () => {
  const walk = (v: unknown, f: (key: string, x: unknown) => void, key = ''): void => {
    if (v instanceof Big) return f(key, v);
    if (Array.isArray(v)) return v.forEach((x) => walk(x, f, key));
    if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, f, k);
    else f(key, v);
  };
  const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

  it('participants: every BIC and both header addresses come from the list', () => {
    const participants = ['ICBKCNBJXXX', 'PCBCCNBJ', 'BKCHCNBJ300'];
    const ok = new Set([...participants, ...participants.map((p) => p.slice(0, 8))]);
    const lts = new Set(participants.map(ltAddressOf));
    let bics = 0;
    for (const m of fc.sample(arbitraryMessage(undefined, { participants }), { numRuns: 300, seed: SEED })) {
      expect(parse(m.bytes).ok, m.text).toBe(true);
      expect(lts.has(m.headers.sender!) && lts.has(m.headers.receiver!)).toBe(true);
      const r = parse(m.bytes);
      const plan = codec.compiled.plans.get(m.fmt.slice(3))!;
      const bicNames = new Set<string>();
      for (const l of [plan.body, plan.text, plan.block6]) {
        for (const e of l?.entries ?? []) {
          for (const it of e.kind === 'group' ? e.items : [e]) if (it.bicComp === '') bicNames.add(it.name);
        }
      }
      walk(r.message!.body, (k, x) => {
        if (bicNames.has(k) && typeof x === 'string' && BIC.test(x)) {
          bics++;
          expect(ok.has(x), `${m.fmt} ${k} ${x}`).toBe(true);
        }
      });
    }
    expect(bics).toBeGreaterThan(100);
  });

  it('currencies: only the given ones', () => {
    const others = [...codec.context.currencies.keys()].filter((c) => c !== 'USD' && c !== 'JPY');
    for (const m of fc.sample(arbitraryMessage(undefined, { currencies: ['USD', 'JPY'] }), { numRuns: 300, seed: SEED })) {
      expect(parse(m.bytes).ok).toBe(true);
      // FMT087 announces currency changes: its CCY is any 3!a code (a currency to be added).
      if (m.fmt === 'FMT087') continue;
      for (const [, ccy] of m.text.matchAll(/:(?:32A:\d{8}|33B:|CAM:|CCY:)([A-Z]{3})/g)) expect(['USD', 'JPY']).toContain(ccy);
      for (const c of others) expect(m.text.includes(`:CCY:${c}`)).toBe(false);
    }
  });

  it('chinese: never / always', () => {
    const han = /[\u4e00-\u9fa5]/;
    for (const m of fc.sample(arbitraryMessage(undefined, { chinese: 'never' }), { numRuns: 300, seed: SEED })) {
      expect(parse(m.bytes).ok).toBe(true);
      expect(han.test(m.text), m.text).toBe(false);
    }
    // FMT062 CDN (20g), FMT199 79 (35*50g) are mandatory g items.
    for (const fmt of ['FMT062', 'FMT199']) {
      for (const m of fc.sample(arbitraryMessage(fmt, { chinese: 'always' }), { numRuns: 30, seed: SEED })) {
        expect(parse(m.bytes).ok).toBe(true);
        expect(han.test(m.text)).toBe(true);
      }
    }
    for (const m of fc.sample(arbitraryMessage('FMT199', { chinese: 'always' }), { numRuns: 10, seed: SEED })) {
      const value = parse(m.bytes).message!.body as { narrative?: readonly string[] };
      for (const line of Object.values(value).find(Array.isArray) as string[]) expect(han.test(line.charAt(0)), line).toBe(true);
    }
  });

  it('sizes: limits — values at their maximum lengths, still valid', () => {
    for (const fmt of fmtsOf()) {
      for (const m of fc.sample(arbitraryMessage(fmt, { sizes: 'limits' }), { numRuns: 2, seed: SEED })) {
        const r = parse(m.bytes);
        expect(r.ok, `${fmt}: ${r.diagnostics.map((d) => d.code).join(' ')}`).toBe(true);
        expect(bodiesEqual(r.message!.body, m.body)).toBe(true);
        // The reference (REF, 16x) is always 16 characters.
        const ref = r.envelope.textBlock!.fields.find((f) => f.tag === '20')!;
        expect(ref.value).toHaveLength(16);
      }
    }
    const [big] = fc.sample(arbitraryMessage('FMT199', { sizes: 'limits', chinese: 'never' }), { numRuns: 1, seed: SEED });
    const f79 = parse(big!.bytes).envelope.textBlock!.fields.find((f) => f.tag === '79')!;
    expect(f79.value.split('\r\n')).toHaveLength(35);
    expect(f79.value.split('\r\n').every((l) => l.length === 50)).toBe(true);
  });

  it('a codec with overrides: the generators follow its currencies', () => {
    const bank = createCodec({ currencies: { XYZ: 3 } }) as unknown as Codec<AnyMessage>;
    let xyz = 0;
    for (const m of fc.sample(arbitraryMessage('FMT100', { codec: bank, currencies: ['XYZ'] }), { numRuns: 20, seed: SEED })) {
      expect(bank.parse(m.bytes).ok).toBe(true);
      if (!parse(m.bytes).ok) xyz++; // the shipped tables do not know XYZ
    }
    expect(xyz).toBe(20);
    fc.assert(mutationsCaughtProperty((b) => {
      const r = bank.parse(b);
      return { ok: r.ok, codes: r.diagnostics.map((d) => d.code) };
    }, { codec: bank, currencies: ['XYZ'] }), { numRuns: 100, seed: SEED });
    expect(() => fc.sample(arbitraryMessage('FMT100', { currencies: ['XYZ'] }), 1)).toThrow(/not a currency/);
    expect(() => arbitraryMessage('FMT100', { participants: ['ICBKUSNYXXX'] })).toThrow(/not a CN BIC/);
  });

  it('a codec whose envelope tables know more blocks: the unknown-block mutation picks one they do not', () => {
    const blocks = [...BLOCKS.slice(0, -1), { id: '8', kind: 'raw' as const, name: 'bank block', nameZh: '行内块', mandatory: false }, BLOCKS.at(-1)!];
    const bank = createCodec({ envelope: { blocks } }) as unknown as Codec<AnyMessage>;
    const validate = (b: Uint8Array): { ok: boolean; codes: string[] } => {
      const r = bank.parse(b);
      return { ok: r.ok, codes: r.diagnostics.map((d) => d.code) };
    };
    const samples = fc.sample(arbitraryInvalidMessage({ codec: bank, kinds: ['unknownBlock'] }), { numRuns: 10, seed: SEED });
    for (const m of samples) {
      expect(m.mutation.description).toContain('{9:X}');
      expect(validate(m.bytes).codes).toContain('S005');
    }
    fc.assert(mutationsCaughtProperty(validate, { codec: bank }), { numRuns: 100, seed: SEED });
  });

  it('a codec whose envelope tables add mandatory header tags and correct a format: generated messages follow them', () => {
    const bank = createCodec({
      envelope: {
        headerTags: {
          '3': [
            { tag: '121', name: 'end-to-end reference', nameZh: '端到端参考号', format: '16x', status: 'M' },
            // A corrected format of a named part: the generated MUR follows it.
            { tag: '108', name: 'message user reference (MUR)', nameZh: '报文用户参考号', format: '8!n', status: 'O' },
          ],
          '7': [{ tag: 'ALG', name: 'algorithm', nameZh: '签名算法', format: '3!a', status: 'M' }],
        },
      },
    }) as unknown as Codec<AnyMessage>;
    const samples = fc.sample(arbitraryMessage('FMT100', { codec: bank }), { numRuns: 30, seed: SEED });
    for (const m of samples) {
      const r = bank.parse(m.bytes);
      expect(r.diagnostics).toEqual([]);
      expect(m.headers.extraTags?.['3']?.[0]?.tag).toBe('121');
      expect(r.message!.headers.extraTags?.['7']?.map((e) => e.tag)).toEqual(['ALG']);
      if (m.headers.mur !== undefined) expect(m.headers.mur).toMatch(/^[0-9]{8}$/);
    }
    expect(samples.some((m) => m.headers.mur !== undefined)).toBe(true);
    fc.assert(roundTripProperty((b) => bank.parse(b).message!, (msg) => bank.serialize(msg), { codec: bank }), { numRuns: 30, seed: SEED });
  });

  it('arbitraryField and arbitraryHeaders', () => {
    const plan = codec.compiled.plans.get('100')!;
    const f32A = plan.body.entries.find((e) => e.kind === 'item' && e.tag === '32A')!;
    for (const raw of fc.sample(arbitraryField('32A', { fmt: 'FMT100', currencies: ['EUR'] }), { numRuns: 50, seed: SEED })) {
      expect(f32A.kind === 'item' && f32A.format.parse(raw, codec.compiled.parseContext).problems).toEqual([]);
      expect(raw.slice(8, 11)).toBe('EUR');
    }
    expect(new Set(fc.sample(arbitraryField('RSP', { fmt: 'FMT020' }), { numRuns: 50, seed: SEED }))).toEqual(new Set(['A', 'R']));
    for (const raw of fc.sample(arbitraryField('ONM', { chinese: 'always' }), { numRuns: 20, seed: SEED })) expect(raw).toMatch(/^[\u4e00-\u9fa5]/);
    for (const h of fc.sample(arbitraryHeaders('FMT100', { participants: ['ICBKCNBJXXX'] }), { numRuns: 20, seed: SEED })) {
      expect(h.sender).toBe('ICBKCNBJAXXX');
      expect(h.signature).toBeDefined(); // FMT100 must be signed
    }
  });
});

describe('coverage of the kinds by FMT', () => {
  it('every FMT is the subject of at least 9 kinds', () => {
    const byFmt = new Map<string, MutationKind[]>();
    for (const kind of MUTATION_KINDS) for (const f of mutationFmts(kind, codec)) byFmt.set(f, [...(byFmt.get(f) ?? []), kind]);
    expect(byFmt.size).toBe(73);
    for (const [, kinds] of byFmt) expect(kinds.length).toBeGreaterThanOrEqual(9);
  });
});
