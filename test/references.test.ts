/**
 * References between messages (`refersTo` in the tables): read from a message by its FMT table,
 * and linked within a set of messages by `correlate`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, correlate, findFmt, parse, referencesOf, type AnyMessage } from '../src/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'valid');
const files = readdirSync(dir).filter((f) => f.endsWith('.fin')).sort();
const messages: AnyMessage[] = files.map((f) => parse(readFileSync(join(dir, f))).message!);
const at = (prefix: string): number => files.findIndex((f) => f.startsWith(prefix));

describe('referencesOf', () => {
  it("reads each referring item with what its table says it refers to, groups included", () => {
    expect(referencesOf(messages[at('fmt010')]!)).toEqual([
      { tag: 'OSN', path: 'body.originalTxnSeqNo', value: '2026112300000123', refersTo: { tag: '20', category: 'payment' } },
    ]);
    expect(referencesOf(messages[at('fmt016')]!)[0]).toMatchObject({ tag: 'ORF', refersTo: { tag: '20', fmts: ['203'] } });
    expect(referencesOf(messages[at('fmt100')]!)).toEqual([]);
    const grouped = messages.flatMap((m) => referencesOf(m)).filter((r) => /\[\d+\]\./.test(r.path));
    expect(grouped.length).toBeGreaterThan(0);
    for (const r of grouped) expect(r.value).not.toBe('');
  });
});

describe('correlate', () => {
  const { links, unresolved } = correlate(messages);

  it('links answers to the messages they answer, by FMT or category', () => {
    const to = (from: string): string[] => links.filter((l) => l.from === at(from)).flatMap((l) => l.to.map((j) => files[j]!.slice(0, 6)));
    expect(to('fmt010')).toEqual(['fmt100']); // OSN: a payment's :20:
    expect(to('fmt012')).toEqual(['fmt011']); // ORF: FMT011's :20:
    expect(to('fmt196')).toEqual(['fmt195']);
    expect(to('fmt941')).toEqual(['fmt920']);
  });

  it('every link names messages that fit its reference, and unresolved ones name none', () => {
    const fmtOf = (m: AnyMessage): string => m.fmt.slice(3);
    for (const l of links) {
      for (const j of l.to) {
        const target = messages[j]!;
        expect(j).not.toBe(l.from);
        const { fmts, category } = l.reference.refersTo;
        if (fmts !== undefined) expect(fmts).toContain(fmtOf(target));
        if (category !== undefined) expect(findFmt(fmtOf(target))!.category).toBe(category);
        expect(Object.values(target.body as object)).toContain(l.reference.value);
      }
    }
    expect(unresolved).toEqual(links.filter((l) => l.to.length === 0));
    expect(links.length).toBeGreaterThan(unresolved.length);
  });

  it('an answer whose original is not in the set is unresolved; the original added resolves it', () => {
    const query = messages[at('fmt195')]!;
    const answer = build('FMT196', { ...(messages[at('fmt196')]!.body as object), reference: '2026112300099999' } as never, {
      sender: 'ICBKCNBJAXXX',
    }).message!;
    expect(correlate([answer]).unresolved).toHaveLength(1);
    const both = correlate([answer, query]);
    expect(both.links.find((l) => l.from === 0)).toEqual({ from: 0, reference: expect.objectContaining({ tag: '21' }), to: [1] });
    // The query's own reference (to a payment) is not in the set.
    expect(both.unresolved.map((l) => [l.from, l.reference.refersTo])).toEqual([[1, { tag: '20', category: 'payment' }]]);
  });
});
