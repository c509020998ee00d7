/**
 * Fuzzing headline setting and the check for empty areas: hostile titles at any width, with or
 * without rows and a size range (every line kept inside its rows, nothing lost but the lines it
 * reports left out); random pages of rectangles (every hole found, each rectangle empty, none
 * reported twice).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { emptyAreas, MIN_LINES } from '../../src/check/emptyArea.ts';
import { rowsHeight } from '../../src/layout/geometry.ts';
import { setHeadline, type HeadlineDeck } from '../../src/layout/headline.ts';
import type { GridInfo, PageLayout } from '../../src/layout/types.ts';
import type { Style } from '../../src/manifest/types.ts';
import { fonts } from '../text/helpers.ts';
import { hostileText, survives } from './hostile.ts';

const grid: GridInfo = { em: 9, pitch: 13.5, x0: 50, y0: 80, width: 999, lines: 105, firstBaseline: 88, columns: 8, colChars: 13, gutterChars: 1 };
const style = (name: string, family: string, size: number): Style => ({ name, family, weight: 400, size, pitch: size * 1.2, align: 'center' }) as unknown as Style;
const bare = (s: string) => s.replace(/\s+/gu, '');

const title = fc.oneof(hostileText, fc.array(fc.constantFrom('流量', '占比', '激增', '六成', '「幣少爺」', '被捕', '院长', '周岩', '被', '双开', ' ', '，', '——', 'COVID-19', '2024年'), { maxLength: 16 }).map((a) => a.join('')))
  .map((t) => t.replace(/[\r\n]/g, '').slice(0, 200));

const headline = fc.record({
  kicker: fc.array(title, { maxLength: 1 }),
  title: fc.array(title, { minLength: 1, maxLength: 3 }),
  chars: fc.integer({ min: 1, max: 40 }),
  rows: fc.option(fc.integer({ min: 1, max: 20 })),
  fit: fc.option(fc.record({ min: fc.integer({ min: 10, max: 30 }), span: fc.integer({ min: 0, max: 20 }) })),
});

const grids = fc.record({
  columns: fc.integer({ min: 1, max: 12 }),
  lines: fc.integer({ min: 1, max: 120 }),
  rects: fc.array(fc.record({ col: fc.integer({ min: 1, max: 13 }), cols: fc.integer({ min: 1, max: 12 }), line: fc.integer({ min: 1, max: 121 }), lines: fc.integer({ min: 1, max: 120 }) }), { maxLength: 12 }),
});

describe('fuzz: headlines and empty areas', () => {
  it('a headline stays inside its rows and loses nothing it does not report', async () => {
    await survives('headlines', headline, (h) => {
      const decks: HeadlineDeck[] = [
        ...(h.kicker.length ? [{ role: 'kicker' as const, style: style('kicker', 'hei', 14), lines: h.kicker }] : []),
        { role: 'title', style: style('title', 'song', 26), lines: h.title, ...(h.fit ? { fit: { min: h.fit.min, max: h.fit.min + h.fit.span, condense: 0.85 } } : {}) },
      ];
      const set = setHeadline(decks, fonts, grid, h.chars * 9, h.rows ?? undefined);
      const box = rowsHeight(grid, set.rows);
      for (const l of set.lines) {
        const size = l.glyphs[0]?.size ?? 0;
        if ((l.baseline + 0.12 * size > box + 0.02 || l.baseline - 0.88 * size < -0.02)) throw new Error(`a headline line is outside its rows: ${l.text}`);
      }
      if (!set.clipped && bare(set.lines.map((l) => l.text).join('')) !== bare([...h.kicker, ...h.title].join(''))) throw new Error('headline copy lost');
      if (set.clipped && h.rows === null) throw new Error('a headline without given rows was cut');
    }, { quick: 60, long: 3000, ms: 5000 }, 15);
  });

  it('every hole of a page is found once, as empty rectangles', async () => {
    await survives('empty areas', grids, ({ columns, lines, rects }) => {
      const page = { number: 1, file: 'p.yaml', grid: { ...grid, columns, lines }, blocks: rects.map((r, i) => ({ id: `b${i}`, grid: r })), furniture: [] } as unknown as PageLayout;
      const covered = (c: number, l: number) => rects.some((r) => c >= r.col && c < r.col + r.cols && l >= r.line && l < r.line + r.lines);
      const found = new Map<string, number>();
      for (const r of emptyAreas(page).flat()) {
        if (r.lines < MIN_LINES || r.col + r.cols - 1 > columns || r.line + r.lines - 1 > lines) throw new Error(`bad rectangle ${JSON.stringify(r)}`);
        for (let l = r.line; l < r.line + r.lines; l++) {
          for (let c = r.col; c < r.col + r.cols; c++) {
            if (covered(c, l)) throw new Error(`covered cell reported: column ${c} line ${l}`);
            if (found.has(`${c},${l}`)) throw new Error(`cell reported twice: column ${c} line ${l}`);
            found.set(`${c},${l}`, 1);
          }
        }
      }
      // what is left has no free run of MIN_LINES lines in any column
      for (let c = 1; c <= columns; c++) {
        let run = 0;
        for (let l = 1; l <= lines; l++) {
          run = !covered(c, l) && !found.has(`${c},${l}`) ? run + 1 : 0;
          if (run >= MIN_LINES) throw new Error(`hole missed at column ${c}, lines ${l - run + 1}–${l}`);
        }
      }
    }, { quick: 200, long: 5000, ms: 2000 }, 16);
  });
});
