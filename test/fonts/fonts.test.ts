/**
 * Opening fonts: a WOFF unpacked once and kept in out/.cache/fonts; TrueType outlines read when a
 * glyph is first used; `post` read without glyph names. None of it may change what fontkit sees.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { sfntOf } from '../../src/fonts/registry.ts';
import { readWithoutOutlines } from '../../src/fonts/lazyGlyf.ts';
import { postHeaderOnly } from '../../src/fonts/post.ts';
import { fastSubsets } from '../../src/fonts/subset.ts';
import { woffToSfnt } from '../../src/fonts/woff.ts';
import { ROOT } from '../project.ts';

const KAI = join(ROOT, 'node_modules/@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-300-normal.woff');
const SONG = join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const CACHE = resolve('out/.cache/fonts');
const tmp = mkdtempSync(join(tmpdir(), 'banmian-fonts-'));
const made: string[] = [];
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  for (const f of made) rmSync(f, { force: true });
});

const cached = (): Set<string> => { try { return new Set(readdirSync(CACHE)); } catch { return new Set(); } };
const bytesOf = (file: string): Buffer => { const s = sfntOf(file); return typeof s === 'string' ? readFileSync(s) : s; };

describe('a WOFF font', () => {
  it('is unpacked once, kept in out/.cache/fonts, and a damaged cached copy is made again', () => {
    const woff = join(tmp, 'kai.woff');
    copyFileSync(KAI, woff); // its own path: its own cache entry
    const expected = woffToSfnt(readFileSync(KAI));
    const before = cached();
    expect(bytesOf(woff).equals(expected)).toBe(true);
    const added = [...cached()].filter((f) => !before.has(f) && f.endsWith('.otf'));
    expect(added).toHaveLength(1);
    const file = join(CACHE, added[0]!);
    made.push(file);
    expect(sfntOf(woff)).toBe(file); // read from the cache from now on
    writeFileSync(file, expected.subarray(0, 1000)); // a cut-short copy (disk full, killed mid-write)
    expect(bytesOf(woff).equals(expected)).toBe(true);
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it('a plain TrueType file is read as it is', () => {
    expect(sfntOf(SONG)).toBe(SONG);
  });
});

describe('outlines read when first used', () => {
  const sample = '中文排版，“新闻”——第2版（上接第1版）ABCfi…〇';
  it.each([['Noto Serif SC', SONG], ['LXGW WenKai (unpacked WOFF)', KAI]])('%s: boxes, outlines and subsets as from the whole file', (_, file) => {
    const path = sfntOf(file) as string;
    const whole = fontkit.create(readFileSync(path)) as fontkit.Font;
    const later = readWithoutOutlines(path)!;
    expect(later).toBeDefined();
    const lazy = fontkit.create(later.data) as fontkit.Font;
    later.attach(lazy);
    const ids = [...new Set(whole.layout(sample).glyphs.map((g) => g.id))];
    for (const id of ids) {
      const a = whole.getGlyph(id), b = lazy.getGlyph(id);
      expect(b.bbox, `glyph ${id}`).toEqual(a.bbox);
      expect(b.path.toSVG(), `glyph ${id}`).toBe(a.path.toSVG());
    }
    const subset = (f: fontkit.Font) => { const s = f.createSubset(); for (const id of ids) s.includeGlyph(id as unknown as fontkit.Glyph); return Buffer.from(s.encode()); };
    expect(subset(lazy).equals(subset(whole))).toBe(true); // fontkit's subsetter
    fastSubsets(lazy);
    expect(subset(lazy).equals(subset(whole))).toBe(true); // ours (subset.ts), for every font from now on
  });

  it('a font file changed on disk while in use is an error, not a mixed font', () => {
    const copy = join(tmp, 'song.ttf');
    copyFileSync(SONG, copy);
    const later = readWithoutOutlines(copy)!;
    const font = fontkit.create(later.data) as fontkit.Font;
    later.attach(font);
    font.getGlyph(100).bbox; // read at once
    const future = new Date(Date.now() + 60_000);
    utimesSync(copy, future, future);
    const realNow = performance.now;
    performance.now = () => realNow.call(performance) + 5000; // the next check is due
    try {
      expect(() => font.getGlyph(200).bbox).toThrow(/changed on disk/);
    } finally {
      performance.now = realNow;
    }
  });
});

describe('the post table', () => {
  it.each([['LXGW WenKai (post version 2, glyph names)', KAI], ['Noto Serif SC', SONG]])('%s: the header without the names, as fontkit decodes it', (_, file) => {
    const bytes = bytesOf(file);
    const postOf = (f: fontkit.Font) => (f as unknown as { post: Record<string, number> }).post;
    const full = postOf(fontkit.create(bytes) as fontkit.Font);
    const light = fontkit.create(bytes) as fontkit.Font;
    postHeaderOnly(light);
    const post = postOf(light);
    for (const k of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1']) expect(post[k], k).toBe(full[k]);
    expect(light.italicAngle).toBe((fontkit.create(bytes) as fontkit.Font).italicAngle);
  });
});
