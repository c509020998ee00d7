/**
 * place: every rectangle a page manifest puts on the grid — blocks, photos of their own, the
 * masthead, ads — in one pass before anything is set: each must stay on the grid
 * (BLOCK_OFF_GRID: it is left out) and cover no other (BLOCK_OVERLAP: both are still set, so
 * the proof shows the clash).
 */
import { diag, type DiagnosticSink, type SourcePos } from '../diagnostic.ts';
import type { AdSpec, PagePhotoSpec } from '../manifest/furniture.ts';
import type { BlockSpec, PageSpec } from '../manifest/types.ts';
import { onGrid, overlaps, type GridRect } from './geometry.ts';
import type { GridInfo } from './types.ts';

/** What is on the grid and may be set. */
export interface Placement {
  blocks: ReadonlySet<BlockSpec>;
  photos: PagePhotoSpec[];
  ads: AdSpec[];
  masthead: boolean;
}

interface Placed { id: string; what: string; rect: GridRect; at: SourcePos; stacked?: BlockSpec }

/**
 * Blocks written relative to others get their grid lines: `below:` one starts on the first grid
 * line under that block (a package: under the whole package), `lines: auto` takes what `needed`
 * measures (its headline and copy). Each is resolved after the block it is below; the loader has
 * ruled out unknown ids and cycles. Returns every block as placed: the same spec when it is fixed.
 */
export function stackBlocks(blocks: readonly BlockSpec[], needed: (b: BlockSpec) => number): Map<BlockSpec, BlockSpec> {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const out = new Map<BlockSpec, BlockSpec>();
  const resolve = (b: BlockSpec): BlockSpec => {
    const done = out.get(b);
    if (done) return done;
    out.set(b, b); // a cycle the loader missed ends here
    const above = b.below && byId.get(b.below.id);
    const anchor = above ? resolve(above) : undefined;
    const rect = anchor?.package ?? anchor;
    const at: BlockSpec = rect ? { ...b, line: rect.line + rect.lines } : b;
    const placed = b.auto ? { ...at, lines: needed(at) } : at;
    out.set(b, placed);
    return placed;
  };
  blocks.forEach(resolve);
  return out;
}

export function placePage(page: PageSpec, g: GridInfo, sink: DiagnosticSink): Placement {
  const m = page.furniture.masthead;
  const blocks = new Set<BlockSpec>();
  const photos: PagePhotoSpec[] = [];
  const ads: AdSpec[] = [];
  let masthead = false;
  const taken: Placed[] = [];
  const place = (r: Placed): boolean => {
    const where = { ...r.at, page: page.number, block: r.id };
    const { col, cols, line, lines } = r.rect;
    if (r.stacked && !onGrid(g, r.rect) && col + cols - 1 <= g.columns) {
      const b = r.stacked, over = line + lines - 1 - g.lines;
      sink.report(diag('error', 'BLOCK_OFF_PAGE', `${r.what} runs off the bottom of the type area by ${over} line${over > 1 ? 's' : ''}: it needs ${lines} line${lines > 1 ? 's' : ''} from line ${line}${b.below ? ` (under block "${b.below.id}")` : ''}, and the page has ${g.lines}`, {
        ...where, hint: b.auto ? `lines: auto takes the lines its headline and copy need: cut ${over} line${over > 1 ? 's' : ''} of copy, give it more columns, or make the blocks above it shorter` : 'give it or the blocks above it fewer lines',
      }));
      return false;
    }
    if (!onGrid(g, r.rect)) {
      sink.report(diag('error', 'BLOCK_OFF_GRID', `${r.what} (col ${col}+${cols}, line ${line}+${lines}) runs off the page grid of ${g.columns} columns × ${g.lines} lines`, { ...where, hint: `keep col + cols − 1 ≤ ${g.columns} and line + lines − 1 ≤ ${g.lines}` }));
      return false;
    }
    const other = taken.find((t) => overlaps(t.rect, r.rect));
    if (other) sink.report(diag('error', 'BLOCK_OVERLAP', `${r.what} overlaps ${other.what}`, { ...where, hint: 'blocks, photos and the masthead are rectangles on the grid; move or shrink one of them' }));
    taken.push(r);
    return true;
  };
  for (const b of page.blocks) if (place({ id: b.id, what: `block "${b.id}"`, rect: b, at: b.at, ...(b.below || b.auto ? { stacked: b } : {}) })) blocks.add(b);
  for (const p of page.furniture.photos) if (place({ id: p.id, what: `photo "${p.id}"`, rect: p, at: p.at })) photos.push(p);
  for (const a of page.furniture.ads) if (place({ id: a.id, what: `ad "${a.id}"`, rect: a, at: a.at })) ads.push(a);
  if (m) masthead = place({ id: 'masthead', what: 'the masthead', rect: m, at: m.at });
  return { blocks, photos, ads, masthead };
}
