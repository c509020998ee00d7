/**
 * Ads on a page (`ads:` in the page manifest): a PDF placed as the vector page it is (a Form
 * XObject, never rasterised), preflighted first; an image through the photo path; both taking
 * their rectangle of the grid like any block.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, renderEditionPage } from '../../src/build.ts';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostic.ts';
import type { Furniture, PageLayout } from '../../src/layout/types.ts';
import { scratch, testPhoto, type Scratch } from '../furniture/project.ts';

/** A one-page PDF ad of `w` × `h` pt: a filled rectangle in CMYK, in RGB, or with unembedded text. */
function adPdf(file: string, w: number, h: number, kind: 'cmyk' | 'rgb' | 'text'): Promise<void> {
  return new Promise((res, rej) => {
    const doc = new PDFDocument({ size: [w, h], margin: 0, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => { writeFileSync(file, Buffer.concat(chunks)); res(); });
    doc.on('error', rej);
    doc.rect(10, 10, w - 20, h - 20).fill(kind === 'rgb' ? '#ff0000' : [0, 100, 100, 0]);
    if (kind === 'text') doc.fillColor([0, 0, 0, 100]).text('BANK', 20, 20);
    doc.end();
  });
}

const of = <K extends Furniture['kind']>(p: PageLayout, kind: K) => p.furniture.filter((f): f is Extract<Furniture, { kind: K }> => f.kind === kind);
const thrown = async (step: () => Promise<unknown>): Promise<Diagnostic[]> => {
  try { await step(); } catch (e) { if (e instanceof DiagnosticError) return e.diagnostics; throw e; }
  return [];
};

let s: Scratch;
beforeAll(async () => {
  s = scratch([1]);
  await adPdf(join(s.content, 'bank.pdf'), 400, 150, 'cmyk');
  await adPdf(join(s.content, 'rgb.pdf'), 400, 150, 'rgb');
  await adPdf(join(s.content, 'text.pdf'), 400, 150, 'text');
  await testPhoto(join(s.content, 'shop.jpg'), 1200, 600);
});

const page = (ads: string) => s.page(1, `blocks:
  - { id: villages, story: villages, col: 1, cols: 3, line: 1, lines: 25, headline: { lines: 5 } }
ads:
${ads}`);

describe('ads', () => {
  it('places a PDF ad as a Form XObject in its rectangle, the same bytes each time', async () => {
    page('  - { id: bank, file: bank.pdf, col: 1, cols: 8, line: 86, lines: 20 }\n');
    const layout = layoutTarget(s.edition);
    expect(layout.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const p = layout.pages[0]!;
    const [ad] = of(p, 'ad');
    expect(ad).toMatchObject({ id: 'bank', grid: { col: 1, cols: 8, line: 86, lines: 20 } });
    expect(ad!.x).toBeCloseTo(p.grid.x0);
    const pdf = await renderEditionPage(layout, p);
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Form/);
    expect((await renderEditionPage(layoutTarget(s.edition), layoutTarget(s.edition).pages[0]!)).equals(pdf)).toBe(true);
  });

  it('stops the page when an ad fails preflight: RGB colour, fonts not embedded', async () => {
    for (const [file, code] of [['rgb.pdf', 'RGB_COLOUR'], ['text.pdf', 'FONT_NOT_EMBEDDED']] as const) {
      const f = page(`  - { id: bad, file: ${file}, col: 1, cols: 8, line: 86, lines: 20 }\n`);
      const layout = layoutTarget(s.edition);
      const ds = await thrown(() => renderEditionPage(layout, layout.pages[0]!));
      expect(ds.map((d) => d.code), file).toContain(code);
      expect(ds.find((d) => d.code === code)).toMatchObject({ file: f, line: 6 });
    }
  });

  it('sets an image ad through the photo path, and an ad over a block is BLOCK_OVERLAP', () => {
    page('  - { id: shop, file: shop.jpg, col: 4, cols: 5, line: 1, lines: 20 }\n');
    const p = layoutTarget(s.edition).pages[0]!;
    expect(of(p, 'image')).toMatchObject([{ id: 'shop', grid: { col: 4, cols: 5, line: 1, lines: 20 } }]);
    page('  - { id: shop, file: shop.jpg, col: 3, cols: 5, line: 1, lines: 20 }\n');
    expect(layoutTarget(s.edition).diagnostics.map((d) => d.code)).toContain('BLOCK_OVERLAP');
  });

  it('reports an ad file that is neither a PDF nor an image at its file: key', () => {
    writeFileSync(join(s.content, 'note.txt'), 'not an ad');
    const f = page('  - { id: x, file: note.txt, col: 1, cols: 8, line: 86, lines: 20 }\n');
    let ds: Diagnostic[] = [];
    try { layoutTarget(s.edition); } catch (e) { ds = (e as DiagnosticError).diagnostics; }
    expect(ds.map((d) => [d.code, d.file, d.line])).toEqual([['IMAGE_FORMAT', f, 6]]);
  });
});
