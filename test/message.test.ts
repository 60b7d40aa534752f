/**
 * The typed-message layer on the shipped fixtures and on generated messages: every fixture
 * parses and validates clean into its typed body; every generated body builds into a message
 * without diagnostics that parses back to the same body; serializing gives the exact text back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeEnvelope } from '../src/envelope/serialize.js';
import { encodeText } from '../src/bytes/encode.js';
import {
  FMT_IDS,
  bodiesEqual,
  build,
  encodeMessage,
  parse,
  parseMessages,
  parseMessageStream,
  createCodec,
  serializeMessage,
  validate,
  type Message,
} from '../src/message/index.js';
import { messageArbitrary } from '../src/testing/message-arbitrary.js';

const root = join(import.meta.dirname, '..', 'fixtures');
const validDir = join(root, 'valid');
const validFiles = readdirSync(validDir)
  .filter((f) => f.endsWith('.fin'))
  .sort();
const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(file));
const textOf = (prefix: string): string => {
  const f = validFiles.find((x) => x.startsWith(prefix));
  if (f === undefined) throw new Error(`no fixture ${prefix}`);
  return new TextDecoder('gb18030').decode(readFileSync(join(validDir, f)));
};

describe('valid fixtures as typed messages', () => {
  it('covers all 73 FMTs', () => {
    expect(validFiles).toHaveLength(73);
    expect(FMT_IDS).toHaveLength(73);
    expect(new Set(validFiles.map((f) => `FMT${/^fmt(\d{3})/.exec(f)![1]}`))).toEqual(new Set(FMT_IDS));
  });

  it.each(validFiles)('%s parses and validates clean', (file) => {
    const bytes = bytesOf(join(validDir, file));
    const r = parse(bytes);
    const fmt = `FMT${/^fmt(\d{3})/.exec(file)![1]}`;
    if (fmt === 'FMT074') {
      // Reserved in V1.4: parsed and validated with its table, then a warning that it is not in service.
      expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['R022', 'warning']]);
    } else {
      expect(r.diagnostics).toEqual([]);
    }
    expect(r.ok).toBe(true);
    expect(r.message?.fmt).toBe(fmt);
    const m = r.message!;
    expect(serializeMessage(m)).toBe(r.envelope.text);
    expect(Buffer.from(encodeMessage(m)).equals(Buffer.from(bytes))).toBe(true);
    expect(validate(m).map((d) => d.code)).toEqual(fmt === 'FMT074' ? ['R022'] : []);
    // Building the parsed body again gives a message with the same body.
    const again = build(m.fmt, m.body, m.headers);
    expect(again.diagnostics.filter((d) => d.code !== 'R022')).toEqual([]);
    expect(bodiesEqual(again.message?.body, m.body)).toBe(true);
    expect(again.message?.headers).toEqual(m.headers);
  });
});

describe('typed bodies', () => {
  it('FMT100: names, Big amounts, codes, block 6 and headers', () => {
    const r = parse(textOf('fmt100'));
    expect(r.ok).toBe(true);
    const m = r.message as Message;
    if (m.fmt !== 'FMT100') throw new Error('narrowing');
    const b = m.body;
    expect(b.reference).toBe('2026112300000123');
    expect(b.bankOperationCode).toBe('CRED');
    expect(b.businessKind).toBe('002');
    expect(b.valueDateCurrencyAmount.date).toBe('20261123');
    expect(b.valueDateCurrencyAmount.currency).toBe('USD');
    expect(b.valueDateCurrencyAmount.amount).toBeInstanceOf(Big);
    expect(b.valueDateCurrencyAmount.amount.eq('125000')).toBe(true);
    expect(b.orderingCustomer.account).toBe('0200001409012345678');
    expect(b.orderingCustomer.nameAndAddress).toEqual(['BEIJING HUAXIN ELECTRONICS CO LTD', '18 JIUXIANQIAO ROAD CHAOYANG', 'BEIJING']);
    expect(b.remitterAccountNature).toBe('01');
    expect(b.orderingCustomerNameZh).toBe('北京华信电子有限公司');
    expect(b.remittanceInformationZh).toEqual(['支付电子元器件货款，发票号HX2026-1187']);
    expect(m.headers).toMatchObject({
      fmt: 'FMT100',
      mt: '103',
      direction: 'I',
      sender: 'ICBKCNBJAXXX',
      receiver: 'PCBCCNBJXXXX',
      priority: 'N',
      session: '0001',
      sequence: '000123',
      mur: 'HX2026INV1187',
      checksum: '7D1C9662AD27',
    });
    expect(m.headers.signature?.dsn).toBe('64F1CF624C6B82466F5887B85EA1AB7D');
  });

  it('FMT203: sequence A once (an object), sequence B repeated (an array), each starting at 20', () => {
    const m = parse(textOf('fmt203')).message as Message;
    if (m.fmt !== 'FMT203') throw new Error('narrowing');
    expect(m.body.sequenceA.sumOfAmounts.eq('3750000')).toBe(true);
    expect(m.body.sequenceA.orderingInstitution).toBe('CFETCNSH');
    expect(m.body.sequenceB.map((r) => r.reference)).toEqual(['2026112300000881', '2026112300000882', '2026112300000883', '2026112300000884']);
    expect(m.body.sequenceB.map((r) => r.debitCredit)).toEqual(['D', 'D', 'C', 'C']);
    expect(m.body.sequenceB[3]!.relatedReference).toBe('NONREF');
    expect(m.body.sequenceB[3]!.senderToReceiverInformation).toEqual(['/REC/LATE TRADE ADJUSTMENT']);
  });

  it('MT198: 20 in the body, 12 and the count items implied, 77E items and groups by name', () => {
    const m = parse(textOf('fmt011')).message as Message;
    if (m.fmt !== 'FMT011') throw new Error('narrowing');
    expect(m.body.reference).toBe('2026112399000950');
    expect('subMessageType' in m.body).toBe(false);
    expect('count' in m.body).toBe(false);
    expect(m.body.entries).toHaveLength(4);
    expect(m.body.entries[0]).toEqual({ participant: 'ICBKCNBJ', settlementAccount: 'FXUSD110000000102', debitCredit: 'D', amount: new Big('2500000') });
    expect(m.body.totalDebit.eq(m.body.totalCredit)).toBe(true);
    expect(m.headers.direction).toBe('O');
    expect(m.headers.sender).toBe('CFXPCNBJAXXX');
    expect(m.headers.receiver).toBe('BKCHCNBJAXXX');
  });

  it('FMT941: balances with D/C marks, 28 with its parts', () => {
    const m = parse(textOf('fmt941')).message as Message;
    if (m.fmt !== 'FMT941') throw new Error('narrowing');
    expect(m.body.statementNumber).toEqual({ statementNumber: '152', sequenceNumber: '1' });
    expect(m.body.openingBalance.mark).toBe('C');
    expect(m.body.sumOfDebits?.count).toBe('12');
    expect(m.body.processedAt).toEqual({ date: '20261123', time: '153000' });
  });

  it('parses a batch into typed messages', () => {
    const bytes = bytesOf(join(root, 'batches', 'batch-20-crlf-separated.fin'));
    const all = parseMessages(bytes);
    expect(all).toHaveLength(20);
    for (const r of all) {
      expect(r.diagnostics.filter((d) => d.code !== 'R022')).toEqual([]);
      expect(r.message).toBeDefined();
    }
  });
});

describe('parseMessageStream: typed messages from a byte stream', () => {
  const batch = bytesOf(join(root, 'batches', 'batch-20-crlf-separated.fin'));
  const broken = bytesOf(join(root, 'malformed', 'e001-invalid-gb18030.fin'));
  // A broken message between good ones: it must not take its neighbours down.
  const input = Buffer.concat([batch.subarray(0, 2000), broken, batch.subarray(2000)]);
  const collect = async <T>(gen: AsyncIterable<T>): Promise<T[]> => {
    const out: T[] = [];
    for await (const x of gen) out.push(x);
    return out;
  };
  async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
    let from = 0;
    for (const c of [...new Set(cuts)].sort((a, b) => a - b)) {
      yield bytes.subarray(from, c);
      from = c;
    }
    yield bytes.subarray(from);
  }

  it('gives what parseMessages gives on the whole input, however the stream is cut', async () => {
    const whole = parseMessages(input);
    expect(whole.length).toBeGreaterThan(20);
    expect(whole.some((r) => r.diagnostics.some((d) => d.code === 'E001'))).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: input.length }), { maxLength: 12 }), async (cuts) => {
        expect(await collect(parseMessageStream(chunked(input, cuts)))).toEqual(whole);
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('a message over maxMessageBytes comes as oversized pieces; the next one is parsed, its index after it', async () => {
    const first = bytesOf(join(validDir, validFiles.find((f) => f.startsWith('fmt100'))!));
    const huge = Buffer.from(`{1:${'X'.repeat(5000)}`, 'latin1');
    const stream = Buffer.concat([first, huge, first]);
    const out = await collect(parseMessageStream(chunked(stream, [100, 3000]), { maxMessageBytes: 2048 }));
    const [a, ...rest] = out;
    const b = rest.pop()!;
    expect(a).toMatchObject({ ok: true, index: 0, start: 0, end: first.length });
    expect(rest.length).toBeGreaterThan(1);
    for (const [i, p] of rest.entries()) {
      if (!p.oversized) throw new Error('expected an oversized piece');
      expect(p.index).toBe(1);
      expect(p.last).toBe(i === rest.length - 1);
      expect(p.bytes.length).toBeLessThanOrEqual(2048);
    }
    expect(Buffer.concat(rest.map((p) => (p.oversized ? p.bytes : new Uint8Array()))).equals(huge)).toBe(true);
    expect(b).toMatchObject({ ok: true, index: 2, start: first.length + huge.length, end: stream.length });
    if (b.oversized || !b.ok) throw new Error('narrowing');
    expect(b.message.fmt).toBe('FMT100');
  });

  it("a codec's stream follows the codec's tables", async () => {
    const codec = createCodec({ currencies: { USD: null } });
    const fixture = bytesOf(join(validDir, validFiles.find((f) => f.startsWith('fmt100'))!));
    const single = codec.parse(fixture);
    expect(single.ok).toBe(false);
    const [streamed] = await collect(codec.parseStream(chunked(fixture, [7])));
    if (streamed === undefined || streamed.oversized) throw new Error('expected a message');
    expect(streamed.diagnostics).toEqual(single.diagnostics);
    expect((await collect(parseMessageStream(chunked(fixture, [7]))))[0]).toMatchObject({ ok: true });
  });
});

describe('generated messages round-trip (build → text → parse)', () => {
  it.each(FMT_IDS.map((f) => [f]))('%s', (fmt) => {
    fc.assert(
      fc.property(messageArbitrary(fmt), (g) => {
        const built = build(g.fmt, g.body, g.headers);
        expect(built.diagnostics.filter((d) => !(fmt === 'FMT074' && d.code === 'R022'))).toEqual([]);
        const back = parse(built.text);
        expect(back.message).toBeDefined();
        expect(bodiesEqual(back.message!.body, g.body)).toBe(true);
        expect(serializeEnvelope(back.envelope.envelope)).toBe(built.text);
        expect(Buffer.from(encodeText(built.text)).equals(Buffer.from(encodeMessage(back.message!)))).toBe(true);
        for (const [k, v] of Object.entries(g.headers)) expect((back.message!.headers as unknown as Record<string, unknown>)[k]).toEqual(v);
      }),
      { numRuns: 20 },
    );
  });
});
