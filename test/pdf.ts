/** Reading PDFs back in tests (mupdf, AGPL: tests and dev tools only, never in the CLI). */
import * as mupdf from 'mupdf';

export interface ExtractedChar {
  c: string;
  x: number; // origin, pt from the left
  y: number; // baseline, pt from the top
  size: number;
}

/** Characters of page 1 in content order, as a PDF reader extracts them (ToUnicode). */
export function extractChars(pdf: Uint8Array): ExtractedChar[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const page = doc.loadPage(0);
  const st = page.toStructuredText('preserve-whitespace');
  const out: ExtractedChar[] = [];
  st.walk({ onChar: (c, origin, _font, size) => out.push({ c, x: origin[0], y: origin[1], size }) });
  st.destroy(); page.destroy(); doc.destroy();
  return out;
}

export function extractText(pdf: Uint8Array): string {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const page = doc.loadPage(0);
  const st = page.toStructuredText('preserve-whitespace');
  const text = st.asText();
  st.destroy(); page.destroy(); doc.destroy();
  return text;
}

export function pageBox(pdf: Uint8Array, box: 'TrimBox' | 'MediaBox' | 'BleedBox'): number[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf') as mupdf.PDFDocument;
  const page = doc.loadPage(0);
  const r = [...page.getBounds(box as never)];
  page.destroy(); doc.destroy();
  return r;
}

export const squash = (s: string): string => s.replace(/\s+/g, '');
