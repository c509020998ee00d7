/** A scratch project for the makeup tests: the small test house (test/fixtures/makeup/house.yaml) and the sample articles in content/m, a plan in layouts/m. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ROOT } from '../project.ts';

const made: string[] = [];
afterAll(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** Writes `plan` as layouts/m/plan.yaml of a new scratch project in `dir` (a temporary one by default) and returns its path. */
export function makeupProject(plan: string, dir?: string): string {
  if (!dir) made.push(dir = mkdtempSync(join(tmpdir(), 'banmian-makeup-')));
  mkdirSync(join(dir, 'layouts/m'), { recursive: true });
  cpSync(join(ROOT, 'content/sample'), join(dir, 'content/m'), { recursive: true });
  writeFileSync(join(dir, 'layouts/house.yaml'), `${readFileSync(join(ROOT, 'test/fixtures/makeup/house.yaml'), 'utf8')}fonts: ${join(ROOT, 'fonts/fonts.yaml')}\n`);
  writeFileSync(join(dir, 'layouts/m/plan.yaml'), plan);
  return join(dir, 'layouts/m/plan.yaml');
}

/** The makeup tests' two-page plan (test/fixtures/makeup/plan.yaml). */
export const FIXTURE_PLAN = readFileSync(join(ROOT, 'test/fixtures/makeup/plan.yaml'), 'utf8');

/** A one-page plan on the test house (4 columns × 55 lines, a 2 × 10 masthead) of `stories` (plan lines). */
export const onePage = (stories: string): string =>
  `paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages:\n  - { number: 1, section: 要闻, masthead: { col: 1, cols: 2, line: 1, lines: 10 } }\nstories:\n${stories}`;
