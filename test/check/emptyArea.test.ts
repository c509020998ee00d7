/**
 * 开天窗: a part of the type area nothing covers is a warning at the page file, naming its columns
 * and lines, one per hole; the sample page has none; `build --png` marks it in red.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { layoutTarget, previewFont, renderEditionPage } from '../../src/build.ts';
import { emptyAreaDiagnostics, emptyAreas } from '../../src/check/emptyArea.ts';
import type { GridRect } from '../../src/layout/geometry.ts';
import type { Furniture, PageLayout } from '../../src/layout/types.ts';
import { renderPreviews } from '../../src/preview/previews.ts';
import { ROOT, sampleProject } from '../project.ts';

/** A page of `columns` × `lines` grid cells with blocks at `rects` and the given furniture. */
function page(columns: number, lines: number, rects: GridRect[], furniture: Furniture[] = []): PageLayout {
  const grid = { em: 9, pitch: 13.5, x0: 50, y0: 80, width: columns * 126 - 9, lines, firstBaseline: 88, columns, colChars: 13, gutterChars: 1 };
  const blocks = rects.map((grid, i) => ({ id: `b${i}`, grid })) as PageLayout['blocks'];
  return { number: 3, file: '/x/p03.yaml', width: 1100, height: 1560, grid, blocks, marks: [], furniture, diagnostics: [] };
}

describe('empty areas', () => {
  it('finds a rectangle nothing covers, one column and three lines at the least', () => {
    const full = { col: 1, cols: 4, line: 1, lines: 12 };
    expect(emptyAreas(page(4, 12, [full]))).toEqual([]);
    // columns 3–4, lines 5–12 left free
    expect(emptyAreas(page(4, 12, [{ col: 1, cols: 4, line: 1, lines: 4 }, { col: 1, cols: 2, line: 5, lines: 8 }]))).toEqual([[{ col: 3, cols: 2, line: 5, lines: 8 }]]);
    // two lines under a block are slack, not a hole; three are
    expect(emptyAreas(page(4, 12, [{ col: 1, cols: 4, line: 1, lines: 10 }]))).toEqual([]);
    expect(emptyAreas(page(4, 12, [{ col: 1, cols: 4, line: 1, lines: 9 }]))).toEqual([[{ col: 1, cols: 4, line: 10, lines: 3 }]]);
  });

  it('counts a page photo and the masthead as covering their rectangles', () => {
    const photo = { kind: 'image', id: 'site', grid: { col: 3, cols: 2, line: 5, lines: 8 } } as Furniture;
    const masthead = { kind: 'text', id: 'masthead', lines: [], grid: { col: 1, cols: 2, line: 5, lines: 8 } } as Furniture;
    expect(emptyAreas(page(4, 12, [{ col: 1, cols: 4, line: 1, lines: 4 }], [photo, masthead]))).toEqual([]);
    expect(emptyAreas(page(4, 12, [{ col: 1, cols: 4, line: 1, lines: 4 }], [photo]))).toEqual([[{ col: 1, cols: 2, line: 5, lines: 8 }]]);
  });

  it('gives one warning per hole, at the page file, naming its columns and lines', () => {
    // an L: columns 3–4 lines 1–12 and columns 1–2 lines 10–12
    const p = page(4, 12, [{ col: 1, cols: 2, line: 1, lines: 9 }]);
    const ds = emptyAreaDiagnostics(p);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'warning', code: 'EMPTY_AREA', file: '/x/p03.yaml', page: 3 });
    expect(ds[0]!.message).toBe('columns 3–4, lines 1–12; columns 1–2, lines 10–12 are one empty area (开天窗): nothing is placed there');
    expect(ds[0]!.hint).toContain('col: 3, cols: 2, line: 1, lines: 12');
    // two holes apart: two warnings
    expect(emptyAreaDiagnostics(page(4, 12, [{ col: 2, cols: 2, line: 1, lines: 12 }])).map((d) => d.message)).toEqual([
      'column 1, lines 1–12 are empty (开天窗): nothing is placed there',
      'column 4, lines 1–12 are empty (开天窗): nothing is placed there',
    ]);
  });
});

describe('EMPTY_AREA on real pages', () => {
  it('is not reported on the sample page', () => {
    const layout = layoutTarget(join(ROOT, 'layouts/sample/edition.yaml'));
    expect(layout.diagnostics.filter((d) => d.code === 'EMPTY_AREA')).toEqual([]);
    expect(emptyAreas(layout.pages[0]!)).toEqual([]);
  });

  it('names the hole a missing block leaves, and the PNG preview marks it in red', async () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s.replace(/^ {2}- \{ id: ecommerce.*\n/m, ''));
    const layout = layoutTarget(p.edition);
    const ds = layout.diagnostics.filter((d) => d.code === 'EMPTY_AREA');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'warning', file: p.path('layouts/sample/p02.yaml'), page: 2 });
    expect(ds[0]!.message).toMatch(/^columns 7–8, lines 23–39 are empty \(开天窗\)/);

    const page = layout.pages[0]!;
    const pdf = await renderEditionPage(layout, page);
    const [png] = await renderPreviews('x', [{ page, pdf }], previewFont(layout));
    const { data, info } = await sharp(png!.data).raw().toBuffer({ resolveWithObject: true });
    const k = info.width / page.width;
    // the hole's outline, on its left edge halfway down: red; the PDF itself has nothing there
    const x = Math.round(page.blocks.find((b) => b.id === 'villages')!.x * k), y = Math.round((page.grid.y0 + 30 * page.grid.pitch) * k);
    const at = (y * info.width + x) * info.channels;
    const [r, g, b] = data.subarray(at, at + 3);
    expect(r).toBeGreaterThan(180);
    expect(Math.max(g!, b!)).toBeLessThan(100);
  });
});
