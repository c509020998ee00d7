/**
 * Vertical metrics read from the font's own vhea/vmtx tables: fontkit 2.0.4 misparses vhea
 * (its version is read as uint16, so every advanceHeight comes out 0; foliojs/fontkit#340).
 */
import type { Font } from 'fontkit';

interface TableStream { buffer: Uint8Array; pos: number }
type Internal = { _getTableStream(tag: string): TableStream | null };

export interface VerticalMetrics {
  /** advance height of a glyph, in font units (the em when the font has no vertical metrics) */
  advance(gid: number): number;
}

const cache = new WeakMap<Font, VerticalMetrics>();

export function verticalMetrics(font: Font): VerticalMetrics {
  let m = cache.get(font);
  if (m) return m;
  const f = font as unknown as Internal;
  const vhea = f._getTableStream('vhea');
  const vmtx = f._getTableStream('vmtx');
  if (!vhea || !vmtx) {
    m = { advance: () => font.unitsPerEm };
  } else {
    const u16 = (s: TableStream, off: number) => (s.buffer[s.pos + off]! << 8) | s.buffer[s.pos + off + 1]!;
    const n = u16(vhea, 34); // numberOfLongVerMetrics
    const at = vmtx.pos;
    const buf = vmtx.buffer;
    const read = (gid: number) => { const i = Math.min(gid, n - 1); return (buf[at + 4 * i]! << 8) | buf[at + 4 * i + 1]!; };
    // a table that gives an ideograph no full-em advance is not to be trusted (seen in WOFF copies)
    const ideo = read(font.glyphForCodePoint(0x4e2d).id);
    m = n > 0 && Math.abs(ideo - font.unitsPerEm) <= font.unitsPerEm * 0.2 ? { advance: read } : { advance: () => font.unitsPerEm };
  }
  cache.set(font, m);
  return m;
}
