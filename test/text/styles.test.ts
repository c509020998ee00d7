/**
 * House composition settings: the four punctuation styles on the same paragraph, 禁则 levels,
 * CJK–Latin spacing modes and hanging punctuation (docs/typography.md §2, §3, §4.4).
 */
import { describe, expect, it } from 'vitest';
import type { ComposedLine, PlacedGlyph } from '../../src/text/compose.ts';
import { buildAtoms } from '../../src/text/atoms.ts';
import { GB_DEFAULTS } from '../../src/text/settings.ts';
import { EM, set, song } from './helpers.ts';

// one paragraph with a stop, a comma, a closing quote after a stop, brackets and an enumeration comma
const PARA = '他说：“好。”（新华社）记者、编辑都来了，会议开始。';

/** Advance of each mark as set: from its box start to the next glyph's box start, in em. */
function advances(lines: ComposedLine[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const l of lines) {
    const gs = l.glyphs;
    gs.forEach((g: PlacedGlyph, i) => {
      if (g.cls === 'IDEO' || i === gs.length - 1) return; // the line-end mark is trimmed in every style
      (out[g.text] ??= []).push(Math.round(((gs[i + 1]!.bx - g.bx) / EM) * 100) / 100);
    });
  }
  return out;
}

const wide = (style: 'quanjiao' | 'kaiming' | 'hangmobanjiao' | 'banjiao') =>
  set(PARA, 40, { align: 'left', settings: { punctuation: style } });

describe('punctuation styles (§3.1) on the same paragraph', () => {
  it('全角式: every mark 1 em, adjacent marks 1.5 em together', () => {
    const a = advances(wide('quanjiao'));
    expect(a['：']).toEqual([0.5]); // ：“ → the colon gives up its blank
    expect(a['“']).toEqual([1]);
    expect(a['。']).toEqual([0.5]); // 。” → 1.5 together
    expect(a['”']).toEqual([0.5]); // ”（ → 1.5 together
    expect(a['（']).toEqual([1]);
    expect(a['）']).toEqual([1]);
    expect(a['、']).toEqual([1]);
    expect(a['，']).toEqual([1]);
  });

  it('开明式: 。？！ keep 1 em, every other mark half an em', () => {
    const a = advances(wide('kaiming'));
    expect(a['：']).toEqual([0.5]);
    expect(a['“']).toEqual([0.5]);
    expect(a['。']).toEqual([1]);
    expect(a['”']).toEqual([0.5]);
    expect(a['（']).toEqual([0.5]);
    expect(a['）']).toEqual([0.5]);
    expect(a['、']).toEqual([0.5]);
    expect(a['，']).toEqual([0.5]);
  });

  it('行末半角式: every mark 1 em and no pair compression', () => {
    const a = advances(wide('hangmobanjiao'));
    for (const m of ['：', '“', '。', '”', '（', '）', '、', '，']) expect(a[m], m).toEqual([1]);
  });

  it('半角式: every mark half an em', () => {
    const a = advances(wide('banjiao'));
    for (const m of ['：', '“', '。', '”', '（', '）', '、', '，']) expect(a[m], m).toEqual([0.5]);
  });

  it('every style still trims the line-end mark: justified lines end at the measure', () => {
    for (const style of ['quanjiao', 'kaiming', 'hangmobanjiao', 'banjiao'] as const) {
      for (const l of set(PARA.repeat(3), 13, { settings: { punctuation: style } })) {
        if (!l.last) expect(Math.abs(l.end - l.measure), `${style}: ${l.text}`).toBeLessThan(0.1);
      }
    }
  });

  it('行末半角式 cannot push in: a line that would start with ， pushes a character out instead', () => {
    const t2 = '一二三，四五六七八九十甲乙，丙丁。';
    expect(set(t2, 13, { settings: { punctuation: 'quanjiao' } })[0]!.shrink).toBeGreaterThan(0); // push-in
    const h2 = set(t2, 13, { settings: { punctuation: 'hangmobanjiao' } });
    expect(h2[0]!.shrink).toBe(0);
    expect(h2[0]!.text.endsWith('乙，')).toBe(false); // pushed out
  });
});

describe('禁则 levels (§2.1)', () => {
  const text = '一二三四五六七八九十——甲乙丙丁戊己庚辛壬癸。';
  it('gb lets —— start a line, strict does not', () => {
    const gb = set(text, 10);
    expect(gb[1]!.text.startsWith('——')).toBe(true);
    const strict = set(text, 10, { settings: { kinsoku: 'strict' } });
    expect(strict.some((l) => l.text.startsWith('——'))).toBe(false);
  });

  it('none lets a comma start a line (Taiwan and Hong Kong practice); gb never', () => {
    const t = '一二三四五六七八九十，甲乙丙丁戊己庚辛壬癸子丑。';
    expect(set(t, 10, { settings: { kinsoku: 'none', punctuation: 'hangmobanjiao' } })[1]!.text.startsWith('，')).toBe(true);
    expect(set(t, 10, { settings: { punctuation: 'hangmobanjiao' } })[1]!.text.startsWith('，')).toBe(false);
  });

  it('basic allows a break after a solidus, gb does not', () => {
    const penaltyAfter = (kinsoku: 'basic' | 'gb') => {
      const a = buildAtoms([{ text: '甲乙/丙丁', face: song, size: EM }], { ...GB_DEFAULTS, kinsoku });
      return a.gaps[a.boxes.findIndex((b) => b.text === '/')]!.penalty;
    };
    expect(penaltyAfter('basic')).toBe(0);
    expect(penaltyAfter('gb')).toBe(Infinity);
  });
});

describe('CJK–Latin spacing (§5)', () => {
  const gapAfter = (l: ComposedLine, text: string) => {
    const i = l.glyphs.findIndex((g) => g.text === text);
    return (l.glyphs[i + 1]!.bx - l.glyphs[i]!.bx - l.glyphs[i]!.bw) / EM;
  };
  it('quarter: 1/4 em; none: solid', () => {
    expect(gapAfter(set('共有2000人', 40, { align: 'left' })[0]!, '有')).toBeCloseTo(0.25, 3);
    expect(gapAfter(set('共有2000人', 40, { align: 'left', settings: { cjkLatin: 'none' } })[0]!, '有')).toBeCloseTo(0, 3);
  });

  it('grid: the run and its gaps fill whole characters, so the ideographs after it stay on the grid', () => {
    const l = set('共有2000人参加', 40, { align: 'left', settings: { cjkLatin: 'grid' } })[0]!;
    const ren = l.glyphs.find((g) => g.text === '人')!;
    expect((ren.x / EM) % 1).toBeCloseTo(0, 3);
    expect(gapAfter(l, '有')).toBeGreaterThanOrEqual(0.125);
  });
});

describe('hanging punctuation (§2.3, off by default)', () => {
  const t = '一二三四五六七八九十甲乙，丙丁戊己庚辛壬癸子丑寅卯。';
  it('off: the comma stays inside the measure', () => {
    for (const l of set(t, 12)) expect(l.glyphs.every((g) => g.x < l.measure)).toBe(true);
  });
  it('on: one line-end comma hangs past the measure and the line keeps N characters', () => {
    const ls = set(t, 12, { settings: { hanging: true } });
    const first = ls[0]!;
    expect(first.text).toBe('一二三四五六七八九十甲乙，');
    const comma = first.glyphs.at(-1)!;
    expect(comma.hangs).toBe(true);
    expect(comma.x).toBeCloseTo(first.measure, 3);
    expect(first.end).toBeCloseTo(first.measure, 3);
    expect(first.shrink).toBe(0); // nothing compressed
  });
});
