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
  bodyPerCol: number;
  change: number; // lines copyfitting must find (±)
  jumps: boolean; // the story goes on on a later page
}

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

interface State { sky: number[]; left: number[]; placed: Placed[]; cost: number; tie: number }

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
  const floorOf = (col: number, row: number): number => Math.min(lines + 1, ...fixed.filter((f) => col >= f.col && col < f.col + f.cols && f.line >= row).map((f) => f.line));
  const settle = (sky: number[]) => {
    for (let c = 0; c < columns; c++) {
      let moved = true;
      while (moved) {
        moved = false;
        for (const f of fixed) if (c + 1 >= f.col && c + 1 < f.col + f.cols && sky[c]! >= f.line && sky[c]! < f.line + f.lines) { sky[c] = f.line + f.lines; moved = true; }
      }
    }
    return sky;
  };
  const start = settle(Array.from({ length: columns }, () => 1));
  const top = Math.min(...start);
  const free = columns * lines - fixed.reduce((s, f) => s + f.cols * f.lines, 0);
  const area = (sh: Shape) => sh.cols * sh.lines;
  const shapesOf = new Map<string, Shape[]>();
  const shapes = (it: Item, k: number) => {
    const key = `${it.key}/${k}`;
    let s = shapesOf.get(key);
    if (!s) { s = it.shapes(k); shapesOf.set(key, s); }
    return s;
  };
  // the least and most area each item can take (at any page rank: the shapes differ only in title size)
  const bounds = items.map((it) => {
    const all = shapes(it, Math.min(items.length - 1, 4));
    return all.length ? { min: Math.min(...all.map(area)), max: Math.max(...all.map(area)), minLines: Math.min(...all.map((s) => s.lines)) } : undefined;
  });
  if (bounds.some((b) => !b)) return [];
  let beam: State[] = [{ sky: start, left: items.map((_, i) => i), placed: [], cost: 0, tie: 0 }];
  const done: State[] = [];
  for (let step = 0; step < items.length && beam.length; step++) {
    const next = new Map<string, State[]>();
    for (const st of beam) {
      const s0 = Math.min(...st.sky);
      if (s0 > lines) continue;
      const c0 = st.sky.indexOf(s0);
      let run = 0;
      while (c0 + run < columns && st.sky[c0 + run] === s0) run++;
      // a story may go after the one behind it, never further, and a lead never
      const owed = st.placed.length > 0 && st.placed.at(-1)!.item.rank > items[st.left[0]!]!.rank;
      const choices = owed || items[st.left[0]!]!.lead ? st.left.slice(0, 1) : st.left.slice(0, LOOKAHEAD);
      for (const idx of choices) {
        const it = items[idx]!;
        for (const sh of shapes(it, st.placed.length)) {
          if (sh.cols > run) continue;
          const bottom = s0 + sh.lines - 1;
          let ok = true;
          for (let c = c0; c < c0 + sh.cols && ok; c++) if (bottom >= floorOf(c + 1, s0)) ok = false;
          if (!ok) continue;
          const sky = [...st.sky];
          for (let c = c0; c < c0 + sh.cols; c++) sky[c] = bottom + 1;
          settle(sky);
          const left = st.left.filter((i) => i !== idx);
          if (!viable(sky, left)) continue;
          const block: Placed = { item: it, shape: sh, col: c0 + 1, cols: sh.cols, line: s0, lines: sh.lines };
          const cost = st.cost + addedCost(st.placed.map(scored), scored(block), top);
          const placed = [...st.placed, block];
          // states with the same skyline and stories left have the same futures: the best few go on
          const key = `${sky.join(',')}|${left.join(',')}`;
          const same = next.get(key) ?? [];
          same.push({ sky, left, placed, cost, tie: rand() });
          same.sort((a, b) => a.cost - b.cost || a.tie - b.tie);
          if (same.length > SAME) same.pop();
          next.set(key, same);
        }
      }
    }
    beam = [...next.values()].flat().sort((a, b) => a.cost - b.cost || a.tie - b.tie).slice(0, o.beam);
    for (const st of beam) if (!st.left.length && st.sky.every((v) => v > lines)) done.push(st);
  }
  return done.map((st) => ({ st, score: scorePage(st.placed.map(scored), top) }))
    .sort((a, b) => a.score.total - b.score.total || a.st.tie - b.st.tie).slice(0, o.keep)
    .map(({ st, score }) => ({ blocks: st.placed, score }));

  /** Whether the stories left can still cover what is free: by area, and no hole shallower than every story. */
  function viable(sky: number[], left: number[]): boolean {
    let open = 0;
    for (let c = 0; c < columns; c++) {
      let row = sky[c]!;
      while (row <= lines) {
        const floor = floorOf(c + 1, row);
        const depth = floor - row;
        if (depth > 0 && left.length && depth < Math.min(...left.map((i) => bounds[i]!.minLines))) return false;
        if (depth > 0 && !left.length) return false;
        open += depth;
        row = floor;
        while (row <= lines && fixed.some((f) => c + 1 >= f.col && c + 1 < f.col + f.cols && row >= f.line && row < f.line + f.lines)) row++;
      }
    }
    const min = left.reduce((s, i) => s + bounds[i]!.min, 0), max = left.reduce((s, i) => s + bounds[i]!.max, 0);
    return open >= min && open <= max && open <= free;
  }
}


export const scored = (p: Placed): ScoredBlock => ({
  key: p.item.key, rank: p.item.rank, lead: p.item.lead, col: p.col, cols: p.cols, line: p.line, lines: p.lines,
  ...(p.shape.title ? { title: p.shape.title } : {}), bodyPerCol: p.shape.bodyPerCol, extraHead: p.shape.extraHead,
  change: p.shape.change, photo: p.item.photo && p.shape.photoRows > 0, jumps: p.shape.jumps,
});
