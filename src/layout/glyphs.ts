/**
 * The glyph check every text on the page goes through — body, subheads, headlines, dateline, jump
 * lines, captions, credits, masthead and folio: a character that no font of its style's chain has
 * prints as the font's empty box, so it is reported (MISSING_GLYPH) where the text comes from.
 */
import { diag, type DiagnosticSink, type SourcePos } from '../diagnostic.ts';
import type { PlacedGlyph } from '../text/compose.ts';

/** A text's source, and the page and block it is set in. */
export type GlyphSource = SourcePos & { page?: number; block?: string };

export const codePoints = (t: string): string => [...t].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ') || 'no code point';

/** MISSING_GLYPH for each character of `chars`, each distinct one once per source location (a headline tried at several sizes is set more than once). */
export function reportMissing(sink: DiagnosticSink, chars: Iterable<string>, at: GlyphSource): void {
  for (const text of chars) {
    sink.once(`${at.file}:${at.line}:${at.col}:${text}`, diag('warning', 'MISSING_GLYPH', `no font has a glyph for "${text}" (${codePoints(text)}); it prints as an empty box`, {
      ...at, hint: 'replace the character, or add a font that has it to fonts/fonts.yaml and its fallback chain',
    }));
  }
}

/** The characters set lines print as empty boxes: glyph 0 (.notdef), in horizontal and vertical setting alike. */
export function missingIn(lines: readonly { glyphs: readonly PlacedGlyph[] }[]): string[] {
  const out: string[] = [];
  for (const l of lines) for (const g of l.glyphs) if ((g.missing || g.gid === 0) && g.cls !== 'SPACE') out.push(g.text);
  return out;
}
