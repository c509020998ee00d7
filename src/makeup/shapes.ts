/**
 * The shapes a story can take as a block, from its measurement: for each width, its headline
 * (the largest title size its place on the page allows that sets unwrapped) with a row of air or
 * none, its photo's rows, and the column depths at which its body fills the columns to within a
 * line once copyfitting has found a line or two (the build checks it); a story allowed to jump
 * also every depth at which it goes on on a later page after a 下转 line.
 */
import type { Story } from '../content/story.ts';
import type { StoryPosition } from '../layout/types.ts';
import { rowsHeight, spanChars } from '../layout/geometry.ts';
import type { BlockPhotoSpec } from '../manifest/furniture.ts';
import { colsWidth, fitColumns, headlineAt, setIn, sideHeadlineAt, TITLE_SIZES, type ColumnFit, type Headline, type Measurer, type SideHead, type TitleSize } from './measure.ts';
import type { PackItem, Shape } from './search.ts';
import { depthPrice, PENGTI, SQUEEZED } from './score.ts';

export interface Measured {
  story: Story;
  rows: number; // body rows in one column (from where this part starts)
  paragraphs: number;
  photo?: { aspect: number; captionRows: number; pixels: number; spec: Omit<BlockPhotoSpec, 'cols' | 'lines' | 'place'> }; // width / height of the picture, its width in pixels, the photo as an image of a block
  narrow?: Map<string, { ok: boolean; squeezed: boolean }>; // whether the body sets round a narrower photo (and squeezed), by cols/photo rows/depth
  continuation: boolean; // a later part: 上接 line, its 转版题 as the headline
  start?: StoryPosition; // where a continuation starts, and the page it comes from
  from?: number;
  fits?: Map<number, ColumnFit>; // by number of columns, measured when first asked
  across?: Map<number, ColumnFit | undefined>; // a package's head: its intro in one text column this many basic columns wide
  heads?: Map<string, Headline | undefined>; // by columns and largest title size
  shapes?: Map<string, Shape[]>; // by what shapesOf was asked
  sideHeads?: Map<TitleSize, SideHead | undefined>; // its vertical headline (竖题) by title size
  sideFits?: Map<string, ColumnFit>; // the body beside a vertical headline, by width and strip
}

function fitsIn(m: Measurer, s: Measured, cols: number): ColumnFit {
  s.fits ??= new Map();
  let f = s.fits.get(cols);
  if (!f) { f = fitColumns(m, s.story, cols, s.rows, s.start, s.from); s.fits.set(cols, f); }
  return f;
}

function headIn(m: Measurer, s: Measured, lines: Parameters<typeof headlineAt>[1], cols: number, max: TitleSize): Headline | undefined {
  s.heads ??= new Map();
  const key = `${cols}/${max}`;
  if (!s.heads.has(key)) s.heads.set(key, headlineAt(m, lines, cols, max));
  return s.heads.get(key);
}

/** The fewest body lines a column of a jumping part or of its continuation is worth. */
const MIN_PART = 4;

/** The largest title a story may have at its place: a lead 小初, then falling with its rank on the page. */
export const maxTitle = (lead: boolean, pageRank: number) => TITLE_SIZES[lead ? 0 : Math.min(pageRank + 1, 5)]!;

/** The shapes of a story, measured once for each way of asking (the same for every page rank past the fifth). */
export function shapesOf(m: Measurer, s: Measured, o: { lead: boolean; pageRank: number; jumpable: boolean; pageLines: number }): Shape[] {
  const max = s.continuation ? TITLE_SIZES[4] : maxTitle(o.lead, o.pageRank);
  const key = `${max}/${o.jumpable}/${o.pageLines}/${o.lead}`;
  s.shapes ??= new Map();
  let out = s.shapes.get(key);
  if (!out) s.shapes.set(key, out = measureShapes(m, s, max, o.jumpable, o.pageLines, o.lead));
  return out;
}

function measureShapes(m: Measurer, s: Measured, max: TitleSize, jumpable: boolean, pageLines: number, lead = false): Shape[] {
  // a shape, the price of what it asks, and whether the build can set it (copyfitting checked only when it is the cheapest of its size)
  const out: Candidate[] = [];
  const { story } = s;
  const lines = s.continuation ? { kicker: [], title: story.title, deck: [] } : story;
  const n = s.rows; // one column's worth, a continuation's 上接 line included
  const slack = Math.min(s.paragraphs, 2); // lines copyfitting may find: about one a paragraph
  const always = () => true;
  for (let w = 1; w <= m.g.columns; w++) {
    const head = headIn(m, s, lines, w, max);
    if (!head) continue;
    const prs = photoRows(m, s, w);
    // wider than two lines a column is not a shape, nor one deeper than the page even a line short
    const set = (w * 2 <= n || w === 1) && head.rows + Math.min(...prs) + Math.ceil(n / w) - 1 <= pageLines;
    const fit = set ? fitsIn(m, s, w) : undefined;
    for (const pr of prs) {
      for (let extra = 0; extra <= (head.rows ? 2 : 0); extra++) {
        const hr = head.rows + extra;
        const add = (c: number, change: number, jumps: boolean, ok: () => boolean, squeezed?: () => boolean) => {
          const total = hr + pr + c;
          if (c >= 2 && total <= pageLines) out.push({ shape: { cols: w, lines: total, ...(head.rows ? { title: head.size } : {}), headRows: hr, extraHead: extra, photoRows: pr, bodyPerCol: c, change, jumps }, ok, ...(squeezed ? { squeezed } : {}) });
        };
        if (fit) {
          // as set within a line; copyfitting a line or two longer; or a line or two shorter, a row less
          const longer = Math.max(0, fit.underflow - 1);
          if (longer === 0) add(fit.depth, 0, false, always);
          else if (longer <= slack) add(fit.depth, longer, false, () => fit.copyfits(fit.depth), () => fit.squeezes(fit.depth));
          if (fit.overBelow <= slack) add(fit.depth - 1, fit.overBelow, false, () => fit.copyfits(fit.depth - 1), () => fit.squeezes(fit.depth - 1));
        }
        if (jumpable && extra === 0) for (let c = MIN_PART; w * c - 1 <= n - MIN_PART; c++) add(c, 0, true, always);
      }
    }
    // a photo over half the columns prints finer than across them all: measured even where that one cannot be
    const under = fit ?? (s.photo && !s.continuation && (w * 2 <= n || w === 1) ? fitsIn(m, s, w) : undefined);
    if (under && s.photo && !s.continuation) narrowPhotoShapes(m, s, w, head, under, pageLines, out);
  }
  if (m.vertical !== false && sideable(s, lead)) out.push(...sideShapes(m, s, max, pageLines));
  return cheapestOfEachSize(out);
}

/** The fewest text lines under a photo narrower than its story. */
const UNDER_PHOTO = 4;

/**
 * A photo over the first half of a story's `w` columns (rounded up, at least 2, never all), the
 * text round it: the depth that holds the lines the body takes as set in `w` columns plus those
 * the photo takes from its columns, the picture at its own proportions to a line either way;
 * whether the build can set it (copyfitted, to within a line) is checked by setting the story
 * round the photo, when it is the cheapest shape of its size.
 */
function narrowPhotoShapes(m: Measurer, s: Measured, w: number, head: Headline, fit: ColumnFit, pageLines: number, out: Candidate[]): void {
  const text = w * fit.depth - fit.underflow;
  const pc = Math.max(2, Math.ceil(w / 2));
  if (pc >= w) return;
  const rows = photoRows(m, s, pc);
  const mid = Math.floor(rows.length / 2);
  for (const pr of rows.slice(Math.max(0, mid - 1), mid + 2)) {
    const depth = Math.ceil((text + pc * pr) / w);
    if (depth - pr < UNDER_PHOTO) continue;
    for (let extra = 0; extra <= (head.rows ? 2 : 0); extra++) {
      const hr = head.rows + extra;
      if (hr + depth > pageLines) continue;
      const key = `${w}/${pr}/${depth}`;
      const fitted = () => {
        s.narrow ??= new Map();
        let fits = s.narrow.get(key);
        if (fits === undefined) {
          const r = setIn(m, s.story, w, depth, { block: 0, offset: 0 }, undefined, true, w, { image: { ...s.photo!.spec, cols: pc, lines: pr, place: 'top-left' } });
          s.narrow.set(key, fits = { ok: r.overflow === 0 && r.underflow <= 1, squeezed: r.squeezed });
        }
        return fits;
      };
      out.push({ shape: { cols: w, lines: hr + depth, ...(head.rows ? { title: head.size } : {}), headRows: hr, extraHead: extra, photoRows: pr, photoCols: pc, bodyPerCol: Math.round((w * depth - pc * pr) / w), change: 0, jumps: false }, ok: () => fitted().ok, squeezed: () => fitted().squeezed });
    }
  }
}

/** A story of at most this many characters of body may take a vertical headline (竖题): a short item. */
const SIDE_CHARS = 600;
/** Vertical-headline blocks are 2 or 3 basic columns wide (one is too narrow for strip and text). */
const SIDE_COLS = [2, 3];
/** The fewest characters a text column beside a vertical headline holds. */
const SIDE_MEASURE = 12;

/** The rows the body of `s` takes in one text column beside the strip of `head` in `w` basic columns (a column of `columns` holds at least its share). */
function sideRows(m: Measurer, s: Measured, w: number, columns: number, head: SideHead): number {
  const deep = 4000;
  return deep * columns - setIn(m, s.story, w, deep, s.start ?? { block: 0, offset: 0 }, s.from, false, columns, { side: head.styles }).underflow;
}

/**
 * Whether a story may take a vertical headline: a short one (at most SIDE_CHARS characters of
 * body), not a lead (it leads with the largest headline across the top), not a continuation
 * (its 转版题 goes over it), with no photo, with a title.
 */
function sideable(s: Measured, lead: boolean): boolean {
  if (lead || s.continuation || s.photo || !s.story.title.length) return false;
  let chars = 0;
  for (const b of s.story.blocks) if (b.kind === 'paragraph') chars += b.text.length;
  return chars <= SIDE_CHARS;
}

/**
 * The shapes of a story with a vertical headline (竖题) at the right: 2 or 3 basic columns, the
 * strip as wide as its decks need, the body in the rest as one text column a basic column less
 * (two basic columns: one text column), as deep as it is set there (or copyfitted a line or two
 * longer or shorter); the title at the largest size, at most `max`, whose strip leaves the text
 * its measure and whose longest line the block's height holds.
 */
function sideShapes(m: Measurer, s: Measured, max: TitleSize, pageLines: number): Candidate[] {
  const out: Candidate[] = [];
  const slack = Math.min(s.paragraphs, 2);
  for (const w of SIDE_COLS) {
    if (w > m.g.columns) continue;
    const columns = w - 1;
    for (const size of TITLE_SIZES.slice(TITLE_SIZES.indexOf(max))) {
      s.sideHeads ??= new Map();
      if (!s.sideHeads.has(size)) s.sideHeads.set(size, sideHeadlineAt(m, s.story, size));
      const head = s.sideHeads.get(size);
      if (!head) continue;
      const rest = spanChars(m.g.colChars, m.g.gutterChars, w) - head.chars - m.g.gutterChars;
      if ((rest - (columns - 1) * m.g.gutterChars) / columns < SIDE_MEASURE) continue; // a smaller title: a narrower strip
      s.sideFits ??= new Map();
      const key = `${w}/${head.chars}`;
      let fit = s.sideFits.get(key);
      if (!fit) {
        // from the rows the body takes in one column of that measure, set once as deep as it needs
        const rows = sideRows(m, s, w, columns, head);
        s.sideFits.set(key, fit = fitColumns(m, s.story, w, rows, s.start, s.from, columns, head.styles));
      }
      const f = fit;
      const found = out.length;
      const add = (c: number, change: number, ok: () => boolean, squeezed?: () => boolean) => {
        if (c >= 2 && c >= head.least && c <= pageLines) out.push({ shape: { cols: w, lines: c, title: size, headRows: 0, extraHead: 0, photoRows: 0, bodyPerCol: c, change, jumps: false, side: { columns } }, ok, ...(squeezed ? { squeezed } : {}) });
      };
      const longer = Math.max(0, f.underflow - 1);
      if (longer === 0) add(f.depth, 0, () => true);
      else if (longer <= slack) add(f.depth, longer, () => f.copyfits(f.depth), () => f.squeezes(f.depth));
      if (f.overBelow <= slack) add(f.depth - 1, f.overBelow, () => f.copyfits(f.depth - 1), () => f.squeezes(f.depth - 1));
      if (out.length > found) break; // the largest title that fits
    }
  }
  return out;
}

/**
 * The search sees a block's width and depth: of the shapes with the same, the one that asks
 * least of those the build can set, in the order the first of each size that can be set was found.
 */
/** A shape, whether the build can set it, and whether copyfitting it squeezes the ideographs. */
interface Candidate { shape: Shape; ok: () => boolean; squeezed?: () => boolean }

function cheapestOfEachSize(out: Candidate[]): Shape[] {
  const best = new Map<string, Candidate[]>();
  const price = (x: Shape) => (x.jumps ? 100 : 0) + x.extraHead * 3 + x.change * 2;
  for (const x of out) {
    const key = `${x.shape.cols}x${x.shape.lines}${x.shape.side ? 'v' : ''}`; // a vertical headline's shape beside the other of its size: the score chooses
    const same = best.get(key);
    if (same) same.push(x); else best.set(key, [x]);
  }
  const shapes: { shape: Shape; at: number }[] = [];
  for (const same of best.values()) {
    const first = [...same].sort((a, b) => price(a.shape) - price(b.shape)).find((x) => x.ok());
    if (!first) continue;
    if (first.squeezed?.()) first.shape.squeezed = true;
    shapes.push({ shape: first.shape, at: out.indexOf(same.find((x) => x.ok())!) });
  }
  return shapes.sort((a, b) => a.at - b.at).map((x) => x.shape);
}

/** Items of a package at most this many to a row. */
const ROW_ITEMS = 4;

/**
 * The shapes of a package (集纳): its head — the flag (the head story's headline) over its intro
 * set across the package in one text column — then its items in rows, each row items side by
 * side at one depth, their widths adding up to the package's. Items take the shapes a story of
 * their own would, with titles no larger than 三号.
 */
export function packageShapes(m: Measurer, head: Measured, items: { key: string; m: Measured }[], o: { lead: boolean; pageRank: number; pageLines: number }): Shape[] {
  const max = maxTitle(o.lead, o.pageRank);
  const key = `package/${max}/${o.pageLines}`;
  head.shapes ??= new Map();
  let out = head.shapes.get(key);
  if (out) return out;
  const each = items.map((it) => shapesOf(m, it.m, { lead: false, pageRank: 4, jumpable: false, pageLines: o.pageLines }));
  const found: Candidate[] = [];
  for (let w = 1; w <= m.g.columns; w++) {
    const heads = headShapes(m, head, w, max, o.pageLines);
    if (!heads.length) continue;
    const rows = arrange(each, items.map((it) => it.key), w, o.pageLines);
    for (const h of heads) {
      for (const [depth, a] of rows) {
        if (h.shape.lines + depth > o.pageLines) continue;
        found.push({ shape: { ...h.shape, lines: h.shape.lines + depth, change: h.shape.change + a.change, pack: { head: h.shape.lines, items: a.items, ...(a.pengti ? { pengti: a.pengti } : {}) } }, ok: h.ok, squeezed: () => !!h.squeezed?.() || a.items.some((it) => it.shape.squeezed) });
      }
    }
  }
  head.shapes.set(key, out = cheapestOfEachSize(found));
  return out;
}

/** The head of a package `w` columns wide: its headline, then its intro in one text column across. */
function headShapes(m: Measurer, s: Measured, w: number, max: TitleSize, pageLines: number): Candidate[] {
  const head = headIn(m, s, s.story, w, max);
  if (!head) return [];
  s.across ??= new Map();
  if (!s.across.has(w)) {
    // from a depth it cannot be less than: the lines of one basic column, as many times fewer as the measure is wider, less a line a paragraph
    const least = Math.max(1, Math.floor(s.rows * colsWidth(m.g, 1) / colsWidth(m.g, w)) - s.paragraphs);
    s.across.set(w, s.rows ? fitColumns(m, s.story, w, least, s.start, s.from, 1) : undefined);
  }
  const fit = s.across.get(w);
  const out: Candidate[] = [];
  const slack = Math.min(s.paragraphs, 2);
  for (let extra = 0; extra <= (head.rows ? 2 : 0); extra++) {
    const hr = head.rows + extra;
    const add = (c: number, change: number, ok: () => boolean, squeezed?: () => boolean) => {
      if (hr + c <= pageLines) out.push({ shape: { cols: w, lines: hr + c, ...(head.rows ? { title: head.size } : {}), headRows: hr, extraHead: extra, photoRows: 0, bodyPerCol: c, change, jumps: false }, ok, ...(squeezed ? { squeezed } : {}) });
    };
    if (!fit) { add(0, 0, () => true); continue; } // a flag with no intro
    const f = fit;
    const longer = Math.max(0, f.underflow - 1);
    if (longer === 0) add(f.depth, 0, () => true);
    else if (longer <= slack) add(f.depth, longer, () => f.copyfits(f.depth), () => f.squeezes(f.depth));
    if (f.overBelow <= slack && f.depth > 1) add(f.depth - 1, f.overBelow, () => f.copyfits(f.depth - 1), () => f.squeezes(f.depth - 1));
  }
  return out;
}

/**
 * The items in rows across `w` columns, in their order: for each total depth the rows can take,
 * the arrangement that asks least of copyfitting and has the fewest shallow items (the first
 * found of equal ones).
 */
function arrange(each: Shape[][], keys: string[], w: number, pageLines: number): Map<number, { change: number; price: number; pengti: number; items: PackItem[] }> {
  const n = each.length;
  // by item: its shapes by width and depth
  const byWidth = each.map((shapes) => {
    const m = new Map<number, Map<number, Shape>>();
    for (const sh of shapes) {
      const d = m.get(sh.cols) ?? new Map<number, Shape>();
      if (!d.has(sh.lines)) d.set(sh.lines, sh);
      m.set(sh.cols, d);
    }
    return m;
  });
  const best: Map<number, { change: number; price: number; pengti: number; items: PackItem[] }>[] = [new Map([[0, { change: 0, price: 0, pengti: 0, items: [] }]]), ...Array.from({ length: n }, () => new Map())];
  for (let i = 0; i < n; i++) {
    if (!best[i]!.size) continue;
    for (let k = 1; k <= Math.min(ROW_ITEMS, w, n - i); k++) {
      for (const widths of compositions(w, k)) {
        // the depths every item of the row can take at its width
        const options = widths.map((c, t) => byWidth[i + t]!.get(c));
        if (options.some((x) => !x)) continue;
        for (const [depth] of options[0]!) {
          if (!options.every((x) => x!.has(depth))) continue;
          const row = options.map((x) => x!.get(depth)!);
          const change = row.reduce((t, sh) => t + Math.abs(sh.change), 0);
          const pengti = rowPengti(row);
          const price = row.reduce((t, sh) => t + Math.abs(sh.change) * 2 + (sh.squeezed ? SQUEEZED : 0) + depthPrice(sh.bodyPerCol), pengti);
          for (const [above, a] of best[i]!) {
            const total = above + depth;
            if (total > pageLines) continue;
            const had = best[i + k]!.get(total);
            if (had && had.price <= a.price + price) continue;
            let col = 1;
            const items = row.map((sh, t) => { const it = { key: keys[i + t]!, col, cols: sh.cols, line: above + 1, lines: depth, shape: sh }; col += sh.cols; return it; });
            best[i + k]!.set(total, { change: a.change + change, price: a.price + price, pengti: a.pengti + pengti, items: [...a.items, ...items] });
          }
        }
      }
    }
  }
  return best[n]!;
}

/** The 碰题 of a row of items: horizontal headlines side by side at one height, priced as the score's pengti; a vertical one (竖题) makes none. */
function rowPengti(row: readonly Shape[]): number {
  let out = 0;
  for (let t = 1; t < row.length; t++) {
    const a = row[t - 1]!, b = row[t]!;
    if (a.title && b.title && !a.side && !b.side) out += PENGTI(a.title === b.title);
  }
  return out;
}

/** The ways to write `w` as `k` positive whole numbers, in order. */
function compositions(w: number, k: number): number[][] {
  if (k === 1) return [[w]];
  const out: number[][] = [];
  for (let first = 1; first <= w - k + 1; first++) for (const rest of compositions(w - first, k - 1)) out.push([first, ...rest]);
  return out;
}

/**
 * Rows of a photo over `w` columns of its block: its picture from three quarters to four
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
    const box = width / rowsHeight(m.g, r + 1); // a line more: the picture takes the line of space when it fills its columns
    const ppi = s.photo.pixels * Math.min(1, box / s.photo.aspect) / (width / 72);
    if (ppi >= m.house.furniture.photos.minPpi) out.push(r + s.photo.captionRows + 1);
  }
  return out;
}
