/**
 * Justification of one line (TYPOGRAPHY.md §4): compress first, by the priority list, then
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
  y?: number; // vertical setting: the glyph's own baseline, below the line's (column's) top
  rotated?: true; // vertical setting: turned 90° clockwise (Latin words in a vertical column)
  hscale?: number; // horizontal scale < 1 (a 纵中横 cell wider than an em)
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

interface Adjust { l: number; r: number } // blank removed (+) from each box side
interface GapSet { w: number }

/** TYPOGRAPHY.md §4.2, after the line-end trim and Latin spaces; 'cjklatin' is the gap step. */
const SHRINK_LEVELS: (((b: Box, side: 'l' | 'r') => boolean) | 'cjklatin')[] = [
  (b) => b.cls === 'MIDDOT',
  (b, s) => (b.cls === 'OPEN' && s === 'l') || (b.cls === 'CLOSE' && s === 'r'),
  (b, s) => b.cls === 'STOP_IN' && s === 'r',
  'cjklatin',
  (b, s) => b.cls === 'STOP_END' && s === 'r',
];

export function setLine(m: LineMeasure, span: LineSpan, opts: { last: boolean; align: LineAlign }): ComposedLine {
  const { boxes, gaps } = m.atoms as Atoms;
  const { start: a, end: e } = span;
  const { measure, em } = m.p;
  const adj: Adjust[] = [];
  for (let i = a; i <= e; i++) adj.push({ l: 0, r: 0 });
  adj[0]!.l = m.trimStart(a);
  adj[e - a]!.r = m.trimEnd(e);
  const g: GapSet[] = [];
  for (let i = a; i < e; i++) g.push({ w: gaps[i]!.natural });
  let d = measure - m.natural(a, e);
  let shrink = 0, stretch = 0;
  const justify = opts.align === 'justify' && !opts.last;
  if (d < -1e-9) {
    // push in: spaces, then punctuation blanks and CJK–Latin gaps by priority
    let need = -d;
    const take = (caps: { cap: number; apply: (x: number) => void }[]) => {
      const total = caps.reduce((s, c) => s + c.cap, 0);
      if (total <= 1e-9 || need <= 1e-9) return;
      const f = Math.min(1, need / total);
      for (const c of caps) c.apply(c.cap * f);
      need -= total * f;
    };
    take(gapCaps(gaps, g, a, 'space'));
    for (const level of SHRINK_LEVELS) {
      if (level === 'cjklatin') { take(gapCaps(gaps, g, a, 'cjklatin')); continue; }
      const caps: { cap: number; apply: (x: number) => void }[] = [];
      for (let i = a; i <= e; i++) {
        const b = boxes[i]!, k = adj[i - a]!;
        if (!b.squeeze) continue;
        if (level(b, 'l') && b.blankL - k.l > 1e-9) caps.push({ cap: b.blankL - k.l, apply: (x) => (k.l += x) });
        if (level(b, 'r') && b.blankR - k.r > 1e-9) caps.push({ cap: b.blankR - k.r, apply: (x) => (k.r += x) });
      }
      take(caps);
    }
    shrink = -d - need;
    d = 0;
  } else if (justify && d > 1e-9) {
    // push out: Latin spaces, then CJK–Latin gaps within their limits, then every gap equally
    for (const kind of ['space', 'cjklatin'] as const) {
      const room = [] as number[];
      let total = 0;
      for (let i = a; i < e; i++) {
        const gap = gaps[i]!;
        const r = gap.kind === kind ? Math.max(0, gap.max - g[i - a]!.w) : 0;
        room.push(r); total += r;
      }
      if (total > 1e-9) {
        const f = Math.min(1, d / total);
        room.forEach((r, j) => (g[j]!.w += r * f));
        d -= total * f;
      }
    }
    const n = m.uniformGaps(a, e);
    if (d > 1e-9 && n > 0) {
      const each = d / n;
      for (let i = a; i < e; i++) if (gaps[i]!.uniform) g[i - a]!.w += each;
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
    const b = boxes[i]!, k = adj[i - a]!;
    const w = b.adv - b.cutL - b.cutR - k.l - k.r;
    glyphs.push(placed(b, x - b.cutL - k.l + b.xOff, x, w));
    text += b.text;
    x += w;
    if (i < e) {
      const gap = gaps[i]!;
      if (gap.space) { glyphs.push({ gid: gap.space.gid, face: gap.space.face.key, size: gap.space.size, x, adv: g[i - a]!.w, bx: x, bw: g[i - a]!.w, text: ' ', cls: 'SPACE' }); text += ' '; }
      x += g[i - a]!.w;
    }
  }
  const hung = m.hang(e);
  if (hung) glyphs[glyphs.length - 1]!.hangs = true;
  return { glyphs, measure, end: x - hung, first: a === 0, last: opts.last, stretch, shrink, text, src: boxes[a]!.src };
}

function gapCaps(gaps: Atoms['gaps'], g: GapSet[], a: number, kind: 'space' | 'cjklatin') {
  const caps: { cap: number; apply: (x: number) => void }[] = [];
  g.forEach((cur, j) => {
    const gap = gaps[a + j]!;
    if (gap.kind === kind && cur.w - gap.min > 1e-9) caps.push({ cap: cur.w - gap.min, apply: (x) => (cur.w -= x) });
  });
  return caps;
}

function placed(b: Box, x: number, bx: number, bw: number): PlacedGlyph {
  const p: PlacedGlyph = { gid: b.gid, face: b.face.key, size: b.size, x, adv: b.adv, bx, bw, text: b.text, cls: b.cls };
  if (b.missing) p.missing = true;
  return p;
}
