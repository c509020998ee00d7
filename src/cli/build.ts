/** `banmian build`: lay out and write one PDF per page. */
import { join, relative, resolve } from 'node:path';
import { DiagnosticError, hasErrors, type Diagnostic } from '../diagnostic.ts';
import type { PageLayout } from '../layout/types.ts';
import type { EditionSpec } from '../manifest/types.ts';
import { EDITION_PDF, layoutTarget, previewFont, renderEditionInParallel, warmPhotos, writeEdition, type EditionLayout } from '../build.ts';
import type { OutputFile } from '../output.ts';
import { defaultJobs } from '../render/parallel.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { counted, pageSummary, printDiagnostics } from './report.ts';
import { preflightWritten } from './preflight.ts';
import type { Command } from './command.ts';

/** Threads beyond the cores only cost start-up; the bound keeps a typo from starting thousands. */
const MAX_JOBS = 64;

export const build: Command = {
  name: 'build',
  summary: 'lay out an edition (or single pages of it) and write one PDF per page',
  usage: 'build [EDITION_OR_PAGE.yaml ...] [--out DIR] [--fit] [--no-preflight] [--png] [--json]',
  help: `Writes DIR/pNN.pdf for every page (default DIR: out/<edition folder>/). With no file,
builds the sample edition layouts/sample/edition.yaml.

  --out DIR   where to write the PDFs
  --json      diagnostics as JSON lines
  --fit       copyfit every block (as if each had fit: auto)
  --jobs N    render pages on N threads, 1 to ${MAX_JOBS} (the PDFs are the same bytes either way;
              by default only with 4+ cores and 16+ pages, where it is faster)
  --no-preflight  do not check the written PDFs for print (see banmian preflight)
  --png       also write DIR/pNN.png (100 dpi) and DIR/contact.png, all the pages on one sheet`,
  examples: [
    'banmian build                                   # the sample edition → out/sample/',
    'banmian build layouts/demo/edition.yaml         # every page and edition.pdf → out/demo/',
    'banmian build layouts/demo/p02.yaml --png       # one page (and edition.pdf again), with its PNG',
    'banmian build layouts/demo --out /tmp/proof --json',
  ],
  options: { out: { type: 'string' }, json: { type: 'boolean' }, fit: { type: 'boolean' }, jobs: { type: 'string' }, 'no-preflight': { type: 'boolean' }, png: { type: 'boolean' } },
  async run({ positionals, values }) {
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(/^\d+$/.test(String(values.jobs)) && jobs >= 1 && jobs <= MAX_JOBS)) {
      process.stderr.write(`banmian build: --jobs is a whole number from 1 to ${MAX_JOBS}, not "${String(values.jobs)}"\n`);
      return 2;
    }
    const targets = positionals.length ? positionals : [defaultEdition()];
    const json = values.json === true;
    let failed = false;
    for (const target of targets) {
      let layout: EditionLayout;
      try {
        // each page's photos converted on libuv's threads from before any text is set, as far as
        // the manifests place them, and the rest from when their page is laid out, while the next
        // pages are (not where pages render on threads of their own)
        const serial = (ed: EditionSpec) => (jobs ?? defaultJobs(ed.only?.length ?? ed.pages.length)) === 1;
        layout = layoutTarget(target, {
          fit: values.fit === true, adds: true,
          ahead: (photos, ed) => { if (serial(ed)) warmPhotos(photos, ed); },
          laid: (page, ed) => { if (serial(ed)) warmPhotos(page.furniture, ed); },
        });
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        printDiagnostics(e.diagnostics, json);
        process.stdout.write(`${notLaidOut(target, e.diagnostics)}\n`);
        failed = true;
        continue;
      }
      if (!(await writeLaidOut(layout, values, jobs))) failed = true;
    }
    return failed ? 1 : 0;
  },
};

/** The options of build that say how a laid-out edition is written (makeup --build passes its own). */
type Flag = string | boolean | (string | boolean)[] | undefined;
export interface WriteOptions { out?: Flag; json?: Flag; png?: Flag; 'no-preflight'?: Flag }

/**
 * Prints the edition's diagnostics, writes its PDFs (and PNGs with --png), preflights them and
 * prints a line for each: false when any of that failed or the edition has errors.
 */
export async function writeLaidOut(layout: EditionLayout, values: WriteOptions, jobs?: number): Promise<boolean> {
  const json = values.json === true;
  let failed = false;
  printDiagnostics(layout.diagnostics, json);
  const outDir = resolve(typeof values.out === 'string' ? values.out : join('out', layout.edition.name));
  let written;
  let previews: OutputFile[] = [];
  try {
    // pages render on several threads when there are enough of them (or --jobs says so)
    const threads = jobs ?? defaultJobs(layout.pages.length);
    const pre = threads > 1 ? await renderEditionInParallel(layout, threads) : undefined;
    // the PNGs of --png are made from the rendered pages and written with them, all at once
    const pngs = values.png === true ? (await import('../preview/previews.ts')).renderPreviews : undefined; // sharp, pdfjs: only for --png
    written = await writeEdition(layout, outDir, pre ? async (_, page) => pre[layout.pages.indexOf(page)]! : undefined,
      pngs && (async (pages) => (previews = await pngs(`${layout.edition.paper} ${layout.edition.date}`, pages, previewFont(layout)))));
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    for (const page of layout.pages) process.stdout.write(`${pageSummary(page)}  → not written${elsewhere(layout, page)}\n`);
    printDiagnostics(e.diagnostics, json);
    return false;
  }
  for (const w of written) {
    process.stdout.write(`${pageSummary(w.page)}  → ${relative(process.cwd(), w.file) || w.file} (${Math.round(w.bytes / 1024)} KB)\n`);
    if (values['no-preflight'] !== true && await preflightWritten(w.file, layout.edition.house.print, json)) failed = true;
  }
  const ed = written.edition, rel = (f: string) => relative(process.cwd(), f) || f;
  if (ed && 'bytes' in ed) process.stdout.write(`all pages → ${rel(ed.file)}${layout.edition.only ? ' (with the other pages in the folder, which are current)' : ''}\n`);
  else if (ed) process.stdout.write(`${ed.removed ? `${rel(ed.file)} removed` : `no ${EDITION_PDF}`}: ${ed.why}; build the whole edition to make it (banmian build ${rel(layout.edition.file)}${typeof values.out === 'string' ? ` --out ${values.out}` : ''})\n`);
  for (const p of previews) process.stdout.write(`  → ${relative(process.cwd(), join(outDir, p.name))} (${Math.round(p.data.length / 1024)} KB)\n`);
  return !failed && !hasErrors(layout.diagnostics);
}

/** The line for an edition or page that did not load: no page of it was laid out. */
function notLaidOut(target: string, ds: readonly Diagnostic[]): string {
  const n = ds.filter((d) => d.severity === 'error').length;
  return `${relative(process.cwd(), resolve(target)) || target}: not laid out (${counted(n, 'error')} above); nothing written`;
}

/** Why a page without errors of its own was not written: the errors of the edition's articles or other pages. */
function elsewhere(layout: EditionLayout, page: PageLayout): string {
  if (hasErrors(page.diagnostics)) return '';
  const n = layout.diagnostics.filter((d) => d.severity === 'error' && !page.diagnostics.includes(d)).length;
  return n ? ` (${counted(n, 'error')} elsewhere in the edition, above)` : '';
}

export const defaultEdition = (): string => join(PACKAGE_ROOT, 'layouts/sample/edition.yaml');
