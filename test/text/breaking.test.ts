/**
 * Line breaking in mixed copy (issue 17): addresses break after / and before . ? & @ with no
 * hyphen; Latin phrases at their spaces; …… stays with the character before it; the copy's own
 * space beside Latin or digits becomes the CJK–Latin gap instead of widening it.
 */
import { describe, expect, it } from 'vitest';
import { EM, set } from './helpers.ts';
import { addressSpans, breaksAddress } from '../../src/text/addresses.ts';
import type { KinsokuLevel } from '../../src/types.ts';

const URL_TEXT = '信息来源於四川新闻网 / Cited from http://www.newssc.org/ 并经编辑整理后刊发，转载请注明出处。';
const worst = (lines: ReturnType<typeof set>) => Math.max(0, ...lines.filter((l) => !l.last).map((l) => l.stretch));

describe('addresses', () => {
  it('are found with their scheme, www. or @, without the sentence punctuation after them', () => {
    const t = '访问 https://www.example.com/a?b=1&c=2. 或 www.news.cn，或写信至 reader.desk@example-news.com.cn。';
    expect(addressSpans(t).map(([s, e]) => t.slice(s, e))).toEqual(['https://www.example.com/a?b=1&c=2', 'www.news.cn', 'reader.desk@example-news.com.cn']);
    expect(addressSpans('没有地址的一段话。')).toEqual([]);
  });

  it('break after / and //, and before . ? & @ — never inside // or after the scheme\'s colon', () => {
    const t = 'http://www.newssc.org/a?b=1&c=2';
    const breaks: string[] = [];
    for (let i = 1; i < t.length; i++) if (breaksAddress(t.slice(0, i), t.slice(i))) breaks.push(`${t.slice(0, i)}|`);
    expect(breaks).toEqual(['http://|', 'http://www|', 'http://www.newssc|', 'http://www.newssc.org/|', 'http://www.newssc.org/a|', 'http://www.newssc.org/a?b=1|']);
  });

  it('let a paragraph break inside its address rather than stretch a line past 1/8 em', () => {
    // before: the address could not break, and the line before it was stretched 0.25 em per gap (0.71 em at 13 characters)
    const lines = set(URL_TEXT, 11);
    expect(lines.some((l, i) => i + 1 < lines.length && breaksAddress(l.text, lines[i + 1]!.text))).toBe(true);
    expect(worst(lines)).toBeLessThanOrEqual(0.125 + 1e-9);
    // the address is printed whole, without a hyphen added
    expect(lines.map((l) => l.text).join('').replace(/ /g, '')).toBe(URL_TEXT.replace(/ /g, ''));
    for (const n of [12, 13, 14]) expect(worst(set(URL_TEXT, n)), `${n} characters`).toBeLessThan(0.7);
  });

  it('an e-mail address breaks before @ and its dots', () => {
    const lines = set('读者可以发送电子邮件至 reader.service@example-news.com.cn 反映问题，我们会尽快答复。', 11);
    const text = lines.map((l) => l.text);
    expect(text.some((l) => /^[@.]/.test(l))).toBe(true);
    expect(text.join('').replace(/ /g, '')).toContain('reader.service@example-news.com.cn');
  });
});

describe('a Latin phrase', () => {
  it('breaks at its spaces, so the dateline line before it is not stretched (P. LEAGUE+)', () => {
    const t = '（中央社記者黃巧雯／台北8日電）P. LEAGUE+今天宣布，新賽季將於11月開打，六支球隊將進行例行賽，冠軍賽採七戰四勝制。';
    for (const n of [11, 12, 13, 14, 15]) expect(worst(set(t, n)), `${n} characters`).toBeLessThanOrEqual(0.125);
    // a phrase longer than the line breaks between its words, never inside one
    const lines = set('球隊名單包括 the Taipei Fubon Braves and the Formosa Dreamers 等隊伍。', 8).map((l) => l.text);
    expect(lines.length).toBeGreaterThan(2);
    for (const word of ['Taipei', 'Fubon', 'Braves', 'Formosa', 'Dreamers']) expect(lines.some((l) => l.includes(word)), lines.join(' | ')).toBe(true);
  });
});

describe('the ellipsis ……', () => {
  const levels: KinsokuLevel[] = ['basic', 'gb', 'strict'];
  const NONE_AT = 8; // where the gb level set 楼道扶梯干乾净净 | ……11月13日 before
  it('never starts a line at any 禁则 level but none (xeCJK), and is never split', () => {
    const t = '楼道扶梯干乾净净……11月13日，记者再次来到这里，看到楼道已经打扫干净……居民们都说好。';
    for (const kinsoku of levels) for (let n = 6; n <= 16; n++) {
      const lines = set(t, n, { settings: { kinsoku } });
      for (const l of lines) expect(l.text, `${kinsoku} at ${n}: ${lines.map((x) => x.text).join(' | ')}`).not.toMatch(/^…/);
    }
    // at none it may: the measure where gb set it at a line start before
    expect(set(t, NONE_AT, { settings: { kinsoku: 'none' } }).some((l) => l.text.startsWith('…'))).toBe(true);
  });

  it('—— may still start a line at the gb level (GB/T 15834), not at strict', () => {
    const t = '他停了一下——然后说下去，大家都安静下来听他讲完这个故事。';
    const starts = (kinsoku: KinsokuLevel) => [6, 7, 8, 9, 10, 11, 12].flatMap((n) => set(t, n, { settings: { kinsoku } }).map((l) => l.text)).some((l) => l.startsWith('——'));
    expect(starts('strict')).toBe(false);
  });
});

describe('the copy\'s own spaces beside Latin and digits', () => {
  const gapAfter = (l: ReturnType<typeof set>[number], i: number) => {
    const g = l.glyphs.filter((x) => x.cls !== 'SPACE');
    return (g[i + 1]!.bx - g[i]!.bx - g[i]!.bw) / EM;
  };
  it('are set as the 1/4 em CJK–Latin gap, not on top of it (風行歐美 50 年)', () => {
    const l = set('這家風行歐美 50 年的老牌子', 40, { settings: { absorbSpaces: true } })[0]!;
    const text = l.glyphs.filter((x) => x.cls !== 'SPACE').map((g) => g.text);
    const five = text.indexOf('5');
    expect(gapAfter(l, five - 1)).toBeCloseTo(0.25, 3); // 美|5: was 0.5 em of space + 0.25 em of gap… 1.05 em with the space glyph
    expect(gapAfter(l, five + 1)).toBeCloseTo(0.25, 3); // 0|年
    expect(l.text).toBe('這家風行歐美 50 年的老牌子'); // the space is kept for copy and paste
    // set without a space, the same
    const bare = set('這家風行歐美50年的老牌子', 40)[0]!;
    expect(bare.glyphs.at(-1)!.x).toBeCloseTo(l.glyphs.at(-1)!.x, 3);
  });

  it('are kept as spaces in the house\'s own words (furniture: 出版物号 CN 42-0000)', () => {
    const l = set('国内统一连续出版物号 CN 42-0000', 40)[0]!;
    const text = l.glyphs.filter((x) => x.cls !== 'SPACE').map((g) => g.text);
    expect(gapAfter(l, text.indexOf('C') - 1)).toBeGreaterThan(0.4);
  });
});
