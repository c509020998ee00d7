/**
 * The edition session behind `banmian watch`: incremental rebuilds give the pages a fresh build
 * gives, re-read only what changed, and a broken edit keeps the last good pages on display and
 * the PDFs in the output folder as they were.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutTarget, renderEditionPage } from '../../src/build.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { EditionSession } from '../../src/watch/session.ts';
import { lineOf, sampleProject } from '../project.ts';

const p = sampleProject();
const out = p.path('out/sample');
const pdfFile = join(out, 'p02.pdf');
const s = new EditionSession(p.edition, { out });
const changed = (...rel: string[]) => new Set(rel.map(p.path));
afterAll(() => rmSync(p.dir, { recursive: true, force: true }));

/** The first ideograph of the body, changed for another (of the same width). */
function oneCharacter(text: string): string {
  const edited = text.replace(/(\n---\n[^\u4e00-\u9fff]*)([\u4e00-\u9fff])/, (_, before: string, c: string) => before + (c === '今' ? '昨' : '今'));
  if (edited === text) throw new Error('no ideograph to change');
  return edited;
}

describe('an edition session', () => {
  it('builds the edition: its pages with their overlays, and the PDFs in the output folder', async () => {
    const a = await s.rebuild();
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.ok).toBe(true);
    expect(s.shown.map((x) => x.number)).toEqual([2]);
    const [page] = s.shown;
    expect(readFileSync(pdfFile).equals(page!.pdf)).toBe(true);
    // the PNG is the trim (390 mm) at 100 dpi
    expect((await sharp(page!.png).metadata()).width).toBe(Math.round((390 / 25.4) * 100));
    const layout = layoutTarget(p.edition).pages[0]!;
    expect(page!.overlay.blocks.map((b) => b.id)).toEqual(layout.blocks.map((b) => b.id));
    expect(page!.overlay.frames).toHaveLength(layout.blocks.reduce((n, b) => n + b.frames.length, 0));
    expect(page!.overlay.columns).toHaveLength(layout.grid.columns);
    expect(page!.overlay.rows).toHaveLength(layout.grid.lines);
    // each block's 字数, as banmian check gives them
    expect(page!.overlay.blocks.map((b) => [b.fill.chars, b.fill.capacity])).toEqual(layout.blocks.map((b) => [b.fill.chars, b.fill.capacity]));
  });

  it('after a one-character edit re-reads only that article and redraws the page exactly as build would', async () => {
    const before = s.shown[0]!.hash;
    p.edit('content/sample/finance.md', oneCharacter);
    const a = await s.rebuild(changed('content/sample/finance.md'));
    expect(a.ok).toBe(true);
    expect(a.did).toMatch(/^read finance\.md, layout \d+ ms, 1 of 1 page redrawn/); // no manifests read
    expect(s.shown[0]!.hash).not.toBe(before);
    const fresh = layoutTarget(p.edition);
    expect(s.shown[0]!.pdf.equals(await renderEditionPage(fresh, fresh.pages[0]!))).toBe(true);
    expect(readFileSync(pdfFile).equals(s.shown[0]!.pdf)).toBe(true);
  });

  it('keeps the page of an unchanged layout without drawing it again', async () => {
    const before = s.shown[0]!.hash;
    p.edit('content/sample/finance.md', (t) => t); // saved again, unchanged
    const a = await s.rebuild(changed('content/sample/finance.md'));
    expect(a.did).toMatch(/the page unchanged/);
    expect(s.shown[0]!.hash).toBe(before);
  });

  const firstStory = () => loadTarget(p.edition).pages[0]!.blocks[0]!;
  const breaks: { name: string; code: string; file: string; line?: () => number; col?: number; break(): string; fix(): string }[] = [];
  {
    const page = 'layouts/sample/p02.yaml';
    let saved = '';
    const editPage = (change: (t: string) => string) => () => { saved = readFileSync(p.path(page), 'utf8'); p.edit(page, change); return page; };
    const restorePage = () => { writeFileSync(p.path(page), saved); return page; };
    breaks.push({ name: 'YAML syntax error', code: 'YAML_SYNTAX', file: page, break: editPage((t) => t.replace(/^number: 2$/m, 'number: [2')), fix: restorePage });
    breaks.push({ name: 'unknown key', code: 'UNKNOWN_KEY', file: page, line: () => lineOf(p.path(page), 'numbr:'), col: 1, break: editPage((t) => t.replace(/^number:/m, 'numbr:')), fix: restorePage });
  }
  {
    let story = '';
    breaks.push({
      name: 'missing story', code: 'MISSING_FILE', file: 'layouts/sample/p02.yaml',
      break: () => { story = firstStory().story.file; renameSync(story, `${story}.away`); return story.slice(p.dir.length + 1); },
      fix: () => { renameSync(`${story}.away`, story); return story.slice(p.dir.length + 1); },
    });
  }
  {
    let story = '', saved = '';
    breaks.push({
      name: 'overflow', code: 'BLOCK_OVERFLOW', file: 'layouts/sample/p02.yaml',
      break: () => { story = firstStory().story.file; saved = readFileSync(story, 'utf8'); writeFileSync(story, saved + `\n${saved.split('\n---\n')[1]}`.repeat(3)); return story.slice(p.dir.length + 1); },
      fix: () => { writeFileSync(story, saved); return story.slice(p.dir.length + 1); },
    });
  }

  it.each(breaks)('a broken edit ($name) is reported at its place, keeps the last good pages and leaves the PDFs alone', async (b) => {
    const shown = s.shown[0]!.hash, pdf = readFileSync(pdfFile), mtime = statSync(pdfFile).mtimeMs;
    const broken = await s.rebuild(changed(b.break()));
    expect(broken.ok).toBe(false);
    const d = broken.diagnostics.find((x) => x.code === b.code);
    expect(d, JSON.stringify(broken.diagnostics)).toMatchObject({ severity: 'error', file: p.path(b.file) });
    expect(d!.line).toBeGreaterThan(0);
    if (b.line) expect([d!.line, d!.col]).toEqual([b.line(), b.col]);
    expect(s.shown[0]!.hash).toBe(shown);
    expect(readFileSync(pdfFile).equals(pdf)).toBe(true);
    expect(statSync(pdfFile).mtimeMs).toBe(mtime);

    const fixed = await s.rebuild(changed(b.fix()));
    expect(fixed.ok).toBe(true);
    expect(fixed.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(s.shown[0]!.hash).toBe(shown);
  });
});

describe('a changed fonts.yaml', () => {
  it('is read again on the next rebuild: the body takes the font the file now names', async () => {
    const q = sampleProject();
    const fonts = q.path('fonts.yaml');
    // a project fonts.yaml that still finds the packages from the real install
    writeFileSync(fonts, readFileSync(join(import.meta.dirname, '../../fonts/fonts.yaml'), 'utf8')
      .replace(/\{ package: "([^"]+)", file: ([^ }]+) \}/g, (_, pkg: string, file: string) => `{ file: ${join(import.meta.dirname, '../../node_modules', pkg, file)} }`));
    q.edit('layouts/house.yaml', (t) => t.replace(/^fonts: .*$/m, `fonts: ${fonts}`));
    const session = new EditionSession(q.edition, { out: q.path('out/sample') });
    const before = await session.rebuild();
    expect(before.ok).toBe(true);
    const bodyFont = () => layoutTarget(q.edition).fonts.face('song', 400).file;
    expect(bodyFont()).toMatch(/NotoSerifSC_400Regular/);
    // song 400 now points at the bold file
    q.edit('fonts.yaml', (t) => t.replace(/400Regular\/NotoSerifSC_400Regular\.ttf/, '700Bold/NotoSerifSC_700Bold.ttf'));
    const pdf0 = session.shown[0]!.pdf;
    const after = await session.rebuild(new Set([fonts]));
    expect(after.ok).toBe(true);
    expect(session.shown[0]!.pdf.equals(pdf0)).toBe(false);
    expect(layoutTarget(q.edition).fonts.face('song', 400).file).toMatch(/NotoSerifSC_700Bold/);
  });
});
