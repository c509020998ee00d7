/**
 * The page makeup is building, laid out as layoutEdition (build.ts) lays out the last page of the
 * edition so far, but with the pages before it as they were laid out when they were made: a page
 * is tried several times, and laying out every page before it again each time was a third of
 * makeup. The thread state (where each part stopped) is carried from page to page; the page gets
 * the same checks as in a build: typography, empty areas and its share of the copy accounting.
 */
import { loadStories, readStory, type StoryReader } from '../build.ts';
import { accountCopy } from '../check/accounting.ts';
import { emptyAreaDiagnostics } from '../check/emptyArea.ts';
import { checkPage, pageViolations, type Violation } from '../check/typography.ts';
import { DiagnosticError } from '../diagnostic.ts';
import { loadFontRegistry } from '../fonts/registry.ts';
import { DiagnosticSink } from '../diagnostic.ts';
import { onGrid, pageGrid, type GridRect } from '../layout/geometry.ts';
import { layoutPage, stackedBlocks } from '../layout/page.ts';
import { jumpWords, resolveThreads, storyThreads } from '../layout/threads.ts';
import type { BlockContext } from '../layout/block.ts';
import type { PageLayout, StoryPosition } from '../layout/types.ts';
import type { EditionSpec } from '../manifest/types.ts';
import { beginBuild } from '../text/compose.ts';

/** A page as laid out, its typography checks as measured, and where every thread part so far stopped once it was. */
export interface LaidPage { page: PageLayout; violations: Violation[]; stops: ReadonlyMap<string, StoryPosition | null> }

/** The last page of `ed`, the pages before it being `before` (laid out from the same specs); `autoLines`: layoutPage's. */
export function layoutLastPage(ed: EditionSpec, before: readonly LaidPage[], read: StoryReader = readStory, autoLines?: Map<string, number>): LaidPage {
  beginBuild();
  const fonts = loadFontRegistry(ed.house.fontsFile);
  const { threads, diagnostics: threadErrors } = resolveThreads(ed);
  if (threadErrors.length) throw new DiagnosticError(threadErrors);
  const stories = loadStories(ed, [], read); // the page reports a block whose story did not load
  const state = { threads, stops: new Map(before.at(-1)?.stops) };
  const page = layoutPage(ed.pages.at(-1)!, ed, stories, fonts, autoLines ? { autoLines } : {}, state);
  const violations = pageViolations(page);
  page.diagnostics.push(...checkPage(page, violations), ...emptyAreaDiagnostics(page));
  const all = [...before.map((b) => b.page), page];
  for (const d of accountCopy(storyThreads(ed, stories, all, threads), jumpWords(ed))) if (d.page === page.number) page.diagnostics.push(d);
  return { page, violations, stops: state.stops };
}

/**
 * Where the blocks of the last page of `ed` would be placed, its below: and lines: auto resolved
 * as layoutPage resolves them (sharing `autoLines` with it), without setting the page: by id, the
 * rectangle of each block on the grid (none: off it, not laid out).
 */
export function placedLastPage(ed: EditionSpec, read: StoryReader, autoLines: Map<string, number>): Map<string, GridRect | undefined> {
  const page = ed.pages.at(-1)!;
  const fonts = loadFontRegistry(ed.house.fontsFile).inLocale(ed.house.lang);
  const g = pageGrid(ed.house, fonts.face(ed.house.body.family, ed.house.body.weight).ascent);
  const stories = loadStories({ ...ed, pages: [page] }, [], read);
  const ctx: BlockContext = { house: ed.house, fonts, g, sink: new DiagnosticSink([]), marks: [], furniture: [], page: page.number, fit: false, adds: false };
  const out = new Map<string, GridRect | undefined>();
  for (const b of stackedBlocks(page, stories, ctx, autoLines).values()) {
    out.set(b.id, onGrid(g, b) ? { col: b.col, cols: b.cols, line: b.line, lines: b.lines } : undefined);
  }
  return out;
}
