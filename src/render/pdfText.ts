/**
 * The pdfkit adapter for text: writes our own glyph ids at our own positions as raw text
 * operators (pdfkit's own text() shapes and places the glyphs itself). pdfkit internals are used
 * only here and in pdfkitDoc.ts, so a pdfkit upgrade has two places to check
 * (test/render/pdfText.test.ts and print.test.ts pin them).
 */
import type PDFDocument from 'pdfkit';
import type { Font } from 'fontkit';

/** The parts of pdfkit's EmbeddedFont we rely on (not in @types/pdfkit). */
interface EmbeddedFont {
  id: string;
  font: Font;
  scale: number;
  subset: { includeGlyph(gid: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface DocInternals {
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown> };
}

/**
 * Positions are in the caller's current user space: pdfkit's y-down space, which the page
 * writer translates so that its origin is the trim's top-left corner (the display list's frame).
 */
export interface GlyphOut {
  gid: number;
  x: number; // pt from the origin, rightwards
  y?: number; // a turned run: where the glyph starts down the page (its baseline is at x)
  text: string; // the source characters this glyph stands for (ToUnicode)
}

export interface TextRunOut {
  fontKey: string; // registered with registerFace
  size: number;
  baseline: number; // pt below the origin
  glyphs: GlyphOut[];
  rotated?: true; // turned 90° clockwise: the run reads down the page (Latin in vertical text)
  hscale?: number; // horizontal scale (Tz), e.g. a 纵中横 cell squeezed into one em
}

export function registerFace(doc: PDFKit.PDFDocument, key: string, font: Font): void {
  // pdfkit ≥ 0.20 accepts a parsed fontkit Font, so each file is parsed once per process
  (doc as unknown as { registerFont(name: string, src: unknown): void }).registerFont(key, font);
}

/** Writes runs of positioned glyphs in one BT…ET; colour and graphics state are the caller's. */
export function writeGlyphRuns(doc: PDFKit.PDFDocument, runs: readonly TextRunOut[]): void {
  if (!runs.length) return;
  const d = doc as unknown as DocInternals & PDFKit.PDFDocument;
  const ops: string[] = ['BT'];
  let current = '';
  for (const run of runs) {
    if (!run.glyphs.length) continue;
    d.font(run.fontKey);
    const pf = d._font;
    d.page.fonts[pf.id] ??= pf.ref();
    const tf = `/${pf.id} ${num(run.size)} Tf`;
    if (tf !== current) { ops.push(tf); current = tf; }
    const parts: string[] = [];
    const th = run.hscale ?? 1;
    const gs = run.glyphs;
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i]!;
      const cid = pf.subset.includeGlyph(g.gid);
      let adv = pf.widths[cid];
      if (adv === undefined) {
        adv = pf.font.getGlyph(g.gid).advanceWidth * pf.scale;
        pf.widths[cid] = adv;
        // first mapping wins in ToUnicode; a glyph standing for several characters (——) keeps them all
        pf.unicode[cid] = [...g.text].map((c) => c.codePointAt(0)!);
      }
      parts.push(hex4(cid));
      const next = gs[i + 1];
      if (next) {
        // along the direction the run advances in
        const step = run.rotated ? (next.y ?? 0) - (g.y ?? 0) : next.x - g.x;
        const kern = adv - (step * 1000) / (run.size * th);
        if (Math.abs(kern) > 5e-4) parts.push(num(kern));
      }
    }
    const g0 = run.glyphs[0]!;
    // turned clockwise: the run's x axis points down the page (0 −1 in y-up text space), glyph tops to the right
    const tm = run.rotated ? `0 -1 1 0 ${num(g0.x)} ${num(-(g0.y ?? 0))}` : `1 0 0 1 ${num(g0.x)} ${num(-run.baseline)}`;
    if (th !== 1) ops.push(`${num(th * 100)} Tz`);
    ops.push(`${tm} Tm [${parts.join('')}] TJ`);
    if (th !== 1) ops.push('100 Tz');
  }
  ops.push('ET');
  // text space is y-up: mirror the caller's y-down space about its origin, so a baseline b is at y = −b
  d.save();
  d.transform(1, 0, 0, -1, 0, 0);
  // one chunk, as pdfkit would write the operators one by one (each followed by a line end)
  d.addContent(Buffer.from(`${ops.join('\n')}\n`, 'latin1') as unknown as string);
  d.restore();
}

// a page writes ~10,000 glyph codes, most of them a few hundred times over
const HEX4: string[] = [];
const hex4 = (cid: number): string => (HEX4[cid] ??= `<${cid.toString(16).padStart(4, '0')}>`);

/** Fixed-precision numbers: deterministic and compact. */
export function num(v: number): string {
  const s = v.toFixed(3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') || '0' : s;
}
