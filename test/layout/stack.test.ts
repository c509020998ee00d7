/**
 * Blocks that size and stack themselves: `lines: auto` takes the lines its headline and copy
 * need, `below:` starts a block on the first grid line under another. A page written so re-grids
 * when the house body size changes; one that no longer fits names the block that runs off the
 * bottom and by how many lines.
 */
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { hasErrors } from '../../src/diagnostic.ts';
import type { BlockLayout, PageLayout } from '../../src/layout/types.ts';
import { expectAnnotated } from '../annotations.ts';
import { scratch } from '../furniture/project.ts';
import { thrownDiagnostics } from '../project.ts';

/** A block's first grid line and how many it takes, from where it is on the page. */
const rectOf = (page: PageLayout, b: BlockLayout) => {
  const g = page.grid;
  return { line: Math.round((b.y - g.y0) / g.pitch) + 1, lines: Math.round((b.height - g.em) / g.pitch) + 1 };
};
const block = (page: PageLayout, id: string) => page.blocks.find((b) => b.id === id)!;

/** A relative page: a stack of three stories in columns 1–3, one beside it, each as long as its copy. */
const STACK = `blocks:
  - { id: finance, story: finance, col: 1, cols: 3, line: 1, lines: auto, headline: { lines: 9 } }
  - { id: glass, story: glass, col: 1, cols: 3, below: finance, lines: auto }
  - { id: xi, story: xi, col: 1, cols: 3, below: glass, lines: auto }
  - { id: villages, story: villages, col: 4, cols: 2, line: 1, lines: auto, headline: { lines: 6 } }
`;

describe('lines: auto', () => {
  it('takes exactly the lines the copy needs: none over, at most one empty per column, one line fewer overflows', () => {
    const s = scratch([1]);
    s.page(1, STACK);
    const page = layoutEdition(loadTarget(s.edition)).pages[0]!;
    for (const id of ['finance', 'glass', 'xi', 'villages']) {
      const b = block(page, id);
      expect(b.overflow, id).toBe(0);
      for (const f of b.frames) expect(f.capacity - f.lines.length, `${id} column`).toBeLessThanOrEqual(1);
    }
    // the same blocks with a number of lines one fewer than auto found do not hold their copy
    const { line, lines } = rectOf(page, block(page, 'villages'));
    const t = scratch([1]);
    t.page(1, `blocks:\n  - { id: villages, story: villages, col: 4, cols: 2, line: ${line}, lines: ${lines - 1}, headline: { lines: 6 } }\n`);
    const tight = layoutEdition(loadTarget(t.edition));
    expect(tight.pages[0]!.blocks[0]!.overflow).toBeGreaterThan(0);
    expect(tight.diagnostics.map((d) => d.code)).toContain('BLOCK_OVERFLOW');
  });

  it('is not measured on a block off the grid\'s side: BLOCK_OFF_GRID, at once (found by the fuzzer: a billion columns)', () => {
    const s = scratch([1]);
    const file = s.page(1, `blocks:
  - { id: wide, story: finance, col: 2, cols: 1000000000, line: 1, lines: auto }
#   ^ error BLOCK_OFF_GRID
`);
    expectAnnotated(layoutEdition(loadTarget(s.edition)).diagnostics.filter((d) => d.code !== 'EMPTY_AREA'), [file]);
  });

  it('is an error on a part of a thread, at lines:', () => {
    const s = scratch([1, 2]);
    const p1 = s.page(1, `blocks:
  - { id: finance, story: finance, col: 1, cols: 3, line: 1, lines: auto }
#                                                                   ^ error THREAD_CONFLICT
`);
    s.page(2, 'blocks:\n  - { id: finance-2, story: finance, continues: finance, col: 1, cols: 3, line: 1, lines: 10 }\n');
    expectAnnotated(thrownDiagnostics(() => loadTarget(s.edition)), [p1]);
    const t = scratch([1]);
    const own = t.page(1, `blocks:
  - { id: glass, story: glass, col: 4, cols: 3, line: 1, lines: auto, continued-to: 2 }
#                                                               ^ error THREAD_CONFLICT
`);
    expectAnnotated(thrownDiagnostics(() => loadTarget(t.edition)), [own]);
  });
});

describe('below:', () => {
  it('starts each block of a chain on the first grid line under the one above it', () => {
    const s = scratch([1]);
    s.page(1, STACK);
    const layout = layoutEdition(loadTarget(s.edition));
    expect(layout.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const page = layout.pages[0]!;
    const [finance, glass, xi] = ['finance', 'glass', 'xi'].map((id) => rectOf(page, block(page, id)));
    expect(finance!.line).toBe(1);
    expect(glass!.line).toBe(finance!.line + finance!.lines);
    expect(xi!.line).toBe(glass!.line + glass!.lines);
  });

  it('reports an unknown block, a circle and both line: and below: at the key', () => {
    const s = scratch([1]);
    const file = s.page(1, `blocks:
  - { id: finance, story: finance, col: 1, cols: 3, line: 1, lines: 10 }
  - { id: lead, story: finance, col: 1, cols: 3, below: financ, lines: 10 }
#                                                       ^ error UNKNOWN_BLOCK
  - { id: glass, story: glass, col: 4, cols: 3, below: xi, lines: 10 }
#                                                      ^ error BELOW_CYCLE
  - { id: xi, story: xi, col: 4, cols: 3, below: glass, lines: 10 }
  - { id: villages, story: villages, col: 7, cols: 2, line: 1, below: glass, lines: 10 }
#                                                                     ^ error BAD_VALUE
  - { id: river, story: villages, col: 7, cols: 2, lines: 10 }
#   ^ error MISSING_KEY
`);
    const ds = thrownDiagnostics(() => loadTarget(s.edition));
    expectAnnotated(ds, [file]);
    expect(ds.find((d) => d.code === 'UNKNOWN_BLOCK')?.hint).toBe('did you mean "finance"?');
    expect(ds.find((d) => d.code === 'BELOW_CYCLE')?.message).toBe('blocks "glass", "xi" are each below the next, in a circle');
  });

  it('puts an overlap with a block below it at the later block (BLOCK_OVERLAP)', () => {
    const s = scratch([1]);
    const file = s.page(1, `blocks:
  - { id: finance, story: finance, col: 1, cols: 3, line: 1, lines: auto, headline: { lines: 9 } }
  - { id: glass, story: glass, col: 3, cols: 3, below: finance, lines: 40 }
  - { id: xi, story: xi, col: 1, cols: 2, line: 20, lines: 80 }
#   ^ error BLOCK_OVERLAP
#   ^ warning BLOCK_UNDERFLOW
`);
    const layout = layoutEdition(loadTarget(s.edition));
    expectAnnotated(layout.diagnostics.filter((d) => (d.code !== 'BLOCK_UNDERFLOW' || d.block === 'xi') && d.code !== 'EMPTY_AREA'), [file]);
  });
});

describe('a relative page and the house body size', () => {
  it('re-grids cleanly at another body size: every story placed, nothing over', () => {
    for (const size of ['小五', '五号', '六号']) {
      const s = scratch([1], { house: (h) => { h.styles.body.size = size; delete h.grid.chars; } });
      s.page(1, STACK);
      const layout = layoutEdition(loadTarget(s.edition));
      expect(hasErrors(layout.diagnostics), size).toBe(false);
      const page = layout.pages[0]!;
      expect(page.blocks.map((b) => b.id).sort()).toEqual(['finance', 'glass', 'villages', 'xi']);
      expect(page.blocks.every((b) => b.overflow === 0)).toBe(true);
      const xi = rectOf(page, block(page, 'xi'));
      expect(xi.line + xi.lines - 1).toBeLessThanOrEqual(page.grid.lines);
    }
  });

  it('a page that no longer fits names the block that runs off the bottom and by how many lines', () => {
    const s = scratch([1], { house: (h) => { h.styles.body.size = '小四'; delete h.grid.chars; } });
    const file = s.page(1, STACK.replace(/(id: xi, .*\n)/, '$1#   ^ error BLOCK_OFF_PAGE\n'));
    const layout = layoutEdition(loadTarget(s.edition));
    const off = layout.diagnostics.filter((d) => d.code === 'BLOCK_OFF_PAGE');
    expect(off.map((d) => d.block)).toEqual(['xi']);
    expectAnnotated(layout.diagnostics.filter((d) => d.code === 'BLOCK_OFF_PAGE'), [file]);
    const g = layout.pages[0]!.grid;
    const [, over, needs, from] = /by (\d+) lines?: it needs (\d+) lines? from line (\d+) \(under block "glass"\), and the page has (\d+)/.exec(off[0]!.message)!;
    expect(Number(from) + Number(needs) - 1 - g.lines).toBe(Number(over));
    expect(off[0]!.hint).toMatch(new RegExp(`cut ${over} lines? of copy`));
  });
});
