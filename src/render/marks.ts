/**
 * The press sheet around a page: how much paper the MediaBox adds for marks, the page boxes, and
 * the printer's marks themselves (crop marks, registration targets, colour bars), all outside
 * the bleed and in the registration colour so they print on every plate.
 */
import type { Cmyk, Colour, PrintSettings } from '../types.ts';
import { MM } from '../types.ts';
import type { Inks } from './colour.ts';
import type { PdfBox } from './pdfkitDoc.ts';

const GAP = 2 * MM; // between the bleed edge and a crop mark, so trimming never shows a mark
const LENGTH = 8 * MM; // of a crop mark
const CLEAR = 2 * MM; // blank paper beyond the marks
const WEIGHT = 0.25; // pt: the usual hairline for marks
const TARGET = 2.5 * MM; // registration target radius
const PATCH = 5 * MM; // colour bar patch

/** The page on its sheet: MediaBox size, where the trim sits in it, and the PDF page boxes. */
export interface Sheet {
  width: number; // MediaBox
  height: number;
  slug: number; // paper on each side of the trim: the trim's top-left corner is at (slug, slug)
  trim: { width: number; height: number };
  bleed: number;
  boxes: { trim: PdfBox; bleed: PdfBox };
}

/** `slug`: paper beyond the bleed for marks or colour bars; without it the MediaBox is the BleedBox. */
export function sheetFor(trimWidth: number, trimHeight: number, bleed: number, slug: boolean): Sheet {
  const paper = slug ? bleed + GAP + LENGTH + CLEAR : bleed;
  return {
    width: trimWidth + 2 * paper, height: trimHeight + 2 * paper, slug: paper, bleed,
    trim: { width: trimWidth, height: trimHeight },
    // PDF boxes are y-up, but the sheet is symmetric about the trim
    boxes: {
      trim: [paper, paper, paper + trimWidth, paper + trimHeight],
      bleed: [paper - bleed, paper - bleed, paper + trimWidth + bleed, paper + trimHeight + bleed],
    },
  };
}

/** Draws the marks and colour bars the house asks for, in trim coordinates (origin at the trim's top-left, y down). */
export function drawMarks(doc: PDFKit.PDFDocument, inks: Inks, sheet: Sheet, print: PrintSettings): void {
  const { width: w, height: h } = sheet.trim;
  const off = sheet.bleed + GAP;
  if (print.colourBars) drawColourBar(doc, inks, print, off, h + off);
  if (!print.marks) return;
  doc.save().lineWidth(WEIGHT);
  doc.addContent(inks.stroke('registration'));
  // crop marks: two per corner, on the trim lines extended, starting beyond the bleed
  for (const [x, sx] of [[0, -1], [w, 1]] as const) {
    for (const [y, sy] of [[0, -1], [h, 1]] as const) {
      doc.moveTo(x + sx * off, y).lineTo(x + sx * (off + LENGTH), y);
      doc.moveTo(x, y + sy * off).lineTo(x, y + sy * (off + LENGTH));
    }
  }
  doc.stroke();
  // registration targets: a circle and cross at the middle of each side, where the plates are registered
  const mid = off + LENGTH / 2;
  for (const [x, y] of [[w / 2, -mid], [w / 2, h + mid], [-mid, h / 2], [w + mid, h / 2]] as const) {
    doc.circle(x, y, TARGET);
    doc.moveTo(x - TARGET - MM, y).lineTo(x + TARGET + MM, y).moveTo(x, y - TARGET - MM).lineTo(x, y + TARGET + MM);
  }
  doc.stroke();
  doc.restore();
}

/** Solid and half-tone patches of every ink the page can print, below the trim from the left. */
function drawColourBar(doc: PDFKit.PDFDocument, inks: Inks, print: PrintSettings, x0: number, y: number): void {
  const process: Cmyk[] = print.colour === 'gray'
    ? [[0, 0, 0, 100], [0, 0, 0, 75], [0, 0, 0, 50], [0, 0, 0, 25]]
    : [[100, 0, 0, 0], [0, 100, 0, 0], [0, 0, 100, 0], [0, 0, 0, 100], [50, 0, 0, 0], [0, 50, 0, 0], [0, 0, 50, 0], [0, 0, 0, 50]];
  const patches: Colour[] = [
    ...process.map((cmyk) => ({ cmyk })),
    ...Object.keys(print.spot).flatMap((spot) => [{ spot, tint: 100 }, { spot, tint: 50 }]),
  ];
  doc.save();
  patches.forEach((c, i) => {
    doc.addContent(inks.fill(c));
    doc.rect(x0 + i * PATCH, y, PATCH, PATCH).fill();
  });
  doc.restore();
}
