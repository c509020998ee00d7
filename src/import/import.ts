/**
 * A reporter's file → an article: a Word document (.docx, docx.ts) or plain text (.txt, UTF-8 or
 * GBK/GB18030, decode.ts) into `<folder>/<id>.md` (article.ts), the id made from the file's name.
 * An existing article is never replaced unless asked. The same file gives the same Markdown.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { diag, DiagnosticError, type Diagnostic } from '../diagnostic.ts';
import { readInput } from '../inputFile.ts';
import { writeAtomic } from '../output.ts';
import { parseStory } from '../content/story.ts';
import { writeArticle, type Found, type SourcePara } from './article.ts';
import { decodeText } from './decode.ts';

export interface ImportResult {
  out?: string; // the article written
  decided: string[]; // what was recognised, one line each
  diagnostics: Diagnostic[]; // what was left out or could not be done
}

/** The article id a file name gives: letters (Chinese too) and digits, anything else a hyphen. */
export function articleId(file: string): string {
  const name = basename(file, extname(file)).normalize('NFKC').toLowerCase();
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'article';
}

/** The Markdown of an article made from `file`, with what was decided and found; or why it cannot be read. */
export async function importMarkdown(file: string): Promise<{ markdown: string; decided: string[]; found: Found[]; empty: boolean } | { problem: Diagnostic }> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.docx' && ext !== '.txt') {
    return { problem: diag('error', 'IMPORT_FORMAT', `${basename(file)}: banmian imports Word documents (.docx) and plain text (.txt)`, { file, hint: ext === '.doc' ? 'save the .doc from Word or WPS as .docx' : 'save the copy as .docx or as .txt' }) };
  }
  const { bytes, diagnostics } = readInput(file, ext === '.docx' ? 'document' : 'article', ext === '.docx' ? 'Word document' : 'text file');
  if (!bytes) return { problem: diagnostics[0]! };
  let paras: SourcePara[], found: Found[] = [];
  const decided: string[] = [];
  if (ext === '.docx') {
    const { readDocx } = await import('./docx.ts'); // mammoth loads with this command only
    const r = await readDocx(file, bytes);
    if ('problem' in r) return r;
    ({ paras, found } = r);
  } else {
    const r = decodeText(file, bytes);
    if ('problem' in r) return r;
    if (r.encoding !== 'UTF-8') decided.push(`encoding  ${r.encoding}, converted to UTF-8`);
    paras = textParagraphs(r.text.replace(/^\uFEFF/, ''));
  }
  const a = writeArticle(paras);
  return { markdown: a.markdown, decided: [...decided, ...a.decided], found, empty: a.empty };
}

/**
 * Plain text as paragraphs: a line each, as reporters type them (a 　　 indent, no blank lines)
 * — unless blank lines separate blocks of several lines none of which is indented: text wrapped
 * by hand, whose lines are joined.
 */
function textParagraphs(text: string): SourcePara[] {
  const blocks = text.split(/(?:\r\n?|\n)[ \t\u3000]*(?:\r\n?|\n)/);
  const lines = (b: string) => b.split(/\r\n?|\n/).filter((l) => l.trim());
  const wrapped = blocks.length > 1 && blocks.some((b) => lines(b).length > 1) && blocks.every((b) => lines(b).slice(1).every((l) => !/^[ \t\u3000]/.test(l)));
  const para = (t: string): SourcePara => ({ text: t, bold: false, boldRuns: 0, notes: [] });
  if (!wrapped) return lines(text).map(para);
  // a wrapped line joins the next without a space between Chinese characters, with one between Latin words
  return blocks.map((b) => para(lines(b).map((l) => l.trim()).reduce((s, l) => (s && /[\x21-\x7e]$/.test(s) && /^[\x21-\x7e]/.test(l) ? `${s} ${l}` : s + l), '')));
}

/** Imports `file` into `dir`, as `<id>.md`; `taken`: ids written earlier in the same run. */
export async function importArticle(file: string, dir: string, o: { force?: boolean; taken?: Set<string> } = {}): Promise<ImportResult> {
  const id = articleId(file);
  const out = join(dir, `${id}.md`);
  if (o.taken?.has(id)) {
    return { decided: [], diagnostics: [diag('error', 'IMPORT_EXISTS', `${basename(file)} would be ${id}.md too, which an earlier file of this import wrote`, { file, hint: 'rename one of the files; the article id is made from the file name' })] };
  }
  if (existsSync(out) && !o.force) {
    return { decided: [], diagnostics: [diag('error', 'IMPORT_EXISTS', `${out} exists: not replaced`, { file, hint: `banmian import --force replaces it (its edits are lost); or rename ${basename(file)}` })] };
  }
  const r = await importMarkdown(file);
  if ('problem' in r) return { decided: [], diagnostics: [r.problem] };
  if (r.empty) return { decided: r.decided, diagnostics: [diag('error', 'IMPORT_EMPTY', `${basename(file)} has no text to import`, { file, hint: 'check it is the file meant; a scanned page is a picture, not text' })] };
  const diagnostics = r.found.filter((f) => f.left).map((f) => diag('warning', f.what === 'table' ? 'IMPORT_TABLE' : 'IMPORT_LEFT_OUT', f.detail, { file, hint: HINTS[f.what] }));
  const decided = [...r.decided, ...r.found.filter((f) => !f.left).map((f) => `${f.what.padEnd(9)} ${f.detail}`)];
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomic(out, Buffer.from(r.markdown, 'utf8'));
  } catch (e) {
    return { decided: r.decided, diagnostics: [diag('error', 'OUTPUT_UNWRITABLE', `${out} cannot be written: ${(e as Error).message}`, { file: out, hint: 'check the folder named, or --edition another' })] };
  }
  o.taken?.add(id);
  // the article as the build will read it: what it cannot set is reported now
  try {
    parseStory(id, out, r.markdown);
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    diagnostics.push(...e.diagnostics);
  }
  return { out, decided, diagnostics };
}

const HINTS: Record<Found['what'], string> = {
  image: 'place the photo in the page manifest (a block\'s image: or photos:); delete the note when done',
  comment: 'answer the comment in the copy, then delete the note',
  note: 'footnotes are not printed: put the note in the text, in parentheses, or delete it',
  table: 'banmian does not set tables: check the rows read as text, or ask the designer for a graphic',
  tracked: 'check the change was meant to be accepted; the .docx keeps it',
  list: 'write the numbers into the text (一、二、 or 1. 2.) if the order matters',
  link: '',
};
