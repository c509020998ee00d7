/**
 * Preflight on hostile PDFs: a file that is not a whole PDF fails with its own code (never an
 * internal error), every object is visited once (page-tree and form loops are named, a fan-out of
 * forms is followed once per way it is drawn), decoding stops at a named limit, and the same
 * problem is reported once with a count. Each PDF is written byte by byte (hostilePdf.ts) in
 * milliseconds; each case must finish well inside a second or two.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFContext, PDFRawStream, type PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DecodeBudget, DecodeLimit } from '../../src/preflight/decode.ts';
import { preflightFile, type PreflightResult } from '../../src/preflight/preflight.ts';
import { DEFAULT_PROFILE } from '../../src/preflight/report.ts';
import { fanOut, form, onePage, pdf, stream, zeros } from './hostilePdf.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'banmian-hostile-pdf-'));
let n = 0;
const write = (bytes: Buffer | string, name = `h${n++}.pdf`) => { const f = join(dir, name); writeFileSync(f, bytes); return f; };
const check = (bytes: Buffer | string) => preflightFile(write(bytes), DEFAULT_PROFILE);
const codes = (r: PreflightResult) => r.diagnostics.map((d) => d.code).sort();
const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => { const t = performance.now(); const r = await f(); return [r, performance.now() - t]; };
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'preflight', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
const drawX = { content: stream('', '/X Do'), xobjects: { X: 5 } };

describe('a file that is not a whole PDF fails with a clear code', () => {
  it('only a header, or cut short anywhere: PDF_TRUNCATED, no facts', async () => {
    const whole = onePage();
    for (const bytes of ['%PDF-1.4', '%PDF-1.4\n', whole.subarray(0, whole.length >> 1), whole.subarray(0, whole.length - 8)]) {
      const r = await check(bytes);
      expect(r.facts).toBeUndefined();
      expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'PDF_TRUNCATED']]);
      expect(r.diagnostics[0]!.message).toMatch(/without its trailer \(startxref … %%EOF\): it was cut short/);
    }
    expect(codes(await check(whole))).toEqual([]); // the whole file passes
    expect(codes(await check(Buffer.concat([whole, Buffer.alloc(100)])))).toEqual([]); // and with padding after %%EOF, as some uploads leave
  });

  it('no pages: PDF_NO_PAGES', async () => {
    const r = await check(pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']));
    expect(codes(r)).toEqual(['PDF_NO_PAGES']);
    expect(r.facts!.pages).toEqual([]);
  });

  it('a Pages node listing itself in /Kids: the loop named, not followed', async () => {
    const r = await check(pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']));
    expect(codes(r)).toEqual(['PDF_DAMAGED', 'PDF_NO_PAGES']);
    expect(r.diagnostics.find((d) => d.code === 'PDF_DAMAGED')!.message).toBe('the page tree loops: 2 0 R is its own ancestor');
  });

  it('a page listed twice and a kid that is missing: each page checked once, the rest named', async () => {
    const r = await check(pdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 3 0 R 3 0 R 9 0 R] /Count 4 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /TrimBox [0 0 100 100] /Contents 4 0 R >>',
      stream('', '0 g 0 0 10 10 re f'),
    ]));
    expect(r.facts!.pages).toHaveLength(1);
    expect(r.diagnostics.filter((d) => d.code === 'PDF_DAMAGED').map((d) => d.message)).toEqual(['3 0 R is listed twice in the page tree (×2)', 'the page tree names 9 0 R, which is missing']);
  });

  it('a dictionary or array nested 50,000 deep: PDF_DAMAGED naming the depth', async () => {
    const N = 50_000;
    for (const deep of ['<< ' + '/A << '.repeat(N) + '>> '.repeat(N) + '>>', '[ ' + '[ '.repeat(N) + '] '.repeat(N) + ']']) {
      const r = await check(onePage([deep]));
      expect(codes(r)).toEqual(['PDF_DAMAGED']);
      expect(r.diagnostics[0]!.message).toBe('1 object could not be read (5 0 R): nested 50001 deep');
    }
    // the page itself that deep: no page left, and still diagnostics
    const page = pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /A ${'['.repeat(N)}${']'.repeat(N)} >>`]);
    expect(codes(await check(page))).toEqual(['PDF_DAMAGED', 'PDF_DAMAGED', 'PDF_NO_PAGES']);
  });

  it('20,000 streams with a wrong /Length and no endstream: each stretch of the file searched once', async () => {
    const broken = Array.from({ length: 20_000 }, () => '<< /Length 999999 >>\nstream\nxx');
    const [r, ms] = await timed(() => check(pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', ...broken])));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['20000 objects could not be read (3 0 R, 4 0 R, 5 0 R, 6 0 R, 7 0 R …)', 'the file has no pages']);
    expect(ms).toBeLessThan(2000);
  });

  it('banmian preflight exits 1 with the codes, never 70, and says nothing of pdf-lib\'s own notes', () => {
    const r = cli(write('%PDF-1.4'), write(pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>'])),
      write(onePage(['<< ' + '/A << '.repeat(50_000) + '>> '.repeat(50_000) + '>>'])));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error PDF_TRUNCATED: an incomplete PDF/);
    expect(r.stderr).toMatch(/error PDF_DAMAGED: the page tree loops/);
    expect(r.stderr).toMatch(/error PDF_DAMAGED: 1 object could not be read \(5 0 R\): nested 50001 deep/);
    expect(r.stderr).not.toMatch(/internal error|Trying to parse|Invalid object ref/);
  });

  it('not a regular file, or over 1 GB: refused at once, before reading', async () => {
    const r = await preflightFile('/dev/zero', DEFAULT_PROFILE);
    expect(codes(r)).toEqual(['UNREADABLE_FILE']);
    const fifo = join(dir, 'pipe.pdf');
    if (spawnSync('mkfifo', [fifo]).status === 0) expect(codes(await preflightFile(fifo, DEFAULT_PROFILE))).toEqual(['UNREADABLE_FILE']);
    const huge = write('', 'huge.pdf');
    truncateSync(huge, 2 ** 30 + 1); // sparse: no disk used
    expect((await preflightFile(huge, DEFAULT_PROFILE)).diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([`FILE_TOO_LARGE: PDF ${huge} is 1024.0 MB, more than the 1024 MB preflight reads`]);
  });
});

describe('every object visited once', () => {
  it('a form drawing itself, and two forms drawing each other: FORM_CYCLE', async () => {
    const self = await check(onePage([form('/X Do', { X: 5 })], drawX));
    expect(self.diagnostics.map((d) => d.message)).toEqual(['page 1: form /X is drawn inside itself']);
    expect(codes(self)).toEqual(['FORM_CYCLE']);
    const pair = await check(onePage([form('/Y Do', { Y: 6 }), form('0 0 0 1 k /X Do', { X: 5 })], drawX));
    expect(codes(pair)).toEqual(['FORM_CYCLE']);
  });

  it('a 4-way fan-out of forms 14 deep (16 million leaves): one diagnostic, in well under a second', async () => {
    const [r, ms] = await timed(() => check(fanOut(14, 4)));
    expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(['UNREADABLE_CONTENT: page 1: forms nested more than 12 deep']);
    expect(ms).toBeLessThan(1000);
  });

  it('a fan-out drawn at a new place every time: followed up to the budget, then a warning', async () => {
    const [r, ms] = await timed(() => check(fanOut(12, 4, (k, j) => `1 0 0 1 ${j * 5 ** k} 0 cm`)));
    expect(codes(r)).toEqual(['PREFLIGHT_LIMIT', 'RGB_COLOUR']);
    expect(r.diagnostics.find((d) => d.code === 'PREFLIGHT_LIMIT')!.severity).toBe('warning');
    expect(r.diagnostics.find((d) => d.code === 'PREFLIGHT_LIMIT')!.message).toMatch(/^page 1: forms and patterns are drawn again in new places more often than preflight follows \(4 MB of content per file\)/);
    expect(ms).toBeLessThan(2000);
  });

  it('the same low-resolution image placed 1,000 times: one LOW_RESOLUTION with its count', async () => {
    const image = stream('/Type /XObject /Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8', Buffer.alloc(100));
    const r = await check(onePage([image], { content: stream('', 'q 100 0 0 100 20 20 cm /Im Do Q\n'.repeat(1000)), xobjects: { Im: 5 } }));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['page 1: image Im is 7 ppi at its placed size (35.3 × 35.3 mm from 10 × 10 px); at least 150 needed (×1000)']);
    expect(r.facts!.pages[0]!.images).toHaveLength(1);
  });
});

describe('decompression stops at a named limit', () => {
  it('a 1 GB Flate bomb in the page content: DECODE_LIMIT naming 64 MB, quickly and in bounded memory', async () => {
    const [r, ms] = await timed(() => check(onePage([], { content: stream('/Filter /FlateDecode', zeros(2 ** 30)) })));
    expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(['DECODE_LIMIT: page 1: the page\'s content stream decodes to more than 64 MB (the limit for one stream): it was not checked']);
    expect(ms).toBeLessThan(2000);
  });

  it('a bomb in a form and in an object stream (which the parser itself inflates)', async () => {
    const bombForm = stream('/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Filter /FlateDecode', zeros(2 ** 30));
    expect(codes(await check(onePage([bombForm], drawX)))).toEqual(['DECODE_LIMIT']);
    const objStm = stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', zeros(2 ** 30));
    const [r, ms] = await timed(() => check(onePage([objStm])));
    expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      'DECODE_LIMIT: an object stream decodes to more than 64 MB (the limit for one stream)',
      'PDF_DAMAGED: 1 object could not be read (5 0 R)',
    ]);
    expect(ms).toBeLessThan(2000);
  });

  it('a 60 MB content stream shared by five pages: the file\'s limit stops it on the second', async () => {
    const pages = [3, 4, 5, 6, 7].map(() => '<< /Type /Page /MediaBox [0 0 100 100] /TrimBox [5 5 95 95] /BleedBox [0 0 100 100] /Contents 8 0 R >>');
    const file = pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R 7 0 R] /Count 5 >>', ...pages, stream('/Filter /FlateDecode', zeros(60 * 2 ** 20))]);
    const [r, ms] = await timed(() => check(file));
    expect(r.diagnostics.map((d) => d.message)).toEqual([2, 3, 4, 5].map((n) => `page ${n}: the page's content stream decodes to more than 64 MB in all (the limit for the streams of this file): it was not checked`));
    expect(ms).toBeLessThan(2000);
  });

  it('the limits per stream and per file, for Flate and for the filters pdf-lib decodes', () => {
    const ctx = PDFContext.create();
    const s = (filter: string, data: Buffer) => PDFRawStream.of(ctx.obj(filter ? { Filter: filter } : {}) as PDFDict, data);
    const budget = new DecodeBudget(1000, 2500);
    expect(budget.decode(s('FlateDecode', deflateSync(Buffer.alloc(1000)))).length).toBe(1000);
    expect(() => budget.decode(s('FlateDecode', zeros(1001)))).toThrow(new DecodeLimit('1000 bytes (the limit for one stream)'));
    expect(budget.decode(s('', Buffer.alloc(900))).length).toBe(900);
    expect(budget.used).toBe(1900);
    expect(() => budget.decode(s('FlateDecode', zeros(601)))).toThrow(new DecodeLimit('2500 bytes in all (the limit for the streams of this file)'));
    // a file's limit: 64 MB, or 16 times its size
    expect([DecodeBudget.forFile(1e6).perFile, DecodeBudget.forFile(100 * 2 ** 20).perFile, DecodeBudget.forFile(0).perStream]).toEqual([64 * 2 ** 20, 1600 * 2 ** 20, 64 * 2 ** 20]);
    // RunLength: 128 copies of a byte from two bytes, through pdf-lib's decoder read a megabyte at a time
    const runs = Buffer.concat([...Array(10).fill(Buffer.from([0x81, 0x20])), Buffer.from([0x80])]);
    expect(new DecodeBudget().decode(s('RunLengthDecode', runs)).length).toBe(1280);
    expect(() => new DecodeBudget(1000).decode(s('RunLengthDecode', runs))).toThrow(DecodeLimit);
  });
});

describe('banmian preflight FOLDER', () => {
  it('checks the PDF files in it in name order; an empty folder is an error', () => {
    const folder = join(dir, 'edition');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    write(onePage(), 'edition/p10.pdf');
    write(onePage(), 'edition/p2.PDF');
    write('notes', 'edition/notes.txt');
    write(onePage(), 'edition/sub/p1.pdf');
    const r = cli(folder);
    expect(r.stdout.match(/^\S+\.(pdf|PDF)(?=:)/gm)).toEqual([join(folder, 'p2.PDF'), join(folder, 'p10.pdf')]);
    expect(r.status).toBe(0);
    mkdirSync(join(dir, 'empty'));
    const e = cli(join(dir, 'empty'));
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/error MISSING_FILE: no PDF files in the folder/);
  });
});
