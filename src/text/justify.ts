/**
 * Justification of one line (docs/typography.md §4): compress first, by the priority list, then
 * stretch by the priority list; every justified line ends exactly at the measure and a line of
 * ideographs keeps every character on the grid.
 */
import type { Atoms, Box } from './atoms.ts';
import type { LineMeasure, LineSpan } from './breaker.ts';
import type { CharClass } from './classes.ts';

export interface PlacedGlyph {
  gid: number;
  face: string; // FontFace key
  size: number;
  x: number; // glyph origin, relative to the line start
  adv: number; // the glyph's own advance, pt
  bx: number; // the box as set: where it starts (after any trimmed blank) and how wide it is
  bw: number;
  text: string;
  cls: CharClass | 'SPACE';
  missing?: true;
  hangs?: true; // a hanging line-end mark, set past the measure
  centred?: true; // a full-width mark with its ink centred (TW/HK faces): it keeps its whole cell
  y?: number; // vertical setting: the glyph's own baseline, below the line's (column's) top
  rotated?: true; // vertical setting: turned 90° clockwise (Latin words in a vertical column)
  hscale?: number; // horizontal scale < 1 (a 纵中横 cell wider than an em)
  cell?: { gid: number; adv: number }[]; // a composed 縱中橫 cell's digits (verticalLines.ts sets them side by side)
}

export interface ComposedLine {
  glyphs: PlacedGlyph[];
  measure: number;
  end: number; // where the set line ends (== measure when justified)
  first: boolean; // first line of its paragraph
  last: boolean; // last line of its paragraph
  stretch: number; // widening of every inter-character gap (after spaces and CJK–Latin gaps), em
  shrink: number; // total compression, pt
  text: string;
  src: number; // offset of its first character in the paragraph's text (all runs joined)
}

export type LineAlign = 'justify' | 'left' | 'center' | 'right';

/** docs/typography.md §4.2, after the line-end trim and Latin spaces; 'cjklatin' is the gap step. */
const SHRINK_LEVELS: (((b: Box, side: 'l' | 'r') => boolean) | 'cjklatin')[] = [
  (b) => b.cls === 'MIDDOT',
  (b, s) => (b.cls === 'OPEN' && s === 'l') || (b.cls === 'CLOSE' && s === 'r'),
  (b, s) => b.cls === 'STOP_IN' && s === 'r',
  'cjklatin',
  (b, s) => b.cls === 'STOP_END' && s === 'r',
];

/**
 * What a line takes out of its boxes and gives its gaps, in typed arrays (a page sets ~10,000
 * boxes): adj[2k], adj[2k+1] are the blanks removed left and right of the line's k-th box,
 * w[k] the width of the gap after it. A cap is an amount one of them may still give in a push-in
 * step; caps are taken in proportion, in the order they were found.
 */
class LineAdjust {
  readonly adj: Float64Array;
  readonly w: Float64Array;
  private capAt: number[] = []; // ≥ 0: adj index (removed blank grows); < 0: gap −1−k (width shrinks)
  private capOf: number[] = [];

  constructor(boxes: number) {
    this.adj = new Float64Array(2 * boxes);
    this.w = new Float64Array(Math.max(0, boxes - 1));
  }

  cap(at: number, amount: number): void {
    this.capAt.push(at);
    this.capOf.push(amount);
  }

  /** Takes up to `need` from the caps found since the last call, in proportion; returns what is still needed. */
  take(need: number): number {
    let total = 0;
    for (const c of this.capOf) total += c;
    if (total > 1e-9 && need > 1e-9) {
      const f = Math.min(1, need / total);
      this.capAt.forEach((at, i) => {
        if (at >= 0) this.adj[at] = this.adj[at]! + this.capOf[i]! * f;
        else this.w[-1 - at] = this.w[-1 - at]! - this.capOf[i]! * f;
      });
      need -= total * f;
    }
    this.capAt.length = 0;
    this.capOf.length = 0;
    return need;
  }
}

export function setLine(m: LineMeasure, span: LineSpan, opts: { last: boolean; align: LineAlign }): ComposedLine {
  const { boxes, gaps } = m.atoms as Atoms;
  const { start: a, end: e } = span;
  const { measure, em } = m.p;
  const L = new LineAdjust(e - a + 1);
  const { adj, w } = L;
  adj[0] = m.trimStart(a);
  adj[2 * (e - a) + 1] = m.trimEnd(e);
  for (let i = a; i < e; i++) w[i - a] = gaps[i]!.natural;
  let d = measure - m.natural(a, e);
  let shrink = 0, stretch = 0;
  const justify = opts.align === 'justify' && !opts.last;
  const gapCaps = (kind: 'space' | 'cjklatin') => {
    for (let j = 0; j < e - a; j++) {
      const gap = gaps[a + j]!;
      if (gap.kind === kind && w[j]! - gap.min > 1e-9) L.cap(-1 - j, w[j]! - gap.min);
    }
  };
  if (d < -1e-9) {
    // push in: spaces, then punctuation blanks and CJK–Latin gaps by priority
    gapCaps('space');
    let need = L.take(-d);
    for (const level of SHRINK_LEVELS) {
      if (level === 'cjklatin') gapCaps('cjklatin');
      else {
        for (let i = a; i <= e; i++) {
          const b = boxes[i]!, k = 2 * (i - a);
          if (!b.squeeze) continue;
          if (level(b, 'l') && b.blankL - adj[k]! > 1e-9) L.cap(k, b.blankL - adj[k]!);
          if (level(b, 'r') && b.blankR - adj[k + 1]! > 1e-9) L.cap(k + 1, b.blankR - adj[k + 1]!);
        }
      }
      need = L.take(need);
    }
    shrink = -d - need;
    d = 0;
  } else if (justify && d > 1e-9) {
    // push out: Latin spaces, then CJK–Latin gaps within their limits, then every gap equally
    for (const kind of ['space', 'cjklatin'] as const) {
      let total = 0;
      for (let i = a; i < e; i++) {
        const gap = gaps[i]!;
        total += gap.kind === kind ? Math.max(0, gap.max - w[i - a]!) : 0;
      }
      if (total > 1e-9) {
        const f = Math.min(1, d / total);
        for (let i = a; i < e; i++) {
          const gap = gaps[i]!;
          w[i - a] = w[i - a]! + (gap.kind === kind ? Math.max(0, gap.max - w[i - a]!) : 0) * f;
        }
        d -= total * f;
      }
    }
    const n = m.uniformGaps(a, e);
    if (d > 1e-9 && n > 0) {
      const each = d / n;
      for (let i = a; i < e; i++) if (gaps[i]!.uniform) w[i - a] = w[i - a]! + each;
      stretch = each / em;
      d = 0;
    }
  }
  // place
  let x = a === 0 ? m.p.indent : 0;
  if (!justify || d > 1e-9) {
    if (opts.align === 'center') x += d / 2;
    else if (opts.align === 'right') x += d;
  }
  const glyphs: PlacedGlyph[] = [];
  let text = '';
  for (let i = a; i <= e; i++) {
    const b = boxes[i]!, k = 2 * (i - a);
    const bw = b.adv - b.cutL - b.cutR - adj[k]! - adj[k + 1]!;
    glyphs.push(placed(b, x - b.cutL - adj[k]! + b.xOff, x, bw));
    text += b.text;
    x += bw;
    if (i < e) {
      const gap = gaps[i]!, gw = w[i - a]!;
      if (gap.space) { glyphs.push({ gid: gap.space.gid, face: gap.space.face.key, size: gap.space.size, x, adv: gw, bx: x, bw: gw, text: ' ', cls: 'SPACE' }); text += ' '; }
      x += gw;
    }
  }
  const hung = m.hang(e);
  if (hung) glyphs[glyphs.length - 1]!.hangs = true;
  return { glyphs, measure, end: x - hung, first: a === 0, last: opts.last, stretch, shrink, text, src: boxes[a]!.src };
}

function placed(b: Box, x: number, bx: number, bw: number): PlacedGlyph {
  const p: PlacedGlyph = { gid: b.gid, face: b.face.key, size: b.size, x, adv: b.adv, bx, bw, text: b.text, cls: b.cls };
  if (b.missing) p.missing = true;
  if (b.centred) p.centred = true;
  if (b.rotated) p.rotated = true;
  if (b.cell) p.cell = b.cell;
  return p;
}
