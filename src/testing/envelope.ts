/**
 * fast-check arbitraries at the envelope level: syntactically valid messages (strict), and
 * mutations of them. Field contents are random but well-formed for the envelope grammar; FMT-level
 * validity is the business of the message arbitraries.
 */
import fc from 'fast-check';
import { writeEnvelope, type EnvelopeInit, type FieldInit, type TagValue } from '../envelope/write.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = '0123456789';
const X_CHARS = `${UPPER}abcdefghijklmnopqrstuvwxyz${DIGIT}/-?:().,'+ #&`;
const CHINESE = '张三李四王五北京市朝阳区上海浦东倉庫中国银行工商外币支付清算备注附言';

const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const fixed = (alphabet: string, n: number): fc.Arbitrary<string> => chars(alphabet, n, n);

const ltAddress = fixed(UPPER + DIGIT, 12);

/** A line of field content: no CR/LF/braces, not starting with `:` or `-}` (unless `first`). */
function line(alphabet: string, max: number, first: boolean): fc.Arbitrary<string> {
  return chars(alphabet, 0, max).filter((s) => first || (!s.startsWith(':') && !s.startsWith('-}')));
}

function value(alphabet: string, maxLines: number): fc.Arbitrary<readonly string[]> {
  return fc
    .tuple(line(alphabet, 35, true), fc.array(line(alphabet, 35, false), { maxLength: maxLines - 1 }))
    .map(([head, rest]) => [head, ...rest]);
}

const textTag = fc.oneof(
  fc.tuple(fixed(DIGIT, 2), fc.option(fixed(UPPER, 1), { nil: '' })).map(([d, l]) => d + l),
  fixed(UPPER + DIGIT, 3),
);

const textField: fc.Arbitrary<FieldInit> = fc
  .record({ tag: textTag.filter((t) => t !== '77E'), value: value(X_CHARS, 4) });

const embeddedField = fc.record({ tag: fixed(UPPER + DIGIT, 3), value: value(X_CHARS + CHINESE, 3) });

const field77E: fc.Arbitrary<FieldInit> = fc
  .array(embeddedField, { maxLength: 8 })
  .map((embedded) => ({ tag: '77E' as const, embedded }));

const block6Field: fc.Arbitrary<FieldInit> = fc.record({
  tag: fc.constantFrom('ONM', 'OAD', 'BNM', 'BAD', 'CRI'),
  value: value(X_CHARS + CHINESE, 3),
});

const tagValue = (tag: fc.Arbitrary<string>, v: fc.Arbitrary<string>): fc.Arbitrary<TagValue> =>
  fc.record({ tag, value: v });

const applicationHeader = fc.oneof(
  fc.record({
    direction: fc.constant('I' as const),
    mt: fixed(DIGIT, 3),
    receiverAddress: ltAddress,
    priority: fc.constantFrom('U', 'N'),
  }),
  fc.record({
    direction: fc.constant('I' as const),
    mt: fixed(DIGIT, 3),
    receiverAddress: ltAddress,
    priority: fc.constantFrom('U', 'N'),
    deliveryMonitoring: fc.constantFrom('1', '2', '3'),
  }),
  fc.record({
    direction: fc.constant('I' as const),
    mt: fixed(DIGIT, 3),
    receiverAddress: ltAddress,
    priority: fc.constantFrom('U', 'N'),
    deliveryMonitoring: fc.constantFrom('1', '2', '3'),
    obsolescencePeriod: fixed(DIGIT, 3),
  }),
  fc.record({
    direction: fc.constant('O' as const),
    mt: fixed(DIGIT, 3),
    inputTime: fixed(DIGIT, 4),
    mirDate: fixed(DIGIT, 6),
    mirAddress: ltAddress,
    mirSession: fixed(DIGIT, 4),
    mirSequence: fixed(DIGIT, 6),
    outputDate: fixed(DIGIT, 6),
    outputTime: fixed(DIGIT, 4),
    priority: fc.constantFrom('U', 'N'),
  }),
);

/** Parts of a syntactically valid message, following the shipped envelope tables. */
export const arbitraryEnvelopeInit: fc.Arbitrary<EnvelopeInit> = fc.record(
  {
    basicHeader: fc.record({
      ltAddress,
      session: fixed(DIGIT, 4),
      sequence: fixed(DIGIT, 6),
    }),
    applicationHeader,
    userHeader: fc
      .tuple(
        fixed(DIGIT, 3).map((d) => ({ tag: '119', value: `FMT${d}` })),
        fc.option(tagValue(fc.constant('108'), chars(UPPER + DIGIT, 1, 16)), { nil: undefined }),
        fc.option(tagValue(fc.constant('113'), fixed(UPPER + DIGIT, 4)), { nil: undefined }),
      )
      .map((list) => list.filter((e): e is TagValue => e !== undefined)),
    text: fc
      .tuple(fc.array(textField, { maxLength: 12 }), fc.option(field77E, { nil: undefined }))
      .map(([fields, e]) => (e === undefined ? fields : [...fields, e])),
    additionalText: fc.array(block6Field, { minLength: 1, maxLength: 4 }),
    signature: fc
      .tuple(chars('0123456789ABCDEF', 1, 32), chars(`${UPPER}abcdefghijklmnopqrstuvwxyz${DIGIT}+/=`, 1, 64))
      .map(([dsn, sig]) => [
        { tag: 'DSN', value: dsn },
        { tag: 'SIG', value: sig },
      ]),
    trailer: fixed('0123456789ABCDEF', 12).map((chk) => [{ tag: 'CHK', value: chk }]),
  },
  { requiredKeys: ['basicHeader', 'applicationHeader', 'userHeader', 'text', 'trailer'] },
);

/** A syntactically valid message text (strict), optionally followed by CRLF. */
export const arbitraryEnvelopeText: fc.Arbitrary<string> = fc
  .tuple(arbitraryEnvelopeInit, fc.constantFrom('', '\r\n'))
  .map(([init, tail]) => writeEnvelope(init) + tail);

/** Characters that matter to the envelope syntax, for mutations. */
const MUTATION_CHARS = ['{', '}', ':', '-', '\r', '\n', '\r\n', 'A', '1', ' ', '张', '4', '7'];

/** One random edit (insert, delete, replace, truncate, duplicate a span) of `text`. */
export function arbitraryMutation(text: string): fc.Arbitrary<string> {
  const n = text.length;
  const at = fc.integer({ min: 0, max: Math.max(0, n - 1) });
  return fc.oneof(
    fc.tuple(at, fc.constantFrom(...MUTATION_CHARS)).map(([i, c]) => text.slice(0, i) + c + text.slice(i)),
    at.map((i) => text.slice(0, i) + text.slice(i + 1)),
    fc.tuple(at, fc.constantFrom(...MUTATION_CHARS)).map(([i, c]) => text.slice(0, i) + c + text.slice(i + 1)),
    at.map((i) => text.slice(0, i)),
    fc.tuple(at, at).map(([i, j]) => {
      const [a, b] = i <= j ? [i, j] : [j, i];
      return text.slice(0, b) + text.slice(a, b) + text.slice(b);
    }),
  );
}

/** A valid message with one random mutation applied. */
export const arbitraryMutatedEnvelopeText: fc.Arbitrary<string> = arbitraryEnvelopeText.chain(arbitraryMutation);
