/**
 * The pipeline, left to right: load → compose/flow/place (layout) → check → render.
 * Used by the CLI and by the tests; each stage is a function over plain data.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticError, type Diagnostic } from './diagnostic.ts';
import { loadStory, type Story } from './content/story.ts';
import { loadFontRegistry, type FontRegistry } from './fonts/registry.ts';
import { layoutPage, type LayoutOptions } from './layout/page.ts';
import type { PageLayout } from './layout/types.ts';
import { loadTarget } from './manifest/load.ts';
import type { EditionSpec } from './manifest/types.ts';
import { checkPage } from './check/typography.ts';
import { renderPagePdf } from './render/pdf.ts';

export interface EditionLayout {
  edition: EditionSpec;
  fonts: FontRegistry;
  pages: PageLayout[];
  diagnostics: Diagnostic[]; // load errors plus every page's diagnostics
}

/** Loads the stories every block names (each file once), collecting their errors. */
function loadStories(ed: EditionSpec, diagnostics: Diagnostic[]): Map<string, Story> {
  const stories = new Map<string, Story>();
  for (const page of ed.pages) {
    for (const b of page.blocks) {
      if (stories.has(b.story.file)) continue;
      try {
        stories.set(b.story.file, loadStory(b.story.id, b.story.file));
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        diagnostics.push(...e.diagnostics);
      }
    }
  }
  return stories;
}

export function layoutEdition(ed: EditionSpec, o: LayoutOptions = {}): EditionLayout {
  const diagnostics: Diagnostic[] = [];
  const fonts = loadFontRegistry(ed.house.fontsFile);
  const stories = loadStories(ed, diagnostics);
  const pages = ed.pages.map((p) => {
    const layout = layoutPage(p, stories, ed.house, fonts, o);
    layout.diagnostics.push(...checkPage(layout));
    return layout;
  });
  for (const p of pages) diagnostics.push(...p.diagnostics);
  return { edition: ed, fonts, pages, diagnostics };
}

/** Loads and lays out a manifest named on the command line (edition or page). */
export function layoutTarget(file: string, o: LayoutOptions = {}): EditionLayout {
  return layoutEdition(loadTarget(file), o);
}

export const pageFileName = (n: number): string => `p${String(n).padStart(2, '0')}.pdf`;

export interface WrittenPage {
  page: PageLayout;
  file: string;
  bytes: number;
}

/** One page's PDF as the build writes it (the snapshots render the same bytes). */
export function renderEditionPage(layout: EditionLayout, page: PageLayout): Promise<Buffer> {
  const { paper, date, house, pages } = layout.edition;
  const spec = pages.find((p) => p.file === page.file);
  return renderPagePdf(page, layout.fonts, { paper, date, house, ...(spec ? { spec } : {}) });
}

/** Renders every page; each PDF is written to a temporary file and renamed, never half-written. */
export async function writeEdition(layout: EditionLayout, outDir: string): Promise<WrittenPage[]> {
  mkdirSync(outDir, { recursive: true });
  const out: WrittenPage[] = [];
  for (const page of layout.pages) {
    const pdf = await renderEditionPage(layout, page);
    const file = join(outDir, pageFileName(page.number));
    writeAtomic(file, pdf);
    out.push({ page, file, bytes: pdf.length });
  }
  return out;
}

export function writeAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
