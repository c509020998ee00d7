/**
 * fontkit reads most of a font when first asked: the character map when the first character is
 * looked up, a GSUB or GPOS lookup when it applies, a glyph's outline when it is measured or
 * subset. A damaged table throws there, in the middle of a page. sfnt.ts checks the structure at
 * open; what only shows later is caught here, at the calls the composer and the PDF writer make,
 * and reported as a damaged font at the fonts.yaml line that names the file.
 */
import type { Font } from 'fontkit';
import { diag, DiagnosticError, type SourcePos } from '../diagnostic.ts';

/** Where fonts.yaml names a font file (the latest fonts.yaml read), and the package it comes from. */
export interface FontEntry { at: SourcePos; package?: string }

const named = new Map<string, FontEntry>();
const files = new WeakMap<object, string>();
const patched = new WeakSet<object>();

export const nameFont = (file: string, entry: FontEntry): void => void named.set(file, entry);

/** Where fonts.yaml names `file`, or the file itself. */
export const fontAt = (file: string): SourcePos => named.get(file)?.at ?? { file };

/** A font that is not sound: what is wrong, at its fonts.yaml line. */
export function damagedFont(file: string, problem: string): DiagnosticError {
  const entry = named.get(file);
  return new DiagnosticError([diag('error', 'FONT_DAMAGED', `font ${file} is damaged or not a font: ${problem}`, {
    ...fontAt(file),
    hint: entry?.package ? `install the package again: npm install --force ${entry.package}` : 'replace it with a good copy of the font (a TrueType .ttf, OpenType .otf or WOFF file)',
  })]);
}

const FONT_CALLS = ['layout', 'glyphForCodePoint', 'getGlyph', 'hasGlyphForCodePoint', 'glyphsForString', 'createSubset'];
const GLYPH_CALLS = ['_getCBox', '_decode', '_getPath', '_getMetrics', '_getContours'];
const SUBSET_CALLS = ['encode', 'includeGlyph'];

/** Turns what the font parsed from `file` throws into a FONT_DAMAGED diagnostic. */
export function guardFont(font: Font, file: string): void {
  files.set(font, file);
  const f = font as unknown as Record<string, unknown>;
  for (const name of FONT_CALLS) wrap(f, name, () => file);
  // glyphs and subsets are made by the font's classes: their methods, once per class
  const glyph = Object.getPrototypeOf(font.getGlyph(0)) as Record<string, unknown>;
  if (!patched.has(glyph)) {
    for (const name of GLYPH_CALLS) wrap(glyph, name, function (this: { _font: object }) { return files.get(this._font); });
    patched.add(glyph);
  }
  const subset = Object.getPrototypeOf((font as unknown as { createSubset(): object }).createSubset()) as Record<string, unknown>;
  if (!patched.has(subset)) {
    for (const name of SUBSET_CALLS) wrap(subset, name, function (this: { font: object }) { return files.get(this.font); });
    patched.add(subset);
  }
}

function wrap(target: Record<string, unknown>, name: string, fileOf: (this: never) => string | undefined): void {
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function (this: never, ...args: unknown[]) {
    try {
      return original.apply(this, args);
    } catch (e) {
      const file = fileOf.call(this);
      if (e instanceof DiagnosticError || file === undefined) throw e;
      throw damagedFont(file, `fontkit cannot read it (${(e as Error).message})`);
    }
  };
}
