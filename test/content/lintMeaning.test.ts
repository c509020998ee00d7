/**
 * `lint --fix` never changes what the copy says: over every article in content/ and over wire
 * and newspaper copy (test/fixtures/wire/: datelines, bylines, Latin text, addresses), the text
 * without spaces and punctuation (NFKC: full-width digits read as digits) is unchanged, and a
 * second --fix changes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixCopy } from '../../src/content/lint.ts';

const ROOT = join(import.meta.dirname, '../..');
const articles = (dir: string): string[] => (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, dir, f));
const words = (s: string): string => s.normalize('NFKC').replace(/[\s\p{P}\p{S}\p{C}]/gu, '');

describe('lint --fix keeps the meaning', () => {
  const files = [...articles('content'), ...articles('test/fixtures/wire')];

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s', (_, file) => {
    const text = readFileSync(file, 'utf8');
    for (const space of ['either', 'full', 'half'] as const) {
      const once = fixCopy(file, text, { space });
      expect(words(once.text)).toBe(words(text));
      const twice = fixCopy(file, once.text, { space });
      expect(twice.fixed).toBe(0);
      expect(twice.text).toBe(once.text);
    }
  });

  it('the wire fixtures are fixed as a copy editor would', () => {
    const fixed = (name: string) => fixCopy(name, readFileSync(join(ROOT, 'test/fixtures/wire', name), 'utf8')).text;
    const xinhua = fixed('xinhua.md');
    expect(xinhua).toContain('新华社北京12月8日电　国务院办公厅'); // the space after the dateline kept, in the house form
    expect(xinhua).toContain('基金（Bridgewater Associates）和文艺复兴科技公司（Renaissance Technologies）的创始人詹姆斯·西蒙斯（James Simons）也关注此事，比分（7/5）。');
    expect(xinhua).toContain('显著提升……全国');
    expect(xinhua).toContain('《意见》提出：');
    expect(xinhua).toContain('https://www.gov.cn/zhengce/2024-12/08/content_1234.htm');
    const baoxun = fixed('baoxun.md');
    expect(baoxun).toContain('□川报集团特派记者 王小玲　本报记者 黄泽君'); // the byline keeps its spaces
    expect(baoxun).toContain('本报讯（记者胡嫚嫚　通讯员胡云飞）'); // two spaces between names: one, full-width
    expect(baoxun).toContain('记者 张三 摄');
    const portal = fixed('portal.md');
    expect(portal).toContain('搜狐体育讯 北京时间');
    expect(portal).toContain('新京报讯 据北京市');
    expect(portal).toContain('中国经济网讯　记者'); // a tab after the dateline: the house space
    expect(fixed('cna.md')).toContain('中央社記者吳柏緯台北8日電 行政院會');
    const english = fixed('english.md');
    for (const latin of ['citing "persistent inflation (at 3.2%)". Analysts said: "Wait... and see."', 'no matter what (really)!', "This paragraph is English only, isn't it? Yes (mostly)."]) expect(english).toContain(latin);
  });
});
