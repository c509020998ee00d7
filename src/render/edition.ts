/**
 * edition.pdf: the pages of an edition in order, in one file, for proofing and for printers that
 * take a single file. Built by copying the page PDFs with pdf-lib (MIT), with fixed metadata, so
 * the same pages give the same bytes.
 */
import { PDFDocument } from 'pdf-lib';

export async function mergePages(pages: readonly Uint8Array[], meta: { title: string; date: string }): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const bytes of pages) {
    const src = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
  }
  const when = new Date(`${meta.date}T00:00:00Z`);
  out.setTitle(meta.title);
  out.setProducer('banmian');
  out.setCreator('banmian');
  out.setCreationDate(when);
  out.setModificationDate(when);
  return Buffer.from(await out.save({ useObjectStreams: false }));
}
