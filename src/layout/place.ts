/**
 * place: every rectangle a page manifest puts on the grid — blocks, photos of their own, the
 * masthead (and later ads) — in one pass before anything is set: each must stay on the grid
 * (BLOCK_OFF_GRID: it is left out) and cover no other (BLOCK_OVERLAP: both are still set, so
 * the proof shows the clash).
 */
import { diag, type DiagnosticSink, type SourcePos } from '../diagnostic.ts';
import type { PagePhotoSpec } from '../manifest/furniture.ts';
import type { BlockSpec, PageSpec } from '../manifest/types.ts';
import { onGrid, overlaps, type GridRect } from './geometry.ts';
import type { GridInfo } from './types.ts';

/** What is on the grid and may be set. */
export interface Placement {
  blocks: ReadonlySet<BlockSpec>;
  photos: PagePhotoSpec[];
  masthead: boolean;
}

interface Placed { id: string; what: string; rect: GridRect; at: SourcePos }

export function placePage(page: PageSpec, g: GridInfo, sink: DiagnosticSink): Placement {
  const m = page.furniture.masthead;
  const blocks = new Set<BlockSpec>();
  const photos: PagePhotoSpec[] = [];
  let masthead = false;
  const taken: Placed[] = [];
  const place = (r: Placed): boolean => {
    const where = { ...r.at, page: page.number, block: r.id };
    const { col, cols, line, lines } = r.rect;
    if (!onGrid(g, r.rect)) {
      sink.report(diag('error', 'BLOCK_OFF_GRID', `${r.what} (col ${col}+${cols}, line ${line}+${lines}) runs off the page grid of ${g.columns} columns × ${g.lines} lines`, { ...where, hint: `keep col + cols − 1 ≤ ${g.columns} and line + lines − 1 ≤ ${g.lines}` }));
      return false;
    }
    const other = taken.find((t) => overlaps(t.rect, r.rect));
    if (other) sink.report(diag('error', 'BLOCK_OVERLAP', `${r.what} overlaps ${other.what}`, { ...where, hint: 'blocks, photos and the masthead are rectangles on the grid; move or shrink one of them' }));
    taken.push(r);
    return true;
  };
  for (const b of page.blocks) if (place({ id: b.id, what: `block "${b.id}"`, rect: b, at: b.at })) blocks.add(b);
  for (const p of page.furniture.photos) if (place({ id: p.id, what: `photo "${p.id}"`, rect: p, at: p.at })) photos.push(p);
  if (m) masthead = place({ id: 'masthead', what: 'the masthead', rect: m, at: m.at });
  return { blocks, photos, masthead };
}
