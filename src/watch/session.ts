/**
 * One edition kept built for `banmian watch`: each rebuild re-reads only what changed and
 * re-renders only the pages whose display list changed.
 *
 * - Articles are cached per file (story, warnings, copy lint) until the file changes; when only
 *   articles changed, the manifests are not read again.
 * - Any other change (a manifest, the house style, fonts.yaml, a photo, an article created or
 *   deleted) reloads the manifests; stories still come from the cache.
 * - The whole edition is laid out again (a story threads from page to page); the composer keeps
 *   its shaping per (font, text) segment, so unchanged paragraphs cost little.
 * - A page whose display list, manifest and house style are unchanged keeps its PDF and PNG.
 *
 * A build with any error is not shown and not written: the preview keeps the last good pages
 * and lists the new diagnostics, and the PDFs in the output folder stay as they were.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { layoutEdition, pdfMeta, readStory, renderEditionPage, writeEdition, type EditionLayout, type StoryReader } from '../build.ts';
import { diag, DiagnosticError, type Diagnostic } from '../diagnostic.ts';
import { basicColumns, blockBox, rowsHeight, rowTop, textSpan } from '../layout/geometry.ts';
import type { BlockLayout, PageLayout } from '../layout/types.ts';
import { emptyAreas } from '../check/emptyArea.ts';
import { forgetFontRegistry } from '../fonts/registry.ts';
import { contentDir, editionFileOf, loadTarget } from '../manifest/load.ts';
import type { EditionSpec } from '../manifest/types.ts';
import { PREVIEW_DPI } from '../preview/previews.ts';
import { rasterisePdf, rasterToSharp } from '../preview/raster.ts';

export interface Rect { x: number; y: number; width: number; height: number }

/** What the overlay draws over a page, in trim coordinates (pt, y down), like the PNG. */
export interface Overlay {
  columns: Rect[]; // the basic columns of the type area, full height
  rows: number[]; // the em-box top of every grid row
  blocks: (Rect & { id: string; package?: Rect; fill: BlockFigures })[];
  frames: Rect[]; // text columns
  empty: Rect[]; // empty areas (开天窗, EMPTY_AREA)
}

export interface ShownPage {
  number: number;
  section?: string;
  width: number;
  height: number;
  hash: string; // of the PNG: changes exactly when the picture does
  pdf: Buffer;
  png: Buffer;
  overlay: Overlay;
}

export interface Attempt {
  version: number;
  ok: boolean; // no errors: its pages are shown (and written)
  at: Date;
  ms: number;
  did: string; // what the rebuild redid, for the status line
  diagnostics: Diagnostic[];
}

export interface SessionOptions {
  fit?: boolean;
  out?: string; // output folder; default out/<edition> under the working directory
}

interface CachedStory { id: string; result?: ReturnType<StoryReader>; error?: DiagnosticError }
interface Rendered { key: string; pdf: Buffer; png: Buffer; hash: string }

export class EditionSession {
  /** The pages on display: those of the last build without errors. */
  shown: ShownPage[] = [];
  shownAt?: Date;
  title: string;
  /** The edition's body font file: the preview page's fallback for Chinese where the system has none. */
  font?: string;
  last?: Attempt;
  private spec?: EditionSpec;
  private stories = new Map<string, CachedStory>();
  private renders = new Map<string, Rendered>(); // by render key, the pages of the last good build
  private version = 0;

  constructor(readonly target: string, private readonly o: SessionOptions = {}) {
    this.title = basename(target);
  }

  /**
   * Folders whose files the edition reads: its manifests, fonts.yaml and articles, and the whole
   * content folder (recursive: photos live in subfolders).
   */
  dirs(): { dir: string; recursive: boolean }[] {
    const content = contentDir(this.spec?.file ?? editionFileOf(this.target));
    const dirs = new Set<string>([existsSync(join(this.target, 'edition.yaml')) ? this.target : dirname(this.target)]);
    const ed = this.spec;
    if (ed) {
      for (const f of [ed.file, ed.house.file, ed.house.fontsFile, ...ed.pages.flatMap((p) => [p.file, ...p.blocks.map((b) => b.story.file)])]) dirs.add(dirname(f));
    }
    dirs.delete(content);
    return [{ dir: content, recursive: true }, ...[...dirs].map((dir) => ({ dir, recursive: false }))].filter((d) => existsSync(d.dir));
  }

  /** Whether a change to this file can change the edition: a manifest, an article, a photo, fonts.yaml. */
  relevant(file: string): boolean {
    return /\.(ya?ml|md|markdown|png|jpe?g|tiff?)$/i.test(file) || file === this.spec?.house.fontsFile;
  }

  /** Rebuilds after `changed` files changed (all of them on the first build). */
  async rebuild(changed: ReadonlySet<string> = new Set()): Promise<Attempt> {
    const start = performance.now();
    const did: string[] = [];
    const storyFiles = new Set(this.spec?.pages.flatMap((p) => p.blocks.map((b) => b.story.file)));
    const known = (f: string) => storyFiles.has(f) && existsSync(f);
    for (const f of changed) this.stories.delete(f);
    // a changed fonts.yaml is read again (the fonts themselves stay parsed, per file)
    if (this.spec && changed.has(this.spec.house.fontsFile)) forgetFontRegistry(this.spec.house.fontsFile);
    const attempt = (ok: boolean, diagnostics: Diagnostic[]): Attempt => {
      this.last = { version: ++this.version, ok, at: new Date(), ms: performance.now() - start, did: did.join(', '), diagnostics };
      return this.last;
    };

    let layout: EditionLayout;
    try {
      if (!this.spec || [...changed].some((f) => !known(f))) {
        const t = performance.now();
        this.spec = undefined; // until the manifests load again, any change retries them
        this.spec = loadTarget(this.target);
        this.title = `${this.spec.paper} ${this.spec.date}`;
        did.push(`manifests ${ms(t)}`);
      }
      const read = [...changed].filter((f) => storyFiles.has(f)).map((f) => basename(f));
      const t = performance.now();
      layout = layoutEdition(this.spec, { fit: this.o.fit === true }, this.readStory);
      did.push(`${read.length ? `read ${read.join(', ')}, ` : ''}layout ${ms(t)}`);
    } catch (e) {
      if (e instanceof DiagnosticError) return attempt(false, e.diagnostics);
      return attempt(false, [internalError(e, this.spec?.file ?? this.target)]);
    }
    this.font = layout.fonts.face(layout.edition.house.body.family, layout.edition.house.body.weight).file;
    if (layout.diagnostics.some((d) => d.severity === 'error')) return attempt(false, layout.diagnostics);

    const diagnostics = [...layout.diagnostics];
    const renders = new Map<string, Rendered>();
    const byPage = new Map<PageLayout, Rendered>();
    let pdfMs = 0, pngMs = 0, redrawn = 0;
    try {
      for (const page of layout.pages) {
        const key = renderKey(layout, page);
        let r = this.renders.get(key);
        if (!r) {
          let t = performance.now();
          const pdf = await renderEditionPage(layout, page);
          pdfMs += performance.now() - t;
          t = performance.now();
          const raster = await rasterisePdf(pdf, { dpi: PREVIEW_DPI, gray: false });
          // a fast PNG: it only crosses the loopback
          const png = await rasterToSharp(raster).png({ compressionLevel: 3 }).toBuffer();
          pngMs += performance.now() - t;
          r = { key, pdf, png, hash: createHash('sha1').update(png).digest('hex').slice(0, 12) };
          redrawn++;
        }
        renders.set(key, r);
        byPage.set(page, r);
      }
    } catch (e) {
      return attempt(false, [...diagnostics, ...(e instanceof DiagnosticError ? e.diagnostics : [internalError(e, this.spec.file)])]);
    }
    const n = layout.pages.length;
    did.push(redrawn ? `${redrawn} of ${n} page${n > 1 ? 's' : ''} redrawn: PDF ${Math.round(pdfMs)} ms, PNG ${Math.round(pngMs)} ms` : `${n > 1 ? `all ${n} pages` : 'the page'} unchanged`);
    this.renders = renders;

    const t = performance.now();
    const out = this.o.out ?? join('out', layout.edition.name);
    try {
      await writeEdition(layout, out, async (_, page) => byPage.get(page)!.pdf);
      did.push(`written ${ms(t)}`);
    } catch (e) {
      // the pages are good; the folder is the problem
      diagnostics.push(...(e instanceof DiagnosticError ? e.diagnostics : [internalError(e, out)]));
    }
    this.shown = layout.pages.map((page) => {
      const r = byPage.get(page)!;
      const { section } = page;
      return { number: page.number, ...(section ? { section } : {}), width: page.width, height: page.height, hash: r.hash, pdf: r.pdf, png: r.png, overlay: overlayOf(page) };
    });
    const a = attempt(!diagnostics.some((d) => d.severity === 'error'), diagnostics);
    this.shownAt = a.at;
    return a;
  }

  /** Articles as the build reads them, from the cache; a changed file was dropped from it before the rebuild. */
  private readStory: StoryReader = (id, file) => {
    let c = this.stories.get(file);
    if (!c || c.id !== id) {
      c = { id };
      try {
        c.result = readStory(id, file);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        c.error = e; // an article that cannot be set stays so until it changes
      }
      this.stories.set(file, c);
    }
    if (c.error) throw c.error;
    return c.result!;
  };
}

const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;

/** Everything the page's PDF is made from, hashed: the display list (less its diagnostics) and what it is printed on and with. */
function renderKey(layout: EditionLayout, page: PageLayout): string {
  const json = JSON.stringify([{ ...page, diagnostics: [] }, pdfMeta(layout.edition)]);
  return createHash('sha1').update(json).digest('hex');
}

/** A block's copy and room, as `banmian check` gives them: characters (overset included) and lines (the rows the copy takes, and the lines over). */
export interface BlockFigures { chars: number; capacity: number; lines: number; rows: number; overflow: number; underflow: number }

function blockFigures(b: BlockLayout): BlockFigures {
  const rows = b.frames.reduce((n, f) => n + f.capacity, 0);
  return { chars: b.fill.chars + (b.fill.overset ?? 0), capacity: b.fill.capacity, lines: rows - b.underflow + b.overflow, rows, overflow: b.overflow, underflow: b.underflow };
}

function overlayOf(page: PageLayout): Overlay {
  const g = page.grid;
  const height = rowsHeight(g, g.lines);
  return {
    columns: basicColumns(g, { col: 1, cols: g.columns, line: 1, lines: g.lines }).map((c) => ({ ...c, y: g.y0, height })),
    rows: Array.from({ length: g.lines }, (_, i) => rowTop(g, i + 1)),
    blocks: page.blocks.map((b) => ({
      id: b.id, x: b.x, y: b.y, width: b.width, height: b.height,
      ...(b.package ? { package: { x: b.package.x, y: b.package.y, width: b.package.width, height: b.package.height } } : {}),
      fill: blockFigures(b),
    })),
    empty: emptyAreas(page).flat().map((r) => { const { x, y, width, height } = blockBox(g, r); return { x, y, width, height }; }),
    frames: page.blocks.flatMap((b) => b.frames.map((f) => {
      if (f.tier) return { x: f.x, y: f.tier.y, width: f.width, height: f.tier.height }; // a tier of vertical text
      const { top, height } = textSpan(g, b.text, f.firstLine, f.capacity);
      return { x: f.x, y: top, width: f.width, height };
    })),
  };
}

/** A bug in banmian, not in the user's files: reported in the preview instead of stopping the watcher. */
function internalError(e: unknown, file: string): Diagnostic {
  return diag('error', 'INTERNAL_ERROR', `banmian failed: ${(e as Error)?.message ?? String(e)}`, {
    file, hint: 'this is a bug in banmian; please report it with the files that cause it (the watcher goes on)',
  });
}
