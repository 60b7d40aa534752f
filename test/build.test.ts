/**
 * Building canonical messages from typed bodies: header defaults, the canonical form, body
 * problems reported (never thrown), signing after building.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { signingPayload } from '../src/envelope/signing.js';
import { CHECKSUM_PLACEHOLDER, DEFAULT_ADDRESS, bodiesEqual, build, parse, type Fmt100Body, type Fmt203Body, type HeadersInit } from '../src/message/index.js';

const codes = (ds: readonly { code: string }[]): string[] => ds.map((d) => d.code);

const FMT100_BODY: Fmt100Body = {
  reference: '2026112300000123',
  bankOperationCode: 'CRED',
  businessKind: '002',
  valueDateCurrencyAmount: { date: '20261123', currency: 'USD', amount: new Big('125000.5') },
  orderingCustomer: { account: '0200001409012345678', nameAndAddress: ['BEIJING HUAXIN ELECTRONICS CO LTD', 'BEIJING'] },
  orderingInstitution: 'ICBKCNBJ',
  accountWithInstitution: 'PCBCCNBJSHX',
  beneficiary: { account: '31001519100050012345', nameAndAddress: ['SHANGHAI PUDONG PRECISION'] },
  detailsOfCharges: 'SHA',
  remitterAccountNature: '01',
  orderingCustomerNameZh: '北京华信电子有限公司',
};

const SIGNATURE = { dsn: '64F1CF624C6B82466F5887B85EA1AB7D', sig: 'J9QOzrTa8+hHdRTg==' };

describe('build', () => {
  it('writes the canonical form with the default headers', () => {
    const r = build('FMT033', { reference: 'Q1', workDate: '20261123' });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.text).toBe(
      `{1:F01${DEFAULT_ADDRESS}0000000000}{2:I198${DEFAULT_ADDRESS}N}{3:{119:FMT033}}{4:\r\n` +
        ':20:Q1\r\n:12:033\r\n:77E:\r\n:WDT:20261123\r\n-}' +
        `{5:{CHK:${CHECKSUM_PLACEHOLDER}}}`,
    );
    expect(r.message?.fmt).toBe('FMT033');
  });

  it('FMT100: block 6 from the body, block 7 from the headers, amounts canonical', () => {
    const r = build('FMT100', FMT100_BODY, { sender: 'ICBKCNBJAXXX', receiver: 'PCBCCNBJXXXX', priority: 'U', mur: 'M1', signature: SIGNATURE });
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toContain(':32A:20261123USD125000,5\r\n');
    expect(r.text).toContain('-}{6:\r\n:ONM:北京华信电子有限公司\r\n-}{7:{DSN:64F1CF624C6B82466F5887B85EA1AB7D}{SIG:J9QOzrTa8+hHdRTg==}}{5:');
    expect(r.text.startsWith('{1:F01ICBKCNBJAXXX0000000000}{2:I103PCBCCNBJXXXXU}{3:{119:FMT100}{108:M1}}')).toBe(true);
    expect(bodiesEqual(parse(r.text).message?.body, FMT100_BODY)).toBe(true);
  });

  it('a signed format without a signature: R020; sign the payload, build again', () => {
    const unsigned = build('FMT100', FMT100_BODY);
    expect(codes(unsigned.diagnostics)).toEqual(['R020']);
    expect(unsigned.ok).toBe(false);
    const payload = signingPayload(unsigned.message!.envelope);
    const signed = build('FMT100', FMT100_BODY, { signature: { dsn: 'ABC123', sig: Buffer.from(payload.subarray(0, 8)).toString('base64') } });
    expect(signed.ok).toBe(true);
    expect(Buffer.from(signingPayload(signed.message!.envelope)).equals(Buffer.from(payload))).toBe(true);
  });

  it('the output form, when asked for', () => {
    const r = build('FMT011', { reference: 'X1', workDate: '20261123', round: '01', currency: 'USD', entries: [], totalDebit: new Big(0), totalCredit: new Big(0) }, {
      direction: 'O',
      sender: 'CFXPCNBJAXXX',
      receiver: 'BKCHCNBJAXXX',
      inputTime: '1205',
      mirDate: '261123',
      mirSession: '0001',
      mirSequence: '000950',
      outputDate: '261123',
      outputTime: '1205',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.text.startsWith('{1:F01BKCHCNBJAXXX0000000000}{2:O1981205261123CFXPCNBJAXXX00010009502611231205N}')).toBe(true);
    expect(r.text).toContain(':CNT:0\r\n:TDA:0,\r\n');
    expect(r.message?.headers).toMatchObject({ direction: 'O', sender: 'CFXPCNBJAXXX', receiver: 'BKCHCNBJAXXX' });
  });

  it('groups: count items written from the arrays; MT203 sequences in order', () => {
    const body: Fmt203Body = {
      sequenceA: { sumOfAmounts: new Big(10), valueDate: '20261123', orderingInstitution: 'CFETCNSH' },
      sequenceB: [
        { reference: 'A1', debitCredit: 'D', currencyAmount: { currency: 'USD', amount: new Big(10) }, beneficiaryInstitution: 'ICBKCNBJ' },
        { reference: 'A2', debitCredit: 'C', currencyAmount: { currency: 'USD', amount: new Big(10) }, beneficiaryInstitution: 'ABOCCNBJ' },
      ],
    };
    const r = build('FMT203', body, { signature: SIGNATURE });
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toContain('{4:\r\n:19:10,\r\n:30:20261123\r\n:52A:CFETCNSH\r\n:20:A1\r\n:23D:D\r\n:32B:USD10,\r\n:58A:ICBKCNBJ\r\n:20:A2\r\n');
  });

  it('bad bodies are reported, never thrown', () => {
    const r = build('FMT100', {
      ...FMT100_BODY,
      valueDateCurrencyAmount: { date: '20261123', currency: 'USD', amount: 125000.5 },
      remittanceInformation: 'NOT AN ARRAY',
      colour: 'red',
    } as unknown as Readonly<Record<string, unknown>>);
    expect(codes(r.diagnostics).slice(0, 3).sort()).toEqual(['B001', 'B002', 'B002']);
    const b002 = r.diagnostics.find((d) => d.code === 'B002')!;
    expect(b002.message).toBe('property body.valueDateCurrencyAmount.amount must be a decimal (Big), found number 125000.5; it was not written');
    expect(b002.line).toBe(0);
    // The items that could not be written are then missing in the text.
    expect(codes(r.diagnostics)).toContain('F001');
    expect(r.ok).toBe(false);
    // Values JSON has no form for are named, not thrown on.
    const odd = build('FMT100', {
      ...FMT100_BODY,
      reference: Symbol('r'),
      valueDateCurrencyAmount: { date: '20261123', currency: 'USD', amount: 10n },
    } as unknown as Readonly<Record<string, unknown>>);
    expect(odd.diagnostics.filter((d) => d.code === 'B002').map((d) => d.message)).toEqual([
      'property body.reference must be a string, found a symbol; it was not written',
      'property body.valueDateCurrencyAmount.amount must be a decimal (Big), found bigint 10n; it was not written',
    ]);
    // Header parts are checked too: a part that does not fit is reported and its default written.
    const hdr = build('FMT100', FMT100_BODY, {
      sender: 123,
      priority: Symbol('p'),
      direction: 'X',
      training: 'yes',
      signature: { dsn: 1, sig: 'QUJD' },
      receiver: 'PCBCCNBJXXXX',
    } as unknown as HeadersInit);
    expect(hdr.diagnostics.filter((d) => d.code === 'B002').map((d) => d.message)).toEqual([
      'property headers.direction must be "I" or "O", found string "X"; it was not written',
      'property headers.sender must be a string, found number 123; it was not written',
      'property headers.priority must be a string, found a symbol; it was not written',
      'property headers.signature must be an object { dsn, sig } of strings, found an object; it was not written',
      'property headers.training must be true or false, found string "yes"; it was not written',
    ]);
    expect(hdr.message?.headers).toMatchObject({ sender: DEFAULT_ADDRESS, receiver: 'PCBCCNBJXXXX', priority: 'N', direction: 'I' });
    expect(codes(build('FMT100', FMT100_BODY, 'x' as unknown as HeadersInit).diagnostics)).toContain('B002');
    for (const garbage of [null, [], 'x', 42, { entries: 'x' }, { entries: [null, 1] }]) {
      const g = build('FMT011', garbage as unknown as Readonly<Record<string, unknown>>);
      expect(g.ok).toBe(false);
      expect(g.text.length).toBeGreaterThan(0);
    }
    expect(codes(build('FMT999', {}).diagnostics)).toEqual(['R021']);
    // Values that break the envelope are found by parsing the text back.
    const brace = build('FMT033', { reference: 'Q{1', workDate: '20261123' });
    expect(brace.ok).toBe(false);
  });

  it('accepts the FMT number without the prefix', () => {
    expect(build('033', { reference: 'Q1', workDate: '20261123' }).message?.fmt).toBe('FMT033');
  });
});
