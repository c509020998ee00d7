/** 禁则 (docs/typography.md §2): line-start / line-end prohibitions and how they are satisfied. */
import { describe, expect, it } from 'vitest';
import { EM, set } from './helpers.ts';
import { CJK_NEWS, MIXED_NEWS, endsBadly, firstGlyph, startsBadly } from './rules.ts';

const CORPUS = [...CJK_NEWS, ...MIXED_NEWS];
const WIDTHS = [8, 9, 10, 11, 12, 13, 14, 15, 17, 19, 23, 27];

describe('禁则 (GB level, §2.1)', () => {
  it('no line starts with a NO_START mark (，。、；：？！”）》 …)', () => {
    const bad: string[] = [];
    for (const t of CORPUS) for (const n of WIDTHS) for (const indent of [0, 2]) {
      const ls = set(t, n, { indent });
      ls.forEach((l, i) => { if (i > 0 && startsBadly(l)) bad.push(`${n}/${indent}: ${l.text}`); });
    }
    expect(bad).toEqual([]);
  });

  it('no line ends with a NO_END mark (“（《 …)', () => {
    const bad: string[] = [];
    for (const t of CORPUS) for (const n of WIDTHS) for (const indent of [0, 2]) {
      const ls = set(t, n, { indent });
      ls.forEach((l, i) => { if (i < ls.length - 1 && endsBadly(l)) bad.push(`${n}/${indent}: ${l.text}`); });
    }
    expect(bad).toEqual([]);
  });

  it('a closing cluster 。”） stays together and takes its preceding character with it (§2.2.7)', () => {
    const filler = '清晨的菜市场人来人往摊主们忙着招呼顾客';
    for (let k = 0; k <= filler.length; k++) {
      const t = `${filler.slice(0, k)}（她在留言中写道：“明年春天我一定回来。”）读完大家都沉默了。`;
      const ls = set(t, 13);
      expect(ls.filter((l) => l.text.includes('来。”）')), `k=${k}: ${ls.map((l) => l.text).join(' | ')}`).toHaveLength(1);
      for (const l of ls.slice(1)) expect(startsBadly(l), `k=${k}: ${l.text}`).toBe(false);
    }
  });

  it('push-in is preferred to push-out: a line that would otherwise start with ， is compressed', () => {
    // 5 + ， + 7 = 13 em; the ， after 散步 would start line 2. Compressing the inner ， by 0.5 em keeps it.
    const ls = set('老李退休后，每天去河边散步，风雨无阻，从不间断。', 13);
    const l = ls[0]!;
    expect(l.text).toBe('老李退休后，每天去河边散步，');
    expect(l.shrink).toBeGreaterThan(0);
    expect(l.stretch).toBe(0);
    expect(ls[1]!.text.startsWith('风')).toBe(true);
    // the inner ， gave up its 0.5 em blank; the ideographs stay solid
    const comma = l.glyphs.findIndex((g) => g.text === '，');
    expect((l.glyphs[comma + 1]!.x - l.glyphs[comma]!.x) / EM).toBeCloseTo(0.5, 3);
    expect(Math.abs(l.end - l.measure)).toBeLessThan(0.1);
  });

  it('push-out is used only when nothing on the line can be compressed', () => {
    // 13 ideographs then ，: no compressible blank on the line, so 步 moves down with the comma.
    const ls = set('老李退休后每天都去河边散步，风雨无阻，从不间断。', 13);
    expect(ls[0]!.text).toBe('老李退休后每天都去河边散');
    expect(ls[0]!.shrink).toBe(0);
    expect(ls[0]!.stretch).toBeGreaterThan(0);
    expect(ls[1]!.text.startsWith('步，')).toBe(true);
    expect(Math.abs(ls[0]!.end - ls[0]!.measure)).toBeLessThan(0.1);
  });

  it('a single 一字线 — (connector in 2019—2023年) never starts a line (§2.1 NO_START)', () => {
    const filler = '这条高速公路的建设工期很长前后跨越';
    const bad: string[] = [];
    for (let k = 0; k <= filler.length; k++) {
      const ls = set(`${filler.slice(0, k)}2019—2023年共五个年头，总投资超过百亿元。`, 13);
      ls.forEach((l, i) => { if (i > 0 && firstGlyph(l).text === '—') bad.push(`k=${k}: ${ls[i - 1]!.text} | ${l.text}`); });
    }
    expect(bad).toEqual([]);
  });
});
