/**
 * Photos on the grid (docs/typography.md §8): a picture and its caption with the credit at its end,
 * together a whole number of grid lines, so the text around stays on the baseline grid. The
 * picture is the largest part of the source with the box's proportions that keeps the focal
 * point as central as the source allows; its resolution at the placed size decides how far the
 * renderer resamples it (down to the house ppi, never up) and whether it is too coarse to print.
 */
import { diag, type DiagnosticSink } from '../diagnostic.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import type { BlockPhotoSpec, PhotoSpec } from '../manifest/furniture.ts';
import type { BlockSpec, HouseStyle, Style } from '../manifest/types.ts';
import { MM } from '../manifest/units.ts';
import { composeParagraph, type ComposedLine } from '../text/compose.ts';
import { missingIn, reportMissing } from './glyphs.ts';
import { styleOf, textLine } from './line.ts';
import { rowBaseline, rowsFor, rowsHeight, rowTop, type GridRect, type Span } from './geometry.ts';
import type { Furniture, GridInfo, ImageCrop, Mark } from './types.ts';

export interface FurnitureContext {
  g: GridInfo;
  house: HouseStyle;
  fonts: FontRegistry;
  sink: DiagnosticSink;
  furniture: Furniture[];
  marks: Mark[];
  page: number;
}

const mm = (pt: number) => Math.round(pt / MM);

/**
 * The caption's lines with the credit flush right on its last line, or on a line of its own when
 * it does not fit there; their missing glyphs reported at the caption: and credit: values.
 */
function captionLines(p: PhotoSpec, st: Style, ctx: FurnitureContext, measure: number): ComposedLine[] {
  const face = ctx.fonts.face(st.family, st.weight);
  const lines = p.caption ? composeParagraph([{ text: p.caption, face, size: st.size }], { measure, em: st.size }).lines : [];
  reportMissing(ctx.sink, missingIn(lines), { ...(p.captionAt ?? p.at), page: ctx.page, block: p.id });
  if (!p.credit) return lines;
  const credit = composeParagraph([{ text: p.credit, face, size: st.size }], { measure, em: st.size, align: 'left' }).lines;
  reportMissing(ctx.sink, missingIn(credit), { ...(p.creditAt ?? p.at), page: ctx.page, block: p.id });
  const last = lines.at(-1);
  const shift = measure - (credit.at(-1)?.end ?? 0);
  if (credit.length !== 1 || !last || last.end + st.size > shift) return [...lines, ...composeParagraph([{ text: p.credit, face, size: st.size }], { measure, em: st.size, align: 'right' }).lines];
  const moved = credit[0]!.glyphs.map((gl) => ({ ...gl, x: gl.x + shift, bx: gl.bx + shift }));
  return [...lines.slice(0, -1), { ...last, glyphs: [...last.glyphs, ...moved], text: `${last.text}　${p.credit}`, end: measure }];
}

/**
 * The crop of a `w` × `h` source with the proportions `aspect` (width / height): as large as
 * the source allows, centred on the focal point where the edges leave room.
 */
export function cropFor(w: number, h: number, aspect: number, focus: readonly [number, number]): ImageCrop {
  const width = Math.max(1, Math.min(w, Math.round(h * aspect)));
  const height = Math.max(1, Math.min(h, Math.round(w / aspect)));
  const clamp = (v: number, max: number) => Math.min(Math.max(Math.round(v), 0), max);
  return { left: clamp(focus[0] * w - width / 2, w - width), top: clamp(focus[1] * h - height / 2, h - height), width, height };
}

/**
 * Sets a photo in `rows` grid rows from row `row`, over the columns `spans`: the picture, and
 * its caption below it or, with caption-place left/right, in the first/last column beside it
 * (bottom-aligned). Adds the furniture to ctx (a page photo with its `grid` rectangle, for the
 * check of empty areas); false when the photo has no room at all.
 */
export function setPhoto(p: PhotoSpec, spans: readonly Span[], row: number, rows: number, ctx: FurnitureContext, grid?: GridRect): boolean {
  const { g, house, fonts } = ctx;
  const where = { ...p.at, page: ctx.page, block: p.id };
  const st = styleOf(house, 'caption', ctx.sink);
  const beside = p.captionPlace !== 'below' && spans.length > 1 && (p.caption || p.credit) ? p.captionPlace : undefined;
  const capSpan = beside === 'left' ? spans[0]! : beside === 'right' ? spans.at(-1)! : { x: spans[0]!.x, width: spans.at(-1)!.x + spans.at(-1)!.width - spans[0]!.x };
  const picSpans = beside === 'left' ? spans.slice(1) : beside === 'right' ? spans.slice(0, -1) : spans;
  let lines = captionLines(p, st, ctx, capSpan.width);
  const { rows: per, shift } = rowsFor(g, st.size, fonts.face(st.family, st.weight).ascent);
  const picRows = beside ? rows : rows - lines.length * per;
  if (picRows < 1) {
    ctx.sink.report(diag('error', 'PHOTO_NO_ROOM', `photo "${p.id}" has ${rows} line${rows > 1 ? 's' : ''}; its caption takes ${lines.length * per}, leaving none for the picture`, { ...where, hint: 'give it more lines, shorten the caption, or set the caption beside it (caption-place: right)' }));
    return false;
  }
  if (beside && lines.length * per > rows) {
    const fit = Math.floor(rows / per);
    ctx.sink.report(diag('error', 'CAPTION_OVERFLOW', `the caption of photo "${p.id}" needs ${lines.length * per} lines beside the picture, which has ${rows}`, { ...where, hint: 'shorten the caption, give the photo more lines, or set the caption below it (caption-place: below)' }));
    ctx.marks.push({ kind: 'overset', x: capSpan.x + capSpan.width, y: rowTop(g, row + rows - 1) + g.em, size: g.em, block: p.id });
    lines = lines.slice(0, fit);
  }
  const x = picSpans[0]!.x;
  const width = picSpans.at(-1)!.x + picSpans.at(-1)!.width - x;
  placePicture(p, x, rowTop(g, row), width, rowsHeight(g, picRows), ctx, grid);
  if (lines.length) {
    const first = beside ? row + rows - lines.length * per : row + picRows;
    ctx.furniture.push({ kind: 'text', id: p.id, lines: lines.map((l, i) => textLine('caption', l, capSpan.x, rowBaseline(g, first + i * per) + shift, st)) });
  }
  return true;
}

/** The picture cropped to the box at (x, y), its resolution checked and the resampling decided. */
function placePicture(p: PhotoSpec, x: number, y: number, width: number, height: number, ctx: FurnitureContext, grid?: GridRect): void {
  const { house } = ctx;
  const { width: sw, height: sh } = p.source;
  const crop = cropFor(sw, sh, width / height, p.focus);
  const ppi = crop.width / (width / 72);
  const { ppi: target, minPpi, quality } = house.furniture.photos;
  if (ppi < minPpi - 1e-6) {
    ctx.sink.report(diag('warning', 'IMAGE_LOW_RES', `photo "${p.id}" has ${Math.floor(ppi)} ppi at its placed size (${mm(width)} × ${mm(height)} mm from ${crop.width} × ${crop.height} of its ${sw} × ${sh} pixels); the house minimum is ${minPpi}`, {
      ...p.fileAt, page: ctx.page, block: p.id,
      hint: `use a larger original (at least ${Math.ceil((width / 72) * minPpi)} pixels across this crop), or place it smaller`,
    }));
  }
  // resampled down to the house resolution; a coarser source keeps its own pixels
  const scale = Math.min(1, target / ppi);
  const pixels: [number, number] = [Math.max(1, Math.round(crop.width * scale)), Math.max(1, Math.round(crop.height * scale))];
  ctx.furniture.push({ kind: 'image', id: p.id, file: p.source.file, hash: p.source.hash, x, y, width, height, crop, pixels, ppi: pixels[0] / (width / 72), quality, ...(grid ? { grid } : {}) });
}

/**
 * A photo in a free box (a vertical block's tiers and lines, off the page's rows): the picture,
 * its caption below in lines on the caption's pitch; false (reported) when the caption leaves no
 * room for the picture.
 */
export function setPhotoIn(p: PhotoSpec, box: { x: number; y: number; width: number; height: number }, ctx: FurnitureContext): boolean {
  const st = styleOf(ctx.house, 'caption', ctx.sink);
  const lines = captionLines(p, st, ctx, box.width);
  const ascent = ctx.fonts.face(st.family, st.weight).ascent;
  const under = lines.length * st.pitch; // the caption's lines, and a lead of air over them
  if (box.height - under < st.size) {
    ctx.sink.report(diag('error', 'PHOTO_NO_ROOM', `the caption of photo "${p.id}" takes ${mm(under)} mm of its ${mm(box.height)} mm, leaving no room for the picture`, { ...p.at, page: ctx.page, block: p.id, hint: 'give it more tiers or lines, or shorten the caption' }));
    return false;
  }
  placePicture(p, box.x, box.y, box.width, box.height - under, ctx);
  const first = box.y + box.height - under + (st.pitch - st.size) + ascent * st.size;
  if (lines.length) ctx.furniture.push({ kind: 'text', id: p.id, lines: lines.map((l, i) => textLine('caption', l, box.x, first + i * st.pitch, st)) });
  return true;
}

/** Rows a block's photo takes from the top and the bottom of each of its text columns. */
export interface PhotoCut { top: number[]; bottom: number[] }

/**
 * A block's photo at a corner of its text area (rows `row`… of `rows`), over `image.cols` of its
 * text columns; a line of space separates it from the text above or below it in those columns.
 */
export function placeBlockPhoto(spec: BlockSpec, columns: readonly Span[], row: number, rows: number, ctx: FurnitureContext): PhotoCut | undefined {
  const image: BlockPhotoSpec | undefined = spec.image;
  if (!image || !columns.length) return undefined;
  const n = Math.min(image.cols, columns.length);
  const right = image.place.endsWith('right'), top = image.place.startsWith('top');
  const first = right ? columns.length - n : 0;
  if (image.lines > rows) {
    ctx.sink.report(diag('error', 'PHOTO_NO_ROOM', `the photo of block "${spec.id}" takes ${image.lines} lines, but the block has ${rows} under its headline`, { ...image.at, page: ctx.page, block: spec.id, hint: 'give the photo fewer lines (image.lines) or the block more' }));
    return undefined;
  }
  const air = image.lines < rows ? 1 : 0;
  if (!setPhoto(image, columns.slice(first, first + n), top ? row : row + rows - image.lines + air, image.lines - air, ctx)) return undefined;
  const cut = columns.map((_, k) => (k >= first && k < first + n ? image.lines : 0));
  return top ? { top: cut, bottom: cut.map(() => 0) } : { top: cut.map(() => 0), bottom: cut };
}

