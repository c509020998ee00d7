import { describe, expect, it } from 'vitest';
import { buildAtoms, SHAPE_PIECE, shapePieces } from '../../src/text/atoms.ts';
import { song } from './helpers.ts';

const set = { punctuation: 'quanjiao', kinsoku: 'basic', cjkLatin: 'quarter', tracking: 0 } as Parameters<typeof buildAtoms>[1];

describe('an unbreakable segment of any length', () => {
  it('is shaped in pieces no longer than SHAPE_PIECE, one box per character', () => {
    const font = song.font as { layout: (text: string, ...rest: unknown[]) => unknown };
    const layout = font.layout;
    const lengths: number[] = [];
    font.layout = function (this: unknown, text: string, ...rest: unknown[]) { lengths.push(text.length); return layout.call(this, text, ...rest); };
    try {
      const word = 'ab'.repeat(100_000); // a 200 KB "word": fontkit's cost grows faster than its length
      const atoms = buildAtoms([{ text: word, face: song, size: 9 }], set);
      expect(atoms.boxes).toHaveLength(word.length);
      expect(atoms.boxes.at(-1)!.src).toBe(word.length - 1);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(SHAPE_PIECE);
    } finally {
      font.layout = layout;
    }
  });

  it('is never cut before a combining mark or inside a surrogate pair', () => {
    const text = 'a'.repeat(SHAPE_PIECE - 1) + '😀' + 'e\u0301'.repeat(SHAPE_PIECE);
    const pieces = shapePieces(text);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces.slice(1)) expect(p).toMatch(/^[^\p{M}\udc00-\udfff]/u);
    expect(shapePieces('short')).toEqual(['short']);
  });
});
