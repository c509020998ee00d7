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
import type { TextLine } from './types.ts';

export interface VerticalBlock {
  area: Area; // tiers as columns: x is the tier's number
  ctx: BlockContext; // the grid of its lines (em and pitch), for the strategies
  place(flowed: Flowed): void; // the flowed tiers and lines onto the page
}

/** Tiers and lines of a vertical block's text box, or undefined when not one character fits (reported). */
export function verticalBlock(p: Part, head: Head, box: BlockBox, ctx: BlockContext): VerticalBlock | undefined {
  const { spec, where } = p;
  const { g, sink } = ctx;
  const style = spec.body ?? ctx.house.body;
  const em = style.size, pitch = style.pitch;
  const tiers = spec.vertical?.tiers ?? 1;
  const text = head.textBox;
  const top = box.y + head.rows * g.pitch, bottom = box.y + box.height;
  const gutter = g.gutterChars * g.em;
  const chars = Math.floor((bottom - top - (tiers - 1) * gutter) / (tiers * em) + 1e-6);
  const lines = text.width >= em ? Math.floor((text.width - em) / pitch + 1e-6) + 1 : 0;
  if (spec.image) sink.report(diag('warning', 'VERTICAL_UNSUPPORTED', `block "${spec.id}" is set vertically; its photo is left out`, { ...where, hint: 'give the photo a place of its own on the page (photos:), beside the vertical story' }));
  if (chars < 1 || lines < 1) {
    sink.report(diag('error', 'BAD_VALUE', `block "${spec.id}" has no room for ${tiers} tier${tiers > 1 ? 's' : ''} of vertical text`, { ...where, hint: 'use fewer tiers, or give the block more lines or columns' }));
    return undefined;
  }
  const gap = tiers > 1 ? (bottom - top - tiers * chars * em) / (tiers - 1) : 0;
  const tierTop = (t: number) => top + t * (chars * em + gap);
  const right = text.x + text.width;
  const grid: TextGrid = { em, pitch, line: 1, top: 0, firstBaseline: 0 }; // row k's "baseline" is (k − 1) pitches: its line number
  const area: Area = {
    columns: Array.from({ length: tiers }, (_, t) => ({ x: t, width: chars * em, chars })),
    capacity: lines, top: 1, photo: undefined, measure: chars * em, style, grid,
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
