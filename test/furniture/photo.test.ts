/**
 * Photos: cropped round the focal point to the grid box, converted to the house colour mode at
 * the house resolution (read back from the written PDF by the preflight and by sharp), captions
 * and credits on the grid, text flowing round a block's photo, and every mistake a diagnostic.
 */
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, renderEditionPage, type EditionLayout } from '../../src/build.ts';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostic.ts';
import { rowTop } from '../../src/layout/geometry.ts';
import { cropFor } from '../../src/layout/photo.ts';
import type { Furniture } from '../../src/layout/types.ts';
import { inspectPdf } from '../../src/preflight/inspect.ts';
import { convertPhoto } from '../../src/render/furniture.ts';
import { extractText, squash } from '../pdf.ts';
import { expectAnnotated } from '../annotations.ts';
import { scratch, testPhoto, type Scratch } from './project.ts';

type Image = Extract<Furniture, { kind: 'image' }>;

/** The page's image XObjects as sharp reads their JPEG bytes: channels, colour space, and the pixels. */
async function embedded(pdf: Uint8Array): Promise<{ width: number; height: number; channels: number; space: string; gray: Buffer }[]> {
  const doc = await PDFDocument.load(pdf);
  const out = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const bytes = Buffer.from(obj.contents);
    const meta = await sharp(bytes).metadata();
    const gray = await sharp(bytes).toColourspace('b-w').raw().toBuffer();
    out.push({ width: meta.width, height: meta.height, channels: meta.channels, space: meta.space, gray });
  }
  return out;
}

/** Centre of the dark pixels of a gray raster, as fractions of its width and height. */
function darkCentre(gray: Buffer, w: number, h: number): [number, number] {
  let sx = 0, sy = 0, n = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (gray[y * w + x]! < 60) { sx += x; sy += y; n++; }
  return [sx / n / w, sy / n / h];
}

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);

describe('a photo of its own and a photo in a story block', () => {
  let s: Scratch;
  let layout: EditionLayout;
  let pdf: Buffer;
  beforeAll(async () => {
    s = scratch([2]);
    // wide: 4000 × 600, the mark at 60 % across; the block photo: 1200 × 900, the mark low right
    await testPhoto(join(s.content, 'wide.jpg'), 4000, 600, { x: 2400, y: 300, size: 120 });
    await testPhoto(join(s.content, 'tall.png'), 1200, 900, { x: 900, y: 700, size: 100 }, 'png', { alpha: true });
    s.page(2, `blocks:
  - { id: glass, story: glass, col: 1, cols: 3, line: 1, lines: 36, headline: { lines: 7 },
      image: { file: tall.png, cols: 2, lines: 12, place: top-right, focus: [0.75, 0.8], caption: 菲利华石英玻璃生产线, credit: 记者 张三 摄 } }
photos:
  - { id: wide, file: wide.jpg, col: 5, cols: 4, line: 1, lines: 12, focus: [0.6, 0.5], caption: 荆州古城墙下的护城河畔，市民晨练, credit: 记者 张三 摄 }
`);
    layout = layoutTarget(s.edition);
    pdf = await renderEditionPage(layout, layout.pages[0]!);
  });

  it('embeds each photo as a DeviceCMYK JPEG at the house 300 ppi of its placed size', async () => {
    const facts = await inspectPdf(pdf, 'p02.pdf');
    const images = facts.pages[0]!.images;
    expect(images).toHaveLength(2);
    for (const img of images) {
      expect(img.space).toBe('DeviceCMYK');
      expect(img.ppi).toBeGreaterThan(299);
      expect(img.ppi).toBeLessThan(301);
    }
    for (const e of await embedded(pdf)) expect([e.channels, e.space]).toEqual([4, 'cmyk']);
    // and the layout's placed size is the PDF's
    const placed = layout.pages[0]!.furniture.filter((f): f is Image => f.kind === 'image').map((f) => [f.width, f.height]);
    expect(images.map((i) => i.placed.map((v) => Math.round(v * 10) / 10))).toEqual(expect.arrayContaining(placed.map((p) => p.map((v) => Math.round(v * 10) / 10))));
  });

  it('crops round the focal point: the mark stays where the focus put it', async () => {
    const [wide] = layout.pages[0]!.furniture.filter((f): f is Image => f.kind === 'image' && f.id === 'wide');
    // a picture wider than the source's proportions: its full height, a window centred on x = 2400
    const crop = cropFor(4000, 600, wide!.width / wide!.height, [0.6, 0.5]);
    expect(wide!.crop).toEqual(crop);
    expect(crop.height).toBe(600);
    expect(Math.abs(crop.left + crop.width / 2 - 2400)).toBeLessThanOrEqual(1);
    const images = await embedded(pdf);
    const w = images.find((i) => i.width === wide!.pixels[0])!;
    const [cx, cy] = darkCentre(w.gray, w.width, w.height);
    expect(cx).toBeCloseTo(0.5, 1);
    expect(cy).toBeCloseTo(0.5, 1);
    // the block's photo: the mark low right stays low right, on white where the PNG was transparent
    const t = images.find((i) => i !== w)!;
    const [tx, ty] = darkCentre(t.gray, t.width, t.height);
    expect(tx).toBeGreaterThan(0.6);
    expect(ty).toBeGreaterThan(0.6);
    expect(Math.max(...t.gray.subarray(0, t.width))).toBeGreaterThan(200); // the half-transparent grey over white
  });

  it('never resamples up, and clamps the focus to the picture', () => {
    expect(cropFor(1000, 1000, 2, [0, 0])).toEqual({ left: 0, top: 0, width: 1000, height: 500 });
    expect(cropFor(1000, 1000, 2, [1, 1])).toEqual({ left: 0, top: 500, width: 1000, height: 500 });
    expect(cropFor(1000, 1000, 0.5, [0.9, 0.5])).toEqual({ left: 500, top: 0, width: 500, height: 1000 });
  });

  it('sets caption and credit in the caption style on the grid, the credit flush right', () => {
    const g = layout.pages[0]!.grid;
    const caption = layout.pages[0]!.furniture.find((f): f is Extract<Furniture, { kind: 'text' }> => f.kind === 'text' && f.id === 'wide')!;
    const image = layout.pages[0]!.furniture.find((f): f is Image => f.kind === 'image' && f.id === 'wide')!;
    expect(caption.lines.map((l) => l.text).join('')).toBe('荆州古城墙下的护城河畔，市民晨练　记者 张三 摄');
    const last = caption.lines.at(-1)!;
    expect(last.glyphs.at(-1)!.x + last.glyphs.at(-1)!.adv + last.x).toBeCloseTo(image.x + image.width, 1);
    expect(last.glyphs[0]!.face).toMatch(/^kai/);
    // picture + caption fill the 12 rows: the caption's last baseline is on row 12's
    expect(last.baseline).toBeCloseTo(g.firstBaseline + 11 * g.pitch, 1);
    expect(image.y).toBeCloseTo(rowTop(g, 1), 6);
    expect(image.y + image.height).toBeLessThan(caption.lines[0]!.baseline - 0.88 * g.em);
    const text = squash(extractText(pdf));
    expect(text).toContain('荆州古城墙下的护城河畔，市民晨练');
    expect(text).toContain('记者张三摄');
  });

  it('flows the story round its photo: the columns under it start below it, and no line is lost', () => {
    const glass = layout.pages[0]!.blocks.find((b) => b.id === 'glass')!;
    const photo = layout.pages[0]!.furniture.find((f): f is Image => f.kind === 'image' && f.id === 'glass')!;
    const [c1, c2, c3] = glass.frames;
    expect(c2!.firstLine).toBe(c1!.firstLine + 12);
    expect(c3!.firstLine).toBe(c1!.firstLine + 12);
    expect(c1!.capacity).toBe(c2!.capacity + 12);
    expect(photo.x).toBeCloseTo(c2!.x, 6);
    expect(photo.x + photo.width).toBeCloseTo(c3!.x + c3!.width, 6);
    for (const l of glass.frames.flatMap((f) => f.lines)) {
      const under = l.x + l.measure > photo.x && l.baseline > photo.y && l.baseline - 0.88 * 9 < photo.y + photo.height;
      expect(under, l.text).toBe(false);
    }
    expect(glass.overflow).toBe(0);
    const text = squash(extractText(pdf));
    expect(text).toContain(squash('中国工程院院士、武汉理工大学材料学科首席教授傅正义'));
  });

  it('is byte-identical when built again (the PNG with alpha is flattened, not left to pdfkit)', async () => {
    const again = layoutTarget(s.edition);
    expect((await renderEditionPage(again, again.pages[0]!)).equals(pdf)).toBe(true);
    // the second build took the photos from the cache: a fresh conversion gives the same bytes
    const png = layout.pages[0]!.furniture.find((f): f is Image => f.kind === 'image' && f.id === 'glass')!;
    expect((await convertPhoto(png, 'cmyk')).equals(await convertPhoto(png, 'cmyk'))).toBe(true);
  });
});

describe('photo formats, colour mode and orientation', () => {
  it('reads TIFF and WebP, turns by the EXIF orientation, and writes DeviceGray for a gray house', async () => {
    const s = scratch([2], { house: (h) => { h.print.colour = 'gray'; } });
    await testPhoto(join(s.content, 'a.tiff'), 800, 800, { x: 400, y: 400, size: 80 }, 'tiff');
    await testPhoto(join(s.content, 'b.webp'), 800, 800, { x: 400, y: 400, size: 80 }, 'webp');
    // stored 1600 × 800 with the mark at the left; orientation 6 shows it turned clockwise: 800 × 1600, mark at the top
    await testPhoto(join(s.content, 'c.jpg'), 1600, 800, { x: 200, y: 400, size: 160 }, 'jpeg', { orientation: 6 });
    s.page(2, `blocks: []
photos:
  - { id: a, file: a.tiff, col: 1, cols: 1, line: 1, lines: 10 }
  - { id: b, file: b.webp, col: 2, cols: 1, line: 1, lines: 10 }
  - { id: c, file: c.jpg, col: 3, cols: 1, line: 1, lines: 30 }
`);
    const layout = layoutTarget(s.edition);
    expect(layout.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'EMPTY_AREA')).toEqual([]); // a test page of three photos leaves most of it empty
    const c = layout.pages[0]!.furniture.find((f): f is Image => f.kind === 'image' && f.id === 'c')!;
    expect(c.crop.height).toBeGreaterThan(c.crop.width); // the upright picture is tall
    const pdf = await renderEditionPage(layout, layout.pages[0]!);
    const facts = await inspectPdf(pdf, 'p02.pdf');
    expect(facts.pages[0]!.images.map((i) => i.space)).toEqual(['DeviceGray', 'DeviceGray', 'DeviceGray']);
    const images = await embedded(pdf);
    expect(images.map((i) => i.channels)).toEqual([1, 1, 1]);
    const turned = images.find((i) => i.width === c.pixels[0] && i.height === c.pixels[1])!;
    expect(darkCentre(turned.gray, turned.width, turned.height)[1]).toBeLessThan(0.3);
  });
});

describe('photo mistakes are diagnostics at file:line:col', () => {
  const diagnostics = (s: Scratch): Diagnostic[] => {
    try {
      return layoutTarget(s.edition).diagnostics;
    } catch (e) {
      if (e instanceof DiagnosticError) return e.diagnostics;
      throw e;
    }
  };

  it('a missing file, a GIF, a focus outside the picture, a caption beside a one-column photo', async () => {
    const s = scratch([2]);
    await testPhoto(join(s.content, 'anim.gif'), 100, 100, undefined, 'gif');
    await testPhoto(join(s.content, 'ok.jpg'), 1000, 1000);
    const file = s.page(2, `blocks: []
photos:
  - { id: a, file: photos/missing.jpg, col: 1, cols: 2, line: 1, lines: 10 }
#                  ^ error MISSING_FILE
  - { id: b, file: anim.gif, col: 3, cols: 2, line: 1, lines: 10 }
#                  ^ error IMAGE_FORMAT
  - { id: c, file: ok.jpg, focus: [0.5, 1.5], col: 5, cols: 2, line: 1, lines: 10 }
#                                 ^ error BAD_VALUE
  - { id: d, file: ok.jpg, caption-place: right, caption: 说明, col: 7, cols: 1, line: 1, lines: 10 }
#                                         ^ error BAD_VALUE
`);
    const ds = diagnostics(s);
    expectAnnotated(ds, [file]);
    expect(ds.every((d) => d.hint)).toBe(true);
    expect(ds[0]!.hint).toContain(s.content);
    expect(ds[1]!.message).toBe('anim.gif is a GIF image; photos are JPEG, PNG, TIFF or WebP');
    expect(ds[2]!.hint).toMatch(/fractions of the picture's width and height/);
  });

  it('a photo too coarse for its size, one with no room for its picture, and one over a block', async () => {
    const s = scratch([2]);
    await testPhoto(join(s.content, 'small.jpg'), 300, 200);
    const file = s.page(2, `blocks:
  - { id: xi, story: xi, col: 1, cols: 3, line: 1, lines: 30 }
#   ^ warning BLOCK_UNDERFLOW
photos:
  - { id: small, file: small.jpg, col: 4, cols: 4, line: 1, lines: 12 }
#                      ^ warning IMAGE_LOW_RES
  - { id: tiny, file: small.jpg, caption: 一段很长的图片说明文字要占去好几行而图片本身只有两行高所以放不下图片, col: 4, cols: 1, line: 20, lines: 2 }
#   ^ error PHOTO_NO_ROOM
  - { id: over, file: small.jpg, col: 3, cols: 2, line: 10, lines: 5 }
#   ^ error BLOCK_OVERLAP
#                     ^ warning IMAGE_LOW_RES
`);
    const ds = diagnostics(s);
    expectAnnotated(ds.filter((d) => d.code !== 'EMPTY_AREA'), [file]); // a test page of a few rectangles
    // the resolution, measured: what the warning is for
    expect(ds.find((d) => d.code === 'IMAGE_LOW_RES')!.message).toBe('photo "small" has 43 ppi at its placed size (175 × 56 mm from 300 × 95 of its 300 × 200 pixels); the house minimum is 150');
  });
});
