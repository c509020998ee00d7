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
import { spanChars } from '../layout/geometry.ts';
import { fitDeck, setHeadline, type HeadlineDeck } from '../layout/headline.ts';
import type { BlockLayout, CopyChange, GridInfo, StoryPosition } from '../layout/types.ts';
import type { BlockSpec, HouseStyle, Style } from '../manifest/types.ts';
import { HAO } from '../manifest/units.ts';

/** Title sizes a made-up page uses, largest first: 小初 for a lead down to 四号. */
export const TITLE_SIZES = ['小初', '一号', '小一', '二号', '小二', '三号', '小三', '四号'] as const;
export type TitleSize = (typeof TITLE_SIZES)[number];

export interface Measurer {
  g: GridInfo;
  house: HouseStyle;
  fonts: FontRegistry;
}

/**
 * How the body of `story` from `start` fills `cols` columns of `depth` rows as a build sets it
 * (copyfitted with `fit`), in `columns` text columns (one a basic column unless given).
 */
export function setIn(m: Measurer, story: Story, cols: number, depth: number, start: StoryPosition, from: number | undefined, fit = false, columns = cols): { overflow: number; underflow: number } {
  const layout = scratchBlock(m, story, { cols, columns, depth, start, from, fit, trial: true });
  return { overflow: layout.overflow, underflow: layout.underflow };
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

function scratchBlock(m: Measurer, story: Story, o: { cols: number; columns: number; depth: number; start: StoryPosition; from: number | undefined; fit: boolean; trial: boolean }): BlockLayout {
  const spec = scratchSpec(m, story, { cols: o.cols, columns: o.columns, lines: o.depth + 1, title: undefined, headRows: 1 });
  const ctx: BlockContext = { house: m.house, fonts: m.fonts, g: m.g, sink: new DiagnosticSink([] as Diagnostic[]), marks: [], furniture: [], page: 1, fit: o.fit, trial: o.trial };
  const part = o.trial ? headless(story) : story;
  return layoutBlock({ spec, story: part, where: { ...spec.at, page: 1, block: spec.id }, start: o.start, jump: o.from !== undefined ? { from: o.from } : {} }, ctx).layout;
}

/**
 * The story with no kicker, title or deck: what a trial setting measures is the body under a
 * headline of the one row the scratch block gives it (headline.lines: 1), whatever its words, so
 * they are not set at every trial.
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
export interface ColumnFit { depth: number; underflow: number; overBelow: number; copyfits: (depth: number) => boolean }

/** The body in `cols` basic columns (as `columns` text columns: a package's intro runs across in one). */
export function fitColumns(m: Measurer, story: Story, cols: number, rows: number, start: StoryPosition = { block: 0, offset: 0 }, from?: number, columns = cols): ColumnFit {
  let depth = Math.max(1, Math.ceil(rows / columns));
  let r = setIn(m, story, cols, depth, start, from, false, columns);
  while (r.overflow > 0) r = setIn(m, story, cols, ++depth, start, from, false, columns);
  const below = depth > 1 ? setIn(m, story, cols, depth - 1, start, from, false, columns).overflow : Infinity;
  const tried = new Map<number, boolean>();
  const copyfits = (d: number) => {
    let ok = tried.get(d);
    if (ok === undefined) { const f = setIn(m, story, cols, d, start, from, true, columns); ok = f.overflow === 0 && f.underflow <= 1; tried.set(d, ok); }
    return ok;
  };
  return { depth, underflow: r.underflow, overBelow: below, copyfits };
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
