import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../src/envelope/ast.js';
import { GRAMMAR_SOURCE } from '../src/reference/grammar-source.js';
import { matchReference, type ReferenceMatch } from '../src/reference/reference.js';

const CRLF = '\r\n';

function accept(text: string): Envelope {
  const r = matchReference(text);
  if (!r.ok) throw new Error(`expected a match, got: ${r.expected}`);
  return r.envelope;
}

function reject(text: string): Extract<ReferenceMatch, { ok: false }> {
  const r = matchReference(text);
  if (r.ok) throw new Error(`expected no match for ${JSON.stringify(text)}`);
  // The text always leads with the same position as the fields.
  expect(r.expected.startsWith(`Line ${r.line}, col ${r.column}: expected `)).toBe(true);
  return r;
}

// ------------------------------------------------------------------------------------------------
// Fixtures
// ------------------------------------------------------------------------------------------------

const B1 = '{1:F01BKCHCNBJAXXX0001000123}';
const B2 = '{2:I103ICBKCNBJXXXXN}';
const B3 = '{3:{119:FMT100}}';
const B5 = '{5:{CHK:0123456789AB}}';

const MT103 =
  B1 +
  B2 +
  B3 +
  '{4:' + CRLF +
  ':20:REF20260101001' + CRLF +
  ':23B:CRED' + CRLF +
  ':32A:20260101USD1000,00' + CRLF +
  ':50K:/123' + CRLF + 'NAME' + CRLF + 'ADDR' + CRLF +
  ':59:/456' + CRLF + 'BENEFICIARY' + CRLF +
  ':71A:SHA' + CRLF +
  '-}' +
  '{6:' + CRLF + ':ONM:张三' + CRLF + '-}' +
  '{7:{DSN:0A1B}{SIG:QUJD}}' +
  B5 +
  CRLF;

// Offsets worked out by hand (see the comments); lines start at 0, 71 (after "{4:" CRLF), 91,
// 102, 127, 133, 139, 150, 156, 173, 183, 190, 199.
const MT103_AST: Envelope = {
  blocks: [
    {
      kind: 'basicHeader',
      id: '1',
      offset: 0,
      line: 1,
      column: 1,
      end: 29,
      applicationId: 'F',
      serviceId: '01',
      ltAddress: 'BKCHCNBJAXXX',
      session: '0001',
      sequence: '000123',
    },
    {
      kind: 'applicationHeader',
      id: '2',
      offset: 29,
      line: 1,
      column: 30,
      end: 50,
      direction: 'I',
      mt: '103',
      receiverAddress: 'ICBKCNBJXXXX',
      priority: 'N',
    },
    {
      kind: 'userHeader',
      id: '3',
      offset: 50,
      line: 1,
      column: 51,
      end: 66,
      entries: [{ offset: 53, line: 1, column: 54, tag: '119', value: 'FMT100' }],
    },
    {
      kind: 'text',
      id: '4',
      offset: 66,
      line: 1,
      column: 67,
      end: 185,
      leading: '\r\n',
      fields: [
        { offset: 71, line: 2, column: 1, tag: '20', value: 'REF20260101001', eol: '\r\n' },
        { offset: 91, line: 3, column: 1, tag: '23B', value: 'CRED', eol: '\r\n' },
        { offset: 102, line: 4, column: 1, tag: '32A', value: '20260101USD1000,00', eol: '\r\n' },
        { offset: 127, line: 5, column: 1, tag: '50K', value: '/123\r\nNAME\r\nADDR', eol: '\r\n' },
        { offset: 150, line: 8, column: 1, tag: '59', value: '/456\r\nBENEFICIARY', eol: '\r\n' },
        { offset: 173, line: 10, column: 1, tag: '71A', value: 'SHA', eol: '\r\n' },
      ],
      trailing: '-',
    },
    {
      kind: 'additionalText',
      id: '6',
      offset: 185,
      line: 11,
      column: 3,
      end: 201,
      leading: '\r\n',
      fields: [{ offset: 190, line: 12, column: 1, tag: 'ONM', value: '张三', eol: '\r\n' }],
      trailing: '-',
    },
    {
      kind: 'signature',
      id: '7',
      offset: 201,
      line: 13,
      column: 3,
      end: 225,
      entries: [
        { offset: 204, line: 13, column: 6, tag: 'DSN', value: '0A1B' },
        { offset: 214, line: 13, column: 16, tag: 'SIG', value: 'QUJD' },
      ],
    },
    {
      kind: 'trailer',
      id: '5',
      offset: 225,
      line: 13,
      column: 27,
      end: 247,
      entries: [{ offset: 228, line: 13, column: 30, tag: 'CHK', value: '0123456789AB' }],
    },
  ],
  leading: '',
  trailing: '\r\n',
};

const MT198_TEXT =
  '{4:' + CRLF + // 0..5, line 1
  ':20:REF198' + CRLF + // 5, line 2
  ':12:010' + CRLF + // 17, line 3
  ':77E:' + CRLF + // 26, line 4
  ':A01:VALUE1' + CRLF + // 33, line 5
  ':B02:LINE1' + CRLF + 'LINE2' + CRLF + '-LINE3' + CRLF + // 46, lines 6–8
  ':C03:' + CRLF + // 73, line 9
  '-}'; // 80

const MT198 = '{1:F01BKCHCNBJAXXX0001000124}{2:I198ICBKCNBJXXXXN}{3:{119:FMT010}}' + MT198_TEXT + B5;

// ------------------------------------------------------------------------------------------------
// Tests
// ------------------------------------------------------------------------------------------------

describe('embedded grammar', () => {
  it('src/reference/grammar-source.ts is grammar/cfxps.ohm byte for byte (run scripts/embed-grammar.ts)', () => {
    const file = readFileSync(new URL('../grammar/cfxps.ohm', import.meta.url), 'utf8');
    expect(GRAMMAR_SOURCE === file).toBe(true);
  });
});

describe('matchReference: accepts', () => {
  it('an MT103 with blocks 1 2 3 4 6 7 5, producing the exact AST', () => {
    expect(matchReference(MT103)).toEqual({ ok: true, envelope: MT103_AST });
  });

  it('omits optional parts that are absent (no undefined-valued keys)', () => {
    const env = accept(MT103);
    const b2 = env.blocks[1]!;
    expect('deliveryMonitoring' in b2).toBe(false);
    expect('obsolescencePeriod' in b2).toBe(false);
    const b4 = env.blocks[3]!;
    if (b4.kind !== 'text') throw new Error('block 4');
    for (const f of b4.fields) expect('embedded' in f).toBe(false);
  });

  it('an MT198 with 77E embedded fields, multi-line embedded values and a "-" continuation line', () => {
    const env = accept(MT198);
    const text = env.blocks[3]!;
    const base = 66; // block 4 starts after {1:…}{2:…}{3:{119:FMT010}}
    expect(text).toEqual({
      kind: 'text',
      id: '4',
      offset: base,
      line: 1,
      column: base + 1,
      end: base + 82,
      leading: '\r\n',
      fields: [
        { offset: base + 5, line: 2, column: 1, tag: '20', value: 'REF198', eol: '\r\n' },
        { offset: base + 17, line: 3, column: 1, tag: '12', value: '010', eol: '\r\n' },
        {
          offset: base + 26,
          line: 4,
          column: 1,
          tag: '77E',
          value: '\r\n:A01:VALUE1\r\n:B02:LINE1\r\nLINE2\r\n-LINE3\r\n:C03:',
          eol: '\r\n',
          embedded: [
            { offset: base + 33, line: 5, column: 1, tag: 'A01', value: 'VALUE1' },
            { offset: base + 46, line: 6, column: 1, tag: 'B02', value: 'LINE1\r\nLINE2\r\n-LINE3' },
            { offset: base + 73, line: 9, column: 1, tag: 'C03', value: '' },
          ],
        },
      ],
      trailing: '-',
    });
    expect(env.blocks.map((b) => b.kind)).toEqual([
      'basicHeader',
      'applicationHeader',
      'userHeader',
      'text',
      'trailer',
    ]);
  });

  it('an empty 77E: value "" and eol CRLF, no embedded fields', () => {
    const env = accept('{4:' + CRLF + ':20:X' + CRLF + ':77E:' + CRLF + '-}');
    const b4 = env.blocks[0]!;
    if (b4.kind !== 'text') throw new Error('block 4');
    expect(b4.fields[1]).toEqual({ offset: 12, line: 3, column: 1, tag: '77E', value: '', eol: '\r\n', embedded: [] });
  });

  it('77E in block 6 is an ordinary field (non-empty first line, no embedded list)', () => {
    const env = accept('{6:' + CRLF + ':77E:中文附言' + CRLF + ':20:X' + CRLF + '-}');
    const b6 = env.blocks[0]!;
    if (b6.kind !== 'additionalText') throw new Error('block 6');
    expect(b6.fields).toEqual([
      { offset: 5, line: 2, column: 1, tag: '77E', value: '中文附言', eol: '\r\n' },
      { offset: 16, line: 3, column: 1, tag: '20', value: 'X', eol: '\r\n' },
    ]);
  });

  it('an output-form block 2 (47 characters)', () => {
    const env = accept('{2:O1031200260101BKCHCNBJAXXX00010001232601011201N}');
    expect(env.blocks).toEqual([
      {
        kind: 'applicationHeader',
        id: '2',
        offset: 0,
        line: 1,
        column: 1,
        end: 51,
        direction: 'O',
        mt: '103',
        inputTime: '1200',
        mir: '260101BKCHCNBJAXXX0001000123',
        mirDate: '260101',
        mirAddress: 'BKCHCNBJAXXX',
        mirSession: '0001',
        mirSequence: '000123',
        outputDate: '260101',
        outputTime: '1201',
        priority: 'N',
      },
    ]);
  });

  it('input-form block 2 with delivery monitoring and obsolescence period', () => {
    expect(accept('{2:I103ICBKCNBJXXXXU3}').blocks[0]).toMatchObject({ priority: 'U', deliveryMonitoring: '3' });
    expect('obsolescencePeriod' in accept('{2:I103ICBKCNBJXXXXU3}').blocks[0]!).toBe(false);
    expect(accept('{2:I103ICBKCNBJXXXXU3003}').blocks[0]).toMatchObject({
      deliveryMonitoring: '3',
      obsolescencePeriod: '003',
    });
  });

  it('an unknown block kept raw, with balanced braces', () => {
    const env = accept(B1 + '{S:{SAC:}{COP:P}}' + B5);
    expect(env.blocks[1]).toEqual({
      kind: 'raw',
      id: 'S',
      offset: 29,
      line: 1,
      column: 30,
      end: 46,
      content: '{SAC:}{COP:P}',
    });
    // Ids that are not exactly 1…7 are unknown blocks too; raw content may span lines.
    expect(accept('{10:a{b{c}}\r\nd}{abc:}').blocks).toEqual([
      { kind: 'raw', id: '10', offset: 0, line: 1, column: 1, end: 15, content: 'a{b{c}}\r\nd' },
      { kind: 'raw', id: 'abc', offset: 15, line: 2, column: 3, end: 21, content: '' },
    ]);
  });

  it('empty blocks, empty values, empty continuation lines, and trailing white space', () => {
    const env = accept('{3:}{4:' + CRLF + '-}{5:{TNG:}}{6:' + CRLF + ':20:' + CRLF + CRLF + 'X' + CRLF + '-} \t\r\n\n');
    expect(env.trailing).toBe(' \t\r\n\n');
    expect(env.blocks[0]).toMatchObject({ kind: 'userHeader', entries: [] });
    expect(env.blocks[1]).toMatchObject({ kind: 'text', fields: [], leading: '\r\n', trailing: '-' });
    expect(env.blocks[2]).toMatchObject({ kind: 'trailer', entries: [{ tag: 'TNG', value: '' }] });
    expect(env.blocks[3]).toMatchObject({ fields: [{ tag: '20', value: '\r\n\r\nX' }] });
  });

  it('any sequence of blocks (order, duplicates and missing blocks are the checks\' business)', () => {
    expect(accept(B5 + B1 + B1).blocks.map((b) => b.id)).toEqual(['5', '1', '1']);
    expect(accept('')).toEqual({ blocks: [], leading: '', trailing: '' });
    expect(accept('\r\n')).toEqual({ blocks: [], leading: '', trailing: '\r\n' });
  });

  it('counts columns in UTF-16 code units (a character outside the BMP is two)', () => {
    const env = accept('{6:' + CRLF + ':ONM:𠀀' + CRLF + ':20:X' + CRLF + '-}{5:}');
    expect(env.blocks[0]).toMatchObject({ fields: [{ value: '𠀀' }, { offset: 14, line: 3, column: 1 }] });
    const bad = reject('{6:' + CRLF + ':ONM:𠀀}' + CRLF + '-}');
    expect(bad).toMatchObject({ offset: 12, line: 2, column: 8 });
  });
});

describe('matchReference: rejects', () => {
  it('a block 1 of 24 characters (and does not keep it as a raw block)', () => {
    const r = reject('{1:F01BKCHCNBJAXXX000100012}' + B2);
    expect(r).toMatchObject({ line: 1, column: 23 });
    expect(r.expected).toContain('sequence number');
  });

  it('a block 1 of 26 characters', () => {
    expect(reject('{1:F01BKCHCNBJAXXX00010001234}')).toMatchObject({ offset: 28, line: 1, column: 29 });
  });

  it('a bad block 2', () => {
    expect(reject(B1 + '{2:X103ICBKCNBJXXXXN}')).toMatchObject({ offset: 32 });
    reject(B1 + '{2:I103ICBKCNBJXXXX}'); // no priority
    reject(B1 + '{2:I103ICBKCNBJXXXXN12}'); // obsolescence period too short
    reject(B1 + '{2:I103ICBKCNBJXXXXN12345}'); // too long
    reject(B1 + '{2:O1031200260101BKCHCNBJAXXX00010001232601011201}'); // 46 characters
  });

  it('a known block 3/5/7 whose content is not {tag:value} entries', () => {
    reject('{3:abc}');
    reject('{5:{CHK}}');
    reject('{7:{SIG:a\r\nb}}');
  });

  it('a bare LF or a bare CR in block 4', () => {
    const lf = reject('{4:' + CRLF + ':20:X\n:23B:CRED' + CRLF + '-}');
    expect(lf).toMatchObject({ offset: 10, line: 2, column: 6 });
    expect(lf.expected).toBe('Line 2, col 6: expected a CRLF line break');
    reject('{4:\n:20:X' + CRLF + '-}');
    reject('{4:' + CRLF + ':20:X\r:23B:CRED' + CRLF + '-}');
    reject('{4:' + CRLF + ':20:X' + CRLF + '-}'.replace('-', 'X\n-'));
  });

  it('"}" or "{" inside a field', () => {
    expect(reject('{4:' + CRLF + ':20:AB}C' + CRLF + '-}')).toMatchObject({ line: 2, column: 7 });
    reject('{4:' + CRLF + ':20:AB{C' + CRLF + '-}');
    reject('{6:' + CRLF + ':20:AB' + CRLF + 'C}D' + CRLF + '-}');
  });

  it('a bad field tag', () => {
    const r = reject('{4:' + CRLF + ':2:X' + CRLF + '-}');
    expect(r).toMatchObject({ line: 2, column: 2 });
    expect(r.expected).toContain('field tag');
    reject('{4:' + CRLF + ':20a:X' + CRLF + '-}');
    reject('{4:' + CRLF + ':2000:X' + CRLF + '-}');
  });

  it('a continuation line that starts with ":"', () => {
    expect(reject('{4:' + CRLF + ':50K:/123' + CRLF + ':NAME' + CRLF + '-}')).toMatchObject({ line: 3 });
  });

  it('a missing "-}"', () => {
    const r = reject('{4:' + CRLF + ':20:X' + CRLF + '}' + B5);
    expect(r).toMatchObject({ line: 3, column: 1 });
    expect(r.expected).toContain('"-}"');
    reject('{4:' + CRLF + ':20:X' + CRLF + ':21:Y}');
    reject('{4:' + CRLF + ':20:X' + CRLF);
    reject('{4:' + CRLF + ':20:X' + CRLF + '-');
  });

  it('a 77E whose first line is not empty', () => {
    expect(reject('{4:' + CRLF + ':77E:ABC' + CRLF + '-}')).toMatchObject({ line: 2, column: 6 });
  });

  it('a field after 77E, i.e. a 2-character embedded tag', () => {
    const r = reject('{4:' + CRLF + ':77E:' + CRLF + ':A01:X' + CRLF + ':20:Y' + CRLF + '-}');
    expect(r).toMatchObject({ line: 4, column: 2 });
    expect(r.expected).toContain('embedded field tag');
  });

  it('text before the first block', () => {
    const r = reject('X' + MT103);
    expect(r).toMatchObject({ offset: 0, line: 1, column: 1 });
    reject(' ' + MT103);
    reject('\r\n' + MT103);
  });

  it('garbage after the last block or between blocks', () => {
    expect(reject(MT103 + 'X')).toMatchObject({ line: 14, column: 1 });
    expect(reject(B1 + ' ' + B2)).toMatchObject({ offset: 30 });
    reject(B1 + CRLF + B2);
    reject(MT103 + '{');
  });

  it('malformed block frames', () => {
    reject('{1234:x}'); // identifier longer than 3
    reject('{:x}');
    reject('{S:{x}'); // unbalanced
    reject('{S:x');
  });

  it('never throws, e.g. on lone surrogates', () => {
    expect(matchReference('{4:' + CRLF + ':20:\ud800' + CRLF + '-}').ok).toBe(true);
    expect(matchReference('\ud800').ok).toBe(false);
    const deep = matchReference('{S:' + '{'.repeat(20_000) + '}'.repeat(20_000) + '}');
    expect(deep.ok).toBe(false); // out of stack: reported, not thrown
    expect(matchReference('{S:' + '{'.repeat(50) + '}'.repeat(50) + '}').ok).toBe(true);
  });
});
