/**
 * compose: a paragraph of styled runs → ComposedLines at a given measure. The public surface of
 * the Chinese composer (src/text).
 */
import { buildAtoms, fileId, shapeCache, type TextRun } from './atoms.ts';
import { BuildCache } from './buildCache.ts';
import { breakParagraph, breakParagraphInLines, LineMeasure, type LineSpan } from './breaker.ts';
import { setLine, type ComposedLine, type LineAlign } from './justify.ts';
import { GB_DEFAULTS, type Composition } from './settings.ts';

export type { TextRun } from './atoms.ts';
export type { ComposedLine, LineAlign, PlacedGlyph } from './justify.ts';
export { GB_DEFAULTS, type Composition } from './settings.ts';

export interface ComposeOptions {
  measure: number; // line length, pt
  em: number; // the grid character (body size), pt
  indent?: number; // first-line indent in em (default: from the settings, 0 when none given)
  align?: LineAlign; // default justify (last line flush left)
  trimFirstOpen?: boolean; // default true
  settings?: Partial<Composition>; // default GB_DEFAULTS (indent 0 unless given)
}

export interface ComposedParagraph {
  lines: ComposedLine[];
  missing: { text: string; src: number; face: string }[]; // characters no font of the chain has
  fallbacks: { text: string; src: number; face: string; from: string }[]; // characters taken from a fallback font
  fewestLines(tracking: number): number; // no setting with the gaps tracked this much tighter (em) has fewer lines
}

function measureFor(runs: readonly TextRun[], o: ComposeOptions): LineMeasure {
  const set: Composition = { ...GB_DEFAULTS, indent: 0, ...o.settings };
  return new LineMeasure(buildAtoms(runs, set), {
    measure: o.measure, em: o.em, indent: (o.indent ?? set.indent) * o.em, trimFirstOpen: o.trimFirstOpen ?? true, hanging: set.hanging,
  });
}

const setAll = (m: LineMeasure, spans: LineSpan[], o: ComposeOptions) =>
  spans.map((s, i) => setLine(m, s, { last: i === spans.length - 1, align: o.align ?? 'justify' }));

// Set paragraphs by their runs and options: a rebuild after an edit recomposes only what changed.
// Results are shared, so callers never mutate them.
const setCache = new BuildCache<ComposedParagraph>(5000);
// copyfitting asks again for a paragraph in the same number of lines (each rebuild, each of makeup's trial depths)
const inLinesCache = new BuildCache<ComposedLine[] | null | 'capped'>(5000);
// The font file by its number (atoms.ts): a key is a new string each time, hashed whole, and a
// path is long. A text by a number too: makeup looks the same paragraph up at every width and
// depth it tries, and V8 keeps a string's hash with the string, so numbering it costs one hash,
// not a copy of the text into every key (numbers are never reused: a text numbered again is a miss).
const textIds = new BuildCache<number>(100_000);
let nextTextId = 0;
const textId = (text: string): number => textIds.get(text) ?? textIds.set(text, nextTextId++);
const cacheKey = (runs: readonly TextRun[], o: ComposeOptions) =>
  JSON.stringify([runs.map((r) => [textId(r.text), r.face.key, fileId(r.face.file), r.size]), o.measure, o.em, o.indent, o.align, o.trimFirstOpen, o.settings]);

export function composeParagraph(runs: readonly TextRun[], o: ComposeOptions): ComposedParagraph {
  const key = cacheKey(runs, o);
  return setCache.get(key) ?? setCache.set(key, composeFresh(runs, o));
}

/** A build begins: set paragraphs and shapes the previous build did not use are dropped. */
export function beginBuild(): void {
  setCache.rotate();
  inLinesCache.rotate();
  textIds.rotate();
  shapeCache.rotate();
}

function composeFresh(runs: readonly TextRun[], o: ComposeOptions): ComposedParagraph {
  const m = measureFor(runs, o);
  const lines = setAll(m, breakParagraph(m), o);
  const missing = m.atoms.boxes.filter((b) => b.missing).map((b) => ({ text: b.text, src: b.src, face: b.face.key }));
  const fallbacks = m.atoms.boxes.filter((b) => b.fallback && !b.missing).map((b) => ({ text: b.text, src: b.src, face: b.face.key, from: b.fallback! }));
  return { lines, missing, fallbacks, fewestLines: m.fewestLines() };
}

/**
 * The best setting in exactly `lines` lines with no loose line and no 孤字, or null (copyfitting);
 * 'capped' when the paragraph is too long for that search (breaker.ts IN_LINES_CELLS).
 */
export function composeParagraphInLines(runs: readonly TextRun[], o: ComposeOptions, lines: number): ComposedLine[] | null | 'capped' {
  const key = `${lines}:${cacheKey(runs, o)}`;
  const hit = inLinesCache.get(key);
  if (hit !== undefined) return hit;
  const m = measureFor(runs, o);
  const spans = breakParagraphInLines(m, lines);
  return inLinesCache.set(key, Array.isArray(spans) ? setAll(m, spans, o) : spans);
}
