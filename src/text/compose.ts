/**
 * compose: a paragraph of styled runs → ComposedLines at a given measure. The public surface of
 * the Chinese composer (src/text).
 */
import { buildAtoms, type TextRun } from './atoms.ts';
import { breakParagraph, LineMeasure } from './breaker.ts';
import { setLine, type ComposedLine, type LineAlign } from './justify.ts';

export type { TextRun } from './atoms.ts';
export type { ComposedLine, LineAlign, PlacedGlyph } from './justify.ts';

export interface ComposeOptions {
  measure: number; // line length, pt
  em: number; // the grid character (body size), pt
  indent?: number; // first-line indent, pt (default 0)
  align?: LineAlign; // default justify (last line flush left)
  trimFirstOpen?: boolean; // default true
}

export interface ComposedParagraph {
  lines: ComposedLine[];
  missing: { text: string; src: number; face: string }[]; // characters the font has no glyph for
}

export function composeParagraph(runs: readonly TextRun[], o: ComposeOptions): ComposedParagraph {
  const atoms = buildAtoms(runs);
  const m = new LineMeasure(atoms, { measure: o.measure, em: o.em, indent: o.indent ?? 0, trimFirstOpen: o.trimFirstOpen ?? true });
  const spans = breakParagraph(m);
  const align = o.align ?? 'justify';
  const lines = spans.map((s, i) => setLine(m, s, { last: i === spans.length - 1, align }));
  const missing = atoms.boxes.filter((b) => b.missing).map((b) => ({ text: b.text, src: b.src, face: b.face.key }));
  return { lines, missing };
}
