/**
 * Envelope checks driven by the tables in src/spec/envelope.ts: which blocks exist, their order,
 * duplicates, mandatory blocks, and the `{tag:value}` tags of blocks 3, 5 and 7 with their value
 * formats. Both parsers (the scanner and the Ohm reference) run exactly this code on their AST,
 * so the grammar only has to define syntax.
 *
 * Tables are compiled once (`compileEnvelopeTables`, ajv-style): lookups become maps and bit
 * masks, value formats become checker functions, so a check allocates nothing per message.
 */
import type { Block, Envelope, TagBlock } from './ast.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { laneExpressions, sticky } from './scan.js';
import type { EnvelopeTables, HeaderTagDef } from '../spec/envelope.js';
import type { ValuePattern } from '../notation/pattern.js';

export type { EnvelopeTables };

/** @internal A `{tag:value}` list compiled for checking (and, with `accept`, for the scanner). */
export interface TagList {
  readonly defs: readonly HeaderTagDef[];
  readonly index: ReadonlyMap<string, number>;
  readonly fits: readonly ((value: string) => boolean)[];
  readonly mandatoryMask: number;
  /**
   * The whole list as one sticky expression, from the block's content to its `}`: the tags in
   * table order, each mandatory one present, each value of its format (`patternOf`) when it is
   * also at most `maxLengths[i]` long (the expression leaves long runs unbounded). A block that
   * passes has nothing for `checkTagBlock` to report, so the scanner reads it without the
   * general walk and marks it checked. Undefined when a format has no pattern.
   */
  readonly accept: { readonly expression: RegExp; readonly maxLengths: Int32Array } | undefined;
}

/** What the checks need of one block id. */
interface BlockRule {
  /** Position in the block order (and bit in the masks). */
  readonly rank: number;
  /** The `{tag:value}` tags of the block, when the tables list them. */
  readonly tags: TagList | undefined;
}

/** Envelope tables compiled for checking. */
export interface CompiledEnvelopeTables {
  readonly tables: EnvelopeTables;
  readonly mandatoryMask: number;
  /** Per block id, its rule: one look-up per block. */
  readonly rules: ReadonlyMap<string, BlockRule>;
  /** The rules of one-character ASCII ids by character code (no string hashed). */
  readonly byCode: readonly (BlockRule | undefined)[];
  /** The scanner's lanes (scan.ts), when blocks 3 and 5 have acceptance expressions. */
  readonly lanes: Lanes | undefined;
}

/** @internal A tag list with an acceptance expression. */
export type AcceptingList = TagList & { readonly accept: NonNullable<TagList['accept']> };

/** @internal See `Scanner.standard` and `laneExpressions` in scan.ts. */
export interface Lanes {
  readonly head: RegExp;
  readonly tail: RegExp;
  /** The tag lists of blocks 3, 5 and 7 the expressions were made from. */
  readonly user: AcceptingList;
  readonly trailer: AcceptingList;
  readonly signature: AcceptingList | undefined;
  /** Blocks 1 2 3 4 [6] [7] 5, in that order, break no block rule of the tables. */
  readonly standard: boolean;
}

/**
 * Compiles tables; `checker` turns a format notation into a value test (the notation compiler),
 * `pattern` into an expression and length limit matching exactly its valid values (undefined
 * when there is none; then the block is always checked entry by entry).
 * Up to 31 blocks and 31 tags per block (bit masks).
 */
export function compileEnvelopeTables(
  tables: EnvelopeTables,
  checker: (format: string) => (value: string) => boolean,
  pattern: (format: string) => ValuePattern | undefined = () => undefined,
): CompiledEnvelopeTables {
  const rank = new Map<string, number>();
  let mandatoryMask = 0;
  tables.blocks.forEach((b, i) => {
    rank.set(b.id, i);
    if (b.mandatory) mandatoryMask |= 1 << i;
  });
  const tagLists = new Map<string, TagList>();
  for (const [id, defs] of Object.entries(tables.headerTags)) {
    const index = new Map<string, number>();
    let mask = 0;
    defs.forEach((d, i) => {
      index.set(d.tag, i);
      if (d.status === 'M') mask |= 1 << i;
    });
    tagLists.set(id, {
      defs,
      index,
      fits: defs.map((d) => checker(d.format)),
      mandatoryMask: mask,
      accept: acceptExpression(defs, pattern),
    });
  }
  const rules = new Map<string, BlockRule>();
  const byCode: (BlockRule | undefined)[] = new Array<BlockRule | undefined>(128).fill(undefined);
  for (const [id, k] of rank) {
    const rule: BlockRule = { rank: k, tags: tagLists.get(id) };
    rules.set(id, rule);
    if (id.length === 1 && id.charCodeAt(0) < 128) byCode[id.charCodeAt(0)] = rule;
  }
  const compiled = { tables, mandatoryMask, rules, byCode, lanes: undefined };
  const user = accepting(rules.get('3')?.tags);
  const trailer = accepting(rules.get('5')?.tags);
  const signature = accepting(rules.get('7')?.tags);
  if (user === undefined || trailer === undefined) return compiled;
  const expressions = laneExpressions(user.accept.expression, signature?.accept.expression, trailer.accept.expression);
  return { ...compiled, lanes: { ...expressions, user, trailer, signature, standard: standardOrder(compiled) } };
}

function accepting(list: TagList | undefined): AcceptingList | undefined {
  return list?.accept === undefined ? undefined : (list as AcceptingList);
}

/**
 * Whether the block sequences the lanes read (1 2 3 4 5 with 6, 7, both or neither before the
 * 5) are all clean under the tables' order and mandatory blocks: `checkEnvelope` on them, blocks
 * stood in for by their ids, reports nothing.
 */
function standardOrder(t: CompiledEnvelopeTables): boolean {
  let findings = 0;
  const counter = { report: (): void => void findings++ } as unknown as Reporter;
  for (const ids of [['1', '2', '3', '4', '5'], ['1', '2', '3', '4', '6', '5'], ['1', '2', '3', '4', '7', '5'], ['1', '2', '3', '4', '6', '7', '5']]) {
    const blocks = ids.map((id, i): Block => ({ kind: 'raw', id, offset: i, line: 1, column: i + 1, end: i + 1, content: '' }));
    checkEnvelope({ blocks, leading: '', trailing: '' }, counter, t);
  }
  return findings === 0;
}

/**
 * `{TAG:value}` for each tag in order (optional ones in `(?:…)?`), then the block's `}`. Linear:
 * each optional entry starts with its own literal `{TAG:`, so at each point one way is open.
 * None when a tag is one the scanner reads differently (not alphanumeric), a tag is listed twice,
 * or a format has no pattern.
 */
function acceptExpression(defs: readonly HeaderTagDef[], pattern: (format: string) => ValuePattern | undefined): TagList['accept'] {
  let source = '';
  const tags = new Set<string>();
  const maxLengths = new Int32Array(defs.length);
  for (let i = 0; i < defs.length; i++) {
    const d = defs[i]!;
    if (!/^[0-9A-Za-z]+$/.test(d.tag) || tags.has(d.tag)) return undefined;
    tags.add(d.tag);
    const value = pattern(d.format);
    if (value === undefined) return undefined;
    maxLengths[i] = value.maxLength;
    const entry = `\\{${d.tag}:${value.source}\\}`;
    source += d.status === 'M' ? entry : `(?:${entry})?`;
  }
  return { expression: sticky(`${source}\\}`), maxLengths };
}

/** The rule of block id `id`, undefined for a block the tables do not define. */
function ruleOf(t: CompiledEnvelopeTables, id: string): BlockRule | undefined {
  const c = id.length === 1 ? id.charCodeAt(0) : 128;
  return c < 128 ? t.byCode[c] : t.rules.get(id);
}

/**
 * The table checks of a scanned envelope. `checked`: bit i set when block i is a `{tag:value}`
 * block the scanner matched against its list's `accept` expression (nothing to report there).
 */
export function checkEnvelope(envelope: Envelope, r: Reporter, t: CompiledEnvelopeTables, checked = 0): void {
  const { blocks } = envelope;
  if (blocks.length === 0) {
    r.report('S001', 0, 0);
    return;
  }
  let seen = 0;
  let maxRank = -1;
  let maxId = '';
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const id = block.id;
    if (id === '') continue; // a raw block with a bad identifier, reported by the scanner
    const rule = ruleOf(t, id);
    if (rule === undefined) {
      r.report('S005', block.offset, block.end - block.offset, { block: id }, { block: id });
      continue;
    }
    const k = rule.rank;
    const bit = 1 << k;
    if ((seen & bit) !== 0) {
      r.report('S006', block.offset, block.end - block.offset, { block: id }, { block: id });
    } else if (k < maxRank) {
      r.report('S007', block.offset, block.end - block.offset, { block: id }, { block: id, before: maxId });
    }
    seen |= bit;
    if (k > maxRank) {
      maxRank = k;
      maxId = id;
    }
    if (
      rule.tags !== undefined &&
      (i > 30 || (checked & (1 << i)) === 0) &&
      (block.kind === 'userHeader' || block.kind === 'trailer' || block.kind === 'signature')
    ) {
      checkTagBlock(block, r, rule.tags);
    }
  }
  if ((seen & t.mandatoryMask) !== t.mandatoryMask) reportMissing(blocks, seen, r, t);
}

/** Missing mandatory blocks, reported at the `{` of the first present block that should follow. */
function reportMissing(blocks: readonly Block[], seen: number, r: Reporter, t: CompiledEnvelopeTables): void {
  const defs = t.tables.blocks;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    if (!def.mandatory || (seen & (1 << i)) !== 0) continue;
    const follower = blocks.find((b) => (ruleOf(t, b.id)?.rank ?? -1) > i);
    const offset = follower?.offset ?? blocks[blocks.length - 1]!.end;
    const length = follower === undefined ? 0 : 1;
    if (def.kind === 'trailer') r.report('S009', offset, length);
    else r.report('S008', offset, length, undefined, { block: def.id, name: def.name, nameZh: def.nameZh });
  }
}

function checkTagBlock(block: TagBlock, r: Reporter, list: TagList): void {
  let seen = 0;
  let maxIndex = -1;
  let maxTag = '';
  const id = block.id;
  const defs = list.defs;
  for (const entry of block.entries) {
    const length = entry.tag.length + entry.value.length + 3;
    // Entries mostly come in table order: compare with the next expected tag before hashing a
    // freshly sliced tag string for the map.
    const expected = maxIndex + 1;
    const index = expected < defs.length && defs[expected]!.tag === entry.tag ? expected : list.index.get(entry.tag);
    if (index === undefined) {
      r.report('S013', entry.offset, length, { block: id, tag: entry.tag }, { tag: entry.tag, block: id });
      continue;
    }
    const bit = 1 << index;
    if ((seen & bit) !== 0) {
      r.report('S014', entry.offset, length, { block: id, tag: entry.tag }, { tag: entry.tag, block: id });
    } else if (index < maxIndex) {
      r.report('S017', entry.offset, length, { block: id, tag: entry.tag }, { tag: entry.tag, before: maxTag, block: id });
    }
    seen |= bit;
    if (index > maxIndex) {
      maxIndex = index;
      maxTag = entry.tag;
    }
    if (!list.fits[index]!(entry.value)) {
      const format = list.defs[index]!.format;
      r.report('S015', entry.offset + entry.tag.length + 2, Math.max(1, entry.value.length), { block: id, tag: entry.tag }, {
        tag: entry.tag,
        block: id,
        format: format === '' ? 'empty' : format,
      });
    }
  }
  if ((seen & list.mandatoryMask) === list.mandatoryMask) return;
  list.defs.forEach((def, i) => {
    if (def.status === 'M' && (seen & (1 << i)) === 0) {
      r.report('S016', block.offset, 1, { block: id, tag: def.tag }, { block: id, tag: def.tag, name: def.name, nameZh: def.nameZh });
    }
  });
}
