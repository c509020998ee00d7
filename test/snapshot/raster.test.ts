/**
 * The rasteriser (pdfjs-dist + @napi-rs/canvas) draws only the TrimBox, whatever sheet the PDF
 * puts around it, deterministically; `build --png` previews and the contact sheet.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { layoutTarget, previewFont, writeEdition } from '../../src/build.ts';
import { pdfToPng, rasterisePdf, type Raster } from '../../src/preview/raster.ts';
import { PREVIEW_DPI, renderPreviews } from '../../src/preview/previews.ts';

const ROOT = join(import.meta.dirname, '../..');

/** A 200×300 pt sheet, black, with a white 144×216 pt TrimBox at (20, 30) holding a 10 pt red square in its top-left corner. */
async function sheetWithTrim(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 300]);
  page.setTrimBox(20, 30, 144, 216);
  page.drawRectangle({ x: 0, y: 0, width: 200, height: 300, color: rgb(0, 0, 0) });
  page.drawRectangle({ x: 20, y: 30, width: 144, height: 216, color: rgb(1, 1, 1) });
  page.drawRectangle({ x: 20, y: 236, width: 10, height: 10, color: rgb(1, 0, 0) });
  return doc.save();
}

const pixel = (r: Raster, x: number, y: number) => [...r.data.subarray((y * r.width + x) * r.channels, (y * r.width + x + 1) * r.channels)];

describe('rasterisePdf', () => {
  it('draws the TrimBox only, at the asked resolution, gray or RGB, the same every time', async () => {
    const pdf = await sheetWithTrim();
    const gray = await rasterisePdf(pdf, { dpi: 36 }); // 0.5 px per pt
    expect([gray.width, gray.height, gray.channels]).toEqual([72, 108, 1]);
    expect(pixel(gray, 1, 1)[0]).toBeLessThan(128); // the red square
    expect([pixel(gray, 6, 6), pixel(gray, 71, 0), pixel(gray, 0, 107), pixel(gray, 71, 107)]).toEqual([[255], [255], [255], [255]]); // no black sheet
    const colour = await rasterisePdf(pdf, { dpi: 36, gray: false });
    expect(pixel(colour, 2, 2)).toEqual([255, 0, 0]);
    expect(Buffer.from((await rasterisePdf(pdf, { dpi: 36 })).data).equals(Buffer.from(gray.data))).toBe(true);
  });

  it('pdfToPng gives the same picture as a gray PNG', async () => {
    const pdf = await sheetWithTrim();
    const png = await pdfToPng(pdf, { dpi: 36 });
    const m = await sharp(png).metadata();
    expect([m.width, m.height, m.channels]).toEqual([72, 108, 1]);
    const { data } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(data.equals(Buffer.from((await rasterisePdf(pdf, { dpi: 36 })).data))).toBe(true);
  });

  it('oversampling draws at k× the resolution and averages each k×k block', async () => {
    const pdf = await sheetWithTrim();
    const fine = await rasterisePdf(pdf, { dpi: 108 });
    const r = await rasterisePdf(pdf, { dpi: 36, oversample: 3 });
    expect([r.width, r.height]).toEqual([72, 108]);
    const mean = (x: number, y: number) => {
      let s = 0;
      for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) s += fine.data[(3 * y + j) * fine.width + 3 * x + i]!;
      return Math.round(s / 9);
    };
    expect([...r.data]).toEqual(Array.from({ length: r.width * r.height }, (_, i) => mean(i % r.width, Math.floor(i / r.width))));
  });
});

describe('build --png previews', () => {
  it('writes a 100 dpi page PNG of the trim beside the PDF and a contact sheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banmian-previews-'));
    const layout = layoutTarget(join(ROOT, 'layouts/sample/edition.yaml'));
    await writeEdition(layout, dir, undefined, (pages) => renderPreviews(`${layout.edition.paper} ${layout.edition.date}`, pages, previewFont(layout))); // written with the PDF
    expect(readdirSync(dir).sort()).toEqual(['contact.png', 'p02.pdf', 'p02.png']);
    const page = layout.pages[0]!;
    const m = await sharp(join(dir, 'p02.png')).metadata();
    expect([m.width, m.height, m.channels]).toEqual([Math.round((page.width * PREVIEW_DPI) / 72), Math.round((page.height * PREVIEW_DPI) / 72), 3]);
    const sheet = await sharp(join(dir, 'contact.png')).raw().toBuffer({ resolveWithObject: true });
    expect(sheet.info.width).toBe(32 + 360 + 32); // one page: margin, thumbnail, margin
    expect([...sheet.data.subarray(0, 3)]).toEqual([226, 226, 226]); // the backdrop
    const inThumb = ((32 + 48 + 5) * sheet.info.width + 32 + 5) * sheet.info.channels; // near the page's top-left corner
    expect([...sheet.data.subarray(inThumb, inThumb + 3)]).toEqual([255, 255, 255]);
  });
});
