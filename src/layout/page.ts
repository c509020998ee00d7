/**
 * A page: its manifest and the edition's stories → PageLayout (the display list). Every
 * rectangle is placed on the grid first (place.ts), then each block is set in thread order
 * (block.ts: a thread's later part starts where the earlier one stopped), then the furniture
 * around them (furniture.ts). All diagnostics go into the page's one sink.
 */
import { diag, DiagnosticSink } from '../diagnostic.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import type { BlockSpec, EditionSpec, PageSpec } from '../manifest/types.ts';
import type { Story } from '../content/story.ts';
import { blockPhotoAhead, layoutBlock, linesNeeded, type BlockContext } from './block.ts';
import { addPageFurniture, insetRows } from './furniture.ts';
import { pageGrid } from './geometry.ts';
import { placePage, stackBlocks } from './place.ts';
import type { Threads } from './threads.ts';
import type { Furniture, PageLayout, StoryPosition } from './types.ts';

export type { StoryPosition } from './types.ts';

export interface LayoutOptions {
  fit?: boolean; // copyfit every block, as if each had fit: auto (banmian build --fit)
  adds?: boolean; // what to add to a block more than a line short, in characters (banmian build and check: a plan sets the story several times, too slow for watch's every keystroke)
  laid?: (page: PageLayout, ed: EditionSpec) => void; // each page of the edition to be written as soon as it is laid out (banmian build starts converting its photos)
  ahead?: (photos: Furniture[], ed: EditionSpec) => void; // before any page is laid out, the photos of the pages to be written as their manifests place them (blockPhotoAhead)
  autoLines?: Map<string, number>; // the lines of lines: auto blocks, kept by stackedBlocks across layouts of the same house and stories (makeup lays a page out several times)
}

/** Threads of the edition and, per laid-out part, where its story stopped (null: it ended there). */
export interface ThreadState {
  threads: Threads;
  stops: Map<string, StoryPosition | null>;
}

/**
 * The page's blocks as placed: those below others under them, those of lines: auto given the
 * lines their copy needs. An auto block is a whole story (load.ts), so it is measured from its
 * start; the measure depends on the block's spec, its story and the page only, so `memo` may keep
 * it by them (a manifest's source positions aside: they only place its diagnostics).
 */
export function stackedBlocks(page: PageSpec, stories: ReadonlyMap<string, Story>, ctx: BlockContext, memo?: Map<string, number>): Map<BlockSpec, BlockSpec> {
  const { g } = ctx;
  return stackBlocks(page.blocks, (spec) => {
    const story = stories.get(spec.story.file);
    if (spec.col + spec.cols - 1 > g.columns) return 1; // off the grid's side: reported when placed, never set
    if (!story) return 1;
    const key = memo && `${page.number}|${JSON.stringify(spec, (k, v) => (k === 'at' || k === 'fileAt' ? undefined : v))}`;
    let lines = key ? memo!.get(key) : undefined;
    if (lines === undefined) {
      const where = { file: spec.at.file, line: spec.at.line, col: spec.at.col, page: page.number, block: spec.id };
      lines = linesNeeded({ spec, story, where, start: { block: 0, offset: 0 }, jump: { from: spec.continuedFrom } }, ctx);
      if (key) memo!.set(key, lines);
    }
    return lines;
  });
}

/** The photos of a page's blocks as their manifests place them, before its text is set (blockPhotoAhead). */
export function photosAhead(page: PageSpec, ed: EditionSpec, fonts: FontRegistry): Furniture[] {
  const { house } = ed;
  fonts = fonts.inLocale(house.lang);
  const g = pageGrid(house, fonts.face(house.body.family, house.body.weight).ascent);
  const ctx: BlockContext = { house, fonts, g, sink: new DiagnosticSink(), marks: [], furniture: [], page: page.number, fit: false };
  return page.blocks.flatMap((b) => blockPhotoAhead(b, ctx) ?? []);
}

export function layoutPage(page: PageSpec, ed: EditionSpec, stories: ReadonlyMap<string, Story>, fonts: FontRegistry, o: LayoutOptions = {}, state?: ThreadState): PageLayout {
  const { house } = ed;
  fonts = fonts.inLocale(house.lang); // the page's faces are its edition's locale's (a story may name its own)
  const g = pageGrid(house, fonts.face(house.body.family, house.body.weight).ascent);
  const layout: PageLayout = {
    number: page.number, file: page.file, ...(page.section !== undefined ? { section: page.section } : {}),
    width: house.page.width, height: house.page.height, grid: g, blocks: [], marks: [], furniture: [], diagnostics: [],
  };
  const sink = new DiagnosticSink(layout.diagnostics);
  const ctx: BlockContext = { house, fonts, g, sink, marks: layout.marks, furniture: layout.furniture, page: page.number, fit: o.fit === true, adds: o.adds === true };
  const whereOf = (spec: BlockSpec) => ({ file: spec.at.file, line: spec.at.line, col: spec.at.col, page: page.number, block: spec.id });
  const stacked = stackedBlocks(page, stories, ctx, o.autoLines);
  const placedPage: PageSpec = { ...page, blocks: page.blocks.map((b) => stacked.get(b)!) };
  const placed = placePage(placedPage, g, sink);
  for (const given of state?.threads.order.get(page) ?? page.blocks) {
    const spec = stacked.get(given)!;
    const story = stories.get(spec.story.file);
    if (!placed.blocks.has(spec) || !story) continue; // off the grid, or its load error is already reported
    const where = whereOf(spec);
    const prev = state?.threads.prev.get(spec.id);
    const next = state?.threads.next.get(spec.id);
    let start: StoryPosition | null = { block: 0, offset: 0 };
    if (prev) {
      start = state!.stops.get(prev.spec.id) ?? null;
      if (!start) sink.report(diag('warning', 'THREAD_EMPTY', `block "${spec.id}" continues block "${prev.spec.id}", but story "${story.id}" already ends there`, { ...where, hint: 'the story fits in the earlier block: remove this continuation or make the earlier block smaller' }));
    }
    const jump = { from: prev?.page.number ?? spec.continuedFrom, to: next?.page.number ?? spec.continuedTo };
    const { layout: block, stop } = layoutBlock({ spec: insetRows(spec), story, where, start, jump }, ctx);
    layout.blocks.push(block);
    state?.stops.set(spec.id, stop);
  }
  addPageFurniture(layout, placedPage, ed, fonts, placed, sink);
  return layout;
}
