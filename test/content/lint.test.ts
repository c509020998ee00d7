/**
 * Copy lint (标点与格式检查): each rule finds the real mistake at its line and column, leaves
 * legitimate copy alone (datelines, 一字线 ranges, numbers, Latin text, YAML syntax), and --fix
 * writes the standard form without touching anything else.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixCopy, lintCopy, unifiedDiff } from '../../src/content/lint.ts';
import { sampleProject } from '../project.ts';

const ROOT = join(import.meta.dirname, '../..');
const FILE = '/copy/article.md';

/** The findings for one body paragraph, as CODE@col with the text each fix writes. */
function findings(body: string): string[] {
  return lintCopy(FILE, body).map((f) => `${f.diagnostic.code}@${f.diagnostic.col}${f.fixes.length ? `→${f.fixes.map((x) => x.text || '∅').join('')}` : ''}`);
}
const fixed = (text: string): string => fixCopy(FILE, text).text;

describe('copy lint rules', () => {
  it('half-width , ; : ? ! ( ) . between Chinese characters', () => {
    expect(findings('下午,全省召开会议;要求:加强协调?是的!')).toEqual([
      'HALF_WIDTH_PUNCT@3→，', 'HALF_WIDTH_PUNCT@10→；', 'HALF_WIDTH_PUNCT@13→：', 'HALF_WIDTH_PUNCT@18→？', 'HALF_WIDTH_PUNCT@21→！',
    ]);
    expect(fixed('会议召开.市委常委(常务)参加, 会议结束')).toBe('会议召开。市委常委（常务）参加，会议结束');
    expect(fixed('今年增长5%,达到历史新高')).toBe('今年增长5%，达到历史新高');
  });

  it('leaves numbers, times, Latin text and URLs alone', () => {
    expect(findings('投资1,000万元，12:30开始，比分3:2，COVID-19 is over, right? See http://x.cn/a?b=1 (c).')).toEqual([]);
  });

  it('ASCII quotes in Chinese text become “ ” and ‘ ’ in pairs; an unpaired one is only reported', () => {
    expect(fixed('开展"千企万户大走访"活动，他说\'好\'')).toBe('开展“千企万户大走访”活动，他说‘好’');
    expect(findings('开展"大走访活动')).toEqual(['ASCII_QUOTES@3']);
    expect(findings("It's fine, \"OK\".")).toEqual([]);
  });

  it('doubled marks: the same one twice is one, 。。。 is ……, two different ones are for a person', () => {
    expect(fixed('会议召开，，各地参加。。他说。。。')).toBe('会议召开，各地参加。他说……');
    expect(findings('会议召开，。各地参加？。')).toEqual(['DOUBLED_PUNCT@5', 'DOUBLED_PUNCT@11']);
    expect(findings('真的吗？！好！！')).toEqual([]);
  });

  it('spaces between Chinese characters, but not inside a dateline\'s parentheses', () => {
    expect(fixed('常务副市长金鹏 副市长沈先武　参加会议， 会议')).toBe('常务副市长金鹏副市长沈先武参加会议，会议');
    expect(findings('本报讯（记者胡嫚嫚 通讯员胡云飞）12月3日下午')).toEqual([]);
    expect(findings('新华社北京12月5日电（记者 张三）会议')).toEqual([]);
    expect(findings('会议（记者 张三）')).toEqual(['STRAY_SPACE@6→∅']);
    const fm = '---\ndateline: 本报讯（记者胡嫚嫚 通讯员胡云飞）\ntitle: 抓项目 促发展\n---\n正文。\n';
    expect(lintCopy(FILE, fm)).toEqual([]); // headlines use a space between phrases
  });

  it('full-width digits become half-width', () => {
    expect(findings('２０２４年12月')).toEqual(['FULL_WIDTH_DIGITS@1→2024']);
    expect(lintCopy(FILE, '２０２４年12月')[0]!.diagnostic.message).toMatch(/beside half-width ones/);
    expect(fixed('增长３．５个百分点')).toBe('增长3.5个百分点');
  });

  it('a single — between Chinese characters is suggested as ——, not fixed (北京—上海 is a range); between digits it is the 一字线 of a range', () => {
    expect(findings('这是一个问题—很重要，2023—2024年，第一——第二')).toEqual(['SINGLE_DASH@7→——']);
    expect(findings('---\ndeck: —荆州市重大项目扫描\n---\n正文。\n')).toEqual(['SINGLE_DASH@7→——']);
    const r = fixCopy(FILE, '这是一个问题—很重要');
    expect(r.text).toBe('这是一个问题—很重要'); // suggest-only: --fix leaves it for a person
    expect(r.remaining.map((f) => [f.diagnostic.code, f.kind])).toEqual([['SINGLE_DASH', 'suggest-only']]);
  });

  it('invisible characters pasted with the copy are deleted; a replacement character is reported', () => {
    expect(fixed('加强\u200b协调\u00ad工作\u0007。')).toBe('加强协调工作。');
    expect(findings('加强�协调')).toEqual(['REPLACEMENT_CHAR@3']);
  });

  it('reports the line and column in the file, front matter included', () => {
    const text = '---\nkicker: 金融工作,加力\ntitle: [抓紧建立支持小微企业, 融资协调工作机制]\n---\n第一段。\n\n第二段,继续。\n';
    expect(lintCopy(FILE, text).map((f) => [f.diagnostic.line, f.diagnostic.col, f.diagnostic.code])).toEqual([
      [2, 13, 'HALF_WIDTH_PUNCT'], [7, 4, 'HALF_WIDTH_PUNCT'],
    ]);
  });

  it('a soft line break joins lines as the loader does: no space found across it', () => {
    expect(findings('第一行的文字\n  第二行的文字')).toEqual([]);
  });
});

describe('copy lint: datelines, bylines and the rules added for wire copy', () => {
  it('keeps the space after a dateline (电头) in the house form instead of deleting it', () => {
    expect(fixed('新华社北京12月8日电  国务院办公厅日前印发')).toBe('新华社北京12月8日电　国务院办公厅日前印发');
    expect(findings('新华社北京12月8日电  国务院')).toEqual(['DATELINE_SPACE@12→\u3000']);
    for (const ok of ['搜狐体育讯 北京时间12月8日', '新京报讯 据了解', '新华社北京12月8日电　国务院']) expect(findings(ok), ok).toEqual([]);
    // after a closing parenthesis the dateline runs into the copy, as the layout sets it
    expect(fixed('本报讯（记者张三） 会议召开')).toBe('本报讯（记者张三）会议召开');
  });

  it('keeps one space between the names of a byline (署名) and of a dateline\'s parentheses', () => {
    expect(findings('□川报集团特派记者 王小玲　本报记者 黄泽君')).toEqual([]);
    expect(fixed('本报记者 张三  李四')).toBe('本报记者 张三　李四');
    expect(fixed('本报讯（记者胡嫚嫚\t通讯员胡云飞）会议')).toBe('本报讯（记者胡嫚嫚　通讯员胡云飞）会议');
  });

  it('takes the house space from --space: full or half makes every such space that one', () => {
    expect(fixCopy(FILE, '本报记者 张三 李四', { space: 'full' }).text).toBe('本报记者　张三　李四');
    expect(fixCopy(FILE, '新华社北京12月8日电　国务院', { space: 'half' }).text).toBe('新华社北京12月8日电 国务院');
    expect(fixCopy(FILE, '---\ndateline: 本报讯（记者胡嫚嫚 通讯员胡云飞）\n---\n正文。\n', { space: 'full' }).text).toContain('（记者胡嫚嫚　通讯员胡云飞）');
  });

  it('a single … and ... in Chinese text are the ellipsis ……', () => {
    expect(fixed('他说…好吧，等等...再说')).toBe('他说……好吧，等等……再说');
    expect(findings('他说……好，Wait… what... now')).toEqual([]);
  });

  it('half-width parentheses around Latin words or figures in Chinese text, spaces or not, are flagged alike', () => {
    const text = '桥水基金(Bridgewater Associates)、文艺复兴科技公司 (Renaissance Technologies) 的创始人西蒙斯 (James Simons)，比分 (7/5)。';
    expect(findings(text).map((f) => f.split('→')[0])).toEqual(['HALF_WIDTH_PUNCT@5', 'HALF_WIDTH_PUNCT@39', 'HALF_WIDTH_PUNCT@74', 'HALF_WIDTH_PUNCT@92']);
    expect(fixed(text)).toBe('桥水基金（Bridgewater Associates）、文艺复兴科技公司（Renaissance Technologies）的创始人西蒙斯（James Simons），比分（7/5）。');
    expect(findings('He said (quietly) that (7/5) was fine.')).toEqual([]);
  });

  it('small-form marks (﹕﹐﹔﹖﹗﹑) are the marks they stand for', () => {
    expect(fixed('时间﹕上午﹐地点﹔好﹖是﹗甲﹑乙')).toBe('时间：上午，地点；好？是！甲、乙');
  });

  it('every rule says whether its fix keeps the meaning; --fix applies only those', () => {
    const r = fixCopy(FILE, '他说—好,是的');
    expect(r.text).toBe('他说—好，是的');
    expect(r.remaining.map((f) => `${f.diagnostic.code}:${f.kind}`)).toEqual(['SINGLE_DASH:suggest-only']);
    expect(lintCopy(FILE, '他说,好').map((f) => f.kind)).toEqual(['keeps-meaning']);
  });
});

describe('lint --fix', () => {
  it('keeps the BOM and CRLF line ends and changes nothing else', () => {
    const text = '\ufeff---\r\ntitle: 标题\r\n---\r\n下午,全省召开会议\r\n\r\n第二段。\r\n';
    expect(fixCopy(FILE, text)).toMatchObject({ text: '\ufeff---\r\ntitle: 标题\r\n---\r\n下午，全省召开会议\r\n\r\n第二段。\r\n', fixed: 1, remaining: [] });
  });

  it('never joins two line ends into one (found by the fuzzer: CR, an invisible character, LF)', () => {
    for (const text of ['中文\r\u007f\n下一行', '中文\r\u200b\n下一行']) expect(fixCopy(FILE, text).text).toBe(text);
    expect(fixCopy(FILE, '中文\r\n\u200b中\n').text).toBe('中文\r\n中\n');
  });

  it('never changes what the article is (found by the fuzzer: an invisible character hiding Markdown or YAML syntax)', () => {
    for (const text of ['\u200b> 引文不是引用。\n', '\u200b1. 第一条。\n', '正文。\n\u200b---\n', '---\ntitle: \u200b*重磅*\n---\n正文。\n', '\u00adtitle: 〇\n']) {
      const r = fixCopy(FILE, text);
      expect(r.text, JSON.stringify(text)).toBe(text);
      expect(r.remaining.map((f) => f.diagnostic.code)).toEqual(['INVISIBLE_CHAR']); // left for a person
    }
    expect(fixCopy(FILE, '\u200b第一段。\n').text).toBe('第一段。\n');
  });

  it('never changes a URL, an e-mail address, a code span, HTML or a link address, nor reports anything in them', () => {
    for (const text of [
      '详见https://example.com/path_(a),(b)，欢迎访问。', '网址www.example.com/a,(b)。', '来信请寄editor.zhang@example.com,谢谢', '代码`"引号"`和`(括号),`不改',
      '见[网站](https://x.cn/a,(b) "标题,说明")', '正文<span title="说明,(注)">文字</span>', '正文<!-- "注释",(待核) -->后文',
      '<!-- "注释",(待核) -->后文', '转义<https://x.cn/a,(b)>链接',
    ]) {
      expect(fixCopy(FILE, text).text, text).toBe(text);
      expect(findings(text), text).toEqual([]);
    }
    // the prose around them is still corrected
    expect(fixed('代码`"引号"`和"引号",好')).toBe('代码`"引号"`和“引号”，好');
    expect(fixed('详见https://x.cn/a 页面,欢迎')).toBe('详见https://x.cn/a 页面，欢迎');
  });

  it('shows a unified diff of the changed lines', () => {
    const before = 'a\nb\n下午,全省\nc\n';
    expect(unifiedDiff('x.md', before, fixed(before))).toBe('--- a/x.md\n+++ b/x.md\n@@ -1,5 +1,5 @@\n a\n b\n-下午,全省\n+下午，全省\n c\n \n');
  });

  it('leaves an article with an unclosed front matter alone (the loader reports it)', () => {
    expect(lintCopy(FILE, '---\ntitle: [a, b]\n下午,全省\n')).toEqual([]);
  });

  it('banmian lint --fix rewrites the files of an edition and prints the diff', () => {
    const p = sampleProject();
    p.edit('content/sample/finance.md', (s) => s.replace('12月3日下午，', '12月3日下午, ').replace('“千企万户大走访”', '"千企万户大走访"'));
    const run = (...args: string[]) => {
      try {
        return { out: execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'lint', p.edition, ...args], { encoding: 'utf8', stdio: 'pipe' }), status: 0 };
      } catch (e) {
        return { ...(e as { stdout: string; stderr: string; status: number }), out: (e as { stdout: string }).stdout };
      }
    };
    const before = run();
    expect(before.status).toBe(1);
    expect((before as { stderr: string }).stderr).toMatch(/finance\.md:6:8: warning HALF_WIDTH_PUNCT/);
    const fix = run('--fix');
    expect(fix.out).toContain('-12月3日下午, 全省');
    expect(fix.out).toContain('+12月3日下午，全省');
    expect(fix.status).toBe(0); // nothing left for a person
    expect(readFileSync(p.path('content/sample/finance.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'content/sample/finance.md'), 'utf8'));
  });
});

describe('the sample edition', () => {
  it('lints clean: its copy is real newspaper copy', () => {
    const dir = join(ROOT, 'content/sample');
    const all = readdirSync(dir).filter((f) => f.endsWith('.md')).flatMap((f) => lintCopy(join(dir, f), readFileSync(join(dir, f), 'utf8')));
    expect(all.map((f) => `${f.diagnostic.file}:${f.diagnostic.line}: ${f.diagnostic.message}`)).toEqual([]);
  });
});
