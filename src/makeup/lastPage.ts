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
import { checkPage, pageViolations } from '../check/typography.ts';
import { DiagnosticError } from '../diagnostic.ts';
import { loadFontRegistry } from '../fonts/registry.ts';
import { layoutPage } from '../layout/page.ts';
import { jumpWords, resolveThreads, storyThreads } from '../layout/threads.ts';
import type { PageLayout, StoryPosition } from '../layout/types.ts';
import type { EditionSpec } from '../manifest/types.ts';
import { beginBuild } from '../text/compose.ts';

/** A page as laid out, and where every thread part so far stopped once it was. */
export interface LaidPage { page: PageLayout; stops: ReadonlyMap<string, StoryPosition | null> }

/** The last page of `ed`, the pages before it being `before` (laid out from the same specs). */
export function layoutLastPage(ed: EditionSpec, before: readonly LaidPage[], read: StoryReader = readStory): LaidPage {
  beginBuild();
  const fonts = loadFontRegistry(ed.house.fontsFile);
  const { threads, diagnostics: threadErrors } = resolveThreads(ed);
  if (threadErrors.length) throw new DiagnosticError(threadErrors);
  const stories = loadStories(ed, [], read); // the page reports a block whose story did not load
  const state = { threads, stops: new Map(before.at(-1)?.stops) };
  const page = layoutPage(ed.pages.at(-1)!, ed, stories, fonts, {}, state);
  page.diagnostics.push(...checkPage(page, pageViolations(page)), ...emptyAreaDiagnostics(page));
  const all = [...before.map((b) => b.page), page];
  for (const d of accountCopy(storyThreads(ed, stories, all, threads), jumpWords(ed))) if (d.page === page.number) page.diagnostics.push(d);
  return { page, stops: state.stops };
}
