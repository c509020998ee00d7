/** Paragraph-level rules (docs/typography.md §5, §4.5) and total-fit breaking. */
import { describe, expect, it } from 'vitest';
import { EM, set } from './helpers.ts';
import { CJK_NEWS, CLOSE_OR_STOP, MIXED_NEWS, hanCount, joined, lastGlyph } from './rules.ts';

/** A long run of ideographs without punctuation (one clause after another). */
const HAN = '山间小路两旁种满了桃树每到春天花开时节远近的游客便结伴而来村民们在路边摆起小摊卖自家做的米糕和茶叶孩子们跑前跑后帮着招呼客人热闹得像过年一样傍晚时分游客散去小路又恢复了往日的宁静';

describe('first-line indent (§4.4)', () => {
  it('the first line is indented 2 em and the other lines start at the line start', () => {
    for (const t of CJK_NEWS.slice(0, 2)) for (const n of [11, 13, 27]) {
      const ls = set(t, n, { indent: 2 });
      expect(ls.length).toBeGreaterThan(1);
      const g0 = ls[0]!.glyphs[0]!;
      expect(g0.x / EM, ls[0]!.text).toBeCloseTo(g0.text === '“' ? 1.5 : 2, 3);
      for (const l of ls.slice(1)) {
        const g = l.glyphs[0]!;
        expect(g.x / EM, l.text).toBeCloseTo(g.cls === 'OPEN' ? -0.5 : 0, 3);
      }
    }
  });

  it('an opening bracket after the indent drops its left blank by default (origin at 1.5 em)', () => {
    const ls = set('“今年的收成比去年还要好。”村委会主任一边说，一边领着记者去看新建的粮仓。', 13, { indent: 2 });
    expect(ls[0]!.glyphs[0]!.text).toBe('“');
    expect(ls[0]!.glyphs[0]!.x / EM).toBeCloseTo(1.5, 3);
    expect(ls[0]!.glyphs[1]!.x / EM).toBeGreaterThanOrEqual(2.5 - 1e-6); // the text follows the bracket's ink
    expect(ls[0]!.glyphs[1]!.x / EM).toBeLessThan(2.6);
    expect(Math.abs(ls[0]!.end - ls[0]!.measure)).toBeLessThan(0.1);
  });

  it('the indent trimming is configurable: trimFirstOpen: false keeps the bracket whole (origin at 2 em)', () => {
    const ls = set('“今年的收成比去年还要好。”村委会主任一边说，一边领着记者去看新建的粮仓。', 13, { indent: 2, trimFirstOpen: false });
    expect(ls[0]!.glyphs[0]!.x / EM).toBeCloseTo(2, 3);
    expect(Math.abs(ls[0]!.end - ls[0]!.measure)).toBeLessThan(0.1);
  });
});

describe('孤字 (§6.1)', () => {
  it('a paragraph of N·k+1 ideographs + 。 is rebroken so that its last line has at least 2 ideographs', () => {
    for (const n of [11, 13, 15]) for (const k of [1, 2, 3]) for (const indent of [0, 2]) {
      const count = n * k + 1 - indent; // greedy: k full lines, then one ideograph and the 。
      const text = `${HAN.slice(0, count)}。`;
      const ls = set(text, n, { indent });
      const where = `${n}/${k}/${indent}: ${ls.map((l) => l.text).join(' | ')}`;
      expect(ls.length, where).toBe(k + 1);
      expect(hanCount(ls.at(-1)!), where).toBeGreaterThanOrEqual(2);
      for (const l of ls.slice(0, -1)) expect(Math.abs(l.end - l.measure), where).toBeLessThan(0.1);
      expect(joined(ls)).toBe(text);
    }
  });

  it('no paragraph of the corpus ends with a 孤字 line', () => {
    const bad: string[] = [];
    for (const t of [...CJK_NEWS, ...MIXED_NEWS]) for (let n = 9; n <= 27; n++) for (const indent of [0, 2]) {
      const ls = set(t, n, { indent });
      if (ls.length > 1 && hanCount(ls.at(-1)!) === 1) bad.push(`${n}/${indent}: ${ls.at(-1)!.text}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('last line (§4.4)', () => {
  it('a last line slightly too long is compressed rather than broken into one more line', () => {
    // 4 + ， + 8 + 。 = 14 em nominal, 13.5 with the final 。 trimmed; compressing the inner ， brings it to 13 em
    const ls = set('春天到了，田野里开满油菜花。', 13);
    expect(ls).toHaveLength(1);
    expect(ls[0]!.shrink / EM).toBeCloseTo(0.5, 3);
    expect(Math.abs(ls[0]!.end - ls[0]!.measure)).toBeLessThan(0.1);
  });

  it('a short last line is set solid and ragged (not stretched)', () => {
    const ls = set(CJK_NEWS[0]!, 13);
    const l = ls.at(-1)!;
    expect(l.last).toBe(true);
    expect(l.stretch).toBe(0);
    expect(l.end).toBeLessThan(l.measure - EM);
    l.glyphs.slice(0, -1).forEach((g, i) => {
      if (g.cls === 'IDEO' && l.glyphs[i + 1]!.cls === 'IDEO') expect(l.glyphs[i + 1]!.x - g.x).toBeCloseTo(EM, 3);
    });
  });
});

describe('total fit', () => {
  it('every glyph of the input appears exactly once, in order', () => {
    for (const t of [...CJK_NEWS, ...MIXED_NEWS]) for (const n of [9, 13, 27]) expect(joined(set(t, n))).toBe(t);
  });

  it('a text with an unbreakable token longer than the line still sets, in order, without running past the measure', () => {
    const texts = [
      '详细内容请见https://www.example.org/news/2024/annual-report-summary.pdf网页上的说明。',
      '这个英文单词Pneumonoultramicroscopicsilicovolcanoconiosis据说是最长的单词之一。',
      '客服热线是4008123456789012345678，全天都有人值班。',
    ];
    for (const t of texts) for (const n of [11, 13]) {
      let ls: ReturnType<typeof set> = [];
      expect(() => (ls = set(t, n))).not.toThrow();
      expect(ls.length).toBeGreaterThan(1);
      expect(joined(ls)).toBe(t);
      for (const l of ls) {
        const g = lastGlyph(l);
        const right = g.x + (CLOSE_OR_STOP.includes(g.text) ? EM / 2 : g.adv);
        expect(right, l.text).toBeLessThanOrEqual(l.measure + 0.1);
        expect(l.glyphs[0]!.x, l.text).toBeGreaterThanOrEqual(-EM / 2 - 1e-6);
      }
    }
  });
});
