/**
 * 电头 and 署名: one recogniser (src/content/dateline.ts) for the forms of datelines and bylines,
 * used by the story loader — a dateline left at the start of the body is set in the house
 * dateline style, the rest of the paragraph unchanged and the copy still accounted for.
 */
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { isByline, leadingDateline } from '../../src/content/dateline.ts';
import { parseStory, type Paragraph } from '../../src/content/story.ts';
import { originOf } from '../../src/content/body.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { sampleProject } from '../project.ts';

describe('the dateline recogniser', () => {
  it('knows the forms of 电头: this paper, wires, sites, Traditional wire forms', () => {
    const cases: [string, string][] = [
      ['本报讯（记者胡嫚嫚 通讯员胡云飞）12月3日下午，', '本报讯（记者胡嫚嫚 通讯员胡云飞）'],
      ['本报北京12月8日电（记者 张三）今天', '本报北京12月8日电（记者 张三）'],
      ['新华社北京12月8日电  国务院办公厅日前印发', '新华社北京12月8日电'],
      ['新华社联合国12月8日电（记者 王建刚 李晓渝）联合国', '新华社联合国12月8日电（记者 王建刚 李晓渝）'],
      ['中新社香港十二月八日电 香港特区政府', '中新社香港十二月八日电'],
      ['据新华社电 今天', '据新华社电'],
      ['搜狐体育讯 北京时间12月8日', '搜狐体育讯'],
      ['新京报讯 据了解', '新京报讯'],
      ['中国经济网讯 记者从', '中国经济网讯'],
      ['央视网消息（新闻联播）：今天', '央视网消息（新闻联播）'],
      ['【大纪元2024年12月08日讯】今天', '【大纪元2024年12月08日讯】'],
      ['中央社記者吳柏緯台北8日電 行政院', '中央社記者吳柏緯台北8日電'],
      ['（中央社台北8日電）行政院', '（中央社台北8日電）'],
      ['本報訊（記者王小明）今天', '本報訊（記者王小明）'],
      ['新華社台北12月8日電 今天', '新華社台北12月8日電'],
      ['〔記者王小明／台北報導〕台北市', '〔記者王小明／台北報導〕'],
    ];
    for (const [text, dateline] of cases) expect(leadingDateline(text)?.text, text).toBe(dateline);
    const d = leadingDateline('新华社北京12月8日电  国务院')!;
    expect([d.end, d.body]).toEqual([11, 13]); // the separating spaces are between them
    expect(leadingDateline('本报讯（记者胡嫚嫚 通讯员胡云飞）会议')!.names).toEqual([3, 17]);
  });

  it('is not fooled by prose that looks like one', () => {
    for (const text of ['通讯员张三说', '他们12月8日电话联系', '电视台消息称，今天', '今天是12月8日', '合作社用电量大', '12月3日下午，全省', '本报记者 张三', '新华通讯社是国家通讯社']) {
      expect(leadingDateline(text), text).toBeUndefined();
    }
  });

  it('knows bylines (署名): roles and names separated by spaces', () => {
    for (const s of ['□川报集团特派记者 王小玲　本报记者 黄泽君', '本报记者 张三 李四', '记者 张三 摄', '（记者 张三 摄）', '文/图 本报记者 张三', '新华社记者 张三 摄', '記者 王小明 攝']) expect(isByline(s), s).toBe(true);
    for (const s of ['今天天气很好', '本报讯（记者张三）', '记者节到了，大家好', '']) expect(isByline(s), s).toBe(false);
  });
});

describe('a dateline left in the body', () => {
  const FILE = '/copy/wire.md';
  it('is taken from the first paragraph and set as the dateline; the rest of the paragraph is unchanged', () => {
    const s = parseStory('wire', FILE, '---\ntitle: 标题\n---\n新华社北京12月8日电　国务院办公厅日前印发\n《意见》。\n\n第二段。\n');
    expect(s.dateline).toBe('新华社北京12月8日电');
    const p = s.blocks[0] as Paragraph;
    expect(p.text).toBe('国务院办公厅日前印发《意见》。');
    expect(s.headAt?.dateline).toMatchObject({ line: 4, col: 1 });
    // each character still points where it was written: 国 after the dateline and its space, 《 on the next line
    expect(originOf(p, 0)).toMatchObject({ line: 4, col: 13 });
    expect(originOf(p, p.text.indexOf('《'))).toMatchObject({ line: 5, col: 1 });
  });

  it('stays in the body when the front matter has a dateline, or when nothing follows it', () => {
    const fm = parseStory('a', FILE, '---\ndateline: 本报讯\n---\n新华社北京12月8日电 国务院。\n');
    expect(fm.dateline).toBe('本报讯');
    expect((fm.blocks[0] as Paragraph).text).toBe('新华社北京12月8日电 国务院。');
    const alone = parseStory('b', FILE, '本报讯\n\n正文。\n');
    expect(alone.dateline).toBeUndefined();
    expect(parseStory('c', FILE, '12月3日下午，全省召开会议。\n').dateline).toBeUndefined();
  });

  it('is set in the dateline style on the page, and the copy accounting balances', () => {
    const p = sampleProject();
    p.edit('content/sample/finance.md', (s) => s.replace('dateline: 本报讯（记者胡嫚嫚 通讯员胡云飞）\n', '').replace('12月3日下午', '本报讯（记者胡嫚嫚 通讯员胡云飞）12月3日下午'));
    const ed = loadTarget(p.edition);
    const layout = layoutEdition(ed);
    expect(layout.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const block = layout.pages.flatMap((pg) => pg.blocks).find((b) => b.story === 'finance')!;
    const lines = block.frames[0]!.lines.slice(0, 3);
    expect(lines.map((l) => l.text).join('').replace(/\s/g, '')).toMatch(/^本报讯（记者胡嫚嫚通讯员胡云飞）12月3日下午/);
    // the dateline's glyphs are in the dateline face (hei), the copy's in the body face (song)
    const glyphs = lines.flatMap((l) => l.glyphs);
    const fontOf = (ch: string) => glyphs.find((g) => g.text === ch)!.face;
    expect(fontOf('讯')).toBe(fontOf('员'));
    expect(fontOf('讯')).not.toBe(fontOf('下'));
  });
});
