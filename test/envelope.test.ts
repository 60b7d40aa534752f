import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEnvelope } from '../src/envelope/parse.js';
import { serializeEnvelope } from '../src/envelope/serialize.js';
import { parseStream } from '../src/envelope/parse-all.js';
import { encodeText } from '../src/bytes/encode.js';
import { writeEnvelope } from '../src/envelope/write.js';
import { signingText } from '../src/envelope/signing.js';
import { arbitraryEnvelopeText, arbitraryMutatedEnvelopeText } from '../src/testing/envelope.js';

const MT103 =
  '{1:F01BKCHCNBJAXXX0001000123}{2:I103ICBKCNBJXXXXN}{3:{119:FMT100}{108:MUR0001}}' +
  '{4:\r\n:20:2026112300000123\r\n:23B:CRED\r\n:32A:20261123USD1000,00\r\n' +
  ':50K:/6222020200001234567\r\nZHANG SAN\r\nBEIJING\r\n:77B:/ACCNAT/01\r\n-}' +
  '{6:\r\n:ONM:张三\r\n-}{7:{DSN:0A1B2C3D}{SIG:QUJDREVG}}{5:{CHK:0123456789AB}}';

const MT198 =
  '{1:F01CFXPCNBJAXXX0001000001}{2:O1981200261123CFXPCNBJAXXX00010000012611231201N}{3:{119:FMT011}}' +
  '{4:\r\n:20:REF0001\r\n:12:011\r\n:77E:\r\n:WDT:20261123\r\n:RMK:备注第一行\r\nsecond line\r\n:CNT:0\r\n-}' +
  '{5:{CHK:0123456789AB}}';

describe('parseEnvelope', () => {
  it('names every header part', () => {
    const r = parseEnvelope(MT103);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.fmt).toBe('FMT100');
    expect(r.mt).toBe('103');
    expect(r.basicHeader).toMatchObject({
      applicationId: 'F',
      serviceId: '01',
      ltAddress: 'BKCHCNBJAXXX',
      session: '0001',
      sequence: '000123',
      offset: 0,
      line: 1,
      column: 1,
    });
    expect(r.applicationHeader).toMatchObject({ direction: 'I', mt: '103', receiverAddress: 'ICBKCNBJXXXX', priority: 'N' });
    expect(r.userHeader?.entries.map((e) => [e.tag, e.value])).toEqual([
      ['119', 'FMT100'],
      ['108', 'MUR0001'],
    ]);
    expect(r.signature?.entries.map((e) => e.tag)).toEqual(['DSN', 'SIG']);
    expect(r.trailer?.entries[0]).toMatchObject({ tag: 'CHK', value: '0123456789AB' });
  });

  it('positions fields and keeps multi-line values raw', () => {
    const r = parseEnvelope(MT103);
    const f = r.textBlock!.fields;
    expect(f.map((x) => x.tag)).toEqual(['20', '23B', '32A', '50K', '77B']);
    expect(f[0]).toMatchObject({ value: '2026112300000123', line: 2, column: 1, eol: '\r\n' });
    expect(f[3]).toMatchObject({ value: '/6222020200001234567\r\nZHANG SAN\r\nBEIJING', line: 5, column: 1 });
    expect(MT103.slice(f[3]!.offset, f[3]!.offset + 5)).toBe(':50K:');
    expect(r.additionalText!.fields[0]).toMatchObject({ tag: 'ONM', value: '张三', line: 10 });
  });

  it('reads the output form of block 2', () => {
    const r = parseEnvelope(MT198);
    expect(r.ok).toBe(true);
    expect(r.applicationHeader).toMatchObject({
      direction: 'O',
      mt: '198',
      inputTime: '1200',
      mir: '261123CFXPCNBJAXXX0001000001',
      mirDate: '261123',
      mirAddress: 'CFXPCNBJAXXX',
      mirSession: '0001',
      mirSequence: '000001',
      outputDate: '261123',
      outputTime: '1201',
      priority: 'N',
    });
  });

  it('reads 77E as embedded fields and never as text-block fields', () => {
    const r = parseEnvelope(MT198);
    const fields = r.textBlock!.fields;
    expect(fields.map((x) => x.tag)).toEqual(['20', '12', '77E']);
    const e = fields[2]!;
    expect(e.value).toBe('\r\n:WDT:20261123\r\n:RMK:备注第一行\r\nsecond line\r\n:CNT:0');
    expect(e.embedded?.map((x) => [x.tag, x.value, x.line])).toEqual([
      ['WDT', '20261123', 5],
      ['RMK', '备注第一行\r\nsecond line', 6],
      ['CNT', '0', 8],
    ]);
  });

  it('reports problems with code, block, tag and position instead of throwing', () => {
    const bad = MT103.replace(':23B:CRED', ':23B:CR}ED').replace('{1:F01BKCHCNBJAXXX0001000123}', '{1:F01BKCHCNBJAXXX000100012}');
    const r = parseEnvelope(bad, { explain: false });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.block, d.tag])).toEqual([
      ['S010', 1, 28, '1', undefined],
      ['S025', 3, 8, '4', '23B'],
    ]);
    expect(serializeEnvelope(r.envelope)).toBe(bad);
    expect(r.diagnostics[0]!.messageZh).toContain('基本头块');
  });

  it('attaches the grammar explanation to a rejected message', () => {
    const r = parseEnvelope(MT103.replace(':32A:', ':3:'));
    const d = r.diagnostics.find((x) => x.code === 'S022');
    expect(d?.expected).toMatch(/^Line 4, col \d+: expected/);
  });

  it('accepts bare LF, unknown blocks and a missing trailer in lenient mode, as warnings', () => {
    const lf = MT103.replace(/\r\n/g, '\n').replace('{5:{CHK:0123456789AB}}', '{S:{SAC:}{COP:P}}');
    const strict = parseEnvelope(lf, { explain: false });
    expect(strict.ok).toBe(false);
    const lenient = parseEnvelope(lf, { mode: 'lenient' });
    expect(lenient.ok).toBe(true);
    expect(new Set(lenient.diagnostics.map((d) => d.code))).toEqual(new Set(['S024', 'S005', 'S009']));
    expect(lenient.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(serializeEnvelope(lenient.envelope)).toBe(lf);
    expect(lenient.textBlock!.fields[3]!.value).toBe('/6222020200001234567\nZHANG SAN\nBEIJING');
  });

  it('writes the canonical form, which parses back to the same parts', () => {
    const text = writeEnvelope({
      basicHeader: { ltAddress: 'BKCHCNBJAXXX', session: '0001', sequence: '000123' },
      applicationHeader: { direction: 'I', mt: '198', receiverAddress: 'CFXPCNBJXXXX', priority: 'N' },
      userHeader: [{ tag: '119', value: 'FMT063' }],
      text: [
        { tag: '20', value: 'REF1' },
        { tag: '12', value: '063' },
        { tag: '77E', embedded: [{ tag: 'PTC', value: 'BKCHCNBJXXX' }, { tag: 'WDT', value: '20261123' }] },
      ],
      signature: [
        { tag: 'DSN', value: '0A' },
        { tag: 'SIG', value: 'QQ==' },
      ],
      trailer: [{ tag: 'CHK', value: '0123456789AB' }],
    });
    expect(text).toBe(
      '{1:F01BKCHCNBJAXXX0001000123}{2:I198CFXPCNBJXXXXN}{3:{119:FMT063}}' +
        '{4:\r\n:20:REF1\r\n:12:063\r\n:77E:\r\n:PTC:BKCHCNBJXXX\r\n:WDT:20261123\r\n-}{7:{DSN:0A}{SIG:QQ==}}{5:{CHK:0123456789AB}}',
    );
    const r = parseEnvelope(text);
    expect(r.ok).toBe(true);
    expect(r.textBlock!.fields[2]!.embedded!.map((e) => e.tag)).toEqual(['PTC', 'WDT']);
  });

  it('gives the signing payload: blocks 1 2 3 4 6 exactly', () => {
    const r = parseEnvelope(MT103);
    expect(signingText(r.envelope)).toBe(MT103.slice(0, MT103.indexOf('{7:')));
  });

  it('round-trips every generated message byte for byte, and every mutation of one', () => {
    fc.assert(
      fc.property(arbitraryEnvelopeText, (text) => {
        const r = parseEnvelope(text);
        expect(r.diagnostics).toEqual([]);
        expect(serializeEnvelope(r.envelope)).toBe(text);
      }),
      { numRuns: 300, seed: 42 },
    );
    fc.assert(
      fc.property(arbitraryMutatedEnvelopeText, fc.constantFrom('strict', 'lenient' as const), (text, mode) => {
        const r = parseEnvelope(text, { mode: mode as 'strict' | 'lenient', explain: false });
        expect(serializeEnvelope(r.envelope)).toBe(text);
      }),
      { numRuns: 1000, seed: 43 },
    );
  });

  it('reports characters GB18030 cannot encode (lone surrogates in string input)', () => {
    const text = MT103.replace('ZHANG SAN', 'ZHANG \ud800SAN');
    const r = parseEnvelope(text, { explain: false });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toContainEqual(['E002', 6, 7]);
    expect(r.ok).toBe(false);
  });

  it('streams many messages and flags an oversized one instead of buffering it', async () => {
    const huge = MT103.replace('ZHANG SAN', 'Z'.repeat(5000));
    const input = [MT103, huge, MT198].join('\r\n');
    const bytes = encodeText(input);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 97) yield bytes.subarray(i, i + 97);
    }
    const seen: string[] = [];
    for await (const m of parseStream(chunks(), { maxMessageBytes: 2048 })) {
      seen.push(m.oversized === true ? `oversized:${m.index}:${m.last}` : `${m.index}:${m.fmt}:${m.ok}`);
    }
    expect(seen[0]).toBe('0:FMT100:true');
    expect(seen.filter((s) => s.startsWith('oversized:1:'))).toHaveLength(3);
    expect(seen.at(-1)).toBe('2:FMT011:true');
  });

  it('never throws on arbitrary bytes, and keeps every valid GB18030 byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('strict', 'lenient' as const), (bytes, mode) => {
        const r = parseEnvelope(bytes, { mode: mode as 'strict' | 'lenient', explain: false });
        if (!r.diagnostics.some((d) => d.code === 'E001')) {
          expect(Buffer.from(encodeText(serializeEnvelope(r.envelope))).equals(Buffer.from(bytes))).toBe(true);
        }
      }),
      { numRuns: 2000, seed: 45 },
    );
  });

  it('caps a flood of findings with one L001 summary', () => {
    const text = MT103.replace(':23B:CRED', `:23B:${'}'.repeat(5000)}`);
    const r = parseEnvelope(text, { diagnosticLimit: 100 });
    expect(r.diagnostics).toHaveLength(101);
    const last = r.diagnostics.at(-1)!;
    expect(last.code).toBe('L001');
    expect(last.message).toContain('4900 more');
    expect(serializeEnvelope(r.envelope)).toBe(text);
  });

  it('never throws and always round-trips on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', ':', '-', '\r', '\n', '1', '4', 'A', '7', 'E', ' ', '张') }), (text) => {
        for (const mode of ['strict', 'lenient'] as const) {
          const r = parseEnvelope(text, { mode, explain: false });
          expect(serializeEnvelope(r.envelope)).toBe(text);
          for (const d of r.diagnostics) {
            expect(d.offset).toBeGreaterThanOrEqual(0);
            expect(d.offset).toBeLessThanOrEqual(text.length);
          }
        }
      }),
      { numRuns: 2000, seed: 44 },
    );
  });
});
