/** Test helpers: the sample edition under a changed house style, and reading PDFs back with pdf-lib. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import { parse, stringify } from 'yaml';

export const ROOT = join(import.meta.dirname, '../..');
export const SAMPLE = join(ROOT, 'layouts/sample/edition.yaml');

/**
 * A copy of the sample edition in a temporary project whose house style is layouts/house.yaml
 * changed by `edit`; returns the edition file. The articles are the sample's (a symlink).
 */
export function sampleWithHouse(edit: (house: Record<string, any>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-print-'));
  mkdirSync(join(dir, 'layouts/sample'), { recursive: true });
  mkdirSync(join(dir, 'content'));
  symlinkSync(join(ROOT, 'content/sample'), join(dir, 'content/sample'));
  const house = parse(readFileSync(join(ROOT, 'layouts/house.yaml'), 'utf8')) as Record<string, any>;
  edit(house);
  writeFileSync(join(dir, 'layouts/house.yaml'), stringify(house));
  for (const f of ['edition.yaml', 'p02.yaml']) copyFileSync(join(ROOT, 'layouts/sample', f), join(dir, 'layouts/sample', f));
  return join(dir, 'layouts/sample/edition.yaml');
}

/** Every page content stream of a PDF, decoded, as latin1 text (page 1 first). */
export async function contentStreams(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const decode = (o: PDFObject | undefined) => (o instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(o).decode()).toString('latin1') : '');
  return doc.getPages().flatMap((p) => {
    const c = p.node.Contents();
    return c instanceof PDFArray ? c.asArray().map((_, i) => decode(c.lookup(i))) : [decode(c)];
  });
}

/** The operators of a content stream with their operands, strings (all hex in our output) dropped. */
export function ops(content: string): { op: string; args: string[] }[] {
  const out: { op: string; args: string[] }[] = [];
  let args: string[] = [];
  for (const t of content.replace(/<[0-9A-Fa-f\s]*>/g, ' ').split(/[\s[\]]+/).filter(Boolean)) {
    if (/^[-+.\d]/.test(t) || t.startsWith('/')) args.push(t);
    else { out.push({ op: t, args }); args = []; }
  }
  return out;
}

/** Every non-stream object of the file and every stream dictionary, as PDF syntax. */
export async function objectTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.context.enumerateIndirectObjects().map(([, o]) => (o instanceof PDFRawStream ? o.dict.toString() : o.toString()));
}

/** The document information dictionary, values as pdf-lib prints them ((string), /Name). */
export async function infoOf(pdf: Uint8Array): Promise<{ info: Record<string, string>; catalog: PDFDict }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const dict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const info: Record<string, string> = {};
  for (const [k] of dict.entries()) {
    const v = dict.lookup(k);
    info[k.decodeText()] = v instanceof PDFName ? v.asString() : (v as unknown as { decodeText(): string }).decodeText();
  }
  return { info, catalog: doc.catalog };
}
