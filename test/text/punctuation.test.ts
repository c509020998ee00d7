/** 标点挤压 (docs/typography.md §3): 全角式 adjacent-pair compression and line-start / line-end trimming. */
import { describe, expect, it } from 'vitest';
import { EM, set } from './helpers.ts';
import { CJK_NEWS, CLOSE_OR_STOP, MIXED_NEWS, at, firstGlyph, lastGlyph, span } from './rules.ts';

/** Sets `text` on one wide, unjustified (last) line, so widths are natural. */
const one = (text: string) => {
  const ls = set(text, 40);
  expect(ls).toHaveLength(1);
  return ls[0]!;
};

describe('adjacent punctuation in 全角式 (§3.2)', () => {
  it('，“ (STOP + OPEN) takes 1.5 em', () => {
    const l = one('母亲叮嘱他，“路上千万小心。”');
    const i = at(l, '，');
    expect(l.glyphs[i + 1]!.text).toBe('“');
    expect(span(l, i, i + 2)).toBeCloseTo(1.5, 3);
  });

  it('）（ (CLOSE + OPEN) takes 1.5 em', () => {
    const l = one('请仔细阅读附件（一）（二）两份材料。');
    const i = at(l, '）');
    expect(l.glyphs[i + 1]!.text).toBe('（');
    expect(span(l, i, i + 2)).toBeCloseTo(1.5, 3);
  });

  it('。” (STOP + CLOSE) takes 1.5 em', () => {
    const l = one('他说：“今天不去了。”随后便离开了会场。');
    const i = at(l, '。');
    expect(l.glyphs[i + 1]!.text).toBe('”');
    expect(span(l, i, i + 2)).toBeCloseTo(1.5, 3);
  });

  it('”） (CLOSE + CLOSE) takes 1.5 em', () => {
    const l = one('（他的原话是“下次再说”）会后大家议论纷纷。');
    const i = at(l, '”');
    expect(l.glyphs[i + 1]!.text).toBe('）');
    expect(span(l, i, i + 2)).toBeCloseTo(1.5, 3);
  });

  it('“《 (OPEN + OPEN) takes 1.5 em', () => {
    const l = one('他说：“《红楼梦》我读了三遍。”');
    const i = at(l, '“');
    expect(l.glyphs[i + 1]!.text).toBe('《');
    expect(span(l, i, i + 2)).toBeCloseTo(1.5, 3);
  });

  it('（） (OPEN + CLOSE) is not compressed: 2 em', () => {
    const l = one('请在下面的（）里填上正确答案。');
    const i = at(l, '（');
    expect(l.glyphs[i + 1]!.text).toBe('）');
    expect(span(l, i, i + 2)).toBeCloseTo(2, 3);
  });

  it('。”） (three in a row) takes 2 em', () => {
    const l = one('（她回答：“我很满意。”）大家都笑了。');
    const i = at(l, '。');
    expect(l.glyphs.slice(i, i + 3).map((g) => g.text).join('')).toBe('。”）');
    expect(span(l, i, i + 3)).toBeCloseTo(2, 3);
  });

  it('interpunct · takes 0.5 em (§1.1 MIDDOT, GB §5.1.7)', () => {
    const l = one('记者采访了玛丽·居里研究所的专家。');
    const i = at(l, '丽');
    expect(span(l, i, i + 2)).toBeCloseTo(1.5, 3);
  });
});

describe('doubled ？！ (§1.2, GB §5.1.2)', () => {
  it('？！ together take 1 em', () => {
    const l = one('你真的亲眼看见了？！他追问道。');
    const i = at(l, '？');
    expect(l.glyphs[i + 1]!.text).toBe('！');
    expect(span(l, i, i + 2)).toBeCloseTo(1, 3);
  });

  it('？？？ together take 2 em', () => {
    const l = one('怎么会这样？？？他喃喃自语。');
    const i = at(l, '？');
    expect(span(l, i, i + 3)).toBeCloseTo(2, 3);
  });
});

describe('line start and line end (§3.3)', () => {
  it('an opening bracket at the start of a non-first line drops its left blank (origin at −0.5 em)', () => {
    for (const [o, c] of [['“', '”'], ['（', '）'], ['《', '》']]) {
      const ls = set(`老人站在河边望着远处的群山${o}那里就是我的家乡${c}他轻声说道。`, 13);
      expect(ls[1]!.glyphs[0]!.text).toBe(o);
      expect(ls[1]!.glyphs[0]!.x / EM).toBeCloseTo(-0.5, 3);
      expect(ls[1]!.glyphs[1]!.x / EM).toBeGreaterThanOrEqual(0.5 - 1e-6); // ink starts at the edge, the text follows it
      expect(ls[1]!.glyphs[1]!.x / EM).toBeLessThan(0.6);
    }
  });

  it('a closing mark or stop ending a justified line takes half width: its ink ends at the measure', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    // 12 ideographs + a mark: at 13 characters per line the mark ends line 1
    const ending = [...'。？！，、；：”）》'].map((m) => `${m === '”' ? '“' : m === '）' ? '（' : m === '》' ? '《' : ''}山坡上开满了野花河边柳树${m}农民们已经开始下田播种了。`);
    for (const t of [...CJK_NEWS, ...MIXED_NEWS, ...ending]) for (const n of [9, 10, 11, 12, 13, 14, 15, 17, 19, 23]) {
      for (const l of set(t, n)) {
        if (l.last) continue;
        const g = lastGlyph(l);
        if (!CLOSE_OR_STOP.includes(g.text)) continue;
        seen.add(g.text);
        if (Math.abs(g.x + EM / 2 - l.measure) > 0.1) bad.push(`${n}: ${l.text} ink ends at ${((g.x + EM / 2) / EM).toFixed(3)} em`);
      }
    }
    expect(bad).toEqual([]);
    for (const m of '。？！，、；：”）》') expect(seen.has(m), `no line ended with ${m}`).toBe(true);
  });

  it('a cluster 。”） at a line end is compressed pairwise and trimmed: 1.5 em, ink at the measure', () => {
    const ls = set('村里的老支书笑着补充（他当时说：“路修好了，日子就好了。”）大家听了都很感动，纷纷表示要加油干。', 14);
    const l = ls.find((x) => x.text.endsWith('。”）'))!;
    expect(l).toBeDefined();
    expect(l.last).toBe(false);
    const n = l.glyphs.length;
    expect(l.glyphs.slice(n - 3).map((g) => (l.measure - g.x) / EM)).toEqual([
      expect.closeTo(1.5, 2), expect.closeTo(1, 2), expect.closeTo(0.5, 2),
    ]);
    expect(firstGlyph(l).x).toBe(0);
  });
});
