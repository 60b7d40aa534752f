/**
 * Building: a typed body (and header parts) → the canonical message text (reconstruction §5),
 * written with the envelope's canonical writer (`writeEnvelope`) and each item's compiled
 * format (`serialize`). Items are written in table order; a group as its repetitions; a count
 * item as its group's length; MT198 :12: as the FMT number and the items inside :77E:.
 *
 * Building never throws on a bad body: properties that are not items of the FMT (B001) and
 * values of the wrong type (B002) are reported and left out; everything else is checked by
 * parsing the text back.
 */
import Big from 'big.js';
import { writeEnvelope, type EnvelopeInit, type FieldInit, type TagValue } from '../envelope/write.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { TypedValue } from '../notation/types.js';
import type { HeadersInit } from './types.js';
import { describeFound } from './found.js';
import type { EntryPlan, FmtPlan, ItemPlan, ListPlan } from './plan.js';

/** The LT address that stands in for a sender or receiver that `build` is not given. */
export const DEFAULT_ADDRESS = 'CFXPCNBJXXXX';
/** Trailer CHK placeholder (the checksum algorithm is not public). */
export const CHECKSUM_PLACEHOLDER = '000000000000';

function bodyDiagnostic(code: 'B001' | 'B002', params: Record<string, string | number>): Diagnostic {
  return diagnostic(code, { offset: 0, line: 0, column: 0, length: 0 }, params);
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Big);
}

/** Whether `v` fits a component's type: Big for decimals, string[] for lines, else a string. */
function fits(tsType: string, multiLine: boolean, v: unknown): { ok: boolean; expected: string; expectedZh: string } {
  if (multiLine) return { ok: Array.isArray(v) && v.every((x) => typeof x === 'string'), expected: 'an array of lines (strings)', expectedZh: '字符串数组（每行一项）' };
  if (tsType === 'Big') return { ok: v instanceof Big, expected: 'a decimal (Big)', expectedZh: '十进制数（Big）' };
  return { ok: typeof v === 'string', expected: 'a string', expectedZh: '字符串' };
}

/** The value checked against the item's shape; undefined (with a B002) when it does not fit. */
function checkedValue(it: ItemPlan, v: unknown, path: string, out: Diagnostic[]): TypedValue | undefined {
  const comps = it.componentTypes;
  if (it.format.scalar || comps.length === 0) {
    const c = comps[0];
    const f = fits(c?.info.tsType === 'Big' ? 'Big' : 'string', c?.info.multiLine ?? false, v);
    if (f.ok) return v as TypedValue;
    out.push(bodyDiagnostic('B002', { path, expected: f.expected, expectedZh: f.expectedZh, found: describeFound(v) }));
    return undefined;
  }
  if (!isRecord(v)) {
    out.push(bodyDiagnostic('B002', { path, expected: 'an object', expectedZh: '对象', found: describeFound(v) }));
    return undefined;
  }
  const known = new Set(comps.map((c) => c.info.name));
  let ok = true;
  for (const key of Object.keys(v)) {
    if (!known.has(key) && v[key] !== undefined) {
      out.push(bodyDiagnostic('B001', { path: `${path}.${key}`, fmt: `${it.tag} (${it.name})` }));
    }
  }
  for (const c of comps) {
    const x = v[c.info.name];
    if (x === undefined) continue;
    const f = fits(c.info.tsType === 'Big' ? 'Big' : 'string', c.info.multiLine, x);
    if (!f.ok) {
      out.push(bodyDiagnostic('B002', { path: `${path}.${c.info.name}`, expected: f.expected, expectedZh: f.expectedZh, found: describeFound(x) }));
      ok = false;
    }
  }
  return ok ? (v as TypedValue) : undefined;
}

function writeList(
  plan: FmtPlan,
  list: ListPlan,
  body: Readonly<Record<string, unknown>>,
  path: string,
  out: Diagnostic[],
  used: Set<string>,
): { tag: string; value: string }[] {
  const fields: { tag: string; value: string }[] = [];
  const write = (it: ItemPlan, v: unknown, p: string): void => {
    if (v === undefined) return;
    const value = checkedValue(it, v, p, out);
    if (value !== undefined) fields.push({ tag: it.tag, value: it.format.serialize(value) });
  };
  const groupLength = (entry: EntryPlan): number => {
    if (entry.kind !== 'group') return 0;
    const v = body[entry.name];
    return entry.single ? (isRecord(v) ? 1 : 0) : Array.isArray(v) ? v.length : 0;
  };
  for (const entry of list.entries) {
    if (entry.kind === 'item') {
      if (entry.role === 'count') {
        fields.push({ tag: entry.tag, value: String(groupLength(entry.countOf!)) });
      } else if (entry.role === 'fmtNumber') {
        fields.push({ tag: entry.tag, value: plan.number });
      } else if (entry.role === 'value') {
        used.add(entry.name);
        write(entry, body[entry.name], `${path}.${entry.name}`);
      }
      continue;
    }
    used.add(entry.name);
    const v = body[entry.name];
    if (v === undefined) continue;
    const reps: unknown[] = entry.single ? [v] : Array.isArray(v) ? v : [];
    if (!entry.single && !Array.isArray(v)) {
      out.push(bodyDiagnostic('B002', { path: `${path}.${entry.name}`, expected: 'an array of objects', expectedZh: '对象数组', found: describeFound(v) }));
      continue;
    }
    reps.forEach((rep, i) => {
      const p = entry.single ? `${path}.${entry.name}` : `${path}.${entry.name}[${i}]`;
      if (!isRecord(rep)) {
        out.push(bodyDiagnostic('B002', { path: p, expected: 'an object', expectedZh: '对象', found: describeFound(rep) }));
        return;
      }
      const names = new Set(entry.items.map((it) => it.name));
      for (const key of Object.keys(rep)) {
        if (!names.has(key) && rep[key] !== undefined) out.push(bodyDiagnostic('B001', { path: `${p}.${key}`, fmt: plan.id }));
      }
      for (const it of entry.items) write(it, rep[it.name], `${p}.${it.name}`);
    });
  }
  return fields;
}

/**
 * The header tags `build` writes from named parts (`mur`, `checksum`, `signature`, …), by block;
 * any other tag of the envelope tables goes through `extraTags`.
 */
export const NAMED_HEADER_TAGS: Readonly<Record<string, readonly string[]>> = {
  '3': ['119', '108', '113'],
  '5': ['CHK', 'PDE', 'TNG'],
  '7': ['DSN', 'SIG'],
};

/** Each header part `build` takes, and what its value must be (the CLI checks records by it too). */
export const HEADER_PARTS = {
  mt: 'string',
  direction: 'direction',
  sender: 'string',
  receiver: 'string',
  priority: 'string',
  session: 'string',
  sequence: 'string',
  deliveryMonitoring: 'string',
  obsolescencePeriod: 'string',
  inputTime: 'string',
  mirDate: 'string',
  mirSession: 'string',
  mirSequence: 'string',
  outputDate: 'string',
  outputTime: 'string',
  mur: 'string',
  bankingPriority: 'string',
  signature: 'signature',
  checksum: 'string',
  possibleDuplicate: 'string',
  training: 'boolean',
  extraTags: 'extraTags',
} as const satisfies Readonly<Record<keyof HeadersInit, HeaderPartKind>>;

type HeaderPartKind = 'string' | 'direction' | 'boolean' | 'signature' | 'extraTags';

const HEADER_EXPECTED: Readonly<Record<HeaderPartKind, { readonly en: string; readonly zh: string }>> = {
  string: { en: 'a string', zh: '字符串' },
  direction: { en: '"I" or "O"', zh: '"I"或"O"' },
  boolean: { en: 'true or false', zh: 'true或false' },
  signature: { en: 'an object { dsn, sig } of strings', zh: '含字符串dsn和sig的对象' },
  extraTags: { en: 'an object of blocks 3, 5, 7 → [{ tag, value }] (tags of letters and digits)', zh: '块3、5、7到[{ tag, value }]的对象（标签为字母和数字）' },
};

function isEntryList(v: unknown): boolean {
  return Array.isArray(v) && v.every((e) => isRecord(e) && typeof e['tag'] === 'string' && /^[0-9A-Za-z]+$/.test(e['tag']) && typeof e['value'] === 'string');
}

function fitsHeader(kind: HeaderPartKind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'direction':
      return v === 'I' || v === 'O';
    case 'boolean':
      return typeof v === 'boolean';
    case 'signature':
      return isRecord(v) && typeof v['dsn'] === 'string' && typeof v['sig'] === 'string';
    case 'extraTags':
      return isRecord(v) && Object.entries(v).every(([block, list]) => Object.hasOwn(NAMED_HEADER_TAGS, block) && isEntryList(list));
  }
}

/**
 * The header parts whose values fit (B002 for each that does not: its default is written
 * instead). Headers may come from JSON or JS code as much as bodies do.
 */
function checkedHeaders(headers: unknown, out: Diagnostic[]): HeadersInit {
  if (headers === undefined || headers === null) return {};
  if (!isRecord(headers)) {
    out.push(bodyDiagnostic('B002', { path: 'headers', expected: 'an object', expectedZh: '对象', found: describeFound(headers) }));
    return {};
  }
  const fit: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(HEADER_PARTS)) {
    const v = headers[key];
    if (v === undefined) continue;
    if (fitsHeader(kind, v)) fit[key] = v;
    else {
      const expected = HEADER_EXPECTED[kind];
      out.push(bodyDiagnostic('B002', { path: `headers.${key}`, expected: expected.en, expectedZh: expected.zh, found: describeFound(v) }));
    }
  }
  return fit as HeadersInit;
}

/** The envelope parts of a message of `plan` with `body` and `headers`. */
function envelopeInit(
  plan: FmtPlan,
  body: Readonly<Record<string, unknown>>,
  headers: HeadersInit,
  out: Diagnostic[],
  tagOrder: TagOrder,
): EnvelopeInit {
  const used = new Set<string>();
  let text: FieldInit[];
  const items = writeList(plan, plan.body, body, 'body', out, used);
  if (plan.text !== undefined) {
    // The text-block fields (20, 12), then the container (last, checkTables) with the items.
    text = writeList(plan, plan.text, body, 'body', out, used);
    if (plan.container !== undefined) text.push({ tag: plan.container.tag as '77E', embedded: items });
  } else {
    text = items;
  }
  const additional = writeList(plan, plan.block6, body, 'body', out, used);
  for (const key of Object.keys(body)) {
    if (!used.has(key) && body[key] !== undefined) out.push(bodyDiagnostic('B001', { path: `body.${key}`, fmt: plan.id }));
  }

  const userHeader: TagValue[] = [{ tag: '119', value: plan.id }];
  if (headers.mur !== undefined) userHeader.push({ tag: '108', value: headers.mur });
  if (headers.bankingPriority !== undefined) userHeader.push({ tag: '113', value: headers.bankingPriority });
  const trailer: TagValue[] = [{ tag: 'CHK', value: headers.checksum ?? CHECKSUM_PLACEHOLDER }];
  if (headers.possibleDuplicate !== undefined) trailer.push({ tag: 'PDE', value: headers.possibleDuplicate });
  if (headers.training === true) trailer.push({ tag: 'TNG', value: '' });
  const mt = headers.mt ?? plan.mt;
  const priority = headers.priority ?? 'N';
  const sender = headers.sender ?? DEFAULT_ADDRESS;
  const receiver = headers.receiver ?? DEFAULT_ADDRESS;
  const output = headers.direction === 'O';
  const init: { -readonly [K in keyof EnvelopeInit]: EnvelopeInit[K] } = {
    basicHeader: {
      ltAddress: output ? receiver : sender,
      session: headers.session ?? '0000',
      sequence: headers.sequence ?? '000000',
    },
    applicationHeader: output
      ? {
          direction: 'O',
          mt,
          inputTime: headers.inputTime ?? '0000',
          mirDate: headers.mirDate ?? '000000',
          mirAddress: sender,
          mirSession: headers.mirSession ?? '0000',
          mirSequence: headers.mirSequence ?? '000000',
          outputDate: headers.outputDate ?? '000000',
          outputTime: headers.outputTime ?? '0000',
          priority,
        }
      : {
          direction: 'I',
          mt,
          receiverAddress: receiver,
          priority,
          ...(headers.deliveryMonitoring !== undefined ? { deliveryMonitoring: headers.deliveryMonitoring } : {}),
          ...(headers.obsolescencePeriod !== undefined ? { obsolescencePeriod: headers.obsolescencePeriod } : {}),
        },
    userHeader,
    text,
    trailer,
  };
  if (additional.length > 0) init.additionalText = additional;
  const signature: TagValue[] | undefined =
    headers.signature === undefined
      ? undefined
      : [
          { tag: 'DSN', value: headers.signature.dsn },
          { tag: 'SIG', value: headers.signature.sig },
        ];
  const extra = headers.extraTags;
  if (extra === undefined) {
    if (signature !== undefined) init.signature = signature;
    return init;
  }
  // A bank's added tags, each block's entries then in the order of its tables.
  init.userHeader = inTableOrder(userHeader, extra['3'], tagOrder, '3');
  init.trailer = inTableOrder(trailer, extra['5'], tagOrder, '5');
  if (signature !== undefined || extra['7'] !== undefined) init.signature = inTableOrder(signature ?? [], extra['7'], tagOrder, '7');
  return init;
}

/** Where a header tag stands in a block's list of the envelope tables (unlisted tags last). */
export type TagOrder = (block: string, tag: string) => number;

function inTableOrder(named: readonly TagValue[], extra: readonly TagValue[] | undefined, order: TagOrder, block: string): TagValue[] {
  const all = extra === undefined ? [...named] : [...named, ...extra.map((e) => ({ tag: e.tag, value: e.value }))];
  // Array.prototype.sort is stable: entries of one rank keep their order.
  return all.sort((a, b) => order(block, a.tag) - order(block, b.tag));
}

/** The canonical text of a message (body problems in `out`). */
export function buildText(plan: FmtPlan, body: unknown, headers: unknown, out: Diagnostic[], tagOrder: TagOrder): string {
  return writeEnvelope(envelopeInit(plan, isRecord(body) ? body : {}, checkedHeaders(headers, out), out, tagOrder));
}
