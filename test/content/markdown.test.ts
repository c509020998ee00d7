/**
 * The plain-text fast path of parseMarkdown builds exactly the tree fromMarkdown (the reference)
 * builds — every node, value and position — and leaves anything that could be other Markdown to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainTree } from '../../src/content/markdown.ts';
import { normalizeText, splitFrontMatter } from '../../src/content/story.ts';

const CONTENT = join(import.meta.dirname, '../../content');

/** The fast tree, which must be there and equal fromMarkdown's. */
function same(body: string): void {
  const fast = plainTree(body);
  expect(fast, JSON.stringify(body)).toBeDefined();
  expect(fast).toStrictEqual(fromMarkdown(body));
}

describe('plain Markdown fast path', () => {
  it('matches fromMarkdown on every article body in content/', () => {
    const files = (readdirSync(CONTENT, { recursive: true }) as string[]).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = normalizeText(readFileSync(join(CONTENT, f), 'utf8'));
      same(text.slice(splitFrontMatter(text).bodyStart));
    }
  });

  it('matches fromMarkdown on indents, trailing spaces, reflowed lines, headings and blank-line edges', () => {
    for (const body of [
      '正文',
      '正文\n',
      '\n\n  正文。  \n\n\n',
      '   第一行 \n      第二行\n 第三行   ',
      '　　全角缩进\n　　续行　',
      '## 小标题\n正文\n### 又一个  \n\n#   多空格  标题  ',
      '正文\n## 标题打断段落\n续',
      '12月5日，总投资86.03亿元，增长5%。\n3.5亿元，PM2.5，COVID-19，OEM。',
      '𠀀𪚥 astral\n\n  \n \n尾',
    ]) same(body);
  });

  it('reads inline HTML that can never close in linear time, into the tree fromMarkdown builds', () => {
    for (const body of [
      '正文<!-- 未关', '正文*<!--*强调', 'a<?b', 'a<![CDATA[x', 'a<!X y', '\\<!-- x', 'a `<!--` b', '[a](<!--)', '[a]( <!--)', '[r]: <!--\n\n[r]',
      '[x<!--y]\n\n[x<!--y]: /u', '正文<!-- 关了 -->后文', '正文<!-- a\n\n-->', '  <!-- x', '正文<? a ?>', '**a<!--**', '正文<!-- a\n## h\n-->',
    ]) expect(parseMarkdown(body), JSON.stringify(body)).toStrictEqual(fromMarkdown(body));
    // micromark reads on to the paragraph's end for each opener: 10,000 took 13 s and more
    for (const opener of ['<!--', '<?', '<![CDATA[', '<!X']) {
      const t0 = performance.now();
      parseMarkdown(`正文${opener} `.repeat(10000));
      expect(performance.now() - t0, opener).toBeLessThan(5000);
    }
  });

  it('leaves everything else to fromMarkdown', () => {
    for (const body of [
      '', '  \n\n ', '`代码`', '*强调*', '_强调_', '[链接](x)', '![图](x)', '<b>', '&amp;', '转义\\*', '~~~', '> 引文',
      '- 列表', '+ 列表', '1. 列表', '1) 列表', '正文\n1. 列表', '---', '正文\n---', '正文\n===', '    缩进代码', '## 标题\n    代码',
      '## 闭合 ##', '## 带#号', '####### 七级', '#无空格', '##', '## ', '    ## 缩进', '硬换行  \n续', '制表\t符', '回车\r\n', '\uFEFF正文', '空\0字符',
    ]) expect(plainTree(body), JSON.stringify(body)).toBeUndefined();
    expect(parseMarkdown('- 列表').children[0]!.type).toBe('list');
  });
});
