/**
 * Line breaking over the whole paragraph (total fit): dynamic programming over the allowed break
 * points, minimising the sum of line costs. Push-in (compressing punctuation blanks) is cheaper
 * than push-out (stretching the line), prohibited breaks are never taken unless nothing else
 * fits, and a last line of one ideograph (孤字) carries a heavy penalty.
 */
import type { Atoms } from './atoms.ts';

export interface BreakParams {
  measure: number; // pt
  em: number; // the grid character, pt
  indent: number; // first-line indent, pt
  trimFirstOpen: boolean; // drop the left blank of an opening bracket after the indent
  hanging: boolean; // a single line-end ，。、 may hang past the measure
}

/** A line from box `start` to box `end` inclusive. */
export interface LineSpan {
  start: number;
  end: number;
}

export const COST = {
  shrinkPerEm: 20, // push-in: compressing punctuation blanks / spaces
  shrinkStopPerEm: 60, // push-in that needs the blank of 。？！ inside the line (the last resort)
  stretchUnit: 100, // stretch cost at 1/8 em per gap (squared)
  limitedPerEm: 5, // stretching Latin spaces and CJK–Latin gaps within their limits
  line: 1, // per line, so that among equals the shorter setting wins
  orphan: 3000, // 孤字: last line with a single ideograph (worse than a loose line off the grid)
  loose: 800, // a gap widened beyond 1/8 em: any setting without one is better
  offGrid: 800, // a justified line of ideographs one short of the grid, with no 禁则 to excuse it
  emergencyBreak: 1e6, // a prohibited break, only when nothing else fits
  overfull: 1e7,
};

export class LineMeasure {
  private W: Float64Array; // prefix sums over boxes: widths, blanks, ideographs
  private B: Float64Array;
  private BE: Float64Array; // the part of B that is the right blank of 。？！
  private I: Int32Array;
  private GW: Float64Array; // prefix sums over gaps: natural, shrink, limited stretch, uniform count
  private GS: Float64Array;
  private GT: Float64Array;
  private GN: Int32Array;
  // per box, what a line starting or ending there trims or hangs: the breaker asks for each
  // candidate line, so these are read from arrays rather than worked out from the boxes each time
  private TS: Float64Array; // trimStart
  private TE: Float64Array; // trimEnd
  private SS: Float64Array; // trimStart when the box's blanks are squeezable (else 0)
  private SE: Float64Array; // trimEnd likewise
  private SX: Float64Array; // trimEnd of a squeezable 。？！ (the stop-blank part of SE)
  private HG: Float64Array; // hang
  private FO: Uint8Array; // forcedOut
  // the widest of each, for fewestLines(): a box pushed in, the trims at a line's edges, a gap at its narrowest
  private widest: { box: number; start: number; end: number; gap: number };

  constructor(readonly atoms: Atoms, readonly p: BreakParams) {
    const { boxes, gaps } = atoms;
    const n = boxes.length;
    this.W = new Float64Array(n + 1); this.B = new Float64Array(n + 1); this.BE = new Float64Array(n + 1); this.I = new Int32Array(n + 1);
    this.TS = new Float64Array(n); this.TE = new Float64Array(n); this.SS = new Float64Array(n); this.SE = new Float64Array(n);
    this.SX = new Float64Array(n); this.HG = new Float64Array(n); this.FO = new Uint8Array(n);
    let box = 0, start = 0, end = 0, gap = 0;
    for (let i = 0; i < n; i++) {
      const b = boxes[i]!;
      this.W[i + 1] = this.W[i]! + b.adv - b.cutL - b.cutR;
      const squeezable = b.squeeze ? b.blankL + b.blankR : 0;
      this.B[i + 1] = this.B[i]! + squeezable;
      this.BE[i + 1] = this.BE[i]! + (b.cls === 'STOP_END' && b.squeeze ? b.blankR : 0);
      this.I[i + 1] = this.I[i]! + (b.cls === 'IDEO' ? 1 : 0);
      this.TS[i] = b.cls === 'OPEN' && (i > 0 || p.trimFirstOpen) ? b.blankL : 0;
      this.TE[i] = b.blankR;
      this.SS[i] = b.squeeze ? this.TS[i]! : 0;
      this.SE[i] = b.squeeze ? this.TE[i]! : 0;
      this.SX[i] = b.cls === 'STOP_END' && b.squeeze ? this.TE[i]! : 0;
      this.HG[i] = this.hangAt(i);
      this.FO[i] = this.forcedOutAt(i) ? 1 : 0;
      box = Math.max(box, this.W[i + 1]! - this.W[i]! - squeezable);
      start = Math.max(start, this.TS[i]! - this.SS[i]!);
      end = Math.max(end, this.TE[i]! - this.SE[i]! + this.HG[i]!);
    }
    const m = gaps.length;
    this.GW = new Float64Array(m + 1); this.GS = new Float64Array(m + 1); this.GT = new Float64Array(m + 1); this.GN = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) {
      const g = gaps[i]!;
      this.GW[i + 1] = this.GW[i]! + g.natural;
      this.GS[i + 1] = this.GS[i]! + g.natural - g.min;
      this.GT[i + 1] = this.GT[i]! + Math.max(0, g.max - g.natural);
      this.GN[i + 1] = this.GN[i]! + (g.uniform ? 1 : 0);
      gap = Math.max(gap, g.min);
    }
    this.widest = { box, start, end, gap };
  }

  trimStart(a: number): number {
    return this.TS[a]!;
  }

  trimEnd(e: number): number {
    return this.TE[e]!;
  }

  /** Width of a line-end stop mark that hangs past the measure (0 when it does not hang). */
  hang(e: number): number {
    return this.HG[e]!;
  }

  private hangAt(e: number): number {
    const { boxes } = this.atoms;
    const b = boxes[e]!;
    if (!this.p.hanging || (b.cls !== 'STOP_IN' && b.cls !== 'STOP_END') || e === 0) return 0;
    const prev = boxes[e - 1]!;
    if (prev.cls === 'OPEN' || prev.cls === 'CLOSE' || prev.cls === 'STOP_IN' || prev.cls === 'STOP_END') return 0; // never a cluster
    return b.adv - b.cutL - b.cutR - b.blankR;
  }

  /** Natural width of the line a..e with line-start/line-end trimming and the indent. */
  natural(a: number, e: number): number {
    return this.W[e + 1]! - this.W[a]! + this.GW[e]! - this.GW[a]! + (a === 0 ? this.p.indent : 0) - this.TS[a]! - this.TE[e]! - this.HG[e]!;
  }

  /** What pushing in can take out of the line a..e (the line-edge trims are gone already). */
  shrink(a: number, e: number): number {
    return this.B[e + 1]! - this.B[a]! - (this.SS[a]! + this.SE[e]!) + this.GS[e]! - this.GS[a]!;
  }

  /** The part of shrink() that only compressing 。？！ inside the line can give. */
  stopShrink(a: number, e: number): number {
    return this.BE[e + 1]! - this.BE[a]! - this.SX[e]!;
  }

  limitedStretch(a: number, e: number): number {
    return this.GT[e]! - this.GT[a]!;
  }

  uniformGaps(a: number, e: number): number {
    return this.GN[e]! - this.GN[a]!;
  }

  ideographs(a: number, e: number): number {
    return this.I[e + 1]! - this.I[a]!;
  }

  /**
   * A lower bound on the lines of any setting of the paragraph, when its uniform gaps are narrowed
   * by a tracking (em, ≤ 0) or not at all (copyfitting asks whether a story far over could fit at
   * any tracking it may use). Every line is at most the measure pushed in, or is a single box;
   * its edges trim at most the widest trims, and a break drops at most the widest gap.
   */
  fewestLines(): (tracking: number) => number {
    const { boxes, gaps } = this.atoms;
    const n = boxes.length, m = gaps.length;
    const { measure } = this.p;
    const { box, start, end, gap } = this.widest;
    // boxes pushed in and gaps at their narrowest; a box wider than the measure counts as one line
    let width = this.W[n]! - this.B[n]! + this.GW[m]! - this.GS[m]!;
    if (box > measure) for (let i = 0; i < n; i++) width -= Math.max(0, this.W[i + 1]! - this.W[i]! - (this.B[i + 1]! - this.B[i]!) - measure);
    const uniform = this.GN[m]!, size = boxes[0]?.size ?? 0;
    return (tracking) => n === 0 ? 0 : Math.max(1, Math.ceil((width + Math.min(0, tracking) * size * uniform) / (measure + 1e-6 + start + end + Math.max(0, gap)) - 1e-6));
  }

  /**
   * A line may end short of the grid when what follows could not stay: an opening mark (it may not
   * end a line) or a character that a mark which may not start a line drags along.
   */
  private forcedOutAt(e: number): boolean {
    const { boxes, gaps } = this.atoms;
    const n1 = boxes[e + 1], n2 = boxes[e + 2];
    return !!n1 && (n1.cls === 'OPEN' || n1.cls === 'LATIN_OPEN' || gaps[e + 1]?.penalty === Infinity || !!(n2 && gaps[e + 1]!.penalty === Infinity));
  }

  /** Cost of setting a..e as one line; Infinity when it cannot fit. */
  cost(a: number, e: number, last: boolean, emergency: boolean): number {
    return this.costOf(a, e, this.natural(a, e), this.shrink(a, e), last, emergency);
  }

  /** cost() with the line's natural width and shrink already known (the breakers have them). */
  costOf(a: number, e: number, nat: number, shrink: number, last: boolean, emergency: boolean): number {
    const { measure, em } = this.p;
    const d = measure - nat;
    let c = COST.line;
    if (d < -1e-6) {
      const need = -d;
      if (need > shrink + 1e-6) return emergency && a === e ? COST.overfull : Infinity;
      const fromStops = Math.max(0, need - (shrink - this.stopShrink(a, e)));
      c += (COST.shrinkPerEm * (need - fromStops) + COST.shrinkStopPerEm * fromStops) / em;
    } else if (!last) {
      const limited = Math.min(d, this.limitedStretch(a, e));
      const rest = d - limited;
      c += COST.limitedPerEm * (limited / em);
      if (rest > 1e-6) {
        const n = this.uniformGaps(a, e);
        if (n === 0) c += emergency ? COST.overfull : 1e5; // a single unbreakable unit: set flush left
        else {
          const perGap = rest / n;
          c += COST.stretchUnit * (perGap / (em / 8)) ** 2 + (perGap > em / 8 + 1e-9 ? COST.loose : 0);
        }
      }
    }
    if (last && a > 0 && this.ideographs(a, e) === 1) c += COST.orphan;
    if (!last && d > 1e-6 && this.ideographs(a, e) === e - a + 1 && !this.FO[e]) c += COST.offGrid;
    return c;
  }
}

/** The best breaks for the paragraph: a list of line spans covering every box. */
export function breakParagraph(m: LineMeasure): LineSpan[] {
  const n = m.atoms.boxes.length;
  if (n === 0) return [];
  return bestBreaks(m, false) ?? bestBreaks(m, true)!;
}

/** The most DP cells (prefix × line count) a search for exactly k lines may use: ~24 MB. */
export const IN_LINES_CELLS = 2_000_000;

/**
 * The best breaks with exactly `lines` lines (copyfitting: one line fewer or more than the
 * optimum), or null when no acceptable setting has that many: no loose line, no 孤字, no
 * prohibited break. 'capped' when the search would need more than `maxCells` cells.
 *
 * Only acceptable lines are tried, so every prefix can be set in a narrow range of line counts
 * (fewest to most, from the start and to the end); the programme keeps a cell per prefix and
 * count within that band, not per prefix and every count, which made a long paragraph cost
 * (boxes × lines) time and memory.
 */
export function breakParagraphInLines(m: LineMeasure, lines: number, maxCells = IN_LINES_CELLS): LineSpan[] | null | 'capped' {
  const n = m.atoms.boxes.length;
  if (n === 0 || lines < 1) return null;
  // fewest and most lines for boxes 0..j-1 (lo, hi) and for boxes j..n-1 (rlo, rhi)
  const lo = new Int32Array(n + 1).fill(-1), hi = new Int32Array(n + 1).fill(-1);
  lo[0] = hi[0] = 0;
  for (let a = 0; a < n; a++) {
    if (lo[a]! < 0) continue;
    acceptableLines(m, a, (e) => {
      const j = e + 1;
      if (lo[j]! < 0 || lo[a]! + 1 < lo[j]!) lo[j] = lo[a]! + 1;
      if (hi[a]! + 1 > hi[j]!) hi[j] = hi[a]! + 1;
    });
  }
  if (lo[n]! < 0 || lines < lo[n]! || lines > hi[n]!) return null;
  const rlo = new Int32Array(n + 1).fill(-1), rhi = new Int32Array(n + 1).fill(-1);
  rlo[n] = rhi[n] = 0;
  for (let a = n - 1; a >= 0; a--) {
    acceptableLines(m, a, (e) => {
      const j = e + 1;
      if (rlo[j]! < 0) return;
      if (rlo[a]! < 0 || rlo[j]! + 1 < rlo[a]!) rlo[a] = rlo[j]! + 1;
      if (rhi[j]! + 1 > rhi[a]!) rhi[a] = rhi[j]! + 1;
    });
  }
  // the counts a prefix can have and still end in exactly `lines`: cells [first[j], first[j] + width)
  const first = new Int32Array(n + 1), at = new Float64Array(n + 2);
  for (let j = 0; j <= n; j++) {
    const ok = lo[j]! >= 0 && rlo[j]! >= 0;
    first[j] = ok ? Math.max(lo[j]!, lines - rhi[j]!) : 0;
    const last = ok ? Math.min(hi[j]!, lines - rlo[j]!) : -1;
    at[j + 1] = at[j]! + Math.max(0, last - first[j]! + 1);
  }
  if (at[n + 1]! > maxCells) return 'capped';
  const width = (j: number) => at[j + 1]! - at[j]!;
  // best[cell]: cheapest setting of boxes 0..j-1 in c lines; from[cell]: where its last line starts
  const best = new Float64Array(at[n + 1]!).fill(Infinity);
  const from = new Int32Array(at[n + 1]!).fill(-1);
  if (width(0) > 0) best[0] = 0;
  // the lines that may start at box a are listed once for all its line counts (every cell written
  // lies after a's, so none of a's is changed while they are used)
  for (let a = 0; a < n; a++) {
    const cells = best.subarray(at[a]!, at[a]! + width(a));
    if (!cells.some((b) => b !== Infinity)) continue;
    acceptableLines(m, a, (e, cost) => {
      const j = e + 1, pen = j === n ? 0 : m.atoms.gaps[e]!.penalty;
      for (let k = 0; k < cells.length; k++) {
        const before = cells[k]!;
        if (before === Infinity) continue;
        const slot = first[a]! + k + 1 - first[j]!;
        if (slot < 0 || slot >= width(j)) continue;
        const total = before + cost + pen, cell = at[j]! + slot;
        if (total < best[cell]!) { best[cell] = total; from[cell] = a; }
      }
    });
  }
  const end = at[n]! + lines - first[n]!;
  if (lines < first[n]! || lines - first[n]! >= width(n) || best[end] === Infinity) return null;
  const spans: LineSpan[] = [];
  for (let c = lines, e = n; c > 0; c--) {
    const a = from[at[e]! + c - first[e]!]!;
    spans.push({ start: a, end: e - 1 });
    e = a;
  }
  return spans.reverse();
}

/** Each line from box `a` a copyfit setting may have (cost below COST.loose, at an allowed break), with its cost. */
function acceptableLines(m: LineMeasure, a: number, each: (e: number, cost: number) => void): void {
  const { boxes, gaps } = m.atoms;
  const n = boxes.length;
  for (let e = a; e < n; e++) {
    const nat = m.natural(a, e), shrink = m.shrink(a, e);
    if (nat - shrink > m.p.measure + 1e-6 && e > a) break;
    const last = e === n - 1;
    if (!last && gaps[e]!.penalty === Infinity) continue;
    const cost = m.costOf(a, e, nat, shrink, last, false);
    if (cost < COST.loose) each(e, cost);
  }
}

/** Total fit in any number of lines; `emergency` allows prohibited breaks at a high price. */
function bestBreaks(m: LineMeasure, emergency: boolean): LineSpan[] | null {
  const n = m.atoms.boxes.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  relaxAll(m, emergency, best, from);
  if (best[n] === Infinity) return null;
  const spans: LineSpan[] = [];
  for (let e = n; e > 0; e = from[e]!) spans.push({ start: from[e]!, end: e - 1 });
  return spans.reverse();
}

/**
 * From every reachable start `a` (cost `best[a]`), every line a..e that can fit improves
 * `best[e + 1]`, remembering its start in `back`; one array, as a line may start where an
 * earlier one ended.
 */
function relaxAll(m: LineMeasure, emergency: boolean, best: Float64Array, back: Int32Array): void {
  const { boxes, gaps } = m.atoms;
  const n = boxes.length;
  const { measure } = m.p;
  for (let a = 0; a < n; a++) {
    if (best[a] === Infinity) continue;
    for (let e = a; e < n; e++) {
      // natural − shrink only grows with e: once it exceeds the measure, no longer line fits
      const nat = m.natural(a, e), shrink = m.shrink(a, e);
      if (nat - shrink > measure + 1e-6 && e > a) break;
      const last = e === n - 1;
      let pen = last ? 0 : gaps[e]!.penalty;
      if (pen === Infinity) {
        if (!emergency) continue;
        pen = COST.emergencyBreak;
      }
      const c = m.costOf(a, e, nat, shrink, last, emergency);
      if (c === Infinity) continue;
      const total = best[a]! + c + pen;
      if (total < best[e + 1]!) { best[e + 1] = total; back[e + 1] = a; }
    }
  }
}
