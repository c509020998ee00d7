/**
 * Expected diagnostics written inside a fixture, where they point (as Typst's tests annotate
 * `// Error: …`): a comment line under the line it is about, with a caret under the column and
 * the severity and code, or `@N` for column N where a caret cannot stand under the character
 * (after wide characters):
 *
 *   - { id: b, col: 2, cols: 3, line: 1, lines: 5 }
 *   #   ^ error BLOCK_OVERLAP
 *   <!-- @7 warning MISSING_GLYPH -->              (in an article)
 *
 * `expectAnnotated(diagnostics, files)` then holds the diagnostics that point into those files
 * (errors and warnings; notes only when annotated) to exactly the annotations: same file, line,
 * column, severity and code, no more and no fewer. Wording is left to the tests that mean it.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Diagnostic, Severity } from '../src/diagnostic.ts';

export interface Expected { file: string; line: number; col: number; severity: Severity; code: string }

const ANNOTATION = /^(\s*(?:#|<!--)\s*)(?:\^|@(\d+))\s+(error|warning|info)\s+([A-Z][A-Z0-9_]*)/;

/** The annotations of a file, each at the last line above it that is not an annotation. */
export function annotations(file: string): Expected[] {
  const out: Expected[] = [];
  let target = 0;
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    const m = ANNOTATION.exec(text);
    if (!m) { target = i + 1; return; }
    if (!target) throw new Error(`${file}:${i + 1}: an annotation needs a line above it`);
    const col = m[2] !== undefined ? Number(m[2]) : m[1]!.length + 1;
    out.push({ file, line: target, col, severity: m[3] as Severity, code: m[4]! });
  });
  return out;
}

const key = (d: Pick<Expected, 'file' | 'severity' | 'code'> & { line?: number | undefined; col?: number | undefined }) => `${d.file}:${d.line ?? '?'}:${d.col ?? '?'} ${d.severity} ${d.code}`;

/** The diagnostics pointing into `files` are exactly those annotated there. */
export function expectAnnotated(diagnostics: readonly Diagnostic[], files: readonly string[]): void {
  const expected = files.flatMap(annotations);
  const annotatedCodes = new Set(expected.map((e) => e.code));
  const actual = diagnostics.filter((d) => files.includes(d.file) && (d.severity !== 'info' || annotatedCodes.has(d.code)));
  expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
}
