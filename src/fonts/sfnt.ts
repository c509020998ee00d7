/**
 * A font file's structure checked before fontkit reads it. fontkit trusts the file: a table that
 * runs past the end of a truncated file, or a glyph offset past `glyf`, fails (or reads zeros)
 * deep inside shaping or embedding, and TrueType outlines are read only when a glyph is first used
 * (lazyGlyf.ts). So the table directory, the tables every font needs and the glyph offsets are
 * checked against the file's size when it is opened, reading only the small tables.
 */

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Buffer;

const TAGS = { TRUE: 0x00010000, true: 0x74727565, OTTO: 0x4f54544f, ttcf: 0x74746366, wOFF: 0x774f4646, wOF2: 0x774f4632 } as const;

/** What is wrong with the font file, in a few words, or undefined when its structure is sound. */
export function fontProblem(read: ReadAt, size: number): string | undefined {
  if (size < 12) return `it is ${size} bytes long, too short for a font`;
  const head = read(0, 12);
  const tag = head.readUInt32BE(0);
  if (tag === TAGS.wOFF || tag === TAGS.wOF2) {
    if (size < 44) return `its WOFF header is cut short`;
    const length = read(0, 44).readUInt32BE(8);
    return length !== size ? `its WOFF header says ${length} bytes, but the file has ${size} (cut short or damaged)` : undefined;
  }
  if (tag === TAGS.ttcf) {
    const fonts = read(8, 4).readUInt32BE(0);
    if (fonts < 1 || 12 + 4 * fonts > size) return 'its collection header is damaged';
    const offsets = read(12, 4 * fonts);
    for (let i = 0; i < fonts; i++) {
      const problem = sfntProblem(read, size, offsets.readUInt32BE(4 * i));
      if (problem) return `font ${i + 1} of the collection: ${problem}`;
    }
    return undefined;
  }
  if (tag !== TAGS.TRUE && tag !== TAGS.true && tag !== TAGS.OTTO) return notAFont(head);
  return sfntProblem(read, size, 0);
}

/** The sfnt font whose table directory is at `at`. */
function sfntProblem(read: ReadAt, size: number, at: number): string | undefined {
  if (at + 12 > size) return 'its table directory is past the end of the file (cut short)';
  const numTables = read(at + 4, 2).readUInt16BE(0);
  if (numTables === 0 || at + 12 + 16 * numTables > size) return 'its table directory is damaged or cut short';
  const dir = read(at + 12, 16 * numTables);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const name = dir.toString('latin1', 16 * i, 16 * i + 4);
    const offset = dir.readUInt32BE(16 * i + 8), length = dir.readUInt32BE(16 * i + 12);
    if (offset + length > size) return `its ${name.trim()} table ends at byte ${offset + length}, but the file has ${size} (cut short or damaged)`;
    tables.set(name, { offset, length });
  }
  for (const need of ['cmap', 'head', 'hhea', 'hmtx', 'maxp']) if (!tables.has(need)) return `it has no ${need} table`;
  const table = (name: string, least: number): Buffer | string => {
    const t = tables.get(name)!;
    return t.length < least ? `its ${name} table is damaged (${t.length} bytes)` : read(t.offset, t.length);
  };
  const headT = table('head', 54), maxp = table('maxp', 6), hhea = table('hhea', 36);
  for (const t of [headT, maxp, hhea]) if (typeof t === 'string') return t;
  const h = headT as Buffer, m = maxp as Buffer, hh = hhea as Buffer;
  if (h.readUInt32BE(12) !== 0x5f0f3cf5) return 'its head table is damaged (no magic number)';
  const unitsPerEm = h.readUInt16BE(18), locFormat = h.readInt16BE(50);
  if (unitsPerEm < 16 || unitsPerEm > 16384) return `its head table is damaged (${unitsPerEm} units per em)`;
  const glyphs = m.readUInt16BE(4);
  if (glyphs === 0) return 'it has no glyphs';
  const metrics = hh.readUInt16BE(34);
  if (metrics === 0 || metrics > glyphs) return 'its hhea table is damaged';
  if (tables.get('hmtx')!.length < 4 * metrics + 2 * (glyphs - metrics)) return 'its hmtx table is cut short';
  const vhea = tables.get('vhea'), vmtx = tables.get('vmtx');
  if (vhea && vmtx) {
    if (vhea.length < 36) return 'its vhea table is damaged';
    const v = read(vhea.offset + 34, 2).readUInt16BE(0);
    if (v === 0 || v > glyphs || vmtx.length < 4 * v + 2 * (glyphs - v)) return 'its vmtx table is cut short';
  }
  for (const tag of ['GSUB', 'GPOS'] as const) {
    const t = tables.get(tag);
    const problem = t && layoutProblem(tag, read(t.offset, t.length));
    if (problem) return `its ${tag} table is damaged: ${problem}`;
  }
  const glyf = tables.get('glyf'), loca = tables.get('loca');
  if (!glyf || !loca) return tables.has('CFF ') || tables.has('CFF2') ? undefined : 'it has no outlines (no glyf or CFF table)';
  if (locFormat !== 0 && locFormat !== 1) return 'its head table is damaged (loca format)';
  const wide = locFormat === 1;
  if (loca.length < (glyphs + 1) * (wide ? 4 : 2)) return 'its loca table is cut short';
  // every glyph's bytes inside glyf: lazyGlyf.ts reads them from the file by these offsets
  const offsets = read(loca.offset, (glyphs + 1) * (wide ? 4 : 2));
  let last = 0;
  for (let g = 0; g <= glyphs; g++) {
    const o = wide ? offsets.readUInt32BE(4 * g) : 2 * offsets.readUInt16BE(2 * g);
    if (o < last || o > glyf.length) return `its loca table is damaged: glyph ${g} lies outside glyf`;
    last = o;
  }
  return undefined;
}

/**
 * GSUB and GPOS as fontkit decodes them: the script and feature lists in full when the table is
 * first used, a lookup with all its subtables and their coverage when it first applies. Every
 * list must lie inside the table, and all of them together, each counted as often as something
 * points to it (fontkit decodes it again each time), may hold at most a few times the table's
 * size in entries: a damaged offset or count could otherwise keep fontkit decoding for hours.
 */
function layoutProblem(tag: 'GSUB' | 'GPOS', t: Buffer): string | undefined {
  const size = t.length;
  let budget = 100_000 + 8 * size;
  const u16 = (at: number) => { if (at + 2 > size) throw new Damaged('it is cut short'); return t.readUInt16BE(at); };
  /** The count of a list of records of `bytes` at `at`: inside the table, and within the budget. */
  const list = (at: number, bytes: number): number => {
    const count = u16(at);
    if (at + 2 + count * bytes > size) throw new Damaged('a list runs past its end');
    if ((budget -= count + 1) < 0) throw new Damaged('its lists point at each other too many times');
    return count;
  };
  const extension = tag === 'GSUB' ? 7 : 9, context = tag === 'GSUB' ? [5, 6] : [7, 8];
  /** A subtable of a lookup of `type`: its coverage, where every format of the type has it second. */
  const subtable = (at: number, type: number, depth = 0): void => {
    const format = u16(at);
    if (type === extension && depth === 0) {
      if (at + 8 > size) throw new Damaged('it is cut short');
      subtable(at + t.readUInt32BE(at + 4), u16(at + 2), 1);
      return;
    }
    if (context.includes(type) && format === 3) return;
    const coverage = u16(at + 2);
    if (coverage) list(at + coverage + 2, u16(at + coverage) === 2 ? 6 : 2);
  };
  try {
    if (size < 10) throw new Damaged('it is cut short');
    const scripts = u16(4), features = u16(6), lookups = u16(8);
    const langSys = (at: number) => list(at + 4, 2);
    if (scripts) {
      for (let i = 0, n = list(scripts, 6); i < n; i++) {
        const script = scripts + u16(scripts + 2 + 6 * i + 4);
        if (u16(script)) langSys(script + u16(script));
        for (let k = 0, m = list(script + 2, 6); k < m; k++) langSys(script + u16(script + 4 + 6 * k + 4));
      }
    }
    if (features) for (let i = 0, n = list(features, 6); i < n; i++) list(features + u16(features + 2 + 6 * i + 4) + 2, 2);
    if (lookups) {
      for (let i = 0, n = list(lookups, 2); i < n; i++) {
        const lookup = lookups + u16(lookups + 2 + 2 * i);
        for (let k = 0, m = list(lookup + 4, 2); k < m; k++) subtable(lookup + u16(lookup + 6 + 2 * k), u16(lookup));
      }
    }
  } catch (e) {
    if (e instanceof Damaged) return e.message;
    throw e;
  }
  return undefined;
}

class Damaged extends Error {}

/** A file that is no font at all: what it starts with, when that is text. */
function notAFont(head: Buffer): string {
  const text = head.toString('latin1');
  return /^[\x09\x0a\x0d\x20-\x7e]+$/.test(text) ? `it is not a font file: it starts with the text "${text.trim().slice(0, 12)}"` : 'it is not a font file (TrueType, OpenType or WOFF)';
}
