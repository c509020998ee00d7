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
 * leaves over widens the gutters (TYPOGRAPHY.md §7.3), so every column keeps the grid.
 */
export function frameColumns(g: GridInfo, box: BlockBox, columns: number): { x: number; width: number; chars: number }[] {
  const gut = g.gutterChars;
  const chars = Math.floor((box.chars - (columns - 1) * gut) / columns);
  const spare = box.chars - columns * chars - (columns - 1) * gut;
  const gutter = columns > 1 ? gut + spare / (columns - 1) : 0;
  return Array.from({ length: columns }, (_, i) => ({ x: box.x + i * (chars + gutter) * g.em, width: chars * g.em, chars }));
}

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
