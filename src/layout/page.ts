/**
 * place: one page manifest + its stories → PageLayout. Each block gets its headline, its frames
 * (text columns), and its story flowed through them; a thread hands what did not fit to the block
 * that continues it, with jump lines; overflow and underflow are reported.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import type { BlockSpec, HouseStyle, PageSpec, Style } from '../manifest/types.ts';
import type { Story } from '../content/story.ts';
import { composeParagraph, composeParagraphInLines, type ComposedLine, type TextRun } from '../text/compose.ts';
import { copyfit } from './copyfit.ts';
import { flowBalanced, flowStory, type Flowed, type FlowItem, type FrameSlot } from './flow.ts';
import { blockBox, frameColumns, pageGrid, rowBaseline, rowsHeight } from './geometry.ts';
import { setHeadline, setVerticalHeadline, type HeadlineDeck } from './headline.ts';
import { jumpFrom, jumpTo, type Threads } from './threads.ts';
import { insetBox, insetRows } from './furniture.ts';
import { placeBlockPhoto } from './photo.ts';
import type { BlockLayout, Furniture, GridInfo, PageLayout, TextLine } from './types.ts';

const CLOSERS = /[）】」』”’》〉]$/;

export interface LayoutOptions {
  fit?: boolean; // copyfit every block, as if each had fit: auto (banmian build --fit)
}

/** Where a story goes on: a block of the story and a character offset in that paragraph. */
export interface StoryPosition {
  block: number;
  offset: number;
}

/** Threads of the edition and, per laid-out part, where its story stopped (null: it ended there). */
export interface ThreadState {
  threads: Threads;
  stops: Map<string, StoryPosition | null>;
}

interface BlockContext {
  house: HouseStyle;
  fonts: FontRegistry;
  g: GridInfo;
  diagnostics: Diagnostic[];
  marks: PageLayout['marks'];
  furniture: Furniture[]; // the photos of blocks
  page: number;
  fit: boolean;
}

export function layoutPage(page: PageSpec, stories: ReadonlyMap<string, Story>, house: HouseStyle, fonts: FontRegistry, o: LayoutOptions = {}, state?: ThreadState): PageLayout {
  const g = pageGrid(house, fonts.face(house.body.family, house.body.weight).ascent);
  const diagnostics: Diagnostic[] = [];
  const blocks: BlockLayout[] = [];
  const marks: PageLayout['marks'] = [];
  const taken: BlockSpec[] = [];
  const ctx: BlockContext = { house, fonts, g, diagnostics, marks, furniture: [], page: page.number, fit: o.fit === true };
  for (const spec of state?.threads.order.get(page) ?? page.blocks) {
    const where = { file: spec.at.file, line: spec.at.line, col: spec.at.col, page: page.number, block: spec.id } as const;
    if (spec.col + spec.cols - 1 > g.columns || spec.line + spec.lines - 1 > g.lines) {
      diagnostics.push(diag('error', 'BLOCK_OFF_GRID', `block "${spec.id}" (col ${spec.col}+${spec.cols}, line ${spec.line}+${spec.lines}) runs off the page grid of ${g.columns} columns × ${g.lines} lines`, { ...where, hint: `keep col + cols − 1 ≤ ${g.columns} and line + lines − 1 ≤ ${g.lines}` }));
      continue;
    }
    const other = taken.find((o) => o.col < spec.col + spec.cols && spec.col < o.col + o.cols && o.line < spec.line + spec.lines && spec.line < o.line + o.lines);
    if (other) diagnostics.push(diag('error', 'BLOCK_OVERLAP', `block "${spec.id}" overlaps block "${other.id}"`, { ...where, hint: 'blocks are rectangles on the grid; move or shrink one of them' }));
    taken.push(spec);
    const story = stories.get(spec.story.file);
    if (!story) continue; // its load error is already reported
    const prev = state?.threads.prev.get(spec.id);
    const next = state?.threads.next.get(spec.id);
    let start: StoryPosition | null = { block: 0, offset: 0 };
    if (prev) {
      start = state!.stops.get(prev.spec.id) ?? null;
      if (!start) diagnostics.push(diag('warning', 'THREAD_EMPTY', `block "${spec.id}" continues block "${prev.spec.id}", but story "${story.id}" already ends there`, { ...where, hint: 'the story fits in the earlier block: remove this continuation or make the earlier block smaller' }));
    }
    const jump = { from: prev?.page.number ?? spec.continuedFrom, to: next?.page.number ?? spec.continuedTo };
    const { layout, stop } = layoutBlock(insetRows(spec), story, ctx, where, start, jump);
    blocks.push(layout);
    state?.stops.set(spec.id, stop);
  }
  return { number: page.number, file: page.file, width: house.page.width, height: house.page.height, grid: g, blocks, marks, furniture: ctx.furniture, diagnostics };
}

function style(house: HouseStyle, name: string, diagnostics: Diagnostic[]): Style {
  const s = house.styles[name];
  if (s) return s;
  if (!diagnostics.some((d) => d.code === 'UNKNOWN_STYLE' && d.message.includes(`"${name}"`))) {
    diagnostics.push(diag('warning', 'UNKNOWN_STYLE', `house style has no "${name}" style; using the body style`, { file: house.file, line: 1, col: 1, hint: `add styles.${name} to the house style` }));
  }
  return house.body;
}

type Where = { file: string; line?: number | undefined; col?: number | undefined; page: number; block: string };

/** A paragraph to set: its runs, and how its set lines map back to the story. */
interface Source {
  runs: TextRun[];
  base: number; // offset in the paragraph text of the first character set (a continued paragraph)
  prefix: number; // characters of runs before the paragraph text (dateline, run-in jump line)
  indent: boolean;
}

function layoutBlock(
  spec: BlockSpec, story: Story, ctx: BlockContext, where: Where,
  start: StoryPosition | null, jump: { from?: number | undefined; to?: number | undefined },
): { layout: BlockLayout; stop: StoryPosition | null } {
  const { house, fonts, g, diagnostics } = ctx;
  const box = insetBox(blockBox(g, spec), spec, g);
  const continuation = jump.from !== undefined;
  const decks: HeadlineDeck[] = continuation
    ? spec.jumpTitle.length ? [{ role: 'title', style: spec.headline.styles.title ?? style(house, 'title', diagnostics), lines: spec.jumpTitle }] : []
    : ([['kicker', story.kicker], ['title', story.title], ['deck', story.deck]] as const)
      .filter(([, lines]) => lines.length)
      .map(([role, lines]) => ({ role, style: spec.headline.styles[role] ?? style(house, role, diagnostics), lines, ...(role === 'title' && spec.headline.fit ? { fit: spec.headline.fit } : {}) }));
  const side = spec.headline.place !== 'top' && decks.length > 0;
  const head = side ? { lines: [] as TextLine[], height: 0, rows: 0, wrapped: false, tooLong: false } : setHeadline(decks, fonts, g, box.width, spec.headline.lines);
  if (head.tooLong) diagnostics.push(diag('error', 'HEADLINE_TOO_LONG', `the title of block "${spec.id}" does not fit the block's width even at ${spec.headline.fit!.min} pt condensed to ${Math.round(spec.headline.fit!.condense * 100)}%`, { ...where, hint: 'shorten the title, break it into more lines (a list or |), or lower headline.fit.min' }));
  if (head.wrapped) diagnostics.push(diag('warning', 'HEADLINE_WRAPPED', `a headline line of block "${spec.id}" is wider than the block and was wrapped`, { ...(continuation ? where : { file: story.file, line: 2, col: 1 }), page: where.page, block: spec.id, hint: 'shorten it, add a line break (a list or |), or use a smaller title size' }));
  if (spec.headline.lines !== undefined && head.height > rowsHeight(g, head.rows) + 0.01) {
    diagnostics.push(diag('error', 'HEADLINE_TOO_TALL', `the headline of block "${spec.id}" needs ${Math.ceil(head.height / g.pitch) + 1} lines but has ${spec.headline.lines}`, { ...where, hint: 'raise headline.lines or shorten the headline' }));
  }
  for (const l of head.lines) { l.x += box.x; l.baseline += box.y; }
  // a vertical headline (竖题) takes a strip of whole characters at the side; the text the rest
  let textBox = box;
  if (side) {
    const v = setVerticalHeadline(decks, fonts, 0, box.height);
    const chars = spec.headline.width ?? Math.ceil(v.width / g.em + 1 - 1e-6); // half a character of air each side
    const strip = setVerticalHeadline(decks, fonts, chars * g.em, box.height);
    for (const t of strip.tooLong) diagnostics.push(diag('error', 'HEADLINE_TOO_LONG', `the vertical headline line "${t}" is longer than block "${spec.id}" is tall`, { ...where, hint: 'give the block more lines, shorten the line, or break it (a list or |)' }));
    if (strip.width > chars * g.em + 0.01) diagnostics.push(diag('error', 'HEADLINE_TOO_WIDE', `the vertical headline of block "${spec.id}" needs ${Math.ceil(strip.width / g.em)} characters of width but has ${chars}`, { ...where, hint: 'raise headline.width or use smaller sizes' }));
    const rest = box.chars - chars - g.gutterChars;
    const stripX = spec.headline.place === 'right' ? box.x + (box.chars - chars) * g.em : box.x;
    for (const l of strip.lines) { l.x += stripX; l.baseline = box.y; }
    head.lines.push(...strip.lines);
    textBox = { ...box, x: spec.headline.place === 'right' ? box.x : box.x + (chars + g.gutterChars) * g.em, width: rest * g.em, chars: rest };
  }
  const capacity = spec.lines - head.rows;
  const columns = capacity > 0 && textBox.chars >= spec.columns ? frameColumns(g, textBox, spec.columns) : [];
  const photo = placeBlockPhoto(spec, columns, spec.line + head.rows, capacity, ctx); // rows it takes from the columns it spans
  const measure = columns[0]?.width ?? box.width;
  const body = house.body;
  const bodyFace = fonts.face(body.family, body.weight);
  const js = style(house, 'jump', diagnostics);
  const jumpRun = (text: string): TextRun => ({ text, face: fonts.face(js.family, js.weight), size: js.size });
  const runOn = house.jump.place === 'run-on';
  const opts = (tracking: number, indent: boolean) => ({ measure, em: g.em, settings: { ...spec.composition, tracking, ...(indent ? {} : { indent: 0 }) } });

  // the story from where this part starts, as paragraph sources and subheads
  const sources = new Map<number, Source>();
  const firstPara = story.blocks.findIndex((b) => b.kind === 'paragraph');
  const from = start ?? { block: story.blocks.length, offset: 0 };
  const jumpIn = continuation ? jumpFrom(jump.from!, house.jump.digits) : '';
  story.blocks.forEach((blk, i) => {
    if (blk.kind !== 'paragraph' || i < from.block) return;
    const base = i === from.block ? from.offset : 0;
    const runs: TextRun[] = [];
    if (i === from.block && runOn && jumpIn) runs.push(jumpRun(jumpIn));
    if (i === firstPara && base === 0 && story.dateline) {
      const ds = style(house, 'dateline', diagnostics);
      runs.push({ text: story.dateline + (CLOSERS.test(story.dateline) ? '' : '\u3000'), face: fonts.face(ds.family, ds.weight), size: ds.size });
    }
    const prefix = runs.reduce((s, r) => s + r.text.length, 0);
    runs.push({ text: blk.text.slice(base), face: bodyFace, size: body.size });
    sources.set(i, { runs, base, prefix, indent: base === 0 });
  });
  const normal = new Map<number, ComposedLine[]>();
  for (const [i, src] of sources) {
    const set = composeParagraph(src.runs, opts(0, src.indent));
    normal.set(i, continued(src, set.lines));
    // where the character is: the paragraph's position plus its offset (one source line a paragraph)
    const at = (o: number) => { const p = story.blocks[i]!.at; return { ...p, col: (p.col ?? 1) + src.base + Math.max(0, o - src.prefix), page: where.page, block: spec.id }; };
    for (const m of set.missing) {
      diagnostics.push(diag('warning', 'MISSING_GLYPH', `no font has a glyph for "${m.text}" (${codePoints(m.text)}); it prints as an empty box`, { ...at(m.src), hint: 'replace the character, or add a font that has it to fonts/fonts.yaml and its fallback chain' }));
    }
    for (const f of set.fallbacks) {
      diagnostics.push(diag('warning', 'GLYPH_FALLBACK', `"${f.text}" (${codePoints(f.text)}) is not in font ${f.from}; set in ${f.face} instead`, { ...at(f.src), hint: 'check the character is the one meant; a font with it keeps the style uniform' }));
    }
  }
  const subheads = new Map<number, FlowItem>();
  story.blocks.forEach((blk, i) => {
    if (blk.kind !== 'subhead' || i < from.block) return;
    const st = style(house, 'subhead', diagnostics);
    const face = fonts.face(st.family, st.weight);
    const rows = Math.ceil((st.size - g.em) / g.pitch - 1e-6) + 1;
    const shift = (rowsHeight(g, rows) - st.size) / 2 + face.ascent * st.size - face.ascent * g.em;
    const lines = blk.lines.flatMap((t) => composeParagraph([{ text: t, face, size: st.size }], { measure, em: st.size, align: st.align === 'left' ? 'left' : st.align }).lines);
    subheads.set(i, { kind: 'subhead', lines, rows, baselineShift: shift });
  });
  const paraIndex = story.blocks.map((b, i) => i).filter((i) => story.blocks[i]!.kind === 'paragraph');
  const blockIds = story.blocks.map((_, i) => i).filter((i) => i >= from.block);
  const items = (replaced: ReadonlyMap<number, ComposedLine[]>): FlowItem[] => blockIds.map((i) =>
    subheads.get(i) ?? { kind: 'paragraph', para: paraIndex.indexOf(i), lines: replaced.get(i) ?? normal.get(i)!, at: story.blocks[i]!.at });

  // jump lines on lines of their own take a row: the first row (上接) and the last (下转)
  const ownFrom = continuation && !runOn ? 1 : 0;
  const slotsFor = (endRows: number): FrameSlot[] => columns.map((c, k) => {
    const top = (k === 0 ? ownFrom : 0) + (photo?.top[k] ?? 0);
    const bottom = (k === columns.length - 1 ? endRows : 0) + (photo?.bottom[k] ?? 0);
    return { x: c.x, width: c.width, firstLine: spec.line + head.rows + top, capacity: capacity - top - bottom };
  }).filter((s) => s.capacity > 0);
  const continues = jump.to !== undefined;
  const flowFn = spec.balance && !continues ? flowBalanced : flowStory;
  const baselineOf = (row: number) => rowBaseline(g, row);
  const flowWith = (slots: FrameSlot[], widows: boolean) => (replaced: ReadonlyMap<number, ComposedLine[]>) => flowFn(items(replaced), slots, baselineOf, { widows });

  let flowed: Flowed;
  let fitted: ReturnType<typeof copyfit> = null;
  const fitting = (spec.fit || ctx.fit) && columns.length > 0 && !continues;
  let markerTo: TextLine | undefined;
  if (continues) {
    // the part goes on elsewhere: fill the block, then say where
    const full = flowWith(slotsFor(0), spec.composition.widows)(new Map());
    const text = jumpTo(jump.to!, house.jump.digits);
    if (!full.stop) flowed = full; // it all fits: no jump
    else if (runOn && (markerTo = runOnMarker(full, jumpRun(text), measure, g))) flowed = full;
    else {
      flowed = flowWith(slotsFor(1), spec.composition.widows)(new Map());
      if (flowed.stop) {
        const last = columns[columns.length - 1]!;
        const set = composeParagraph([jumpRun(text)], { measure, em: g.em, align: 'right' }).lines[0]!;
        markerTo = textLine('jump', set, last.x, baselineOf(spec.line + head.rows + capacity - 1 - (photo?.bottom.at(-1) ?? 0)));
        flowed.frames.at(-1)!.lines.push(markerTo);
      }
    }
  } else {
    const strict = flowWith(slotsFor(0), spec.composition.widows), loose = flowWith(slotsFor(0), false);
    flowed = strict(new Map());
    const before = flowed;
    if (fitting) {
      const paras = [...sources].map(([i, src]) => ({
        para: i, label: paraIndex.indexOf(i) + 1, lines: normal.get(i)!,
        variant: (n: number, tracking: number) => { const v = composeParagraphInLines(src.runs, opts(tracking, src.indent), n); return v && continued(src, v); },
      }));
      const all = (tracking: number) => new Map([...sources].map(([i, src]) => [i, continued(src, composeParagraph(src.runs, opts(tracking, src.indent)).lines)]));
      // fit with 孤行 kept off the column ends if possible, else without that rule
      fitted = copyfit(paras, strict, all, spec.composition.fitTracking) ?? (spec.composition.widows ? copyfit(paras, loose, all, spec.composition.fitTracking) : null);
      if (fitted) {
        flowed = fitted.flowed;
        if (fitted.changed) diagnostics.push(diag('info', 'COPYFIT', `block "${spec.id}": ${before.overflow ? `${lines(before.overflow)} over` : `${before.underflow} lines short`}, fitted: ${fitted.changed}`, { ...where }));
      }
    }
    // avoiding 孤行 costs rows; never at the price of an overflow
    if (!fitted && flowed.overflow > 0 && spec.composition.widows) flowed = loose(new Map());
  }
  if (continuation && !runOn && columns.length) {
    const set = composeParagraph([jumpRun(jumpIn)], { measure, em: g.em, align: 'left' }).lines[0]!;
    flowed.frames[0]?.lines.unshift(textLine('jump', set, columns[0]!.x, baselineOf(spec.line + head.rows + (photo?.top[0] ?? 0))));
  }

  // where the story stops, for the block that continues it
  let stop: StoryPosition | null = null;
  if (flowed.stop) {
    const i = blockIds[flowed.stop.item]!;
    const src = sources.get(i);
    const line = src ? (fitted?.settings.get(i) ?? normal.get(i)!)[flowed.stop.line] : undefined;
    stop = { block: i, offset: src && line && flowed.stop.line > 0 ? src.base + line.src - src.prefix : src?.base ?? 0 };
  }
  if (!continues) report(flowed, spec, story, ctx, where, fitting, box);
  return {
    layout: {
      id: spec.id, story: story.id, x: box.x, y: box.y, width: box.width, height: box.height, headline: head.lines,
      frames: flowed.frames, overflow: continues ? 0 : flowed.overflow, underflow: flowed.underflow,
      punctuation: spec.composition.punctuation, indent: spec.composition.indent, balanced: spec.balance && !continues,
      ...(spec.package ? { package: { ...blockBox(g, spec.package) } } : {}),
      ...(spec.parent ? { parent: spec.parent } : {}),
      ...(jump.from !== undefined || (jump.to !== undefined && markerTo) ? { jump: { ...(jump.from !== undefined ? { from: jump.from } : {}), ...(markerTo ? { to: jump.to! } : {}) } } : {}),
    },
    stop: continues ? stop : null,
  };
}

const lines = (n: number) => `${n} line${n > 1 ? 's' : ''}`;

const codePoints = (t: string) => [...t].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ') || 'no code point';

function report(flowed: Flowed, spec: BlockSpec, story: Story, ctx: BlockContext, where: Where, fitting: boolean, box: { x: number; y: number; width: number; height: number }): void {
  if (flowed.overflow > 0) {
    ctx.diagnostics.push(diag('error', 'BLOCK_OVERFLOW', `story "${story.id}" overflows block "${spec.id}" by ${lines(flowed.overflow)}${fitting ? ', even after copyfitting' : ''}`, {
      ...where, hint: `cut ${lines(flowed.overflow)} of copy, or give the block more lines or columns${fitting ? '' : ', or let it copyfit: fit: auto on the block, or banmian build --fit'}`,
    }));
    ctx.marks.push({ kind: 'overset', x: box.x + box.width, y: box.y + box.height, size: ctx.g.em, block: spec.id });
  } else if (flowed.underflow > 0) {
    // a last column one line short is normal practice (TYPOGRAPHY.md §6.3); more is a hole
    ctx.diagnostics.push(diag(flowed.underflow > 1 ? 'warning' : 'info', 'BLOCK_UNDERFLOW', `block "${spec.id}" has ${flowed.underflow} empty line${flowed.underflow > 1 ? 's' : ''} after story "${story.id}"${fitting && flowed.underflow > 1 ? ', even after copyfitting' : ''}`, {
      ...where, hint: `add copy, or give the block fewer lines${fitting ? '' : ', or let it copyfit: fit: auto'}`,
    }));
  }
}

/** The rest of a paragraph begun in an earlier part: its first line here is no paragraph start. */
function continued(src: Source, lines: ComposedLine[]): ComposedLine[] {
  return src.base > 0 && lines[0] ? [{ ...lines[0], first: false }, ...lines.slice(1)] : lines;
}

function textLine(role: TextLine['role'], l: ComposedLine, x: number, baseline: number): TextLine {
  return { role, x, baseline, measure: l.measure, end: l.end, glyphs: l.glyphs, text: l.text, first: true, last: true, stretch: 0 };
}

/**
 * Run-on 下转: after the last character of the part, when its last line ends a paragraph and
 * has room for the marker; otherwise the marker needs a line of its own.
 */
function runOnMarker(f: Flowed, run: TextRun, measure: number, g: GridInfo): TextLine | undefined {
  const frame = [...f.frames].reverse().find((fr) => fr.lines.length);
  const last = frame?.lines.at(-1);
  if (!last || !last.last || last.role !== 'body') return undefined;
  const set = composeParagraph([run], { measure, em: g.em, align: 'left' }).lines[0]!;
  const room = measure - last.end;
  if (set.end > room) return undefined;
  const shift = last.end;
  last.glyphs = [...last.glyphs, ...set.glyphs.map((gl) => ({ ...gl, x: gl.x + shift, bx: gl.bx + shift }))];
  last.text += set.text;
  last.end += set.end;
  return last;
}
