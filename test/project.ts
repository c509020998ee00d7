/** A scratch copy of the sample project (layouts + content) to break or change in a test. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { DiagnosticError, type Diagnostic } from '../src/diagnostic.ts';

export const ROOT = join(import.meta.dirname, '..');

export interface Project {
  dir: string;
  edition: string; // layouts/sample/edition.yaml in the copy
  edit(rel: string, change: (text: string) => string): void;
  path(rel: string): string;
}

// every copy a test file makes goes when the file's tests are done (the layouts include photos)
const made: string[] = [];
afterAll(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }); });

export function sampleProject(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-'));
  made.push(dir);
  cpSync(join(ROOT, 'layouts'), join(dir, 'layouts'), { recursive: true });
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  const path = (rel: string) => join(dir, rel);
  const edit = (rel: string, change: (text: string) => string) => writeFileSync(path(rel), change(readFileSync(path(rel), 'utf8')));
  // fonts resolve from the real install
  edit('layouts/house.yaml', (s) => `${s}fonts: ${join(ROOT, 'fonts/fonts.yaml')}\n`);
  return { dir, edition: path('layouts/sample/edition.yaml'), edit, path };
}

/** The diagnostics that `step` stops with (a DiagnosticError), or none; anything else is rethrown. */
export function thrownDiagnostics(step: () => unknown): Diagnostic[] {
  try {
    step();
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    throw e;
  }
  return [];
}

/** The line number (1-based) of the first line containing `needle`. */
export const lineOf = (file: string, needle: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
