/**
 * The shapes a story can take as a block, from its measurement: for each width, its headline
 * (the largest title size its place on the page allows that sets unwrapped) with a row of air or
 * none, its photo's rows, and the column depths at which its body fills the columns to within a
 * line once copyfitting has found a line or two (the build checks it); a story allowed to jump
 * also every depth at which it goes on on a later page after a 下转 line.
 */
import type { Story } from '../content/story.ts';
import type { StoryPosition } from '../layout/types.ts';
import { colsWidth, fitColumns, headlineAt, TITLE_SIZES, type ColumnFit, type Measurer } from './measure.ts';
import type { Shape } from './search.ts';

export interface Measured {
  story: Story;
  rows: number; // body rows in one column (from where this part starts)
  paragraphs: number;
  photo?: { aspect: number; captionRows: number; pixels: number }; // width / height of the picture, its width in pixels
  continuation: boolean; // a later part: 上接 line, its 转版题 as the headline
  start?: StoryPosition; // where a continuation starts, and the page it comes from
  from?: number;
  fits?: Map<number, ColumnFit>; // by number of columns, measured when first asked
}

function fitsIn(m: Measurer, s: Measured, cols: number): ColumnFit {
  s.fits ??= new Map();
  let f = s.fits.get(cols);
  if (!f) { f = fitColumns(m, s.story, cols, s.rows, s.start, s.from); s.fits.set(cols, f); }
  return f;
}

/** The fewest body lines a column of a jumping part or of its continuation is worth. */
const MIN_PART = 4;

/** The largest title a story may have at its place: a lead 小初, then falling with its rank on the page. */
export const maxTitle = (lead: boolean, pageRank: number) => TITLE_SIZES[lead ? 0 : Math.min(pageRank + 1, 5)]!;

export function shapesOf(m: Measurer, s: Measured, o: { lead: boolean; pageRank: number; jumpable: boolean; pageLines: number }): Shape[] {
  const out: Shape[] = [];
  const { story } = s;
  const lines = s.continuation ? { kicker: [], title: story.title, deck: [] } : story;
  const max = s.continuation ? TITLE_SIZES[4] : maxTitle(o.lead, o.pageRank);
  const n = s.rows; // one column's worth, a continuation's 上接 line included
  const slack = Math.min(s.paragraphs, 2); // lines copyfitting may find: about one a paragraph
  for (let w = 1; w <= m.g.columns; w++) {
    const head = headlineAt(m, lines, w, max);
    if (!head) continue;
    const fit = w * 2 <= n || w === 1 ? fitsIn(m, s, w) : undefined; // wider than two lines a column: not a shape
    for (const pr of photoRows(m, s, w)) {
      for (let extra = 0; extra <= (head.rows ? 2 : 0); extra++) {
        const hr = head.rows + extra;
        const add = (c: number, change: number, jumps: boolean) => {
          const total = hr + pr + c;
          if (c >= 2 && total <= o.pageLines) out.push({ cols: w, lines: total, ...(head.rows ? { title: head.size } : {}), headRows: hr, extraHead: extra, photoRows: pr, bodyPerCol: c, change, jumps });
        };
        if (fit) {
          // as set within a line; copyfitting a line or two longer; or a line or two shorter, a row less
          const longer = Math.max(0, fit.underflow - 1);
          if (longer === 0 || (longer <= slack && fit.copyfits(fit.depth))) add(fit.depth, longer, false);
          if (fit.overBelow <= slack && fit.copyfits(fit.depth - 1)) add(fit.depth - 1, fit.overBelow, false);
        }
        if (o.jumpable && extra === 0) for (let c = MIN_PART; w * c - 1 <= n - MIN_PART; c++) add(c, 0, true);
      }
    }
  }
  // the search sees a block's width and depth: of the shapes with the same, the one that asks least
  const best = new Map<string, Shape>();
  const price = (x: Shape) => (x.jumps ? 100 : 0) + x.extraHead * 3 + x.change * 2;
  for (const x of out) {
    const key = `${x.cols}x${x.lines}`;
    const had = best.get(key);
    if (!had || price(x) < price(had)) best.set(key, x);
  }
  return [...best.values()];
}

/**
 * Rows of a photo over all `w` columns of its block: its picture from three quarters to four
 * thirds of the depth its own proportions give (the crop round its focus takes the rest), its
 * caption and a line of space; none where the picture would print below the house's least ppi.
 */
function photoRows(m: Measurer, s: Measured, w: number): number[] {
  if (!s.photo) return [0];
  const natural = colsWidth(m.g, w) / s.photo.aspect / m.g.pitch;
  const out: number[] = [];
  const width = colsWidth(m.g, w);
  for (let r = Math.max(3, Math.round(natural * 0.75)); r <= Math.round(natural * 4 / 3); r++) {
    // the crop of a box taller than the picture keeps less of its width: no shape below the house's least ppi
    const box = width / (r * m.g.pitch);
    const ppi = s.photo.pixels * Math.min(1, box / s.photo.aspect) / (width / 72);
    if (ppi >= m.house.furniture.photos.minPpi) out.push(r + s.photo.captionRows + 1);
  }
  return out;
}
