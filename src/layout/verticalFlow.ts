/**
 * A vertical block (直排, writing: vertical): its text box as tiers (段) of whole characters stacked
 * top to bottom, the gaps between them even, each tier's lines on a fixed pitch from the right edge
 * leftwards. The block's steps run unchanged on this shape — a tier is a text column whose measure
 * is the tier's height and whose rows are its lines — so the total-fit breaker, 禁则, 孤行 and 背题,
 * the strategies (copyfitting, jump lines, where the story stopped) and the fill all hold; `place`
 * then turns each flowed line into its vertical column on the page.
 */
import { diag } from '../diagnostic.ts';
import { verticalGlyphs } from '../text/verticalLines.ts';
import type { Area, BlockContext, Head, Part } from './block.ts';
import type { Flowed } from './flow.ts';
import type { BlockBox, TextGrid } from './geometry.ts';
import { setPhotoIn, type PhotoCut } from './photo.ts';
import type { TextLine } from './types.ts';

export interface VerticalBlock {
  area: Area; // tiers as columns: x is the tier's number
  ctx: BlockContext; // the grid of its lines (em and pitch), for the strategies
  place(flowed: Flowed): void; // the flowed tiers and lines onto the page
}

/** A vertical text box's shape: `chars` of `em` per line in each of its tiers, `lines` of them per tier on the `pitch`, the tiers' tops, the box's edges. */
export interface TierShape { chars: number; lines: number; em: number; pitch: number; tierTop: (t: number) => number; left: number; right: number }

/** The tiers and lines a vertical block's text box holds at its height (under its headline's rows). */
export function tierShape(p: Part, head: Head, box: BlockBox, ctx: BlockContext): TierShape {
  const { g } = ctx;
  const style = p.spec.body ?? ctx.house.body;
  const em = style.size, pitch = style.pitch;
  const tiers = p.spec.vertical?.tiers ?? 1;
  const text = head.textBox;
  const top = box.y + head.rows * g.pitch, bottom = box.y + box.height;
  const chars = Math.floor((bottom - top - (tiers - 1) * g.gutterChars * g.em) / (tiers * em) + 1e-6);
  const lines = text.width >= em ? Math.floor((text.width - em) / pitch + 1e-6) + 1 : 0;
  const gap = tiers > 1 ? (bottom - top - tiers * chars * em) / (tiers - 1) : 0;
  return { chars, lines, em, pitch, tierTop: (t) => top + t * (chars * em + gap), left: text.x, right: text.x + text.width };
}

/** Tiers and lines of a vertical block's text box, or undefined when not one character fits (reported). */
export function verticalBlock(p: Part, head: Head, box: BlockBox, ctx: BlockContext): VerticalBlock | undefined {
  const { spec, where } = p;
  const { g, sink } = ctx;
  const style = spec.body ?? ctx.house.body;
  const tiers = spec.vertical?.tiers ?? 1;
  const text = head.textBox;
  const shape = tierShape(p, head, box, ctx);
  const { chars, lines, em, pitch, tierTop, right } = shape;
  if (chars < 1 || lines < 1) {
    sink.report(diag('error', 'BAD_VALUE', `block "${spec.id}" has no room for ${tiers} tier${tiers > 1 ? 's' : ''} of vertical text`, { ...where, hint: 'use fewer tiers, or give the block more lines or columns' }));
    return undefined;
  }
  const grid: TextGrid = { em, pitch, line: 1, top: 0, firstBaseline: 0 }; // row k's "baseline" is (k − 1) pitches: its line number
  const area: Area = {
    columns: Array.from({ length: tiers }, (_, t) => ({ x: t, width: chars * em, chars })),
    capacity: lines, top: 1, photo: tierPhoto(p, shape, ctx), measure: chars * em, style, grid,
  };
  const ascentOf = (face: string) => ctx.fonts.byKey(face).ascent;
  const place = (flowed: Flowed) => {
    for (const f of flowed.frames) {
      const t = f.x, y = tierTop(t);
      for (const l of f.lines) {
        const size = Math.max(em, ...l.glyphs.map((gl) => gl.size));
        const rows = Math.max(1, Math.ceil((size - em) / pitch - 1e-6) + 1); // as the flow counted them (geometry.ts rowsFor)
        const first = Math.floor(l.baseline / pitch + 1e-6);
        const centre = right - first * pitch - ((rows - 1) * pitch + em) / 2;
        placeLine(l, centre - size / 2, y, size, ascentOf);
      }
      Object.assign(f, { x: text.x, width: text.width, firstLine: spec.line + head.rows, tier: { y, height: chars * em, em, pitch } });
    }
  };
  return { area, ctx: { ...ctx, g: { ...g, em, pitch } }, place };
}

/** A flowed line (positions along it) as a vertical column `width` wide at `x`, from `top` down. */
function placeLine(l: TextLine, x: number, top: number, width: number, ascentOf: (face: string) => number): void {
  l.glyphs = verticalGlyphs(l, width, ascentOf);
  l.x = x;
  l.baseline = top;
  l.vertical = true;
}

/**
 * A vertical block's photo (image:): over `image.cols` tiers at the top or the foot of the text,
 * across `image.lines` of their lines from the right edge or the left (a line of air to the text
 * among them); its tiers' lines start after it, or end before it.
 */
function tierPhoto(p: Part, shape: TierShape, ctx: BlockContext): PhotoCut | undefined {
  const { spec, where } = p;
  const { em, pitch } = shape;
  const image = spec.image;
  if (!image) return undefined;
  const tiers = spec.vertical?.tiers ?? 1;
  const n = Math.min(image.cols, tiers), m = image.lines;
  const air = m < shape.lines ? 1 : 0;
  if (m > shape.lines || m - air < 1) {
    const why = m > shape.lines ? `each of its tiers has ${shape.lines}` : 'the line of air to the text leaves none for the picture';
    ctx.sink.report(diag('error', 'PHOTO_NO_ROOM', `the photo of block "${spec.id}" takes ${m} line${m > 1 ? 's' : ''}, but ${why}`, { ...image.at, page: where.page, block: spec.id, hint: 'give the photo more lines (image.lines) than one and no more than a tier has, or the block more columns' }));
    return undefined;
  }
  const top = image.place.startsWith('top'), right = image.place.endsWith('right');
  const first = top ? 0 : tiers - n;
  const y = shape.tierTop(first), height = shape.tierTop(first + n - 1) + shape.chars * em - y;
  // lines are em boxes on the pitch from the right edge; a photo at the left reaches the box's edge
  const x = right ? shape.right - (m - 1 - air) * pitch - em : shape.left;
  const end = right ? shape.right : shape.right - (shape.lines - m + air) * pitch;
  if (!setPhotoIn(image, { x, y, width: end - x, height }, ctx)) return undefined;
  const cut = Array.from({ length: tiers }, (_, t) => (t >= first && t < first + n ? m : 0));
  return right ? { top: cut, bottom: cut.map(() => 0) } : { top: cut.map(() => 0), bottom: cut };
}
