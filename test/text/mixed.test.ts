/** Mixed Chinese, digits and Latin (docs/typography.md §4.4, §2), dashes and ellipses (§1). */
import { describe, expect, it } from 'vitest';
import { EM, set, song } from './helpers.ts';
import { MIXED_NEWS, at, span } from './rules.ts';

const one = (text: string) => {
  const ls = set(text, 40);
  expect(ls).toHaveLength(1);
  return ls[0]!;
};
/** Blank between glyph i and glyph i+1, in em. */
const gapAfter = (l: ReturnType<typeof one>, i: number) => (l.glyphs[i + 1]!.x - l.glyphs[i]!.x - l.glyphs[i]!.adv) / EM;

describe('CJK–Latin spacing (§5)', () => {
  it('a 1/4 em gap separates ideographs from digits and Latin letters (natural, unjustified line)', () => {
    const l = one('今年2024年公司TEMU的订单翻了一番');
    const two = at(l, '2');
    expect(gapAfter(l, two - 1)).toBeCloseTo(0.25, 3); // 年|2
    expect(gapAfter(l, two + 3)).toBeCloseTo(0.25, 3); // 4|年
    const t = at(l, 'T');
    expect(gapAfter(l, t - 1)).toBeCloseTo(0.25, 3); // 司|T
    expect(gapAfter(l, t + 3)).toBeCloseTo(0.25, 3); // U|的
    // no gap inside the number or the word
    for (const i of [two, two + 1, two + 2, t, t + 1, t + 2]) expect(gapAfter(l, i)).toBeCloseTo(0, 3);
  });

  it('no gap between digits or Latin text and CJK punctuation (，2024 / 86.03%。 / “TEMU” / （TEMU）)', () => {
    const l = one('截至今年，2024家企业增长86.03%。“TEMU”（TEMU）均已入驻');
    const comma = at(l, '，');
    expect(span(l, comma, comma + 1)).toBeCloseTo(1, 3); // the ， keeps 1 em and the digits follow at once
    expect(l.glyphs[comma + 1]!.text).toBe('2');
    const stop = at(l, '。');
    expect(gapAfter(l, stop - 1)).toBeCloseTo(0, 3); // %|。
    for (const [o, c] of [['“', '”'], ['（', '）']] as const) {
      const i = at(l, o);
      expect(l.glyphs[i + 1]!.text).toBe('T');
      expect(gapAfter(l, i)).toBeCloseTo(0, 3);
      const j = at(l, c, i);
      expect(gapAfter(l, j - 1)).toBeCloseTo(0, 3);
    }
  });
});

describe('unbreakable sequences (§2.2)', () => {
  it('numbers with units or %, decimals and Latin words are never split across lines', () => {
    const filler = '据统计部门最新公布的数据显示这一指标';
    const tokens = ['3.5亿', '86.03%', '127.6万', '35%', '1,000', 'TEMU', 'COVID-19'];
    const bad: string[] = [];
    for (const tok of tokens) for (const n of [11, 13]) for (let k = 0; k <= filler.length; k++) {
      const ls = set(`${filler.slice(0, k)}为${tok}，比上年同期明显增长。`, n);
      const latin = tok.replace(/[亿万]/g, '');
      if (!ls.some((l) => l.text.includes(latin))) bad.push(`${n}/${k}: ${ls.map((l) => l.text).join(' | ')}`);
    }
    expect(bad).toEqual([]);
    // and in running text: no line pair splits a digit run or a Latin word (docs/typography.md §7 SPLIT_NUMBER / SPLIT_LATIN)
    for (const t of MIXED_NEWS) for (let n = 8; n <= 24; n++) {
      const ls = set(t, n);
      for (let i = 1; i < ls.length; i++) {
        const a = ls[i - 1]!.text, b = ls[i]!.text;
        expect(/[0-9.,]$/.test(a) && /^[0-9%‰℃.]/.test(b), `${n}: ${a} | ${b}`).toBe(false);
        expect(/[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b), `${n}: ${a} | ${b}`).toBe(false);
      }
    }
  });

  it('—— and …… are never split across lines', () => {
    const filler = '他站在台上沉默了很久才缓缓地开口说';
    for (const mark of ['——', '……']) for (const n of [11, 13]) for (let k = 0; k <= filler.length; k++) {
      const ls = set(`${filler.slice(0, k)}${mark}这件事我考虑了整整三年${mark}今天终于有了答案。`, n);
      for (let i = 1; i < ls.length; i++) {
        const a = ls[i - 1]!.glyphs.at(-1)!.text, b = ls[i]!.glyphs[0]!.text;
        expect(a.endsWith(mark[0]!) && b.startsWith(mark[0]!), `${n}/${k}: ${ls[i - 1]!.text} | ${ls[i]!.text}`).toBe(false);
      }
    }
  });
});

describe('dash and ellipsis (§1.1 DASH2, ELLIP)', () => {
  it('—— is one glyph 2 em wide and takes exactly 2 em in the line', () => {
    const l = one('这就是他的回答——不去。');
    const i = at(l, '——');
    expect(l.glyphs[i]!.adv / EM).toBeCloseTo(2, 3);
    expect(span(l, i, i + 1)).toBeCloseTo(2, 3);
    expect(span(l, i - 1, i)).toBeCloseTo(1, 3);
  });

  it('…… is two 1 em glyphs taking 2 em together', () => {
    const l = one('他想了想说……算了吧。');
    const i = at(l, '…');
    expect(l.glyphs[i + 1]!.text).toBe('…');
    expect(l.glyphs[i]!.adv / EM).toBeCloseTo(1, 3);
    expect(l.glyphs[i + 1]!.adv / EM).toBeCloseTo(1, 3);
    expect(span(l, i, i + 2)).toBeCloseTo(2, 3);
  });

  it('dash and ellipsis take the Chinese (vertically centred) glyphs, also next to Latin text and digits', () => {
    const l = one('平台TEMU——据称……营收约2024……亿元——仍在增长');
    const ink = (gid: number) => song.font.getGlyph(gid).bbox;
    const upm = song.unitsPerEm;
    const marks = l.glyphs.filter((g) => g.text === '——' || g.text === '…');
    expect(marks).toHaveLength(6);
    for (const g of marks) {
      const b = ink(g.gid);
      // centred on the ideographic centre (≈ 0.38 em above the baseline), not sitting on the baseline
      expect((b.minY + b.maxY) / 2 / upm, g.text).toBeGreaterThan(0.25);
      expect((b.minY + b.maxY) / 2 / upm, g.text).toBeLessThan(0.5);
      expect(g.adv / EM).toBeCloseTo(g.text === '——' ? 2 : 1, 3);
    }
  });
});
