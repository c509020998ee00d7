/**
 * One pass places every rectangle of a page on the grid: blocks, photos and the masthead each
 * stay on it (BLOCK_OFF_GRID: left out) and cover no other (BLOCK_OVERLAP: both still set, the
 * later one reported), whatever kind either is.
 */
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { expectAnnotated } from '../annotations.ts';
import { scratch, testPhoto } from '../furniture/project.ts';
import { join } from 'node:path';

describe('placing the rectangles of a page', () => {
  it('reports each rectangle off the grid or over another where the manifest puts it', async () => {
    const s = scratch([1]);
    await testPhoto(join(s.content, 'p.jpg'), 1200, 800);
    const file = s.page(1, `masthead: { col: 1, cols: 8, line: 100, lines: 10 }
#         ^ error BLOCK_OFF_GRID
blocks:
  - { id: xi, story: xi, col: 1, cols: 3, line: 1, lines: 30 }
#   ^ warning BLOCK_UNDERFLOW
  - { id: glass, story: glass, col: 3, cols: 3, line: 20, lines: 30 }
#   ^ error BLOCK_OVERLAP
#   ^ warning BLOCK_UNDERFLOW
  - { id: wide, story: finance, col: 7, cols: 3, line: 1, lines: 10 }
#   ^ error BLOCK_OFF_GRID
photos:
  - { id: a, file: p.jpg, col: 6, cols: 3, line: 1, lines: 12 }
  - { id: b, file: p.jpg, col: 8, cols: 1, line: 10, lines: 12 }
#   ^ error BLOCK_OVERLAP
`);
    const layout = layoutEdition(loadTarget(s.edition));
    expectAnnotated(layout.diagnostics.filter((d) => d.code !== 'EMPTY_AREA'), [file]); // a test page of a few rectangles
    const page = layout.pages[0]!;
    // overlapping blocks are both set, so the proof shows the clash; one off the grid is not
    expect(page.blocks.map((b) => b.id)).toEqual(['xi', 'glass']);
    expect(page.diagnostics.find((d) => d.code === 'BLOCK_OVERLAP' && d.block === 'b')?.message).toBe('photo "b" overlaps photo "a"');
    expect(page.furniture.filter((f) => f.kind === 'image').map((f) => f.kind === 'image' && f.id)).toEqual(['a', 'b']);
  });
});
