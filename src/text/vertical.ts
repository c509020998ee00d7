/**
 * Vertical setting (直排) for headlines (docs/typography.md §8): glyphs stacked top to bottom in the
 * font's vertical forms (GSUB `vert`), advances from the font's vmtx, punctuation where GB/T 15834
 * §5.2 puts it (the vertical glyphs carry that), curly quotes as corner brackets, 2–3 digit numbers
 * upright side by side in one cell (纵中横), longer Latin and numbers turned 90° clockwise.
 */
import type { FontFace } from '../fonts/registry.ts';
import { verticalMetrics } from '../fonts/vertical.ts';
import type { PlacedGlyph } from './justify.ts';
import { classify, isLatinLike } from './classes.ts';

export interface VerticalColumn {
  glyphs: PlacedGlyph[]; // x from the column's left edge, y = baseline below the column's top
  length: number; // how long the set column is, pt (before any spreading)
  text: string;
}

/** Vertical text uses corner brackets for quotes: 『』 outside, 「」 inside (docs/typography.md §8). */
export const CORNER: Readonly<Record<string, string>> = { '“': '『', '”': '』', '‘': '「', '’': '」' };

/** Short capitals (NBA, AI) set upright, one letter per cell (JLREQ §3.1.7, CLREQ); longer Latin is turned. */
export const UPRIGHT_CAPITALS = /^[A-Z]{1,3}$/;

/** Largest horizontal squeeze of a 纵中横 cell before its digits would be distorted too far. */
export const TCY_MIN_SCALE = 0.6;

interface Token { text: string; kind: 'cjk' | 'tcy' | 'rotated' }

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length;) {
    const cls = classify(chars[i]!.codePointAt(0)!);
    if (isLatinLike(cls)) {
      let j = i;
      while (j < chars.length && /[0-9A-Za-z.,%+\-]/.test(chars[j]!)) j++;
      if (j === i) j = i + 1;
      const run = chars.slice(i, j).join('');
      // 2–3 digits upright in one cell; single letters and short acronyms upright one by one;
      // words and longer numbers turned
      if (/^\d{1,3}$/.test(run)) out.push({ text: run, kind: 'tcy' });
      else if (UPRIGHT_CAPITALS.test(run)) for (const c of run) out.push({ text: c, kind: 'tcy' });
      else out.push({ text: run, kind: 'rotated' });
      i = j;
    } else {
      out.push({ text: chars[i]!, kind: 'cjk' });
      i++;
    }
  }
  return out;
}

/**
 * One vertical column of `text` in `face` at `size`, in a column `width` wide. Glyphs are centred
 * in the column's width; `length` is the natural length, which the caller aligns or spreads.
 */
export function setVerticalColumn(text: string, face: FontFace, size: number, width: number): VerticalColumn {
  const scale = size / face.unitsPerEm;
  const vm = verticalMetrics(face.font);
  const left = (width - size) / 2; // the em box, centred in the column
  const glyphs: PlacedGlyph[] = [];
  let y = 0;
  for (const t of tokens(text)) {
    if (t.kind === 'cjk') {
      const shaped = CORNER[t.text] ?? t.text;
      const run = face.font.layout(shaped, ['vert'], 'hani', 'ZHS');
      for (const g of run.glyphs) {
        const adv = vm.advance(g.id) * scale;
        glyphs.push({ gid: g.id, face: face.key, size, x: left, y: y + face.ascent * size, adv: g.advanceWidth * scale, bx: left, bw: size, text: t.text, cls: classify(t.text.codePointAt(0)!) });
        y += adv;
      }
    } else if (t.kind === 'tcy') {
      const run = face.font.layout(t.text, [], 'latn');
      const w = run.positions.reduce((s, p) => s + p.xAdvance, 0) * scale;
      const hscale = Math.max(TCY_MIN_SCALE, Math.min(1, size / w));
      let x = left + (size - w * hscale) / 2;
      run.glyphs.forEach((g, i) => {
        const adv = run.positions[i]!.xAdvance * scale;
        glyphs.push({ gid: g.id, face: face.key, size, x, y: y + face.ascent * size, adv, bx: x, bw: adv * hscale, text: String.fromCodePoint(...g.codePoints), cls: 'DIGIT', ...(hscale < 1 ? { hscale } : {}) });
        x += adv * hscale;
      });
      y += size;
    } else {
      // turned 90° clockwise: the run's advance runs down the column, its baseline left of centre
      const run = face.font.layout(t.text, [], 'latn');
      const baselineX = left + size * 0.5 - size * 0.25; // x-height band centred in the em box
      run.glyphs.forEach((g, i) => {
        const adv = run.positions[i]!.xAdvance * scale;
        glyphs.push({ gid: g.id, face: face.key, size, x: baselineX, y, adv, bx: left, bw: size, text: String.fromCodePoint(...g.codePoints), cls: 'LATIN', rotated: true });
        y += adv;
      });
    }
  }
  return { glyphs, length: y, text };
}

/** Spreads a column's glyphs evenly over `length` (均排), or places it top/centre/bottom. */
export function alignVertical(col: VerticalColumn, length: number, align: 'top' | 'center' | 'bottom' | 'spread'): PlacedGlyph[] {
  const spare = length - col.length;
  if (spare <= 0 || align === 'top') return col.glyphs;
  if (align === 'center' || align === 'bottom' || col.glyphs.length < 2) {
    const d = align === 'bottom' ? spare : spare / 2;
    return col.glyphs.map((g) => ({ ...g, y: g.y! + d }));
  }
  // cells of a spread column: every glyph start (a 纵中横 cell and a turned word move as one)
  const cellOf: number[] = [];
  let cell = -1;
  col.glyphs.forEach((g, i) => {
    const prev = col.glyphs[i - 1];
    const sameCell = prev && ((g.cls === 'DIGIT' && prev.cls === 'DIGIT' && !g.rotated && g.y === prev.y) || (g.rotated && prev.rotated));
    if (!sameCell) cell++;
    cellOf.push(cell);
  });
  const step = spare / Math.max(1, cell);
  return col.glyphs.map((g, i) => ({ ...g, y: g.y! + cellOf[i]! * step }));
}
