/**
 * The page grid (版心 and 基本栏): whole-character basic columns with character gutters, and one
 * baseline grid for the page. Block rectangles and their text columns (frames) are derived from it.
 */
import type { BlockSpec, HouseStyle } from '../manifest/types.ts';
import type { GridInfo } from './types.ts';

export function pageGrid(house: HouseStyle): GridInfo {
  const em = house.body.size;
  const pitch = house.body.pitch;
  const { width, height, margins } = house.page;
  const { columns, gutter } = house.grid;
  const avail = width - margins.left - margins.right;
  const totalChars = Math.floor(avail / em + 1e-6);
  const colChars = house.grid.chars ?? Math.floor((totalChars - (columns - 1) * gutter) / columns);
  const used = (columns * colChars + (columns - 1) * gutter) * em;
  const availH = height - margins.top - margins.bottom;
  const lines = Math.floor((availH - em) / pitch + 1e-6) + 1;
  const x0 = margins.left + (avail - used) / 2; // the type area is centred between the side margins
  const y0 = margins.top;
  return { em, pitch, x0, y0, width: used, lines, firstBaseline: y0 + 0.88 * em, columns, colChars, gutterChars: gutter };
}

/** Em-box top of grid row k (1-based). */
export const rowTop = (g: GridInfo, k: number): number => g.y0 + (k - 1) * g.pitch;
/** Baseline of grid row k. */
export const rowBaseline = (g: GridInfo, k: number): number => g.firstBaseline + (k - 1) * g.pitch;
/** Height from the top of the first of n rows to the bottom of the last one's em box. */
export const rowsHeight = (g: GridInfo, n: number): number => (n - 1) * g.pitch + g.em;

export interface BlockBox {
  x: number;
  y: number;
  width: number;
  height: number;
  chars: number; // width in characters
}

export function blockBox(g: GridInfo, b: Pick<BlockSpec, 'col' | 'cols' | 'line' | 'lines'>): BlockBox {
  const x = g.x0 + (b.col - 1) * (g.colChars + g.gutterChars) * g.em;
  const chars = b.cols * g.colChars + (b.cols - 1) * g.gutterChars;
  return { x, y: rowTop(g, b.line), width: chars * g.em, height: rowsHeight(g, b.lines), chars };
}

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
