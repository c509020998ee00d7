/** Missing glyphs: the family's fallback chain (fonts.yaml), and what no font has is reported. */
import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../src/text/compose.ts';
import { fonts, song } from './helpers.ts';

describe('glyph fallback', () => {
  it('takes a character the run font lacks from the next family of the chain, and says so', () => {
    const r = composeParagraph([{ text: '好𪚥字', face: song, size: 9 }], { measure: 200, em: 9 });
    expect(r.fallbacks).toEqual([{ text: '𪚥', src: 1, face: 'kai-500', from: 'song-400' }]);
    const g = r.lines[0]!.glyphs.find((x) => x.text === '𪚥')!;
    expect(g.face).toBe('kai-500');
    expect(g.gid).not.toBe(0);
    expect(r.missing).toEqual([]);
  });

  it('reports a character no font of the chain has (it would print as the empty box)', () => {
    const kai = fonts.face('kai', 500);
    const r = composeParagraph([{ text: '好😀', face: kai, size: 9 }], { measure: 200, em: 9 });
    expect(r.missing.map((m) => m.text)).toEqual(['😀']);
  });
});
