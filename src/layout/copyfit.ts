/**
 * Copyfitting (fit: auto): make a story fill its block exactly without touching a word.
 * First some paragraphs take their best setting with one line fewer (or more), preferring those
 * whose last line is nearly empty (nearly full); then a small uniform tracking change within the
 * house limit. Reports what it changed, or how many lines are still over.
 */
import type { ComposedLine } from '../text/compose.ts';
import type { Flowed } from './flow.ts';

export interface FitParagraph {
  para: number; // key: index of the block in the story
  label: number; // its paragraph number, for the report (1-based)
  lines: ComposedLine[]; // its normal setting
  variant(lines: number, tracking: number): ComposedLine[] | null; // best setting in exactly that many lines
  fewest(): number; // no setting at any tracking within the limit has fewer lines
}

export interface FitResult {
  flowed: Flowed;
  settings: Map<number, ComposedLine[]>; // paragraphs set differently from normal
  tracking: number; // em
  changed: string; // what was done, for the report ('' when it fitted as set)
}

/** The fewest lines paragraphs of these line counts take, each set a line shorter where it can be. */
const least = (counts: number[]) => counts.reduce((n, l) => n + (l >= 2 ? l - 1 : l), 0);

/** How full a paragraph's last line is, 0…1. */
const fill = (l: ComposedLine | undefined) => (l ? l.end / l.measure : 0);

/**
 * `flow` lays the story out with some paragraphs replaced; `compose(tracking)` sets every
 * paragraph at a tracking. Steps of 0.01 em up to `limit`. `bounds`: only no tracking and the
 * limit are tried, for whether the story can be fitted at all and whether only by tracking (a
 * trial setting: makeup asks that of each shape, and a tracking between them rarely fits where
 * the limit does not, so the few where it would are shapes makeup does not offer).
 */
export function copyfit(
  paras: readonly FitParagraph[],
  flow: (replaced: ReadonlyMap<number, ComposedLine[]>) => Flowed,
  compose: (tracking: number) => Map<number, ComposedLine[]>,
  limit: number,
  bounds = false,
): FitResult | null {
  const base = flow(new Map());
  const over = base.overflow > 0;
  if (!over && base.underflow <= 1) return { flowed: base, settings: new Map(), tracking: 0, changed: '' }; // a last column a line short is fine
  const dir = over ? -1 : 1;
  const steps = Math.round(limit / 0.01);
  const rows = base.frames.reduce((n, f) => n + f.capacity, 0);
  for (let s = 0; s <= steps; s = bounds && s < steps ? steps : s + 1) {
    const tracking = Number((dir * s * 0.01).toFixed(2));
    // each line takes a row and a paragraph gives at most one line: when even that leaves more
    // lines than rows, nothing fits; a story far over is neither searched nor set again at each
    // tracking (a bound from the widths says so for them all)
    if (s === (bounds ? steps : 1) && over && least(paras.map((p) => p.fewest())) > rows) return null;
    const start = s === 0 ? new Map<number, ComposedLine[]>() : compose(tracking);
    if (over && least(paras.map((p) => (start.get(p.para) ?? p.lines).length)) > rows) continue;
    const settings = new Map(start);
    let flowed = flow(settings);
    if (fits(flowed)) return done(flowed, settings, tracking);
    // paragraphs by how cheaply they give (take) a line: nearly empty (full) last lines first
    const order = paras
      .map((p) => ({ p, cur: settings.get(p.para) ?? p.lines }))
      .filter(({ cur }) => cur.length >= 2 || dir > 0)
      .sort((a, b) => dir * (fill(b.cur.at(-1)) - fill(a.cur.at(-1))) || a.p.para - b.p.para);
    for (const { p, cur } of order) {
      const v = p.variant(cur.length + dir, tracking);
      if (!v) continue;
      settings.set(p.para, v);
      flowed = flow(settings);
      if (fits(flowed)) return done(flowed, settings, tracking);
      if (dir > 0 && flowed.overflow > 0) { settings.set(p.para, cur); flowed = flow(settings); } // one too many
    }
  }
  return null;

  function fits(f: Flowed): boolean {
    return f.overflow === 0 && f.underflow <= 1;
  }

  function done(flowed: Flowed, settings: Map<number, ComposedLine[]>, tracking: number): FitResult {
    const which = paras.filter((p) => settings.has(p.para) && settings.get(p.para)!.length !== p.lines.length).map((p) => p.label);
    const parts: string[] = [];
    if (which.length) parts.push(`paragraph${which.length > 1 ? 's' : ''} ${which.join(', ')} set one line ${dir < 0 ? 'shorter' : 'longer'}`);
    if (tracking) parts.push(`tracking ${tracking > 0 ? '+' : ''}${tracking.toFixed(2)} em`);
    return { flowed, settings, tracking, changed: parts.join(' and ') };
  }
}
