/**
 * Visual snapshots: a page as a small grayscale picture, compared with its committed reference
 * with a tolerance. The picture is drawn at 3× and box-averaged down to 50 dpi (see raster.ts),
 * then posterised to 16 grays, which keeps a broadsheet reference near 120 KB as a 4-bit PNG.
 *
 * Tolerance, measured on the sample page: shifting every line by 0.1 pt changes at most one
 * pixel by more than MIN_STEP; moving one line by 0.5 pt changes ~25, swapping one glyph ~13.
 */
import { rasterisePdf, rasterToSharp, type Raster } from '../preview/raster.ts';
import sharp from 'sharp';

export const SNAPSHOT_DPI = 50;
const OVERSAMPLE = 3;
const LEVEL = 17; // 255 / 15: 16 gray levels
const MIN_STEP = 48; // a pixel differs when its gray changes by more than this (of 255)
const MAX_CHANGED = 8; // a page differs when more pixels than this do

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
  fails: boolean;
  box?: { x: number; y: number; width: number; height: number }; // around the changed pixels, px
}

export function comparePixels(ref: Raster, cur: Raster): PixelDiff {
  if (ref.width !== cur.width || ref.height !== cur.height) return { sameSize: false, changed: cur.width * cur.height, fails: true };
  let changed = 0, x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let i = 0; i < cur.data.length; i++) {
    if (Math.abs(cur.data[i]! - ref.data[i]!) <= MIN_STEP) continue;
    changed++;
    const x = i % cur.width, y = (i - x) / cur.width;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return { sameSize: true, changed, fails: changed > MAX_CHANGED, ...(changed ? { box: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 } } : {}) };
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
