/**
 * What makes makeup fast without changing what it makes (issue 16): each page tried is laid out
 * with the pages before it as they were made, not again (makeup/lastPage.ts), the same as a
 * build lays it out; `makeup --build` writes the PDFs of those pages in the same process, the same
 * bytes as a separate `banmian build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { layoutEdition, layoutTarget, readStory } from '../../src/build.ts';
import { build } from '../../src/cli/build.ts';
import type { Cli, Command } from '../../src/cli/command.ts';
import { makeupCommand } from '../../src/cli/makeup.ts';
import { layoutLastPage, placedLastPage, type LaidPage } from '../../src/makeup/lastPage.ts';
import { makeup } from '../../src/makeup/makeup.ts';
import { addedCost, scorePage, type ScoredBlock } from '../../src/makeup/score.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { FIXTURE_PLAN, makeupProject } from './project.ts';

/** The two-page fixture plan (a jump from page 1 to page 2) over the small test house. */
let dir: string;
beforeAll(() => { dir = join(makeupProject(FIXTURE_PLAN), '../../..'); });

/** A command line run in this process, as main.ts runs it. */
const cli: Cli = {
  async run([name, ...args]) {
    const cmd = ([build, makeupCommand] as Command[]).find((c) => c.name === name)!;
    return cmd.run(parseArgs({ args, allowPositionals: true, options: cmd.options }), cli);
  },
};

describe('makeup, fast', () => {
  it('lays out each page with the pages before it as they were laid out, as a whole build lays it out', () => {
    makeup(join(dir, 'layouts/m/plan.yaml'));
    const ed = loadTarget(join(dir, 'layouts/m/edition.yaml'));
    expect(ed.pages.length).toBe(2);
    for (let i = 0; i < ed.pages.length; i++) {
      // the edition so far laid out whole, as makeup did for every page tried; the pages before the last as makeup keeps them
      const upTo = { ...ed, pages: ed.pages.slice(0, i + 1) };
      const whole = layoutEdition(upTo).pages;
      const stops = new Map(whole.slice(0, i).flatMap((p) => p.blocks.map((b) => [b.id, b.stop ?? null] as const)));
      const before: LaidPage[] = whole.slice(0, i).map((page) => ({ page, stops, violations: [] }));
      const last = layoutLastPage(upTo, before).page;
      expect(last, `page ${i + 1}`).toEqual(whole[i]);
      // page 2 goes on with the story that jumped from page 1, from where it stopped there
      if (i === 1) expect(last.blocks.find((b) => b.id === 'villages-2')?.underflow).toBeLessThanOrEqual(1);
    }
  });

  it('the edition makeup hands to --build, its pages as made, is the one a build of the files it wrote lays out', () => {
    const made = makeup(join(dir, 'layouts/m/plan.yaml')).layout;
    const built = layoutTarget(join(dir, 'layouts/m/edition.yaml'), { adds: true });
    expect(made.pages.map((p) => p.number)).toEqual([1, 2]);
    expect(made.pages).toEqual(built.pages); // display lists, diagnostics, the masthead's facts (今日2版)
    expect(made.diagnostics).toEqual(built.diagnostics);
    expect(made.edition).toEqual(built.edition);
    for (const [i, p] of made.pages.entries()) expect(made.violations.get(p)).toEqual(built.violations.get(built.pages[i]!));
  });

  it('makeup --build writes the PDFs a separate build of the edition it wrote writes, byte for byte', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await cli.run(['makeup', join(dir, 'layouts/m/plan.yaml'), '--build', '--out', join(dir, 'one')])).toBe(0);
      expect(await cli.run(['build', join(dir, 'layouts/m/edition.yaml'), '--out', join(dir, 'two')])).toBe(0);
      expect(await cli.run(['makeup', join(dir, 'layouts/m/plan.yaml'), '--out', join(dir, 'three')])).toBe(2); // --out without --build
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const pdfs = readdirSync(join(dir, 'two')).filter((f) => f.endsWith('.pdf')).sort();
    expect(pdfs).toEqual(['edition.pdf', 'p01.pdf', 'p02.pdf']);
    expect(readdirSync(join(dir, 'one')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(pdfs);
    for (const f of pdfs) expect(readFileSync(join(dir, 'one', f)).equals(readFileSync(join(dir, 'two', f))), f).toBe(true);
  });

  it('places the blocks of a page as its layout does, lines: auto measured alone (makeup builds a page once, not again when an auto block moves)', () => {
    makeup(join(dir, 'layouts/m/plan.yaml'));
    const ed = loadTarget(join(dir, 'layouts/m/edition.yaml'));
    expect(ed.pages.some((p) => p.blocks.some((b) => b.auto))).toBe(true);
    for (let i = 0; i < ed.pages.length; i++) {
      // as written, and with each auto block a column narrower: deeper, so it and the blocks below it move
      for (const narrower of [false, true]) {
        const page = { ...ed.pages[i]!, blocks: ed.pages[i]!.blocks.map((b) => (narrower && b.auto && b.cols > 1 ? { ...b, cols: b.cols - 1 } : b)) };
        const upTo = { ...ed, pages: [...ed.pages.slice(0, i), page] };
        const laid = layoutEdition(upTo).pages[i]!;
        const placed = placedLastPage(upTo, readStory, new Map());
        expect(new Map(laid.blocks.map((b) => [b.id, b.grid])), `page ${i + 1}${narrower ? ', narrower' : ''}`).toEqual(new Map([...placed].filter(([, r]) => r)));
      }
    }
  });

  it("the search's costs of placing a page's blocks one by one add up to the page's score (the lead's largest headline aside)", () => {
    const block = (b: Partial<ScoredBlock> & Pick<ScoredBlock, 'key' | 'rank' | 'col' | 'cols' | 'line' | 'lines'>): ScoredBlock =>
      ({ lead: false, title: '三号', bodyPerCol: 10, depths: [10], extraHead: 0, change: 0, photo: false, jumps: false, ...b });
    const blocks = [
      block({ key: 'a', rank: 0, lead: true, col: 1, cols: 4, line: 3, lines: 20, title: '小二', photo: true }),
      block({ key: 'b', rank: 2, col: 5, cols: 4, line: 3, lines: 20, title: '三号', photo: true, extraHead: 1, change: 2, squeezed: true }),
      block({ key: 'c', rank: 1, col: 1, cols: 8, line: 23, lines: 10, title: '小一', bodyPerCol: 4, depths: [4], jumps: true }),
      block({ key: 'd', rank: 3, col: 1, cols: 8, line: 33, lines: 30, bodyPerCol: 28, depths: [28], pengti: 20 }),
    ];
    const score = scorePage(blocks, 1);
    let cost = 0;
    for (let k = 0; k < blocks.length; k++) cost += addedCost(blocks.slice(0, k), blocks[k]!, 1);
    expect(score.total - score.lead).toBeGreaterThan(100);
    expect(cost).toBe(score.total - score.lead + (blocks[0]!.line > 1 ? 100 : 0));
  });
});
