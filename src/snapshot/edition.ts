/**
 * Snapshots of an edition: for every page a layout dump (pNN.txt) and a picture (pNN.png) in the
 * edition's `snapshots/` folder, compared with what the pipeline makes now. On a difference the
 * new state goes to the out folder (pNN.txt, pNN.png and pNN.diff.png), so it can be looked at
 * before `--update` makes it the reference. Used by `banmian snapshot` and by the test suite.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { PageLayout } from '../layout/types.ts';
import { pageFileName, writeAtomic } from '../output.ts';
import { diffDumps } from './diff.ts';
import { dumpPage } from './dump.ts';
import { comparePixels, decodeReference, diffPng, encodeReference, snapshotRaster, SNAPSHOT_DPI } from './pixels.ts';

/** An edition as the snapshots see it: its display lists, and how a page prints (as the build prints it). */
export interface SnapshotSubject {
  name: string; // the edition folder's name
  paper: string;
  date: string;
  editionFile: string; // the references live in snapshots/ beside it
  pages: PageLayout[];
  render(page: PageLayout): Promise<Buffer>;
}

export const snapshotDir = (editionFile: string): string => join(dirname(editionFile), 'snapshots');

/** The editions that keep snapshots: LAYOUTS_DIR/NAME/edition.yaml with a snapshots/ folder beside it. */
export function editionsWithSnapshots(layoutsDir: string): string[] {
  return readdirSync(layoutsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(layoutsDir, d.name, 'edition.yaml')) && existsSync(join(layoutsDir, d.name, 'snapshots')))
    .map((d) => join(layoutsDir, d.name, 'edition.yaml'))
    .sort();
}

/** same: matches the reference; changed/missing: it does not (or there is none); updated/created: with --update. */
export type Outcome = 'same' | 'changed' | 'missing' | 'updated' | 'created';

export interface PageSnapshot {
  name: string; // pNN
  layout: Outcome;
  layoutRows: number; // rows of the dump that differ
  layoutChanges: string[]; // the readable diff of those rows, a few per block
  pixels: Outcome;
  pixelsChanged: number;
  files: string[]; // what was written under the out folder to look at
}

export interface EditionSnapshot {
  edition: string;
  pages: PageSnapshot[];
  orphans: string[]; // reference files of pages the edition no longer has (removed with --update)
}

export interface SnapshotOptions {
  update: boolean;
  outDir: string; // where a difference is written to be looked at
  prune: boolean; // the layout holds the whole edition, so references of other pages are stale
}

const failed = (o: Outcome): boolean => o === 'changed' || o === 'missing';
export const snapshotFailed = (s: EditionSnapshot): boolean =>
  s.pages.some((p) => failed(p.layout) || failed(p.pixels)) || (s.orphans.length > 0);

const readIfExists = (file: string): Buffer | undefined => (existsSync(file) ? readFileSync(file) : undefined);

export async function snapshotEdition(ed: SnapshotSubject, o: SnapshotOptions): Promise<EditionSnapshot> {
  const dir = snapshotDir(ed.editionFile);
  if (o.update) mkdirSync(dir, { recursive: true });
  const pages: PageSnapshot[] = [];
  for (const page of ed.pages) {
    const name = basename(pageFileName(page.number), '.pdf');
    const ref = (ext: string) => join(dir, `${name}${ext}`);
    const out = (ext: string) => join(o.outDir, `${name}${ext}`);
    const files: string[] = [];
    const forReview = (file: string, data: Buffer | string) => {
      mkdirSync(o.outDir, { recursive: true });
      writeAtomic(file, Buffer.from(data));
      files.push(file);
    };
    for (const ext of ['.txt', '.png', '.diff.png']) rmSync(out(ext), { force: true }); // from an earlier run

    const dump = dumpPage(page, ed);
    const oldDump = readIfExists(ref('.txt'))?.toString('utf8');
    let layoutOutcome: Outcome = 'same';
    const rows = oldDump === undefined || oldDump === dump ? undefined : diffDumps(oldDump, dump);
    if (oldDump !== dump) {
      layoutOutcome = o.update ? (oldDump === undefined ? 'created' : 'updated') : oldDump === undefined ? 'missing' : 'changed';
      if (o.update) writeAtomic(ref('.txt'), Buffer.from(dump));
      else forReview(out('.txt'), dump);
    }

    const pdf = await ed.render(page);
    const cur = await snapshotRaster(pdf);
    const oldPng = readIfExists(ref('.png'));
    const old = oldPng && (await decodeReference(oldPng));
    const diff = old && comparePixels(old, cur);
    let pixels: Outcome = 'same';
    if (!diff || diff.fails) {
      pixels = o.update ? (diff ? 'updated' : 'created') : diff ? 'changed' : 'missing';
      if (o.update) writeAtomic(ref('.png'), await encodeReference(cur));
      else {
        forReview(out('.png'), await encodeReference(cur));
        if (diff?.sameSize) forReview(out('.diff.png'), await diffPng(old!, cur));
      }
    }
    pages.push({ name, layout: layoutOutcome, layoutRows: rows?.changes ?? 0, layoutChanges: rows?.lines ?? [], pixels, pixelsChanged: diff?.changed ?? 0, files });
  }

  const names = new Set(pages.map((p) => p.name));
  const orphans = !o.prune || !existsSync(dir) ? [] : readdirSync(dir)
    .filter((f) => /^p\d+\.(txt|png)$/.test(f) && !names.has(f.replace(/\.\w+$/, '')))
    .map((f) => join(dir, f));
  if (o.update) for (const f of orphans) rmSync(f);
  return { edition: ed.name, pages, orphans: o.update ? [] : orphans };
}

const WORDS: Record<Outcome, string> = { same: 'same', changed: 'CHANGED', missing: 'NO REFERENCE', updated: 'updated', created: 'created' };

/** The report: one line per page, then the readable layout diff and the files to look at. */
export function formatSnapshot(s: EditionSnapshot, cwd = process.cwd()): string {
  const rel = (f: string) => relative(cwd, f) || f;
  const lines: string[] = [];
  for (const p of s.pages) {
    const layout = p.layout === 'changed' || p.layout === 'updated' ? `${WORDS[p.layout]} (${p.layoutRows} rows)` : WORDS[p.layout];
    const pixels = p.pixels === 'changed' || p.pixels === 'updated' ? `${WORDS[p.pixels]} (${p.pixelsChanged} px at ${SNAPSHOT_DPI} dpi)` : WORDS[p.pixels];
    lines.push(`${s.edition} ${p.name}  layout ${layout}  pixels ${pixels}`);
    lines.push(...p.layoutChanges.map((c) => `    ${c}`));
    for (const f of p.files) lines.push(`    → ${rel(f)}`);
  }
  for (const f of s.orphans) lines.push(`${s.edition}: ${rel(f)} belongs to no page of the edition (--update removes it)`);
  return lines.join('\n');
}
