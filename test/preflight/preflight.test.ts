/**
 * The preflight: every page banmian builds passes; PDFs made elsewhere fail with a clear message
 * for each thing a print shop would reject (RGB, fonts not embedded, transparency, low image
 * resolution, K-only or misplaced crop marks, a broken PDF/X declaration, encryption); the
 * content-stream lexer reads what is in strings and inline images as data, not operators.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { cmyk, PDFDocument as LibDocument, PDFName, PDFNumber, PDFOperator, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, writeEdition } from '../../src/build.ts';
import { operations, STRING, Name } from '../../src/preflight/lexer.ts';
import { preflightFile } from '../../src/preflight/preflight.ts';
import { DEFAULT_PROFILE, formatReport } from '../../src/preflight/report.ts';

const ROOT = join(import.meta.dirname, '../..');
const tmp = () => mkdtempSync(join(tmpdir(), 'banmian-preflight-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/banmian.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
const codes = (ds: { code: string }[]) => [...new Set(ds.map((d) => d.code))].sort();

/** A PDF written with pdfkit's public API, as a careless tool would: Helvetica, red text. */
function pdfkitFile(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<string> {
  const file = join(tmp(), 'elsewhere.pdf');
  const doc = new PDFDocument({ size: [300, 200], info: { CreationDate: new Date(0) }, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<string>((res) => doc.on('end', () => { writeFileSync(file, Buffer.concat(chunks)); res(file); }));
  draw(doc);
  doc.end();
  return done;
}

const editions = readdirSync(join(ROOT, 'layouts')).filter((d) => existsSync(join(ROOT, 'layouts', d, 'edition.yaml')));

describe('banmian build output passes', () => {
  it.each(editions)('every page of the %s edition, with the boxes, colours, fonts and marks it should have', async (name) => {
    const layout = layoutTarget(join(ROOT, 'layouts', name, 'edition.yaml'));
    const house = layout.edition.house;
    const written = await writeEdition(layout, tmp());
    expect(written.length).toBeGreaterThan(0);
    for (const w of written) {
      const { facts, diagnostics } = await preflightFile(w.file, { ...DEFAULT_PROFILE, colour: house.print.colour, marks: house.print.marks });
      expect(diagnostics, w.file).toEqual([]);
      const [page] = facts!.pages;
      expect(facts!.pages).toHaveLength(1);
      expect(page!.trim![2] - page!.trim![0]).toBeCloseTo(house.page.width, 2);
      expect(page!.trim![0] - page!.bleed![0]).toBeCloseTo(house.page.bleed, 2);
      expect(page!.colours.map((u) => u.space.label).sort()).toEqual(house.print.colour === 'gray' ? ['DeviceGray', 'Separation All'] : ['DeviceCMYK', 'Separation All']);
      expect(page!.fonts.length).toBeGreaterThan(0);
      expect(page!.fonts.every((f) => f.embedded === 'FontFile2' && f.subset)).toBe(true);
      expect(page!.marks).toEqual(house.print.marks
        ? { crop: 8, cropInBleed: 0, registration: 4, colourBar: house.print.colourBars ? expect.any(Number) : 0, colours: ['registration'] }
        : { crop: 0, cropInBleed: 0, registration: 0, colourBar: 0, colours: [] });
      expect(page!.transparency).toEqual([]);
      expect(facts!.info.GTS_PDFXVersion).toBe(house.print.outputIntent ? 'PDF/X-1a:2003' : undefined);
    }
  });

  it('banmian build checks each page it wrote and says so', () => {
    const out = tmp();
    const r = cli('build', '--out', out);
    expect(r.stdout).toMatch(/^ +preflight passed: PDF\/X-1a:2003, DeviceCMYK \+ Separation All, (\d+)\/\1 fonts embedded, 8 crop marks$/m);
    expect(r.stdout).not.toMatch(/FAILED/);
  });
});

describe('a PDF made elsewhere', () => {
  let file: string;
  beforeAll(async () => {
    file = await pdfkitFile((doc) => doc.font('Helvetica').fillColor('red').text('Hello', 50, 50));
  });

  it('fails: RGB colour, a font not embedded, no TrimBox', async () => {
    const { facts, diagnostics } = await preflightFile(file, DEFAULT_PROFILE);
    expect(codes(diagnostics)).toEqual(['FONT_NOT_EMBEDDED', 'NO_TRIMBOX', 'RGB_COLOUR']);
    expect(diagnostics.find((d) => d.code === 'RGB_COLOUR')!.message).toBe('page 1: RGB colour (DeviceRGB: cs ×1, scn ×1)');
    expect(diagnostics.find((d) => d.code === 'FONT_NOT_EMBEDDED')!.message).toBe('page 1: font Helvetica (Type1) is not embedded');
    expect(diagnostics.every((d) => d.severity === 'error' && d.file === file && d.hint)).toBe(true);
    expect(formatReport(facts!, diagnostics)).toMatch(/fonts   Helvetica Type1 NOT EMBEDDED[\s\S]*FAILED: 3 errors/);
  });

  it('makes banmian preflight exit 1 and print compiler-style errors', () => {
    const r = cli('preflight', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}: error RGB_COLOUR: page 1: RGB colour (DeviceRGB: cs ×1, scn ×1)\n  hint: `);
    expect(r.stderr).toContain(`${file}: error FONT_NOT_EMBEDDED: page 1: font Helvetica (Type1) is not embedded`);
    expect(r.stdout).toContain('no PDF/X declaration');
  });

  it('reports a missing file and a file that is no PDF as errors, without a stack trace', () => {
    const r = cli('preflight', join(ROOT, 'no/such.pdf'), join(ROOT, 'package.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no\/such\.pdf: error MISSING_FILE/);
    expect(r.stderr).toMatch(/package\.json: error PDF_UNREADABLE: not a readable PDF/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('fails on transparency and encryption', async () => {
    const seeThrough = await pdfkitFile((doc) => { doc.opacity(0.5).rect(10, 10, 50, 50).fill([0, 0, 0, 100]); });
    expect((await preflightFile(seeThrough, DEFAULT_PROFILE)).diagnostics.filter((d) => d.code === 'TRANSPARENCY').map((d) => d.message))
      .toEqual(['page 1: transparency: graphics state Gs1: stroke opacity 0.5, fill opacity 0.5']);
    const locked = await pdfkitFile(() => {}, { userPassword: 'x' });
    expect(codes((await preflightFile(locked, DEFAULT_PROFILE)).diagnostics)).toContain('PDF_ENCRYPTED');
  });

  it('fails a PDF/X declaration without its output intent, Trapped and Title', async () => {
    const f = await pdfkitFile(() => {}, { info: { CreationDate: new Date(0), GTS_PDFXVersion: 'PDF/X-1a:2003' } as PDFKit.DocumentInfo });
    expect(codes((await preflightFile(f, DEFAULT_PROFILE)).diagnostics)).toEqual(['NO_TRIMBOX', 'PDFX_NO_OUTPUT_INTENT', 'PDFX_NO_TITLE', 'PDFX_TRAPPED']);
  });
});

describe('images, marks and spot colours (a PDF built with pdf-lib)', () => {
  let file: string;
  beforeAll(async () => {
    const doc = await LibDocument.create();
    const page = doc.addPage([400, 400]);
    page.setTrimBox(50, 50, 300, 300);
    page.setBleedBox(41, 41, 318, 318);
    // crop marks in K only; the second reaches into the bleed
    page.drawLine({ start: { x: 20, y: 50 }, end: { x: 40, y: 50 }, thickness: 0.25, color: cmyk(0, 0, 0, 1) });
    page.drawLine({ start: { x: 30, y: 350 }, end: { x: 45, y: 350 }, thickness: 0.25, color: cmyk(0, 0, 0, 1) });
    // 100 × 50 px on 1 × 0.5 in: 100 ppi
    const png = await sharp({ create: { width: 100, height: 50, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
    page.drawImage(await doc.embedPng(png), { x: 100, y: 100, width: 72, height: 36 });
    // a spot ink named in UTF-8 whose fallback is RGB
    const tint = doc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [1, 1, 1], C1: [1, 0, 0], N: 1 });
    const sep = doc.context.obj([PDFName.of('Separation'), PDFName.of(Buffer.from('报红').toString('latin1')), PDFName.of('DeviceRGB'), tint]);
    page.node.Resources()!.set(PDFName.of('ColorSpace'), doc.context.obj({ CS1: sep }));
    page.pushOperators(PDFOperator.of('cs' as never, [PDFName.of('CS1')]), PDFOperator.of('sc' as never, [PDFNumber.of(1)]),
      PDFOperator.of('re' as never, [200, 200, 10, 10].map((n) => PDFNumber.of(n))), PDFOperator.of('f' as never),
      PDFOperator.of('cs' as never, [PDFName.of('Missing')])); // a colour space the resources do not define
    page.drawText('x', { x: 60, y: 60, size: 9, font: await doc.embedFont(StandardFonts.Helvetica), color: cmyk(0, 0, 0, 1) });
    file = join(tmp(), 'lib.pdf');
    writeFileSync(file, await doc.save({ useObjectStreams: true }));
  });

  it('reads the image resolution from its pixels and the placing matrix', async () => {
    const { facts, diagnostics } = await preflightFile(file, DEFAULT_PROFILE);
    const [img] = facts!.pages[0]!.images;
    expect(img).toMatchObject({ pixels: [100, 50], space: 'DeviceRGB', bits: 8 });
    expect(img!.placed[0]).toBeCloseTo(72, 6);
    expect(img!.ppi).toBeCloseTo(100, 6);
    expect(diagnostics.find((d) => d.code === 'LOW_RESOLUTION')!.message).toMatch(/is 100 ppi at its placed size \(25\.4 × 12\.7 mm from 100 × 50 px\); at least 150 needed/);
    expect(codes((await preflightFile(file, { ...DEFAULT_PROFILE, minPpi: 100 })).diagnostics)).not.toContain('LOW_RESOLUTION');
  });

  it('follows forms: the same page drawn at half size as a form holds the image at twice the resolution', async () => {
    const doc = await LibDocument.create();
    const [form] = await doc.embedPdf(readFileSync(file));
    doc.addPage([400, 400]).drawPage(form!, { x: 0, y: 0, xScale: 0.5, yScale: 0.5 });
    const half = join(tmp(), 'form.pdf');
    writeFileSync(half, await doc.save());
    const { facts, diagnostics } = await preflightFile(half, DEFAULT_PROFILE);
    expect(facts!.pages[0]!.images.map((i) => Math.round(i.ppi))).toEqual([200]);
    expect(codes(diagnostics)).toEqual(expect.arrayContaining(['RGB_COLOUR', 'FONT_NOT_EMBEDDED', 'SPOT_ALTERNATE']));
  });

  it('finds the crop marks, and fails them for printing on black only and for reaching into the bleed', async () => {
    const { facts, diagnostics } = await preflightFile(file, DEFAULT_PROFILE);
    expect(facts!.pages[0]!.marks).toEqual({ crop: 2, cropInBleed: 1, registration: 0, colourBar: 0, colours: ['black only'] });
    expect(codes(diagnostics)).toEqual(expect.arrayContaining(['MARKS_NOT_REGISTRATION', 'MARKS_IN_BLEED']));
  });

  it('names spot inks in UTF-8 and fails an RGB fallback; fails CMYK on a gray page and a colour space it cannot resolve', async () => {
    const { facts, diagnostics } = await preflightFile(file, { ...DEFAULT_PROFILE, colour: 'gray' });
    const spot = facts!.pages[0]!.colours.find((u) => u.space.kind === 'spot')!;
    expect(spot.space.label).toBe('Separation 报红');
    expect(diagnostics.find((d) => d.code === 'SPOT_ALTERNATE')!.message).toBe('page 1: Separation 报红 falls back to DeviceRGB');
    expect(diagnostics.find((d) => d.code === 'CMYK_ON_GRAY_PAGE')!.message).toMatch(/CMYK colour on a gray page \(K ×2, k ×1\)/);
    expect(diagnostics.find((d) => d.code === 'UNKNOWN_COLOUR')!.message).toBe('page 1: an unresolvable colour space (cs ×1)');
    expect(codes(diagnostics)).toEqual(['CMYK_ON_GRAY_PAGE', 'FONT_NOT_EMBEDDED', 'LOW_RESOLUTION', 'MARKS_IN_BLEED', 'MARKS_NOT_REGISTRATION', 'RGB_COLOUR', 'SPOT_ALTERNATE', 'UNKNOWN_COLOUR']);
  });
});

describe('content-stream lexer', () => {
  const opsOf = (s: string | Uint8Array) => [...operations(typeof s === 'string' ? Buffer.from(s, 'latin1') : s)];

  it('keeps operator-like text inside strings, comments and nested parentheses out of the operators', () => {
    const got = opsOf('BT (1 0 0 rg \\) (x) RG) Tj <0a0B> Tj % 1 0 0 rg\n[(a) -12.5 (b\\(c)] TJ ET 0 0 0 1 k');
    expect(got.map((o) => o.op)).toEqual(['BT', 'Tj', 'Tj', 'TJ', 'ET', 'k']);
    expect(got[3]!.args).toEqual([[STRING, -12.5, STRING]]);
    expect(got[5]!.args).toEqual([0, 0, 0, 1]);
  });

  it('reads names with #xx escapes, dictionaries and arrays as operands', () => {
    const [bdc, cs] = opsOf('/Span <</ActualText (x) /N [1 2]>> BDC /#E6#8A#A5 cs');
    expect(bdc!.args[1]).toEqual(new Map<string, unknown>([['ActualText', STRING], ['N', [1, 2]]]));
    expect(Buffer.from((cs!.args[0] as Name).name, 'latin1').toString('utf8')).toBe('报');
  });

  it('skips an inline image\'s binary data, even when it holds " rg " or " EI "', () => {
    const data = Buffer.from(' 1 0 0 rg EI ', 'latin1'); // 12 bytes: 4 × 1 px of RGB
    const stream = Buffer.concat([Buffer.from('q BI /W 4 /H 1 /CS /RGB /BPC 8 ID ', 'latin1'), data.subarray(0, 12), Buffer.from('\nEI Q 0 g', 'latin1')]);
    const got = opsOf(stream);
    expect(got.map((o) => o.op)).toEqual(['q', 'BI', 'Q', 'g']);
    expect(got[1]!.inline!.get('CS')).toEqual(new Name('RGB'));
  });

  it('survives malformed content without throwing', () => {
    expect(() => opsOf('] >> ) [ (unterminated <abc')).not.toThrow();
    expect(opsOf('1 2 [ 3 re ] f')).toEqual([{ op: 'f', args: [1, 2, [3]] }]); // an operator inside an array is dropped
  });
});
