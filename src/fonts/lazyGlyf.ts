/**
 * TrueType fonts read without their outlines until a glyph is asked for. A CJK font file is
 * 10–20 MB, nearly all of it `glyf`, and a page uses a few thousand of its 30,000–65,000 glyphs:
 * reading whole files was the largest single cost of a cold build (~80 ms for the sample page's
 * six faces). The file is read into a zero-filled buffer of its full size with every table but
 * `glyf`; a glyph's bytes are read from the file, into the same place, the first time fontkit's
 * TTFGlyph reads its box or outline or the subsetter copies it (`ensureGlyph`). The bytes fontkit
 * and pdfkit see are the file's, so layout and PDFs are the same as with the whole file read.
 *
 * The file stays open while the font is in use; one changed on disk after it was opened is an
 * error rather than a font mixed from two files (checked at most once a second per font).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflate } from 'node:zlib';
import type { Font } from 'fontkit';
import { diag, DiagnosticError } from '../diagnostic.ts';
import { damagedFont, fontAt } from './guard.ts';
import { inflateTable, type LaterTable } from './woff.ts';

interface Lazy {
  fd: number;
  file: string;
  data: Buffer;
  glyf: number; // offset of the glyf table in the file
  loaded: Uint8Array; // per glyph id: its bytes are in `data`
  stamp: string; // size and mtime when opened
  checked: number; // performance.now() of the last check that the file is unchanged
}

interface TTFFontInternals {
  loca?: { offsets: number[] };
  getGlyph(gid: number): object;
}

interface TTFGlyphInternals {
  id: number;
  _font: Font;
  _getCBox(internal?: boolean): unknown;
  _decode(): unknown;
}

const TRUETYPE = new Set([0x00010000, 0x74727565]); // sfnt versions of TrueType outlines: 1.0, 'true'
const lazyFonts = new WeakMap<object, Lazy>();
const patched = new WeakSet<object>();

const stampOf = (s: { size: number; mtimeMs: number }): string => `${s.size} ${s.mtimeMs}`;

export interface OutlinesLater {
  data: Buffer; // the file with every table but glyf
  /** Ties the font fontkit made of `data` to the file, so that its glyphs are read on demand. */
  attach(font: Font): void;
  /** Closes the file (when fontkit could not use it). */
  close(): void;
}

/**
 * The font file with every table but `glyf` read, or undefined when it is not a plain TrueType
 * file with outlines in `glyf` (a collection, CFF outlines, a damaged directory): read it whole.
 */
export function readWithoutOutlines(file: string): OutlinesLater | undefined {
  const fd = openSync(file, 'r');
  let kept = false;
  try {
    const stat = fstatSync(fd);
    const { size } = stat, stamp = stampOf(stat);
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) < 12 || !TRUETYPE.has(head.readUInt32BE(0))) return undefined;
    const numTables = head.readUInt16BE(4);
    const data = Buffer.alloc(size); // zero-filled: pages never written cost no memory
    readSync(fd, data, 0, Math.min(size, 12 + 16 * numTables), 0);
    let glyf = -1;
    for (let i = 0; i < numTables; i++) {
      const r = 12 + 16 * i;
      if (r + 16 > size) return undefined;
      const offset = data.readUInt32BE(r + 8), length = data.readUInt32BE(r + 12);
      if (offset + length > size) return undefined;
      if (data.toString('latin1', r, r + 4) === 'glyf') glyf = offset;
      else readSync(fd, data, offset, length, offset);
    }
    if (glyf < 0) return undefined;
    kept = true;
    return {
      data,
      attach(font) {
        lazyFonts.set(font, { fd, file, data, glyf, loaded: new Uint8Array(font.numGlyphs), stamp, checked: performance.now() });
        patchGlyphs(font);
      },
      close: () => closeSync(fd),
    };
  } finally {
    if (!kept) closeSync(fd);
  }
}

/** Closes the file a font's outlines are read from; its glyphs read so far stay usable. */
export function releaseOutlines(font: Font): void {
  const lazy = lazyFonts.get(font);
  if (!lazy) return;
  closeSync(lazy.fd);
  lazyFonts.delete(font);
}

/** fontkit's TTFGlyph reads `glyf` for its box and its outline: both ask for the bytes first. */
function patchGlyphs(font: Font): void {
  const proto = Object.getPrototypeOf((font as unknown as TTFFontInternals).getGlyph(0)) as TTFGlyphInternals;
  if (patched.has(proto) || typeof proto._getCBox !== 'function' || typeof proto._decode !== 'function') return;
  const { _getCBox, _decode } = proto;
  proto._getCBox = function (this: TTFGlyphInternals, internal?: boolean) { ensureGlyph(this._font, this.id); return _getCBox.call(this, internal); };
  proto._decode = function (this: TTFGlyphInternals) { ensureGlyph(this._font, this.id); return _decode.call(this); };
  patched.add(proto);
}

/**
 * A WOFF unpacked the first time without its outlines (registry.ts): `glyf` is inflated on a
 * thread of libuv's from when the font is opened, into the font's buffer, and the whole sfnt then
 * handed to `keep` (the cache); a glyph asked for before that inflates it here at once. A
 * command that never draws a glyph (makeup measures with the advance widths) never waits for it.
 */
interface Inflating { file: string; data: Buffer; table: LaterTable; done: boolean; keep(sfnt: Buffer): void }
const inflating = new WeakMap<object, Inflating>();
const jobs = new Set<Promise<void>>();

export function inflateLater(font: Font, file: string, data: Buffer, table: LaterTable, keep: (sfnt: Buffer) => void): void {
  const inf: Inflating = { file, data, table, done: false, keep };
  inflating.set(font, inf);
  patchGlyphs(font);
  // one chunk: the inflate is one job on libuv's thread, not a round trip to this one for every 16 KB
  const job = new Promise<void>((resolve) => inflate(table.raw, { chunkSize: Math.max(64 * 1024, table.length), maxOutputLength: table.length }, (e, out) => {
    try {
      if (!e && !inf.done) fill(inf, inflateTable(table, out));
    } catch { /* damaged: reported when a glyph is asked for */ }
    resolve();
  }));
  jobs.add(job);
  void job.then(() => jobs.delete(job));
}

function fill(inf: Inflating, bytes: Buffer): void {
  bytes.copy(inf.data, inf.table.offset);
  inf.done = true;
  inf.keep(inf.data);
}

/** Settles once the outlines of every font being inflated are in (the renderer waits for them before it draws). */
export async function outlinesUnpacked(): Promise<void> {
  await Promise.all(jobs);
}

/** Makes sure glyph `gid`'s bytes are in the font's buffer (a no-op for fonts read whole). */
export function ensureGlyph(font: Font, gid: number): void {
  const inf = inflating.get(font);
  if (inf) {
    if (inf.done) return;
    try {
      fill(inf, inflateTable(inf.table));
    } catch (e) {
      throw damagedFont(inf.file, (e as Error).message);
    }
    return;
  }
  const lazy = lazyFonts.get(font);
  if (!lazy || lazy.loaded[gid] !== 0) return;
  const offsets = (font as unknown as TTFFontInternals).loca?.offsets;
  if (!offsets) return;
  const now = performance.now();
  if (now - lazy.checked > 1000) {
    if (stampOf(fstatSync(lazy.fd)) !== lazy.stamp) {
      throw new DiagnosticError([diag('error', 'FONT_UNREADABLE', `font file ${lazy.file} changed on disk while banmian was using it`, { ...fontAt(lazy.file), hint: 'run the command again' })]);
    }
    lazy.checked = now;
  }
  const start = lazy.glyf + offsets[gid]!, length = offsets[gid + 1]! - offsets[gid]!;
  if (length > 0) readSync(lazy.fd, lazy.data, start, length, start);
  lazy.loaded[gid] = 1;
}
