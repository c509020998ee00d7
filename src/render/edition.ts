/**
 * edition.pdf: the pages of an edition in order, in one file, for proofing and for printers that
 * take a single file. Built by copying the page PDFs with pdf-lib (MIT), with fixed metadata, so
 * the same pages give the same bytes. It is declared as the pages are (pdfkitDoc.ts): PDF 1.4,
 * the first page's output intent, GTS_PDFXVersion and Trapped, and a file identifier; the page
 * boxes come with the pages.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFObjectCopier } from 'pdf-lib';

/** The Info keys of the PDF/X identification, copied from the first page when it has them. */
const PDFX_INFO = ['GTS_PDFXVersion', 'Trapped'] as const;

export async function mergePages(pages: readonly Uint8Array[], meta: { title: string; date: string }): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  let first: PDFDocument | undefined;
  for (const bytes of pages) {
    const src = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity }); // parsed without yielding to the event loop (a timer turn each 100 objects): nothing else is waiting
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
    first ??= src;
  }
  const when = new Date(`${meta.date}T00:00:00Z`);
  out.setTitle(meta.title);
  out.setProducer('banmian');
  out.setCreator('banmian');
  out.setCreationDate(when);
  out.setModificationDate(when);
  out.setLanguage('zh-CN');
  if (first) declareAsPages(out, first);
  // PDF/X asks for a file identifier: a digest of the pages, so the same pages give the same file
  const id = PDFHexString.of(createHash('md5').update(Buffer.concat(pages.map((p) => Buffer.from(p)))).digest('hex'));
  out.context.trailerInfo.ID = out.context.obj([id, id]);
  const pdf = Buffer.from(await out.save({ useObjectStreams: false, objectsPerTick: Infinity }));
  // pdf-lib always writes a 1.7 header; without object streams the file is 1.4, like its pages
  // (PDF/X-1a:2003 asks for at most 1.4), and the header keeps its length, so no offset moves
  if (pdf.subarray(0, 8).toString('latin1') === '%PDF-1.7') pdf.write('%PDF-1.4', 0, 'latin1');
  return pdf;
}

/** The output intents of `src`'s catalog and the PDF/X keys of its Info, onto `out`. */
function declareAsPages(out: PDFDocument, src: PDFDocument): void {
  const intents = src.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  if (intents) out.catalog.set(PDFName.of('OutputIntents'), PDFObjectCopier.for(src.context, out.context).copy(intents));
  const info = src.context.lookupMaybe(src.context.trailerInfo.Info, PDFDict);
  const outInfo = out.context.lookup(out.context.trailerInfo.Info, PDFDict);
  for (const key of PDFX_INFO) {
    const v = info?.get(PDFName.of(key));
    if (v) outInfo.set(PDFName.of(key), PDFObjectCopier.for(src.context, out.context).copy(src.context.lookup(v)!));
  }
}
