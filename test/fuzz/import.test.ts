/**
 * Fuzzing `banmian import` with what reporters' files hold: Word documents of random paragraphs
 * (any text XML can carry, headline and heading styles, bold here and there, line breaks) and
 * plain text as UTF-8, GB18030 or random bytes. The importer never crashes, and never loses
 * text: every character that is not white space is in the article the loader reads back.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseStory, type Story } from '../../src/content/story.ts';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { importMarkdown } from '../../src/import/import.ts';
import { hostileText, scratch, survives } from './hostile.ts';

/** Copy pieces in the forms datelines, bylines and headlines take, mixed with hostile text. */
const COPY = ['本报讯', '（记者胡嫚嫚 通讯员胡云飞）', '新华社北京12月8日电', '　', '  ', '本报记者 张三', '中央社記者吳柏緯台北8日電', '——', '12月3日下午，', '全省召开会议。', '|', '｜', '\t', 'Latin words', '**', '#', '1. ', '<b>', '&amp;', '\\'];
const text = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...COPY), { maxLength: 12 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: hostileText },
);

/** What XML 1.0 can carry: no control characters but tab and line ends, no lone surrogates, no U+FFFE/FFFF. */
const xmlSafe = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
const xmlText = (s: string): string => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Para { runs: { text: string; bold: boolean }[]; style?: string; breakAfter: boolean }
const para: fc.Arbitrary<Para> = fc.record({
  runs: fc.array(fc.record({ text, bold: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  style: fc.option(fc.constantFrom('Title', 'Subtitle', 'Heading1', 'Heading2', 'BodyText'), { nil: undefined }),
  breakAfter: fc.boolean(),
});

const STYLES = [['Title', 'Title'], ['Subtitle', 'Subtitle'], ['Heading1', 'heading 1'], ['Heading2', 'heading 2'], ['BodyText', 'Body Text']]
  .map(([id, name]) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`).join('');
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function docx(paras: Para[]): Uint8Array {
  const body = paras.map((p) => `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ''}${p.runs.map((r) =>
    `<w:r>${r.bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlText(r.text)}</w:t></w:r>`).join('')}${p.breakAfter ? '<w:r><w:br/></w:r>' : ''}</w:p>`).join('');
  const files = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/_rels/document.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    'word/styles.xml': `<?xml version="1.0"?><w:styles ${W}>${STYLES}</w:styles>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

/**
 * The characters of a text that are copy, in order of code point: white space aside (NEL too,
 * which Word's XML reader takes for a line end, as U+2028), | and ｜ one mark, NUL as Markdown reads it.
 */
const copyChars = (s: string): string => [...s.replace(/[\s\u0085|｜]/gu, '').replace(/\0/g, '\ufffd')].sort().join('');
const storyText = (s: Story): string => [...s.kicker, ...s.title, ...s.deck, s.dateline ?? '', ...s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.lines.join('')))].join('');

/** Imports `file` and reads the article back: its text must hold every character of `want`. */
async function keepsText(file: string, want: string | undefined): Promise<void> {
  const r = await importMarkdown(file);
  if ('problem' in r) throw new DiagnosticError([r.problem]);
  let story: Story;
  try {
    story = parseStory('x', '/fuzz/x.md', r.markdown);
  } catch (e) {
    // the copy itself may be what the loader refuses (乱码 pasted in, a 300-character "title"), never the importer's Markdown
    if (e instanceof DiagnosticError && e.diagnostics.every((d) => d.code === 'MOJIBAKE' || d.code === 'TEXT_TOO_LONG')) return;
    throw e;
  }
  if (want !== undefined) expect(copyChars(storyText(story))).toBe(copyChars(want));
}

describe('fuzz: import', () => {
  it('a Word document of random paragraphs: imported without a crash, every character kept', async () => {
    const p = scratch();
    await survives('import docx', fc.array(para, { maxLength: 10 }), async (paras) => {
      const file = p.write('in.docx', docx(paras));
      await keepsText(file, paras.flatMap((q) => q.runs.map((r) => xmlSafe(r.text).replace(/\r\n?/g, '\n'))).join(''));
    }, { quick: 40, long: 3000, ms: 5000 }, 18);
  });

  it('plain text as UTF-8 or GB18030 bytes: decoded, imported, every character kept', async () => {
    const p = scratch();
    const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
    await survives('import txt', fc.tuple(text.map(wellFormed), fc.constantFrom('utf8', 'gb18030')), async ([t, enc]) => {
      const bytes = enc === 'utf8' ? Buffer.from(t, 'utf8') : iconv.encode(t, 'gb18030');
      const file = p.write('in.txt', bytes);
      let asUtf8 = true;
      try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { asUtf8 = false; }
      // GB18030 bytes that happen to be valid UTF-8 too are read as UTF-8 (valid UTF-8 first): a different text, by design
      const want = enc === 'gb18030' && asUtf8 && t !== bytes.toString('utf8') ? undefined : t.replace(/^\ufeff/, '');
      await keepsText(file, want);
    }, { quick: 60, long: 5000, ms: 3000 }, 19);
  });

  it('random bytes as .txt or .docx: an article or a diagnostic, never a crash', async () => {
    const p = scratch();
    await survives('import bytes', fc.tuple(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('txt', 'docx')), async ([b, ext]) => {
      await keepsText(p.write(`in.${ext}`, b), undefined);
    }, { quick: 60, long: 5000, ms: 3000 }, 20);
  });

  it('a damaged Word file (bytes changed or cut): a diagnostic, never a crash', async () => {
    const p = scratch();
    const good = docx([{ runs: [{ text: '标题', bold: false }], style: 'Title', breakAfter: false }, { runs: [{ text: '本报讯 正文。', bold: true }], breakAfter: false }]);
    await survives('import damaged docx', fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat()), async ([edits, cutAt]) => {
      const b = good.slice(0, Math.max(4, good.length - (cutAt % 64)));
      for (const [at, v] of edits) b[at % b.length] = v;
      await keepsText(p.write('in.docx', b), undefined);
    }, { quick: 60, long: 5000, ms: 3000 }, 21);
  });

  it('imports the fixture the same way each time (seeded cases reach real paths)', async () => {
    const r = await importMarkdown(join(import.meta.dirname, '../fixtures/import/jinrong.docx'));
    expect('markdown' in r && r.markdown.startsWith('---\nkicker:')).toBe(true);
  });
});
