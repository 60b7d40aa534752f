/**
 * The codec: the standard's tables (shipped, or with a bank's overrides) compiled once into
 * plans, and the functions that use them — parse (envelope → typed message → validation), parse
 * many, validate, build, serialize, encode. `createCodec(overrides)` checks the overridden
 * tables at creation and throws (with every problem) when they are inconsistent: tables are
 * programmer input. Messages are never a reason to throw.
 */
import { encodeText } from '../bytes/encode.js';
import { isPlainObject } from '../plain-object.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParseMode } from '../diagnostics/reporter.js';
import { parseAll as parseAllEnvelopes, parseStream as parseEnvelopeStream, type MessageInInput } from '../envelope/parse-all.js';
import type { SplitStreamOptions } from '../bytes/split.js';
import { parseEnvelope, type EnvelopeParseOptions, type EnvelopeResult } from '../envelope/parse.js';
import { compileTables as compileEnvelopeTables, defaultEnvelopeTables, DEFAULT_ENVELOPE_TABLES } from '../envelope/tables.js';
import type { CompiledEnvelopeTables } from '../envelope/check.js';
import type { EnvelopeOverrides } from '../spec/envelope.js';
import { serializeEnvelope } from '../envelope/serialize.js';
import type { NotationContext } from '../notation/types.js';
import { checkContextPatch, defaultNotationContext, extendNotationContext } from '../spec/code-tables.js';
import { applyEnvelopeOverrides, checkEnvelopeTables, loadTables, type TableOverrides } from '../spec/check-tables.js';
import type { SpecTables } from '../spec/schema.js';
import { buildText, type TagOrder } from './build.js';
import type { Message } from './generated/bodies.js';
import { compileTables, fmtNumber, type CompiledTables } from './plan.js';
import { headersOf, readBody } from './read.js';
import { readInOrder } from './read-in-order.js';
import { checkRules } from './rules.js';
import { mergeDiagnostics, Sink } from './sink.js';
import type {
  AnyMessage,
  BuildResult,
  HeadersInit,
  MessageParseOptions,
  ParseResult,
  ParseResultInInput,
  StreamedParseResult,
} from './types.js';

/** Overrides of the shipped tables and code lists (a bank's corrections or extensions). */
export interface CodecOptions extends TableOverrides {
  /** Corrections of the envelope tables: the blocks, and the header tags of blocks 3, 5 and 7. */
  readonly envelope?: EnvelopeOverrides;
  /** Currency code → minor units; `null` removes a currency. */
  readonly currencies?: Readonly<Record<string, number | null>>;
  /** Code table → code → label; `null` removes a code; an unknown table name creates a table. */
  readonly codeTables?: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  /** Code tables whose codes `codeTables` replaces instead of extending. */
  readonly replaceCodeTables?: readonly string[];
}

/** Thrown by `createCodec` when the overridden tables are inconsistent. */
export class CodecTablesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the tables are inconsistent (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'CodecTablesError';
  }
}

export interface Codec<M extends AnyMessage = Message> {
  /** One message (GB18030 bytes or text) → envelope, typed message, every diagnostic. */
  parse(input: string | Uint8Array, options?: MessageParseOptions): ParseResult<M>;
  /** Many messages back to back; a broken message never takes its neighbours down. */
  parseAll(input: string | Uint8Array, options?: MessageParseOptions): ParseResultInInput<M>[];
  /**
   * Messages from a stream of byte chunks (a Node `Readable`, any async iterable), one at a time,
   * with bounded memory: only the message being read is held. One longer than `maxMessageBytes`
   * (default 16 MiB) is not parsed: its pieces come through as `OversizedPiece`s. `start`/`end`
   * are byte offsets in the stream.
   */
  parseStream(
    source: AsyncIterable<Uint8Array>,
    options?: MessageParseOptions & SplitStreamOptions,
  ): AsyncGenerator<StreamedParseResult<M>, void, undefined>;
  /** The typed layer on an envelope already parsed (`parseEnvelope`). */
  fromEnvelope(envelope: EnvelopeResult, options?: MessageParseOptions): ParseResult<M>;
  /** Every problem of a message (envelope, items, values, rules), re-checked from its text. */
  validate(message: AnyMessage, options?: { readonly mode?: ParseMode }): readonly Diagnostic[];
  /** A typed body (+ header parts) → canonical text, the message parsed back, diagnostics. */
  build<F extends M['fmt']>(fmt: F, body: Extract<M, { readonly fmt: F }>['body'], headers?: HeadersInit): BuildResult<Extract<M, { readonly fmt: F }>>;
  build(fmt: string, body: object, headers?: HeadersInit): BuildResult<M>;
  /** The exact text of a message (byte-exact with its source). */
  serialize(message: AnyMessage): string;
  /** The message as GB18030 bytes. */
  encode(message: AnyMessage): Uint8Array;
  /** The tables in use (shipped + overrides). */
  readonly tables: SpecTables;
  /** The currencies and code tables in use. */
  readonly context: NotationContext;
  /** The envelope tables in use, compiled (pass as `tables` to `parseEnvelope`). */
  readonly envelopeTables: CompiledEnvelopeTables;
  /** The compiled plans (internal; for generators and tools). */
  readonly compiled: CompiledTables;
}

function where0(code: 'R021', params: Record<string, string>): Diagnostic {
  return diagnostic(code, { offset: 0, line: 0, column: 0, length: 0 }, params);
}

/**
 * Messages of an FMT read before its generated code is made and used. Before, read.ts and the
 * rule closures (shared by all FMTs, so soon optimized by V8) read them; a function per FMT
 * would run unoptimized for its first hundreds of calls, which in a stream of all 73 FMTs costs
 * more than it saves.
 */
export const HOT_AFTER = 1000;

function typed<M extends AnyMessage>(core: CompiledTables, env: EnvelopeResult, options: MessageParseOptions): ParseResult<M> {
  const validate = options.validate !== false;
  const sink = new Sink(env.text, options.mode ?? 'strict', !validate, options.diagnosticLimit);
  let message: AnyMessage | undefined;
  if (env.fmt !== undefined) {
    const plan = core.plans.get(fmtNumber(env.fmt));
    if (plan === undefined) {
      const e = env.userHeader?.entries.find((x) => x.tag === '119');
      sink.force('R021', e === undefined ? 0 : e.offset + e.tag.length + 2, e?.value.length ?? 0, { block: '3', tag: '119' }, { fmt: env.fmt });
    } else if (env.textBlock !== undefined) {
      // A plan in use has generated code: its fields, in the plan's order and read cleanly, take
      // the compiled reader; anything else read.ts. Its rules run as generated code too.
      const hot = plan.uses >= HOT_AFTER || ++plan.uses >= HOT_AFTER;
      const { state, body } = (hot ? readInOrder(core, plan, env, sink, validate) : undefined) ?? readBody(core, plan, env, sink, validate);
      if (validate) checkRules(state, hot);
      message = { fmt: plan.id, mt: plan.mt, headers: headersOf(env), body, envelope: env.envelope, text: env.text };
    }
  }
  const own = sink.diagnostics;
  const diagnostics = mergeDiagnostics(env.diagnostics, own, options.diagnosticLimit);
  const ok = env.ok && message !== undefined && !hasErrors(own);
  if (ok) return { ok: true, envelope: env, message: message as M, diagnostics };
  return message === undefined ? { ok: false, envelope: env, diagnostics } : { ok: false, envelope: env, message: message as M, diagnostics };
}

function makeCodec<M extends AnyMessage>(core: CompiledTables, envelopeTables: CompiledEnvelopeTables): Codec<M> {
  // The codec's envelope tables, unless the caller names others (the shipped ones are
  // parseEnvelope's default: no options object is made per message for them).
  const withTables =
    envelopeTables === defaultEnvelopeTables()
      ? <O extends EnvelopeParseOptions>(options: O): O => options
      : <O extends EnvelopeParseOptions>(options: O): O => (options.tables === undefined ? { ...options, tables: envelopeTables } : options);
  const parse = (input: string | Uint8Array, options: MessageParseOptions = {}): ParseResult<M> =>
    typed<M>(core, parseEnvelope(input, withTables(options)), options);
  // `build` writes a block's header entries in the order of the codec's envelope tables.
  const tagOrder: TagOrder = (block, tag) => envelopeTables.rules.get(block)?.tags?.index.get(tag) ?? Number.MAX_SAFE_INTEGER;
  /** The typed layer on one message of a multi-message input, with where it stood. */
  const inInput = (env: MessageInInput, options: MessageParseOptions): ParseResultInInput<M> => ({
    ...typed<M>(core, env, options),
    index: env.index,
    start: env.start,
    end: env.end,
  });
  const codec: Codec<M> = {
    parse,
    parseAll(input, options = {}) {
      return parseAllEnvelopes(input, withTables(options)).map((env) => inInput(env, options));
    },
    async *parseStream(source, options = {}) {
      for await (const env of parseEnvelopeStream(source, withTables(options))) yield env.oversized ? env : inInput(env, options);
    },
    fromEnvelope(envelope, options = {}) {
      return typed<M>(core, envelope, options);
    },
    validate(message, options = {}) {
      const mode = options.mode ?? 'strict';
      return parse(message.text, { mode, explain: false }).diagnostics;
    },
    build: ((fmt: string, body: object, headers: HeadersInit = {}): BuildResult<M> => {
      const plan = core.plans.get(fmtNumber(String(fmt)));
      if (plan === undefined) return { text: '', diagnostics: [where0('R021', { fmt: String(fmt) })], ok: false };
      const out: Diagnostic[] = [];
      const text = buildText(plan, body, headers, out, tagOrder);
      const r = parse(text);
      const diagnostics = out.length === 0 ? r.diagnostics : [...out, ...r.diagnostics];
      return r.message === undefined
        ? { text, diagnostics, ok: false }
        : { text, message: r.message, diagnostics, ok: r.ok && !hasErrors(out) };
    }) as Codec<M>['build'],
    serialize(message) {
      return serializeEnvelope(message.envelope);
    },
    encode(message) {
      return encodeText(serializeEnvelope(message.envelope));
    },
    tables: core.tables,
    context: core.context,
    envelopeTables,
    compiled: core,
  };
  return codec;
}

/**
 * A codec whose parser, validator and builder follow `options` (tables checked here: throws
 * `CodecTablesError` listing every problem). Without options: the shipped V1.4 tables.
 */
export function createCodec<M extends AnyMessage = Message>(options: CodecOptions = {}): Codec<M> {
  const { currencies, codeTables, replaceCodeTables, envelope: envelopeOverrides, ...overrides } = options;
  const patch = {
    ...(currencies !== undefined ? { currencies } : {}),
    ...(codeTables !== undefined ? { codeTables } : {}),
    ...(replaceCodeTables !== undefined ? { replace: replaceCodeTables } : {}),
  };
  // Options may come from JSON (`cfxps --tables`): their shape is checked before they are used.
  const shape = [...checkContextPatch(patch), ...envelopeShapeProblems(envelopeOverrides)];
  if (shape.length > 0) throw new CodecTablesError(shape);
  const context = extendNotationContext(defaultNotationContext(), patch);
  let loaded: ReturnType<typeof loadTables>;
  try {
    loaded = loadTables(overrides, { codeTables: context.codeTables });
  } catch (err) {
    throw new CodecTablesError([`the overrides could not be applied: ${err instanceof Error ? err.message : String(err)}`]);
  }
  const problems = [...loaded.problems];
  const core = compileTables(loaded.tables, context, problems);
  const envelope = envelopeTablesOf(envelopeOverrides, context, problems);
  if (problems.length > 0) throw new CodecTablesError(problems);
  return makeCodec<M>(core, envelope);
}

/** What makes `overrides` unusable before its tables can be checked (not an object, not lists). */
function envelopeShapeProblems(overrides: unknown): string[] {
  if (overrides === undefined) return [];
  if (!isPlainObject(overrides)) return ['envelope: an object with blocks and/or headerTags'];
  const problems: string[] = [];
  const { blocks, headerTags } = overrides;
  if (blocks !== undefined && !(Array.isArray(blocks) && blocks.every(isPlainObject))) problems.push('envelope.blocks: a list of block definitions');
  if (headerTags !== undefined) {
    if (!isPlainObject(headerTags)) problems.push('envelope.headerTags: an object of block id → list of header tags');
    else {
      for (const [id, list] of Object.entries(headerTags)) {
        if (!(Array.isArray(list) && list.every(isPlainObject))) problems.push(`envelope.headerTags.${id}: a list of header tag definitions`);
      }
    }
  }
  return problems;
}

/** The shipped envelope tables, or the shipped ones with `overrides` (their problems into `problems`). */
function envelopeTablesOf(overrides: EnvelopeOverrides | undefined, context: NotationContext, problems: string[]): CompiledEnvelopeTables {
  if (overrides === undefined) return defaultEnvelopeTables();
  const tables = applyEnvelopeOverrides(DEFAULT_ENVELOPE_TABLES, overrides);
  const found = checkEnvelopeTables(tables);
  problems.push(...found);
  return found.length > 0 ? defaultEnvelopeTables() : compileEnvelopeTables(tables, context);
}

/**
 * The shipped envelope tables with a bank's corrections, compiled, for `parseEnvelope(input,
 * { tables })` (a codec made with `createCodec({ envelope })` uses them itself). Throws a
 * `CodecTablesError` listing every problem when the corrected tables would not work.
 */
export function createEnvelopeTables(overrides: EnvelopeOverrides, context: NotationContext = defaultNotationContext()): CompiledEnvelopeTables {
  const problems = envelopeShapeProblems(overrides);
  const tables = problems.length > 0 ? defaultEnvelopeTables() : envelopeTablesOf(overrides, context, problems);
  if (problems.length > 0) throw new CodecTablesError(problems);
  return tables;
}

let shipped: Codec | undefined;

/** The codec of the shipped tables (created on first use). */
export function defaultCodec(): Codec {
  if (shipped === undefined) shipped = createCodec<Message>();
  return shipped;
}
