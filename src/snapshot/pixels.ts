/**
 * Visual snapshots: a page as a small grayscale picture, compared with its committed reference
 * with a tolerance. The picture is drawn at 3× and box-averaged down to 50 dpi (see raster.ts),
 * then posterised to 16 grays, which keeps a broadsheet reference near 110 KB as a 4-bit PNG.
 *
 * Tolerance: anti-aliasing noise is scattered, a real change is dense. Measured on the sample page
 * (pixels changed by more than MIN_STEP in the densest 8×8 window): every line shifted by 0.1 pt
 * → 1, by 0.2 pt → 3; one line moved by 0.5 pt → 5, by 1 pt → 16; one glyph swapped → 13.
 */
import { rasterisePdf, rasterToSharp, type Raster } from '../preview/raster.ts';
import sharp from 'sharp';

export const SNAPSHOT_DPI = 50;
const OVERSAMPLE = 3;
const LEVEL = 17; // 255 / 15: 16 gray levels
const MIN_STEP = 48; // a pixel differs when its gray changes by more than this (of 255)
const WINDOW = 8; // px, about 4 mm
const MAX_IN_WINDOW = 4; // a page differs when some window holds more differing pixels than this

export async function snapshotRaster(pdf: Uint8Array): Promise<Raster> {
  const r = await rasterisePdf(pdf, { dpi: SNAPSHOT_DPI, gray: true, oversample: OVERSAMPLE });
  for (let i = 0; i < r.data.length; i++) r.data[i] = Math.round(r.data[i]! / LEVEL) * LEVEL;
  return r;
}

/** 4-bit palette PNG: the picture has at most 16 grays, so the palette holds them exactly. */
export function encodeReference(r: Raster): Promise<Buffer> {
  return rasterToSharp(r).png({ palette: true, colours: 16, dither: 0, compressionLevel: 9, effort: 10 }).toBuffer();
}

export async function decodeReference(png: Buffer): Promise<Raster> {
  const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 1, data };
}

export interface PixelDiff {
  sameSize: boolean;
  changed: number; // pixels whose gray moved by more than MIN_STEP
  densest: number; // the most of them in one WINDOW×WINDOW square
  fails: boolean;
  box?: { x: number; y: number; width: number; height: number }; // around the changed pixels, px
}

export function comparePixels(ref: Raster, cur: Raster): PixelDiff {
  const { width: w, height: h } = cur;
  if (ref.width !== w || ref.height !== h) return { sameSize: false, changed: w * h, densest: WINDOW * WINDOW, fails: true };
  // summed-area table of the differing pixels, so every window is counted in O(1)
  const sat = new Int32Array((w + 1) * (h + 1));
  let changed = 0, x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      if (Math.abs(cur.data[y * w + x]! - ref.data[y * w + x]!) > MIN_STEP) {
        row++; changed++;
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + row;
    }
  }
  let densest = 0;
  for (let y = 0; changed && y + WINDOW <= h; y++) {
    for (let x = 0; x + WINDOW <= w; x++) {
      const a = y * (w + 1) + x, b = (y + WINDOW) * (w + 1) + x;
      densest = Math.max(densest, sat[b + WINDOW]! - sat[b]! - sat[a + WINDOW]! + sat[a]!);
    }
  }
  return { sameSize: true, changed, densest, fails: densest > MAX_IN_WINDOW, ...(changed ? { box: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 } } : {}) };
}

const TILE = 12; // px: a changed pixel tints its tile, so a single changed glyph is easy to spot

/**
 * The current page faded to a light gray; ink that appeared in red, ink that went in blue; every
 * tile with a change tinted yellow. Same size pictures only.
 */
export function diffPng(ref: Raster, cur: Raster): Promise<Buffer> {
  const { width, height } = cur;
  const tiles = new Uint8Array(Math.ceil(width / TILE) * Math.ceil(height / TILE));
  const tileOf = (i: number) => Math.floor(Math.floor(i / width) / TILE) * Math.ceil(width / TILE) + Math.floor((i % width) / TILE);
  for (let i = 0; i < cur.data.length; i++) if (Math.abs(cur.data[i]! - ref.data[i]!) > MIN_STEP) tiles[tileOf(i)] = 1;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < cur.data.length; i++) {
    const d = cur.data[i]! - ref.data[i]!;
    const faded = 255 - Math.round((255 - cur.data[i]!) * 0.3);
    const px = d < -MIN_STEP ? [220, 0, 0] : d > MIN_STEP ? [0, 90, 255] : tiles[tileOf(i)] ? [faded, faded, Math.round(faded * 0.55)] : [faded, faded, faded];
    rgb.set(px, i * 3);
  }
  return rasterToSharp({ width, height, channels: 3, data: rgb }).png({ compressionLevel: 9 }).toBuffer();
}
