/**
 * Vertical body text (直排, docs/typography.md §8): what the composer does differently when lines run
 * top to bottom, and nothing more. The atoms take each mark's vertical form (GSUB `vert`, one
 * character at a time so that no horizontal ligature of —— or …… survives), its vmtx advance, and
 * the blank of a mark from its ink along the column; a number of one or two digits is one upright
 * cell (縱中橫), one to three capitals upright one per cell, every other Latin run keeps its horizontal metrics and is turned 90° clockwise. The
 * breaker, 禁则, punctuation compression and justification then work on these advances unchanged;
 * `verticalGlyphs` turns a composed line (positions along it) into the glyphs of a vertical column.
 */
import type { FontFace } from '../fonts/registry.ts';
import { verticalMetrics } from '../fonts/vertical.ts';
import type { ComposedLine, PlacedGlyph } from './justify.ts';
import { CORNER, TCY_MIN_SCALE } from './vertical.ts';

/** Marks that vertical text sets otherwise: quotes as corner brackets (GB/T 15834 §5.2), the box-drawing dash of Traditional copy and the Latin interpunct in their upright forms. */
const VERTICAL_CHAR: Readonly<Record<string, string>> = { ...CORNER, '─': '│', '·': '・', '•': '・' };

/** A run of digits set upright side by side in one cell. */
export const TATE_CHU_YOKO = /^[0-9]{1,2}$/;


interface Shaped { gid: number; adv: number; cps: number }

const shaped = new WeakMap<FontFace['font'], Map<string, Shaped>>();

/** A Chinese segment in vertical forms: glyph ids and vertical advances (font units), one per character. */
export function shapeVertical(face: FontFace, text: string, language: string): Shaped[] {
  let cache = shaped.get(face.font);
  if (!cache) shaped.set(face.font, (cache = new Map()));
  const vm = verticalMetrics(face.font);
  const out: Shaped[] = [];
  for (const ch of text) {
    const key = language + ch;
    let s = cache.get(key);
    if (!s) {
      const g = face.font.layout(VERTICAL_CHAR[ch] ?? ch, ['vert'], 'hani', language).glyphs[0];
      s = g ? { gid: g.id, adv: vm.advance(g.id), cps: 1 } : { gid: 0, adv: face.unitsPerEm, cps: 1 };
      cache.set(key, s);
    }
    out.push(s);
  }
  return out;
}

/** Where a vertical glyph's ink is centred below the top of its cell, in em (the cell's top is the face's ascent). */
export function inkFromTop(face: FontFace, gid: number): number {
  const b = face.font.getGlyph(gid).bbox;
  return face.ascent - (b.minY + b.maxY) / 2 / face.unitsPerEm;
}

/** The glyphs of a 縱中橫 cell: digits shaped as Latin, their advances in pt. */
export function uprightCell(face: FontFace, text: string, size: number): { gid: number; adv: number }[] {
  const run = face.font.layout(text, [], 'latn');
  return run.glyphs.map((g, i) => ({ gid: g.id, adv: run.positions[i]!.xAdvance * size / face.unitsPerEm }));
}

/**
 * A composed vertical line as the glyphs of a column `width` wide: x across the column from its
 * left edge, y down from its top — an upright glyph's baseline (its cell's top plus the face's
 * ascent), a turned glyph's start. bx and bw stay where the box is along the line.
 */
export function verticalGlyphs(line: Pick<ComposedLine, 'glyphs'>, width: number, ascentOf: (face: string) => number): PlacedGlyph[] {
  const out: PlacedGlyph[] = [];
  line.glyphs.forEach((g, i) => {
    const left = (width - g.size) / 2; // the em box, centred across the column
    const near = line.glyphs[i - 1]?.rotated || line.glyphs[i + 1]?.rotated;
    if (g.rotated || (g.cls === 'SPACE' && near)) {
      // the run's baseline left of the middle, so its x-height is centred across the column
      out.push({ ...g, x: left + g.size * 0.25, y: g.x, rotated: true });
    } else if (g.cell) {
      const w = g.cell.reduce((s, c) => s + c.adv, 0);
      const hscale = Math.max(TCY_MIN_SCALE, Math.min(1, g.size / w));
      let x = left + (g.size - w * hscale) / 2;
      const y = g.x + ascentOf(g.face) * g.size;
      const chars = [...g.text];
      g.cell.forEach((c, k) => {
        const { cell: _, ...rest } = g;
        out.push({ ...rest, gid: c.gid, adv: c.adv, x, y, text: chars[k] ?? '', ...(hscale < 1 ? { hscale } : {}), ...(k ? { bw: 0, cls: 'DIGIT' as const } : {}) }); // the cell's first glyph stands for it
        x += c.adv * hscale;
      });
    } else {
      out.push({ ...g, x: left, y: g.x + ascentOf(g.face) * g.size });
    }
  });
  return out;
}
