/**
 * A Word file (.docx) → paragraphs with what the document marks about them (a Title, Subtitle or
 * Heading style; wholly bold), and what is not copy, named: images, comments and footnotes (kept
 * as editor's notes where they were), tables (their rows kept as paragraphs), tracked changes,
 * list numbers. mammoth reads the document (its tree, not its HTML); the zip is looked into
 * first with fflate, to tell a damaged file from one that is no Word file, to refuse a zip bomb,
 * and to count the tracked changes mammoth settles silently (insertions kept, deletions left out,
 * as Word shows the document with its changes accepted).
 */
import { unzipSync } from 'fflate';
import { diag, type Diagnostic } from '../diagnostic.ts';
import type { Found, SourcePara } from './article.ts';

/** The most a Word file may unpack to: a long feature with photos is a few MB. */
const MAX_UNPACKED = 256 * 1024 * 1024;

interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  isBold?: boolean;
  breakType?: string;
  href?: string;
  anchor?: string;
  commentId?: string;
  noteType?: string;
  noteId?: string;
  numbering?: { isOrdered: boolean; level: string } | null;
  altText?: string;
  checked?: boolean;
  body?: MammothNode[];
  authorName?: string;
}

interface MammothDocument extends MammothNode {
  comments: MammothNode[];
  notes: { resolve(ref: MammothNode): MammothNode };
}

export async function readDocx(file: string, bytes: Uint8Array): Promise<{ paras: SourcePara[]; found: Found[] } | { problem: Diagnostic }> {
  const problem = (code: string, message: string, hint: string) => ({ problem: diag('error', code, message, { file, hint }) });
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return problem('IMPORT_FORMAT', 'this is a Word 97–2003 document (.doc) or an encrypted .docx, not a .docx', 'open it in Word or WPS and save it as a Word document (.docx), without a password');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return problem('IMPORT_FORMAT', 'this is not a Word document (.docx): it is not a zip file', 'save it from Word or WPS as .docx, or as plain text (.txt)');
  let xml: string;
  try {
    let unpacked = 0;
    const parts = unzipSync(bytes, { filter: (f) => { unpacked += f.originalSize; return f.name === 'word/document.xml' || f.name === 'content.xml'; } });
    if (unpacked > MAX_UNPACKED) return problem('DOCX_DAMAGED', `the file unpacks to ${Math.round(unpacked / 2 ** 20)} MB, more than a Word file of copy can`, 'save the copy again from Word, without embedded files');
    const doc = parts['word/document.xml'];
    if (!doc) {
      return problem('IMPORT_FORMAT', parts['content.xml'] ? 'this is an OpenDocument text (.odt), not a .docx' : 'this zip file is not a Word document: it has no word/document.xml', 'save it from Word, WPS or LibreOffice as a Word document (.docx)');
    }
    xml = new TextDecoder().decode(doc);
  } catch (e) {
    return problem('DOCX_DAMAGED', `the Word file is damaged: ${(e as Error).message}`, 'the file was probably cut short in a download or a copy: save or send it again');
  }
  const { default: mammoth } = await import('mammoth');
  let tree: MammothDocument | undefined;
  try {
    await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, {
      externalFileAccess: false,
      // the tree is all we need: the HTML is made of nothing
      transformDocument: (d: MammothDocument) => { tree = d; return { ...d, children: [] }; },
    });
  } catch (e) {
    return problem('DOCX_DAMAGED', `the Word file cannot be read: ${(e as Error).message.split('\n')[0]}`, 'open it in Word or WPS and save it again as .docx');
  }
  return walk(tree!, trackedChanges(xml));
}

/** How a paragraph style marks the headline: Word's built-in names, as stored, and WPS's Chinese ones. */
function styleOf(p: MammothNode): Pick<SourcePara, 'style' | 'level'> {
  const name = (p.styleName ?? p.styleId ?? '').toLowerCase().replace(/\s+/g, '');
  if (name === 'title' || name === '标题') return { style: 'title' };
  if (name === 'subtitle' || name === '副标题') return { style: 'subtitle' };
  const h = /^(?:heading|标题)(\d)$/.exec(name);
  return h ? { style: 'heading', level: Number(h[1]) } : {};
}

/** The document's paragraphs in order, and what was found that is not plain copy. */
function walk(doc: MammothDocument, tracked: Found[]): { paras: SourcePara[]; found: Found[] } {
  const paras: SourcePara[] = [];
  const found: Found[] = [...tracked];
  const comments = new Map(doc.comments.map((c) => [c.commentId, c]));
  let tables = 0, images = 0, links = 0, listItems = 0;
  const plain = (nodes: MammothNode[] | undefined): string => (nodes ?? []).map((n) => n.type === 'text' ? n.value ?? '' : n.type === 'paragraph' ? plain(n.children) + ' ' : plain(n.children)).join('').trim();

  const paragraph = (p: MammothNode, from?: string): void => {
    const style = styleOf(p);
    let text = '', boldChars = 0, plainChars = 0, boldRuns = 0, lastBold = false;
    const notes: string[] = [];
    const flush = () => {
      paras.push({ text, ...style, bold: boldChars > 0 && plainChars === 0, boldRuns: plainChars > 0 ? boldRuns : 0, notes: notes.splice(0), ...(from ? { from } : {}) });
      text = ''; boldChars = plainChars = boldRuns = 0; lastBold = false;
    };
    const inline = (n: MammothNode, bold: boolean): void => {
      switch (n.type) {
        case 'text': {
          const v = n.value ?? '';
          text += v;
          const chars = v.replace(/\s/gu, '').length;
          if (bold && chars) { boldChars += chars; if (!lastBold) boldRuns++; lastBold = true; }
          else if (chars) { plainChars += chars; lastBold = false; }
          return;
        }
        case 'tab': text += ' '; return;
        case 'break': flush(); return; // a line or page break inside a paragraph: copy pasted with hard breaks
        case 'checkbox': text += n.checked ? '☑' : '☐'; return;
        case 'hyperlink':
          if (n.href) links++;
          break;
        case 'image':
          images++;
          notes.push(`图片${n.altText ? `：${n.altText}` : ''}`);
          found.push({ what: 'image', left: true, detail: `image ${images}${n.altText ? ` ("${n.altText}")` : ''} in paragraph ${paras.length + 1}: an editor's note marks where it was; photos are placed by the page manifest` });
          return;
        case 'commentReference': {
          const c = comments.get(n.commentId);
          const said = plain(c?.body);
          notes.push(`批注${c?.authorName ? `（${c.authorName}）` : ''}：${said}`);
          found.push({ what: 'comment', left: true, detail: `comment${c?.authorName ? ` by ${c.authorName}` : ''} in paragraph ${paras.length + 1}: "${said}" — kept as an editor's note` });
          return;
        }
        case 'noteReference': {
          let said = '';
          try { said = plain(doc.notes.resolve(n).body); } catch { /* a reference to no note */ }
          notes.push(`${n.noteType === 'endnote' ? '尾注' : '脚注'}：${said}`);
          found.push({ what: 'note', left: true, detail: `${n.noteType ?? 'footnote'} in paragraph ${paras.length + 1}: "${said}" — kept as an editor's note; put it in the text if it is to be printed` });
          return;
        }
      }
      for (const c of n.children ?? []) inline(c, n.type === 'run' ? n.isBold === true : bold);
    };
    if (p.numbering) listItems++;
    for (const c of p.children ?? []) inline(c, false);
    flush();
  };

  const block = (n: MammothNode): void => {
    if (n.type === 'paragraph') return paragraph(n);
    if (n.type === 'table') {
      tables++;
      const first = paras.length + 1;
      const rows = (n.children ?? []).filter((r) => r.type === 'tableRow');
      let cols = 0;
      rows.forEach((row, i) => {
        const cells = (row.children ?? []).map((cell) => plain(cell.children));
        cols = Math.max(cols, cells.length);
        paras.push({ text: cells.filter(Boolean).join('\u3000'), bold: false, boldRuns: 0, notes: [], from: `table ${tables} row ${i + 1}` });
      });
      found.push({ what: 'table', left: true, detail: `table ${tables} (${rows.length} row${rows.length === 1 ? '' : 's'} × ${cols} column${cols === 1 ? '' : 's'}) at paragraph ${first}: each row set as a paragraph, its cells separated by a full-width space` });
      return;
    }
    for (const c of n.children ?? []) block(c);
  };
  for (const c of doc.children ?? []) block(c);
  if (listItems) found.push({ what: 'list', left: true, detail: `${listItems} list item${listItems === 1 ? '' : 's'}: the numbers or bullets Word adds are not in the text; write them in if they matter` });
  if (links) found.push({ what: 'link', left: false, detail: `${links} link${links === 1 ? '' : 's'}: the text is kept, the address left out` });
  return { paras, found };
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string): string => s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (m, hex: string, dec: string, name: string) =>
  hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ENTITY[name] ?? m);

/** The tracked changes in document.xml: insertions are kept and deletions left out (Word's "accept all"), so both are named. */
function trackedChanges(xml: string): Found[] {
  const out: Found[] = [];
  // a self-closing <w:del/> marks a deleted paragraph mark; the deleted runs are inside <w:del>…</w:del>
  const deleted = [...xml.matchAll(/<w:del\b([^>]*?)(?<!\/)>([\s\S]*?)<\/w:del>/g)]
    .map((m) => ({ author: unescapeXml(/w:author="([^"]*)"/.exec(m[1]!)?.[1] ?? ''), text: unescapeXml([...m[2]!.matchAll(/<w:delText\b[^>]*>([^<]*)<\/w:delText>/g)].map((t) => t[1]).join('')) }))
    .filter((d) => d.text.trim());
  const inserted = xml.match(/<w:ins\b/g)?.length ?? 0;
  if (inserted) out.push({ what: 'tracked', left: false, detail: `${inserted} tracked insertion${inserted === 1 ? '' : 's'}: kept, as if accepted` });
  for (const d of deleted) out.push({ what: 'tracked', left: true, detail: `a tracked deletion${d.author ? ` by ${d.author}` : ''}: "${d.text.length > 40 ? `${d.text.slice(0, 40)}…` : d.text}" — left out, as if accepted` });
  return out;
}
