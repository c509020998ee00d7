/**
 * Fuzzing the composer on mixed copy of every locale (issue 17): web and e-mail addresses, the
 * copy's own spaces beside Latin and digits, ellipses and dashes of both kinds, the small forms of
 * Big5 copy, at any measure and 禁则 level. Whatever the copy, every character is set once, in
 * order, an address breaks only where it may, and …… never starts a line but at the level none.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { composeParagraph } from '../../src/text/compose.ts';
import { addressSpans } from '../../src/text/addresses.ts';
import { LANGS, type KinsokuLevel } from '../../src/types.ts';
import { EM, fonts } from '../text/helpers.ts';
import { hostileText, survives } from './hostile.ts';

const PIECES = [
  '台北', '記者', '風行歐美', '港鐵', '新綫', '这', '。', '，', '、', '：', '「', '」', '『', '』', '（', '）', '／', '/',
  '……', '…', '──', '─', '——', '－', '﹐', '﹑', '﹔', '﹕', '﹒', '﹖', '﹗', '‧', '·',
  ' ', '  ', '50', '3.5', 'P.', 'LEAGUE+', 'Cited from', ' / ',
  'http://', 'https://', 'www.', 'newssc.org', '/a?b=1&c=2', '.com.cn', '@', 'reader.desk', '&', '?', '.', '//',
];

const copy = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: hostileText },
  // a runaway address: one unbreakable word but for its slashes and dots
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 400 }).map((n) => `見 https://${'a.'.repeat(n)}tw/${'x/'.repeat(n)} 。`) },
);

const cases = fc.record({
  text: copy,
  lang: fc.constantFrom(...LANGS),
  kinsoku: fc.constantFrom<KinsokuLevel>('none', 'basic', 'gb', 'strict'),
  chars: fc.integer({ min: 2, max: 30 }),
  absorb: fc.boolean(),
});

const bare = (s: string) => s.replace(/\s+/gu, '');

describe('fuzz: mixed copy in every locale', () => {
  it('sets every character once and in order, breaking addresses and ellipses only where they may', async () => {
    await survives('locale composition', cases, ({ text, lang, kinsoku, chars, absorb }) => {
      const face = fonts.face('song', 400, lang);
      const set = composeParagraph([{ text, face, size: EM }], { measure: chars * EM, em: EM, settings: { lang, kinsoku, absorbSpaces: absorb } });
      const lines = set.lines.map((l) => l.text);
      if (bare(lines.join('')) !== bare(text)) throw new Error(`copy changed: ${JSON.stringify(text)} → ${JSON.stringify(lines)}`);
      // the rules below hold unless nothing else fits (an emergency break): a long word, or a short measure
      if (chars < 12 || /[^\s\u3000-\u9fff\uff00-\uffef]{9,}/u.test(text.replace(/[/?&@.]/g, ' '))) return;
      // where each line starts in the text: a break inside an address is after / or before . ? & @
      const spans = addressSpans(text);
      for (const l of set.lines.slice(1)) {
        const at = l.src;
        const inside = spans.find(([s, e]) => at > s && at < e);
        if (inside && !(text[at - 1] === '/' && text[at] !== '/') && !'.?&@'.includes(text[at]!)) {
          throw new Error(`an address broken at ${JSON.stringify(text.slice(inside[0], at))}|${JSON.stringify(text.slice(at, inside[1]))}`);
        }
        // …… never starts a line above none, unless nothing else could fit (a line of one box)
        if (kinsoku !== 'none' && text[at] === '…') {
          throw new Error(`…… starts a line at ${kinsoku}: ${JSON.stringify(lines)}`);
        }
      }
    }, { quick: 40, long: 5000, ms: 20000 }, 17); // a 60,000-character paragraph takes seconds on a busy machine
  });
});
