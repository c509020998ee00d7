/**
 * Headlines on top of a block: kicker (引题), title (主题) and deck (副题), each in its house style,
 * stacked and centred in a box of whole grid rows so the body below stays on the grid.
 */
import type { FontRegistry } from '../fonts/registry.ts';
import type { Style } from '../manifest/types.ts';
import { composeParagraph } from '../text/compose.ts';
import { alignVertical, setVerticalColumn, type VerticalColumn } from '../text/vertical.ts';
import { rowsHeight } from './geometry.ts';
import { breakTitle } from './titleBreak.ts';
import { paintOf } from './line.ts';
import type { GridInfo, LineRole, TextLine } from './types.ts';

export interface HeadlineDeck {
  role: LineRole;
  style: Style;
  lines: string[]; // the designer's line breaks
  fit?: HeadlineFit; // choose the size (and at most this much condensing) so each line fits
}

export interface HeadlineFit {
  min: number; // pt
  max: number; // pt
  condense: number; // the narrowest horizontal scale allowed (长体), e.g. 0.85
}

/** 字号 sizes a fitted headline may take, largest first, plus every half point between them. */
function sizesBetween(min: number, max: number): number[] {
  const out: number[] = [];
  for (let s = max; s >= min - 1e-9; s -= 0.5) out.push(s);
  return out;
}

/**
 * The largest size in the range at which every designer line sets on one line of `width`; failing
 * that, the smallest size condensed as little as needed within the limit; null when even that is
 * too long (HEADLINE_TOO_LONG).
 */
export function fitDeck(deck: HeadlineDeck, fonts: FontRegistry, width: number): { size: number; hscale: number } | null {
  const fit = deck.fit!;
  const face = fonts.face(deck.style.family, deck.style.weight);
  const widest = (size: number) => Math.max(...deck.lines.map((t) => composeParagraph([{ text: t, face, size }], { measure: 1e6, em: size, align: 'left' }).lines[0]?.end ?? 0));
  for (const size of sizesBetween(fit.min, fit.max)) if (widest(size) <= width + 1e-6) return { size, hscale: 1 };
  const hscale = width / widest(fit.min);
  return hscale >= fit.condense - 1e-9 ? { size: fit.min, hscale } : null;
}

export interface SetHeadline {
  lines: TextLine[]; // baselines relative to the headline box top; only those inside its rows
  height: number; // of the stacked type, pt
  rows: number; // grid rows it takes (given or the fewest that fit)
  wrapped: boolean; // some designer line was too long and had to wrap
  tooLong: boolean; // a fitted deck does not fit even at its smallest size, condensed to the limit
  clipped: number; // lines left out: the stack is taller than its given rows even at its smallest sizes
}

/** Space between two decks, in the size of the lower one. */
const DECK_GAP = 0.4;

type Fitted = { size: number; hscale: number } | null;

/**
 * Decks stacked over the text in whole grid rows (`rows` given, or the fewest that hold them).
 * Taller than its given rows, a fitted title takes the largest smaller size of its range that
 * fits; failing that it is set at its smallest and only the lines inside the rows are kept.
 */
export function setHeadline(decks: readonly HeadlineDeck[], fonts: FontRegistry, g: GridInfo, width: number, rows?: number): SetHeadline {
  let fitted = decks.map((d): Fitted => (d.fit ? fitDeck(d, fonts, width) : null));
  const tooLong = decks.some((d, i) => d.fit && !fitted[i]);
  let set = stack(decks, fitted, fonts, width);
  const i = fitted.findIndex((f) => f?.hscale === 1);
  if (rows !== undefined && set.height > rowsHeight(g, rows) + 0.01 && i >= 0) {
    for (const size of sizesBetween(decks[i]!.fit!.min, fitted[i]!.size - 0.5)) {
      fitted = fitted.with(i, { size, hscale: 1 });
      set = stack(decks, fitted, fonts, width);
      if (set.height <= rowsHeight(g, rows) + 0.01) break;
    }
  }
  const { height } = set;
  // the fewest whole rows that leave at least half a body character of air above and below
  const need = rows ?? (set.lines.length ? Math.ceil(height / g.pitch - 1e-6) + 1 : 0);
  const box = need ? rowsHeight(g, need) : 0;
  // centred in its rows; one taller than them starts at their top and keeps the lines inside
  const over = height > box + 0.01;
  const off = over ? 0 : (box - height) / 2;
  const lines = set.lines.filter((_, k) => !over || set.bottoms[k]! <= box + 0.01);
  for (const l of lines) l.baseline += off;
  return { lines, height, rows: need, wrapped: set.wrapped, tooLong, clipped: set.lines.length - lines.length };
}

/** The decks at their sizes (a fitted one at its fitted size and scale), stacked from y = 0: lines with their em-box bottoms. */
function stack(decks: readonly HeadlineDeck[], fitted: readonly Fitted[], fonts: FontRegistry, width: number): { lines: TextLine[]; bottoms: number[]; height: number; wrapped: boolean } {
  const lines: TextLine[] = [];
  const bottoms: number[] = [];
  let y = 0;
  let prev: Style | undefined;
  let prevAscent = 0;
  let wrapped = false;
  for (const [k, given] of decks.entries()) {
    const f = fitted[k];
    const deck = f ? { ...given, style: { ...given.style, size: f.size, pitch: given.style.pitch * f.size / given.style.size } } : given;
    const hscale = f?.hscale ?? 1;
    const face = fonts.face(deck.style.family, deck.style.weight);
    const s = deck.style.size;
    const align = deck.style.align === 'left' ? 'left' : deck.style.align;
    const compose = (text: string) => composeParagraph([{ text, face, size: s }], { measure: width / hscale, em: s, align }).lines;
    for (const [i, text] of deck.lines.entries()) {
      let set = compose(text);
      if (set.length > 1) {
        wrapped = true;
        // too wide for the block: broken between words, as evenly as they allow
        const parts = breakTitle(text, width / hscale, (t) => composeParagraph([{ text: t, face, size: s }], { measure: 1e6, em: s, align: 'left' }).lines[0]?.end ?? 0);
        if (parts) set = parts.flatMap(compose);
      }
      // a condensed (长体) line: every position and advance narrower by the same scale
      const setLines = hscale < 1 ? set.map((l) => ({ ...l, glyphs: l.glyphs.map((gl) => ({ ...gl, x: gl.x * hscale, bx: gl.bx * hscale, bw: gl.bw * hscale, hscale })), end: l.end * hscale })) : set;
      for (const [j, l] of setLines.entries()) {
        y += !prev ? face.ascent * s : i > 0 || j > 0 ? deck.style.pitch : (1 - face.ascent) * prev.size + DECK_GAP * s + face.ascent * s;
        prev = deck.style;
        prevAscent = face.ascent;
        bottoms.push(y + (1 - face.ascent) * s);
        lines.push({
          role: deck.role, x: 0, baseline: y, measure: width, end: l.end, glyphs: l.glyphs, text: l.text,
          first: i === 0 && j === 0, last: j === setLines.length - 1, stretch: l.stretch, paint: paintOf(deck.style),
        });
      }
    }
  }
  const height = prev ? y + (1 - prevAscent) * prev.size : 0; // to the last line's em-box bottom
  return { lines, bottoms, height, wrapped };
}

export interface SetVerticalHeadline {
  lines: TextLine[]; // one per vertical column, right to left; x = column left, baseline = strip top
  width: number; // of the set columns together, pt
  tooLong: string[]; // designer lines longer than the strip is tall
}

/** A vertical headline strip's width in characters of `em` when not given: its columns and half a character of air each side. */
export const stripChars = (width: number, em: number): number => Math.ceil(width / em + 1 - 1e-6);

/** Space between two vertical columns, in the size of the smaller one. */
const COLUMN_GAP = 0.35;

/** Whether a vertical headline's column of `columnLength` is too long for `length` (a hundredth of a point is rounding). */
const longerThan = (columnLength: number, length: number): boolean => columnLength > length + 0.01;

/**
 * Whether every column of a vertical headline of `decks` holds in `length`: what an empty
 * tooLong of setVerticalHeadline says, its columns set once for every length asked
 * (makeup looks for the fewest grid lines that hold them).
 */
export function verticalHeadlineFits(decks: readonly HeadlineDeck[], fonts: FontRegistry): (length: number) => boolean {
  let longest = 0;
  for (const deck of decks) {
    const face = fonts.face(deck.style.family, deck.style.weight);
    for (const text of deck.lines) longest = Math.max(longest, setVerticalColumn(text, face, deck.style.size, deck.style.size).length);
  }
  return (length) => !longerThan(longest, length);
}

/**
 * A vertical headline (竖题) in a strip `width` wide and `length` tall: the decks as vertical
 * columns from right to left (kicker, title, deck), the kicker from the top, the deck to the
 * bottom, the title spread over the height when it nearly fills it (均排), else centred.
 */
export function setVerticalHeadline(decks: readonly HeadlineDeck[], fonts: FontRegistry, width: number, length: number): SetVerticalHeadline {
  const cols: { role: LineRole; style: Style; size: number; col: VerticalColumn }[] = [];
  const tooLong: string[] = [];
  for (const deck of decks) {
    const face = fonts.face(deck.style.family, deck.style.weight);
    for (const text of deck.lines) {
      const col = setVerticalColumn(text, face, deck.style.size, deck.style.size);
      if (longerThan(col.length, length)) tooLong.push(text);
      cols.push({ role: deck.role, style: deck.style, size: deck.style.size, col });
    }
  }
  const total = cols.reduce((s, c, i) => s + c.size + (i ? COLUMN_GAP * Math.min(c.size, cols[i - 1]!.size) : 0), 0);
  let x = (width + total) / 2; // right edge of the group, centred in the strip
  const lines: TextLine[] = cols.map((c, i) => {
    if (i) x -= COLUMN_GAP * Math.min(c.size, cols[i - 1]!.size);
    x -= c.size;
    const align = c.role === 'kicker' ? 'top' : c.role === 'deck' ? 'bottom' : c.col.length > length * 0.7 ? 'spread' : 'center';
    const glyphs = alignVertical(c.col, length, align);
    return { role: c.role, x, baseline: 0, measure: c.size, end: c.size, glyphs, text: c.col.text, first: true, last: true, stretch: 0, paint: paintOf(c.style), vertical: true };
  });
  return { lines, width: total, tooLong };
}
