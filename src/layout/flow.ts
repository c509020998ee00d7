/**
 * flow: a story's composed paragraphs and subheads → rows of the block's frames, in reading order
 * (columns left to right), one composed line per grid row. A subhead never ends a column: it moves
 * to the next one together with the start of its paragraph (背题).
 */
import type { SourcePos } from '../diagnostic.ts';
import type { ComposedLine } from '../text/compose.ts';
import type { Colour } from '../types.ts';
import type { FrameLayout, LineRole, TextLine } from './types.ts';

/** A paragraph (its lines, and where a line's first character is in the article) or a subhead, with their colour. */
export type FlowItem =
  | { kind: 'paragraph'; para: number; lines: ComposedLine[]; at: (l: ComposedLine) => SourcePos; paint: Colour }
  | { kind: 'subhead'; lines: ComposedLine[]; rows: number; baselineShift: number; at: SourcePos; paint: Colour };

export interface FrameSlot {
  x: number;
  width: number;
  firstLine: number;
  capacity: number;
}

export interface Flowed {
  frames: FrameLayout[];
  overflow: number; // lines that did not fit
  underflow: number; // empty rows after the last line
  stop?: { item: number; line: number }; // the first line that did not fit (a thread continues there)
}

/** Lines of a paragraph that must follow a subhead in the same column. */
const KEEP_WITH_SUBHEAD = 2;

export interface FlowOptions {
  widows: boolean; // keep a paragraph's single first line off a column's foot, its single last line off the next head (孤行)
}

export type FlowFn = (items: readonly FlowItem[], slots: readonly FrameSlot[], baselineOf: (row: number) => number, o: FlowOptions) => Flowed;

/**
 * Balanced columns: the highest common last row at which the columns take the whole story, so
 * they end level (the last one at most a line short). Columns may start on different rows (a
 * photo above some of them); a column that would end before it starts is left empty.
 */
export const flowBalanced: FlowFn = (items, slots, baselineOf, o) => {
  const full = flowStory(items, slots, baselineOf, o);
  if (full.overflow > 0 || slots.length < 2) return full;
  const rows = items.reduce((s, it) => s + (it.kind === 'subhead' ? it.rows * it.lines.length : it.lines.length), 0);
  const top = Math.min(...slots.map((s) => s.firstLine));
  const bottom = Math.max(...slots.map((s) => s.firstLine + s.capacity - 1));
  // no common end above this one can hold all the rows
  for (let end = top + Math.ceil(rows / slots.length) - 1; end < bottom; end++) {
    const live = slots.map((s) => ({ ...s, capacity: Math.min(s.capacity, end - s.firstLine + 1) })).filter((s) => s.capacity > 0);
    const f = flowStory(items, live, baselineOf, o);
    if (f.overflow === 0) {
      // the frames keep their full height: the empty rows below the level end are underflow
      return { frames: slots.map((s) => ({ ...s, lines: f.frames.find((l) => l.x === s.x)?.lines ?? [] })), overflow: 0, underflow: full.underflow };
    }
  }
  return full;
};

export const flowStory: FlowFn = (items, slots, baselineOf, o) => {
  const frames: FrameLayout[] = slots.map((s) => ({ ...s, lines: [] }));
  let f = 0, r = 0, overflow = 0;
  let stop: Flowed['stop'];
  const put = (at: { item: number; line: number }, role: LineRole, l: ComposedLine, rows: number, shift: number, paint: Colour, src: SourcePos, para?: number) => {
    if (f < frames.length && r + rows > frames[f]!.capacity) { f++; r = 0; }
    if (f >= frames.length) { overflow += 1; stop ??= at; return; }
    const fr = frames[f]!;
    const line: TextLine = {
      role, x: fr.x, baseline: baselineOf(fr.firstLine + r) + shift, measure: l.measure, end: l.end, glyphs: l.glyphs,
      text: l.text, first: l.first, last: l.last, stretch: l.stretch, paint,
    };
    if (para !== undefined) line.para = para;
    line.at = src;
    fr.lines.push(line);
    r += rows;
  };
  items.forEach((item, i) => {
    if (item.kind === 'subhead') {
      const next = items[i + 1];
      const keep = item.rows * item.lines.length + (next?.kind === 'paragraph' ? Math.min(KEEP_WITH_SUBHEAD, next.lines.length) : 0);
      if (f < frames.length && r > 0 && r + keep > frames[f]!.capacity) { f++; r = 0; }
      item.lines.forEach((l, k) => put({ item: i, line: k }, 'subhead', l, item.rows, item.baselineShift, item.paint, item.at));
    } else {
      const n = item.lines.length;
      item.lines.forEach((l, k) => {
        // 孤行: a first line alone at a column's foot, or a last line pushed alone to the next head
        if (o.widows && n >= 2 && f < frames.length && r === frames[f]!.capacity - 1 && (k === 0 || k === n - 2)) { f++; r = 0; }
        put({ item: i, line: k }, 'body', l, 1, 0, item.paint, item.at(l), item.para);
      });
    }
  });
  let underflow = 0;
  if (f < frames.length) {
    underflow = frames[f]!.capacity - r;
    for (let k = f + 1; k < frames.length; k++) underflow += frames[k]!.capacity;
  }
  return { frames, overflow, underflow, ...(stop ? { stop } : {}) };
};
