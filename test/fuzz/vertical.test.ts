/**
 * Fuzzing vertical composition (直排, issue 17): any copy — marks of both locales, numbers of every
 * length, Latin words and addresses, spaces — set in vertical lines at any measure and 禁则 level.
 * Every character is set once and in order, every glyph of a column has its place down it (y), a
 * 縱中橫 cell holds one or two digits (or one upright capital), and only Latin is turned.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { composeParagraph } from '../../src/text/compose.ts';
import { verticalGlyphs } from '../../src/text/verticalLines.ts';
import { LANGS, type KinsokuLevel } from '../../src/types.ts';
import { EM, fonts } from '../text/helpers.ts';
import { hostileText, survives } from './hostile.ts';

const PIECES = [
  '臺北', '記者', '风行欧美', '。', '，', '、', '：', '；', '！', '？', '「', '」', '『', '』', '“', '”', '‘', '’', '（', '）', '《', '》',
  '……', '——', '──', '─', '·', '・', ' ', '\u3000', '1', '12', '123', '2024', '3.5', '94.4%', 'COVID-19', 'NBA', 'P. LEAGUE+', 'https://www.newssc.org/a', '𠀋',
];

const cases = fc.record({
  text: fc.oneof({ weight: 5, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')) }, { weight: 1, arbitrary: hostileText }),
  lang: fc.constantFrom(...LANGS),
  kinsoku: fc.constantFrom<KinsokuLevel>('none', 'basic', 'gb', 'strict'),
  chars: fc.integer({ min: 1, max: 40 }),
  punctuation: fc.constantFrom('quanjiao', 'kaiming', 'hangmobanjiao', 'banjiao' as const),
});

const bare = (s: string) => s.replace(/\s+/gu, '');

describe('fuzz: vertical composition', () => {
  it('sets every character once, in order, each glyph placed down its column', async () => {
    await survives('vertical composition', cases, ({ text, lang, kinsoku, chars, punctuation }) => {
      const face = fonts.face('song', 400, lang);
      const set = composeParagraph([{ text, face, size: EM }], { measure: chars * EM, em: EM, settings: { lang, kinsoku, punctuation, vertical: true } });
      const lines = set.lines.map((l) => l.text);
      if (bare(lines.join('')) !== bare(text)) throw new Error(`copy changed: ${JSON.stringify(text)} → ${JSON.stringify(lines)}`);
      for (const l of set.lines) {
        for (const g of l.glyphs) {
          if (g.cell && !(g.cell.length >= 1 && g.cell.length <= 2 && /^[0-9]{1,2}$/.test(g.text)) && !(g.cell.length === 1 && /^[A-Z]$/.test(g.text))) throw new Error(`a 縱中橫 cell of ${JSON.stringify(g.text)}`);
          if (g.rotated && /[\u3000-\u9fff]/u.test(g.text)) throw new Error(`a Chinese character turned: ${g.text}`);
        }
        const column = verticalGlyphs(l, EM, () => face.ascent);
        if (column.some((g) => !Number.isFinite(g.y) || !Number.isFinite(g.x))) throw new Error(`a glyph without its place: ${l.text}`);
      }
    }, { quick: 40, long: 5000, ms: 20000 }, 1717);
  });
});
