/**
 * What every part of layout sets lines with: a house style by name (the body style, with a
 * warning once per page, when the house has none) and a composed line placed on the page.
 */
import { diag, type DiagnosticSink } from '../diagnostic.ts';
import type { HouseStyle, Style } from '../manifest/types.ts';
import type { ComposedLine } from '../text/compose.ts';
import { BLACK, type Colour } from '../types.ts';
import type { LineRole, TextLine } from './types.ts';

/** The house style `name`; the body style when the house has none (UNKNOWN_STYLE, once per page and name). */
export function styleOf(house: HouseStyle, name: string, sink: DiagnosticSink): Style {
  const s = house.styles[name];
  if (s) return s;
  sink.once(name, diag('warning', 'UNKNOWN_STYLE', `house style has no "${name}" style; using the body style`, { file: house.file, line: 1, col: 1, hint: `add styles.${name} to the house style` }));
  return house.body;
}

/** The colour a style prints in. */
export const paintOf = (style: Style | undefined): Colour => style?.colour ?? BLACK;

/** A composed line at `x` on `baseline`, in the colour of `style`. */
export const textLine = (role: LineRole, l: ComposedLine, x: number, baseline: number, style: Style): TextLine => ({
  role, x, baseline, measure: l.measure, end: l.end, glyphs: l.glyphs, text: l.text, first: l.first, last: l.last, stretch: l.stretch, paint: paintOf(style),
});
