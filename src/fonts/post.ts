/**
 * The `post` table without its glyph names. Embedding a font, pdfkit reads post.isFixedPitch and
 * fontkit post.italicAngle; fontkit decodes the whole table for that, and a version 2 table names
 * every glyph (LXGW WenKai: ~20,000 names, ~25 ms per font on a cold start). Nothing here uses
 * glyph names, so only the fixed header is read, into fontkit's table cache, before anyone asks.
 */
import type { Font } from 'fontkit';

interface Stream {
  readInt16BE(): number;
  readInt32BE(): number;
  readUInt32BE(): number;
}

interface FontInternals {
  directory: { tables: Record<string, { length: number } | undefined> };
  _tables: Record<string, unknown>;
  _getTableStream(tag: string): Stream | null;
}

export function postHeaderOnly(font: Font): void {
  const f = font as unknown as FontInternals;
  if (!((f.directory?.tables?.post?.length ?? 0) >= 32) || 'post' in f._tables) return;
  const s = f._getTableStream('post');
  if (!s) return;
  const fixed = () => s.readInt32BE() / 65536;
  f._tables.post = {
    version: fixed(), italicAngle: fixed(), underlinePosition: s.readInt16BE(), underlineThickness: s.readInt16BE(),
    isFixedPitch: s.readUInt32BE(), minMemType42: s.readUInt32BE(), maxMemType42: s.readUInt32BE(),
    minMemType1: s.readUInt32BE(), maxMemType1: s.readUInt32BE(),
  };
}
