/**
 * Fuzzing cut and add plans (src/layout/cuts.ts): copy of every kind — ideographs, punctuation,
 * Latin, digits, emoji, combining marks, astral ideographs — in blocks too small or too big for
 * it, copyfitted or not. Whatever the copy, a plan offered works: carried out on the article, the
 * block fits (no line over, at most one empty). And taking out or putting in characters before a
 * paragraph's final punctuation never breaks a character apart, on any text.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { addBefore, cutBefore } from '../../src/layout/cuts.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { EDITION, FUZZ, HOUSE, hostileText, scratch, survives } from './hostile.ts';

const HAN = /\p{Script=Han}/u;
const hans = (s: string) => [...s].filter((c) => HAN.test(c)).length;

describe('cutting and adding before the final punctuation', () => {
  it('takes out (puts in) exactly n ideographs and nothing else, on any text', async () => {
    await survives('cutBefore/addBefore', fc.tuple(hostileText, fc.nat({ max: 40 }), fc.nat({ max: 60 })), ([text, n, from]) => {
      const at = [...text].slice(0, from).join('').length; // where a character starts (a part starts at one)
      const cut = cutBefore(text, n, at);
      if (cut !== null) {
        expect(hans(text) - hans(cut)).toBe(n);
        expect(cut.slice(0, at)).toBe(text.slice(0, at)); // an earlier part's text stays
        expect([...cut].filter((c) => !HAN.test(c))).toEqual([...text].filter((c) => !HAN.test(c))); // nothing else goes
      } else expect(hans(text.slice(at))).toBeLessThanOrEqual(n); // only when the part has no more to give (it keeps one)
      const added = addBefore(text, n, '中', at);
      expect(hans(added) - hans(text)).toBe(n);
      expect(added.replaceAll('中', '')).toBe(text.replaceAll('中', ''));
    }, { quick: 200, long: 20000, ms: 5000 }, 151);
  });
});

// copy as desks write it (no Markdown syntax: each paragraph of the file is one of the story)
const WORDS = ['荆州', '新闻', '发展', '建设', '项目', '群众', '会议', '强调', '〇', '𠀀', '々'];
const MARKS = ['，', '。', '、', '；', '：', '？', '！', '“', '”', '（', '）', '《', '》', '——', '……', '·'];
const OTHER = ['COVID-19', 'Latin', '2024', '3.5%', '1,000', ' ', '😀', '👍🏽', 'e\u0301', '０', 'ｶ', 'A'];
const piece = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...WORDS) }, { weight: 3, arbitrary: fc.constantFrom(...MARKS) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) });
const paragraph = fc.tuple(fc.constantFrom(...WORDS), fc.array(piece, { maxLength: 120 }), fc.constantFrom('。', '”。', '！', '', '……', '）')).map(([a, b, end]) => `${a}${b.join('')}${end}`.replace(/ +/g, ' ').trim());

const project = scratch();
const EDITION_FILE = project.write('layouts/ed/edition.yaml', stringify(EDITION));
project.write('layouts/house.yaml', stringify(HOUSE));

const layoutA = () => layoutEdition(loadTarget(EDITION_FILE)).pages[0]!.blocks.find((b) => b.id === 'a')!;

/** Lays out block a with these paragraphs; a plan it offers, carried out, makes it fit. */
function planWorks({ paras, cols, lines, fit }: { paras: string[]; cols: number; lines: number; fit: boolean }): void {
  project.write('layouts/ed/p01.yaml', stringify({ number: 1, blocks: [{ id: 'a', story: 'a', col: 1, cols, line: 1, lines, ...(fit ? { fit: 'auto' } : {}) }] }));
  const write = (ps: string[]) => project.write('content/ed/a.md', `---\ntitle: 标题\n---\n${ps.join('\n\n')}\n`);
  write(paras);
  const b = layoutA();
  const { cuts, adds, newParagraph } = b.fill;
  if (cuts) {
    write(paras.map((p, k) => { const c = cuts.find((x) => x.paragraph === k + 1); return c ? cutBefore(p, c.chars)! : p; }));
    const after = layoutA();
    expect([after.overflow, after.underflow <= 1]).toEqual([0, true]);
  }
  if (adds) {
    write(paras.map((p, k) => { const c = adds.find((x) => x.paragraph === k + 1); return c ? addBefore(p, c.chars, [...p].reverse().find((ch) => HAN.test(ch)) ?? '字') : p; }));
    const after = layoutA();
    expect([after.overflow, after.underflow <= 1]).toEqual([0, true]);
  }
  if (newParagraph) {
    const last = [...paras.at(-1)!].reverse().find((ch) => HAN.test(ch)) ?? '字';
    for (const n of newParagraph) {
      write([...paras, `${last.repeat(n)}。`]);
      const after = layoutA();
      expect([after.overflow, after.underflow <= 1]).toEqual([0, true]);
    }
  }
}

describe('cut and add plans on wild copy', () => {
  it('a plan offered, carried out on the article, makes the block fit', async () => {
    const arb = fc.record({
      paras: fc.array(paragraph, { minLength: 1, maxLength: FUZZ ? 8 : 5 }),
      cols: fc.integer({ min: 1, max: 4 }),
      lines: fc.integer({ min: 2, max: 26 }),
      fit: fc.boolean(),
    });
    await survives('cut and add plans', arb, planWorks, { quick: 6, long: 600, ms: 20000 }, 152);
  });
});
