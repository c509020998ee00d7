/**
 * What the snapshots catch and how they say it, on the sample page and on variants of it made in
 * memory: one word of an article changed, every line nudged by AA-noise amounts, one line moved.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutEdition, renderEditionPage, snapshotSubject, type EditionLayout } from '../../src/build.ts';
import type { PageLayout } from '../../src/layout/types.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import type { EditionSpec } from '../../src/manifest/types.ts';
import type { Raster } from '../../src/preview/raster.ts';
import { diffDumps } from '../../src/snapshot/diff.ts';
import { dumpPage, parseDump } from '../../src/snapshot/dump.ts';
import { editionsWithSnapshots, snapshotEdition } from '../../src/snapshot/edition.ts';
import { comparePixels, decodeReference, encodeReference, SNAPSHOT_DPI, snapshotRaster } from '../../src/snapshot/pixels.ts';

const ROOT = join(import.meta.dirname, '../..');
const EDITION = join(ROOT, 'layouts/sample/edition.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'banmian-snapshot-'));

/**
 * The sample edition as read once, with its articles copied to tmp/NAME/ (so edits others make to
 * the working tree meanwhile cannot leak into one variant and not the other); `edit` rewrites finance.md.
 */
const articles = new Map<string, string>();
function sample(spec: EditionSpec, name: string, edit = (text: string) => text): EditionLayout {
  mkdirSync(join(tmp, name));
  return layoutEdition({
    ...spec,
    pages: spec.pages.map((p) => ({
      ...p,
      blocks: p.blocks.map((b) => {
        const file = join(tmp, name, basename(b.story.file));
        const text = articles.get(b.story.file) ?? articles.set(b.story.file, readFileSync(b.story.file, 'utf8')).get(b.story.file)!;
        writeFileSync(file, b.story.id === 'finance' ? edit(text) : text);
        return { ...b, story: { ...b.story, file } };
      }),
    })),
  });
}

const linesOf = (p: PageLayout) => p.blocks.flatMap((b) => [...b.headline, ...b.frames.flatMap((f) => f.lines)]);
const raster = (l: EditionLayout, page: PageLayout) => renderEditionPage(l, page).then(snapshotRaster);
const px = (pt: number) => (pt * SNAPSHOT_DPI) / 72;

let base: EditionLayout, edited: EditionLayout;
let basePx: Raster;
beforeAll(async () => {
  const spec = loadTarget(EDITION);
  base = sample(spec, 'base');
  edited = sample(spec, 'edited', (text) => {
    expect(text).toContain('坚决');
    return text.replace('坚决', ''); // one word deleted
  });
  basePx = await raster(base, base.pages[0]!);
});

describe('layout dump', () => {
  it('holds every set line, addressed by block, column and line, with its text', () => {
    const page = base.pages[0]!;
    const rows = new Map(parseDump(dumpPage(page, base.edition)).map((r) => [r.path.join('/'), r]));
    for (const b of page.blocks) {
      b.frames.forEach((f, i) => f.lines.forEach((l, j) => {
        const row = rows.get(`block ${b.id}/column ${i + 1}/line ${j + 1}`);
        expect(row?.text).toBe(l.text);
        expect(Number(row?.fields.get('y'))).toBeCloseTo(l.baseline, 1);
      }));
      for (const l of b.headline) expect([...rows.values()].some((r) => r.path[0] === `block ${b.id}` && r.path[1] === 'headline' && r.text === l.text)).toBe(true);
    }
  });

  it('says where a deleted word changed the text, and only in its block', () => {
    const d = diffDumps(dumpPage(base.pages[0]!, base.edition), dumpPage(edited.pages[0]!, edited.edition));
    expect(d.changes).toBeGreaterThan(0);
    expect(d.lines[0]).toMatch(/^line \d+ of column 3 of block finance now (ends with|starts with|reads) «/);
    for (const l of d.lines) expect(l).toMatch(/block finance/);
  });

  it('reports a moved line, a gone line and a changed headline in words', () => {
    const page = structuredClone(base.pages[0]!);
    const col = page.blocks.find((b) => b.id === 'river')!.frames[1]!;
    const was = col.lines[4]!.baseline;
    col.lines[4]!.baseline += 2;
    const gone = col.lines.pop()!;
    page.blocks.find((b) => b.id === 'finance')!.headline.find((l) => l.role === 'title')!.text += '了';
    const lines = diffDumps(dumpPage(base.pages[0]!, base.edition), dumpPage(page, base.edition)).lines;
    const y = (v: number) => (Math.round(v * 10) / 10).toFixed(1);
    expect(lines).toEqual([
      'title 1 of the headline of block finance now ends with «…企业了» (was «…企业»)',
      `column 2 of block river lines ${col.lines.length + 1} → ${col.lines.length}`,
      `line 5 of column 2 of block river moved from y ${y(was)} to y ${y(was + 2)}`,
      `line ${col.lines.length + 1} of column 2 of block river is gone (was «${gone.text}»)`,
    ]);
  });
});

describe('visual snapshot', () => {
  it('is a small 4-bit picture that decodes to exactly what was rendered', async () => {
    const png = await encodeReference(basePx);
    expect(png.length).toBeLessThan(200_000);
    expect((await sharp(png).metadata()).width).toBe(Math.round(px(base.pages[0]!.width)));
    expect(Buffer.from((await decodeReference(png)).data).equals(Buffer.from(basePx.data))).toBe(true);
  });

  it('lets anti-aliasing noise pass: every line nudged by 0.1 pt', async () => {
    const page = structuredClone(base.pages[0]!);
    for (const l of linesOf(page)) { l.x += 0.1; l.baseline += 0.1; }
    const d = comparePixels(basePx, await raster(base, page));
    expect(d.fails).toBe(false);
  });

  it('fails on one line moved by 1 pt, around that line', async () => {
    const page = structuredClone(base.pages[0]!);
    const line = page.blocks.find((b) => b.id === 'glass')!.frames[0]!.lines[6]!;
    line.baseline += 1;
    const d = comparePixels(basePx, await raster(base, page));
    expect(d.fails).toBe(true);
    expect(d.box!.y).toBeGreaterThanOrEqual(Math.floor(px(line.baseline - 13.5)));
    expect(d.box!.y + d.box!.height).toBeLessThanOrEqual(Math.ceil(px(line.baseline + 4)));
  });

});

describe('snapshotEdition', () => {
  it('finds the editions that keep snapshots: an edition.yaml with a snapshots/ folder beside it', () => {
    const layouts = join(tmp, 'layouts');
    mkdirSync(join(layouts, 'a/snapshots'), { recursive: true });
    writeFileSync(join(layouts, 'a/edition.yaml'), '');
    mkdirSync(join(layouts, 'b'));
    writeFileSync(join(layouts, 'b/edition.yaml'), ''); // no snapshots/
    mkdirSync(join(layouts, 'c/snapshots'), { recursive: true }); // no edition.yaml
    expect(editionsWithSnapshots(layouts)).toEqual([join(layouts, 'a/edition.yaml')]);
  });

  it('creates references with update, pruning stale ones; then a deleted word fails, with the diff files written', async () => {
    const at = (l: EditionLayout): EditionLayout => ({ ...l, edition: { ...l.edition, file: join(tmp, 'ed/edition.yaml') } });
    const refs = join(tmp, 'ed/snapshots'), outDir = join(tmp, 'out');
    mkdirSync(refs, { recursive: true });
    writeFileSync(join(refs, 'p08.txt'), 'a page that went');
    const created = await snapshotEdition(snapshotSubject(at(base)), { outDir, prune: true, update: true });
    expect(created.pages.map((p) => [p.name, p.layout, p.pixels])).toEqual([['p02', 'created', 'created']]);
    expect(readdirSync(refs).sort()).toEqual(['p02.png', 'p02.txt']);

    writeFileSync(join(refs, 'p09.png'), 'a page that went');
    const changed = await snapshotEdition(snapshotSubject(at(edited)), { outDir, prune: true, update: false });
    const p = changed.pages[0]!;
    expect([p.layout, p.pixels]).toEqual(['changed', 'changed']);
    expect(p.layoutChanges[0]).toMatch(/of block finance/);
    expect(p.files.map((f) => f.slice(outDir.length + 1)).sort()).toEqual(['p02.diff.png', 'p02.png', 'p02.txt']);
    expect(readFileSync(join(outDir, 'p02.txt'), 'utf8')).toBe(dumpPage(edited.pages[0]!, edited.edition));
    expect(changed.orphans).toEqual([join(refs, 'p09.png')]);

    // the picture changed inside the finance block only; the diff shows ink gone in blue, new ink in red
    const d = comparePixels(await decodeReference(readFileSync(join(refs, 'p02.png'))), await decodeReference(readFileSync(join(outDir, 'p02.png'))));
    const b = base.pages[0]!.blocks.find((x) => x.id === 'finance')!;
    expect(d.box!.x).toBeGreaterThanOrEqual(Math.floor(px(b.x)));
    expect(d.box!.x + d.box!.width).toBeLessThanOrEqual(Math.ceil(px(b.x + b.width)));
    expect(d.box!.y + d.box!.height).toBeLessThanOrEqual(Math.ceil(px(b.y + b.height)));
    const { data } = await sharp(join(outDir, 'p02.diff.png')).raw().toBuffer({ resolveWithObject: true });
    let red = 0, blue = 0;
    for (let i = 0; i < data.length; i += 3) {
      if (data[i] === 220 && data[i + 1] === 0) red++;
      if (data[i] === 0 && data[i + 2] === 255) blue++;
    }
    expect(red).toBeGreaterThan(0);
    expect(blue).toBeGreaterThan(0);
    expect(red + blue).toBe(d.changed);
  });
});
