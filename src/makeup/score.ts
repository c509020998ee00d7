/**
 * What a made-up page prefers, each a named term of its score (lower is better), so `makeup`
 * can print why it chose a layout. The hard rules (every story placed, no overflow, the page
 * covered) are kept by the search and checked by building; these only rank the layouts that keep them.
 */
import { TITLE_SIZES, type TitleSize } from './measure.ts';

/** A block as the score sees it. */
export interface ScoredBlock {
  key: string; // story (or continuation) id
  rank: number; // plan order: 0 most important
  lead: boolean;
  col: number; cols: number; line: number; lines: number;
  title?: TitleSize; // none: a continuation without a title
  bodyPerCol: number; // body rows in each column
  depths: number[]; // body rows a column of each text the block sets: the story's, or a package's items'
  extraHead: number; // rows of air added to the headline
  change: number; // lines copyfitting must find
  squeezed?: boolean; // and it squeezes the ideographs to
  photo: boolean;
  jumps: boolean; // goes on on a later page
  vertical?: boolean; // its headline a vertical strip beside the text (竖题): no 碰题 with one beside it, not stacked on one above
  pengti?: number; // a package's: the price of the 碰题 between its items (priced where its rows are arranged)
}

export const TERMS = ['lead', 'falling', 'pengti', 'depth', 'order', 'photos', 'stack', 'fill', 'jump'] as const;
export type Term = (typeof TERMS)[number];
export type Score = Record<Term, number> & { total: number };

/** What each term means, for the printed score and the manifest comments. */
export const TERM_NAMES: Record<Term, string> = {
  lead: 'lead at the top with the largest headline',
  falling: 'headline sizes falling with importance',
  pengti: 'no 碰题 (horizontal headlines side by side at one height; a vertical one beside another is none)',
  depth: '6–25 lines a column (a package: each item), the shallower the steeper',
  order: 'plan order from top-left to bottom-right',
  photos: 'no two photos adjacent',
  stack: 'no stack of headlines',
  fill: 'little air added to headlines, little copyfitting',
  jump: 'few jumps',
};

const sizeIndex = (s: TitleSize | undefined) => (s ? TITLE_SIZES.indexOf(s) : TITLE_SIZES.length); // smaller is bigger type
const sideBySide = (a: ScoredBlock, b: ScoredBlock) => a.col + a.cols === b.col && a.line < b.line + b.lines && b.line < a.line + a.lines;
const above = (a: ScoredBlock, b: ScoredBlock) => a.line + a.lines === b.line && a.col < b.col + b.cols && b.col < a.col + a.cols;

const blank = () => Object.fromEntries(TERMS.map((t) => [t, 0])) as Record<Term, number>;

/** The price of a text set `rows` lines a column deep: a strip of a few lines reads badly, the shallower the steeper; a column of over 25 wearies. */
export const depthPrice = (rows: number): number => (rows < 6 ? (6 - rows) ** 2 * 8 : 0) + (rows > 25 ? (rows - 25) * 2 : 0);

/** The price of two headlines side by side at one height: the same size worse. */
export const PENGTI = (same: boolean): number => (same ? 40 : 20);

/** The price of copyfitting that squeezes the ideographs (tracking below 0: a NEG_GAP warning on the page). */
export const SQUEEZED = 20;

/** The terms of one block by itself. */
function single(s: Record<Term, number>, b: ScoredBlock): void {
  for (const d of b.depths) s.depth += depthPrice(d);
  s.pengti += b.pengti ?? 0;
  s.fill += b.extraHead * 3 + b.change * 2 + (b.squeezed ? SQUEEZED : 0);
  if (b.jumps) s.jump += 8;
}

/** The terms of `a` against `b` (each ordered pair once); `before`: a comes first in reading order. */
function pair(s: Record<Term, number>, a: ScoredBlock, b: ScoredBlock, before: boolean): void {
  if (a.rank < b.rank && b.title && a.title && sizeIndex(b.title) < sizeIndex(a.title)) s.falling += 10;
  if (sideBySide(a, b)) {
    // a vertical headline (竖题) beside another, vertical or not, is no 碰题: the normal look of a row of short items
    if (a.line === b.line && a.title && b.title && !a.vertical && !b.vertical) s.pengti += PENGTI(a.title === b.title);
    if (a.photo && b.photo) s.photos += 30;
  }
  if (above(a, b)) {
    if (a.photo && b.photo) s.photos += 30;
    if (a.bodyPerCol < 6 && b.title && !b.vertical) s.stack += 10; // a vertical headline under a shallow text is beside its own text, not stacked
  }
  if (before && a.rank > b.rank) s.order += 15;
}

const readsBefore = (a: ScoredBlock, b: ScoredBlock) => a.line < b.line || (a.line === b.line && a.col < b.col);

/** The page's score; `top` is the first free grid line of the page (under a masthead it may be lower for some columns). */
export function scorePage(blocks: readonly ScoredBlock[], top: number): Score {
  const s = blank();
  const biggest = Math.min(...blocks.map((b) => sizeIndex(b.title)));
  for (const b of blocks) {
    if (b.lead) {
      if (b.line > top) s.lead += 100;
      if (sizeIndex(b.title) > biggest) s.lead += 50;
    }
    single(s, b);
  }
  for (const a of blocks) for (const b of blocks) if (a !== b) pair(s, a, b, readsBefore(a, b));
  return { ...s, total: TERMS.reduce((t, k) => t + s[k], 0) };
}

// the search asks this for every candidate block: one record, cleared and summed by its terms' names (every one of TERMS: a loop over them was a tenth of the search)
const scratch = blank();
const clear = (s: Record<Term, number>) => { s.lead = 0; s.falling = 0; s.pengti = 0; s.depth = 0; s.order = 0; s.photos = 0; s.stack = 0; s.fill = 0; s.jump = 0; };
const sum = (s: Record<Term, number>) => s.lead + s.falling + s.pengti + s.depth + s.order + s.photos + s.stack + s.fill + s.jump;

/**
 * What placing `b` beside `placed` adds to the score, for the search's partial pages (the lead's
 * largest-headline term is left to the whole page's score).
 */
export function addedCost(placed: readonly ScoredBlock[], b: ScoredBlock, top: number): number {
  const s = scratch;
  clear(s);
  if (b.lead && b.line > top) s.lead += 100;
  single(s, b);
  for (const a of placed) { pair(s, a, b, readsBefore(a, b)); pair(s, b, a, readsBefore(b, a)); }
  return sum(s);
}

/** "lead 0, falling 10, …, total 37" */
export const scoreLine = (s: Score): string => `${TERMS.filter((t) => s[t]).map((t) => `${t} ${s[t]}`).join(', ') || 'no penalties'}; total ${s.total}`;
