/**
 * PDF → pixels, for previews and visual snapshots. pdfjs-dist (Apache-2.0, the legacy build: the
 * modern one needs Node 22) draws through @napi-rs/canvas (MIT, Skia); mupdf is AGPL and stays in
 * the tests. Only the TrimBox is drawn, so crop marks and bleed around it do not change the picture.
 * Every document and page is destroyed after use, so a long-running watcher stays bounded.
 */
import { nativeStringify } from './nativeJson.ts'; // first: before pdfjs replaces JSON.stringify
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp, { type Sharp } from 'sharp';

JSON.stringify = nativeStringify;

type RenderParameters = Parameters<pdfjs.PDFPageProxy['render']>[0];

export interface RasterOptions {
  dpi: number;
  gray?: boolean; // default true: one channel; false gives RGB (the red overset mark stays red)
  // Draw at dpi × oversample and average each oversample² block: Skia's coverage is quantised to
  // 1/4 pixel vertically, so without it a 0.05 pt shift flips whole edge pixels.
  oversample?: number;
}

/** Raw pixels, rows top to bottom, `channels` bytes per pixel. */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

interface Box { x: number; y: number; width: number; height: number }

/** The first page's TrimBox (pdf-lib falls back to CropBox, then MediaBox). */
async function trimBox(pdf: Uint8Array): Promise<Box> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.getPage(0).getTrimBox();
}

/** Renders the TrimBox of the first page (banmian writes one page per PDF). */
export async function rasterisePdf(pdf: Uint8Array, o: RasterOptions): Promise<Raster> {
  const trim = await trimBox(pdf);
  const k = o.oversample ?? 1;
  const scale = (o.dpi / 72) * k;
  const width = Math.round((trim.width * o.dpi) / 72) * k, height = Math.round((trim.height * o.dpi) / 72) * k;
  // pdfjs may detach the buffer it is given: hand it a copy. Glyphs are filled as paths from the
  // embedded fonts, never from system fonts, so the picture is the same on every machine.
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(1);
    try {
      const viewport = page.getViewport({ scale });
      const [viewLeft, , , viewTop] = page.view as [number, number, number, number];
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      await page.render({
        canvas: canvas as unknown as RenderParameters['canvas'],
        canvasContext: ctx as unknown as RenderParameters['canvasContext'],
        viewport,
        background: 'white',
        // device-space shift that puts the TrimBox's top-left corner at the canvas origin
        transform: [1, 0, 0, 1, -(trim.x - viewLeft) * scale, -(viewTop - trim.y - trim.height) * scale],
      }).promise;
      return shrink(toChannels(ctx.getImageData(0, 0, width, height).data, width, height, o.gray ?? true), k);
    } finally {
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
}

/** RGBA on an opaque white background → gray (ITU-R 601 luma, integer, so exact) or RGB. */
function toChannels(rgba: Uint8ClampedArray, width: number, height: number, gray: boolean): Raster {
  const n = width * height;
  if (gray) {
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = (rgba[4 * i]! * 77 + rgba[4 * i + 1]! * 150 + rgba[4 * i + 2]! * 29 + 128) >> 8;
    return { width, height, channels: 1, data };
  }
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    data[3 * i] = rgba[4 * i]!; data[3 * i + 1] = rgba[4 * i + 1]!; data[3 * i + 2] = rgba[4 * i + 2]!;
  }
  return { width, height, channels: 3, data };
}

/** Averages each k×k block (a box filter: exact and deterministic, unlike a resampling kernel). */
function shrink(r: Raster, k: number): Raster {
  if (k === 1) return r;
  const width = r.width / k, height = r.height / k, c = r.channels;
  const data = new Uint8Array(width * height * c);
  const sums = new Uint32Array(width * c);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let j = 0; j < k; j++) {
      const row = (y * k + j) * r.width * c;
      for (let x = 0; x < r.width * c; x++) sums[Math.floor(x / (k * c)) * c + (x % c)]! += r.data[row + x]!;
    }
    for (let i = 0; i < sums.length; i++) data[y * width * c + i] = Math.round(sums[i]! / (k * k));
  }
  return { width, height, channels: r.channels, data };
}

/** A sharp pipeline over the pixels; gray stays one channel (sharp would otherwise write RGB). */
export function rasterToSharp(r: Raster): Sharp {
  const s = sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } });
  return r.channels === 1 ? s.toColourspace('b-w') : s;
}

export async function rasterToPng(r: Raster): Promise<Buffer> {
  return rasterToSharp(r).png({ compressionLevel: 9 }).toBuffer();
}

/** PDF bytes → PNG bytes of its first page's TrimBox. */
export async function pdfToPng(pdf: Uint8Array, o: RasterOptions): Promise<Buffer> {
  return rasterToPng(await rasterisePdf(pdf, o));
}
