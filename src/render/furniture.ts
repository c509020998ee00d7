/**
 * Page furniture onto the PDF: photos converted with sharp to the page's colour mode (a DeviceCMYK
 * JPEG, through a table of sharp's transform: cmykTable.ts, or a DeviceGray one; flattened on
 * white, so pdfkit embeds the bytes as they are and never decodes a PNG asynchronously), then
 * tints, photos, rules and boxes under the text. Furniture text (captions, masthead, folio) is
 * set with the page's other lines.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheRead, cacheWrite } from '../cache.ts';
import { DiagnosticError, diag } from '../diagnostic.ts';
import { MAX_PHOTO_PIXELS, readInput, tooManyPixels } from '../inputFile.ts';
import type { Furniture, PageLayout, TextLine } from '../layout/types.ts';
import { CMYK_CONVERSION, cmykTiff, srgbToCmyk } from './cmykTable.ts';
import type { ColourMode, Inks } from './colour.ts';

type ImageItem = Extract<Furniture, { kind: 'image' }>;

/** sharp, loaded only when a photo is not in the cache: synchronously, so that a conversion is on libuv's threads as soon as it is asked for. */
let sharpLib: typeof import('sharp').default | undefined;
const requireHere = createRequire(import.meta.url);

/** The photo cropped, resampled, flattened on white and converted to the page's colour mode, as JPEG. */
export async function convertPhoto(it: ImageItem, mode: ColourMode): Promise<Buffer> {
  const sharp = (sharpLib ??= requireHere('sharp') as typeof import('sharp').default);
  const { bytes, diagnostics } = readInput(it.file, 'photo', `photo "${it.id}"`); // the file may have changed since the page was loaded
  if (!bytes) throw new DiagnosticError(diagnostics);
  const jpeg = { quality: it.quality, chromaSubsampling: '4:4:4' } as const;
  let picture: { data: Buffer; info: { width: number; height: number; channels: number } } | Buffer;
  try { // reading the photo: what fails here is the file's
    const read = sharp(bytes, { autoOrient: true, failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS })
      .extract(it.crop)
      .resize(it.pixels[0], it.pixels[1], { fit: 'fill', kernel: 'lanczos3' })
      .flatten({ background: '#ffffff' });
    picture = mode === 'gray'
      ? await read.toColourspace('b-w').jpeg(jpeg).toBuffer()
      : await read.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (e) {
    if (/pixel limit/.test((e as Error).message)) throw new DiagnosticError([tooManyPixels(`photo "${it.id}"`, undefined, { file: it.file })]);
    throw new DiagnosticError([diag('error', 'IMAGE_UNREADABLE', `photo "${it.id}" could not be read: ${(e as Error).message}`, { file: it.file, hint: 'the file is damaged or not what its name says; export it again as JPEG' })]);
  }
  if (Buffer.isBuffer(picture)) return picture;
  const { data, info } = picture;
  if (info.channels !== 3) throw new Error(`sharp gave ${info.channels} channels of sRGB`);
  return sharp(cmykTiff(await srgbToCmyk(data), info.width, info.height)).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg(jpeg).toBuffer();
}

/**
 * Converting a photo takes some tens of milliseconds (resampling, the CMYK table, JPEG), so the
 * results are kept: in this process (a watch session, a test file rendering a page again) and in
 * out/.cache/photos, keyed by the source's content, the conversion and the sharp release (which
 * pins its libvips), so a cached photo is byte for byte the one a fresh conversion gives. Of the
 * finished ones the last 32 are kept in the process; one still converting is never dropped (a
 * build asks for a photo again before it is done).
 */
const memo = new Map<string, Promise<Buffer>>();
const settled = new Set<string>();
const MEMO_SIZE = 32;
const SHARP = (JSON.parse(readFileSync(join(dirname(requireHere.resolve('sharp')), '../package.json'), 'utf8')) as { version: string }).version;

function cachedPhoto(it: ImageItem, mode: ColourMode): Promise<Buffer> {
  const key = createHash('sha256').update(JSON.stringify([it.hash, it.crop, it.pixels, it.quality, mode, SHARP, CMYK_CONVERSION])).digest('hex').slice(0, 32);
  let job = memo.get(key);
  if (!job) {
    const mine = job = fromDisk(`${key}.jpg`, () => convertPhoto(it, mode));
    memo.set(key, job);
    job.then(() => {
      settled.add(key);
      for (const k of memo.keys()) {
        if (memo.size <= MEMO_SIZE) break;
        if (settled.delete(k)) memo.delete(k);
      }
    }, () => { if (memo.get(key) === mine) memo.delete(key); });
  }
  return job;
}

async function fromDisk(name: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const hit = cacheRead('photos', name);
  if (hit) return hit;
  const bytes = await make();
  cacheWrite('photos', name, bytes);
  return bytes;
}

/**
 * Starts converting the photos of `items` (those not cached yet) without waiting for them: a
 * build asks for every page's before it renders the first, so that they convert on libuv's
 * threads while the pages render; what fails is reported when the page's render asks again.
 */
export function warmImages(items: readonly Furniture[], mode: ColourMode): void {
  for (const it of items) if (it.kind === 'image') cachedPhoto(it, mode).catch(() => { /* the render reports it */ });
}

/** The JPEG bytes of each photo of the page, in the page's colour mode. */
export async function prepareImages(items: readonly Furniture[], mode: ColourMode): Promise<Map<ImageItem, Buffer>> {
  const jobs = items.flatMap((it) => (it.kind === 'image' ? [[it, cachedPhoto(it, mode)] as const] : [])); // all started, then awaited
  const out = new Map<ImageItem, Buffer>();
  for (const [it, job] of jobs) out.set(it, await job);
  return out;
}

/** Tints first, then photos, rules and boxes: all of it under the text. */
export function drawFurniture(doc: PDFKit.PDFDocument, inks: Inks, items: readonly Furniture[], images: ReadonlyMap<ImageItem, Buffer>): void {
  for (const it of items) {
    if (it.kind !== 'tint') continue;
    doc.save();
    doc.addContent(inks.fill(it.colour));
    doc.rect(it.x, it.y, it.width, it.height).fill();
    doc.restore();
  }
  for (const it of items) if (it.kind === 'image') doc.image(images.get(it)!, it.x, it.y, { width: it.width, height: it.height });
  for (const it of items) {
    if (it.kind !== 'rule' && it.kind !== 'box') continue;
    doc.save().lineWidth(it.weight);
    doc.addContent(inks.stroke(it.colour));
    if (it.kind === 'rule') doc.moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).stroke();
    else doc.rect(it.x, it.y, it.width, it.height).stroke();
    doc.restore();
  }
}

/** Furniture text with the id its colour is looked up under. */
export const furnitureText = (page: PageLayout): { id: string; lines: TextLine[] }[] =>
  page.furniture.flatMap((it) => (it.kind === 'text' ? [{ id: it.id, lines: it.lines }] : []));
