/**
 * Diagnostic codes are stable and documented: every code the source can emit has its entry in
 * docs/diagnostics.md, so a user who meets one can look it up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CHECKS } from '../../src/check/typography.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Codes as the source writes them: diag('error', 'CODE', …), { code: 'CODE', … }, err('CODE', …) in preflight. */
function emittedCodes(): Set<string> {
  const codes = new Set<string>(Object.values(CHECKS).map((c) => (c === 'MAX_STRETCH' ? 'LOOSE_LINE' : c)));
  for (const f of readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue;
    const src = readFileSync(join(ROOT, 'src', f), 'utf8');
    for (const re of [/'(?:error|warning|info)',\s*'([A-Z][A-Z0-9_]+)'/g, /\bcode: '([A-Z][A-Z0-9_]+)'/g, /\b(?:err|warn)\('([A-Z][A-Z0-9_]+)'/g]) {
      for (const m of src.matchAll(re)) if (!(m[1]! in constants.errno)) codes.add(m[1]!); // an errno (EISDIR) is Node's, not ours
    }
  }
  return codes;
}

it('every diagnostic code is documented in docs/diagnostics.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/diagnostics.md'), 'utf8');
  const codes = [...emittedCodes()];
  expect(codes.length).toBeGreaterThan(60);
  expect(codes.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
});
