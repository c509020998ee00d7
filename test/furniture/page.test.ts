/**
 * Rules, boxes and tints in the gutters and leading of the grid, page 1's masthead and the folio
 * line of later pages: where they sit, what they say, and the mistakes around them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, renderEditionPage, type EditionLayout } from '../../src/build.ts';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostic.ts';
import { lunarDate } from '../../src/layout/furniture.ts';
import { rowTop } from '../../src/layout/geometry.ts';
import type { Furniture, PageLayout } from '../../src/layout/types.ts';
import { extractText, squash } from '../pdf.ts';
import { contentStreams, ops } from '../render/fixture.ts';
import { scratch } from './project.ts';

const of = <K extends Furniture['kind']>(p: PageLayout, kind: K) => p.furniture.filter((f): f is Extract<Furniture, { kind: K }> => f.kind === kind);

describe('rules, boxes, masthead and folio', () => {
  let layout: EditionLayout;
  let p1: PageLayout, p2: PageLayout;
  beforeAll(() => {
    const s = scratch([1, 2], { edition: 'masthead: { issue: 12345, serial: CN 42-0000, postal: 37-00, lunar: true }\n' });
    s.page(1, `blocks:
  - { id: finance, story: finance, col: 1, cols: 3, line: 13, lines: 24, headline: { lines: 9 } }
masthead: { col: 1, cols: 3, line: 1, lines: 12 }
`);
    s.page(2, `blocks:
  - { id: xi, story: xi, col: 1, cols: 3, line: 1, lines: 25 }
  - { id: villages, story: villages, col: 4, cols: 3, line: 1, lines: 25, headline: { lines: 5 } }
  - { id: glass, story: glass, col: 1, cols: 6, line: 26, lines: 16, headline: { lines: 5 }, box: true, tint: [0, 0, 0, 10] }
  - { id: finance-2, story: finance, continues: finance, col: 7, cols: 2, line: 1, lines: 41 }
rules: { columns: true }
credits: { 责任编辑: 张三, 美术编辑: 李四, 校对: 王五 }
`);
    layout = layoutTarget(s.edition);
    [p1, p2] = layout.pages as [PageLayout, PageLayout];
  });

  it('draws a rule in the middle of the gutter between neighbouring stories, none along a box', () => {
    const g = p2.grid;
    const gutter = (col: number) => g.x0 + col * (g.colChars + g.gutterChars) * g.em - g.em / 2;
    const bottom = rowTop(g, 25) + g.em + (g.pitch - g.em) / 2; // the middle of the leading under row 25
    const rules = of(p2, 'rule').filter((r) => r.role === 'story').map((r) => [r.x1, r.y1, r.x2, r.y2].map((v) => Math.round(v * 100) / 100));
    const round = (v: number) => Math.round(v * 100) / 100;
    expect(rules).toEqual([
      [round(gutter(3)), round(g.y0), round(gutter(3)), round(bottom)],
      [round(gutter(6)), round(g.y0), round(gutter(6)), round(bottom)],
    ]);
  });

  it('counts an empty line left under a story as its own, so the rules still meet', () => {
    const s = scratch([2]);
    s.page(2, `blocks:
  - { id: xi, story: xi, col: 1, cols: 4, line: 1, lines: 10 }
  - { id: glass, story: glass, col: 5, cols: 4, line: 1, lines: 11 }
  - { id: villages, story: villages, col: 1, cols: 8, line: 12, lines: 12 }
`);
    const p = layoutTarget(s.edition).pages[0]!;
    const g = p.grid;
    const under11 = rowTop(g, 12) - (g.pitch - g.em) / 2;
    const rules = of(p, 'rule').filter((r) => r.role === 'story');
    expect(rules.map((r) => [r.x1, r.y1, r.x2, r.y2])).toEqual([
      [g.x0 + 4 * (g.colChars + g.gutterChars) * g.em - g.em / 2, g.y0, g.x0 + 4 * (g.colChars + g.gutterChars) * g.em - g.em / 2, under11],
      [g.x0, under11, g.x0 + g.width, under11], // one rule across, under xi's empty line too
    ]);
  });

  it('draws 栏线 in the middle of each gutter between a block\'s text columns, as deep as the columns', () => {
    const xi = p2.blocks.find((b) => b.id === 'xi')!;
    const rules = of(p2, 'rule').filter((r) => r.role === 'column' && r.x1 < xi.x + xi.width && r.y2 <= xi.y + xi.height);
    expect(rules.map((r) => r.x1)).toEqual(xi.frames.slice(1).map((f, i) => (xi.frames[i]!.x + xi.frames[i]!.width + f.x) / 2));
    expect(rules.every((r) => r.y1 === xi.y && r.y2 === rowTop(p2.grid, 25) + p2.grid.em)).toBe(true);
  });

  it('boxes and tints a block in its gutters and leading, and insets its text by a character and a line', () => {
    const g = p2.grid;
    const [box] = of(p2, 'box'), [tint] = of(p2, 'tint');
    expect(box).toMatchObject({ block: 'glass', x: g.x0 - g.em / 2, y: rowTop(g, 26) - (g.pitch - g.em) / 2, weight: 0.75 });
    expect(box!.width).toBeCloseTo(6 * (g.colChars + g.gutterChars) * g.em, 6);
    expect(tint).toMatchObject({ x: box!.x, y: box!.y, width: box!.width, height: box!.height, colour: { cmyk: [0, 0, 0, 10] } });
    const glass = p2.blocks.find((b) => b.id === 'glass')!;
    expect(glass.x).toBeCloseTo(g.x0 + g.em, 6);
    expect(glass.y).toBeCloseTo(rowTop(g, 27), 6);
    const lines = [...glass.headline, ...glass.frames.flatMap((f) => f.lines)];
    expect(Math.max(...lines.map((l) => l.baseline))).toBeLessThanOrEqual(g.firstBaseline + 39 * g.pitch + 1e-6); // row 40 at most
    expect(Math.max(...glass.frames.map((f) => f.x + f.width))).toBeLessThanOrEqual(box!.x + box!.width - 1.5 * g.em + 1e-6);
  });

  it('paints tints before the text and strokes the rules as lines', async () => {
    const [content] = await contentStreams(await renderEditionPage(layout, p2));
    const list = ops(content!);
    const firstText = list.findIndex((o) => o.op === 'BT');
    const tint = list.findIndex((o, i) => o.op === 'f' && list[i - 1]?.op === 're');
    expect(tint).toBeGreaterThan(-1);
    expect(tint).toBeLessThan(firstText);
    expect(list.filter((o) => o.op === 'S').length).toBeGreaterThanOrEqual(of(p2, 'rule').length + 1);
  });

  it('sets page 1\'s masthead: the paper large, the date with weekday and lunar date, issue and publication numbers', async () => {
    const [masthead] = of(p1, 'text').filter((t) => t.id === 'masthead');
    const name = masthead!.lines[0]!;
    expect([name.role, name.text, name.glyphs[0]!.size]).toEqual(['masthead', '荆州日报', 80]);
    expect(masthead!.lines.slice(1).map((l) => l.text)).toEqual([
      '2024年12月6日　星期五　农历甲辰年十一月初六', '总第12345期　今日2版', '国内统一连续出版物号 CN 42-0000　邮发代号 37-00',
    ]);
    // within its 12 rows, and the lead story under it
    const last = masthead!.lines.at(-1)!;
    expect(last.baseline).toBeLessThan(rowTop(p1.grid, 13));
    expect(name.baseline - 0.88 * 80).toBeGreaterThanOrEqual(p1.grid.y0 - 1e-6);
    expect(of(p1, 'rule').filter((r) => r.role === 'folio')).toEqual([]); // no folio line on page 1
    const text = squash(extractText(await renderEditionPage(layout, p1)));
    expect(text).toContain('荆州日报');
    expect(text).toContain('总第12345期');
  });

  it('puts the folio line of page 2 in the top margin, over a rule across the type area', async () => {
    const g = p2.grid;
    const [rule] = of(p2, 'rule').filter((r) => r.role === 'folio');
    expect(rule).toMatchObject({ x1: g.x0, x2: g.x0 + g.width });
    expect(rule!.y1).toBeCloseTo(g.y0 - 3 * 72 / 25.4, 6);
    const [folio] = of(p2, 'text').filter((t) => t.id === 'folio');
    expect(folio!.lines.map((l) => l.text)).toEqual(['第2版　2024年12月6日　星期五', '荆州日报', '责任编辑：张三　美术编辑：李四　校对：王五　　要闻']);
    for (const l of folio!.lines) expect(l.baseline).toBeLessThan(rule!.y1);
    const [left, , right] = folio!.lines;
    expect(left!.x + left!.glyphs[0]!.x).toBeCloseTo(g.x0, 1); // the page number at the outer (left) edge of an even page
    expect(right!.x + right!.end).toBeCloseTo(g.x0 + g.width, 1);
    expect(squash(extractText(await renderEditionPage(layout, p2)))).toContain('责任编辑：张三');
  });

  it('gives the lunar date with leap months and the day names', () => {
    expect(lunarDate('2024-02-10')).toBe('农历甲辰年正月初一');
    expect(lunarDate('2023-04-19')).toBe('农历癸卯年闰二月廿九');
    expect(lunarDate('2024-12-20')).toBe('农历甲辰年十一月二十');
  });
});

describe('furniture mistakes', () => {
  const diagnostics = (pages: Record<number, string>, section?: string): Diagnostic[] => {
    const s = scratch(Object.keys(pages).map(Number));
    for (const [n, yaml] of Object.entries(pages)) s.page(Number(n), yaml, section);
    try {
      return layoutTarget(s.edition).diagnostics;
    } catch (e) {
      if (e instanceof DiagnosticError) return e.diagnostics;
      throw e;
    }
  };

  it('a masthead too small for the paper\'s name, a crowded folio line, a box with no room inside, an unknown ink', () => {
    const ds = diagnostics({
      1: 'blocks: []\nmasthead: { col: 1, cols: 3, line: 1, lines: 4 }\n',
      2: 'blocks: []\ncredits: { 责任编辑: 张三 }\n',
    }, '要闻'.repeat(40));
    expect(ds.find((d) => d.code === 'MASTHEAD_TOO_BIG')).toMatchObject({ severity: 'error', line: 4, col: 11, hint: expect.stringContaining('more lines') });
    expect(ds.find((d) => d.code === 'FOLIO_CROWDED')).toMatchObject({ severity: 'warning', page: 2, line: 4, col: 10 });
    const box = diagnostics({ 2: 'blocks:\n  - { id: xi, story: xi, col: 1, cols: 1, line: 1, lines: 2, box: true }\n' });
    expect(box).toEqual([expect.objectContaining({ code: 'BAD_VALUE', line: 4, col: 67, message: expect.stringContaining('no room inside a box padding of 1') })]);
    const ink = diagnostics({ 2: 'blocks:\n  - { id: xi, story: xi, col: 1, cols: 3, line: 1, lines: 30, tint: 底纹绿 20% }\n' });
    expect(ink).toEqual([expect.objectContaining({ code: 'UNKNOWN_INK', line: 4, col: 69 })]);
  });
});
