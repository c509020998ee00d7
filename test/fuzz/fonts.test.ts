/**
 * Fuzzing the font loader with hostile font files: cut short anywhere, bytes changed in the table
 * directory or inside a table, a table replaced by junk, a WOFF wrapping any of those, random
 * bytes, text. Each goes through fonts.yaml, the composer and the PDF subsetter, the way a page
 * uses a font; the only failure allowed is a diagnostic at the fonts.yaml line (FONT_DAMAGED).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { forgetFont, forgetFontRegistry, loadFontRegistry } from '../../src/fonts/registry.ts';
import { composeParagraph } from '../../src/text/compose.ts';
import { ROOT, scratch, survives } from './hostile.ts';

const CACHE = join(process.cwd(), 'out/.cache/fonts'); // where a WOFF is kept unpacked (src/cache.ts)
const cached = (): string[] => { try { return readdirSync(CACHE); } catch { return []; } };

const SEED = readFileSync(join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf')); // TrueType with GSUB, GPOS, kern
const TEXT = 'Banmian — “the quick brown fox” (1,000 pt), fi ffl 中文。';

interface Table { tag: string; offset: number; length: number }

const tablesOf = (b: Uint8Array): Table[] => {
  const v = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return Array.from({ length: Math.min(v.readUInt16BE(4), Math.floor((v.length - 12) / 16)) }, (_, i) => ({ tag: v.toString('latin1', 12 + 16 * i, 16 + 16 * i), offset: v.readUInt32BE(20 + 16 * i), length: v.readUInt32BE(24 + 16 * i) }));
};

/** The sfnt wrapped as WOFF 1.0, each table deflated when that makes it smaller. */
function toWoff(sfnt: Uint8Array): Buffer {
  const src = Buffer.from(sfnt);
  const tables = tablesOf(src).map((t) => {
    const raw = src.subarray(t.offset, t.offset + t.length);
    const packed = deflateSync(raw);
    return { ...t, data: packed.length < raw.length ? packed : raw };
  });
  const pad = (n: number) => Math.ceil(n / 4) * 4;
  let offset = 44 + 20 * tables.length;
  const head = Buffer.alloc(offset);
  const body: Buffer[] = [];
  tables.forEach((t, i) => {
    const e = 44 + 20 * i;
    head.write(t.tag, e, 'latin1');
    head.writeUInt32BE(offset, e + 4);
    head.writeUInt32BE(t.data.length, e + 8);
    head.writeUInt32BE(t.length, e + 12);
    body.push(t.data, Buffer.alloc(pad(t.data.length) - t.data.length));
    offset += pad(t.data.length);
  });
  head.write('wOFF', 0, 'latin1');
  head.writeUInt32BE(src.readUInt32BE(0), 4);
  head.writeUInt32BE(offset, 8);
  head.writeUInt16BE(tables.length, 12);
  head.writeUInt32BE((12 + 16 * tables.length + tables.reduce((n, t) => n + pad(t.length), 0)) % 2 ** 32, 16); // a damaged directory may claim more
  return Buffer.concat([head, ...body]);
}

/** Bytes changed at fractions of a range of the font: [where 0–1, value]. */
const flips = fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });

const changed = (b: Uint8Array, from: number, length: number, edits: [number, number][]): Uint8Array => {
  const out = new Uint8Array(b);
  for (const [at, v] of edits) out[from + Math.floor(at * length)] = v;
  return out;
};

/** A damaged TrueType file. */
const hostileSfnt: fc.Arbitrary<Uint8Array> = fc.oneof(
  // cut short anywhere
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((f) => SEED.subarray(0, Math.floor(f * SEED.length))),
  // the table directory
  flips.map((e) => changed(SEED, 0, 12 + 16 * tablesOf(SEED).length, e)),
  // inside one table
  fc.tuple(fc.nat(), flips).map(([k, e]) => { const t = tablesOf(SEED)[k % tablesOf(SEED).length]!; return changed(SEED, t.offset, t.length, e); }),
  // one table all junk
  fc.tuple(fc.nat(), fc.integer()).map(([k, seed]) => {
    const t = tablesOf(SEED)[k % tablesOf(SEED).length]!;
    const out = new Uint8Array(SEED);
    let x = seed >>> 0;
    for (let i = 0; i < t.length; i++) { x = (x * 1103515245 + 12345) >>> 0; out[t.offset + i] = x >>> 24; }
    return out;
  }),
);

const hostileFont: fc.Arbitrary<{ bytes: Uint8Array; ext: string }> = fc.oneof(
  { weight: 6, arbitrary: hostileSfnt.map((bytes) => ({ bytes, ext: 'ttf' })) },
  { weight: 2, arbitrary: hostileSfnt.filter((b) => b.length >= 12).map((b) => ({ bytes: toWoff(b), ext: 'woff' })) },
  // a sound font wrapped as WOFF, then damaged: cut short or bytes changed
  { weight: 1, arbitrary: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), flips).map(([cut, e]) => { const w = toWoff(SEED); return { bytes: changed(w, 0, w.length, e).subarray(0, Math.max(1, Math.floor(cut * w.length))), ext: 'woff' }; }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ bytes, ext: 'ttf' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((t) => ({ bytes: new Uint8Array(Buffer.from(`${t}\n`)), ext: 'ttf' })) },
);

describe('fuzz: fonts', () => {
  it('a damaged font is a FONT_DAMAGED at its fonts.yaml line, never a crash or a hang', async () => {
    const p = scratch();
    const kept = new Set(cached());
    let n = 0, damaged = 0;
    await survives('hostile fonts', hostileFont, ({ bytes, ext }) => {
      const id = n++;
      const font = p.write(`f${id}.${ext}`, bytes), yaml = p.write(`f${id}.yaml`, `families:\n  song:\n    400: { file: f${id}.${ext} }\n`);
      try {
        const face = loadFontRegistry(yaml).face('song', 400);
        const set = composeParagraph([{ text: TEXT, face, size: 9 }], { measure: 90, em: 9 });
        // what the PDF writer does with the font: a subset of the glyphs set
        const subset = face.font.createSubset();
        for (const l of set.lines) for (const g of l.glyphs) subset.includeGlyph(g.gid as unknown as Parameters<typeof subset.includeGlyph>[0]);
        subset.encode();
      } catch (e) {
        if (e instanceof DiagnosticError) {
          damaged++;
          expect(e.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['FONT_DAMAGED', yaml, 3]]);
        }
        throw e;
      } finally {
        forgetFont(font);
        forgetFontRegistry(yaml);
        rmSync(font);
        rmSync(yaml);
        if (ext === 'woff') for (const f of cached()) if (!kept.has(f)) rmSync(join(CACHE, f), { force: true }); // its unpacked copy
      }
    }, { quick: 100, long: 50000, ms: 3000 }, 13);
    rmSync(p.dir, { recursive: true, force: true });
    expect(damaged).toBeGreaterThan(0);
  });
});
