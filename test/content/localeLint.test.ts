/** The copy lint in Traditional copy (issue 17): ASCII quotes become 「」 and 『』, not “” and ‘’. */
import { describe, expect, it } from 'vitest';
import { fixCopy, lintCopy } from '../../src/content/lint.ts';

const article = (lang: string | undefined, body: string) => `---\n${lang ? `lang: ${lang}\n` : ''}title: 標題\n---\n${body}\n`;

describe('ASCII quotes by locale', () => {
  it('a Taiwanese or Hong Kong article gets 「」 and 『』; a mainland one “” and ‘’', () => {
    const body = '他說:"我們明天出發,\'看球\'去。"';
    for (const lang of ['zh-Hant-TW', 'zh-Hant-HK', '"zh-Hant-TW"']) {
      expect(fixCopy('a.md', article(lang, body)).text).toContain('他說：「我們明天出發，『看球』去。」');
    }
    expect(fixCopy('a.md', article(undefined, body)).text).toContain('他說：“我們明天出發，‘看球’去。”');
    expect(fixCopy('a.md', article('zh-Hans', body)).text).toContain('“我們明天出發，‘看球’去。”');
  });

  it('an unpaired one names the locale\'s quotes in its hint', () => {
    const [f] = lintCopy('a.md', article('zh-Hant-TW', '他說"我們走。')).filter((x) => x.diagnostic.code === 'ASCII_QUOTES');
    expect(f!.diagnostic.hint).toMatch(/「 」.*『 』/);
  });
});

describe('small forms and a lone ellipsis in Traditional copy', () => {
  it('flags ﹕ and a single … in a Taiwanese or Hong Kong article, and fixes them to ： and ……', () => {
    for (const lang of ['zh-Hant-TW', 'zh-Hant-HK']) {
      const raw = article(lang, '記者問﹕「還有嗎…」他說﹖');
      const codes = lintCopy('a.md', raw).map((x) => x.diagnostic.code);
      expect(codes.filter((c) => c === 'SMALL_FORM_PUNCT')).toHaveLength(2);
      expect(codes).toContain('ELLIPSIS');
      expect(fixCopy('a.md', raw).text).toContain('記者問：「還有嗎……」他說？');
    }
  });
});
