/**
 * A block as a chain of named steps over plain data, each reporting into the page's sink:
 * headline decks → headline (on top, or a vertical strip at the side) → text area (its columns,
 * less a photo's rows) → paragraph sources (the story from where this part starts) → composition
 * → flow, by one of three named strategies (as set; copyfitted; continued elsewhere) → where the
 * story stopped → the block's fill reported → { layout, stop, copyfit }.
 */
import { diag, DiagnosticSink, type SourcePos } from '../diagnostic.ts';
import type { BlockSpec, Style } from '../manifest/types.ts';
import type { Paragraph, Story } from '../content/story.ts';
import { originOf } from '../content/body.ts';
import { composeParagraph, type ComposedLine, type TextRun } from '../text/compose.ts';
import { blockBox, frameColumns, gridLinesFor, onPageGrid, rowsFor, rowsHeight, textGrid, type BlockBox, type TextGrid } from './geometry.ts';
import { codePoints, missingIn, reportMissing, type GlyphSource } from './glyphs.ts';
import { setHeadline, setVerticalHeadline, stripChars, type HeadlineDeck } from './headline.ts';
import { blockRect, boxPadding, insetBox, insetRows } from './furniture.ts';
import { paintOf, styleOf } from './line.ts';
import { placeBlockPhoto, type FurnitureContext, type PhotoCut } from './photo.ts';
import { continued, flowByStrategy, frameFlow, isFitting, jumpRun, lines, writingOf, type Setting } from './strategies.ts';
import { blockFill, changesText, type FillReport } from './cuts.ts';
import type { Flowed, FlowItem } from './flow.ts';
import type { BlockLayout, CopyfitResult, Furniture, StoryPosition, TextLine } from './types.ts';
import { jumpFrom } from './threads.ts';
import { tierShape, verticalBlock } from './verticalFlow.ts';

const CLOSERS = /[）】」』”’》〉]$/;

export interface BlockContext extends FurnitureContext {
  fit: boolean; // copyfit every block (banmian build --fit)
  adds?: boolean; // plan what to add to a short block (LayoutOptions.adds)
  trial?: boolean; // a trial setting (makeup's measuring): no cut plans, nothing reported
}

/** Where a block's diagnostics point: its manifest entry, on its page. */
export type Where = SourcePos & { page: number; block: string };

/** One part of a story to set in one block: from `start` (null: the story ended before it), with its jump lines. */
export interface Part {
  spec: BlockSpec; // rows already inset by a box's padding
  story: Story;
  where: Where;
  start: StoryPosition | null;
  jump: { from?: number | undefined; to?: number | undefined };
}

export interface BlockResult {
  layout: BlockLayout;
  stop: StoryPosition | null; // where the next part goes on (null: the story ended here, or it has no next part)
  copyfit?: CopyfitResult;
}

/** The headline set, and the box left for the text; `clipped`: its lines left out, over its rows. */
export interface Head { lines: TextLine[]; rows: number; textBox: BlockBox; clipped?: number }

/** The block's text columns under the headline and the rows a photo takes from them. */
export interface Area {
  columns: { x: number; width: number; chars: number }[];
  capacity: number; // rows per column
  top: number; // grid row of the first text row
  photo: PhotoCut | undefined;
  measure: number;
  style: Style; // the body text's style: the house body, or the block's own (body:)
  grid: TextGrid; // the rows the body text is set on (textRows converts grid lines to them)
}

/** A paragraph to set: its runs, and how its set lines map back to the story. */
export interface Source {
  runs: TextRun[];
  base: number; // offset in the paragraph text of the first character set (a continued paragraph)
  prefix: number; // characters of runs before the paragraph text (dateline, run-in jump line)
  jump: number; // characters of the run-in jump line, the first of those runs
  indent: boolean;
}

/** A glyph report of the story's text, held until the flow shows which part sets character `o` of block `i`. */
export interface GlyphReport { i: number; o: number; report: () => void }

/** A story in a locale of its own (front matter lang:) is set in that locale's faces; the page's are its edition's. */
const inStoryLocale = (p: Part, ctx: BlockContext): BlockContext => p.story.lang ? { ...ctx, fonts: ctx.fonts.inLocale(p.story.lang) } : ctx;

export function layoutBlock(p: Part, ctx: BlockContext): BlockResult {
  ctx = inStoryLocale(p, ctx);
  const { spec, story, jump } = p;
  const box = insetBox(blockBox(ctx.g, spec), spec, ctx.g);
  const head = blockHeadline(p, headlineDecks(p, ctx), box, ctx);
  const page = ctx.g;
  // 直排: tiers as text columns and lines as rows through the same steps, placed vertically after the flow
  const vertical = spec.vertical ? verticalBlock(p, head, box, ctx) : undefined;
  if (vertical) ctx = vertical.ctx;
  const area = vertical?.area ?? textArea(p.spec, head, box, ctx);
  const setting = composeStory(p, area, ctx);
  const { flowed, fitted, markerTo } = flowByStrategy(p, area, setting, ctx);
  vertical?.place(flowed);
  const continues = jump.to !== undefined;
  const stop = continues ? storyStop(flowed.stop, setting, fitted?.settings) : null;
  if (stop && !setting.sources.has(stop.block)) keepSubheadWhole(flowed, flowed.stop!.line);
  // a character is reported by the part that sets it (an overset tail by the last part)
  for (const g of setting.glyphs) if (!stop || g.i < stop.block || (g.i === stop.block && g.o < stop.offset)) g.report();
  const fitting = isFitting(p, area, ctx);
  const fill = blockFill(p, area, setting, flowed, fitted?.settings, ctx, fitting, (texts, extra) => fitsWith(p, area, texts, extra, ctx), markerTo);
  if (!continues) reportFill(p, flowed, fitting, box, ctx, fill);
  const copyfit = fitted?.changed ? fitted.result : undefined;
  return {
    layout: {
      id: spec.id, story: story.id, grid: blockRect(spec), x: box.x, y: box.y, width: box.width, height: box.height, headline: head.lines,
      ...(head.clipped ? { headlineOverset: head.clipped } : {}),
      frames: flowed.frames, overflow: continues ? 0 : flowed.overflow, underflow: flowed.underflow,
      punctuation: spec.composition.punctuation, indent: spec.composition.indent, balanced: (spec.balance || !!spec.auto) && !continues,
      ...(copyfit ? { copyfit } : {}),
      fill: fill.fill,
      ...(stop ? { stop } : {}),
      ...(spec.package ? { package: { ...blockBox(ctx.g, spec.package) } } : {}),
      ...(spec.parent ? { parent: spec.parent } : {}),
      ...(vertical || onPageGrid(page, area.grid) ? {} : { text: area.grid }),
      ...(jump.from !== undefined || (jump.to !== undefined && markerTo) ? { jump: { ...(jump.from !== undefined ? { from: jump.from } : {}), ...(markerTo ? { to: jump.to! } : {}) } } : {}),
    },
    stop,
    ...(copyfit ? { copyfit } : {}),
  };
}

/** Kicker, title and deck of the story, each in its style; over a continuation, its 转版题 instead. */
function headlineDecks(p: Part, ctx: BlockContext): HeadlineDeck[] {
  const { spec, story } = p;
  const style = (role: 'kicker' | 'title' | 'deck') => spec.headline.styles[role] ?? styleOf(ctx.house, role, ctx.sink);
  if (p.jump.from !== undefined) return spec.jumpTitle.length ? [{ role: 'title', style: style('title'), lines: spec.jumpTitle }] : [];
  return ([['kicker', story.kicker], ['title', story.title], ['deck', story.deck]] as const)
    .filter(([, lines]) => lines.length)
    .map(([role, lines]) => ({ role, style: style(role), lines, ...(role === 'title' && spec.headline.fit ? { fit: spec.headline.fit } : {}) }));
}

function blockHeadline(p: Part, decks: HeadlineDeck[], box: BlockBox, ctx: BlockContext): Head {
  return p.spec.headline.place !== 'top' && decks.length > 0 ? sideHeadline(p, decks, box, ctx) : topHeadline(p, decks, box, ctx);
}

/** Decks stacked over the text, in whole grid rows (given, or the fewest that hold them). */
function topHeadline(p: Part, decks: HeadlineDeck[], box: BlockBox, ctx: BlockContext): Head {
  const { spec, story, where } = p;
  const { g, sink } = ctx;
  const head = setHeadline(decks, ctx.fonts, g, box.width, spec.headline.lines);
  if (head.tooLong) sink.report(diag('error', 'HEADLINE_TOO_LONG', `the title of block "${spec.id}" does not fit the block's width even at ${spec.headline.fit!.min} pt condensed to ${Math.round(spec.headline.fit!.condense * 100)}%`, { ...where, hint: 'shorten the title, break it into more lines (a list or |), or lower headline.fit.min' }));
  if (head.wrapped) sink.report(diag('warning', 'HEADLINE_WRAPPED', `a headline line of block "${spec.id}" is wider than the block and was wrapped`, { ...(p.jump.from !== undefined ? where : { file: story.file, line: 2, col: 1 }), page: where.page, block: spec.id, hint: 'shorten it, add a line break (a list or |), or use a smaller title size' }));
  if (spec.headline.lines !== undefined && head.height > rowsHeight(g, head.rows) + 0.01) {
    const range = spec.headline.fit ? ` even at ${spec.headline.fit.min} pt` : '';
    sink.report(diag('error', 'HEADLINE_TOO_TALL', `the headline of block "${spec.id}" needs ${Math.ceil(head.height / g.pitch - 1e-6) + 1} lines${range} but has ${spec.headline.lines}${head.clipped ? `; ${head.clipped} of its lines left out` : ''}`, { ...where, hint: `raise headline.lines or shorten the headline${spec.headline.fit ? ', or lower headline.fit.min' : ''}` }));
    // what does not fit is not printed over the text or a neighbour: the overset mark at the end of its rows
    if (head.clipped) ctx.marks.push({ kind: 'overset', x: box.x + box.width, y: box.y + rowsHeight(g, head.rows), size: g.em, block: spec.id });
  }
  for (const l of head.lines) { l.x += box.x; l.baseline += box.y; }
  reportHeadGlyphs(p, decks, head.lines, ctx);
  return { lines: head.lines, rows: head.rows, textBox: box, clipped: head.clipped };
}

/** A vertical headline (竖题): a strip of whole characters at the block's side; the text takes the rest. */
function sideHeadline(p: Part, decks: HeadlineDeck[], box: BlockBox, ctx: BlockContext): Head {
  const { spec, where } = p;
  const { g, sink } = ctx;
  const strip = setVerticalHeadline(decks, ctx.fonts, 0, box.height); // centred on x = 0: moved to the strip's middle below
  const chars = spec.headline.width ?? stripChars(strip.width, g.em); // half a character of air each side
  for (const t of strip.tooLong) sink.report(diag('error', 'HEADLINE_TOO_LONG', `the vertical headline line "${t}" is longer than block "${spec.id}" is tall`, { ...where, hint: 'give the block more lines, shorten the line, or break it (a list or |)' }));
  if (strip.width > chars * g.em + 0.01) sink.report(diag('error', 'HEADLINE_TOO_WIDE', `the vertical headline of block "${spec.id}" needs ${Math.ceil(strip.width / g.em)} characters of width but has ${chars}`, { ...where, hint: 'raise headline.width or use smaller sizes' }));
  const right = spec.headline.place === 'right';
  const rest = box.chars - chars - g.gutterChars;
  const stripX = (right ? box.x + (box.chars - chars) * g.em : box.x) + (chars * g.em) / 2;
  for (const l of strip.lines) { l.x += stripX; l.baseline = box.y; }
  reportHeadGlyphs(p, decks, strip.lines, ctx);
  return { lines: strip.lines, rows: 0, textBox: { ...box, x: right ? box.x : box.x + (chars + g.gutterChars) * g.em, width: rest * g.em, chars: rest } };
}

/** A headline's missing glyphs, reported at its front-matter field (a continuation's 转版题 at the block). */
function reportHeadGlyphs(p: Part, decks: HeadlineDeck[], lines: TextLine[], ctx: BlockContext): void {
  const { story, where } = p;
  for (const d of decks) {
    const from = p.jump.from !== undefined ? where : { ...(story.headAt?.[d.role as 'kicker' | 'title' | 'deck'] ?? { file: story.file, line: 1, col: 1 }), page: where.page, block: p.spec.id };
    reportMissing(ctx.sink, missingIn(lines.filter((l) => l.role === d.role)), from);
  }
}

/**
 * The text columns under the headline, whole characters of the body size; a block's photo takes
 * grid rows from those it spans. A body style of its own sets its rows at its own pitch from the
 * grid line under the headline.
 */
function textArea(spec: BlockSpec, head: Head, box: BlockBox, ctx: BlockContext): Area {
  const style = spec.body ?? ctx.house.body;
  const capacity = spec.lines - head.rows;
  const top = spec.line + head.rows;
  const grid = textGrid(ctx.g, style.size, style.pitch, ctx.fonts.face(style.family, style.weight).ascent, top);
  const set = capacity > 0 && head.textBox.chars >= spec.columns ? frameColumns(ctx.g, head.textBox, spec.columns, grid.em) : [];
  const columns = set[0] && set[0].chars >= 1 ? set : [];
  const photo = placeBlockPhoto(spec, columns, top, capacity, ctx);
  return { columns, capacity, top, photo, measure: columns[0]?.width ?? box.width, style, grid };
}

/**
 * A block's photo as its layout will place it, from the manifest alone where that says enough (a
 * headline on top of given lines): so that a build can start converting it for print before any
 * text is set. A block of lines: auto is taken to have text under its photo, as one made up has.
 * Undefined where only the layout knows; a guess the layout does not bear out only converts a
 * photo that is not used.
 */
export function blockPhotoAhead(spec: BlockSpec, ctx: BlockContext): Furniture | undefined {
  const { image, headline } = spec;
  if (!image || spec.vertical || headline.place !== 'top' || headline.lines === undefined) return undefined;
  const scratch: BlockContext = { ...ctx, sink: new DiagnosticSink(), marks: [], furniture: [] };
  const sized = spec.auto ? { ...spec, lines: headline.lines + image.lines + 1 } : spec;
  try {
    const box = insetBox(blockBox(ctx.g, sized), sized, ctx.g);
    textArea(sized, { lines: [], rows: headline.lines, textBox: box }, box, scratch);
  } catch {
    return undefined; // a block the layout will report (off the grid, too narrow): no guess
  }
  return scratch.furniture.find((f) => f.kind === 'image');
}

/**
 * lines: auto — the fewest grid lines that hold the part as set: its headline's rows, then its
 * copy flowed by the block's own rules (孤行 kept off the column ends, a subhead kept with its
 * paragraph, a photo's rows, a 上接 line), a vertical headline no taller than the block. `p.spec`
 * is the block's rectangle (a box's padding not yet taken off). Tried upwards from the fewest
 * that could hold the copy, in a scratch context so that nothing is reported twice; copyfitting
 * (fit: auto) then fills what is left of the last lines.
 */
export function linesNeeded(p: Part, ctx: BlockContext): number {
  const scratch: BlockContext = { ...inStoryLocale(p, ctx), sink: new DiagnosticSink(), marks: [], furniture: [], fit: false };
  const pad = 2 * boxPadding(p.spec);
  const sized = (lines: number) => {
    const spec = insetRows({ ...p.spec, lines, fit: false });
    return { q: { ...p, spec }, box: insetBox(blockBox(ctx.g, spec), spec, ctx.g) };
  };
  const decks = headlineDecks(p, scratch);
  const side = p.spec.headline.place !== 'top' && decks.length > 0;
  const first = sized(ctx.g.lines + pad);
  const head = blockHeadline(first.q, decks, first.box, scratch); // its rows and width do not depend on the block's height
  if (p.spec.vertical) return verticalLinesNeeded(sized, head, ctx.g.lines + pad, (lines) => side && setVerticalHeadline(decks, scratch.fonts, 0, sized(lines).box.height).tooLong.length > 0, scratch);
  const area = (lines: number) => {
    const { q, box } = sized(lines);
    return { q, box, area: textArea(q.spec, head, box, scratch) };
  };
  const start = area(ctx.g.lines + pad);
  if (!start.area.columns.length) return head.rows + pad + 1; // no room for text: reported when it is set
  const setting = composeStory(start.q, start.area, scratch); // the measure does not depend on the height
  const ownFrom = p.jump.from !== undefined && ctx.house.jump.place !== 'run-on' ? 1 : 0; // a 上接 line of its own
  const rows = setting.items(new Map()).reduce((n, it) => n + (it.kind === 'subhead' ? it.rows : 1) * it.lines.length, ownFrom);
  const image = p.spec.image?.lines ?? 0;
  const least = head.rows + pad + gridLinesFor(ctx.g, start.area.grid, Math.ceil(rows / start.area.columns.length));
  const most = head.rows + pad + gridLinesFor(ctx.g, start.area.grid, rows + 2) + image;
  for (let lines = least; lines < most; lines++) {
    const { q, box, area: a } = area(lines);
    if (image > a.capacity || !a.columns.length) continue;
    if (side && setVerticalHeadline(decks, scratch.fonts, 0, box.height).tooLong.length) continue;
    if (frameFlow(q, a, setting, scratch)(0, q.spec.composition.widows)(new Map()).overflow === 0) return lines;
  }
  return most;
}

/**
 * lines: auto on a vertical block: its width and tiers as given, the fewest grid lines whose tiers
 * (whole characters tall) hold the copy. The measure is the tier's height, so the copy is set
 * again for each number of characters a line holds, from the fewest its characters could fill.
 */
function verticalLinesNeeded(sized: (lines: number) => { q: Part; box: BlockBox }, head: Head, most: number, tooShort: (lines: number) => boolean, scratch: BlockContext): number {
  const { q: whole, box: wholeBox } = sized(most);
  const tiers = whole.spec.vertical!.tiers;
  const perLine = tierShape(whole, head, wholeBox, scratch).lines;
  const chars = whole.story.blocks.reduce((n, b) => n + (b.kind === 'paragraph' ? b.text.length : 0), 0);
  const least = Math.ceil(chars / Math.max(1, perLine * tiers));
  let tried = 0;
  for (let lines = head.rows + 1; lines < most; lines++) {
    const { q, box } = sized(lines);
    const shape = tierShape(q, head, box, scratch);
    if (shape.chars < least || shape.chars === tried || tooShort(lines)) continue;
    tried = shape.chars;
    const v = verticalBlock(q, head, box, scratch);
    if (!v || (q.spec.image && !v.area.photo)) continue;
    const setting = composeStory(q, v.area, v.ctx);
    if (frameFlow(q, v.area, setting, v.ctx)(0, q.spec.composition.widows)(new Map()).overflow === 0) return lines;
  }
  return most;
}

/** The story from where this part starts: paragraph sources (with dateline and run-in jump line) and subheads, set. */
function composeStory(p: Part, area: Area, ctx: BlockContext): Setting {
  const { story } = p;
  const from = p.start ?? { block: story.blocks.length, offset: 0 };
  const sources = paragraphSources(p, from, area.style, ctx);
  const normal = new Map<number, ComposedLine[]>();
  const glyphs: GlyphReport[] = [];
  for (const [i, src] of sources) normal.set(i, composeSource(p, i, src, area, glyphs, ctx));
  const subheads = setSubheads(p, from, area, glyphs, ctx);
  // block index → its paragraph number (0-based), for a story of any number of paragraphs
  const paraIndex = new Map(story.blocks.map((_, i) => i).filter((i) => story.blocks[i]!.kind === 'paragraph').map((i, k) => [i, k]));
  const blockIds = story.blocks.map((_, i) => i).filter((i) => i >= from.block);
  const body = paintOf(area.style);
  const items = (replaced: ReadonlyMap<number, ComposedLine[]>): FlowItem[] => blockIds.map((i) => subheads.get(i) ?? {
    kind: 'paragraph', para: paraIndex.get(i) ?? -1, lines: replaced.get(i) ?? normal.get(i)!, paint: body,
    at: (l: ComposedLine) => sourceAt(story.blocks[i] as Paragraph, sources.get(i)!, l.src),
  });
  return { sources, normal, paraIndex, blockIds, items, glyphs, options: (tracking, indent) => setOptions(p, area, tracking, indent) };
}

/** Composition options for the block's body at a tracking; a continued paragraph has no indent. */
function setOptions(p: Part, area: Area, tracking: number, indent: boolean) {
  return { measure: area.measure, em: area.grid.em, settings: { ...p.spec.composition, tracking, ...(indent ? {} : { indent: 0 }), absorbSpaces: true, ...(p.story.lang ? { lang: p.story.lang } : {}) } };
}

/**
 * Where a character set from a paragraph's source is in the article: by the paragraph's origins
 * (it may span lines). Given the dateline's front-matter position, a character of the run-in
 * dateline is there; the run-in jump line is at the paragraph's first character.
 */
export function sourceAt(para: Paragraph, src: Source, offset: number, dateline?: SourcePos): SourcePos {
  if (dateline && offset >= src.jump && offset < src.prefix) return dateline;
  return originOf(para, src.base + Math.max(0, offset - src.prefix));
}

function paragraphSources(p: Part, from: StoryPosition, body: Style, ctx: BlockContext): Map<number, Source> {
  const { story } = p;
  const { house, fonts, sink } = ctx;
  const sources = new Map<number, Source>();
  const firstPara = story.blocks.findIndex((b) => b.kind === 'paragraph');
  const jumpIn = p.jump.from !== undefined && house.jump.place === 'run-on' ? jumpFrom(p.jump.from, house.jump) : '';
  story.blocks.forEach((blk, i) => {
    if (blk.kind !== 'paragraph' || i < from.block) return;
    const base = i === from.block ? from.offset : 0;
    const runs: TextRun[] = [];
    if (i === from.block && jumpIn) runs.push(jumpRun(jumpIn, p, ctx));
    const jump = runs.length ? jumpIn.length : 0;
    if (i === firstPara && base === 0 && story.dateline) {
      const ds = styleOf(house, 'dateline', sink);
      // a dateline at the house body size runs in at the block's body size
      runs.push({ text: story.dateline + (CLOSERS.test(story.dateline) ? '' : '\u3000'), face: fonts.face(ds.family, ds.weight), size: ds.size === house.body.size ? body.size : ds.size });
    }
    const prefix = runs.reduce((s, r) => s + r.text.length, 0);
    runs.push({ text: blk.text.slice(base), face: fonts.face(body.family, body.weight), size: body.size });
    sources.set(i, { runs, base, prefix, jump, indent: base === 0 });
  });
  return sources;
}

/**
 * A paragraph set at the block's measure. Characters no font has, or another font set, are
 * reported where they are (the run-in jump line, the house's words, at the block; the dateline at
 * its front-matter line) — by the part that sets them, so held in `glyphs` until the stop is known.
 */
function composeSource(p: Part, i: number, src: Source, area: Area, glyphs: GlyphReport[], ctx: BlockContext): ComposedLine[] {
  const { story, where } = p;
  const set = composeParagraph(src.runs, setOptions(p, area, 0, src.indent));
  const at = (o: number): GlyphSource => o < src.jump ? where : { ...sourceAt(story.blocks[i] as Paragraph, src, o, story.headAt?.dateline), page: where.page, block: p.spec.id };
  const o = (c: number) => src.base + Math.max(0, c - src.prefix);
  for (const m of set.missing) glyphs.push({ i, o: o(m.src), report: () => reportMissing(ctx.sink, [m.text], at(m.src)) });
  for (const f of set.fallbacks) {
    glyphs.push({ i, o: o(f.src), report: () => ctx.sink.report(diag('warning', 'GLYPH_FALLBACK', `"${f.text}" (${codePoints(f.text)}) is not in font ${f.from}; set in ${f.face} instead`, { ...at(f.src), hint: 'check the character is the one meant; a font with it keeps the style uniform' })) });
  }
  return continued(src, set.lines);
}

/** Subheads in whole rows of the body text, centred in them. */
function setSubheads(p: Part, from: StoryPosition, area: Area, glyphs: GlyphReport[], ctx: BlockContext): Map<number, FlowItem> {
  const subheads = new Map<number, FlowItem>();
  const rowGrid = onPageGrid(ctx.g, area.grid) ? ctx.g : { ...ctx.g, em: area.grid.em, pitch: area.grid.pitch };
  p.story.blocks.forEach((blk, i) => {
    if (blk.kind !== 'subhead' || i < from.block) return;
    const st = styleOf(ctx.house, 'subhead', ctx.sink);
    const face = ctx.fonts.face(st.family, st.weight);
    const size = st.size === ctx.house.body.size ? area.style.size : st.size; // at the house body size: at the block's
    const { rows, shift } = rowsFor(rowGrid, size, face.ascent);
    const lines = blk.lines.flatMap((t) => composeParagraph([{ text: t, face, size }], { measure: area.measure, em: size, align: st.align === 'left' ? 'left' : st.align, ...writingOf(p) }).lines);
    glyphs.push({ i, o: 0, report: () => reportMissing(ctx.sink, missingIn(lines), { ...blk.at, page: p.where.page, block: p.spec.id }) });
    subheads.set(i, { kind: 'subhead', lines, rows, baselineShift: shift, at: blk.at, paint: paintOf(st) });
  });
  return subheads;
}

/** Where the story stops (the first line that did not fit), for the block that continues it. */
function storyStop(at: { item: number; line: number } | undefined, s: Setting, settings?: ReadonlyMap<number, ComposedLine[]>): StoryPosition | null {
  if (!at) return null;
  const i = s.blockIds[at.item]!;
  const src = s.sources.get(i);
  const line = src ? (settings?.get(i) ?? s.normal.get(i)!)[at.line] : undefined;
  return { block: i, offset: src && line && at.line > 0 ? src.base + line.src - src.prefix : src?.base ?? 0 };
}

/** A subhead is not split between parts: its `count` lines set here (the last set) go on with it. */
function keepSubheadWhole(flowed: Flowed, count: number): void {
  let k = count;
  for (const f of [...flowed.frames].reverse()) {
    for (let j = f.lines.length - 1; j >= 0 && k > 0; j--) if (f.lines[j]!.role === 'subhead') { f.lines.splice(j, 1); k--; }
  }
}

/**
 * Whether the part would fit its block with these paragraph texts (by story block) and a new last
 * paragraph: set and flowed again by its strategy, its reports dropped (a cut or add plan's check).
 */
function fitsWith(p: Part, area: Area, texts: ReadonlyMap<number, string>, extra: string | undefined, ctx: BlockContext): boolean {
  const blocks = p.story.blocks.map((b, i) => (b.kind === 'paragraph' && texts.has(i) ? { ...b, text: texts.get(i)! } : b));
  const last = p.story.blocks.findLast((b) => b.kind === 'paragraph');
  if (extra !== undefined && last) blocks.push({ ...last, text: extra });
  const quiet: BlockContext = { ...ctx, sink: new DiagnosticSink(), marks: [], furniture: [] };
  const part = { ...p, story: { ...p.story, blocks } };
  const { flowed } = flowByStrategy(part, area, composeStory(part, area, quiet), quiet);
  return flowed.overflow === 0 && flowed.underflow <= 1;
}

/** Overflow (with the overset mark) or underflow of a block that does not hand on to another; the hint says what to cut or add. */
function reportFill(p: Part, flowed: { overflow: number; underflow: number }, fitting: boolean, box: BlockBox, ctx: BlockContext, { fill, lines: moved }: FillReport): void {
  const { spec, story, where } = p;
  if (flowed.overflow > 0) {
    const cut = fill.cuts ? `cut ${changesText(fill.cuts, 'from')}${moved < flowed.overflow ? ' (copyfitting does the rest)' : ''}` : `cut ${lines(flowed.overflow)} of copy${fill.overset ? ` (${fill.overset} characters are over)` : ''}`;
    ctx.sink.report(diag('error', 'BLOCK_OVERFLOW', `story "${story.id}" overflows block "${spec.id}" by ${lines(flowed.overflow)}${fitting ? ', even after copyfitting' : ''}`, {
      ...where, hint: `${cut}, or give the block more lines or columns${fitting ? '' : ', or let it copyfit: fit: auto on the block, or banmian build --fit'}`,
    }));
    ctx.marks.push({ kind: 'overset', x: box.x + box.width, y: box.y + box.height, size: ctx.g.em, block: spec.id });
  } else if (flowed.underflow > 0) {
    // a last column one line short is normal practice (docs/typography.md §5); more is a hole
    const add = [fill.adds ? changesText(fill.adds, 'to') : '', fill.newParagraph ? `a new last paragraph of ${fill.newParagraph[0]}–${fill.newParagraph[1]} characters` : ''].filter(Boolean);
    ctx.sink.report(diag(flowed.underflow > 1 ? 'warning' : 'info', 'BLOCK_UNDERFLOW', `block "${spec.id}" has ${flowed.underflow} empty line${flowed.underflow > 1 ? 's' : ''} after story "${story.id}"${fitting && flowed.underflow > 1 ? ', even after copyfitting' : ''}`, {
      ...where, hint: `${add.length ? `add ${add.join('; or ')}` : 'add copy'}, or give the block fewer lines${fitting ? '' : ', or let it copyfit: fit: auto'}`,
    }));
  }
}
