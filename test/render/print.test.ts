/**
 * Print-ready pages: the page boxes, the marks outside the bleed, the content translated but
 * otherwise untouched, every colour DeviceCMYK / DeviceGray / a separation, the PDF/X
 * identification, and byte-identical rebuilds. Read back with pdf-lib and mupdf, not with the
 * preflight under test elsewhere.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { PDFArray, PDFDict, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { layoutEdition, layoutTarget, renderEditionPage, writeEdition, type EditionLayout } from '../../src/build.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { PrintSchema, resolvePrint } from '../../src/manifest/print.ts';
import { MM } from '../../src/manifest/units.ts';
import { sheetFor } from '../../src/render/marks.ts';
import { renderPagePdf } from '../../src/render/pdf.ts';
import { extractChars, pageBox } from '../pdf.ts';
import { contentStreams, infoOf, objectTexts, ops, SAMPLE, sampleWithHouse } from './fixture.ts';

const COLOUR_OPS = new Set(['g', 'G', 'rg', 'RG', 'k', 'K', 'cs', 'CS', 'sc', 'SC', 'scn', 'SCN']);
const RGB_SPACES = /\/(DeviceRGB|CalRGB|ICCBased|Lab|CalGray)\b/;

/** The fill colour in force at each BT (text object) of a content stream. */
function textColours(content: string): string[] {
  let fill = 'default';
  let pendingSpace = '';
  const out: string[] = [];
  for (const { op, args } of ops(content)) {
    if (op === 'k' || op === 'g') fill = `${args.join(' ')} ${op}`;
    else if (op === 'cs') pendingSpace = args[0]!;
    else if (op === 'sc' || op === 'scn') fill = `${pendingSpace} ${args.join(' ')}`;
    else if (op === 'BT') out.push(fill);
  }
  return out;
}

let layout: EditionLayout;
let pdf: Buffer;
beforeAll(async () => {
  layout = layoutTarget(SAMPLE);
  pdf = await renderEditionPage(layout, layout.pages[0]!);
});

/**
 * The sample page under other print settings (as the YAML would give them) or another bleed:
 * they only reach the renderer, so the page need not be laid out again.
 */
function renderWith(print: z.input<typeof PrintSchema>, bleed = layout.edition.house.page.bleed): Promise<Buffer> {
  return renderPagePdf(layout.pages[0]!, layout.fonts, { paper: layout.edition.paper, date: layout.edition.date, print: resolvePrint(PrintSchema.parse(print)), bleed });
}

describe('page boxes and marks (sample page, house defaults)', () => {
  it('has the TrimBox at the trim, the BleedBox 3 mm beyond it, and room for the marks in the MediaBox', () => {
    const [trim, bleed, media] = (['TrimBox', 'BleedBox', 'MediaBox'] as const).map((b) => pageBox(pdf, b));
    const width = (b: number[]) => b[2]! - b[0]!;
    const height = (b: number[]) => b[3]! - b[1]!;
    expect(width(trim!)).toBeCloseTo(390 * MM, 2);
    expect(height(trim!)).toBeCloseTo(550 * MM, 2);
    for (let i = 0; i < 2; i++) {
      expect(trim![i]! - bleed![i]!).toBeCloseTo(3 * MM, 2);
      expect(bleed![i + 2]! - trim![i + 2]!).toBeCloseTo(3 * MM, 2);
    }
    const slug = sheetFor(390 * MM, 550 * MM, 3 * MM, true).slug;
    expect(slug).toBeGreaterThan(3 * MM + 8 * MM); // the bleed, and a whole crop mark beyond it
    expect(width(media!)).toBeCloseTo(width(trim!) + 2 * slug, 2);
    expect(trim![0]! - media![0]!).toBeCloseTo(slug, 2);
  });

  it('moves the page content by the slug and changes nothing else', async () => {
    const bare = await renderWith({ marks: false }, 0);
    expect(pageBox(bare, 'MediaBox')).toEqual(pageBox(bare, 'TrimBox')); // the page as it was before marks
    const slug = pageBox(pdf, 'TrimBox')[0]!;
    const a = extractChars(bare);
    const b = extractChars(pdf);
    expect(b.map((c) => c.c).join('')).toBe(a.map((c) => c.c).join(''));
    expect(a.length).toBeGreaterThan(6000);
    b.forEach((c, i) => {
      expect(Math.abs(c.x - slug - a[i]!.x)).toBeLessThan(0.01);
      expect(Math.abs(c.y - slug - a[i]!.y)).toBeLessThan(0.01);
    });
  });

  it('prints marks in the slug and nothing between the trim and the bleed edge plus the mark gap', () => {
    const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
    const page = doc.loadPage(0);
    const s = 2; // px per pt
    const pix = page.toPixmap(mupdf.Matrix.scale(s, s), mupdf.ColorSpace.DeviceGray, false);
    const [w, h, px] = [pix.getWidth(), pix.getHeight(), pix.getPixels()];
    const trim = pageBox(pdf, 'TrimBox'); // symmetric sheet: y-down and y-up agree
    const clear = 3 * MM + 2 * MM; // bleed + gap: where the crop marks start
    let ringInk = 0;
    const cornerInk = [0, 0, 0, 0];
    const near = 14 * MM; // a crop mark pair lies within this of its trim corner
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (px[y * w + x]! >= 250) continue;
        const [X, Y] = [x / s, y / s];
        const d = Math.max(trim[0]! - X, X - trim[2]!, trim[1]! - Y, Y - trim[3]!);
        if (d > 1 && d < clear - 1) ringInk++;
        const cx = Math.abs(X - trim[0]!) < near ? 0 : Math.abs(X - trim[2]!) < near ? 1 : -1;
        const cy = Math.abs(Y - trim[1]!) < near ? 0 : Math.abs(Y - trim[3]!) < near ? 2 : -1;
        if (d > clear - 1 && cx >= 0 && cy >= 0) cornerInk[cx + cy]!++;
      }
    }
    page.destroy(); doc.destroy();
    expect(ringInk).toBe(0);
    expect(cornerInk.every((n) => n > 20)).toBe(true); // a crop mark pair in every corner
  });

  it('draws the marks in the registration colour: Separation All, alternate 100/100/100/100', async () => {
    const objs = await objectTexts(pdf);
    const all = objs.find((o) => o.includes('/Separation /All'));
    expect(all).toMatch(/\/DeviceCMYK/);
    expect(all).toMatch(/\/C1 \[ 1 1 1 1 \]/);
    const [content] = await contentStreams(pdf);
    expect(ops(content!).filter((o) => o.op === 'CS').map((o) => o.args[0])).toEqual(['/Reg']);
  });

  it('omits the marks and the slug when the house says the printer imposes', async () => {
    const p = await renderWith({ marks: false });
    expect(pageBox(p, 'MediaBox')).toEqual(pageBox(p, 'BleedBox'));
    const [content] = await contentStreams(p);
    // no registration colour at all: the page's own rules (100% K) are all that is stroked
    expect(ops(content!).some((o) => o.op === 'CS' || (o.op === 'SC' && o.args.length === 1))).toBe(false);
  });

  it('adds a colour bar of process and spot patches on request', async () => {
    const rects = async (print: object) => ops((await contentStreams(await renderWith(print)))[0]!).filter((o) => o.op === 're').length;
    // over the page's own rectangles (the package's box): C M Y K solid and 50 %, 报红 100 and 50 %
    expect(await rects({ 'colour-bars': true, spot: { 报红: [0, 100, 100, 0] } }) - await rects({ spot: { 报红: [0, 100, 100, 0] } })).toBe(8 + 2);
  });
});

describe('colour', () => {
  it('writes no RGB operator or colour space: text in 0 0 0 1 k, marks in the registration separation', async () => {
    const [content] = await contentStreams(pdf);
    const used = ops(content!).filter((o) => COLOUR_OPS.has(o.op));
    expect(used.map((o) => o.op).filter((op) => op === 'rg' || op === 'RG')).toEqual([]);
    // text and the rules between stories in 100% K, marks in the registration separation
    expect(new Set(used.map((o) => `${o.args.join(' ')} ${o.op}`))).toEqual(new Set(['0 0 0 1 k', '0 0 0 1 K', '/Reg CS', '1 SC']));
    expect(textColours(content!).every((c) => c === '0 0 0 1 k')).toBe(true);
    expect((await objectTexts(pdf)).filter((o) => RGB_SPACES.test(o))).toEqual([]);
  });

  it('in gray mode writes DeviceGray only, the registration separation falling back to gray', async () => {
    const p = await renderWith({ colour: 'gray', 'colour-bars': true });
    const [content] = await contentStreams(p);
    const used = ops(content!).filter((o) => COLOUR_OPS.has(o.op)).map((o) => o.op);
    expect(used.filter((op) => !['g', 'G', 'CS', 'SC'].includes(op))).toEqual([]);
    expect(textColours(content!).every((c) => c === '0 g')).toBe(true); // body text solid black
    const objs = await objectTexts(p);
    expect(objs.filter((o) => /DeviceCMYK|DeviceRGB/.test(o))).toEqual([]);
    expect(objs.find((o) => o.includes('/Separation /All'))).toMatch(/\/DeviceGray/);
  });

  it('sets titles in a spot ink from the house style, body text stays 100% K', async () => {
    // through the YAML, so the blocks' own title styles inherit the colour
    const ed = loadTarget(sampleWithHouse((h) => {
      h.print = { spot: { 报红: [0, 100, 100, 0] } };
      h.styles.title.colour = '报红';
    }));
    // colours are the lines' paint in the display list: the page is laid out with that house
    const spotted = layoutEdition(ed);
    const p = await renderEditionPage(spotted, spotted.pages[0]!);
    const objs = await objectTexts(p);
    expect(objs.find((o) => o.includes('/Separation /#E6#8A#A5#E7#BA#A2'))).toMatch(/\/DeviceCMYK[\s\S]*\/C1 \[ 0 1 1 0 \]/);
    const [content] = await contentStreams(p);
    expect(new Set(textColours(content!))).toEqual(new Set(['0 0 0 1 k', '/Ink0 1']));
    // as a reader sees it, in reading order: the title glyphs red (the alternate), all others black
    const titles = layout.pages[0]!.blocks.flatMap((b) => b.headline.filter((l) => l.role === 'title').map((l) => l.text)).join('');
    const doc = mupdf.Document.openDocument(p, 'application/pdf');
    const page = doc.loadPage(0);
    const st = page.toStructuredText('preserve-whitespace');
    let red = '';
    let black = 0;
    st.walk({
      onChar: (c, _o, _f, _size, _q, colour) => {
        const [r, g, b] = colour as number[];
        if (r! > 0.8 && g! < 0.3 && b! < 0.3) red += c;
        else if (r! < 0.3 && g! < 0.3 && b! < 0.3) black++;
        else expect.unreachable(`glyph ${c} in ${colour}`);
      },
    });
    st.destroy(); page.destroy(); doc.destroy();
    expect(titles.length).toBeGreaterThan(50);
    expect(red.replace(/\s/g, '')).toBe(titles.replace(/\s/g, ''));
    expect(black).toBeGreaterThan(5000);
  });
});

describe('conformance', () => {
  it('is PDF 1.4 with title, producer and the edition date, declared PDF/X-1a for the house printing condition', async () => {
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const { info, catalog } = await infoOf(pdf);
    expect(info).toMatchObject({
      Title: '荆州日报 2024-12-06 第2版', Producer: 'banmian', CreationDate: 'D:20241206000000Z', ModDate: 'D:20241206000000Z',
      GTS_PDFXVersion: 'PDF/X-1a:2003', Trapped: '/False',
    });
    const intent = catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    expect(intent.toString()).toMatch(/\/S \/GTS_PDFX[\s\S]*\/OutputConditionIdentifier \(IFRA26\)/);
    const raw = pdf.toString('latin1');
    expect(raw).not.toMatch(/\/Encrypt|\/SMask|\/CA |\/ca |\/UserUnit/);
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('identifies each file by its bytes: two versions of a page under one title have two IDs', async () => {
    const idOf = (b: Buffer) => /\/ID \[ ?<([0-9a-f]{32})> <([0-9a-f]{32})> ?\]/.exec(b.subarray(-4096).toString('latin1'))!;
    const [, first, second] = idOf(pdf);
    expect(second).toBe(first);
    const zeroed = Buffer.from(pdf.toString('latin1').replaceAll(first!, '0'.repeat(32)), 'latin1');
    expect(createHash('md5').update(zeroed).digest('hex')).toBe(first);
    const other = await renderWith({ marks: false }); // the same page number, paper and date: the same Info
    expect((await infoOf(other)).info.Title).toBe((await infoOf(pdf)).info.Title);
    expect(idOf(other)[1]).not.toBe(first);
  });

  it('writes no PDF/X identification with output-intent: none', async () => {
    const { info, catalog } = await infoOf(await renderWith({ 'output-intent': 'none' }));
    expect(info.GTS_PDFXVersion).toBeUndefined();
    expect(info.Trapped).toBeUndefined();
    expect(catalog.has(PDFName.of('OutputIntents'))).toBe(false);
  });

  it('gives byte-identical files for two builds of the sample edition', async () => {
    const again = layoutTarget(SAMPLE);
    const [a, b] = await Promise.all([layout, again].map((l) => writeEdition(l, mkdtempSync(join(tmpdir(), 'banmian-det-')))));
    expect(a!.length).toBe(layout.pages.length);
    a!.forEach((w, i) => expect(readFileSync(w.file).equals(readFileSync(b![i]!.file)), w.file).toBe(true));
    expect(readFileSync(a![0]!.file).equals(pdf)).toBe(true);
  });
});
