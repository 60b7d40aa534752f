/**
 * Consistency checks over a (possibly user-overridden) set of the standard's tables, run when
 * tables are loaded: `checkTables` returns one message per problem (empty: consistent). It never
 * throws on well-typed input, and guards against the usual mistakes of hand-edited overrides
 * (unknown rule kinds, missing arrays).
 */
import { defaultNotationContext } from './code-tables.js';
import { CATEGORIES } from './fmts/categories.js';
import { FMTS } from './fmts/index.js';
import { TAGS } from './tags.js';
import { FMT_TAG, SCANNED_BLOCK_KINDS, type BlockDef, type EnvelopeOverrides, type EnvelopeTables, type HeaderTagDef } from './envelope.js';
import { compileFormat } from '../notation/compile.js';
import { variableDef } from './variables.js';
import { EMBEDDED_BODY, FAMILY_RULES, fmtTags, inScope, ruleTagRefs, rulesFor, type TagRef } from './families.js';
import {
  KNOWN_FMT_TABLE,
  RULE_KINDS,
  type CodeSpec,
  type EmbeddedBodyDef,
  type FamilyRuleDef,
  type FieldItem,
  type FmtDef,
  type ItemDef,
  type Role,
  type RuleDef,
  type SpecTables,
  type TagDef,
  type TagDictionaries,
} from './schema.js';

export interface CheckTablesOptions {
  /** Family rules (default: the shipped FAMILY_RULES). */
  readonly familyRules?: readonly FamilyRuleDef[];
  /** The MT198 text-block envelope (default: the shipped EMBEDDED_BODY). */
  readonly embeddedBody?: EmbeddedBodyDef;
  /**
   * Code tables by name (default: the shipped ones, `defaultNotationContext().codeTables`):
   * table references must name one of them, and narrowed codes, condition values and default
   * values of table-coded items must be in the table.
   */
  readonly codeTables?: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
}

const ROLES: ReadonlySet<Role> = new Set<Role>(['participant', 'directParticipant', 'centre', 'settlementBank', 'specialParticipant', 'all']);
const CATEGORY_SECTION: ReadonlyMap<string, string> = new Map(CATEGORIES.map((c) => [c.id, c.section]));
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

/** Format shapes that rules rely on (schema.ts conventions). */
const isBic = (format: string): boolean => /(^|[^A-Z])BIC([^A-Z]|$)/.test(format);
const isInteger = (format: string): boolean => /^\d+!?n$/.test(format);
const isDecimal = (format: string): boolean => /^\d+!?d$/.test(format);
const isText = (format: string): boolean => /^(\d+\*)?\d+[xg]$/.test(format);

interface Resolved {
  readonly item: FieldItem;
  readonly def: TagDef;
  readonly format: string;
  /** The group the item is in (undefined: message level). */
  readonly group?: string;
}

/**
 * Finds inconsistencies in a table set: dictionary problems, FMT items whose tag is not in the
 * dictionary, group counts that are not count items, rules naming tags the FMT does not have or
 * of the wrong kind, conditional items without a rule, duplicate FMT numbers, and more.
 */
export function checkTables(tags: TagDictionaries, fmts: readonly FmtDef[], options: CheckTablesOptions = {}): string[] {
  const problems: string[] = [];
  const familyRules = options.familyRules ?? FAMILY_RULES;
  const embeddedBody = options.embeddedBody ?? EMBEDDED_BODY;
  const codeTables = options.codeTables ?? defaultNotationContext().codeTables;

  const dicts = {
    text: checkDictionary('text', tags.text ?? [], /^\d{2}[A-Z]?$/, problems),
    block6: checkDictionary('block6', tags.block6 ?? [], /^[0-9A-Z]{3}$/, problems),
    embedded: checkDictionary('embedded', tags.embedded ?? [], /^[0-9A-Z]{3}$/, problems),
  };

  const fmtNumbers = new Set<string>();
  const byNumber = new Map<string, FmtDef>();
  for (const f of fmts) {
    if (fmtNumbers.has(f.fmt)) problems.push(`FMT${f.fmt}: duplicate FMT number`);
    fmtNumbers.add(f.fmt);
    if (!byNumber.has(f.fmt)) byNumber.set(f.fmt, f);
  }

  /** Is `code` a value of the named table? undefined: cannot tell. */
  const inTable = (table: string, code: string): boolean | undefined => {
    if (table === KNOWN_FMT_TABLE) return fmtNumbers.has(code);
    const t = codeTables?.get(table);
    return t === undefined ? undefined : t.has(code);
  };
  const tableKnown = (table: string): boolean => table === KNOWN_FMT_TABLE || codeTables === undefined || codeTables.has(table);

  // --- dictionaries: codes, references -------------------------------------------------------
  for (const [kind, list] of Object.entries(tags) as [string, readonly TagDef[] | undefined][]) {
    for (const def of list ?? []) {
      const where = `${kind} tag ${def.tag}`;
      if (def.codes !== undefined) checkCodeSpec(where, def, def.codes, tableKnown, problems);
      if (def.participant !== undefined && !isBic(def.format)) problems.push(`${where}: participant scope on a non-BIC format "${def.format}"`);
      if (def.refersTo !== undefined) checkReference(where, def.refersTo, byNumber, embeddedBody, problems);
      for (const cat of Object.keys(def.nameZhIn ?? {})) {
        if (!CATEGORY_SECTION.has(cat)) problems.push(`${where}: nameZhIn names unknown category "${cat}"`);
      }
    }
  }

  // --- the MT198 envelope ------------------------------------------------------------------------
  {
    const items = embeddedBody.textItems ?? [];
    const last = items[items.length - 1];
    if (last === undefined || last.tag !== embeddedBody.container) {
      problems.push(`embedded body MT${embeddedBody.mt}: the container ${embeddedBody.container} must be the last text-block item`);
    }
    for (const it of items) {
      const def = dicts.text.get(it.tag);
      if (def === undefined) problems.push(`embedded body MT${embeddedBody.mt}: text item ${it.tag} is not in the text dictionary`);
      else if (it.tag === embeddedBody.container && def.embedded !== true) {
        problems.push(`embedded body MT${embeddedBody.mt}: container ${it.tag} is not an embedded-fields tag`);
      }
    }
  }

  // --- FMT tables -----------------------------------------------------------------------------
  const sections = new Set<string>();
  for (const f of fmts) {
    const at = `FMT${f.fmt}`;
    if (!/^\d{3}$/.test(f.fmt)) problems.push(`${at}: the FMT number must be 3 digits`);
    if (!/^\d{3}$/.test(f.mt)) problems.push(`${at}: MT "${f.mt}" must be 3 digits`);
    if (sections.has(f.section)) problems.push(`${at}: duplicate section ${f.section}`);
    sections.add(f.section);
    const catSection = CATEGORY_SECTION.get(f.category);
    if (catSection === undefined) problems.push(`${at}: unknown category "${f.category}"`);
    else if (!new RegExp(`^${catSection.replace('.', '\\.')}\\.\\d+$`).test(f.section)) {
      problems.push(`${at}: section ${f.section} is not in the category's section ${catSection}`);
    }
    if (!f.nameZh || !f.name) problems.push(`${at}: name missing`);
    if (f.signature !== 'M' && f.signature !== 'O') problems.push(`${at}: signature must be M or O`);
    const embedded = f.mt === embeddedBody.mt;
    if ((f.body === 'embedded') !== embedded) {
      problems.push(`${at}: body "${f.body}" but MT${f.mt} ${embedded ? 'carries its FMTs in 77E' : 'has a text body'}`);
    }
    for (const side of ['from', 'to'] as const) {
      const roles = f.flow?.[side] ?? [];
      if (roles.length === 0) problems.push(`${at}: flow.${side} is empty`);
      for (const r of roles) if (!ROLES.has(r)) problems.push(`${at}: flow.${side} has unknown role "${r}"`);
    }

    const dict = f.body === 'embedded' ? dicts.embedded : dicts.text;
    const resolved = checkItems(at, f.items ?? [], dict, problems);
    const resolveAll = new Map<string, Resolved[]>();
    for (const r of resolved) {
      const list = resolveAll.get(r.item.tag);
      if (list === undefined) resolveAll.set(r.item.tag, [r]);
      else list.push(r);
    }
    if (f.body === 'embedded') {
      for (const it of embeddedBody.textItems ?? []) {
        const def = dicts.text.get(it.tag);
        if (def !== undefined && !resolveAll.has(it.tag)) resolveAll.set(it.tag, [{ item: it, def, format: it.format ?? def.format }]);
      }
    }

    // item-level details
    for (const r of resolved) {
      const w = `${at}: item ${r.item.tag}${r.group === undefined ? '' : ` (group ${r.group})`}`;
      if (r.item.participant !== undefined && !isBic(r.format)) problems.push(`${w}: participant scope on a non-BIC format`);
      if (isBic(r.format) && (r.item.participant ?? r.def.participant) === undefined) {
        problems.push(`${w}: BIC item without participant scope (CN or any)`);
      }
      if (r.item.codes !== undefined) checkNarrowedCodes(w, r, inTable, codeTables, problems);
      if (r.item.defaultValue !== undefined) {
        const ok = allowedValue(r, r.item.defaultValue, inTable, codeTables);
        if (ok === false) problems.push(`${w}: default value "${r.item.defaultValue}" is not an allowed value`);
      }
      if (r.item.refersTo !== undefined) checkReference(w, r.item.refersTo, byNumber, embeddedBody, problems);
    }

    // groups
    checkGroups(at, f.items ?? [], resolved, problems);

    // block 6
    const seen6 = new Set<string>();
    for (const it of f.block6 ?? []) {
      if (seen6.has(it.tag)) problems.push(`${at}: block-6 item ${it.tag} appears twice`);
      seen6.add(it.tag);
      if (!dicts.block6.has(it.tag)) problems.push(`${at}: block-6 item ${it.tag} is not in the block-6 dictionary`);
      if (it.status === 'C') problems.push(`${at}: block-6 item ${it.tag} cannot be conditional (no rule names block-6 items)`);
    }

    // rules
    const all = rulesFor(f, familyRules, embeddedBody);
    for (const rule of f.rules ?? []) checkRule(at, rule, resolveAll, inTable, codeTables, problems);
    const conditioned = new Set<string>();
    for (const rule of all) {
      if (rule.rule === 'requiredWhen' || rule.rule === 'onlyWhen') {
        conditioned.add(rule.tag);
        const items = resolveAll.get(rule.tag) ?? [];
        if (items.length > 0 && items.every((i) => i.item.status !== 'C')) {
          problems.push(`${at}: rule ${rule.rule} conditions ${rule.tag}, whose status is ${items[0]?.item.status} (must be C)`);
        }
      }
    }
    for (const r of resolved) {
      if (r.item.status === 'C' && !conditioned.has(r.item.tag)) {
        problems.push(`${at}: item ${r.item.tag} is conditional (C) but no requiredWhen/onlyWhen rule says when`);
      }
    }

    // announcement
    if (f.announces !== undefined) {
      const a = f.announces;
      for (const tag of [a.key, a.change, a.effective, ...(a.values ?? [])]) {
        if (!resolveAll.has(tag)) problems.push(`${at}: announces names ${tag}, which the FMT does not have`);
      }
      if (a.group !== undefined && !(f.items ?? []).some((it) => 'group' in it && it.group === a.group)) {
        problems.push(`${at}: announces names group "${a.group}", which the FMT does not have`);
      }
    }
  }

  // --- family rules ---------------------------------------------------------------------------
  const mts = new Set(fmts.map((f) => f.mt));
  for (const [i, fr] of familyRules.entries()) {
    const at = `family rule #${i + 1} (${fr.rule?.rule})`;
    if (!(fr.rule?.rule in RULE_KINDS)) {
      problems.push(`${at}: unknown rule kind`);
      continue;
    }
    const s = fr.scope;
    if ('mt' in s && !mts.has(s.mt)) problems.push(`${at}: scope MT${s.mt} carries no FMT`);
    if ('category' in s && !CATEGORY_SECTION.has(s.category)) problems.push(`${at}: unknown category "${s.category}"`);
    if ('body' in s && s.body !== 'text' && s.body !== 'embedded') problems.push(`${at}: unknown body "${String(s.body)}"`);
    if (!fmts.some((f) => inScope(s, f))) problems.push(`${at}: no FMT is in scope`);
    // kinds of the tags it names, in every FMT it applies to
    for (const f of fmts) {
      if (!inScope(s, f)) continue;
      const tagsOf = fmtTags(f, embeddedBody);
      const refs = ruleTagRefs(fr.rule);
      if (!refs.every((r) => tagsOf.has(r.tag))) continue;
      const dict = f.body === 'embedded' ? dicts.embedded : dicts.text;
      const resolved = checkItems('', f.items ?? [], dict, []);
      const resolveAll = new Map<string, Resolved[]>();
      for (const r of resolved) resolveAll.set(r.item.tag, [...(resolveAll.get(r.item.tag) ?? []), r]);
      if (f.body === 'embedded') {
        for (const it of embeddedBody.textItems ?? []) {
          const def = dicts.text.get(it.tag);
          if (def !== undefined && !resolveAll.has(it.tag)) resolveAll.set(it.tag, [{ item: it, def, format: it.format ?? def.format }]);
        }
      }
      checkRule(`${at} in FMT${f.fmt}`, fr.rule, resolveAll, inTable, codeTables, problems, embeddedBody);
    }
  }

  return problems;
}

// ---------------------------------------------------------------------------------------------
// Loading tables with overrides
// ---------------------------------------------------------------------------------------------

/** The shipped tables. */
export const SPEC_TABLES: SpecTables = { tags: TAGS, fmts: FMTS, familyRules: FAMILY_RULES, embeddedBody: EMBEDDED_BODY };

/**
 * Corrections and extensions of the shipped tables, e.g. from a bank holding the printed
 * standard. Tags and FMTs replace the entry with the same tag / FMT number, or are appended.
 */
export interface TableOverrides {
  readonly tags?: { readonly [K in keyof TagDictionaries]?: readonly TagDef[] };
  readonly fmts?: readonly FmtDef[];
  /** Replaces the whole list of family rules. */
  readonly familyRules?: readonly FamilyRuleDef[];
  readonly embeddedBody?: EmbeddedBodyDef;
}

function mergeBy<T>(base: readonly T[], changes: readonly T[] | undefined, key: (x: T) => string): readonly T[] {
  if (changes === undefined || changes.length === 0) return base;
  const byKey = new Map(changes.map((c) => [key(c), c]));
  const out = base.map((b) => byKey.get(key(b)) ?? b);
  const present = new Set(base.map(key));
  for (const c of changes) if (!present.has(key(c))) out.push(c);
  return out;
}

/** `base` with `overrides` applied (pure; nothing is checked). */
export function applyOverrides(base: SpecTables, overrides: TableOverrides): SpecTables {
  const tag = (t: TagDef): string => t.tag;
  return {
    tags: {
      text: mergeBy(base.tags.text, overrides.tags?.text, tag),
      block6: mergeBy(base.tags.block6, overrides.tags?.block6, tag),
      embedded: mergeBy(base.tags.embedded, overrides.tags?.embedded, tag),
    },
    fmts: mergeBy(base.fmts, overrides.fmts, (f) => f.fmt),
    familyRules: overrides.familyRules ?? base.familyRules,
    embeddedBody: overrides.embeddedBody ?? base.embeddedBody,
  };
}

/** Envelope tables with a bank's `overrides` applied (pure; `checkEnvelopeTables` checks). */
export function applyEnvelopeOverrides(base: EnvelopeTables, overrides: EnvelopeOverrides): EnvelopeTables {
  const headerTags: Record<string, readonly HeaderTagDef[]> = { ...base.headerTags };
  for (const [id, changes] of Object.entries(overrides.headerTags ?? {})) {
    headerTags[id] = mergeBy(headerTags[id] ?? [], changes, (t) => t.tag);
  }
  return { blocks: overrides.blocks ?? base.blocks, headerTags };
}

/**
 * What would break the envelope's parser or the typed layer in envelope tables: blocks the
 * scanner reads under another kind, missing blocks 1–5 (the typed layer reads them), duplicate
 * ids or tags, more entries than the checks' bit masks hold (30), header tags on a block that is
 * not a `{tag:value}` block, tags the acceptance expressions cannot spell, and formats that do
 * not compile. Empty: safe to use.
 */
export function checkEnvelopeTables(tables: EnvelopeTables): string[] {
  const problems: string[] = [];
  const kinds = new Map<string, BlockDef['kind']>();
  if (tables.blocks.length > MAX_MASKED) problems.push(`blocks: ${tables.blocks.length} blocks, at most ${MAX_MASKED}`);
  for (const b of tables.blocks) {
    const where = `block ${b.id}`;
    if (!/^[0-9A-Za-z]{1,3}$/.test(b.id)) problems.push(`${where}: an id is 1 to 3 letters or digits`);
    if (kinds.has(b.id)) problems.push(`${where}: listed twice`);
    kinds.set(b.id, b.kind);
    const scanned = SCANNED_BLOCK_KINDS[b.id] ?? 'raw';
    if (b.kind !== scanned) problems.push(`${where}: kind "${b.kind}", but the scanner reads it as "${scanned}"`);
    if (!b.name || !b.nameZh) problems.push(`${where}: name and nameZh are needed (diagnostics name the block)`);
  }
  for (const id of ['1', '2', '3', '4', '5']) {
    if (!kinds.has(id)) problems.push(`block ${id}: missing (the typed layer reads blocks 1 to 5)`);
  }
  for (const [id, defs] of Object.entries(tables.headerTags)) {
    const kind = kinds.get(id);
    if (kind !== 'userHeader' && kind !== 'trailer' && kind !== 'signature') {
      problems.push(`header tags of block ${id}: not a {tag:value} block of the tables (3, 5 or 7)`);
    }
    if (defs.length > MAX_MASKED) problems.push(`header tags of block ${id}: ${defs.length} tags, at most ${MAX_MASKED}`);
    const seen = new Set<string>();
    for (const d of defs) {
      const where = `block ${id} tag ${d.tag}`;
      if (!/^[0-9A-Za-z]+$/.test(d.tag)) problems.push(`${where}: a tag is letters and digits`);
      if (seen.has(d.tag)) problems.push(`${where}: listed twice`);
      seen.add(d.tag);
      if (d.status !== 'M' && d.status !== 'O') problems.push(`${where}: status must be "M" or "O"`);
      if (!d.name || !d.nameZh) problems.push(`${where}: name and nameZh are needed (diagnostics name the tag)`);
      if (d.format !== '') {
        try {
          compileFormat(d.format);
        } catch (err) {
          problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
  }
  if (!(tables.headerTags['3'] ?? []).some((d) => d.tag === FMT_TAG)) {
    problems.push(`block 3 tag ${FMT_TAG}: missing (the FMT number is read from it)`);
  }
  return problems;
}

/** Blocks and tags per block are bits of a 31-bit mask in the envelope checks. */
const MAX_MASKED = 30;

/**
 * The tables to use: the shipped ones with `overrides` applied, and every inconsistency
 * `checkTables` finds in the result (empty: safe to use).
 */
export function loadTables(
  overrides: TableOverrides = {},
  options: Pick<CheckTablesOptions, 'codeTables'> = {},
): { readonly tables: SpecTables; readonly problems: readonly string[] } {
  const tables = applyOverrides(SPEC_TABLES, overrides);
  const problems = checkTables(tables.tags, tables.fmts, {
    familyRules: tables.familyRules,
    embeddedBody: tables.embeddedBody,
    ...options,
  });
  return { tables, problems };
}

// ---------------------------------------------------------------------------------------------

function checkDictionary(kind: string, list: readonly TagDef[], tagSyntax: RegExp, problems: string[]): Map<string, TagDef> {
  const map = new Map<string, TagDef>();
  const names = new Map<string, string>();
  for (const def of list) {
    const where = `${kind} tag ${def.tag}`;
    if (map.has(def.tag)) problems.push(`${where}: duplicate tag in the ${kind} dictionary`);
    else map.set(def.tag, def);
    if (!tagSyntax.test(def.tag)) problems.push(`${where}: malformed tag`);
    if (!def.nameZh) problems.push(`${where}: 数据项 (nameZh) missing`);
    if (def.notUsed === true) continue;
    if (!IDENTIFIER.test(def.name)) problems.push(`${where}: 英文简称 "${def.name}" is not a property name`);
    const other = names.get(def.name);
    if (other !== undefined) problems.push(`${where}: 英文简称 "${def.name}" is also the name of ${other}`);
    names.set(def.name, def.tag);
    if (!def.format) problems.push(`${where}: format missing`);
    const parts = def.parts ?? [];
    if (new Set(parts).size !== parts.length) problems.push(`${where}: duplicate part names`);
    for (const p of parts) if (!IDENTIFIER.test(p)) problems.push(`${where}: part "${p}" is not a property name`);
  }
  return map;
}

function checkCodeSpec(
  where: string,
  def: TagDef,
  codes: CodeSpec,
  tableKnown: (t: string) => boolean,
  problems: string[],
): void {
  if (codes.part !== undefined && !(def.parts ?? []).includes(codes.part)) {
    problems.push(`${where}: codes apply to part "${codes.part}", which the tag does not have`);
  }
  if ('table' in codes) {
    if (!tableKnown(codes.table)) problems.push(`${where}: unknown code table "${codes.table}"`);
  } else {
    if (codes.values.length === 0) problems.push(`${where}: empty code list`);
    const seen = new Set<string>();
    for (const v of codes.values) {
      if (seen.has(v.code)) problems.push(`${where}: code "${v.code}" listed twice`);
      seen.add(v.code);
    }
  }
}

function checkReference(
  where: string,
  ref: NonNullable<TagDef['refersTo']>,
  byNumber: ReadonlyMap<string, FmtDef>,
  embeddedBody: EmbeddedBodyDef,
  problems: string[],
): void {
  if (ref.category !== undefined && !CATEGORY_SECTION.has(ref.category)) {
    problems.push(`${where}: refersTo names unknown category "${ref.category}"`);
  }
  for (const n of ref.fmts ?? []) {
    const target = byNumber.get(n);
    if (target === undefined) problems.push(`${where}: refersTo names FMT${n}, which is not defined`);
    else if (!fmtTags(target, embeddedBody).has(ref.tag)) problems.push(`${where}: refersTo ${ref.tag} of FMT${n}, which has no ${ref.tag}`);
  }
}

/** Resolves every field item against its dictionary; reports unknown tags and name clashes. */
function checkItems(at: string, items: readonly ItemDef[], dict: ReadonlyMap<string, TagDef>, problems: string[]): Resolved[] {
  const out: Resolved[] = [];
  const level = (list: readonly ItemDef[], group: string | undefined): void => {
    const names = new Map<string, string>();
    const claim = (name: string, what: string): void => {
      const other = names.get(name);
      if (other !== undefined) problems.push(`${at}: ${what} and ${other} have the same property name "${name}"${group === undefined ? '' : ` in group ${group}`}`);
      else names.set(name, what);
    };
    for (const it of list) {
      if ('group' in it) {
        if (group !== undefined) {
          problems.push(`${at}: group ${it.group} is nested in group ${group} (not supported)`);
          continue;
        }
        if (!IDENTIFIER.test(it.group)) problems.push(`${at}: group name "${it.group}" is not a property name`);
        claim(it.group, `group ${it.group}`);
        level(it.items ?? [], it.group);
        continue;
      }
      const def = dict.get(it.tag);
      const w = `${at}: item ${it.tag}${group === undefined ? '' : ` (group ${group})`}`;
      if (def === undefined) {
        problems.push(`${w}: tag is not in the dictionary`);
        continue;
      }
      if (def.notUsed === true) problems.push(`${w}: tag is marked not used`);
      if (def.embedded === true) problems.push(`${w}: an embedded-fields tag cannot be an FMT item`);
      if (it.status !== 'M' && it.status !== 'O' && it.status !== 'C') problems.push(`${w}: status must be M, O or C`);
      claim(def.name, `item ${it.tag}`);
      const r: { item: FieldItem; def: TagDef; format: string; group?: string } = { item: it, def, format: it.format ?? def.format };
      if (group !== undefined) r.group = group;
      out.push(r);
    }
  };
  level(items, undefined);
  return out;
}

function checkGroups(at: string, items: readonly ItemDef[], resolved: readonly Resolved[], problems: string[]): void {
  const countUsers = new Map<string, string>();
  items.forEach((it, index) => {
    if (!('group' in it)) return;
    const w = `${at}: group ${it.group}`;
    if ((it.items ?? []).length === 0) problems.push(`${w}: no items`);
    const count = it.count;
    if ('tag' in count) {
      const before = items.slice(0, index).find((x): x is FieldItem => !('group' in x) && x.tag === count.tag);
      if (before === undefined) {
        problems.push(`${w}: count item ${count.tag} is not a message-level item before the group`);
        return;
      }
      const r = resolved.find((x) => x.item === before);
      if (r !== undefined && !isInteger(r.format)) problems.push(`${w}: count item ${count.tag} has format "${r.format}", not a count (Nn)`);
      if (before.status !== 'M') problems.push(`${w}: count item ${count.tag} must be mandatory`);
      const other = countUsers.get(count.tag);
      if (other !== undefined) problems.push(`${w}: count item ${count.tag} already counts group ${other}`);
      countUsers.set(count.tag, it.group);
    } else {
      const { min, max } = count;
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < 1 || min > max) {
        problems.push(`${w}: repetitions ${min}..${max} are not a valid range`);
      }
    }
  });
}

function codesOf(r: Resolved): CodeSpec | undefined {
  return r.item.codes ?? r.def.codes;
}

/**
 * Is `value` allowed for the item as a whole value? undefined: cannot tell. With `narrowed`
 * false, the item's own code list is ignored (the dictionary's and the variable's apply).
 */
function allowedValue(
  r: Resolved,
  value: string,
  inTable: (t: string, c: string) => boolean | undefined,
  codeTables: CheckTablesOptions['codeTables'],
  narrowed = true,
): boolean | undefined {
  const codes = narrowed ? codesOf(r) : r.def.codes;
  if (codes !== undefined && codes.part === undefined) {
    return 'table' in codes ? inTable(codes.table, value) : codes.values.some((v) => v.code === value);
  }
  // a format that is a single variable bound to a code table (BKIND, DC, …)
  const table = variableDef(r.format)?.codeTable;
  const t = table === undefined ? undefined : codeTables?.get(table);
  return t === undefined ? undefined : t.has(value);
}

function checkNarrowedCodes(
  w: string,
  r: Resolved,
  inTable: (t: string, c: string) => boolean | undefined,
  codeTables: CheckTablesOptions['codeTables'],
  problems: string[],
): void {
  const narrowed = r.item.codes;
  if (narrowed === undefined) return;
  if (narrowed.values.length === 0) problems.push(`${w}: empty code list`);
  if (narrowed.part !== undefined && !(r.def.parts ?? []).includes(narrowed.part)) {
    problems.push(`${w}: codes apply to part "${narrowed.part}", which the tag does not have`);
    return;
  }
  const base = r.def.codes;
  if (base !== undefined && base.part !== narrowed.part) {
    problems.push(`${w}: codes apply to ${narrowed.part ?? 'the whole value'}, the dictionary's to ${base.part ?? 'the whole value'}`);
    return;
  }
  for (const v of narrowed.values) {
    let ok: boolean | undefined;
    if (base !== undefined) ok = 'table' in base ? inTable(base.table, v.code) : base.values.some((b) => b.code === v.code);
    else if (narrowed.part === undefined) ok = allowedValue(r, v.code, inTable, codeTables, false);
    if (ok === false) problems.push(`${w}: narrowed code "${v.code}" is not a value of the dictionary's codes`);
  }
}

function roleOk(r: Resolved, ref: TagRef, rule: RuleDef, embeddedBody: EmbeddedBodyDef | undefined): string | undefined {
  const parts = r.def.parts ?? [];
  const f = r.format;
  switch (ref.role) {
    case 'any':
    case 'value':
      return undefined;
    case 'amount':
      return parts.includes('amount') || f === 'AMOUNT' || isDecimal(f) ? undefined : 'has no amount';
    case 'currency':
      return parts.includes('currency') || f === 'CCY' || f === '3!a' ? undefined : 'has no currency';
    case 'date':
      return parts.includes('date') || f === 'DATE' ? undefined : 'has no date';
    case 'integer':
      return isInteger(f) ? undefined : `is not an integer (format "${f}")`;
    case 'text':
      return isText(f) ? undefined : `is not text lines (format "${f}")`;
    case 'balance':
      return ['mark', 'currency', 'amount'].every((p) => parts.includes(p)) ? undefined : 'is not a balance (mark, currency, amount)';
    case 'parts': {
      if (rule.rule !== 'fieldComplete') return undefined;
      const missing = rule.parts.filter((p) => !parts.includes(p));
      return missing.length === 0 ? undefined : `has no part ${missing.join(', ')}`;
    }
    case 'envelope':
      return r.group === undefined && (embeddedBody === undefined || r.def.tag.length < 3 || embeddedBody.textItems.some((i) => i.tag === ref.tag))
        ? undefined
        : 'is not a message-level text-block field';
  }
}

function checkRule(
  at: string,
  rule: RuleDef,
  resolveAll: ReadonlyMap<string, readonly Resolved[]>,
  inTable: (t: string, c: string) => boolean | undefined,
  codeTables: CheckTablesOptions['codeTables'],
  problems: string[],
  embeddedBody?: EmbeddedBodyDef,
): void {
  const kind = (rule as { rule?: unknown }).rule;
  if (typeof kind !== 'string' || !(kind in RULE_KINDS)) {
    problems.push(`${at}: unknown rule kind "${String(kind)}"`);
    return;
  }
  const w = `${at}: rule ${rule.rule}`;
  for (const ref of ruleTagRefs(rule)) {
    const found = resolveAll.get(ref.tag) ?? [];
    if (found.length === 0) {
      problems.push(`${w} names ${ref.tag}, which the FMT does not have`);
      continue;
    }
    if (found.length > 1) {
      problems.push(`${w} names ${ref.tag}, which occurs ${found.length} times in the FMT (ambiguous)`);
      continue;
    }
    const r = found[0] as Resolved;
    const bad = roleOk(r, ref, rule, embeddedBody);
    if (bad !== undefined) problems.push(`${w}: ${ref.tag} ${bad}`);
    if (ref.role === 'value') {
      for (const v of ref.values ?? []) {
        if (allowedValue(r, v, inTable, codeTables) === false) problems.push(`${w}: "${v}" is not an allowed value of ${ref.tag}`);
      }
    }
  }
  if (rule.rule === 'minValue' && !Number.isInteger(rule.min)) problems.push(`${w}: min must be an integer`);
  if (rule.rule === 'firstLinePrefix' && rule.prefix.length === 0) problems.push(`${w}: empty prefix`);
  if (rule.rule === 'headerPriority' && codeTables !== undefined && !codeTables.has(rule.table)) {
    problems.push(`${w}: unknown code table "${rule.table}"`);
  }
  if (rule.rule === 'headerAddressCountry' && !/^[A-Z]{2}$/.test(rule.country)) problems.push(`${w}: country must be 2 letters`);
  if (rule.rule === 'sumEquals' && rule.where !== undefined) {
    const of = resolveAll.get(rule.of)?.[0];
    const cond = ruleTagRefs({ rule: 'onlyWhen', tag: rule.of, when: rule.where }).slice(1);
    for (const c of cond) {
      const cr = resolveAll.get(c.tag)?.[0];
      if (of !== undefined && cr !== undefined && cr.group !== of.group) {
        problems.push(`${w}: the condition on ${c.tag} must be in the same group as ${rule.of}`);
      }
    }
  }
}
