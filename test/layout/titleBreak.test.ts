/**
 * A headline line too wide for its block breaks between words (ICU's dictionary segmenter), at
 * the spaces it is written with, or after its punctuation, into the fewest lines, as evenly as
 * the words allow; a quoted term stays whole, and 禁则 hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setHeadline, type HeadlineDeck } from '../../src/layout/headline.ts';
import { breakTitle } from '../../src/layout/titleBreak.ts';
import type { GridInfo } from '../../src/layout/types.ts';
import type { Style } from '../../src/manifest/types.ts';
import { mayNotEnd, mayNotStart } from '../../src/text/classes.ts';
import { fonts } from '../text/helpers.ts';

const SIZE = 26;
const title: Style = { name: 'title', family: 'song', weight: 700, size: SIZE, pitch: 32, align: 'center', colour: undefined } as unknown as Style;
const grid: GridInfo = { em: 9, pitch: 13.5, x0: 50, y0: 80, width: 999, lines: 105, firstBaseline: 88, columns: 8, colChars: 13, gutterChars: 1 };

/** The lines a title sets in, `chars` title characters wide (and a little), as the block sets it. */
const setIn = (text: string, chars: number): string[] =>
  setHeadline([{ role: 'title', style: title, lines: [text] } as HeadlineDeck], fonts, grid, chars * SIZE + 1).lines.map((l) => l.text);

describe('automatic title breaks', () => {
  it('fall between words, evenly: the three titles of the issue', () => {
    expect(setIn('流量占比激增六成', 5)).toEqual(['流量占比', '激增六成']);
    expect(setIn('流量占比激增六成', 7)).toEqual(['流量占比', '激增六成']);
    expect(setIn('「幣少爺」被捕', 5)).toEqual(['「幣少爺」', '被捕']);
    expect(setIn('院长周岩被双开', 5)).toEqual(['院长周岩', '被双开']);
    expect(setIn('院长周岩被双开', 6)).toEqual(['院长周岩', '被双开']);
  });

  it('take the spaces and punctuation the title is written with', () => {
    expect(setIn('抓项目 促发展', 5)).toEqual(['抓项目', '促发展']);
    expect(setIn('稳就业，保民生，促发展', 8)).toEqual(['稳就业，', '保民生，促发展']);
  });

  it('leave the designer\'s own lines alone when they fit', () => {
    expect(setHeadline([{ role: 'title', style: title, lines: ['流量占比激', '增六成'] } as HeadlineDeck], fonts, grid, 6 * SIZE).lines.map((l) => l.text)).toEqual(['流量占比激', '增六成']);
  });

  it('break inside a word only when a word alone is wider than the line', () => {
    const chars = (s: string) => [...s].length;
    // 高质量 is one word, wider than two: one break inside it, none elsewhere
    const lines = breakTitle('高质量发展', 2, chars)!;
    expect(lines).toHaveLength(3);
    expect(lines.join('')).toBe('高质量发展');
    expect(lines.at(-1)).toBe('发展');
    expect(breakTitle('「幣少爺」被捕', 3, chars)).toEqual(['「幣', '少爺」', '被捕']);
    expect(breakTitle('「幣少爺」被捕', 5, chars)).toEqual(['「幣少爺」', '被捕']);
  });
});

const WORDS = ['经济', '发展', '建设', '项目', '企业', '融资', '协调', '工作', '机制', '美丽', '乡村', '全面', '推进', '高质量', '城市', '改革', '创新', '科技',
  '人才', '教育', '生态', '环境', '保护', '安全', '生产', '会议', '召开', '部署', '落实', '政策', '服务', '群众', '荆州', '长江', '流域', '治理', '成效', '显著',
  '加快', '推动', '实现', '目标', '「幣少爺」', '“小流域”', '《规划》', '，', '：', ' ', '2024年', '激增', '六成', '被捕', '双开'];

describe('a title made of dictionary words', () => {
  it('is never broken inside a word: every break falls on a segmenter boundary or a space', () => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const measure = (s: string) => [...s].length;
    fc.assert(fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 14 }), fc.integer({ min: 0, max: 20 }), (words, extra) => {
      const text = words.join('').replace(/^[ ，：]+|[ ，：]+$/g, '').replace(/ {2,}/g, ' ');
      const bounds = new Set([...segmenter.segment(text)].map((s) => s.index));
      // the widest run 禁则 keeps together between two word boundaries (a word with its brackets and marks)
      const cuts = [0, ...[...bounds].filter((b) => b > 0 && !mayNotEnd(text[b - 1]!) && !mayNotStart(text[b]!)), text.length];
      const widest = Math.max(...cuts.slice(1).map((c, i) => measure(text.slice(cuts[i], c).trim())));
      const width = Math.min(measure(text) - 1, widest + extra); // at least two lines, every word fits
      if (width < widest) return;
      const lines = breakTitle(text, width, measure)!;
      expect(lines.every((l) => measure(l) <= width)).toBe(true);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      let at = 0;
      for (const [i, l] of lines.entries()) {
        if (i > 0) {
          while (text[at] === ' ') at++; // the break's spaces
          expect(text[at - 1] === ' ' || bounds.has(at), `"${lines.join('|')}" breaks inside a word`).toBe(true);
          expect(mayNotStart(l[0]!) || mayNotEnd(lines[i - 1]!.at(-1)!)).toBe(false);
        }
        expect(text.startsWith(l, at)).toBe(true);
        at += l.length;
      }
    }), { numRuns: 200, seed: 15 });
  });
});
