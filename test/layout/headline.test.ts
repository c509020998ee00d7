/**
 * Headline fitting: the largest size in the house range, then condensing (长体) within the limit;
 * over its rows, a smaller size within the range, else only the lines that fit.
 */
import { describe, expect, it } from 'vitest';
import { fitDeck, setHeadline, type HeadlineDeck } from '../../src/layout/headline.ts';
import { rowsHeight } from '../../src/layout/geometry.ts';
import type { Style } from '../../src/manifest/types.ts';
import { fonts } from '../text/helpers.ts';
import { layoutTarget, PROOF_ERRORS } from '../../src/build.ts';
import { sampleProject } from '../project.ts';

const title: Style = { name: 'title', family: 'song', weight: 700, size: 26, pitch: 32, align: 'center', colour: undefined } as unknown as Style;
const deck = (lines: string[], condense = 0.85): HeadlineDeck => ({ role: 'title', style: title, lines, fit: { min: 22, max: 42, condense } });

describe('headline fit', () => {
  it('takes the largest size at which every designer line fits the width', () => {
    // 10 characters in 369 pt (a 3-column block): 36.5 pt fits (365 pt), 37 does not
    expect(fitDeck(deck(['抓紧建立支持小微企业', '融资协调工作机制']), fonts, 369)).toEqual({ size: 36.5, hscale: 1 });
    expect(fitDeck(deck(['融资协调工作机制']), fonts, 369)).toEqual({ size: 42, hscale: 1 });
  });

  it('condenses at the smallest size when it must, never beyond the house limit', () => {
    // 18 characters at 22 pt = 396 pt in 369: condensed to 93%
    const r = fitDeck(deck(['国家特种光学玻璃材料技术创新中心合作']), fonts, 369)!;
    expect(r.size).toBe(22);
    expect(r.hscale).toBeCloseTo(369 / 396, 3);
    expect(fitDeck(deck(['国家特种光学玻璃材料技术创新中心合作'], 0.95), fonts, 369)).toBeNull();
  });
});

describe('a headline over its rows', () => {
  const grid = { em: 9, pitch: 13.5, x0: 50, y0: 80, width: 999, lines: 105, firstBaseline: 88, columns: 8, colChars: 13, gutterChars: 1 };
  const kicker: Style = { ...title, name: 'kicker', family: 'hei', weight: 400, size: 14, pitch: 18 } as Style;
  const decks = (min: number): HeadlineDeck[] => [
    { role: 'kicker', style: kicker, lines: ['我市安排部署当前金融重点工作'] },
    { role: 'title', style: title, lines: ['抓紧建立支持小微企业', '融资协调工作机制'], fit: { min, max: 36, condense: 0.85 } },
  ];
  const sizeOf = (h: ReturnType<typeof setHeadline>) => h.lines.find((l) => l.role === 'title')!.glyphs[0]!.size;

  it('takes a smaller size within its range so that it fits its rows', () => {
    const roomy = setHeadline(decks(26), fonts, grid, 369, 9);
    expect(sizeOf(roomy)).toBe(36);
    const tight = setHeadline(decks(26), fonts, grid, 369, 7);
    expect(sizeOf(tight)).toBeLessThan(36);
    expect(sizeOf(tight)).toBeGreaterThanOrEqual(26);
    expect(tight.height).toBeLessThanOrEqual(rowsHeight(grid, 7) + 0.01);
    expect(tight.clipped).toBe(0);
    expect(tight.lines.map((l) => l.text)).toEqual(roomy.lines.map((l) => l.text));
    // the largest that fits: half a point more does not
    const larger = setHeadline(decks(sizeOf(tight) + 0.5), fonts, grid, 369, 7);
    expect(larger.height).toBeGreaterThan(rowsHeight(grid, 7) + 0.01);
  });

  it('keeps only the lines inside its rows when even its smallest size is too tall', () => {
    const h = setHeadline(decks(30), fonts, grid, 369, 5);
    expect(h.height).toBeGreaterThan(rowsHeight(grid, 5));
    // the kicker and the title's first line at its smallest size; its second line left out
    expect(h.lines.map((l) => l.text)).toEqual(['我市安排部署当前金融重点工作', '抓紧建立支持小微企业']);
    expect(sizeOf(h)).toBe(30);
    expect(h.clipped).toBe(1);
    for (const l of h.lines) {
      const size = l.glyphs[0]!.size;
      expect(l.baseline - 0.88 * size).toBeGreaterThanOrEqual(-0.01); // em-box top inside the rows
      expect(l.baseline + 0.12 * size).toBeLessThanOrEqual(rowsHeight(grid, 5) + 0.01); // and its bottom
    }
  });
});

describe('headlines on the sample page, given fewer rows', () => {
  it('a fitted title shrinks into them; one that cannot is cut at them, with the overset mark and the error', () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s
      .replace('headline: { lines: 9, fit: { min: 一号, max: 小初 } }', 'headline: { lines: 7, fit: { min: 一号, max: 小初 } }')
      .replace('headline: { lines: 6, title: { size: 三号 } }', 'headline: { lines: 2, title: { size: 二号 } }'));
    const layout = layoutTarget(p.edition);
    const page = layout.pages[0]!;
    const block = (id: string) => page.blocks.find((b) => b.id === id)!;
    const inRows = (id: string, rows: number) => block(id).headline.every((l) => l.baseline + 0.12 * l.glyphs[0]!.size <= block(id).y + rowsHeight(page.grid, rows) + 0.01);
    const tall = layout.diagnostics.filter((d) => d.code === 'HEADLINE_TOO_TALL');
    expect(tall.map((d) => d.block)).toEqual(['villages']);
    // finance: its title smaller than 小初, inside its 7 rows, whole
    expect(block('finance').headline.filter((l) => l.role === 'title').map((l) => l.glyphs[0]!.size)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(block('finance').headline.find((l) => l.role === 'title')!.glyphs[0]!.size).toBeLessThan(36);
    expect(inRows('finance', 7)).toBe(true);
    // villages: 二号 wraps into two lines between words; only the first fits its two rows
    expect(tall[0]!.message).toContain('1 of its lines left out');
    expect(block('villages').headline.map((l) => l.text)).toEqual(['荆州美丽乡村片区']);
    expect(block('villages').headlineOverset).toBe(1);
    expect(inRows('villages', 2)).toBe(true);
    expect(page.marks.filter((m) => m.block === 'villages')).toHaveLength(1);
    // the proof is still written: no copy counted lost, no error but those the proof shows
    expect(layout.diagnostics.filter((d) => d.severity === 'error' && !PROOF_ERRORS.has(d.code))).toEqual([]);
  });
});
