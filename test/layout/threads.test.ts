/**
 * Editions and jump lines: stories threaded across pages with （下转第N版）/（上接第M版）
 * generated from the real page numbers; thread mistakes are diagnostics at file:line:col.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as mupdf from 'mupdf';
import { layoutTarget, renderEditionPage, writeEdition, type EditionLayout } from '../../src/build.ts';
import { loadStory } from '../../src/content/story.ts';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostic.ts';
import { pageViolations } from '../../src/check/typography.ts';
import { chineseNumeral } from '../../src/layout/threads.ts';
import type { BlockLayout } from '../../src/layout/types.ts';
import { extractText, squash } from '../pdf.ts';
import { lineOf, ROOT, sampleProject } from '../project.ts';

const DEMO = join(ROOT, 'layouts/threads/edition.yaml');

/** The threads edition copied into a scratch project, so a test can move its blocks. */
function demoProject() {
  const p = sampleProject();
  return { ...p, edition: p.path('layouts/threads/edition.yaml') };
}

const blockText = (b: BlockLayout) => b.frames.flatMap((f) => f.lines.filter((l) => l.role === 'body').map((l) => l.text)).join('');
const storyText = (file: string) => {
  const s = loadStory('x', join(ROOT, 'content/sample', file));
  return (s.dateline ?? '') + s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.lines.join(''))).join('');
};
const find = (layout: EditionLayout, id: string) => {
  for (const p of layout.pages) { const b = p.blocks.find((x) => x.id === id); if (b) return { page: p, block: b }; }
  throw new Error(`no block ${id}`);
};
const jumpLines = (b: BlockLayout) => b.frames.flatMap((f) => f.lines.filter((l) => l.role === 'jump').map((l) => l.text));

let demo: EditionLayout;
let texts: Map<number, string>;
beforeAll(async () => {
  demo = layoutTarget(DEMO);
  texts = new Map();
  for (const page of demo.pages) texts.set(page.number, squash(extractText(await renderEditionPage(demo, page))));
});

describe('the threads edition (placed by hand)', () => {
  it('builds three pages with no errors and no overflow, and passes the checks of docs/typography.md §7', () => {
    expect(demo.pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(demo.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const p of demo.pages) {
      expect(p.blocks.every((b) => b.overflow === 0)).toBe(true);
      expect(pageViolations(p).filter((v) => v.check !== 'ORPHAN_BOTTOM')).toEqual([]);
    }
  });

  it('sets each threaded story complete and in order across its parts', () => {
    const parts = { 'finance.md': ['finance', 'finance-2'], 'glass.md': ['glass', 'glass-2', 'glass-3'], 'villages.md': ['villages', 'villages-3'] };
    for (const [file, ids] of Object.entries(parts)) {
      expect(ids.map((id) => blockText(find(demo, id).block)).join(''), file).toBe(storyText(file));
    }
  });

  it('ends each part with （下转第N版） and starts each continuation with （上接第M版）, with the real page numbers', () => {
    const chain = [['finance', 'finance-2'], ['glass', 'glass-2'], ['glass-2', 'glass-3'], ['villages', 'villages-3']] as const;
    for (const [a, b] of chain) {
      const from = find(demo, a), to = find(demo, b);
      const down = `（下转第${to.page.number}版）`, up = `（上接第${from.page.number}版）`;
      // in the layout: the last line of the part, and the first line of the continuation
      expect(from.block.frames.at(-1)!.lines.at(-1)!.text, a).toBe(down);
      expect(to.block.frames[0]!.lines[0]!.text, b).toBe(up);
      expect(from.block.jump?.to).toBe(to.page.number);
      expect(to.block.jump?.from).toBe(from.page.number);
      // in the PDFs: the marker follows the part's last words, and precedes the continuation's first
      const lastWords = squash(blockText(from.block)).slice(-6);
      expect(texts.get(from.page.number)!, a).toContain(lastWords + down);
      const firstWords = squash(blockText(to.block)).slice(0, 6);
      expect(texts.get(to.page.number)!, b).toContain(up + firstWords);
    }
    // a page-1 story that fits there carries no jump line
    expect(jumpLines(find(demo, 'ecommerce').block)).toEqual([]);
  });

  it('renumbers both markers when a continuation moves to another page, with nothing else edited', () => {
    const p = demoProject();
    // move glass-3 (page 3) to page 2 by swapping the page numbers of p02 and p03 ... in the edition order
    p.edit('layouts/threads/p02.yaml', (s) => s.replace('number: 2', 'number: 4'));
    const moved = layoutTarget(p.edition);
    expect(jumpLines(find(moved, 'glass').block)).toEqual(['（下转第4版）']);
    expect(jumpLines(find(moved, 'glass-2').block)).toEqual(['（上接第1版）', '（下转第3版）']);
    expect(jumpLines(find(moved, 'glass-3').block)).toEqual(['（上接第4版）']);
    expect(jumpLines(find(moved, 'finance-2').block)).toEqual(['（上接第1版）']);
  });

  it('writes 第二版 with house jump.digits: chinese', () => {
    const p = demoProject();
    p.edit('layouts/house.yaml', (s) => `${s}jump: { digits: chinese }\n`);
    expect(jumpLines(find(layoutTarget(p.edition), 'glass-2').block)).toEqual(['（上接第一版）', '（下转第三版）']);
    expect([12, 20, 100, 105, 110, 120].map(chineseNumeral)).toEqual(['十二', '二十', '一百', '一百零五', '一百一十', '一百二十']);
  });
});

describe('edition.pdf', () => {
  it('holds every page of the edition in order, and is the same bytes on a rebuild', async () => {
    const out = mkdtempSync(join(tmpdir(), 'banmian-ed-'));
    await writeEdition(demo, out);
    const first = readFileSync(join(out, 'edition.pdf'));
    const doc = mupdf.Document.openDocument(first, 'application/pdf');
    expect(doc.countPages()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const page = doc.loadPage(i);
      expect(squash(page.toStructuredText('preserve-whitespace').asText()), `page ${i + 1}`).toBe(texts.get(i + 1));
      page.destroy();
    }
    doc.destroy();
    await writeEdition(layoutTarget(DEMO), out);
    expect(readFileSync(join(out, 'edition.pdf')).equals(first)).toBe(true);
  });
});

describe('continued-from / continued-to (a page outside the build)', () => {
  it('the sample page 2 continuations start with a generated （上接第1版）', () => {
    const sample = layoutTarget(join(ROOT, 'layouts/sample/edition.yaml'));
    for (const id of ['xi', 'river']) expect(jumpLines(find(sample, id).block)).toEqual(['（上接第1版）']);
  });

  it('continued-to: 5 ends the block with （下转第5版） and is no overflow', () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s.replace('id: finance,   story: finance,   fit: auto,', 'id: finance,   story: finance,   continued-to: 5,').replace(/(id: finance,.*)lines: 22/, '$1lines: 18'));
    const l = layoutTarget(p.edition);
    const b = find(l, 'finance').block;
    expect(b.overflow).toBe(0);
    expect(jumpLines(b)).toEqual(['（下转第5版）']);
    expect(l.diagnostics.filter((d) => d.block === 'finance' && d.severity === 'error')).toEqual([]);
  });
});

describe('thread mistakes', () => {
  const errors = (edit: (s: string) => string, page = 'p03.yaml'): Diagnostic[] => {
    const p = demoProject();
    p.edit(`layouts/threads/${page}`, edit);
    try { layoutTarget(p.edition); } catch (e) { if (e instanceof DiagnosticError) return e.diagnostics.map((d) => ({ ...d, file: d.file.replace(p.dir, '') })); throw e; }
    return [];
  };
  const p03 = join(ROOT, 'layouts/threads/p03.yaml');

  it('an unknown block id, with a did-you-mean', () => {
    const [d] = errors((s) => s.replace('continues: glass-2', 'continues: glas-2'));
    expect(d).toMatchObject({ code: 'UNKNOWN_BLOCK', file: '/layouts/threads/p03.yaml', line: lineOf(p03, 'continues: glass-2'), hint: 'did you mean "glass-2"?' });
    expect(d!.col).toBeGreaterThan(1);
  });

  it('a continuation of a block that sets another story', () => {
    const [d] = errors((s) => s.replace('continues: villages,', 'continues: glass-2,'));
    expect(d!.code).toMatch(/THREAD_OTHER_STORY|THREAD_FORK/);
    expect(d!.line).toBe(lineOf(p03, 'continues: villages'));
  });

  it('two blocks continuing the same block', () => {
    const ds = errors((s) => s.replace('continues: glass-2,', 'continues: glass,'));
    expect(ds.map((d) => d.code)).toContain('THREAD_FORK');
  });

  it('a cycle', () => {
    // glass-3 and a new glass-4 on page 3 continue each other
    const ds = errors((s) => s.replace('continues: glass-2', 'continues: glass-4').replace('\nblocks:\n', '\nblocks:\n  - { id: glass-4, story: ../../content/sample/glass.md, continues: glass-3, col: 1, cols: 2, line: 30, lines: 5 }\n'));
    expect(ds.map((d) => d.code)).toContain('THREAD_CYCLE');
    expect(ds.find((d) => d.code === 'THREAD_CYCLE')!.line).toBeGreaterThan(0);
  });
});
