/**
 * A story measured through the layout stage itself: its body set at the column measure in one
 * column as deep as it needs (layoutBlock, as a build sets it), so the rows it takes are the
 * rows a build gives; its headline set by setHeadline at each width and title size, to the
 * whole grid rows it needs. The search works from these counts; the build checks the result.
 */
import { DiagnosticSink, type Diagnostic } from '../diagnostic.ts';
import type { Story } from '../content/story.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import { layoutBlock, type BlockContext } from '../layout/block.ts';
import { blockBox, spanChars } from '../layout/geometry.ts';
import { fitDeck, setHeadline, setVerticalHeadline, stripChars, verticalHeadlineFits, type HeadlineDeck } from '../layout/headline.ts';
import type { BlockLayout, CopyChange, GridInfo, StoryPosition } from '../layout/types.ts';
import type { BlockPhotoSpec } from '../manifest/furniture.ts';
import type { BlockSpec, HouseStyle, Style } from '../manifest/types.ts';
import { HAO } from '../manifest/units.ts';

/** Title sizes a made-up page uses, largest first: 小初 for a lead down to 四号. */
export const TITLE_SIZES = ['小初', '一号', '小一', '二号', '小二', '三号', '小三', '四号'] as const;
export type TitleSize = (typeof TITLE_SIZES)[number];

export interface Measurer {
  g: GridInfo;
  house: HouseStyle;
  fonts: FontRegistry;
  vertical?: boolean; // false: no vertical headlines (竖题) on short stories
}

/**
 * How the body of `story` from `start` fills `cols` columns of `depth` rows as a build sets it
 * (copyfitted with `fit`), in `columns` text columns (one a basic column unless given).
 */
export function setIn(m: Measurer, story: Story, cols: number, depth: number, start: StoryPosition, from: number | undefined, fit = false, columns = cols, round: { side?: SideStyles; image?: BlockPhotoSpec } = {}): { overflow: number; underflow: number; squeezed: boolean } {
  const layout = scratchBlock(m, story, { cols, columns, depth, start, from, fit, trial: true, ...round });
  return { overflow: layout.overflow, underflow: layout.underflow, squeezed: (layout.copyfit?.tracking ?? 0) < 0 };
}

/**
 * What the desk cuts for the whole of `story` to fit `cols` columns of `depth` rows, copyfitted as
 * the written manifests are (fit: auto): the cut plan of layout/cuts.ts, each paragraph's cut and
 * the whole plan checked by setting the story again; undefined when there is none.
 */
export function cutsFor(m: Measurer, story: Story, cols: number, depth: number): CopyChange[] | undefined {
  const layout = scratchBlock(m, story, { cols, columns: cols, depth, start: { block: 0, offset: 0 }, from: undefined, fit: true, trial: false });
  return layout.overflow > 0 ? layout.fill.cuts : [];
}

function scratchBlock(m: Measurer, story: Story, o: { cols: number; columns: number; depth: number; start: StoryPosition; from: number | undefined; fit: boolean; trial: boolean; side?: SideStyles | undefined; image?: BlockPhotoSpec | undefined }): BlockLayout {
  const plain = o.side
    ? { ...scratchSpec(m, story, { cols: o.cols, columns: o.columns, lines: o.depth, title: undefined, headRows: undefined }), headline: { place: 'right' as const, styles: { ...o.side } } }
    : scratchSpec(m, story, { cols: o.cols, columns: o.columns, lines: o.depth + 1, title: undefined, headRows: 1 });
  const spec = o.image ? { ...plain, image: o.image } : plain;
  const ctx: BlockContext = { house: m.house, fonts: m.fonts, g: m.g, sink: new DiagnosticSink([] as Diagnostic[]), marks: [], furniture: [], page: 1, fit: o.fit, trial: o.trial };
  // a vertical headline's words make its strip, and so the text's measure: set them
  const part = o.trial && !o.side ? headless(story) : story;
  return layoutBlock({ spec, story: part, where: { ...spec.at, page: 1, block: spec.id }, start: o.start, jump: o.from !== undefined ? { from: o.from } : {} }, ctx).layout;
}

/**
 * The story with no kicker, title or deck: what a trial setting measures is the body under a
 * headline of the one row the scratch block gives it (headline.lines: 1), whatever its words, so
 * they are not set at every trial (a headline on top only).
 */
const headlessOf = new WeakMap<Story, Story>();
function headless(story: Story): Story {
  let s = headlessOf.get(story);
  if (!s) headlessOf.set(story, s = { ...story, kicker: [], title: [], deck: [] });
  return s;
}

/** Body rows of `story` from `start` in one column (subheads, the dateline, a 上接 line included), and its paragraphs. */
export function bodyRows(m: Measurer, story: Story, start: StoryPosition = { block: 0, offset: 0 }, from?: number): { rows: number; paragraphs: number } {
  const deep = 4000;
  const { underflow } = setIn(m, story, 1, deep, start, from);
  return { rows: deep - underflow, paragraphs: story.blocks.filter((b, i) => b.kind === 'paragraph' && i >= start.block).length };
}

/** The body in `cols` columns: the fewest rows a column that hold it as set, the empty rows then, and the lines over at one row less. */
export interface ColumnFit { depth: number; underflow: number; overBelow: number; copyfits: (depth: number) => boolean; squeezes: (depth: number) => boolean }

/** The body in `cols` basic columns (as `columns` text columns: a package's intro runs across in one; beside a vertical headline of `side`'s styles). */
export function fitColumns(m: Measurer, story: Story, cols: number, rows: number, start: StoryPosition = { block: 0, offset: 0 }, from?: number, columns = cols, side?: SideStyles): ColumnFit {
  let depth = Math.max(1, Math.ceil(rows / columns));
  let r = setIn(m, story, cols, depth, start, from, false, columns, { side });
  let below: number | undefined; // the lines over a row less: the setting before, when it was over
  while (r.overflow > 0) { below = r.overflow; r = setIn(m, story, cols, ++depth, start, from, false, columns, { side }); }
  below ??= depth > 1 ? setIn(m, story, cols, depth - 1, start, from, false, columns, { side }).overflow : Infinity;
  const tried = new Map<number, { ok: boolean; squeezed: boolean }>();
  const fitted = (d: number) => {
    let f = tried.get(d);
    if (!f) { const r = setIn(m, story, cols, d, start, from, true, columns, { side }); tried.set(d, f = { ok: r.overflow === 0 && r.underflow <= 1, squeezed: r.squeezed }); }
    return f;
  };
  // copyfitted to within a line; whether it squeezes the ideographs (negative tracking: a NEG_GAP on the page)
  return { depth, underflow: r.underflow, overBelow: below, copyfits: (d) => fitted(d).ok, squeezes: (d) => fitted(d).squeezed };
}

/** A scratch block of `story` for measuring: no photo, box or thread. */
function scratchSpec(m: Measurer, story: Story, o: { cols: number; columns: number; lines: number; title: Style | undefined; headRows: number | undefined }): BlockSpec {
  return {
    id: 'measure', at: { file: story.file, line: 1, col: 1 }, story: { id: story.id, file: story.file },
    col: 1, cols: o.cols, line: 1, lines: o.lines, columns: o.columns, balance: false, fit: false,
    composition: m.house.composition, jumpTitle: [],
    headline: { place: 'top', ...(o.headRows !== undefined ? { lines: o.headRows } : {}), styles: o.title ? { title: o.title } : {} },
  };
}

/** The title style at a 字号. */
export const titleStyle = (house: HouseStyle, size: TitleSize): Style => {
  const base = house.styles.title ?? house.body;
  const pt = HAO[size]!;
  return { ...base, size: pt, pitch: base.pitch * pt / base.size };
};

/** Width in points of `cols` basic columns. */
export const colsWidth = (g: GridInfo, cols: number): number => spanChars(g.colChars, g.gutterChars, cols) * g.em;

/** The decks of a headline: kicker, title (or a 转版题) and deck in the house styles, the title at `size`. */
function decks(m: Measurer, lines: { kicker: string[]; title: string[]; deck: string[] }, size: TitleSize): HeadlineDeck[] {
  const st = (role: 'kicker' | 'deck') => m.house.styles[role] ?? m.house.body;
  return ([['kicker', lines.kicker, st('kicker')], ['title', lines.title, titleStyle(m.house, size)], ['deck', lines.deck, st('deck')]] as const)
    .filter(([, l]) => l.length).map(([role, l, style]) => ({ role, style, lines: [...l] }));
}

/** Whether every line of every deck sets on one line of the width. */
function oneLineEach(m: Measurer, ds: HeadlineDeck[], width: number): boolean {
  return ds.every((d) => fitDeck({ ...d, fit: { min: d.style.size, max: d.style.size, condense: 1 } }, m.fonts, width) !== null);
}

export interface Headline { size: TitleSize; rows: number }

/**
 * The largest title size, at most `max`, at which the headline sets without wrapping across
 * `cols` columns, and the grid rows it then takes; undefined when no size does (too narrow).
 */
export function headlineAt(m: Measurer, lines: { kicker: string[]; title: string[]; deck: string[] }, cols: number, max: TitleSize): Headline | undefined {
  const width = colsWidth(m.g, cols);
  for (const size of TITLE_SIZES.slice(TITLE_SIZES.indexOf(max))) {
    const ds = decks(m, lines, size);
    if (!oneLineEach(m, ds, width)) continue;
    return { size, rows: ds.length ? setHeadline(ds, m.fonts, m.g, width).rows : 0 };
  }
  return undefined;
}

/**
 * A vertical headline's (竖题) kicker and deck sizes: smaller than the house's top ones, as the
 * sample page's package items have them, so that the strip of three decks leaves the text its room.
 */
export const SIDE_KICKER = '小四', SIDE_DECK = '小五';

/** The styles of a vertical headline with its title at `size`. */
export type SideStyles = { kicker: Style; title: Style; deck: Style };

const sideStyles = (house: HouseStyle, size: TitleSize): SideStyles => {
  const at = (role: 'kicker' | 'deck', hao: string): Style => {
    const base = house.styles[role] ?? house.body;
    const pt = HAO[hao]!;
    return { ...base, size: pt, pitch: pt * 1.25 }; // as the manifest resolves { size: … }
  };
  return { kicker: at('kicker', SIDE_KICKER), title: titleStyle(house, size), deck: at('deck', SIDE_DECK) };
};

export interface SideHead {
  styles: SideStyles;
  chars: number; // the strip's width in body characters, as the layout stage gives it (headline.width unset)
  least: number; // the fewest grid lines tall enough for its longest line (none longer than the page: undefined)
}

/**
 * A vertical headline (竖题) with its title at `size`: the strip's width and the fewest grid
 * lines that hold its longest line (setVerticalHeadline's tooLong, as a build reports it);
 * undefined when a line is longer than the page is tall.
 */
export function sideHeadlineAt(m: Measurer, lines: { kicker: string[]; title: string[]; deck: string[] }, size: TitleSize): SideHead | undefined {
  const styles = sideStyles(m.house, size);
  const ds = (['kicker', 'title', 'deck'] as const).filter((r) => lines[r].length).map((role) => ({ role, style: styles[role], lines: [...lines[role]] }));
  if (!ds.some((d) => d.role === 'title')) return undefined;
  const fits = verticalHeadlineFits(ds, m.fonts);
  const tall = (n: number) => fits(blockBox(m.g, { col: 1, cols: 1, line: 1, lines: n }).height);
  if (!tall(m.g.lines)) return undefined;
  let lo = 1, hi = m.g.lines; // the least n with tall(n): tall is monotone in n
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tall(mid)) hi = mid; else lo = mid + 1; }
  return { styles, chars: stripChars(setVerticalHeadline(ds, m.fonts, 0, Infinity).width, m.g.em), least: lo };
}
