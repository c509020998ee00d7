/**
 * The page search: blocks placed one at a time at the top-most, left-most free cell of the page
 * (a skyline), each the next story of the plan (or the one after it, at a price), in one of the
 * shapes its measurement allows; a beam of the best partial pages kept at each step. Every
 * tiling of the page by rectangles is reached in this order, so the page is covered exactly by
 * construction: a state whose holes no remaining story can fill is dropped. Deterministic; the
 * seed only breaks ties.
 */
import type { GridRect } from '../layout/geometry.ts';
import { addedCost, scorePage, type Score, type ScoredBlock } from './score.ts';
import type { TitleSize } from './measure.ts';

/** One way to set a story as a block: its width and depth and what they are made of. */
export interface Shape {
  cols: number;
  lines: number;
  title?: TitleSize;
  headRows: number;
  extraHead: number;
  photoRows: number;
  photoCols?: number; // a photo over fewer of the block's columns than all, the text round it
  bodyPerCol: number;
  change: number; // lines copyfitting must find (±)
  squeezed?: boolean; // copyfitting it squeezes the ideographs (a NEG_GAP on the page)
  jumps: boolean; // the story goes on on a later page
  pack?: { head: number; items: PackItem[]; pengti?: number }; // 集纳: the rows of its head (flag and intro) and its items under it (pengti: the price of their 碰题)
  side?: { columns: number }; // a vertical headline (竖题) at the right, the body in this many text columns beside it
}

/** An item of a package: its story and rectangle, col and line counted from the package's first column and the first line under its head. */
export interface PackItem { key: string; col: number; cols: number; line: number; lines: number; shape: Shape }

/** A story (or a continuation) to place on the page. */
export interface Item {
  key: string;
  rank: number;
  lead: boolean;
  photo: boolean;
  shapes(pageRank: number): Shape[]; // every shape, for the item's place among the page's stories
}

export interface Placed extends GridRect { item: Item; shape: Shape }

export interface PageResult { blocks: Placed[]; score: Score }

export interface SearchOptions { beam: number; keep: number; seed: number }

interface State { sky: number[]; left: number[]; placed: Placed[]; scored: ScoredBlock[]; cost: number; tie: number }
/** A state one block on from `from`, its lists made only if it stays in the beam. */
interface Candidate { sky: number[]; left: number[]; from: State; block: Placed; b: ScoredBlock; cost: number; tie: number; out: boolean } // out: put out of its group by better ones
interface Need { key: string; min: number; max: number; count: number; depths: Uint8Array; left: readonly number[] }
const byCost = (a: { cost: number; tie: number }, b: { cost: number; tie: number }) => a.cost - b.cost || a.tie - b.tie;
const better = (cost: number, tie: number, b: { cost: number; tie: number }) => cost < b.cost || (cost === b.cost && tie < b.tie);

/** mulberry32: a small deterministic generator for tie-breaking. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of the next remaining stories the search may choose from at each step (1: strict plan order). */
const LOOKAHEAD = 2;
/** States kept with the same skyline and stories left: the alternatives differ above it. */
const SAME = 4;

/**
 * The best `keep` complete layouts of `items` (all placed) on a page of `columns` × `lines`
 * less the `fixed` rectangles (masthead, ads), best first; none when they cannot cover it.
 */
export function searchPage(columns: number, lines: number, fixed: readonly GridRect[], items: readonly Item[], o: SearchOptions): PageResult[] {
  const rand = rng(o.seed);
  const cells = cellTables(columns, lines, fixed);
  const { floor, settled, open: openFrom, rows: R } = cells;
  const start = Array.from({ length: columns }, (_, c) => settled[c * R + 1]!);
  const top = Math.min(...start);
  const free = columns * lines - fixed.reduce((s, f) => s + f.cols * f.lines, 0);
  const area = (sh: Shape) => sh.cols * sh.lines;
  // each item's shapes at each place on the page (k: stories placed before it)
  const shapesAt = items.map(() => new Map<number, Shape[]>());
  const shapes = (i: number, k: number) => {
    let s = shapesAt[i]!.get(k);
    if (!s) { s = items[i]!.shapes(k); shapesAt[i]!.set(k, s); }
    return s;
  };
  // the least and most area each item can take, and every depth it can take at any place on the page (the title sizes differ up to the fifth)
  const bounds = items.map((_, i) => {
    const all = shapes(i, Math.min(items.length - 1, 4));
    if (!all.length) return undefined;
    const depths = new Set<number>();
    const least = new Int32Array(columns + 1).fill(lines + 1); // by width: the fewest lines of a shape that wide
    for (let k = 0; k <= Math.min(items.length - 1, 4); k++) {
      for (const sh of shapes(i, k)) { depths.add(sh.lines); least[sh.cols] = Math.min(least[sh.cols]!, sh.lines); }
    }
    return { min: Math.min(...all.map(area)), max: Math.max(...all.map(area)), depths: [...depths], least };
  });
  const needs = new Map<string, Need>();
  // viable()'s scratch: each column's open stretch, and the deepest rectangle of free cells of each width
  const tops = new Int32Array(columns), bottoms = new Int32Array(columns), room = new Int32Array(columns + 1);
  if (bounds.some((b) => !b)) return [];
  let beam: State[] = [{ sky: start, left: items.map((_, i) => i), placed: [], scored: [], cost: 0, tie: 0 }];
  const done: State[] = [];
  /*
   * Each item's shapes at each place on the page as the search loop reads them: their widths and
   * depths in typed arrays (the shapes are objects of many hidden classes), and each shape's block
   * as the score sees it, its place set for a candidate's cost (a copy is kept only by a candidate that stays).
   */
  const tables = items.map(() => new Map<number, { shapes: Shape[]; cols: Int32Array; lines: Int32Array; probes: (ScoredBlock | undefined)[] }>());
  const table = (i: number, k: number) => {
    let t = tables[i]!.get(k);
    if (!t) {
      const list = shapes(i, k);
      tables[i]!.set(k, t = { shapes: list, cols: Int32Array.from(list, (x) => x.cols), lines: Int32Array.from(list, (x) => x.lines), probes: [] });
    }
    return t;
  };
  for (let step = 0; step < items.length && beam.length; step++) {
    const next = new Map<string, Candidate[]>();
    /*
     * The bar: the beam's last place among the candidates kept so far. A candidate kept never
     * leaves but for a better one of its skyline, so at least o.beam kept candidates are as good
     * as the bar from then on, and a candidate behind it is not made (nor, for its place in its
     * group, missed: those it would keep out are behind it too).
     */
    let bar: Candidate | undefined;
    let kept: Candidate[] = [];
    let check = 2 * o.beam;
    const raiseBar = () => {
      kept = kept.filter((c) => !c.out);
      if (kept.length >= o.beam) bar = kept.slice().sort(byCost)[o.beam - 1];
      check = kept.length + o.beam;
    };
    for (const st of beam) {
      const s0 = Math.min(...st.sky);
      if (s0 > lines) continue;
      const c0 = st.sky.indexOf(s0);
      let run = 0;
      while (c0 + run < columns && st.sky[c0 + run] === s0) run++;
      // a story may go after the one behind it, never further, and a lead never
      const owed = st.placed.length > 0 && st.placed.at(-1)!.item.rank > items[st.left[0]!]!.rank;
      const choices = owed || items[st.left[0]!]!.lead ? st.left.slice(0, 1) : st.left.slice(0, LOOKAHEAD);
      const skyKey = String.fromCharCode(...st.sky); // skylines are short and their lines small: a string is a cheap key
      for (const idx of choices) {
        const it = items[idx]!;
        const left = st.left.filter((i) => i !== idx);
        const need = needOf(left);
        const t = table(idx, st.placed.length);
        for (let n = 0; n < t.shapes.length; n++) {
          const cols = t.cols[n]!, depth = t.lines[n]!;
          if (cols > run) continue;
          let fits = true;
          for (let c = c0; c < c0 + cols && fits; c++) if (depth > floor[c * R + s0]! - s0) fits = false;
          if (!fits) continue;
          if (!viable(st.sky, c0, cols, s0 + depth, need)) continue;
          const sh = t.shapes[n]!;
          const b = t.probes[n] ??= scored({ item: it, shape: sh, col: 0, cols, line: 0, lines: depth });
          b.col = c0 + 1;
          b.line = s0;
          const cost = st.cost + addedCost(st.scored, b, top);
          const tie = rand();
          if (bar && !better(cost, tie, bar) && (cost !== bar.cost || tie !== bar.tie)) continue; // behind the beam already: never in it
          // states with the same skyline and stories left have the same futures: the best few go on
          let raised = '';
          for (let c = c0; c < c0 + cols; c++) raised += String.fromCharCode(settled[c * R + s0 + depth]!);
          const key = `${skyKey.slice(0, c0)}${raised}${skyKey.slice(c0 + cols)}|${need.key}`;
          let same = next.get(key);
          if (!same) next.set(key, same = []);
          let at = same.length;
          while (at > 0 && better(cost, tie, same[at - 1]!)) at--;
          if (at >= SAME) continue;
          const sky = st.sky.slice();
          for (let c = c0; c < c0 + cols; c++) sky[c] = settled[c * R + s0 + depth]!;
          const cand: Candidate = { sky, left, from: st, block: { item: it, shape: sh, col: c0 + 1, cols, line: s0, lines: depth }, b: { ...b }, cost, tie, out: false };
          same.splice(at, 0, cand);
          if (same.length > SAME) same.pop()!.out = true;
          kept.push(cand);
          if (kept.length >= check) raiseBar();
        }
      }
    }
    beam = [...next.values()].flat().sort(byCost).slice(0, o.beam)
      .map((c) => ({ sky: c.sky, left: c.left, placed: [...c.from.placed, c.block], scored: [...c.from.scored, c.b], cost: c.cost, tie: c.tie }));
    for (const st of beam) if (!st.left.length && st.sky.every((v) => v > lines)) done.push(st);
  }
  return done.map((st) => ({ st, score: scorePage(st.scored, top) }))
    .sort((a, b) => a.score.total - b.score.total || a.st.tie - b.st.tie).slice(0, o.keep)
    .map(({ st, score }) => ({ blocks: st.placed, score }));

  /**
   * What the stories left need: the least and the most area, and the depths they can fill in one
   * column, as the sums of the lines of any of them stacked (memoised by the stories left).
   */
  function needOf(left: readonly number[]): Need {
    const key = String.fromCharCode(...left);
    let need = needs.get(key);
    if (need) return need;
    let min = 0, max = 0;
    const depths = new Uint8Array(lines + 2);
    depths[0] = 1;
    for (const i of left) {
      const b = bounds[i]!;
      min += b.min; max += b.max;
      for (let d = lines; d >= 0; d--) if (depths[d]) for (const l of b.depths) if (d + l <= lines) depths[d + l] = 1;
    }
    needs.set(key, need = { key, min, max, count: left.length, depths, left });
    return need;
  }

  /**
   * Whether the stories left can still cover what is free once a block is placed over columns
   * c0… (cols of them) down to line `below`: by area; every open stretch of a column as deep as
   * some of them stacked; no more steps in the skyline than stories left (a block starts at one
   * line and never spans two steps, so each step's top needs a block of its own); and each story
   * left with room for one of its shapes (the free cells only shrink as blocks are placed).
   */
  function viable(sky: readonly number[], c0: number, cols: number, below: number, need: Need): boolean {
    let open = 0, steps = 0, prev = -1, stretches = 0;
    for (let c = 0; c < columns; c++) {
      const top = c >= c0 && c < c0 + cols ? settled[c * R + below]! : sky[c]!;
      if (top <= lines && top !== prev && ++steps > need.count) return false;
      prev = top;
      tops[c] = top;
      bottoms[c] = floor[c * R + top]!;
      let row = top;
      while (row <= lines) {
        const depth = floor[c * R + row]! - row;
        if (!need.depths[depth]) return false; // no stack of the stories left is that deep (or none is left)
        open += depth;
        stretches++;
        row = openFrom[c * R + row + depth]!;
      }
    }
    if (open < need.min || open > need.max || open > free) return false;
    // with one open stretch a column, each story left needs a rectangle of free cells for one of its shapes
    if (stretches > columns) return true;
    room.fill(0);
    for (let c = 0; c < columns; c++) {
      let t = 0, b = lines + 1;
      for (let k = c; k < columns; k++) {
        t = Math.max(t, tops[k]!); b = Math.min(b, bottoms[k]!);
        if (b <= t) break; // no wider rectangle from c has any room
        if (b - t > room[k - c + 1]!) room[k - c + 1] = b - t;
      }
    }
    for (const i of need.left) {
      const least = bounds[i]!.least;
      let w = 1;
      while (w <= columns && least[w]! > room[w]!) w++;
      if (w > columns) return false;
    }
    return true;
  }
}

/**
 * The page's free cells as tables by column and grid line (index column × rows + line): `floor`,
 * the first line at or below it where a fixed item begins (or the line under the page);
 * `settled`, where a skyline at that line comes to rest below the fixed items it is in (at most
 * the line under the page); `open`,
 * the first line from it not under a fixed item.
 */
function cellTables(columns: number, lines: number, fixed: readonly GridRect[]) {
  const rows = lines + 2; // a skyline past the page rests at the line under it
  const floor = new Int32Array(columns * rows), settled = new Int32Array(columns * rows), open = new Int32Array(columns * rows);
  for (let c = 0; c < columns; c++) {
    const mine = fixed.filter((f) => c + 1 >= f.col && c + 1 < f.col + f.cols);
    const inFixed = (row: number) => mine.some((f) => row >= f.line && row < f.line + f.lines);
    for (let row = 0; row < rows; row++) {
      floor[c * rows + row] = Math.min(lines + 1, ...mine.filter((f) => f.line >= row).map((f) => f.line));
      let at = row, moved = true;
      while (moved) {
        moved = false;
        for (const f of mine) if (at >= f.line && at < f.line + f.lines) { at = f.line + f.lines; moved = true; }
      }
      settled[c * rows + row] = Math.min(at, lines + 1);
      let r = row;
      while (r <= lines && inFixed(r)) r++;
      open[c * rows + row] = r;
    }
  }
  return { rows, floor, settled, open };
}

/** A block as the score sees it: every field there, set or not, so that all are of one hidden class (the search's cost code, run for every candidate, stays optimised). */
const scored = (p: Placed): ScoredBlock => ({
  key: p.item.key, rank: p.item.rank, lead: p.item.lead, col: p.col, cols: p.cols, line: p.line, lines: p.lines,
  title: p.shape.title, bodyPerCol: p.shape.bodyPerCol,
  depths: p.shape.pack ? p.shape.pack.items.map((it) => it.shape.bodyPerCol) : [p.shape.bodyPerCol], extraHead: p.shape.extraHead,
  change: p.shape.change, squeezed: p.shape.squeezed === true, photo: p.item.photo && p.shape.photoRows > 0, jumps: p.shape.jumps,
  vertical: p.shape.side !== undefined, pengti: p.shape.pack?.pengti ?? 0,
});
