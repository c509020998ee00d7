/**
 * Every character of an article's body is printed or named in a diagnostic: HTML, footnotes,
 * tables, code, links, images and emphasis each have their rule (docs/diagnostics.md, Articles),
 * and none of them lets copy vanish without a word.
 */
import { describe, expect, it } from 'vitest';
import { parseStory, type Story } from '../../src/content/story.ts';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostic.ts';

const FILE = '/copy/body.md';
const HEAD = '---\ntitle: 标题\ndateline: 本报讯\n---\n'; // the body starts on line 5

/** The story of a body under a front matter, or the errors it stops with. */
function parse(body: string): { story?: Story; errors: Diagnostic[] } {
  try {
    return { story: parseStory('x', FILE, HEAD + body), errors: [] };
  } catch (e) {
    if (e instanceof DiagnosticError) return { errors: e.diagnostics };
    throw e;
  }
}
const texts = (s: Story | undefined) => s?.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.lines.join('|')));
const said = (ds: readonly Diagnostic[] | undefined) => (ds ?? []).map((d) => `${d.code}@${d.line}:${d.col}`);

describe('HTML in a body', () => {
  it('an editor\'s note is dropped with a warning naming it, and the text after it is kept', () => {
    const { story } = parse('<!-- 编辑注：待核实 -->这一句在注释后面。\n\n正文<!-- 注 -->继续。\n\n上文\n<!-- 夹在\n两行 -->下文');
    expect(texts(story)).toEqual(['这一句在注释后面。', '正文继续。', '上文', '下文']);
    expect(story!.blocks[0]!.at).toMatchObject({ line: 5, col: 17 });
    expect(said(story!.warnings)).toEqual(['HTML_COMMENT@5:1', 'HTML_COMMENT@10:1', 'HTML_COMMENT@7:3']);
    expect(story!.warnings![0]!.message).toMatch(/editor's note is not printed: <!-- 编辑注：待核实 -->/);
  });

  it('a note never closed would swallow the rest of the article: an error', () => {
    expect(said(parse('正文。\n\n<!-- 待核实\n\n后面的段落。').errors)).toEqual(['UNCLOSED_COMMENT@7:1']);
  });

  it('block HTML is an error at its line, whatever follows the tag', () => {
    for (const line of ['<div>块内文字。</div>', '<p>段落文字。</p>', '<center>居中文字。</center>', '<script>alert(1)</script>后面的文字。']) {
      const { errors } = parse(`正文。\n\n${line}`);
      expect(said(errors), line).toEqual(['UNSUPPORTED_MARKDOWN@7:1']);
      expect(errors[0]!.message).toMatch(/^HTML \(/);
    }
  });

  it('text-like < and > are text; a tag inside a paragraph is printed as written, with a warning', () => {
    expect(texts(parse('公式a<b,c>d成立。').story)).toEqual(['公式a<b,c>d成立。']);
    const { story } = parse('公式a<b c>d成立，正文<br>换行。');
    expect(texts(story)).toEqual(['公式a<b c>d成立，正文<br>换行。']);
    expect(said(story!.warnings)).toEqual(['HTML_TAG@5:4', 'HTML_TAG@5:15']);
  });
});

describe('Markdown constructs', () => {
  it('footnotes, tables, code blocks and images are errors at their line until supported', () => {
    expect(said(parse('正文。[^1]\n\n[^1]: 脚注内容。').errors)).toEqual(['UNSUPPORTED_MARKDOWN@5:4', 'UNSUPPORTED_MARKDOWN@7:1']);
    expect(said(parse('正文[^注]。').errors)).toEqual(['UNSUPPORTED_MARKDOWN@5:1']);
    const table = parse('正文。\n\n| 甲 | 乙 |\n|---|---|\n| 一 | 二 |').errors;
    expect(said(table)).toEqual(['UNSUPPORTED_MARKDOWN@7:1']);
    expect(table[0]!.message).toMatch(/table/);
    expect(said(parse('正文：\n甲 | 乙\n--- | ---\n一 | 二').errors)).toEqual(['UNSUPPORTED_MARKDOWN@6:1']);
    expect(said(parse('正文。\n\n```\n代码\n```').errors)).toEqual(['UNSUPPORTED_MARKDOWN@7:1']);
    const indented = parse('正文。\n\n    缩进了四个空格的段落。').errors;
    expect(indented[0]!.hint).toMatch(/remove the spaces/);
    expect(said(parse('图![图片说明](a.png)在此。').errors)).toEqual(['UNSUPPORTED_MARKDOWN@5:2']);
  });

  it('a link prints its text and names the address it leaves out; an autolink prints its address', () => {
    const { story } = parse('见[新华网](https://xinhuanet.com "新华")报道，<https://example.com>。\n\n[参考]: https://ref.cn');
    expect(texts(story)).toEqual(['见新华网报道，https://example.com。']);
    expect(said(story!.warnings)).toEqual(['LINK_URL@5:2', 'LINK_URL@7:1']);
    expect(story!.warnings![0]!.message).toMatch(/https:\/\/xinhuanet\.com "新华"/);
    expect(story!.warnings![1]!.message).toMatch(/\[参考\].*https:\/\/ref\.cn/);
    // an address that happens to be in the link text is still left out (found by the fuzzer)
    expect(said(parse('[见1号](<1>)').story!.warnings)).toEqual(['LINK_URL@5:1']);
  });

  it('emphasis and code spans keep their text, with one note an article that they are not set', () => {
    const { story } = parse('这是*强调*和**加粗**，`代码`。\n\n## 又*强调*一次\n\n再`一次`。');
    expect(texts(story)).toEqual(['这是强调和加粗，代码。', '又强调一次', '再一次。']);
    expect(said(story!.warnings)).toEqual(['MARKUP_NOT_SET@5:3', 'MARKUP_NOT_SET@5:15']);
  });

  it('escapes and character references print what they stand for; a thematic break is named', () => {
    const { story } = parse('转义\\*星号\\*，&lt;实体&gt;&copy;。\n\n***\n\n后文。');
    expect(texts(story)).toEqual(['转义*星号*，<实体>©。', '后文。']);
    expect(said(story!.warnings)).toEqual(['MARKUP_NOT_SET@7:1']);
  });

  it('an article with a dateline but no paragraph says the dateline is not printed', () => {
    expect(parse('## 只有小标题').story!.warnings!.find((d) => d.code === 'EMPTY_STORY')!.message).toMatch(/dateline.*not printed/);
  });

  it('knows where each front-matter field is', () => {
    expect(parse('正文。').story!.headAt).toEqual({ title: { file: FILE, line: 2, col: 8 }, dateline: { file: FILE, line: 3, col: 11 } });
  });
});
