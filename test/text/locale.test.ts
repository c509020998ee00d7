/**
 * Locales (issue 17): a Taiwanese or Hong Kong story is shaped in its OpenType language (locl),
 * set in its faces with their centred punctuation, and knows the marks of its copy.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../src/text/compose.ts';
import { buildAtoms } from '../../src/text/atoms.ts';
import { GB_DEFAULTS, type Lang } from '../../src/types.ts';
import { EM, fonts } from './helpers.ts';

const tw = fonts.face('song', 400, 'zh-Hant-TW');
const hk = fonts.face('song', 400, 'zh-Hant-HK');
const sc = fonts.face('song', 400);

const setIn = (lang: Lang | undefined, text: string, chars = 40, face = lang === 'zh-Hant-HK' ? hk : lang === 'zh-Hant-TW' ? tw : sc) =>
  composeParagraph([{ text, face, size: EM }], { measure: chars * EM, em: EM, settings: lang ? { lang } : {} }).lines;

describe('faces by locale', () => {
  it('fonts.yaml locales: map song and hei to the TC and HK cuts; kai has none and stays', () => {
    expect(tw.key).toBe('song-tw-400');
    expect(tw.file).toMatch(/noto-serif-tc.*NotoSerifTC_400Regular\.ttf$/);
    expect(fonts.face('hei', 700, 'zh-Hant-HK').file).toMatch(/noto-sans-hk.*NotoSansHK_700Bold\.ttf$/);
    expect(fonts.face('kai', 300, 'zh-Hant-TW').key).toBe('kai-300');
    expect(sc.key).toBe('song-400');
    // a registry in a locale gives its faces to callers that name none; keys still open their own file
    const taipei = fonts.inLocale('zh-Hant-TW');
    expect(taipei.face('song', 400).key).toBe('song-tw-400');
    expect(taipei.byKey('song-400').file).toBe(sc.file);
    expect(taipei.face('song', 400, 'zh-Hans').key).toBe('song-400');
  });
});

describe('centred punctuation (全形標點置中)', () => {
  it('，。、：；！？ take the TC face\'s own centred glyphs and keep their whole cell', () => {
    const l = setIn('zh-Hant-TW', '他說：「好，我們走吧。」你呢？好！甲、乙；丙')[0]!;
    for (const g of l.glyphs.filter((x) => '，。、：；！？'.includes(x.text))) {
      const glyph = tw.font.getGlyph(g.gid);
      expect(g.gid, g.text).toBe(tw.font.glyphForCodePoint(g.text.codePointAt(0)!).id);
      const inkCentre = ((glyph.bbox.minX + glyph.bbox.maxX) / 2) * EM / tw.unitsPerEm;
      // the ink sits in the middle of the cell the mark is set in, which is a whole em
      expect(g.x + inkCentre - g.bx, g.text).toBeCloseTo(EM / 2, 0);
      expect(g.bw, g.text).toBeCloseTo(EM, 3);
      expect(g.centred, g.text).toBe(true);
    }
    // 。」 are not compressed together: 」 keeps its blank, the 。 its cell (2 em; GB sets 1.5 em)
    const stop = l.glyphs.findIndex((g) => g.text === '。');
    expect((l.glyphs[stop + 1]!.bx + l.glyphs[stop + 1]!.bw - l.glyphs[stop]!.bx) / EM).toBeCloseTo(2, 3);
    const gb = setIn(undefined, '他說：「好，我們走吧。」你呢')[0]!;
    const s = gb.glyphs.findIndex((g) => g.text === '。');
    expect((gb.glyphs[s + 1]!.bx + gb.glyphs[s + 1]!.bw - gb.glyphs[s]!.bx) / EM).toBeCloseTo(1.5, 3);
    expect(gb.glyphs.some((g) => g.centred)).toBe(false);
  });

  it('a centred comma ending a justified line takes its whole cell, its ink centred in the last em', () => {
    const lines = setIn('zh-Hant-TW', '聯盟表示，本季共安排比賽，較上季增加場次，賽程與售票資訊已經公布。', 5);
    const ends = lines.filter((l) => !l.last && l.glyphs.at(-1)!.text === '，');
    expect(ends.length).toBeGreaterThan(0);
    for (const l of ends) expect(l.glyphs.at(-1)!.x + EM).toBeCloseTo(l.measure, 3);
  });
});

describe('shaping in the locale\'s language (locl)', () => {
  it('—— is the 2 em dash of the TC and HK faces, which are always shaped in their own language', () => {
    const dash = (face: typeof tw, lang: Lang | undefined) => buildAtoms([{ text: '好——走', face, size: EM }], { ...GB_DEFAULTS, ...(lang ? { lang } : {}) }).boxes[1]!;
    for (const [face, lang] of [[tw, 'zh-Hant-TW'], [hk, 'zh-Hant-HK'], [sc, 'zh-Hans'], [tw, undefined], [hk, 'zh-Hans'], [sc, 'zh-Hant-TW']] as const) {
      expect(dash(face, lang).text).toBe('——');
      expect(dash(face, lang).adv / EM, `${face.key} ${lang}`).toBeCloseTo(2, 3);
    }
    // what fontkit gives the TC face shaped as ZHS (a headline set without the story's lang did): a 1.69 em ligature
    const run = tw.font.layout('——', [], 'hani', 'ZHS');
    expect(run.glyphs.length).toBe(1);
    expect(run.glyphs[0]!.advanceWidth / tw.unitsPerEm).toBeCloseTo(1.69, 2);
  });
});

describe('the marks of Traditional copy', () => {
  it('── is the dash of Taiwan and Hong Kong: one unit, never split over two lines', () => {
    const t = '每人每場限購四張──轉售票券將被註銷，請球迷注意自身權益。';
    for (let n = 5; n <= 12; n++) {
      const lines = setIn('zh-Hant-TW', t, n).map((l) => l.text);
      for (let i = 1; i < lines.length; i++) expect(lines[i - 1]!.endsWith('─') && lines[i]!.startsWith('─'), lines.join(' | ')).toBe(false);
    }
    expect(buildAtoms([{ text: '好──走', face: tw, size: EM }], { ...GB_DEFAULTS, lang: 'zh-Hant-TW' }).boxes[1]!.cls).toBe('DASH');
    expect(buildAtoms([{ text: '好──走', face: sc, size: EM }], GB_DEFAULTS).boxes[1]!.cls).toBe('OTHER'); // a box-drawing line in mainland copy
  });

  it('the small forms of Big5 copy (﹐﹑﹔﹕﹒﹖﹗) never start a line', () => {
    const t = '他說﹕我們明天出發﹐你來嗎﹖來吧﹗一二三﹑四五六﹔七八九﹒';
    for (let n = 3; n <= 10; n++) for (const l of setIn('zh-Hant-TW', t, n)) expect(l.text, `${n}`).not.toMatch(/^[﹐﹑﹔﹕﹒﹖﹗]/);
  });
});
