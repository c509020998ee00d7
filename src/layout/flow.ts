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
 * How unevenly a flow's columns end, to compare splits: how far their ends differ in lines, then whether
 * all but the last differ by more than a line or the last is the longest (what check 23 holds a
 * balanced block to), then how often a column is longer than the one before it.
 */
const unevenness = (f: Flowed): number => {
  const top = Math.min(...f.frames.map((fr) => fr.firstLine));
  const n = f.frames.map((fr) => fr.firstLine - top + fr.lines.length); // where each column ends: one under a photo starts lower
  const lead = n.slice(0, -1);
  const shape = Math.max(...lead) - Math.min(...lead) > 1 || n.at(-1)! > Math.max(...lead) ? 1 : 0;
  const rises = n.reduce((r, x, i) => r + (i > 0 && x > n[i - 1]! ? 1 : 0), 0);
  return (Math.max(...n) - Math.min(...n)) * 100 + shape * 10 + Math.min(rises, 9);
};

/**
 * Balanced columns: the highest common last row at which the columns take the whole story, some
 * columns down to it and the others a line shorter, so they differ by at most a line. Where
 * keeping 孤行 off the column ends forbids that, the most even of those splits that holds the
 * story (the short one last, if it can be). Splits are tried with as few full columns as hold
 * the story, the first columns the long ones. Columns may start on different rows (a photo above some of them); a column that would end
 * before it starts is left empty. The line an even split leaves at the foot of a shorter column
 * is not underflow.
 */
/** Which columns run to the common end, a bit each (the first column the highest): fewer first, then the leftmost. */
const MASKS = new Map<number, number[]>();
function masksFor(k: number): number[] {
  const ones = (m: number) => m.toString(2).replace(/0/g, '').length;
  let masks = MASKS.get(k);
  if (!masks) MASKS.set(k, masks = Array.from({ length: 2 ** k - 1 }, (_, i) => i + 1).sort((a, b) => ones(a) - ones(b) || b - a));
  return masks;
}

export const flowBalanced: FlowFn = (items, slots, baselineOf, o) => {
  const full = flowStory(items, slots, baselineOf, o);
  const k = slots.length;
  if (full.overflow > 0 || k < 2) return full;
  const rows = items.reduce((s, it) => s + (it.kind === 'subhead' ? it.rows * it.lines.length : it.lines.length), 0);
  const top = Math.min(...slots.map((s) => s.firstLine));
  const bottom = Math.max(...slots.map((s) => s.firstLine + s.capacity - 1));
  const masks = masksFor(k);
  const long = (mask: number, c: number) => ((mask >> (k - 1 - c)) & 1) === 1;
  // no common end above this one can hold all the rows; at the bottom with every column full it is `full`
  for (let end = top + Math.ceil(rows / k) - 1; end <= bottom; end++) {
    let best: Flowed | undefined, bestU = Infinity;
    for (const mask of masks) {
      const capped = slots.map((s, c) => ({ ...s, capacity: Math.min(s.capacity, (long(mask, c) ? end : end - 1) - s.firstLine + 1) }));
      if (capped.reduce((n, s) => n + Math.max(0, s.capacity), 0) < rows) continue;
      const f = flowStory(items, capped.filter((s) => s.capacity > 0), baselineOf, o);
      const u = unevenness(f);
      if (f.overflow > 0 || u >= bestU) continue;
      best = f; bestU = u;
      if (u < 200 && u % 100 === 0) break; // within a line, the long ones first
    }
    if (!best) continue;
    const below = slots.reduce((n, s) => n + s.capacity - Math.max(0, Math.min(s.capacity, end - s.firstLine + 1)), 0);
    // the frames keep their full height; underflow: the rows under the level end and what the copy leaves of its split,
    // or, when the columns do not end within a line (孤行 kept off their ends forced it), every empty row as filled in turn
    const underflow = bestU < 200 ? below + best.underflow : full.underflow;
    return { frames: slots.map((s) => ({ ...s, lines: best.frames.find((l) => l.x === s.x)?.lines ?? [] })), overflow: 0, underflow };
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
