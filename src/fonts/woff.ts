/**
 * WOFF 1.0 → plain TrueType/OpenType (sfnt), once when a font file is opened.
 *
 * Why: fontkit reads a WOFF table by inflating the whole compressed table on every access
 * (WOFFFont._getTableStream), and a glyph's metrics, bounding box and subset entry each read `glyf`
 * again. For a CJK font (LXGW WenKai's glyf is ~20 MB) that is one full inflate per glyph: a page
 * with a 楷体 jump line took ~10 s of CPU. Unpacking the file up front makes every later read a
 * plain buffer read; the tables are the same bytes, so shaping, metrics and the embedded subsets
 * are unchanged.
 */
import { inflateSync } from 'node:zlib';
import { INPUT_LIMITS, megabytes } from '../inputFile.ts';

const WOFF = 0x774f4646; // 'wOFF'

export const isWoff = (data: Uint8Array): boolean =>
  data.length >= 44 && ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0 === WOFF;

const pad = (n: number) => Math.ceil(n / 4) * 4; // not (n + 3) & ~3: a damaged length may pass 2^31

/** The size in bytes of the sfnt woffToSfnt makes of this WOFF file (from its table directory). */
export function sfntSize(data: Uint8Array): number {
  const src = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const numTables = src.readUInt16BE(12);
  let size = 12 + 16 * numTables;
  for (let i = 0; i < numTables; i++) size += pad(src.readUInt32BE(44 + i * 20 + 12));
  return size;
}

/** A table of an unpacked WOFF left to inflate later: where it goes in the sfnt, and its compressed bytes. */
export interface LaterTable { tag: string; offset: number; raw: Buffer; length: number }

/** The table inflated (or `inflated`, already), checked against its length; an Error says what is damaged. */
export function inflateTable(t: { tag: string; raw: Buffer; length: number }, inflated?: Buffer): Buffer {
  const table = inflated ?? inflateSync(t.raw, { maxOutputLength: t.length });
  if (table.length !== t.length) throw new Error(`its ${t.tag} table unpacks to ${table.length} bytes, not the ${t.length} its directory says`);
  return table;
}

/** The sfnt a WOFF 1.0 file wraps: its table directory rebuilt, every table inflated and 4-byte aligned. */
export const woffToSfnt = (data: Uint8Array): Buffer => unpackWoff(data).sfnt;

/**
 * A WOFF 1.0 file unpacked to sfnt but for the compressed tables named in `later` (glyf: most of
 * a CJK font, and only the outlines need it): their place is left zero-filled, to be inflated
 * when they are first needed. The bytes are woffToSfnt's once they are.
 */
export function unpackWoff(data: Uint8Array, later: ReadonlySet<string> = new Set()): { sfnt: Buffer; later: LaterTable[] } {
  const src = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!isWoff(src)) throw new Error('not a WOFF 1.0 file');
  const flavor = src.readUInt32BE(4);
  const numTables = src.readUInt16BE(12);
  if (numTables === 0 || 44 + 20 * numTables > src.length) throw new Error('its WOFF table directory is damaged or cut short');
  // a damaged directory may claim gigabytes of tables: no more than a font file may have
  if (sfntSize(src) > INPUT_LIMITS.font) throw new Error(`its WOFF directory claims ${megabytes(sfntSize(src))} of tables`);
  const tables: { tag: number; name: string; checksum: number; data: Buffer | undefined; raw: Buffer; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const tag = src.readUInt32BE(e), offset = src.readUInt32BE(e + 4), compLength = src.readUInt32BE(e + 8);
    const origLength = src.readUInt32BE(e + 12), checksum = src.readUInt32BE(e + 16);
    const name = src.toString('latin1', e, e + 4).trim();
    if (offset + compLength > src.length) throw new Error(`its ${name} table ends at byte ${offset + compLength}, but the file has ${src.length} (cut short or damaged)`);
    const raw = src.subarray(offset, offset + compLength);
    const compressed = compLength < origLength;
    const table = compressed && later.has(name) ? undefined : inflateTable({ tag: name, raw, length: origLength }, compressed ? undefined : raw);
    tables.push({ tag, name, checksum, data: table, raw, length: origLength });
  }
  tables.sort((a, b) => a.tag - b.tag); // sfnt table records are sorted by tag
  const out = Buffer.alloc(sfntSize(src)); // zero-filled: the padding
  let p2 = 1, log2 = 0;
  while (p2 * 2 <= numTables) { p2 *= 2; log2++; }
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(p2 * 16, 6); // searchRange
  out.writeUInt16BE(log2, 8); // entrySelector
  out.writeUInt16BE(numTables * 16 - p2 * 16, 10); // rangeShift
  let offset = 12 + 16 * numTables;
  const left: LaterTable[] = [];
  tables.forEach((t, i) => {
    const r = 12 + 16 * i;
    out.writeUInt32BE(t.tag, r);
    out.writeUInt32BE(t.checksum, r + 4);
    out.writeUInt32BE(offset, r + 8);
    out.writeUInt32BE(t.length, r + 12);
    if (t.data) t.data.copy(out, offset);
    else left.push({ tag: t.name, offset, raw: t.raw, length: t.length });
    offset += pad(t.length);
  });
  return { sfnt: out, later: left };
}
