/**
 * Fuzzing preflight with hostile PDFs: structurally valid files with random loops and fan-outs of
 * forms and patterns, page trees that loop or share nodes, deep nesting, decompression bombs and
 * broken streams; a real banmian page (and the same page in an edition with object streams) cut
 * short, with bytes flipped, ranges deleted or repeated; and garbage. Whatever the file, preflight
 * gives diagnostics (never another exception), within the time budget, with output bounded by the
 * size of the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, renderEditionPage } from '../../src/build.ts';
import { formatDiagnostic } from '../../src/diagnostic.ts';
import { preflightFile } from '../../src/preflight/preflight.ts';
import { DEFAULT_PROFILE, formatReport } from '../../src/preflight/report.ts';
import { pdf, stream, zeros, type Body } from '../preflight/hostilePdf.ts';
import { EDITION, FUZZ, HOUSE, scratch, survives } from './hostile.ts';

const project = scratch();
const FILE = join(project.dir, 'case.pdf');

/** Preflight on the bytes: diagnostics only, a verdict always, output bounded by the input. */
async function preflight(bytes: Uint8Array): Promise<void> {
  writeFileSync(FILE, bytes);
  const { facts, diagnostics } = await preflightFile(FILE, DEFAULT_PROFILE);
  expect(facts || diagnostics.some((d) => d.severity === 'error')).toBeTruthy();
  const out = (facts ? formatReport(facts, diagnostics).length + JSON.stringify(facts).length : 0) + diagnostics.reduce((s, d) => s + formatDiagnostic(d).length, 0);
  if (out > 100_000 + 8 * bytes.length) throw new Error(`${out} characters of output for a file of ${bytes.length} bytes`);
  if (diagnostics.length > 50 + 30 * (facts?.pages.length ?? 0)) throw new Error(`${diagnostics.length} diagnostics`);
}

// --- structurally valid PDFs with hostile structure -------------------------------------------

const NAMES = ['F0', 'F1', 'F2', 'F3', 'F4'];
/** Content: operators as PDF writers emit them, and as they should not. */
const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('q', 'Q', 'q', 'Q', '0 0 0 1 k', '1 0 0 rg', '0.5 g', '/CS0 cs 1 scn', '/CS0 CS 1 SCN', '/Pattern cs /P0 scn', '/GS0 gs', 'BT /T0 9 Tf (x) Tj ET', '0 0 10 10 re f', '0 0 m 10 0 l S', '-20 5 m -5 5 l S', '0 0 m 1 1 2 2 3 3 c S', '/Sh0 sh', '/Im0 Do', 'h', 'n', 'W n') },
  { weight: 6, arbitrary: fc.constantFrom(...NAMES).map((n) => `/${n} Do`) },
  { weight: 2, arbitrary: fc.tuple(fc.double({ noNaN: false }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 3 })).map(([a, b, s]) => `${[a, 0, 0, s, b, -b].join(' ')} cm`) },
  { weight: 1, arbitrary: fc.constantFrom('BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\x01\x02\x03 EI', 'BI /W 1000000 /H 1000000 /CS /RGB ID xx EI', 'BI /IM true /W 8 /H 1 ID \xff EI', 'BI ID EI') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('[', '<<', '(', '<', '/', '%', ']', '>>', ')', '{'), fc.integer({ min: 1, max: FUZZ ? 100_000 : 2000 })).map(([t, n]) => t.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('1 ', '/N ', '0.5 ', 'q ', 'Q ', '99999999999999999999 ', 'x'), fc.integer({ min: 1, max: FUZZ ? 200_000 : 5000 })).map(([t, n]) => t.repeat(n)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s, 'utf8').toString('latin1')) },
);
const content = fc.array(token, { maxLength: 24 }).map((t) => t.join('\n'));

/** How a stream's data is stored: plain, Flate, a bomb, broken Flate, a filter chain, RunLength. */
const encoding = fc.oneof(
  { weight: 30, arbitrary: fc.constant('plain' as const) },
  { weight: 24, arbitrary: fc.constant('flate' as const) },
  { weight: 6, arbitrary: fc.constantFrom('broken' as const, 'chain' as const, 'runlength' as const, 'unknown' as const) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }).map((mb) => ({ bomb: mb * 2 ** 20 })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: FUZZ ? 300 : 80 }).map((mb) => ({ bomb: mb * 2 ** 20 })) },
);
type Encoding = 'plain' | 'flate' | 'broken' | 'chain' | 'runlength' | 'unknown' | { bomb: number };

function encode(dict: string, data: string, how: Encoding): Buffer {
  const raw = Buffer.from(data, 'latin1');
  if (typeof how === 'object') return stream(`${dict} /Filter /FlateDecode`, zeros(how.bomb));
  switch (how) {
    case 'plain': return stream(dict, raw);
    case 'flate': return stream(`${dict} /Filter /FlateDecode`, deflateSync(raw));
    case 'broken': return stream(`${dict} /Filter /FlateDecode`, deflateSync(raw).subarray(0, 5));
    case 'chain': return stream(`${dict} /Filter [/ASCIIHexDecode /FlateDecode]`, Buffer.from(deflateSync(raw).toString('hex') + '>'));
    case 'runlength': return stream(`${dict} /Filter /RunLengthDecode`, Buffer.concat([...chunks(raw, 128).map((c) => Buffer.concat([Buffer.from([c.length - 1]), c])), Buffer.from([128])]));
    case 'unknown': return stream(`${dict} /Filter /JBIG2Decode`, raw);
  }
}
const chunks = (b: Buffer, n: number) => Array.from({ length: Math.ceil(b.length / n) }, (_, i) => b.subarray(i * n, i * n + n));

/**
 * Objects: 1 catalog, 2 the root Pages, 3…5 more tree nodes, 6…10 forms F0…F4 (Pattern P0 is
 * form 0's object too), 11 an image, 12 a colour space, 13 a deep object, 14 an object stream, then
 * streams whose /Length is wrong. Kids point anywhere.
 */
const kid = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 3, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 13 }) });
const structured = fc.record({
  kids: fc.array(fc.array(kid, { minLength: 1, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
  pageKinds: fc.array(fc.constantFrom('page', 'page', 'page', 'pages', 'page with kids'), { minLength: 3, maxLength: 3 }), // nodes 3…5
  contents: fc.array(content, { minLength: 5, maxLength: 5 }),
  encodings: fc.array(encoding, { minLength: 5, maxLength: 5 }),
  resources: fc.array(fc.subarray([0, 1, 2, 3, 4]), { minLength: 5, maxLength: 5 }),
  pageContent: content,
  space: fc.constantFrom('[/Separation /All /DeviceCMYK 12 0 R]', '[/DeviceN [/A /B] /DeviceRGB 12 0 R]', `[/DeviceN [${'/I '.repeat(5000)}] /DeviceCMYK 0]`, '[/Indexed 12 0 R 1 <00>]', '[/ICCBased 11 0 R]', '12 0 R', '/DeviceRGB', '[]'),
  depth: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 200 }) }, { weight: 1, arbitrary: fc.integer({ min: 200, max: FUZZ ? 100_000 : 3000 }) }),
  objStm: fc.tuple(fc.integer({ min: -1, max: 1e9 }), fc.integer({ min: -1, max: 200 }), fc.constantFrom('14 0 << /Type /Page >>', '15 0 16 3 [1 2] << >>', '', '1 2 3 4 5 6 7', 'x y z'), encoding),
  lengths: fc.array(fc.constantFrom('/Length 1', '/Length 999999', '/Length -5', '/Length 7 0 R', ''), { maxLength: 30 }),
  brokenTrailer: fc.constantFrom('/Root 1 0 R', '/Root 1 0 R', '/Root 1 0 R /Info 13 0 R', '/Root 2 0 R', '', '/Root 99 0 R', '/Root 1 0 R /Encrypt 13 0 R'),
}).map((c) => {
  const node = (i: number) => c.kids[i]!.map((k) => `${k} 0 R`).join(' ');
  const res = (i: number) => `/Resources << /XObject << ${c.resources[i]!.map((f) => `/F${f} ${6 + f} 0 R`).join(' ')} /Im0 11 0 R >> /Pattern << /P0 6 0 R >> /ColorSpace << /CS0 12 0 R >> ` +
    '/ExtGState << /GS0 << /ca 0.5 /BM [/Multiply] /SMask 13 0 R >> >> /Font << /T0 << /Type /Font /Subtype /Type0 /DescendantFonts [13 0 R] >> >> /Shading << /Sh0 << /ColorSpace 12 0 R >> >> >>';
  const tree = (i: number, kind: string) => (kind === 'pages'
    ? `<< /Type /Pages /Kids [${node(i)}] /Count 3 ${res(1)} >>`
    : `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /TrimBox [10 10 190 190] /Contents [6 0 R 7 0 R] ${res(0)} ${kind === 'page' ? '' : `/Kids [${node(i)}]`} >>`);
  const bodies: Body[] = [
    '<< /Type /Catalog /Pages 2 0 R /OutputIntents [13 0 R] /Version /9.9 >>',
    `<< /Type /Pages /Kids [${node(0)}] /Count 3 /MediaBox [0 0 300 300] >>`,
    ...c.pageKinds.map((kind, i) => tree(i + 1, kind)),
    ...c.contents.map((t, i) => encode(`/Type /XObject /Subtype /Form /PatternType 1 /BBox [0 0 100 100] /Matrix [1 0 0 1 ${i} 0] ${res(i)}`, i ? t : `${c.pageContent}\n${t}`, c.encodings[i]!)),
    stream('/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace 12 0 R /BitsPerComponent 8 /SMask 11 0 R /N 3', Buffer.alloc(4)),
    c.space,
    `<< /A ${'['.repeat(c.depth)}${']'.repeat(c.depth)} /S /GTS_PDFX >>`,
    encode(`/Type /ObjStm /N ${c.objStm[0]} /First ${c.objStm[1]}`, c.objStm[2], c.objStm[3]),
    ...c.lengths.map((l) => `<< ${l} >>\nstream\n0 0 0 1 k\n${l ? 'endstream' : ''}`), // a /Length that is wrong, or no endstream
  ];
  return pdf(bodies, c.brokenTrailer);
});

// --- a real page, damaged ---------------------------------------------------------------------

let page: Buffer; // a banmian page: pdfkit's objects, Flate streams, fonts, marks
let edition: Buffer; // the same page through pdf-lib with object streams, as edition.pdf is written

beforeAll(async () => {
  project.write('layouts/house.yaml', stringify(HOUSE));
  const ed = project.write('layouts/ed/edition.yaml', stringify(EDITION));
  project.write('layouts/ed/p01.yaml', stringify({ number: 1, blocks: [{ id: 'a', story: 'a', col: 1, cols: 4, line: 1, lines: 26, headline: { lines: 4 } }] }));
  project.write('content/ed/a.md', `---\ntitle: 标题\n---\n${'荆州日报新闻稿件，记者报道。'.repeat(30)}\n`);
  const layout = layoutTarget(ed);
  page = await renderEditionPage(layout, layout.pages[0]!);
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const p of await doc.copyPages(await PDFDocument.load(page), [0])) doc.addPage(p);
  edition = Buffer.from(await doc.save({ useObjectStreams: true }));
}, 60_000);

const seed = () => fc.constantFrom<'page' | 'edition'>('page', 'edition').map((k) => (k === 'page' ? page : edition));

const damaged = fc.tuple(
  seed(),
  fc.array(fc.oneof(
    { weight: 4, arbitrary: fc.record({ flip: fc.nat(), to: fc.integer({ min: 0, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ cut: fc.nat(), length: fc.integer({ min: 1, max: 5000 }) }) },
    { weight: 1, arbitrary: fc.record({ repeat: fc.nat(), length: fc.integer({ min: 1, max: 2000 }), times: fc.integer({ min: 2, max: 50 }) }) },
  ), { minLength: 1, maxLength: 16 }),
).map(([base, edits]) => {
  let b = Buffer.from(base);
  for (const e of edits) {
    if ('flip' in e) b[e.flip % b.length] = e.to;
    else if ('cut' in e) { const at = e.cut % b.length; b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.length)]); }
    else { const at = e.repeat % b.length; const piece = b.subarray(at, at + e.length); b = Buffer.concat([b.subarray(0, at), ...Array(e.times).fill(piece), b.subarray(at)]); }
    if (!b.length) b = Buffer.from('%PDF-1.4');
  }
  return b;
});

/** Cut anywhere; sometimes given a trailer again, so the parser meets the missing objects. */
const truncated = fc.tuple(seed(), fc.nat(), fc.constantFrom('', '', '\nstartxref\n0\n%%EOF\n', '\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF')).map(([base, at, tail]) =>
  Buffer.concat([base.subarray(0, at % base.length), Buffer.from(tail, 'latin1')]));

const garbage = fc.tuple(fc.uint8Array({ maxLength: 4000 }), fc.boolean(), fc.boolean()).map(([b, head, tail]) =>
  Buffer.concat([Buffer.from(head ? '%PDF-1.7\n' : ''), b, Buffer.from(tail ? '\nstartxref\n9\n%%EOF\n' : '')]));

describe('fuzz: preflight on hostile PDFs', () => {
  it('structurally valid PDFs with loops, fan-outs, deep nesting, bombs and broken streams', async () => {
    await survives('preflight structure', structured, preflight, { quick: 30, long: 15_000, ms: 8000 }, 31);
  });

  it('a real page with bytes flipped, ranges cut out or repeated', async () => {
    await survives('preflight damaged page', damaged, preflight, { quick: 25, long: 8000, ms: 8000 }, 32);
  });

  it('a real page cut short, with and without a trailer put back', async () => {
    await survives('preflight truncated page', truncated, preflight, { quick: 25, long: 5000, ms: 8000 }, 33);
  });

  it('garbage, with and without a header and trailer', async () => {
    await survives('preflight garbage', garbage, preflight, { quick: 20, long: 2000, ms: 8000 }, 34);
  });
});
