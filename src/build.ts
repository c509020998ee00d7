/**
 * The pipeline, left to right: load → compose/flow/place (layout) → check → render.
 * Used by the CLI and by the tests; each stage is a function over plain data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, DiagnosticError, type Diagnostic } from './diagnostic.ts';
import { loadStory, type Story } from './content/story.ts';
import { lintFile } from './content/lint.ts';
import { loadFontRegistry, type FontRegistry } from './fonts/registry.ts';
import { layoutPage, photosAhead, type LayoutOptions } from './layout/page.ts';
import { jumpWords, resolveThreads, storyThreads } from './layout/threads.ts';
import type { Furniture, PageLayout } from './layout/types.ts';
import { loadTarget } from './manifest/load.ts';
import { nearest } from './manifest/yamlSource.ts';
import type { EditionSpec } from './manifest/types.ts';
import { checkPage, pageViolations, type Violation } from './check/typography.ts';
import { accountCopy } from './check/accounting.ts';
import { emptyAreaDiagnostics } from './check/emptyArea.ts';
import { beginBuild } from './text/compose.ts';
import { warmImages } from './render/furniture.ts';
import { renderPagePdf, type PdfMeta } from './render/pdf.ts';
import { renderPagesInParallel } from './render/parallel.ts';
import type { SnapshotSubject } from './snapshot/edition.ts';
import { EDITION_PDF, pageFileName, prepareOutput, writeOutput, type OutputFile } from './output.ts';

export interface EditionLayout {
  edition: EditionSpec;
  fonts: FontRegistry;
  pages: PageLayout[]; // the pages this build writes (all, or those of a page named on the command line)
  everyPage: PageLayout[]; // every page of the edition, laid out for its threads (and edition.pdf)
  diagnostics: Diagnostic[]; // load errors plus every page's diagnostics
  violations: Map<PageLayout, Violation[]>; // the checks of docs/typography.md §7 on every page, as measured once
}

/** One article and its warnings and copy lint; throws a DiagnosticError when it cannot be set. `banmian watch` passes a cached one. */
export type StoryReader = (id: string, file: string) => { story: Story; diagnostics: Diagnostic[] };

export const readStory: StoryReader = (id, file) => {
  const story = loadStory(id, file);
  return { story, diagnostics: [...(story.warnings ?? []), ...lintFile(file)] };
};

/** Loads the stories every block names (each file once), collecting their errors, warnings and copy lint. */
export function loadStories(ed: EditionSpec, diagnostics: Diagnostic[], read: StoryReader): Map<string, Story> {
  const stories = new Map<string, Story>();
  const tried = new Set<string>(); // a story in several blocks (a thread) is read, and its errors reported, once
  for (const page of ed.pages) {
    for (const b of page.blocks) {
      if (tried.has(b.story.file)) continue;
      tried.add(b.story.file);
      try {
        const { story, diagnostics: found } = read(b.story.id, b.story.file);
        stories.set(b.story.file, story);
        diagnostics.push(...found);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        diagnostics.push(...e.diagnostics);
      }
    }
  }
  return stories;
}

/** Every style's font family must be in fonts.yaml; reported where the style names it. */
function unknownFonts(ed: EditionSpec, fonts: FontRegistry): Diagnostic[] {
  const styles = [...Object.values(ed.house.styles), ...ed.pages.flatMap((p) => p.blocks.flatMap((b) => [...Object.values(b.headline.styles), ...(b.body ? [b.body] : [])]))];
  const out = new Map<string, Diagnostic>();
  for (const s of styles) {
    if (fonts.has(s.family)) continue;
    const near = nearest(s.family, fonts.familyNames());
    const d = diag('error', 'UNKNOWN_FONT', `style "${s.name}" uses font "${s.family}", which is not a family in ${fonts.file}`, {
      ...(s.at ?? { file: ed.house.file }), hint: near ? `did you mean "${near}"?` : `the families are ${fonts.familyNames().join(', ')}`,
    });
    out.set(`${d.file}:${d.line}:${d.col}`, d); // an inherited font is reported once, where it is named
  }
  return [...out.values()];
}

export function layoutEdition(ed: EditionSpec, o: LayoutOptions = {}, read: StoryReader = readStory): EditionLayout {
  beginBuild();
  const diagnostics: Diagnostic[] = [];
  const fonts = loadFontRegistry(ed.house.fontsFile);
  const badFonts = unknownFonts(ed, fonts);
  if (badFonts.length) throw new DiagnosticError(badFonts);
  const { threads, diagnostics: threadErrors } = resolveThreads(ed);
  if (threadErrors.length) throw new DiagnosticError(threadErrors);
  const stories = loadStories(ed, diagnostics, read);
  // the whole edition is one job, page by page, so a thread's later parts know where it stopped
  const state = { threads, stops: new Map() };
  if (o.ahead) for (const p of ed.pages) if (!ed.only || ed.only.includes(p.number)) o.ahead(photosAhead(p, ed, fonts), ed);
  const violations = new Map<PageLayout, Violation[]>();
  const all = ed.pages.map((p) => {
    const layout = layoutPage(p, ed, stories, fonts, o, state);
    const vs = pageViolations(layout);
    violations.set(layout, vs);
    layout.diagnostics.push(...checkPage(layout, vs), ...emptyAreaDiagnostics(layout));
    if (!ed.only || ed.only.includes(layout.number)) o.laid?.(layout, ed);
    return layout;
  });
  // every story's copy on the pages, across its parts (threads span pages, so after all of them)
  for (const d of accountCopy(storyThreads(ed, stories, all, threads), jumpWords(ed))) all.find((p) => p.number === d.page)!.diagnostics.push(d);
  return editionOf(ed, fonts, all, diagnostics, violations);
}

/** The edition laid out: its pages (all, checked and accounted for) and the diagnostics of loading it, with those of the pages written. */
export function editionOf(ed: EditionSpec, fonts: FontRegistry, all: PageLayout[], loading: Diagnostic[], violations: Map<PageLayout, Violation[]>): EditionLayout {
  const pages = ed.only ? all.filter((p) => ed.only!.includes(p.number)) : all;
  const diagnostics = [...loading];
  for (const p of pages) diagnostics.push(...p.diagnostics);
  return { edition: ed, fonts, pages, everyPage: all, diagnostics, violations };
}

/** Loads and lays out a manifest named on the command line (edition or page). */
export function layoutTarget(file: string, o: LayoutOptions = {}): EditionLayout {
  return layoutEdition(loadTarget(file), o);
}

export { EDITION_PDF, pageFileName } from './output.ts';

export interface WrittenPage {
  page: PageLayout;
  file: string;
  bytes: number;
}

/**
 * What became of edition.pdf: written (with every page of the edition), or not there because a
 * page's PDF in the folder is missing or not the current one — removed if it was there.
 */
export type EditionPdf = { file: string; bytes: number } | { file: string; removed: boolean; why: string };

/** The pages a build wrote, and what became of edition.pdf (none for an edition of one page). */
export type WrittenEdition = WrittenPage[] & { edition?: EditionPdf };

/** What an edition's pages are printed on and with: its paper and date, the house's print settings and bleed. */
export const pdfMeta = (ed: EditionSpec): PdfMeta => ({ paper: ed.paper, date: ed.date, print: ed.house.print, bleed: ed.house.page.bleed });

/** Starts converting the photos among `items` (a page's furniture) to the edition's print colours (cached for the render), without waiting for them. */
export const warmPhotos = (items: readonly Furniture[], ed: EditionSpec): void => warmImages(items, ed.house.print.colour);

/** One page's PDF as the build writes it (the snapshots render the same bytes). */
export function renderEditionPage(layout: EditionLayout, page: PageLayout): Promise<Buffer> {
  return renderPagePdf(page, layout.fonts, pdfMeta(layout.edition));
}

/** Every page's PDF, rendered on `jobs` threads. */
export function renderEditionInParallel(layout: EditionLayout, jobs: number): Promise<Buffer[]> {
  return renderPagesInParallel(layout.pages, pdfMeta(layout.edition), layout.edition.house.fontsFile, jobs);
}

/** The edition as `banmian snapshot` compares it: its display lists and how a page prints. */
export const snapshotSubject = (layout: EditionLayout): SnapshotSubject => ({
  name: layout.edition.name, paper: layout.edition.paper, date: layout.edition.date, editionFile: layout.edition.file,
  pages: layout.pages, render: (page) => renderEditionPage(layout, page),
});

/** The face the contact sheet's labels are set in: the edition's body face. */
export function previewFont(layout: EditionLayout): { file: string; family: string } {
  const face = layout.fonts.face(layout.edition.house.body.family, layout.edition.house.body.weight, layout.edition.house.lang);
  return { file: face.file, family: face.font.familyName };
}

/**
 * Errors the proof itself shows (the overset mark, a headline over its rows, overlapping blocks):
 * such a page is still written, so the editor sees what to cut. Any other error would leave copy
 * out of a page without a trace (a story that did not load, a block off the grid), so the
 * edition is not written at all.
 */
export const PROOF_ERRORS: ReadonlySet<string> = new Set(['BLOCK_OVERFLOW', 'HEADLINE_TOO_TALL', 'BLOCK_OVERLAP', 'CAPTION_OVERFLOW']);

/** A page's PDF in memory, before it is written. */
export interface RenderedPage {
  page: PageLayout;
  pdf: Buffer;
}

/**
 * Writes every page of the edition or none: all pages are rendered to memory first, then written
 * into `outDir` together with edition.pdf and any `more` files (the PNGs of --png, made from the
 * rendered pages) in one journalled write (src/output.ts): after a crash at any instant the
 * folder holds all the old files or all the new ones. Errors that keep copy off a page, a page
 * that fails to render, or a file that cannot be written throw a DiagnosticError and leave the
 * previous files in `outDir` untouched. `render` gives a page's PDF (`banmian watch` passes the
 * one it already rendered for its preview).
 */
export async function writeEdition(
  layout: EditionLayout, outDir: string, render = renderEditionPage,
  more?: (pages: RenderedPage[]) => Promise<OutputFile[]>,
): Promise<WrittenEdition> {
  const notWritten = (...ds: Diagnostic[]) => new DiagnosticError([...ds, diag('info', 'NOT_WRITTEN', `nothing written; the PDFs already in ${outDir} are unchanged`, { file: layout.edition.file })]);
  const bug = (what: string, e: unknown, where: { file: string; page?: number }) => notWritten(diag('error', 'RENDER_FAILED', `${what}: ${(e as Error)?.message ?? String(e)}`, { ...where, hint: 'this is a bug in banmian; please report it with the files that cause it' }));
  try {
    await prepareOutput(outDir); // a write cut short by a crash is finished or undone first, its leftovers removed
  } catch (e) {
    if (e instanceof DiagnosticError) throw notWritten(...e.diagnostics);
    throw e;
  }
  const blocking = layout.diagnostics.filter((d) => d.severity === 'error' && !PROOF_ERRORS.has(d.code));
  if (blocking.length) {
    throw notWritten(diag('error', 'EDITION_FAILED', `${blocking.length} error${blocking.length > 1 ? 's' : ''} above would leave copy off the pages`, { file: layout.edition.file, hint: 'fix them and build again; overset stories alone do not stop the build' }));
  }
  // every page's photos converting on libuv's threads while the pages before them render
  if (render === renderEditionPage) for (const page of layout.pages) warmPhotos(page.furniture, layout.edition);
  const rendered: RenderedPage[] = [];
  for (const page of layout.pages) {
    try {
      rendered.push({ page, pdf: await render(layout, page) });
    } catch (e) {
      if (e instanceof DiagnosticError) throw notWritten(...e.diagnostics);
      throw bug(`page ${page.number} could not be rendered`, e, { file: page.file, page: page.number });
    }
  }
  const files: OutputFile[] = rendered.map((r) => ({ name: pageFileName(r.page.number), data: r.pdf }));
  const remove: string[] = [];
  let edition: EditionPdf | undefined;
  // the whole edition in one file too, never with a page older than the folder's
  if (layout.everyPage.length > 1) {
    const { paper, date } = layout.edition;
    const all = await editionPages(layout, outDir, rendered);
    if ('why' in all) {
      const removed = existsSync(join(outDir, EDITION_PDF));
      if (removed) remove.push(EDITION_PDF);
      edition = { file: join(outDir, EDITION_PDF), removed, why: all.why };
    } else {
      try {
        const data = await (await import('./render/edition.ts')).mergePages(all.pdfs, { title: `${paper} ${date}`, date }); // pdf-lib only for editions
        files.push({ name: EDITION_PDF, data });
        edition = { file: join(outDir, EDITION_PDF), bytes: data.length };
      } catch (e) {
        throw bug('the edition PDF could not be put together', e, { file: layout.edition.file });
      }
    }
  }
  try {
    if (more) files.push(...await more(rendered));
  } catch (e) {
    if (e instanceof DiagnosticError) throw notWritten(...e.diagnostics);
    throw bug('the previews could not be made', e, { file: layout.edition.file });
  }
  try {
    await writeOutput(outDir, files, remove);
  } catch (e) {
    if (e instanceof DiagnosticError) throw notWritten(...e.diagnostics);
    throw e;
  }
  const written: WrittenEdition = rendered.map((r) => ({ page: r.page, file: join(outDir, pageFileName(r.page.number)), bytes: r.pdf.length }));
  if (edition) written.edition = edition;
  return written;
}

/**
 * Every page's PDF for edition.pdf, in page order: those this build rendered, and for a build of
 * some pages the others' files in the folder, each only if it is the page as it prints now (the
 * same bytes as rendering its current layout; a change to one page can move another's jump lines).
 * Otherwise why edition.pdf cannot be made.
 */
async function editionPages(layout: EditionLayout, outDir: string, rendered: RenderedPage[]): Promise<{ pdfs: Buffer[] } | { why: string }> {
  const pdfs: Buffer[] = [];
  for (const page of layout.everyPage) {
    const mine = rendered.find((r) => r.page === page);
    if (mine) { pdfs.push(mine.pdf); continue; }
    const name = pageFileName(page.number);
    let there: Buffer;
    try {
      there = readFileSync(join(outDir, name));
    } catch {
      return { why: `${name} is not in the folder` };
    }
    if (!there.equals(await renderEditionPage(layout, page))) return { why: `${name} is not the current page ${page.number}` };
    pdfs.push(there);
  }
  return { pdfs };
}
