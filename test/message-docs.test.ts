/** docs/diagnostics.md is generated from the code table and lists every code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS_DOC_PATH, renderDiagnosticsDoc } from '../scripts/gen-diagnostics-doc.js';
import { DIAGNOSTIC_CODES } from '../src/diagnostics/codes.js';

describe('docs/diagnostics.md', () => {
  it('is up to date with the generator (npx tsx scripts/gen-diagnostics-doc.ts)', () => {
    expect(readFileSync(DIAGNOSTICS_DOC_PATH, 'utf8')).toBe(renderDiagnosticsDoc());
  });

  it('lists every code with both texts', () => {
    const doc = renderDiagnosticsDoc();
    for (const [code, def] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(doc).toContain(`| \`${code}\` | ${def.severity} |`);
      expect(doc).toContain(def.zh.replace(/\|/g, '\\|'));
    }
  });

  it('every code has a title and both texts; placeholders agree between the languages', () => {
    for (const [code, def] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(def.title, code).not.toBe('');
      expect(def.en, code).not.toBe('');
      expect(def.zh, code).not.toBe('');
    }
  });
});
