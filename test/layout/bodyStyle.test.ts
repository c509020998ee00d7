/**
 * A block's own body style (`body: commentary`, a house style; or `body: { size: … }`): its text
 * at that size on rows of that pitch, the block's rectangle on the page grid, its first text row
 * starting on a grid line and its last inside the block's bottom edge; the §10 checks measured by
 * its own size and pitch; copyfitting and threads working in it.
 */
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { pageViolations } from '../../src/check/typography.ts';
import { textRowTop } from '../../src/layout/geometry.ts';
import type { PageLayout } from '../../src/layout/types.ts';
import { scratch } from '../furniture/project.ts';

const KAI = { font: 'kai', size: '五号', pitch: '1.5em' }; // 10.5 pt on 15.75 pt, over a 小五 body on 13.5 pt

function edition(pages: number[]) {
  return scratch(pages, { house: (h) => { h.styles.commentary = KAI; } });
}

/** Every body line of a block: the text rows it is on, checked against the block's own grid. */
function expectOwnRows(page: PageLayout, id: string): void {
  const b = page.blocks.find((x) => x.id === id)!;
  const g = page.grid;
  const t = b.text!;
  expect(t).toMatchObject({ em: 10.5, pitch: 15.75 });
  // the first text row starts on a grid line of the page; the rows go down at the block's own pitch
  const line = (t.top - g.y0) / g.pitch;
  expect(Math.abs(line - Math.round(line))).toBeLessThan(1e-6);
  for (const f of b.frames) {
    expect(f.width / 10.5).toBe(Math.round(f.width / 10.5)); // whole characters of its size
    const body = f.lines.filter((l) => l.role === 'body');
    for (const l of body) {
      expect(l.glyphs.filter((gl) => gl.cls === 'IDEO').every((gl) => gl.size === 10.5)).toBe(true);
      const row = (l.baseline - t.firstBaseline) / t.pitch;
      expect(Math.abs(row - Math.round(row))).toBeLessThan(1e-6);
    }
    // the last row of each column ends inside the block's bottom edge, and one more would not
    const rows = f.capacity + (b.jump?.to !== undefined && f === b.frames.at(-1) ? 1 : 0); // a 下转 line's row is not the frame's
    expect(textRowTop(t, f.firstLine + rows - 1) + t.em).toBeLessThanOrEqual(b.y + b.height + 1e-6);
    expect(textRowTop(t, f.firstLine + rows) + t.em).toBeGreaterThan(b.y + b.height);
  }
  expect(b.frames[0]!.lines[0]!.baseline).toBeCloseTo(t.firstBaseline, 6);
  // every check holds; a loose line (a warning, as on any page) stays within the limit where it fails
  const found = pageViolations(page).filter((v) => v.block === id);
  expect(found.filter((v) => v.check !== 'MAX_STRETCH' || v.value! > 0.25)).toEqual([]);
}

describe('body: a block in its own text style', () => {
  it('sets its lines at the style\'s size and pitch between the page grid lines at its edges, every §10 check clean', () => {
    const s = edition([1]);
    s.page(1, `blocks:
  - { id: finance, story: finance, col: 1, cols: 3, line: 1, lines: 30, fit: auto, body: commentary, headline: { lines: 9 } }
  - { id: villages, story: villages, col: 4, cols: 2, line: 1, lines: auto, body: commentary, headline: { lines: 6 } }
  - { id: xi, story: xi, col: 6, cols: 3, line: 1, lines: 30, body: { size: 五号, pitch: 1.5em } }
`);
    const layout = layoutEdition(loadTarget(s.edition));
    const page = layout.pages[0]!;
    expect(layout.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const id of ['finance', 'villages', 'xi']) expectOwnRows(page, id);
    // under a headline of 9 grid rows, the text rows start on grid line 10
    const finance = page.blocks.find((b) => b.id === 'finance')!;
    expect(finance.text!.top).toBeCloseTo(page.grid.y0 + 9 * page.grid.pitch, 6);
    expect(finance.overflow).toBe(0);
  });

  it('carries a thread on from one such block to another, every character placed', () => {
    const s = edition([1, 2]);
    s.page(1, 'blocks:\n  - { id: xi, story: xi, col: 1, cols: 2, line: 1, lines: 12, body: commentary }\n');
    s.page(2, 'blocks:\n  - { id: xi-2, story: xi, continues: xi, col: 1, cols: 3, line: 1, lines: 40, body: commentary }\n');
    const layout = layoutEdition(loadTarget(s.edition));
    expect(layout.diagnostics.filter((d) => d.severity === 'error')).toEqual([]); // no COPY_LOST, no overflow
    const [p1, p2] = layout.pages;
    expectOwnRows(p1!, 'xi');
    expectOwnRows(p2!, 'xi-2');
    // the jump lines sit on the block's own rows: 下转 on the last of page 1's, 上接 on the first of page 2's
    const to = p1!.blocks[0]!.frames.at(-1)!.lines.at(-1)!;
    expect(to.role).toBe('jump');
    const from = p2!.blocks[0]!.frames[0]!.lines[0]!;
    expect(from.role).toBe('jump');
    expect(from.baseline).toBeCloseTo(p2!.blocks[0]!.text!.firstBaseline, 6);
  });
});
