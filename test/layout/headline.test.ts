/** Headline fitting: the largest size in the house range, then condensing (长体) within the limit. */
import { describe, expect, it } from 'vitest';
import { fitDeck, type HeadlineDeck } from '../../src/layout/headline.ts';
import type { Style } from '../../src/manifest/types.ts';
import { fonts } from '../text/helpers.ts';

const title: Style = { name: 'title', family: 'song', weight: 700, size: 26, pitch: 32, align: 'center', colour: undefined } as unknown as Style;
const deck = (lines: string[], condense = 0.85): HeadlineDeck => ({ role: 'title', style: title, lines, fit: { min: 22, max: 42, condense } });

describe('headline fit', () => {
  it('takes the largest size at which every designer line fits the width', () => {
    // 10 characters in 369 pt (a 3-column block): 36.5 pt fits (365 pt), 37 does not
    expect(fitDeck(deck(['抓紧建立支持小微企业', '融资协调工作机制']), fonts, 369)).toEqual({ size: 36.5, hscale: 1 });
    expect(fitDeck(deck(['融资协调工作机制']), fonts, 369)).toEqual({ size: 42, hscale: 1 });
  });

  it('condenses at the smallest size when it must, never beyond the house limit', () => {
    // 18 characters at 22 pt = 396 pt in 369: condensed to 93%
    const r = fitDeck(deck(['国家特种光学玻璃材料技术创新中心合作']), fonts, 369)!;
    expect(r.size).toBe(22);
    expect(r.hscale).toBeCloseTo(369 / 396, 3);
    expect(fitDeck(deck(['国家特种光学玻璃材料技术创新中心合作'], 0.95), fonts, 369)).toBeNull();
  });
});
