/**
 * A photo narrower than its story: makeup offers a wide story its photo over the first half of its
 * columns, the text round it, and each such shape it offers builds as measured — no overflow, at
 * most a line short, the picture above the house's least resolution. A build starts converting a
 * made-up block's photo from its manifest, before any text is set: the picture the layout places.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutEdition, layoutTarget } from '../../src/build.ts';
import { loadStory } from '../../src/content/story.ts';
import { loadFontRegistry } from '../../src/fonts/registry.ts';
import { pageGrid } from '../../src/layout/geometry.ts';
import { measure } from '../../src/makeup/makeup.ts';
import type { Measurer } from '../../src/makeup/measure.ts';
import { loadPlan } from '../../src/makeup/plan.ts';
import { shapesOf } from '../../src/makeup/shapes.ts';
import { loadHouse, loadTarget } from '../../src/manifest/load.ts';
import { photosAhead } from '../../src/layout/page.ts';
import { sampleProject } from '../project.ts';

describe('a photo narrower than its story', () => {
  it('is offered for a wide story, and each photo shape builds as measured', () => {
    const p = sampleProject();
    mkdirSync(p.path('layouts/t'));
    const photo = '{ file: ../../content/sample/photos/site.jpg, caption: 重大项目建设工地（示意图）, credit: banmian 制图 }';
    writeFileSync(p.path('layouts/t/plan.yaml'), `paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages: [{ number: 1 }]\nstories:\n  - { story: ../../content/sample/glass.md, photo: ${photo} }\n`);
    writeFileSync(p.path('layouts/t/edition.yaml'), 'paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages: [p01.yaml]\n');
    const plan = loadPlan(p.path('layouts/t/plan.yaml'));
    const house = loadHouse(p.path('layouts/house.yaml'));
    const fonts = loadFontRegistry(house.fontsFile);
    const m: Measurer = { g: pageGrid(house, fonts.face(house.body.family, house.body.weight).ascent), house, fonts };
    const planned = plan.stories[0]!;
    const shapes = shapesOf(m, measure(m, plan, planned, loadStory('glass', planned.file)), { lead: false, pageRank: 1, jumpable: false, pageLines: m.g.lines });
    const narrow = shapes.filter((s) => s.photoCols);
    expect(narrow.length).toBeGreaterThan(0);
    for (const sh of narrow) expect(sh.photoCols).toBe(Math.max(2, Math.ceil(sh.cols / 2)));
    // the tallest photo of each width, narrow or across (the lines of air aside): the tallest across the widest once printed below the least ppi
    const tallest = new Map<string, (typeof shapes)[number]>();
    for (const s of shapes.filter((x) => !x.extraHead && x.photoRows)) {
      const key = `${s.cols}/${s.photoCols}`;
      if ((tallest.get(key)?.photoRows ?? 0) < s.photoRows) tallest.set(key, s);
    }
    for (const sh of tallest.values()) {
      writeFileSync(p.path('layouts/t/p01.yaml'), `number: 1\nblocks:\n  - { id: glass, story: ../../content/sample/glass.md, fit: auto, col: 1, cols: ${sh.cols}, line: 1, lines: ${sh.lines}, headline: { lines: ${sh.headRows}, title: { size: ${sh.title} } }, image: { file: ../../content/sample/photos/site.jpg, cols: ${sh.photoCols ?? sh.cols}, lines: ${sh.photoRows}, place: top-left, caption: 重大项目建设工地（示意图）, credit: banmian 制图 } }\n`);
      const layout = layoutTarget(p.path('layouts/t/edition.yaml'));
      const what = `${sh.cols} columns × ${sh.lines} lines, photo ${sh.photoCols ?? sh.cols} × ${sh.photoRows}`;
      // makeup's hard rules (copyfitting's own warnings aside; the rest of the page is left empty on purpose)
      expect(layout.diagnostics.filter((d) => d.severity === 'error' || ['IMAGE_LOW_RES', 'BLOCK_UNDERFLOW', 'PHOTO_NO_ROOM'].includes(d.code) && d.severity === 'warning').map((d) => d.code), what).toEqual([]);
      const b = layout.pages[0]!.blocks[0]!;
      expect(b.overflow, what).toBe(0);
      expect(b.underflow, what).toBeLessThanOrEqual(1);
    }
  });
});

describe('a block photo converted from before the text is set', () => {
  it('is the picture the layout places: as made up (lines given), and with lines: auto', () => {
    const p = sampleProject();
    const images = (ed: ReturnType<typeof loadTarget>) => layoutEdition(ed).pages.flatMap((x) => x.furniture.filter((f) => f.kind === 'image'));
    const ahead = (ed: ReturnType<typeof loadTarget>) => ed.pages.flatMap((x) => photosAhead(x, ed, loadFontRegistry(ed.house.fontsFile)));
    for (const file of ['layouts/demo/edition.yaml', 'layouts/threads/edition.yaml']) {
      const ed = loadTarget(p.path(file));
      expect(ahead(ed).length, file).toBeGreaterThan(0);
      expect(ahead(ed), file).toEqual(images(ed));
    }
    // a story with the lines its copy takes: the photo as the layout gives it, though the block's depth is not known yet
    mkdirSync(p.path('layouts/t'));
    writeFileSync(p.path('layouts/t/edition.yaml'), 'paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages: [p01.yaml]\n');
    writeFileSync(p.path('layouts/t/p01.yaml'), 'number: 1\nblocks:\n  - { id: glass, story: ../../content/sample/glass.md, col: 1, cols: 4, line: 1, lines: auto, headline: { lines: 4 }, image: { file: ../../content/sample/photos/site.jpg, cols: 2, lines: 9, place: top-left, caption: 重大项目建设工地（示意图） } }\n');
    const ed = loadTarget(p.path('layouts/t/edition.yaml'));
    expect(ed.pages[0]!.blocks[0]!.auto).toBeDefined();
    expect(ahead(ed).length).toBe(1);
    expect(ahead(ed)).toEqual(images(ed));
  });
});
