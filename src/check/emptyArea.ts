/**
 * 开天窗, the worst mistake a page can go to press with: a part of the type area that nothing
 * covers. Worked out on the grid from the display list: every cell (basic column × grid line)
 * that a block (its whole rectangle, however much copy it holds), a page photo or the masthead
 * takes is covered; rules and boxes live in the gutters and leading of those. What is left is
 * reported hole by hole, one warning each, as the rectangles it is made of, each at least one
 * column wide and MIN_LINES tall (a block's last empty line or two above the next one is ordinary
 * slack, which the story rules count as the block's).
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import type { GridRect } from '../layout/geometry.ts';
import type { PageLayout } from '../layout/types.ts';

export const MIN_LINES = 3;

/**
 * The holes of the page grid: each a connected part nothing covers, as the rectangles at least
 * MIN_LINES tall it is made of, largest first; holes in page order (by their first cell).
 */
export function emptyAreas(page: PageLayout): GridRect[][] {
  const { columns, lines } = page.grid;
  const free = Array.from({ length: lines }, () => new Array<boolean>(columns).fill(true));
  const cover = (r: GridRect) => {
    for (let l = Math.max(1, r.line); l < Math.min(lines + 1, r.line + r.lines); l++) {
      for (let c = Math.max(1, r.col); c < Math.min(columns + 1, r.col + r.cols); c++) free[l - 1]![c - 1] = false;
    }
  };
  for (const b of page.blocks) cover(b.grid);
  for (const f of page.furniture) if ((f.kind === 'image' || f.kind === 'text' || f.kind === 'ad') && f.grid) cover(f.grid);
  const holes: GridRect[][] = [];
  const seen = free.map((row) => row.map((f) => !f));
  for (let l0 = 0; l0 < lines; l0++) {
    for (let c0 = 0; c0 < columns; c0++) {
      if (seen[l0]![c0]) continue;
      // the connected free cells from here, and the lines and columns they span
      const cells: [number, number][] = [];
      const box = { top: l0, bottom: l0, left: c0, right: c0 };
      const todo: [number, number][] = [[l0, c0]];
      seen[l0]![c0] = true;
      while (todo.length) {
        const [l, c] = todo.pop()!;
        cells.push([l, c]);
        box.bottom = Math.max(box.bottom, l); box.left = Math.min(box.left, c); box.right = Math.max(box.right, c);
        for (const [m, d] of [[l - 1, c], [l + 1, c], [l, c - 1], [l, c + 1]] as const) {
          if (m >= 0 && m < lines && d >= 0 && d < columns && !seen[m]![d]) { seen[m]![d] = true; todo.push([m, d]); }
        }
      }
      if (box.bottom - box.top + 1 < MIN_LINES) continue; // slack under a block
      // the rectangles it holds, largest first, on its own span of the grid
      const part = Array.from({ length: box.bottom - box.top + 1 }, () => new Array<boolean>(box.right - box.left + 1).fill(false));
      for (const [l, c] of cells) part[l - box.top]![c - box.left] = true;
      const rects: GridRect[] = [];
      for (let r = largest(part); r; r = largest(part)) {
        for (let l = r.line; l < r.line + r.lines; l++) for (let c = r.col; c < r.col + r.cols; c++) part[l - 1]![c - 1] = false;
        rects.push({ col: r.col + box.left, cols: r.cols, line: r.line + box.top, lines: r.lines });
      }
      if (rects.length) holes.push(rects);
    }
  }
  return holes;
}

/** The largest all-free rectangle at least MIN_LINES tall (by area), or undefined. */
function largest(free: boolean[][]): GridRect | undefined {
  const lines = free.length, columns = free[0]?.length ?? 0;
  let best: GridRect | undefined;
  // for each span of columns, the runs of lines free across all of it
  for (let c0 = 0; c0 < columns; c0++) {
    const across = new Array<boolean>(lines).fill(true);
    for (let c1 = c0; c1 < columns; c1++) {
      let run = 0;
      for (let l = 0; l <= lines; l++) {
        if (l < lines) across[l] = across[l]! && free[l]![c1]!;
        if (l < lines && across[l]) { run++; continue; }
        const cols = c1 - c0 + 1;
        if (run >= MIN_LINES && (!best || run * cols > best.lines * best.cols)) best = { col: c0 + 1, cols, line: l - run + 1, lines: run };
        run = 0;
      }
    }
  }
  return best;
}

const span = (what: string, from: number, n: number): string => (n > 1 ? `${what}s ${from}–${from + n - 1}` : `${what} ${from}`);

const area = (r: GridRect): string => `${span('column', r.col, r.cols)}, ${span('line', r.line, r.lines)}`;

/** EMPTY_AREA warnings for a page, one per hole, at its manifest. */
export function emptyAreaDiagnostics(page: PageLayout): Diagnostic[] {
  return emptyAreas(page).map((rects) => {
    const r = rects[0]!;
    return diag('warning', 'EMPTY_AREA', `${rects.map(area).join('; ')} ${rects.length > 1 ? 'are one empty area' : 'are empty'} (开天窗): nothing is placed there`, {
      file: page.file, page: page.number,
      hint: `place a block, a photo or an advertisement there (col: ${r.col}, cols: ${r.cols}, line: ${r.line}, lines: ${r.lines}), or extend a neighbouring block over it`,
    });
  });
}
