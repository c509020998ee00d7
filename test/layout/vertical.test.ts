/**
 * Vertical headlines (竖题): the font's vertical forms, top to bottom and right to left, 纵中横
 * digits, turned Latin, whole-character strips; and packages (集纳) of items under one flag.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, renderEditionPage, type EditionLayout } from '../../src/build.ts';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { setVerticalColumn } from '../../src/text/vertical.ts';
import { fonts } from '../text/helpers.ts';
import { extractChars } from '../pdf.ts';
import { ROOT, sampleProject } from '../project.ts';

const hei = fonts.face('hei', 700);
const song = fonts.face('song', 700);

describe('vertical columns', () => {
  it('uses the font vertical forms for punctuation and corner brackets for quotes', () => {
    const col = setVerticalColumn('好，“中”。', song, 20, 20);
    const horizontal = song.font.layout('好，』。', [], 'hani', 'ZHS').glyphs.map((g) => g.id);
    const vert = song.font.layout('好，『中』。', ['vert'], 'hani', 'ZHS').glyphs.map((g) => g.id);
    expect(col.glyphs.map((g) => g.gid)).toEqual(vert);
    expect(col.glyphs[1]!.gid).not.toBe(horizontal[1]); // ， became its vertical form
    expect(col.glyphs.map((g) => g.text).join('')).toBe('好，“中”。'); // the source text is kept
  });

  it('stacks glyphs top to bottom, one em each (vmtx), and sets 2–3 digits upright in one cell', () => {
    const col = setVerticalColumn('28个项目', hei, 20, 20);
    const ys = col.glyphs.map((g) => g.y!);
    expect(col.glyphs.slice(0, 2).map((g) => g.text)).toEqual(['2', '8']);
    expect(ys[0]).toBeCloseTo(ys[1]!, 6); // side by side in one cell
    expect(col.glyphs[1]!.x).toBeGreaterThan(col.glyphs[0]!.x);
    const cells = [ys[1]!, ys[2]!, ys[3]!, ys[4]!];
    for (let i = 1; i < cells.length; i++) expect(cells[i]! - cells[i - 1]!).toBeCloseTo(20, 1);
    expect(col.length).toBeCloseTo(4 * 20, 6); // 28 · 个 · 项 · 目
  });

  it('turns a longer number or word 90° clockwise', () => {
    const col = setVerticalColumn('总投资86.03亿元', hei, 12, 12);
    const turned = col.glyphs.filter((g) => g.rotated).map((g) => g.text).join('');
    expect(turned).toBe('86.03');
    expect(col.glyphs.filter((g) => !g.rotated).map((g) => g.text).join('')).toBe('总投资亿元');
  });
});

describe('vertical headlines and packages on the sample page', () => {
  let sample: EditionLayout;
  beforeAll(() => { sample = layoutTarget(join(ROOT, 'layouts/sample/edition.yaml')); });

  it('sets the district headlines as vertical columns, right to left, in a strip of whole characters', async () => {
    const page = sample.pages[0]!;
    const b = page.blocks.find((x) => x.id === 'jingkai')!;
    const cols = b.headline.filter((l) => l.vertical);
    expect(cols.map((l) => l.role)).toEqual(['kicker', 'title', 'deck']);
    expect(cols[0]!.x).toBeGreaterThan(cols[1]!.x); // kicker right of the title
    expect(cols[1]!.x).toBeGreaterThan(cols[2]!.x);
    // the text column beside it is whole characters wide
    expect((b.frames[0]!.width / page.grid.em) % 1).toBeCloseTo(0, 6);
    // extraction returns the headline's text in order
    const chars = extractChars(await renderEditionPage(sample, page)).map((c) => c.c).join('');
    expect(chars).toContain('荆州经开区');
    expect(chars).toContain('个项目集中开工');
  });

  it('places the ten district items inside the project package, under its head', () => {
    const page = sample.pages[0]!;
    const pkg = page.blocks.find((b) => b.id === 'projects')!;
    expect(pkg.package).toBeDefined();
    const items = page.blocks.filter((b) => b.parent === 'projects');
    expect(items.map((b) => b.id)).toEqual(['jingkai', 'jinan', 'jingzhouqu', 'shashi', 'songzi', 'gongan', 'shishou', 'jiangling', 'jianli', 'honghu']);
    for (const b of items) {
      expect(b.y).toBeGreaterThan(pkg.y + pkg.height - 1);
      expect(b.y + b.height).toBeLessThanOrEqual(pkg.package!.y + pkg.package!.height + 0.01);
    }
  });

  it('an item running out of its package is an error at the item', () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s.replace('id: honghu,     story: honghu,     fit: auto, col: 7, cols: 2, line: 38, lines: 18', 'id: honghu,     story: honghu,     fit: auto, col: 7, cols: 2, line: 38, lines: 19'));
    try {
      layoutTarget(p.edition);
      expect.unreachable();
    } catch (e) {
      const d = (e as DiagnosticError).diagnostics.find((x) => x.code === 'BLOCK_OFF_PACKAGE')!;
      expect(d.message).toMatch(/item "honghu".*package "projects"/);
      expect(d.line).toBeGreaterThan(30);
    }
  });
});
