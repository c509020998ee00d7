/**
 * The pdfkit adapter (method E): glyphs land exactly where we place them, the extracted text is
 * the source text (ToUnicode, including —— as one glyph for two characters), fonts are subset.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { registerFace, writeGlyphRuns, type TextRunOut } from '../../src/render/pdfText.ts';
import { song } from '../text/helpers.ts';
import { extractChars } from '../pdf.ts';

function pdfOf(runs: TextRunOut[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: [200, 100], margin: 0, font: null as unknown as string, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  registerFace(doc, song.key, song.font);
  writeGlyphRuns(doc, runs);
  doc.end();
  return done;
}

const glyphs = (text: string, xs: number[]) => {
  const run = song.font.layout(text, [], 'hani', 'ZHS');
  return run.glyphs.map((g, i) => ({ gid: g.id, x: xs[i]!, text: String.fromCodePoint(...g.codePoints) }));
};

describe('pdfText adapter', () => {
  it('places every glyph origin where the layout says, to 0.01 pt', async () => {
    const xs = [10, 19.5, 31.25, 40, 52.125];
    const pdf = await pdfOf([{ fontKey: song.key, size: 9, baseline: 50, glyphs: glyphs('排版系统好', xs) }]);
    const chars = extractChars(pdf);
    expect(chars.map((c) => c.c).join('')).toBe('排版系统好');
    chars.forEach((c, i) => {
      expect(Math.abs(c.x - xs[i]!)).toBeLessThan(0.01);
      expect(Math.abs(c.y - 50)).toBeLessThan(0.01);
    });
  });

  it('extracts —— (one 2 em glyph) as its two source characters', async () => {
    const g = glyphs('好——好', [0, 9, 27]);
    expect(g).toHaveLength(3);
    const pdf = await pdfOf([{ fontKey: song.key, size: 9, baseline: 20, glyphs: g.map((x) => ({ ...x, x: x.x + 10 })) }]);
    expect(extractChars(pdf).map((c) => c.c).join('')).toBe('好——好');
  });

  it('embeds only the glyphs used (subset)', async () => {
    const pdf = await pdfOf([{ fontKey: song.key, size: 9, baseline: 20, glyphs: glyphs('中文', [10, 19]) }]);
    expect(pdf.length).toBeLessThan(20_000); // the whole font is 14.8 MB
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
  });
});
