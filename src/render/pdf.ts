/**
 * render: PageLayout → PDF bytes with pdfkit. Glyphs go where the composer put them (pdfText.ts);
 * fonts are embedded as subsets; every colour is DeviceCMYK or DeviceGray (colour.ts); the page
 * sits on a sheet with its bleed and printer's marks (marks.ts); metadata and ids are fixed so
 * identical input gives identical bytes.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { outlinesUnpacked } from '../fonts/lazyGlyf.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import type { PageLayout } from '../layout/types.ts';
import { DEFAULT_PRINT, type Colour, type PrintSettings } from '../types.ts';
import { Inks, paintKey } from './colour.ts';
import { drawMarks, sheetFor } from './marks.ts';
import { drawFurniture, furnitureText, prepareImages } from './furniture.ts';
import { declarePdfX, fastDeflate, setPageBoxes } from './pdfkitDoc.ts';
import { registerFace, writeGlyphRuns, type GlyphOut, type TextRunOut } from './pdfText.ts';

/** What the page is printed on and with; everything else (colours included) is in the display list. */
export interface PdfMeta {
  paper: string;
  date: string; // YYYY-MM-DD: also the PDF's creation date, for byte-identical rebuilds
  print?: PrintSettings; // default: DEFAULT_PRINT
  bleed?: number; // pt; default none
}

const OVERSET: Colour = { cmyk: [0, 100, 100, 0] };

export async function renderPagePdf(page: PageLayout, fonts: FontRegistry, meta: PdfMeta): Promise<Buffer> {
  const print = meta.print ?? DEFAULT_PRINT;
  const images = await prepareImages(page.furniture, print.colour);
  await outlinesUnpacked(); // a WOFF's outlines, inflating since it was opened
  const sheet = sheetFor(page.width, page.height, meta.bleed ?? 0, print.marks || print.colourBars);
  const when = new Date(`${meta.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: [sheet.width, sheet.height], margin: 0, autoFirstPage: false, pdfVersion: '1.4', lang: 'zh-CN',
    font: null as unknown as string, // no default Helvetica
    info: {
      Title: `${meta.paper} ${meta.date} 第${page.number}版`.replace(/[&<>]/g, ' '),
      Producer: 'banmian', Creator: 'banmian', CreationDate: when, ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res, rej) => { doc.on('end', () => res(Buffer.concat(chunks))); doc.on('error', rej); });
  fastDeflate(doc);
  doc.addPage({ size: [sheet.width, sheet.height], margin: 0 });
  setPageBoxes(doc, sheet.boxes);
  if (print.outputIntent) declarePdfX(doc, print.outputIntent);
  const inks = new Inks(doc, print);
  // the display list is in trim coordinates; move the origin to the trim's top-left corner
  doc.save().translate(sheet.slug, sheet.slug);
  drawFurniture(doc, inks, page.furniture, images);

  // lines in display-list order (the reading order text extraction follows), one text object per change of colour
  const segments: { colour: Colour; key: string; runs: TextRunOut[] }[] = [];
  const used = new Set<string>();
  for (const block of [...furnitureText(page), ...page.blocks.map((b) => ({ id: b.id, lines: [...b.headline, ...b.frames.flatMap((f) => f.lines)] }))]) {
    for (const line of block.lines) {
      const colour = line.paint;
      const key = paintKey(colour);
      if (segments[segments.length - 1]?.key !== key) segments.push({ colour, key, runs: [] });
      const runs = segments[segments.length - 1]!.runs;
      let run: TextRunOut | undefined;
      for (const g of line.glyphs) {
        // a new run for each font, size, scale and turn; an upright vertical glyph has its own baseline
        const baseline = line.baseline + (g.y !== undefined && !g.rotated ? g.y : 0);
        if (!run || run.fontKey !== g.face || run.size !== g.size || run.baseline !== baseline || run.rotated !== g.rotated || run.hscale !== g.hscale) {
          run = { fontKey: g.face, size: g.size, baseline, glyphs: [], ...(g.rotated ? { rotated: true } : {}), ...(g.hscale ? { hscale: g.hscale } : {}) };
          runs.push(run);
          if (!used.has(g.face)) { used.add(g.face); registerFace(doc, g.face, fonts.byKey(g.face).font); }
        }
        const out: GlyphOut = { gid: g.gid, x: line.x + g.x, text: g.text };
        if (g.rotated) out.y = line.baseline + g.y!;
        run.glyphs.push(out);
      }
    }
  }
  for (const { colour, runs } of segments) {
    doc.addContent(inks.fill(colour));
    writeGlyphRuns(doc, runs);
  }

  for (const m of page.marks) {
    // overset marker: a boxed plus at the block's end, as InDesign and 飞腾 show it
    const s = m.size;
    doc.save().lineWidth(0.75);
    doc.addContent(inks.stroke(OVERSET));
    doc.rect(m.x - s, m.y - s, s, s).moveTo(m.x - s * 0.8, m.y - s / 2).lineTo(m.x - s * 0.2, m.y - s / 2)
      .moveTo(m.x - s / 2, m.y - s * 0.8).lineTo(m.x - s / 2, m.y - s * 0.2).stroke().restore();
  }
  drawMarks(doc, inks, sheet, print);
  doc.restore();
  doc.end();
  const ads = page.furniture.filter((f) => f.kind === 'ad');
  if (!ads.length) return withContentId(await done);
  const { placeAds } = await import('./ads.ts'); // pdf-lib only for pages with PDF ads
  return withContentId(await placeAds(await done, ads, sheet.slug, sheet.height, print));
}

/**
 * The page's file identifier (the trailer's ID, which PDF/X requires) made from its own bytes, as
 * ISO 32000 says it is: pdfkit's is a digest of the Info dictionary, the same for every version of
 * a page (paper, date and page number), which a prepress system that keeps files by their ID would
 * take for one file. Both halves are the MD5 of the file with them zeroed.
 */
export function withContentId(pdf: Buffer): Buffer {
  const tailStart = Math.max(0, pdf.length - 4096);
  const tail = pdf.subarray(tailStart).toString('latin1');
  const m = [...tail.matchAll(/\/ID \[ ?<[0-9a-fA-F]{32}> <[0-9a-fA-F]{32}> ?\]/g)].pop();
  if (!m) throw new Error('the page PDF has no file identifier in its trailer');
  const first = tailStart + m.index + m[0].indexOf('<') + 1, second = tailStart + m.index + m[0].lastIndexOf('<') + 1;
  pdf.fill('0', first, first + 32, 'latin1');
  pdf.fill('0', second, second + 32, 'latin1');
  const id = createHash('md5').update(pdf).digest('hex');
  pdf.write(id, first, 'latin1');
  pdf.write(id, second, 'latin1');
  return pdf;
}
