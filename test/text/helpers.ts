import { join } from 'node:path';
import { loadFontRegistry } from '../../src/fonts/registry.ts';
import { composeParagraph, type ComposeOptions } from '../../src/text/compose.ts';

export const fonts = loadFontRegistry(join(import.meta.dirname, '../../fonts/fonts.yaml'));
export const song = fonts.face('song', 400);
export const hei = fonts.face('hei', 400);
export const EM = 9;

/** Sets `text` in 小五 song at `chars` characters per line. */
export function set(text: string, chars = 13, o: Partial<ComposeOptions> = {}) {
  return composeParagraph([{ text, face: song, size: EM }], { measure: chars * EM, em: EM, ...o }).lines;
}

/** x of each glyph in em, rounded to 0.01. */
export const xs = (l: { glyphs: { x: number }[] }) => l.glyphs.map((g) => Math.round((g.x / EM) * 100) / 100);
