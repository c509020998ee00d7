/**
 * PDF ads on a rendered page. pdfkit cannot import another PDF's page, so the page it wrote is
 * opened with pdf-lib and each ad's first page drawn on it as a Form XObject: the vector page it
 * is, scaled to fit its rectangle and centred, never rasterised. Each ad is preflighted first
 * (src/preflight: readable, fonts embedded, DeviceCMYK/DeviceGray and spot inks only; gray only on
 * a gray page), and a failing ad stops the page. No dates or ids are added, so the bytes depend
 * only on the page and the ads.
 */
import { DiagnosticError, diag, type Diagnostic } from '../diagnostic.ts';
import { readInput } from '../inputFile.ts';
import type { Furniture } from '../layout/types.ts';
import type { PrintSettings } from '../types.ts';

type AdItem = Extract<Furniture, { kind: 'ad' }>;

/** What an ad must pass: the file's content, not its boxes (the page around it has them). */
const AD_CHECKS = new Set(['PDF_UNREADABLE', 'PDF_ENCRYPTED', 'PDF_TRUNCATED', 'PDF_DAMAGED', 'PDF_NO_PAGES', 'RGB_COLOUR', 'CALIBRATED_COLOUR', 'UNKNOWN_COLOUR', 'CMYK_ON_GRAY_PAGE', 'SPOT_ALTERNATE', 'FONT_NOT_EMBEDDED']);

export async function preflightAd(ad: AdItem, print: PrintSettings): Promise<Diagnostic[]> {
  const { preflightFile } = await import('../preflight/preflight.ts');
  const r = await preflightFile(ad.file, { colour: print.colour, minPpi: 150 });
  return r.diagnostics.filter((d) => d.severity === 'error' && AD_CHECKS.has(d.code)).map((d) => ({
    ...d, ...ad.at, message: `ad "${ad.id}" (${ad.file}): ${d.message}`, hint: `${d.hint ?? ''}; ask the advertiser for a PDF/X-1a file`.replace(/^; /, ''),
  }));
}

/** `pdf` (one page on a sheet whose trim starts `slug` from its edges, `sheetHeight` tall) with the ads drawn on it. */
export async function placeAds(pdf: Buffer, ads: readonly AdItem[], slug: number, sheetHeight: number, print: PrintSettings): Promise<Buffer> {
  const problems = (await Promise.all(ads.map((a) => preflightAd(a, print)))).flat();
  if (problems.length) throw new DiagnosticError(problems);
  const { PDFDocument } = await import('pdf-lib'); // only for pages with PDF ads
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const page = doc.getPage(0);
  for (const ad of ads) {
    const { bytes, diagnostics } = readInput(ad.file, 'photo', `ad "${ad.id}"`, ad.at);
    if (!bytes) throw new DiagnosticError(diagnostics);
    let embedded;
    try {
      [embedded] = await doc.embedPdf(bytes, [0]);
    } catch (e) {
      throw new DiagnosticError([diag('error', 'PDF_UNREADABLE', `ad "${ad.id}" (${ad.file}) could not be placed: ${(e as Error).message}`, { ...ad.at, hint: 'export the ad again as PDF/X-1a' })]);
    }
    const s = Math.min(ad.width / embedded!.width, ad.height / embedded!.height);
    const w = embedded!.width * s, h = embedded!.height * s;
    // the display list is y down from the trim's top-left; PDF is y up from the sheet's bottom-left
    page.drawPage(embedded!, { x: slug + ad.x + (ad.width - w) / 2, y: sheetHeight - slug - ad.y - ad.height + (ad.height - h) / 2, xScale: s, yScale: s });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity }));
}
