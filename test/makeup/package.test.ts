/**
 * banmian makeup, issue 16 continued: a package (集纳) planned as one story with its items, set
 * under its flag; and a page that cannot be made up names what to cut, story by story and
 * paragraph by paragraph, from the cut plans of layout/cuts.ts — cuts that make it fit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import { cutBefore } from '../../src/layout/cuts.ts';
import { makeup } from '../../src/makeup/makeup.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { thrownDiagnostics } from '../project.ts';
import { makeupProject, onePage } from './project.ts';


const project = (stories: string): string => makeupProject(onePage(stories));

const errorsOf = thrownDiagnostics;

const PACKAGE = '  - { story: finance, page: 1, lead: true }\n  - { story: projects, page: 1, package: true, items: [jingkai, jinan] }\n';

describe('packages (集纳)', () => {
  it('sets a package\'s items under its flag, framed as one block, the page covered and the hard rules kept', () => {
    const plan = project(`${PACKAGE}  - { story: ecommerce, page: 1 }\n`);
    makeup(plan);
    const manifest = readFileSync(join(plan, '../p01.yaml'), 'utf8');
    expect(manifest).toMatch(/# projects: .*a package \(集纳\) of 2 items/);
    const page = loadTarget(join(plan, '../edition.yaml')).pages[0]!;
    const head = page.blocks.find((b) => b.id === 'projects')!;
    expect(head.package).toBeDefined();
    expect(head.box).toBeDefined();
    const items = page.blocks.filter((b) => b.parent === 'projects');
    expect(items.map((b) => b.story.id)).toEqual(['jingkai', 'jinan']);
    // the items inside the package, under its head
    for (const it of items) {
      expect(it.col).toBeGreaterThanOrEqual(head.package!.col);
      expect(it.col + it.cols).toBeLessThanOrEqual(head.package!.col + head.package!.cols);
      expect(it.line).toBeGreaterThanOrEqual(head.line + head.lines);
      expect(it.line + it.lines).toBeLessThanOrEqual(head.package!.line + head.package!.lines);
    }
    const laid = layoutTarget(join(plan, '../edition.yaml')).pages[0]!;
    expect(laid.diagnostics.filter((d) => d.severity === 'error' || d.code === 'BLOCK_UNDERFLOW' && d.severity === 'warning')).toEqual([]);
    for (const b of laid.blocks) expect(b.overflow, b.id).toBe(0);
    // covered once: the masthead, the blocks outside the package and the package as a whole
    const cells = new Uint8Array(4 * 55);
    const rects = [{ col: 1, cols: 2, line: 1, lines: 10 }, ...page.blocks.filter((b) => !b.parent).map((b) => b.package ?? laid.blocks.find((x) => x.id === b.id)!.grid)];
    for (const r of rects) for (let c = r.col; c < r.col + r.cols; c++) for (let l = r.line; l < r.line + r.lines; l++) cells[(l - 1) * 4 + c - 1]! += 1;
    expect([...cells].every((v) => v === 1)).toBe(true);
  });
});

describe('MAKEUP_NO_FIT', () => {
  it('names the cuts story by story and paragraph by paragraph, and the cuts make the page fit', () => {
    const plan = project(`${PACKAGE}  - { story: villages, page: 1 }\n`);
    // with vertical headlines (竖题) villages and the items fit as they are: the cut plans as made without them
    const e = errorsOf(() => makeup(plan, { vertical: false })).find((d) => d.code === 'MAKEUP_NO_FIT')!;
    const m = /cut villages by ((\d+) characters?.*?) \(to fit/.exec(e.message);
    expect(m, e.message).not.toBeNull();
    const cuts = [...m![1]!.matchAll(/(\d+)(?: characters?)? from paragraph (\d+)/g)].map((x) => ({ chars: Number(x[1]), paragraph: Number(x[2]) }));
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts.reduce((t, c) => t + c.chars, 0)).toBe(Number(m![2]));
    // the desk makes those cuts (before each paragraph's final punctuation), and the page is made up
    const file = join(plan, '../../../content/m/villages.md');
    const text = readFileSync(file, 'utf8');
    const body = text.indexOf('\n---\n', 4) + 5;
    const paras = text.slice(body).trim().split(/\n\n/);
    for (const c of cuts) paras[c.paragraph - 1] = cutBefore(paras[c.paragraph - 1]!, c.chars)!;
    writeFileSync(file, `${text.slice(0, body)}${paras.join('\n\n')}\n`);
    expect(errorsOf(() => makeup(plan, { vertical: false }))).toEqual([]);
  });
});
