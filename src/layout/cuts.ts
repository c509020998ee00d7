/**
 * 字数: a block's copy against its room in characters, and for a story over (short of) a block it
 * does not hand on from, what the copy desk cuts (adds) once copyfitting has done what it could.
 * A plan names paragraphs by their number in the story and the least number of ideographs to take
 * out of (put into) each just before its final punctuation, cheapest first: a paragraph whose
 * last line is nearly empty gives a line for a few characters, one whose last line is nearly full
 * takes one. Each entry is checked by setting its paragraph again with the change; the whole plan
 * by setting and flowing the story again by the block's strategy (copyfitting included, so a plan
 * may leave it some lines to pull back). A plan that does not make the block fit is not offered.
 */
import { composeParagraph, type ComposedLine, type ComposeOptions, type TextRun } from '../text/compose.ts';
import type { Area, BlockContext, Part } from './block.ts';
import type { Flowed } from './flow.ts';
import type { Setting } from './strategies.ts';
import { jumpTo } from './threads.ts';
import type { BlockFill, CopyChange, TextLine } from './types.ts';

/** Whether the part fits its block (no line over, at most one empty) with these paragraph texts (by story block) and a new last paragraph. */
export type Refit = (texts: ReadonlyMap<number, string>, extra?: string) => boolean;

/** A block's fill, and how many lines its plan moves (for the hint: copyfitting may do the rest). */
export interface FillReport { fill: BlockFill; lines: number }

/** Beyond this many lines over (short) no plan is searched: the block needs another size, not cuts. */
const PLAN_LINES = 40;

const HAN = /\p{Script=Han}/u;
const LETTER = /[\p{L}\p{N}]/u;

/** Characters of copy: white space is not counted (as copy accounting compares text). */
export const copyLength = (s: string): number => [...s.replace(/\s+/gu, '')].length;

const copyOf = (lines: readonly TextLine[]) => lines.reduce((n, l) => n + (l.role === 'body' || l.role === 'subhead' ? copyLength(l.text) : 0), 0);

/**
 * The block's copy (its jump words aside) and capacity; for a part that does not hand on, the
 * characters over and, when it is over or more than a line short, the plan that makes it fit.
 */
export function blockFill(p: Part, area: Area, s: Setting, flowed: Flowed, settings: ReadonlyMap<number, ComposedLine[]> | undefined, ctx: BlockContext, fitting: boolean, refit: Refit, markerTo?: TextLine): FillReport {
  const runIn = s.sources.get(s.blockIds[0]!)?.jump ?? 0; // （上接第N版） run in at the start
  const runOn = markerTo?.role === 'body' ? copyLength(jumpTo(p.jump.to!, ctx.house.jump)) : 0; // （下转第N版） run on at the end
  const chars = copyOf(flowed.frames.flatMap((f) => f.lines)) - runIn - runOn;
  const em = s.options(0, true).em; // the block's body size
  const capacity = flowed.frames.reduce((n, f) => n + f.capacity * Math.round(f.width / em), 0);
  const fill: BlockFill = { chars, capacity };
  if (p.jump.to !== undefined) return { fill, lines: 0 };
  if (flowed.overflow > 0) {
    const total = s.items(settings ?? new Map()).reduce((n, it) => n + it.lines.reduce((t, l) => t + copyLength(l.text), 0), 0);
    fill.overset = total - runIn - chars;
  }
  const over = flowed.overflow, short = flowed.underflow > 1 && !over ? flowed.underflow : 0;
  if ((!over && !(short && ctx.adds)) || Math.max(over, short) > PLAN_LINES || !area.columns.length || ctx.trial) return { fill, lines: 0 };
  // as set: a story copyfitting could not fit keeps its normal setting
  const paras: PlanParagraph[] = [...s.sources].map(([i, src]) => ({
    block: i, label: s.paraIndex.get(i)! + 1, text: (p.story.blocks[i] as { text: string }).text, base: src.base, runs: src.runs, options: s.options(0, src.indent),
  }));
  if (over) {
    const plan = planChanges(paras, -1, over, fitting, refit);
    return { fill: { ...fill, ...(plan ? { cuts: plan.changes } : {}) }, lines: plan?.lines ?? 0 };
  }
  const plan = planChanges(paras, 1, short - 1, fitting, refit);
  const last = paras.at(-1);
  const fresh = last && newParagraph(short, { ...last.runs.at(-1)!, text: '' }, s.options(0, true), filler(last.text), refit);
  return { fill: { ...fill, ...(plan ? { adds: plan.changes } : {}), ...(fresh ? { newParagraph: fresh } : {}) }, lines: plan?.lines ?? 0 };
}

/** A plan in words: "23 characters: 11 from paragraph 3, 12 from paragraph 7" (adds with the room on each last line, unless `brief`). */
export function changesText(changes: readonly CopyChange[], word: 'from' | 'to', brief = false): string {
  const total = changes.reduce((n, c) => n + c.chars, 0);
  const room = (c: CopyChange) => (c.room !== undefined && !brief ? ` (its last line has room for ${c.room})` : '');
  if (changes.length === 1) return `${total} character${total > 1 ? 's' : ''} ${word} paragraph ${changes[0]!.paragraph}${room(changes[0]!)}`;
  return `${total} characters: ${changes.map((c) => `${c.chars} ${word} paragraph ${c.paragraph}${room(c)}`).join(', ')}`;
}

/** A paragraph of the part, as set in the block. */
interface PlanParagraph {
  block: number; // story block index
  label: number; // its number in the story, from 1
  text: string; // the whole paragraph
  base: number; // where this part's setting of it starts (a paragraph continued from an earlier part)
  runs: TextRun[]; // as set here (dateline, run-in jump line); the last is the paragraph's text from `base`
  options: ComposeOptions;
}

/** The paragraph's text from `from` (where a character starts) to its final punctuation, as characters, and that punctuation (。” ……） left in place). */
function split(text: string, from: number): { head: string; body: string[]; tail: string } {
  const cps = [...text.slice(from)];
  let end = cps.length;
  while (end > 0 && !LETTER.test(cps[end - 1]!)) end--;
  return { head: text.slice(0, from), body: cps.slice(0, end), tail: cps.slice(end).join('') };
}

/** The text with its last `n` ideographs after `from` taken out, before its final punctuation; null when it has no more than `n`. */
export function cutBefore(text: string, n: number, from = 0): string | null {
  const { head, body, tail } = split(text, from);
  let left = n;
  for (let k = body.length - 1; k >= 0 && left > 0; k--) if (HAN.test(body[k]!)) { body[k] = ''; left--; }
  if (left > 0 || !body.some((c) => HAN.test(c))) return null; // a paragraph keeps a character
  return head + body.join('') + tail;
}

/** The text with `n` ideographs (`fill`) put in before its final punctuation. */
export function addBefore(text: string, n: number, fill: string, from = 0): string {
  const { head, body, tail } = split(text, from);
  return head + body.join('') + fill.repeat(n) + tail;
}

/** The ideograph added text is made of: the paragraph's last, so the font has it. */
const filler = (text: string): string => [...text].reverse().find((c) => HAN.test(c)) ?? '字';

interface Option { n: number; lines: number }

/** A paragraph's lines with `n` ideographs cut (dir −1) or added (dir +1): compositions kept per n. */
function counter(p: PlanParagraph, dir: -1 | 1) {
  const seen = new Map<number, number | null>();
  const fill = filler(p.text);
  const textAt = (n: number) => (dir < 0 ? cutBefore(p.text, n, p.base) : addBefore(p.text, n, fill, p.base));
  const linesAt = (n: number): number | null => {
    if (!seen.has(n)) {
      const text = textAt(n);
      seen.set(n, text === null ? null : composeParagraph([...p.runs.slice(0, -1), { ...p.runs.at(-1)!, text: text.slice(p.base) }], p.options).lines.length);
    }
    return seen.get(n)!;
  };
  const set = composeParagraph(p.runs, p.options).lines;
  const base = set.length;
  const cpl = Math.ceil(p.options.measure / p.options.em);
  const han = dir < 0 ? [...p.text.slice(p.base)].filter((c) => HAN.test(c)).length - 1 : Infinity; // a paragraph keeps a character
  return {
    base, textAt, cpl, last: set.at(-1),
    /**
     * The least n ≥ lo that moves the paragraph by `gain` lines or more (a longer text never
     * takes fewer lines): down from a guess while it still moves, else by bisection above it.
     */
    least(gain: number, lo: number, guess: number): Option | undefined {
      if (dir < 0 && base - gain < 1) return undefined;
      const moves = (n: number) => { const l = linesAt(n); return l !== null && dir * (l - base) >= gain; };
      let n = Math.max(lo, Math.min(guess, han));
      if (n > han) return undefined;
      if (moves(n)) {
        while (n > lo && moves(n - 1)) n--;
        return { n, lines: linesAt(n)! };
      }
      let hi = dir < 0 ? han : n + (gain + 1) * cpl;
      if (!moves(hi)) return undefined;
      lo = n + 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (moves(mid)) hi = mid; else lo = mid + 1; }
      return { n: lo, lines: linesAt(lo)! };
    },
  };
}

/**
 * The cheapest plan that moves the part by `need` lines (or, copyfitting, by fewer) and makes it
 * fit: lines taken one by one at the fewest characters each; each plan in that order is flowed
 * again until one fits.
 */
function planChanges(paras: PlanParagraph[], dir: -1 | 1, need: number, fitting: boolean, refit: Refit): { changes: CopyChange[]; lines: number } | undefined {
  const counters = new Map(paras.map((p) => [p, counter(p, dir)]));
  // candidates by what a line costs at a glance: the characters on the last line (cut), the room left on it (add)
  const glance = (p: PlanParagraph) => {
    const { last } = counters.get(p)!;
    return dir < 0 ? copyLength(last?.text ?? '') : (last ? (last.measure - last.end) / p.options.em : Infinity);
  };
  const candidates = paras.filter((p) => dir > 0 || counters.get(p)!.base >= 2).sort((a, b) => glance(a) - glance(b) || a.label - b.label).slice(0, 2 * need + 4);
  const heads = new Map<PlanParagraph, Option>();
  const room = new Map<PlanParagraph, number>();
  for (const p of candidates) {
    const { last } = counters.get(p)!;
    // the characters on the last line give it back; one more than it has room for takes a new one
    const guess = dir < 0 ? [...(last?.text ?? '')].filter((c) => HAN.test(c)).length : Math.floor((last ? last.measure - last.end : 0) / p.options.em) + 1;
    const o = counters.get(p)!.least(1, 1, guess);
    if (o) { heads.set(p, o); room.set(p, o.n - 1); }
  }
  const chosen = new Map<PlanParagraph, Option>();
  const plans: { lines: number; chosen: Map<PlanParagraph, Option> }[] = [];
  /** One more line, the cheapest left; false when no paragraph has one to give (take). */
  const grow = (): boolean => {
    let best: { p: PlanParagraph; o: Option; cost: number; from: Option } | undefined;
    for (const [p, o] of heads) {
      const from = chosen.get(p) ?? { n: 0, lines: counters.get(p)!.base };
      const cost = (o.n - from.n) / Math.abs(o.lines - from.lines);
      if (!best || cost < best.cost || (cost === best.cost && p.label < best.p.label)) best = { p, o, cost, from };
    }
    if (!best) return false;
    const { p, o, from } = best;
    heads.delete(p);
    chosen.set(p, o);
    plans.push({ lines: (plans.at(-1)?.lines ?? 0) + Math.abs(o.lines - from.lines), chosen: new Map(chosen) });
    const c = counters.get(p)!;
    const next = c.least(Math.abs(o.lines - c.base) + 1, o.n + 1, o.n + c.cpl - 1); // about a line's characters more
    if (next) heads.set(p, next);
    return true;
  };
  const verdicts = new Map<number, boolean>();
  const fits = (k: number) => {
    if (!verdicts.has(k)) verdicts.set(k, refit(new Map([...plans[k]!.chosen].map(([q, x]) => [q.block, counters.get(q)!.textAt(x.n)!]))));
    return verdicts.get(k)!;
  };
  while ((plans.at(-1)?.lines ?? 0) < need && grow());
  const first = plans.findIndex((x) => x.lines >= need);
  if (first < 0) return undefined;
  // the plan that moves enough, or one or two more lines for 孤行 and balancing
  let at = -1;
  for (let k = first; k < first + 3 && at < 0 && (k < plans.length || grow()); k++) if (fits(k)) at = k;
  if (at < 0) return undefined;
  // copyfitting may do the rest: down while a smaller plan still fits (it pulls back a line or two)
  if (fitting) while (at > 0 && fits(at - 1)) at--;
  const plan = plans[at]!;
  const changes = [...plan.chosen].map(([q, x]) => ({ paragraph: q.label, chars: x.n, ...(dir > 0 ? { room: room.get(q)! } : {}) }))
    .sort((a, b) => a.chars - b.chars || a.paragraph - b.paragraph);
  return { changes, lines: plan.lines };
}

/** A new last paragraph that fills `short` empty lines but one, or all of them: its least and most characters, both checked. */
function newParagraph(short: number, run: TextRun, options: ComposeOptions, fill: string, refit: Refit): [number, number] | undefined {
  const text = (n: number) => fill.repeat(n) + '。';
  const linesAt = (n: number) => composeParagraph([{ ...run, text: text(n) }], options).lines.length;
  const cpl = Math.ceil(options.measure / options.em);
  const least = (lines: number) => { // the fewest characters that take this many lines
    let lo = 1, hi = lines * cpl + 4;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (linesAt(mid) >= lines) hi = mid; else lo = mid + 1; }
    return lo;
  };
  const lo = least(short - 1), hi = least(short + 1) - 1;
  return lo <= hi && refit(new Map(), text(lo)) && refit(new Map(), text(hi)) ? [lo, hi] : undefined;
}
