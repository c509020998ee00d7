/**
 * The page grid's arithmetic, in one place (版心 and 基本栏): whole-character basic columns with
 * character gutters, one baseline grid for the page, and the rectangles, text columns and cells
 * derived from them. The manifest checks, layout, furniture, the checks and `banmian watch`'s
 * overlay all measure with these.
 */
import type { GridInfo } from './types.ts';

/** What the grid is made from: the house style's page, body size and pitch, and grid. */
export interface GridInput {
  page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
  body: { size: number; pitch: number };
  grid: { columns: number; chars?: number; gutter: number };
}

/** A rectangle of the grid: 1-based basic column and grid line, and how many of each. */
export interface GridRect { col: number; cols: number; line: number; lines: number }

/** Whole characters per basic column: the given number, or as many as the type area holds with whole gutters. */
export function columnChars(h: GridInput): number {
  const { width, margins } = h.page;
  const { columns, gutter } = h.grid;
  const totalChars = Math.floor((width - margins.left - margins.right) / h.body.size + 1e-6);
  return h.grid.chars ?? Math.floor((totalChars - (columns - 1) * gutter) / columns);
}

/** Characters across `cols` basic columns and the gutters between them. */
export const spanChars = (colChars: number, gutter: number, cols: number): number => cols * colChars + (cols - 1) * gutter;

/**
 * The page's grid. `ascent` is the body face's em-box top above its baseline, in em (FontFace.ascent:
 * 0.88 for the Noto CJK faces), so the first baseline sits where the first row's characters need it.
 */
export function pageGrid(h: GridInput, ascent: number): GridInfo {
  const em = h.body.size;
  const pitch = h.body.pitch;
  const { width, height, margins } = h.page;
  const { columns, gutter } = h.grid;
  const avail = width - margins.left - margins.right;
  const colChars = columnChars(h);
  const used = spanChars(colChars, gutter, columns) * em;
  const availH = height - margins.top - margins.bottom;
  const lines = Math.floor((availH - em) / pitch + 1e-6) + 1;
  const x0 = margins.left + (avail - used) / 2; // the type area is centred between the side margins
  const y0 = margins.top;
  return { em, pitch, x0, y0, width: used, lines, firstBaseline: y0 + ascent * em, columns, colChars, gutterChars: gutter };
}

/** From one basic column's left edge to the next one's. */
export const columnStep = (g: GridInfo): number => (g.colChars + g.gutterChars) * g.em;
/** Left edge of basic column `col` (1-based). */
export const columnX = (g: GridInfo, col: number): number => g.x0 + (col - 1) * (g.colChars + g.gutterChars) * g.em;
/** Em-box top of grid row k (1-based). */
export const rowTop = (g: GridInfo, k: number): number => g.y0 + (k - 1) * g.pitch;
/** Baseline of grid row k. */
export const rowBaseline = (g: GridInfo, k: number): number => g.firstBaseline + (k - 1) * g.pitch;
/** Height from the top of the first of n rows to the bottom of the last one's em box. */
export const rowsHeight = (g: GridInfo, n: number): number => (n - 1) * g.pitch + g.em;
/** How far a row's baseline lies below its em-box top. */
export const baselineDrop = (g: GridInfo): number => g.firstBaseline - g.y0;

/** Whether a rectangle stays inside the page's grid. */
export const onGrid = (g: GridInfo, r: GridRect): boolean => r.col + r.cols - 1 <= g.columns && r.line + r.lines - 1 <= g.lines;
/** Whether two grid rectangles share a cell. */
export const overlaps = (a: GridRect, b: GridRect): boolean =>
  a.col < b.col + b.cols && b.col < a.col + a.cols && a.line < b.line + b.lines && b.line < a.line + a.lines;

export interface BlockBox {
  x: number;
  y: number;
  width: number;
  height: number;
  chars: number; // width in characters
}

/** A grid rectangle's area: from its first column's left edge and first row's em-box top. */
export function blockBox(g: GridInfo, b: GridRect): BlockBox {
  const chars = spanChars(g.colChars, g.gutterChars, b.cols);
  return { x: columnX(g, b.col), y: rowTop(g, b.line), width: chars * g.em, height: rowsHeight(g, b.lines), chars };
}

/** A column: its left edge and width. */
export interface Span { x: number; width: number }

/** The basic columns of a grid rectangle. */
export const basicColumns = (g: GridInfo, r: GridRect): Span[] =>
  Array.from({ length: r.cols }, (_, i) => ({ x: columnX(g, r.col + i), width: g.colChars * g.em }));

/**
 * Text columns inside a block of `chars` characters: whole-character columns; what a 破栏 split
 * leaves over widens the gutters (docs/typography.md §4.1), so every column keeps the grid. Text of
 * another size (`em`, a block's body style) takes whole characters of its own size, the page's
 * gutters between them, and what is left over to the gutters too.
 */
export function frameColumns(g: GridInfo, box: BlockBox, columns: number, em = g.em): { x: number; width: number; chars: number }[] {
  const scale = g.em / em; // page characters → characters of the text's size (1 for body text)
  const across = box.chars * scale, gut = g.gutterChars * scale;
  const chars = Math.floor((across - (columns - 1) * gut) / columns + 1e-9);
  const spare = across - columns * chars - (columns - 1) * gut;
  const gutter = columns > 1 ? gut + spare / (columns - 1) : 0;
  return Array.from({ length: columns }, (_, i) => ({ x: box.x + i * (chars + gutter) * em, width: chars * em, chars }));
}

/**
 * The rows a block's body text is set on: the page grid's, or for a body style of another size
 * or pitch its own rows, from the em-box top of the page grid line `line` (the block's first text
 * row) down at its own pitch. The block's rectangle keeps the page grid; its lines need not.
 * Rows are numbered from `line`, so a text row and a grid row of the same number start level.
 */
export interface TextGrid {
  em: number; // the body size
  pitch: number;
  line: number; // the page grid line its first row starts on
  top: number; // that row's em-box top
  firstBaseline: number; // that row's baseline
}

/** The text grid of a block whose body is `size` on `pitch` (a face of `ascent`), its text from grid line `line`. */
export function textGrid(g: GridInfo, size: number, pitch: number, ascent: number, line: number): TextGrid {
  if (size === g.em && pitch === g.pitch) return { em: g.em, pitch: g.pitch, line: 1, top: g.y0, firstBaseline: g.firstBaseline };
  const top = rowTop(g, line);
  return { em: size, pitch, line, top, firstBaseline: top + ascent * size };
}

/** Whether text rows are the page grid's own. */
export const onPageGrid = (g: GridInfo, t: TextGrid): boolean => t.em === g.em && t.pitch === g.pitch;
/** Baseline of text row k. */
export const textBaseline = (t: TextGrid, k: number): number => t.firstBaseline + (k - t.line) * t.pitch;
/** Em-box top of text row k. */
export const textRowTop = (t: TextGrid, k: number): number => t.top + (k - t.line) * t.pitch;

/** The text rows that lie wholly inside grid lines `first` … `first + n − 1` of the page: the first one and how many. */
export function textRows(g: GridInfo, t: TextGrid, first: number, n: number): { first: number; count: number } {
  if (onPageGrid(g, t)) return { first, count: n };
  const top = rowTop(g, first), bottom = rowTop(g, first + n - 1) + g.em;
  const k = t.line + Math.ceil((top - t.top) / t.pitch - 1e-6);
  return { first: k, count: Math.max(0, Math.floor((bottom - textRowTop(t, k) - t.em) / t.pitch + 1e-6) + 1) };
}

/** A block's text rows `first` … `first + rows − 1`: the em-box top of the first and their height (its own rows, or the page grid's). */
export function textSpan(g: GridInfo, t: TextGrid | undefined, first: number, rows: number): { top: number; height: number } {
  return t ? { top: textRowTop(t, first), height: (rows - 1) * t.pitch + t.em } : { top: rowTop(g, first), height: rowsHeight(g, rows) };
}

/** The fewest grid lines whose height holds `rows` text rows. */
export const gridLinesFor = (g: GridInfo, t: TextGrid, rows: number): number =>
  onPageGrid(g, t) ? rows : Math.max(1, Math.ceil(((rows - 1) * t.pitch + t.em - g.em) / g.pitch - 1e-6) + 1);

/** A rectangle of the grid widened to the middle of the gutters and of the leading around it: where rules and boxes go. */
export interface Cell { left: number; right: number; top: number; bottom: number }

export function cell(g: GridInfo, r: GridRect): Cell {
  const half = (g.gutterChars * g.em) / 2, lead = (g.pitch - g.em) / 2;
  return {
    left: columnX(g, r.col) - half, right: columnX(g, r.col + r.cols) - half,
    top: rowTop(g, r.line) - lead, bottom: rowTop(g, r.line + r.lines - 1) + g.em + lead,
  };
}

/** Grid rows a line of `size` takes, and the baseline shift that centres it in them (subheads, captions, the masthead). */
export function rowsFor(g: GridInfo, size: number, ascent: number): { rows: number; shift: number } {
  const rows = Math.max(1, Math.ceil((size - g.em) / g.pitch - 1e-6) + 1);
  return { rows, shift: (rowsHeight(g, rows) - size) / 2 + ascent * size - ascent * g.em };
}
