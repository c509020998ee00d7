/**
 * A block's story flowed through its frames by one of three named strategies (as Vivliostyle
 * names its layout retryers):
 * - as set: 孤行 kept off the column ends, unless that costs an overflow;
 * - copyfitted (fit: auto): copyfit with 孤行 kept off the ends, else without that rule;
 * - continued (the part goes on in another block): the whole block; else a run-on 下转 marker
 *   after the last line; else one row less, for a 下转 line of its own.
 * A continuation then gets its 上接 line of its own over the first column.
 */
import { diag } from '../diagnostic.ts';
import { composeParagraph, composeParagraphInLines, type ComposedLine, type TextRun } from '../text/compose.ts';
import type { Area, BlockContext, GlyphReport, Part, Source } from './block.ts';
import { copyfit, type FitParagraph } from './copyfit.ts';
import { flowBalanced, flowStory, type Flowed, type FlowItem, type FrameSlot } from './flow.ts';
import { textBaseline, textRows } from './geometry.ts';
import { missingIn, reportMissing } from './glyphs.ts';
import { styleOf, textLine } from './line.ts';
import { jumpFrom, jumpTo } from './threads.ts';
import type { CopyfitResult, TextLine } from './types.ts';

/** The story composed for this part: what the strategies flow, and how to set it again. */
export interface Setting {
  sources: Map<number, Source>; // by story block index
  normal: Map<number, ComposedLine[]>; // each paragraph's normal setting
  paraIndex: Map<number, number>; // story block index → its paragraph number (0-based)
  blockIds: number[]; // story block indexes from this part's start
  items(replaced: ReadonlyMap<number, ComposedLine[]>): FlowItem[]; // with some paragraphs set otherwise
  options(tracking: number, indent: boolean): Parameters<typeof composeParagraph>[1];
  glyphs: GlyphReport[]; // the story's glyph reports, made by the part that sets each character
}

export interface Flow {
  flowed: Flowed;
  fitted?: { settings: Map<number, ComposedLine[]>; changed: string; result: CopyfitResult };
  markerTo?: TextLine; // the 下转 marker, when the part goes on elsewhere
}

/** Flows the part by its strategy; `frames(endRows, widows)` flows into the columns less `endRows` at the last one's foot. */
export function flowByStrategy(p: Part, area: Area, s: Setting, ctx: BlockContext): Flow {
  const frames = frameFlow(p, area, s, ctx);
  const out = p.jump.to !== undefined ? flowContinued(p, area, frames, ctx) : isFitting(p, area, ctx) ? flowCopyfitted(p, s, frames, ctx) : flowAsSet(p, frames);
  if (p.jump.from !== undefined && ctx.house.jump.place !== 'run-on' && area.columns.length) {
    const set = composeParagraph([jumpRun(jumpFrom(p.jump.from, ctx.house.jump), p, ctx)], { measure: area.measure, em: area.grid.em, align: 'left', ...writingOf(p) }).lines[0]!;
    out.flowed.frames[0]?.lines.unshift(textLine('jump', set, area.columns[0]!.x, textBaseline(area.grid, columnRows(area, 0, ctx).first), styleOf(ctx.house, 'jump', ctx.sink)));
  }
  return out;
}

type Frames = (endRows: number, widows: boolean) => (replaced: ReadonlyMap<number, ComposedLine[]>) => Flowed;

/** The text rows of column `k` outside its photo: the first and how many. */
function columnRows(area: Area, k: number, ctx: BlockContext): { first: number; count: number } {
  const top = area.photo?.top[k] ?? 0, bottom = area.photo?.bottom[k] ?? 0;
  return textRows(ctx.g, area.grid, area.top + top, area.capacity - top - bottom);
}

/** The frames' slots (jump lines on lines of their own take the first row and the last; a photo its rows) and the flow into them. */
export function frameFlow(p: Part, area: Area, s: Setting, ctx: BlockContext): Frames {
  const ownFrom = p.jump.from !== undefined && ctx.house.jump.place !== 'run-on' ? 1 : 0;
  const { columns } = area;
  const slotsFor = (endRows: number): FrameSlot[] => columns.map((c, k) => {
    const rows = columnRows(area, k, ctx);
    const top = k === 0 ? ownFrom : 0, bottom = k === columns.length - 1 ? endRows : 0;
    return { x: c.x, width: c.width, firstLine: rows.first + top, capacity: rows.count - top - bottom };
  }).filter((slot) => slot.capacity > 0);
  const flowFn = (p.spec.balance || p.spec.auto) && p.jump.to === undefined ? flowBalanced : flowStory; // lines: auto is balanced too
  const baselineOf = (row: number) => textBaseline(area.grid, row);
  return (endRows, widows) => {
    const slots = slotsFor(endRows);
    return (replaced) => flowFn(s.items(replaced), slots, baselineOf, { widows });
  };
}

/** As set: avoiding 孤行 costs rows; never at the price of an overflow. */
function flowAsSet(p: Part, frames: Frames): Flow {
  const widows = p.spec.composition.widows;
  const strict = frames(0, widows)(new Map());
  return { flowed: strict.overflow > 0 && widows ? frames(0, false)(new Map()) : strict };
}

/** Copyfitted, with 孤行 kept off the column ends if possible, else without that rule; as set when neither fits. */
function flowCopyfitted(p: Part, s: Setting, frames: Frames, ctx: BlockContext): Flow {
  const { spec } = p;
  const { widows, fitTracking } = spec.composition;
  const strict = frames(0, widows), loose = frames(0, false);
  const before = strict(new Map());
  const capped = new Set<number>(); // paragraphs too long to search for a setting in other line counts
  const paras: FitParagraph[] = [...s.sources].map(([i, src]) => {
    const label = s.paraIndex.get(i)! + 1;
    return {
      para: i, label, lines: s.normal.get(i)!,
      fewest: () => composeParagraph(src.runs, s.options(0, src.indent)).fewestLines(-fitTracking),
      variant: (n: number, tracking: number) => {
        const v = composeParagraphInLines(src.runs, s.options(tracking, src.indent), n);
        if (v === 'capped') { capped.add(label); return null; }
        return v && continued(src, v);
      },
    };
  });
  const all = (tracking: number) => new Map([...s.sources].map(([i, src]) => [i, continued(src, composeParagraph(src.runs, s.options(tracking, src.indent)).lines)]));
  const fitted = copyfit(paras, strict, all, fitTracking, ctx.trial) ?? (widows ? copyfit(paras, loose, all, fitTracking, ctx.trial) : null);
  const result: CopyfitResult = { overflow: before.overflow, underflow: before.underflow, changed: fitted?.changed ?? '', tracking: fitted?.tracking ?? 0 };
  if (fitted?.changed) ctx.sink.report(diag('info', 'COPYFIT', `block "${spec.id}": ${copyfitSummary(result)}`, { ...p.where }));
  if (capped.size) reportCapped(p, [...capped], before.overflow > 0, ctx);
  if (!fitted) return { flowed: before.overflow > 0 && widows ? loose(new Map()) : before };
  return { flowed: fitted.flowed, fitted: { settings: fitted.settings, changed: fitted.changed, result } };
}

/** COPYFIT_LIMIT: paragraphs too long for copyfitting to set again in another number of lines. */
function reportCapped(p: Part, capped: number[], over: boolean, ctx: BlockContext): void {
  const which = capped.sort((a, b) => a - b);
  ctx.sink.report(diag('info', 'COPYFIT_LIMIT', `block "${p.spec.id}": paragraph${which.length > 1 ? 's' : ''} ${which.join(', ')} too long for copyfitting to reset in a line ${over ? 'fewer' : 'more'}; only tracking and the other paragraphs were tried`, {
    ...p.where, hint: 'break a very long paragraph into shorter ones',
  }));
}

/** "2 lines over, fitted: paragraph 3 set one line shorter" */
export const copyfitSummary = (r: CopyfitResult): string => `${r.overflow ? `${lines(r.overflow)} over` : `${r.underflow} lines short`}, fitted: ${r.changed}`;

/** The part goes on elsewhere: fill the block, then say where. */
function flowContinued(p: Part, area: Area, frames: Frames, ctx: BlockContext): Flow {
  const widows = p.spec.composition.widows;
  const full = frames(0, widows)(new Map());
  if (!full.stop) return { flowed: full }; // it all fits: no jump
  const text = jumpTo(p.jump.to!, ctx.house.jump);
  if (ctx.house.jump.place === 'run-on') {
    const marker = runOnMarker(full, jumpRun(text, p, ctx), area.measure, area.grid.em, writingOf(p));
    if (marker) return { flowed: full, markerTo: marker };
  }
  const flowed = frames(1, widows)(new Map());
  const frame = flowed.frames.at(-1);
  if (!flowed.stop || !frame) return { flowed }; // no row for the line at all: the whole part goes on
  const last = area.columns[area.columns.length - 1]!;
  const set = composeParagraph([jumpRun(text, p, ctx)], { measure: area.measure, em: area.grid.em, align: 'right', ...writingOf(p) }).lines[0]!;
  const rows = columnRows(area, area.columns.length - 1, ctx);
  const markerTo = textLine('jump', set, last.x, textBaseline(area.grid, rows.first + rows.count - 1), styleOf(ctx.house, 'jump', ctx.sink));
  frame.lines.push(markerTo);
  return { flowed, markerTo };
}

/**
 * Run-on 下转: after the last character of the part, when its last line ends a paragraph and
 * has room for the marker; otherwise the marker needs a line of its own.
 */
function runOnMarker(f: Flowed, run: TextRun, measure: number, em: number, writing: ReturnType<typeof writingOf>): TextLine | undefined {
  const frame = [...f.frames].reverse().find((fr) => fr.lines.length);
  const last = frame?.lines.at(-1);
  if (!last || !last.last || last.role !== 'body') return undefined;
  const set = composeParagraph([run], { measure, em, align: 'left', ...writing }).lines[0]!;
  const room = measure - last.end;
  if (set.end > room) return undefined;
  const shift = last.end;
  last.glyphs = [...last.glyphs, ...set.glyphs.map((gl) => ({ ...gl, x: gl.x + shift, bx: gl.bx + shift }))];
  last.text += set.text;
  last.end += set.end;
  return last;
}

/** Whether the block copyfits: fit: auto or --fit, with room for text, and not handing on to another part. */
export const isFitting = (p: Part, area: Area, ctx: BlockContext): boolean =>
  (p.spec.fit || ctx.fit) && area.columns.length > 0 && p.jump.to === undefined;

/** A run of the jump line style (上接, 下转): the house's words, so a glyph they lack is reported at the block. */
export function jumpRun(text: string, p: Part, ctx: BlockContext): TextRun {
  const js = styleOf(ctx.house, 'jump', ctx.sink);
  const run = { text, face: ctx.fonts.face(js.family, js.weight), size: js.size };
  reportMissing(ctx.sink, missingIn(composeParagraph([run], { measure: 1e6, em: ctx.g.em }).lines), p.where);
  return run;
}

/** A vertical block's lines (jump lines, subheads) are composed in vertical forms and advances. */
export const writingOf = (p: Part): { settings?: { vertical: true } } => (p.spec.vertical ? { settings: { vertical: true } } : {});

/** The rest of a paragraph begun in an earlier part: its first line here is no paragraph start. */
export function continued(src: Source, lines: ComposedLine[]): ComposedLine[] {
  return src.base > 0 && lines[0] ? [{ ...lines[0], first: false }, ...lines.slice(1)] : lines;
}

export const lines = (n: number) => `${n} line${n > 1 ? 's' : ''}`;
