/**
 * preflight: a PDF file read as a whole before anything is checked in it: the header and the
 * trailer at its ends (a file cut short in copying has no startxref and %%EOF), its objects
 * (pdf-lib's parser, object streams decoded within the budget), the catalog, and the page tree
 * walked once — every node visited once, loops and nodes listed twice named, not followed.
 */
import {
  PDFArray, PDFDict, PDFInvalidObject, PDFName, PDFParser, PDFRawStream, PDFRef, PDFStreamParsingError,
  type PDFContext, type PDFObject, type PDFStream, type Position,
} from 'pdf-lib';
import { DecodeLimit, type DecodeBudget } from './decode.ts';

/** A file preflight cannot read at all: the code says why (PDF_UNREADABLE, PDF_TRUNCATED). */
export class UnreadablePdf extends Error {
  constructor(readonly code: 'PDF_UNREADABLE' | 'PDF_TRUNCATED', message: string) {
    super(message);
  }
}

/** What makes a readable file not a whole PDF. */
export interface Flaw {
  code: 'PDF_DAMAGED' | 'PDF_NO_PAGES' | 'DECODE_LIMIT';
  message: string;
}

/** A page with the attributes it inherits from the page tree resolved on the way down. */
export interface PageNode {
  node: PDFDict;
  media?: PDFObject;
  resources?: PDFObject;
}

export interface PdfDocument {
  context: PDFContext;
  catalog: PDFDict;
  pages: PageNode[];
  flaws: Flaw[];
}

const END = 1024; // %PDF- within the first KB, %%EOF within the last, as readers accept them

export async function readPdf(bytes: Uint8Array, budget: DecodeBudget): Promise<PdfDocument> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = buf.indexOf('%PDF-');
  if (header < 0 || header > END) throw new UnreadablePdf('PDF_UNREADABLE', 'it does not start with %PDF-: not a PDF file');
  const tail = buf.subarray(Math.max(0, buf.length - END)).toString('latin1');
  const xref = /startxref\s+(\d+)\s+%%EOF/.exec(tail.slice(tail.lastIndexOf('startxref')));
  if (!xref || Number(xref[1]) >= buf.length) {
    throw new UnreadablePdf('PDF_TRUNCATED', `the file ends at ${buf.length} bytes without its trailer (startxref … %%EOF): it was cut short`);
  }

  const parser = new BudgetedParser(bytes, budget);
  const { warn } = console;
  const { stackTraceLimit } = Error;
  console.warn = () => {}; // pdf-lib's notes on objects it cannot parse: the flaws below name them
  Error.stackTraceLimit = 0; // over damaged bytes pdf-lib throws and catches an error per byte: without stacks they cost little
  let context: PDFContext;
  try {
    context = await parser.parseDocument();
  } catch (e) {
    const deep = e instanceof RangeError && /call stack/.test(e.message);
    throw new UnreadablePdf('PDF_UNREADABLE', deep ? 'its objects are nested too deeply to read' : (e as Error).message);
  } finally {
    console.warn = warn;
    Error.stackTraceLimit = stackTraceLimit;
  }

  const flaws: Flaw[] = parser.limits.map((message) => ({ code: 'DECODE_LIMIT', message }));
  const invalid = context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFInvalidObject);
  if (invalid.length) {
    const deepest = Math.max(...invalid.slice(0, 100).map(([, o]) => nesting(o as PDFInvalidObject)));
    flaws.push({
      code: 'PDF_DAMAGED',
      message: `${invalid.length} object${invalid.length === 1 ? '' : 's'} could not be read (${invalid.slice(0, 5).map(([r]) => r.toString()).join(', ')}${invalid.length > 5 ? ' …' : ''})` +
        (deepest > 256 ? `: nested ${deepest} deep` : ''),
    });
  }
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) throw new UnreadablePdf('PDF_UNREADABLE', 'it has no document catalog (/Root)');
  const pages = pageTree(context, catalog, flaws);
  if (!pages.length) flaws.push({ code: 'PDF_NO_PAGES', message: 'the file has no pages' });
  return { context, catalog, pages, flaws };
}

/**
 * pdf-lib's parser, except that object and cross-reference streams, which it inflates while
 * parsing, are decoded within the budget; and that a stream whose /Length is wrong is ended at the
 * next endstream found natively, each stretch of the file searched once (pdf-lib walks from every
 * such stream to its end byte by byte: many of them made the parse quadratic).
 */
class BudgetedParser extends PDFParser {
  readonly limits: string[] = [];
  private readonly file: Buffer;
  private lastSearch?: { from: number; at: number }; // the first endstream at or after `from`, -1 for none

  constructor(bytes: Uint8Array, private readonly budget: DecodeBudget) {
    super(bytes, Infinity, false, false); // Infinity: never wait a tick between objects
    this.file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  protected override findEndOfStreamFallback(startPos: Position): number {
    const from = this.bytes.offset();
    const last = this.lastSearch;
    const at = last && from >= last.from && (last.at < 0 || from <= last.at) ? last.at : this.file.indexOf('endstream', from, 'latin1');
    this.lastSearch = { from, at };
    if (at < 0) throw new PDFStreamParsingError(startPos);
    let end = at; // the data ends before the end of line that precedes endstream
    if (this.file[end - 1] === 0x0a) end--;
    if (this.file[end - 1] === 0x0d) end--;
    this.bytes.moveTo(at + 'endstream'.length);
    return Math.max(end, from);
  }

  protected override parseDictOrStream(): PDFDict | PDFStream {
    const o = super.parseDictOrStream();
    if (!(o instanceof PDFRawStream)) return o;
    const type = o.dict.get(PDFName.of('Type'));
    if (type !== PDFName.of('ObjStm') && type !== PDFName.of('XRef')) return o;
    let data: Uint8Array;
    try {
      data = this.budget.decode(o);
    } catch (e) {
      if (e instanceof DecodeLimit) this.limits.push(`an ${type === PDFName.of('XRef') ? 'cross-reference' : 'object'} stream ${e.message}`);
      throw e; // pdf-lib keeps the object as unreadable and goes on
    }
    const dict = o.dict.clone();
    dict.delete(PDFName.of('Filter'));
    dict.delete(PDFName.of('DecodeParms'));
    return PDFRawStream.of(dict, data);
  }
}

/** The deepest nesting of << and [ in an object's bytes (strings not told apart: a hint, not a parse). */
function nesting(o: PDFInvalidObject): number {
  const b = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(b, 0);
  let depth = 0, max = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x5b || (c === 0x3c && b[i + 1] === 0x3c)) { if (++depth > max) max = depth; if (c === 0x3c) i++; }
    else if (c === 0x5d || (c === 0x3e && b[i + 1] === 0x3e)) { depth--; if (c === 0x3e) i++; }
  }
  return max;
}

interface Level {
  kids: PDFArray;
  next: number;
  node: PDFDict;
  media?: PDFObject;
  resources?: PDFObject;
}

/** The pages in order, each node visited once, with a stack instead of recursion; what is wrong with the tree goes to `flaws`. */
function pageTree(ctx: PDFContext, catalog: PDFDict, flaws: Flaw[]): PageNode[] {
  const pages: PageNode[] = [];
  const seen = new Set<PDFDict>();
  const path = new Set<PDFDict>();
  const wrong = new Map<string, number>(); // a problem → how often
  const note = (m: string) => wrong.set(m, (wrong.get(m) ?? 0) + 1);
  const stack: Level[] = [];
  const enter = (key: PDFObject | undefined, parent: Level | undefined) => {
    const node = key instanceof PDFRef ? ctx.lookup(key) : key;
    const name = key instanceof PDFRef ? key.toString() : 'a direct object';
    if (!(node instanceof PDFDict)) { note(`the page tree names ${name}, which is ${node === undefined ? 'missing' : 'not a page'}`); return; }
    if (path.has(node)) { note(`the page tree loops: ${name} is its own ancestor`); return; }
    if (seen.has(node)) { note(`${name} is listed twice in the page tree`); return; }
    seen.add(node);
    const media = node.get(PDFName.of('MediaBox')) ?? parent?.media;
    const resources = node.get(PDFName.of('Resources')) ?? parent?.resources;
    const kids = node.lookup(PDFName.of('Kids'));
    const type = node.get(PDFName.of('Type'));
    if (kids instanceof PDFArray && type !== PDFName.of('Page')) { // /Type /Pages, or untyped with kids
      path.add(node);
      stack.push({ kids, next: 0, node, media, resources });
    } else {
      pages.push({ node, media, resources });
    }
  };
  const root = catalog.get(PDFName.of('Pages'));
  if (root) enter(root, undefined);
  else note('the catalog has no page tree (/Pages)');
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.kids.size()) enter(top.kids.get(top.next++), top);
    else { stack.pop(); path.delete(top.node); }
  }
  for (const [m, n] of wrong) flaws.push({ code: 'PDF_DAMAGED', message: n > 1 ? `${m} (×${n})` : m });
  return pages;
}
