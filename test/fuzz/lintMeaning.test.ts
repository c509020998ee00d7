/**
 * Fuzzing `lint --fix` with wire and newspaper copy — datelines, bylines, Latin text, addresses,
 * every mark the rules touch — mixed with hostile text: the fixes never change the words (the
 * text without spaces and punctuation, NFKC), and a second --fix changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixCopy } from '../../src/content/lint.ts';
import { hostileText, survives } from './hostile.ts';

const WIRE = [
  '本报讯', '（记者胡嫚嫚 通讯员胡云飞）', '(记者 张三  李四)', '新华社北京12月8日电', '搜狐体育讯', '中央社記者吳柏緯台北8日電', '本报记者 张三', '□川报集团特派记者 王小玲',
  '记者 张三 摄', ' ', '  ', '　', '\t', '\u00a0', '12月3日下午', '全省召开会议', '，', ',', '。', '.', '...', '…', '……', '—', '——', '﹕', '﹐', '(', ')', '"', "'", '“', '”',
  '２０２４', '3.5', 'Bridgewater Associates', '(7/5)', 'https://x.cn/a,(b)', 'a@b.cn', '`a,b`', '<b>', '\u200b', '�', '\n', '\n\n', '## ', '中', '文',
];
const copy = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...WIRE), { maxLength: 30 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: hostileText },
);
const article = fc.tuple(fc.option(fc.constantFrom('dateline: ', 'title: ', 'deck: ')), copy, copy).map(([key, head, body]) => (key ? `---\n${key}${head.replace(/\n/g, ' ')}\n---\n${body}` : body));
const words = (s: string): string => s.normalize('NFKC').replace(/[\s\p{P}\p{S}\p{C}]/gu, '');

describe('fuzz: lint --fix keeps the meaning', () => {
  it('the words stay, and a second --fix changes nothing', async () => {
    await survives('lint keeps meaning', fc.tuple(article, fc.constantFrom('either', 'full', 'half') as fc.Arbitrary<'either' | 'full' | 'half'>), ([t, space]) => {
      const once = fixCopy('/fuzz/a.md', t, { space });
      expect(words(once.text)).toBe(words(t));
      const twice = fixCopy('/fuzz/a.md', once.text, { space });
      expect(twice.text).toBe(once.text);
    }, { quick: 150, long: 10000, ms: 3000 }, 22);
  });
});
