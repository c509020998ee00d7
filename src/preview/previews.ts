/**
 * PNG previews of built pages: one colour PNG per page beside its PDF, an empty area (开天窗,
 * check/emptyArea.ts) marked on it in red, and a contact sheet of them all (sharp composites) to
 * share or to see an edition at a glance.
 */
import sharp, { type OverlayOptions } from 'sharp';
import { emptyAreas } from '../check/emptyArea.ts';
import { blockBox, type GridRect } from '../layout/geometry.ts';
import type { PageLayout } from '../layout/types.ts';
import { pageFileName, type OutputFile } from '../output.ts';
import { rasterisePdf, rasterToPng, rasterToSharp } from './raster.ts';

export const PREVIEW_DPI = 100; // a 9 pt character is 12 px: body text stays readable
const CONTACT_PNG = 'contact.png';

const THUMB = 360; // px, the width of a page on the contact sheet
const GAP = 32;
const LABEL = 40; // px below each page for its label
const PER_ROW = 4;
const BACKDROP = { r: 226, g: 226, b: 226 };
const INK = '#333333';

/** Text as a transparent PNG, set in the edition's body font (a file of ours, not a system font). */
function label(text: string, fontFile: string, family: string, px: number): Promise<Buffer> {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return sharp({ text: { text: `<span foreground="${INK}">${escaped}</span>`, fontfile: fontFile, font: `${family} ${px}`, dpi: 72, rgba: true } }).png().toBuffer();
}

export interface SheetPage {
  label: string;
  thumb: Buffer; // PNG, THUMB px wide
}

/** Pages in rows of PER_ROW, each with its label below, under a title line. */
export async function contactSheet(title: string, pages: SheetPage[], font: { file: string; family: string }): Promise<Buffer> {
  const metas = await Promise.all(pages.map((p) => sharp(p.thumb).metadata()));
  const thumbH = Math.max(...metas.map((m) => m.height));
  const cols = Math.min(PER_ROW, pages.length), rows = Math.ceil(pages.length / PER_ROW);
  const top = GAP + 48;
  const width = GAP + cols * (THUMB + GAP), height = top + rows * (thumbH + LABEL + GAP);
  const layers: OverlayOptions[] = [{ input: await label(title, font.file, font.family, 28), left: GAP, top: GAP }];
  for (const [i, p] of pages.entries()) {
    const left = GAP + (i % PER_ROW) * (THUMB + GAP), y = top + Math.floor(i / PER_ROW) * (thumbH + LABEL + GAP);
    // a one-pixel frame keeps a white page distinct from the backdrop
    layers.push({ input: { create: { width: THUMB + 2, height: metas[i]!.height + 2, channels: 3, background: { r: 150, g: 150, b: 150 } } }, left: left - 1, top: y - 1 });
    layers.push({ input: p.thumb, left, top: y });
    layers.push({ input: await label(p.label, font.file, font.family, 20), left, top: y + metas[i]!.height + 10 });
  }
  return sharp({ create: { width, height, channels: 3, background: BACKDROP } }).composite(layers).removeAlpha().png({ compressionLevel: 9 }).toBuffer();
}

/** Red hatched, outlined rectangles over the empty areas of a page `width` × `height` px, as an SVG. */
function holesSvg(page: PageLayout, holes: GridRect[], width: number, height: number): Buffer {
  const k = width / page.width; // px per pt of the trimmed page
  const rects = holes.map((h) => {
    const b = blockBox(page.grid, h);
    return `<rect x="${(b.x * k).toFixed(1)}" y="${(b.y * k).toFixed(1)}" width="${(b.width * k).toFixed(1)}" height="${(b.height * k).toFixed(1)}"/>`;
  }).join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`
    + '<defs><pattern id="h" width="12" height="12" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="12" fill="#e0001b" fill-opacity="0.35"/></pattern></defs>'
    + `<g fill="url(#h)" stroke="#e0001b" stroke-width="3">${rects}</g></svg>`);
}

/**
 * pNN.png for every rendered page and contact.png (titled `title`, its labels set in `font`), to
 * be written beside the PDFs and with them.
 */
export async function renderPreviews(title: string, rendered: { page: PageLayout; pdf: Uint8Array }[], font: { file: string; family: string }): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  const sheet: SheetPage[] = [];
  for (const r of rendered) {
    const raster = await rasterisePdf(r.pdf, { dpi: PREVIEW_DPI, gray: false });
    const holes = emptyAreas(r.page).flat();
    // an empty area (开天窗) is marked on the preview; the PDF stays as the printer gets it
    const png = holes.length ? await rasterToSharp(raster).composite([{ input: holesSvg(r.page, holes, raster.width, raster.height) }]).png({ compressionLevel: 9 }).toBuffer() : await rasterToPng(raster);
    files.push({ name: pageFileName(r.page.number).replace(/\.pdf$/, '.png'), data: png });
    const { section } = r.page;
    sheet.push({ label: `第${r.page.number}版${section ? ` ${section}` : ''}`, thumb: await (holes.length ? sharp(png) : rasterToSharp(raster)).resize({ width: THUMB }).png().toBuffer() });
  }
  if (!sheet.length) return files;
  files.push({ name: CONTACT_PNG, data: await contactSheet(title, sheet, font) });
  return files;
}
