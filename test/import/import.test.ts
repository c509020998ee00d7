/**
 * `banmian import`: Word and plain-text copy into articles — the headline, dateline and body
 * recognised, what is not copy named, every character kept, the same file giving the same
 * Markdown, and every failure a diagnostic with the file and a hint.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStory, type Story } from '../../src/content/story.ts';
import { articleId, importArticle, importMarkdown } from '../../src/import/import.ts';
import { writeArticle, type SourcePara } from '../../src/import/article.ts';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/import');
const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
const scratch = () => { const d = mkdtempSync(join(tmpdir(), 'banmian-import-')); made.push(d); return d; };
const markdown = async (file: string) => { const r = await importMarkdown(file); if ('problem' in r) throw new Error(r.problem.message); return r; };
const storyText = (s: Story) => [...s.kicker, ...s.title, ...s.deck, s.dateline ?? '', ...s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.lines.join('')))].join('');

/** A .docx of the given body XML (paragraphs), zipped as Word would. */
function docx(body: string, styles = ''): Uint8Array {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const files = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/_rels/document.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    'word/styles.xml': `<?xml version="1.0"?><w:styles ${W}>${styles}</w:styles>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}
const p = (text: string, o: { style?: string; bold?: boolean } = {}) =>
  `<w:p>${o.style ? `<w:pPr><w:pStyle w:val="${o.style}"/></w:pPr>` : ''}<w:r>${o.bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`;

describe('a Word document', () => {
  it('becomes an article: kicker and Title-styled title, the dateline into the front matter, paragraphs, a bold line as a subhead', async () => {
    const r = await markdown(join(FIXTURES, 'jinrong.docx'));
    expect(r.markdown).toBe(`---
kicker: 我市安排部署当前金融重点工作
title: 抓紧建立支持小微企业融资协调工作机制
dateline: 本报讯（记者胡嫚嫚 通讯员胡云飞）
---
12月3日下午，全省支持小微企业融资协调工作机制视频会议召开。市委常委、常务副市长金鹏，副市长沈先武在荆州分会场参加会议。

全省视频会议结束后，我市召开支持小微企业融资协调工作机制动员部署会，贯彻落实全省视频会议精神，安排部署我市当前金融重点工作。

## 压实工作责任

会议指出，全市各地各有关部门和金融机构要按照全省视频会议工作部署，抓紧建立我市支持小微企业融资协调工作机制，深入开展“千企万户大走访”活动，打通金融惠企利民的“最后一公里”。<!-- 批注（张编辑）：活动名称请核实 -->

<!-- 图片：金融工作动员部署会现场 -->

会议要求，各地各有关部门要紧盯各项目标任务，确保全年金融工作实现圆满收官。<!-- 脚注：数据来源：市地方金融工作局。 -->

走访企业　1200家

新增授信　35亿元
`);
    expect(r.decided).toEqual([
      'kicker    我市安排部署当前金融重点工作   (the line above the title)',
      'title     抓紧建立支持小微企业融资协调工作机制   (Word style Title)',
      'dateline  本报讯（记者胡嫚嫚 通讯员胡云飞）   (from the first paragraph)',
      'body      6 paragraphs, 1 subhead (a short line in bold)',
      'bold      in 1 place, written as plain text: body text is not set in bold',
    ]);
  });

  it('names what is not copy: tracked changes, a comment, an image, a footnote, a table', async () => {
    const dir = scratch();
    const r = await importArticle(join(FIXTURES, 'jinrong.docx'), dir);
    expect(r.out).toBe(join(dir, 'jinrong.md'));
    expect(r.decided).toContain('tracked   1 tracked insertion: kept, as if accepted');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([
      'warning IMPORT_LEFT_OUT: a tracked deletion by 张编辑: "尽快" — left out, as if accepted',
      'warning IMPORT_LEFT_OUT: comment by 张编辑 in paragraph 6: "活动名称请核实" — kept as an editor\'s note',
      'warning IMPORT_LEFT_OUT: image 1 ("金融工作动员部署会现场") in paragraph 7: an editor\'s note marks where it was; photos are placed by the page manifest',
      'warning IMPORT_LEFT_OUT: footnote in paragraph 8: "数据来源：市地方金融工作局。" — kept as an editor\'s note; put it in the text if it is to be printed',
      'warning IMPORT_TABLE: table 1 (2 rows × 2 columns) at paragraph 9: each row set as a paragraph, its cells separated by a full-width space',
    ]);
    expect(r.diagnostics.every((d) => d.file === join(FIXTURES, 'jinrong.docx') && d.hint)).toBe(true);
  });

  it('gives the same Markdown every time', async () => {
    const a = await markdown(join(FIXTURES, 'jinrong.docx'));
    const b = await markdown(join(FIXTURES, 'jinrong.docx'));
    expect(b.markdown).toBe(a.markdown);
  });

  it('reads Title, Subtitle and Heading styles, and unmarked short lines before the body', async () => {
    const dir = scratch();
    const styles = '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>';
    writeFileSync(join(dir, 'styled.docx'), docx(p('江陵县', { style: 'Title' }) + p('总投资66.25亿元', { style: 'Subtitle' }) + p('12月5日上午，江陵县举行开工活动。') + p('项目建设', { style: '2' }) + p('本次共有20个项目参加集中开工。'), styles));
    const styled = await markdown(join(dir, 'styled.docx'));
    expect(styled.markdown).toBe('---\ntitle: 江陵县\ndeck: 总投资66.25亿元\n---\n12月5日上午，江陵县举行开工活动。\n\n## 项目建设\n\n本次共有20个项目参加集中开工。\n');
    writeFileSync(join(dir, 'plain.docx'), docx(p('为高质量发展提供坚实支撑') + p('——荆州市重大项目集中开工活动扫描') + p('新华社北京12月8日电　国务院办公厅日前印发意见。')));
    expect((await markdown(join(dir, 'plain.docx'))).markdown).toBe('---\ntitle: 为高质量发展提供坚实支撑\ndeck: ——荆州市重大项目集中开工活动扫描\ndateline: 新华社北京12月8日电\n---\n国务院办公厅日前印发意见。\n');
  });

  it('writes every character so that the article reads it back: Markdown syntax escaped, | in a headline as ｜', () => {
    const para = (text: string, o: Partial<SourcePara> = {}): SourcePara => ({ text, bold: false, boldRuns: 0, notes: [], ...o });
    const paras = [para('标题|有竖线', { style: 'title' }), para('# 不是标题'), para('1. 不是列表'), para('- 不是列表'), para('*星号*和_下划线_、`反引号`、[方括号](链接)、<b>标签</b>、&amp;实体、\\反斜杠'), para('---'), para('===')];
    const { markdown: md } = writeArticle(paras);
    const s = parseStory('x', '/x.md', md);
    expect(s.title).toEqual(['标题｜有竖线']);
    expect(s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `## ${b.lines.join('|')}`))).toEqual(paras.slice(1).map((x) => x.text));
    expect(md.split('\n').filter((l) => /^[#1-] /.test(l))).toEqual([]); // none left to be read as syntax
    expect(s.warnings).toEqual([]);
  });
});

describe('plain text', () => {
  it('in GBK is read as GB18030 and converted; wire copy gets its title, deck and dateline', async () => {
    const r = await markdown(join(FIXTURES, 'wire-gbk.txt'));
    expect(r.decided[0]).toBe('encoding  GB18030, converted to UTF-8');
    expect(r.markdown).toBe(`---
title: 国务院办公厅印发意见
deck: ——进一步优化政务服务提升行政效能
dateline: 新华社北京12月8日电
---
国务院办公厅日前印发《关于进一步优化政务服务提升行政效能的意见》，要求各地区各部门切实提升办事效率。

《意见》提出，到2025年，政务服务标准化、规范化、便利化水平显著提升。

《意见》要求，各地区各部门要加强组织领导，狠抓工作落实。
`);
  });

  it('in UTF-8 (with or without BOM) or UTF-16 gives the same article; hand-wrapped lines are joined', async () => {
    const dir = scratch();
    const text = '标题\n本报讯 今天下午，会议召开。\n第二段。\n';
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'b.txt'), `\ufeff${text}`);
    writeFileSync(join(dir, 'c.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'd.txt'), iconv.encode(text.replace(/\n/g, '\r\n'), 'gbk'));
    const mds = await Promise.all(['a', 'b', 'c', 'd'].map(async (n) => (await markdown(join(dir, `${n}.txt`))).markdown));
    expect(new Set(mds).size).toBe(1);
    expect(mds[0]).toBe('---\ntitle: 标题\ndateline: 本报讯\n---\n今天下午，会议召开。\n\n第二段。\n');
    writeFileSync(join(dir, 'wrapped.txt'), 'The first paragraph\nwraps here.\n\n第二段的文字\n在这里折行。\n');
    expect((await markdown(join(dir, 'wrapped.txt'))).markdown).toBe('---\ntitle: The first paragraph wraps here.\n---\n第二段的文字在这里折行。\n');
  });
});

describe('failures are diagnostics with the file and a hint', () => {
  it.each([
    ['cut.docx', 'DOCX_DAMAGED', () => readFileSync(join(FIXTURES, 'jinrong.docx')).subarray(0, 2000)],
    ['notzip.docx', 'IMPORT_FORMAT', () => Buffer.from('just text, named .docx')],
    ['old.docx', 'IMPORT_FORMAT', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
    ['odt.docx', 'IMPORT_FORMAT', () => zipSync({ 'content.xml': strToU8('<office:document-content/>') })],
    ['empty-zip.docx', 'IMPORT_FORMAT', () => zipSync({ 'a.txt': strToU8('a') })],
    ['garbage.docx', 'DOCX_DAMAGED', () => zipSync({ 'word/document.xml': strToU8('<w:document><unclosed') })],
    ['bytes.txt', 'TEXT_ENCODING', () => Buffer.from([0x61, 0x0a, 0xff, 0xff, 0x80, 0x30])],
    ['report.pdf', 'IMPORT_FORMAT', () => Buffer.from('%PDF-1.7')],
    ['blank.txt', 'IMPORT_EMPTY', () => Buffer.from('\n  \n\u3000\n')],
  ])('%s: %s', async (name, code, bytes) => {
    const dir = scratch();
    writeFileSync(join(dir, name), bytes());
    const r = await importArticle(join(dir, name), join(dir, 'content'));
    expect(r.out).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.file])).toEqual([['error', code, join(dir, name)]]);
    expect(r.diagnostics[0]!.hint).toBeTruthy();
  });

  it('never replaces an article without --force, and says so', async () => {
    const dir = scratch();
    const first = await importArticle(join(FIXTURES, 'wire-gbk.txt'), dir);
    writeFileSync(first.out!, 'edited by hand\n');
    const again = await importArticle(join(FIXTURES, 'wire-gbk.txt'), dir);
    expect(again.diagnostics.map((d) => d.code)).toEqual(['IMPORT_EXISTS']);
    expect(again.diagnostics[0]!.hint).toMatch(/--force/);
    expect(readFileSync(first.out!, 'utf8')).toBe('edited by hand\n');
    const forced = await importArticle(join(FIXTURES, 'wire-gbk.txt'), dir, { force: true });
    expect(readFileSync(forced.out!, 'utf8')).toMatch(/^---\ntitle: 国务院办公厅印发意见/);
    // two files of one import that would be the same article: the second is refused, even forced
    const taken = new Set(['wire-gbk']);
    expect((await importArticle(join(FIXTURES, 'wire-gbk.txt'), dir, { force: true, taken })).diagnostics.map((d) => d.code)).toEqual(['IMPORT_EXISTS']);
  });

  it('makes the article id from the file name', () => {
    expect(articleId('/x/抓紧建立工作机制.docx')).toBe('抓紧建立工作机制');
    expect(articleId('/x/Report 12-08 (final).TXT')).toBe('report-12-08-final');
    expect(articleId('/x/２０２４年 新华社稿（终）.docx')).toBe('2024年-新华社稿-终');
    expect(articleId('/x/—.docx')).toBe('article');
  });
});

describe('banmian import', () => {
  it('writes content/<edition>/<id>.md, prints what it decided and the warnings, and exits 0', () => {
    const dir = scratch();
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'import', join(FIXTURES, 'jinrong.docx'), '--edition', 'demo'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
    const md = readFileSync(join(dir, 'content/demo/jinrong.md'), 'utf8');
    expect(storyText(parseStory('jinrong', 'x.md', md))).toContain('本报讯（记者胡嫚嫚 通讯员胡云飞）12月3日下午');
    let failed: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'import', join(FIXTURES, 'jinrong.docx'), '--edition', 'demo'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      failed = e as { status: number; stderr: string };
    }
    expect(failed?.status).toBe(1);
    expect(failed?.stderr).toMatch(/error IMPORT_EXISTS: .*jinrong\.md exists: not replaced/);
  });
});
