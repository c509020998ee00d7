/**
 * `loca` read with a plain loop (src/fonts/loca.ts) must be what fontkit's own decoder gives, in
 * both formats: long offsets (the CJK faces) and short ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fastLoca } from '../../src/fonts/loca.ts';
import { ROOT } from '../project.ts';

const SONG = readFileSync(join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'));

interface Loca { version: number; offsets: number[]; _processed?: boolean; _startOffset: number; _length: number; parent: unknown }
type Internals = fontkit.Font & { loca: Loca; head: { indexToLocFormat: number }; _tables: Record<string, unknown> };

/** A small font of the song face's glyphs (fontkit's subset) told to use short offsets (head.indexToLocFormat 0). */
function shortOffsets(): Buffer {
  const font = fontkit.create(SONG) as fontkit.Font;
  const subset = font.createSubset();
  for (const c of '中文排版，。') subset.includeGlyph(font.glyphForCodePoint(c.codePointAt(0)!));
  const bytes = Buffer.from(subset.encode());
  const head = (fontkit.create(bytes) as unknown as { directory: { tables: { head: { offset: number } } } }).directory.tables.head.offset;
  bytes.writeInt16BE(0, head + 50);
  return bytes;
}

function same(bytes: Buffer, format: number): void {
  const theirs = fontkit.create(bytes) as Internals, ours = fontkit.create(bytes) as Internals;
  expect(theirs.head.indexToLocFormat).toBe(format);
  fastLoca(ours);
  expect('loca' in ours._tables).toBe(true); // read here, not by fontkit
  const a = theirs.loca, b = ours.loca;
  expect(b.offsets.length).toBeGreaterThan(5);
  expect({ ...b }).toEqual({ ...a }); // version, offsets, _processed
  expect([b._startOffset, b._length, b.parent === ours]).toEqual([a._startOffset, a._length, a.parent === theirs]);
}

describe('loca read with a plain loop', () => {
  it('gives long offsets as fontkit decodes them', () => same(SONG, 1));
  it('gives short offsets, doubled, as fontkit decodes them', () => same(shortOffsets(), 0));
});
