/**
 * The glyph check every text on the page goes through — body, subheads, headlines, dateline, jump
 * lines, captions, credits, masthead and folio: a character that no font of its style's chain has
 * prints as the font's empty box, so it is reported (MISSING_GLYPH) where the text comes from.
 */
import { diag, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import type { PlacedGlyph } from '../text/compose.ts';

/** A text's source, and the page and block it is set in. */
export type GlyphSource = SourcePos & { page?: number; block?: string };

export const codePoints = (t: string): string => [...t].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ') || 'no code point';

// what each diagnostics list has reported: a text set more than once (a headline tried at several sizes) is reported once
const reported = new WeakMap<Diagnostic[], Set<string>>();

/** MISSING_GLYPH for each character of `chars`, each distinct one once per source location. */
export function reportMissing(out: Diagnostic[], chars: Iterable<string>, at: GlyphSource): void {
  let seen = reported.get(out);
  for (const text of chars) {
    const key = `${at.file}:${at.line}:${at.col}:${text}`;
    if (!seen) reported.set(out, (seen = new Set()));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diag('warning', 'MISSING_GLYPH', `no font has a glyph for "${text}" (${codePoints(text)}); it prints as an empty box`, {
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
