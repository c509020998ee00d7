/**
 * The pdfkit adapter for the document and page dictionaries: page boxes, colour space resources
 * and the PDF/X identification, none of which pdfkit's public API can write.
 * Together with pdfText.ts this is the only code touching pdfkit internals.
 */
import { deflateSync } from 'node:zlib';

/** A box in PDF user space (y up, origin at the MediaBox's lower left): [x0, y0, x1, y1]. */
export type PdfBox = [number, number, number, number];

interface Ref { data: unknown; end(): void }

/** pdfkit's PDFReference: a stream's chunks, compressed with zlib's default level when it ends. */
interface StreamRef extends Ref { data: Record<string, unknown>; compress: boolean; buffer: Buffer[]; finalize(): void }

interface DocInternals {
  ref(data?: unknown): Ref;
  info: Record<string, unknown>;
  _root: { data: Record<string, unknown> };
  page: { dictionary: { data: Record<string, unknown> }; colorSpaces: Record<string, unknown> };
}

const internals = (doc: PDFKit.PDFDocument) => doc as unknown as DocInternals;

export function setPageBoxes(doc: PDFKit.PDFDocument, boxes: { trim: PdfBox; bleed: PdfBox }): void {
  const page = internals(doc).page.dictionary.data;
  page.TrimBox = boxes.trim;
  page.BleedBox = boxes.bleed;
  delete page.UserUnit; // a PDF 1.6 key (always 1 here) that PDF/X-1a checkers flag in a 1.4 file
}

/**
 * Compresses the document's streams at zlib level 1 (memLevel 9) instead of pdfkit's level 6: on a
 * broadsheet page of 10,000 characters the font subsets and the page's content stream compress in
 * ~4 ms instead of ~9 ms, for a file ~6% larger (glyph outlines hardly compress at any level).
 * pdfkit compresses a stream only while its `compress` is set, so a stream deflated here is
 * written as it is. Call before the first page.
 */
export function fastDeflate(doc: PDFKit.PDFDocument): void {
  const d = internals(doc);
  const ref = d.ref.bind(d);
  d.ref = (data) => {
    const r = ref(data) as StreamRef;
    const finalize = r.finalize.bind(r);
    r.finalize = () => {
      if (r.compress && r.buffer.length) {
        r.buffer = [deflateSync(Buffer.concat(r.buffer), { level: 1, memLevel: 9 })];
        r.compress = false;
        r.data.Filter = 'FlateDecode';
      }
      finalize();
    };
    return r;
  };
}

/** Writes an object (e.g. a colour space array) once; returns what a resource dictionary refers to. */
export function writeObject(doc: PDFKit.PDFDocument, data: unknown[]): unknown {
  const ref = internals(doc).ref(data);
  ref.end();
  return ref;
}

/** Adds a colour space to the current page's resources under `key` (used as `/key cs`). */
export function addPageColourSpace(doc: PDFKit.PDFDocument, key: string, ref: unknown): void {
  internals(doc).page.colorSpaces[key] = ref;
}

/**
 * A PDF name object. pdfkit writes every JS string in the Info dictionary as a PDF string, but
 * PDF/X needs `/Trapped /False` as a name; pdfkit writes objects it does not recognise with their
 * toString(), so this one prints itself.
 */
class PdfName {
  constructor(private readonly name: string) {}
  get [Symbol.toStringTag](): string { return 'PdfName'; }
  toString(): string { return `/${this.name}`; }
}

/**
 * Declares the file PDF/X-1a:2003 for a printing condition of the ICC registry (e.g. IFRA26,
 * coldset newsprint): the GTS_PDFX output intent, GTS_PDFXVersion and Trapped in the Info.
 * A registered condition needs no embedded output profile.
 */
export function declarePdfX(doc: PDFKit.PDFDocument, condition: string): void {
  const d = internals(doc);
  const intent = d.ref({
    Type: 'OutputIntent', S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(condition), RegistryName: new String('http://www.color.org'),
    Info: new String(condition),
  });
  intent.end();
  d._root.data.OutputIntents = [intent];
  d.info.GTS_PDFXVersion = 'PDF/X-1a:2003';
  d.info.Trapped = new PdfName('False');
}

/** Escapes a name for a PDF name object (UTF-8 bytes, #xx for anything but regular ASCII), without the slash. */
export function pdfName(name: string): string {
  return [...Buffer.from(name, 'utf8')].map((b) => (b > 0x20 && b < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(b))
    ? String.fromCharCode(b) : `#${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
