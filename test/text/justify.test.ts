/** Justification and the character grid (docs/typography.md §4). */
import { describe, expect, it } from 'vitest';
import { EM, set, xs } from './helpers.ts';
import { CJK_NEWS, CLOSE_OR_STOP, MIXED_NEWS, at, lastGlyph, span } from './rules.ts';

const CORPUS = [...CJK_NEWS, ...MIXED_NEWS];
const WIDTHS = [9, 10, 11, 12, 13, 14, 15, 17, 19, 23, 27];

describe('justification (§4.1)', () => {
  it('every justified (non-last) line ends exactly at the measure (line.end within 0.1 pt)', () => {
    const bad: string[] = [];
    for (const t of CORPUS) for (const n of WIDTHS) for (const indent of [0, 2]) {
      for (const l of set(t, n, { indent })) {
        if (!l.last && Math.abs(l.end - l.measure) > 0.1) bad.push(`${n}/${indent}: ${l.text} ends at ${(l.end / EM).toFixed(3)} em`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the last glyph of a justified line reaches the measure (ideograph box, or the half-width mark)', () => {
    const bad: string[] = [];
    for (const t of CORPUS) for (const n of WIDTHS) {
      for (const l of set(t, n)) {
        if (l.last) continue;
        const g = lastGlyph(l);
        const right = g.x + (CLOSE_OR_STOP.includes(g.text) ? EM / 2 : g.adv);
        if (Math.abs(right - l.measure) > 0.1 || right > l.measure + 0.1) bad.push(`${n}: ${l.text} → ${(right / EM).toFixed(3)} em`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a line of ideographs only holds exactly N characters on the grid (0, 1, …, N−1 em; 2 … N−1 after the indent)', () => {
    const text = '春回大地万物复苏田野里一片繁忙景象农民们趁着好天气抢种抢收村头的大喇叭里正播放着最新的天气预报孩子们在田埂上追逐嬉戏老人们坐在树下晒太阳聊家常。';
    for (const n of [11, 13, 15]) {
      const ls = set(text, n, { indent: 2 });
      expect(ls.length).toBeGreaterThan(3);
      expect(xs(ls[0]!)).toEqual(Array.from({ length: n - 2 }, (_, i) => i + 2));
      for (const l of ls.slice(1, -1)) {
        expect(l.glyphs.every((g) => g.cls === 'IDEO')).toBe(true);
        expect(xs(l)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(l.stretch).toBe(0);
        expect(l.shrink).toBe(0);
      }
    }
  });

  it('ideographs are never squeezed, and the gaps between them are equal on a line (docs/typography.md §7 NEG_GAP, GAP_UNIFORM)', () => {
    const bad: string[] = [];
    for (const t of CORPUS) for (const n of WIDTHS) {
      for (const l of set(t, n)) {
        const gaps: number[] = [];
        l.glyphs.forEach((g, i) => {
          const h = l.glyphs[i + 1];
          if (h && g.cls === 'IDEO' && h.cls === 'IDEO') gaps.push((h.x - g.x - g.adv) / EM);
        });
        if (gaps.some((d) => d < -1e-3)) bad.push(`${n} squeezed: ${l.text}`);
        if (gaps.length && Math.max(...gaps) - Math.min(...gaps) > 0.01) bad.push(`${n} uneven: ${l.text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the stretch of a justified line stays within 1/8 em for ordinary news text', () => {
    const bad: string[] = [];
    for (const t of CJK_NEWS) for (const n of [11, 13, 15, 23, 27]) for (const indent of [0, 2]) {
      for (const l of set(t, n, { indent })) if (!l.last && l.stretch > 0.125 + 1e-9) bad.push(`${n}/${indent}: ${l.text} stretch ${l.stretch.toFixed(3)} em`);
    }
    expect(bad).toEqual([]);
  });

  it('stretching never opens a gap inside ——, ……, a number or a Latin word (§4.3 exclusions)', () => {
    const texts = [...MIXED_NEWS, '他把TEMU的报价单递过来——总价2024元……大家都愣住了，过了好一会儿才有人开口说话。'];
    const ascii = (t: string) => /^[\x21-\x7e]+$/.test(t);
    let stretched = 0;
    const bad: string[] = [];
    for (const t of texts) for (const n of [9, 10, 11, 12, 13, 14, 15, 17, 19]) {
      for (const l of set(t, n)) {
        if (!l.last && l.stretch > 0) stretched++;
        l.glyphs.forEach((g, i) => {
          const h = l.glyphs[i + 1];
          if (!h || !((ascii(g.text) && ascii(h.text)) || (g.text === '…' && h.text === '…'))) return;
          if (Math.abs(h.x - g.x - g.adv) > 1e-3) bad.push(`${n}: ${g.text}${h.text} in ${l.text}`);
        });
      }
    }
    expect(stretched).toBeGreaterThan(10);
    expect(bad).toEqual([]);
  });
});

describe('compression priority (§4.2)', () => {
  it('push-in takes the blanks of brackets (#4) before the blank after an inner ， (#5)', () => {
    // 他（化名）说，每天都去散步 = 13 em, then ，: 0.5 em must be found on the line.
    const ls = set('他（化名）说，每天都去散步，风雨无阻，从不间断。', 13);
    const l = ls[0]!;
    expect(l.text).toBe('他（化名）说，每天都去散步，');
    expect(l.shrink / EM).toBeCloseTo(0.5, 3);
    const c = at(l, '，');
    expect(span(l, c, c + 1)).toBeCloseTo(1, 3); // the inner ， keeps its full width
    expect(span(l, 0, at(l, '化'))).toBeCloseTo(1.75, 3); // （ gave up 0.25 em
    expect(span(l, at(l, '）'), at(l, '说'))).toBeCloseTo(0.75, 3); // ） gave up 0.25 em
  });

  it('push-in takes CJK–Latin gaps (#6, down to 1/8 em) before the blank after an inner 。 (#7)', () => {
    // 9 ideographs + 。 + 2000 + two CJK–Latin gaps + a line-end ， = 13.2 em: 0.2 em must be found.
    // The two gaps can give 2 × 1/8 em = 0.25 em, so the 。 keeps its full width.
    const ls = set('天晴了。共有2000人来参加，大家都很高兴。', 13);
    const l = ls[0]!;
    expect(l.text).toBe('天晴了。共有2000人来参加，');
    expect(l.shrink / EM).toBeCloseTo(0.2, 2);
    const p = at(l, '。');
    expect(span(l, p, p + 1)).toBeCloseTo(1, 3);
    const two = at(l, '2');
    const gapBefore = (l.glyphs[two]!.x - l.glyphs[two - 1]!.x - l.glyphs[two - 1]!.adv) / EM;
    expect(gapBefore).toBeGreaterThanOrEqual(0.125 - 1e-3);
    expect(gapBefore).toBeLessThan(0.25 - 1e-3);
  });
});
