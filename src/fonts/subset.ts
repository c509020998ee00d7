/**
 * Faster TrueType subsetting for the PDF writer (pdfkit embeds fonts through fontkit's TTFSubset).
 *
 * fontkit 2.0.4's TTFSubset._addGlyph decodes every glyph's whole outline (`glyph._decode()`)
 * only to learn whether it is a composite glyph, then copies the glyph's bytes unchanged. On a
 * broadsheet page that is ~15 ms of a ~95 ms warm page (and more when cold). Here a simple glyph
 * is copied straight from `glyf` (numberOfContours is the first int16 of its record); composite
 * glyphs, whose component ids must be renumbered, and variable fonts keep fontkit's own code.
 * The subset bytes are identical (the PDFs are byte-for-byte the same).
 *
 * This patches fontkit's TTFSubset prototype once per process; fontkit is pinned (package.json),
 * and the fields used here are checked before patching, so another version falls back to fontkit.
 */
import type { Font } from 'fontkit';
import { ensureGlyph } from './lazyGlyf.ts';

interface GlyfStream {
  pos: number;
  readBuffer(length: number): Uint8Array;
}

interface TTFFontInternals {
  loca?: { offsets: number[] };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): GlyfStream | null;
  getGlyph(gid: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
}

interface TTFSubsetInternals {
  font: TTFFontInternals;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph(gid: number): number;
}

const patched = new WeakSet<object>();

/** Makes the subsets of this (TrueType-outline) font, and every other, skip outline decoding. */
export function fastSubsets(font: Font): void {
  const f = font as unknown as TTFFontInternals & { directory?: { tables?: Record<string, unknown> }; createSubset?(): object };
  if (!f.directory?.tables?.glyf || !f.loca || typeof f.createSubset !== 'function' || typeof f._getTableStream !== 'function') return; // CFF: fontkit's CFFSubset
  const proto = Object.getPrototypeOf(f.createSubset()) as TTFSubsetInternals;
  if (patched.has(proto) || typeof proto._addGlyph !== 'function') return;
  const original = proto._addGlyph;
  proto._addGlyph = function addGlyph(this: TTFSubsetInternals, gid: number): number {
    const font = this.font;
    if (font._variationProcessor || !font.loca) return original.call(this, gid);
    ensureGlyph(font as unknown as Font, gid);
    const start = font.loca.offsets[gid]!, end = font.loca.offsets[gid + 1]!;
    const stream = font._getTableStream('glyf')!;
    stream.pos += start;
    const buffer = stream.readBuffer(end - start);
    if (buffer.length >= 2 && buffer[0]! & 0x80) return original.call(this, gid); // numberOfContours < 0: composite
    const glyph = font.getGlyph(gid);
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
  patched.add(proto);
}
