/**
 * What makes makeup fast without changing what it makes (issue 16): each page tried is laid out
 * with the pages before it as they were made, not again (makeup/lastPage.ts), the same as a
 * build lays it out; `makeup --build` writes the PDFs in the same process, the same bytes as a
 * separate `banmian build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { build } from '../../src/cli/build.ts';
import type { Cli, Command } from '../../src/cli/command.ts';
import { makeupCommand } from '../../src/cli/makeup.ts';
import { layoutLastPage, type LaidPage } from '../../src/makeup/lastPage.ts';
import { makeup } from '../../src/makeup/makeup.ts';
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
      const before: LaidPage[] = whole.slice(0, i).map((page) => ({ page, stops }));
      const last = layoutLastPage(upTo, before).page;
      expect(last, `page ${i + 1}`).toEqual(whole[i]);
      // page 2 goes on with the story that jumped from page 1, from where it stopped there
      if (i === 1) expect(last.blocks.find((b) => b.id === 'villages-2')?.underflow).toBeLessThanOrEqual(1);
    }
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
});
