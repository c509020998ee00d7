/**
 * Every text on the page goes through one glyph check: a character no font has is reported once,
 * at its own source — a headline deck or the dateline at its front-matter line, a subhead at its
 * line, a caption, credit, section, editors' credit or the paper's name at its manifest line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import { lineOf, sampleProject } from '../project.ts';

describe('missing glyphs outside the body', () => {
  it('are reported once each, where their text is written', () => {
    const p = sampleProject();
    const jinan = p.path('content/sample/jinan.md'), glass = p.path('content/sample/glass.md'), river = p.path('content/sample/river.md');
    const page = p.path('layouts/sample/p02.yaml');
    p.edit('content/sample/jinan.md', (s) => s.replace('kicker: 纪南文旅区', 'kicker: 纪南😀文旅区').replace('title: 4个项目', 'title: 4个😁项目')
      .replace('deck: 总投资', 'deck: 总😂投资').replace('dateline: 本报讯', 'dateline: 本报讯🤣'));
    p.edit('content/sample/glass.md', (s) => s.replace('2024年第二次学术交流会在荆举行]', '2024年第二次😃交流会在荆举行]'));
    p.edit('content/sample/river.md', (s) => s.replace('## “三游同治”', '## “三游😄同治”'));
    p.edit('layouts/sample/p02.yaml', (s) => s.replace('caption: 重大项目', 'caption: 重大😅项目').replace('credit: banmian 制图', 'credit: banmian😆制图')
      .replace('section: 要闻', 'section: 要😉闻').replace('校对: 王五', '校对: 王😊五'));
    p.edit('layouts/sample/edition.yaml', (s) => s.replace(/^paper: (.*)$/m, 'paper: $1😍'));
    const missing = layoutTarget(p.edition).diagnostics.filter((d) => d.code === 'MISSING_GLYPH');
    const at = (emoji: string) => missing.filter((d) => d.message.includes(`"${emoji}"`)).map((d) => `${d.file}:${d.line}`);
    expect(at('😀')).toEqual([`${jinan}:${lineOf(jinan, 'kicker:')}`]);
    expect(at('😁')).toEqual([`${jinan}:${lineOf(jinan, 'title:')}`]); // a vertical headline (竖题)
    expect(at('😂')).toEqual([`${jinan}:${lineOf(jinan, 'deck:')}`]);
    expect(at('🤣')).toEqual([`${jinan}:${lineOf(jinan, 'dateline:')}`]);
    expect(at('😃')).toEqual([`${glass}:${lineOf(glass, 'title:')}`]);
    expect(at('😄')).toEqual([`${river}:${lineOf(river, '三游😄同治')}`]);
    expect(at('😅')).toEqual([`${page}:${lineOf(page, 'caption:')}`]);
    expect(at('😆')).toEqual([`${page}:${lineOf(page, 'caption:')}`]);
    expect(at('😉')).toEqual([`${page}:${lineOf(page, 'section:')}`]);
    expect(at('😊')).toEqual([`${page}:${lineOf(page, 'credits:')}`]);
    const edition = p.edition;
    expect(at('😍')).toEqual([`${edition}:${lineOf(edition, 'paper:')}`]);
    expect(missing.every((d) => d.severity === 'warning' && d.hint && d.page === 2)).toBe(true);
  });

  it('in a story threaded over pages, are reported once, by the part that sets the character', () => {
    const p = sampleProject();
    const glass = p.path('content/sample/glass.md');
    p.edit('content/sample/glass.md', (s) => { const lines = s.trimEnd().split('\n'); lines[4] = `😀${lines[4]}`; lines[lines.length - 1] += '😁'; return `${lines.join('\n')}\n`; });
    const missing = layoutTarget(p.path('layouts/threads/edition.yaml')).diagnostics.filter((d) => d.code === 'MISSING_GLYPH');
    expect(missing.map((d) => `${/"(.+?)"/.exec(d.message)![1]} ${d.file}:${d.line}:${d.col} p${d.page} ${d.block}`)).toEqual([
      `😀 ${glass}:5:1 p1 glass`,
      `😁 ${glass}:${lineOf(glass, '😁')}:${readFileSync(glass, 'utf8').split('\n')[lineOf(glass, '😁') - 1]!.indexOf('😁') + 1} p3 glass-3`,
    ]);
  });
});

describe('a paragraph written over several source lines', () => {
  // the third paragraph of the lead story, rewrapped: an indented second line, emphasis and 😀 on the third
  const p = sampleProject();
  const finance = p.path('content/sample/finance.md');
  p.edit('content/sample/finance.md', (s) => s.replace('工作部署，抓紧建立', '工作部署，\n  抓紧建立').replace('明确工作任务，压实工作责任，迅速组建专班', '明确工作任务，\n压实**工作**责任，😀迅速组建专班'));
  const layout = layoutTarget(p.edition);
  const source = readFileSync(finance, 'utf8').split('\n');

  it('reports a character no font has at its own line and column', () => {
    const missing = layout.diagnostics.filter((d) => d.code === 'MISSING_GLYPH');
    const line = lineOf(finance, '😀');
    expect(missing.map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual([`${finance}:${line}:${source[line - 1]!.indexOf('😀') + 1}`]);
  });

  it('gives each display line the place of its first character, on whichever source line it is', () => {
    const block = layout.pages[0]!.blocks.find((b) => b.id === 'finance')!;
    const para = block.frames.flatMap((f) => f.lines).filter((l) => l.role === 'body' && l.para === 2);
    const first = lineOf(finance, '会议指出');
    expect(para.some((l) => l.at!.line! > first)).toBe(true);
    for (const l of para) expect(source[l.at!.line! - 1]!.slice(l.at!.col! - 1).startsWith(l.text.trimStart().slice(0, 2))).toBe(true);
  });
});
