/**
 * Opening fonts: a WOFF unpacked once (its outlines meanwhile) and kept in out/.cache/fonts (one
 * banmian ships, with the install); TrueType outlines read when a
 * glyph is first used; `post` read without glyph names. None of it may change what fontkit sees.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetFont, openFont, sfntOf } from '../../src/fonts/registry.ts';
import { outlinesUnpacked, readWithoutOutlines } from '../../src/fonts/lazyGlyf.ts';
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

describe('a WOFF font', () => {
  it('is unpacked at once but for its outlines, which inflate meanwhile; kept whole in out/.cache/fonts; a damaged cached copy is made again', async () => {
    const woff = join(tmp, 'kai.woff');
    copyFileSync(KAI, woff); // its own path: its own cache entry
    const expected = woffToSfnt(readFileSync(KAI));
    const first = sfntOf(woff);
    if (typeof first === 'string') throw new Error('unpacked from the cache');
    const glyf = first.glyf!;
    expect(glyf.tag).toBe('glyf');
    expect(glyf.length / expected.length).toBeGreaterThan(0.8); // nearly all of the font
    expect(first.sfnt.subarray(0, glyf.offset).equals(expected.subarray(0, glyf.offset))).toBe(true);
    expect(first.sfnt.subarray(glyf.offset + glyf.length).equals(expected.subarray(glyf.offset + glyf.length))).toBe(true);
    // opened: the outlines come in on libuv's thread, and the whole sfnt is kept
    const before = cached();
    openFont(woff);
    await outlinesUnpacked();
    const added = [...cached()].filter((f) => !before.has(f) && f.endsWith('.otf'));
    expect(added).toHaveLength(1);
    const file = join(CACHE, added[0]!);
    made.push(file);
    expect(readFileSync(file).equals(expected)).toBe(true);
    expect(sfntOf(woff)).toBe(file); // read from the cache from now on
    writeFileSync(file, expected.subarray(0, 1000)); // a cut-short copy (disk full, killed mid-write)
    expect(typeof sfntOf(woff)).not.toBe('string');
    forgetFont(woff);
    openFont(woff);
    await outlinesUnpacked();
    expect(readFileSync(file).equals(expected)).toBe(true);
    forgetFont(woff);
  });

  it('a glyph drawn before its outlines are in inflates them there and then, the same glyph', () => {
    const woff = join(tmp, 'kai-now.woff');
    copyFileSync(KAI, woff);
    const whole = fontkit.create(woffToSfnt(readFileSync(KAI))) as fontkit.Font;
    const font = openFont(woff); // no await: the inflate on libuv's thread has not been taken in
    for (const ch of '楷体（上接第1版）') {
      const a = whole.glyphForCodePoint(ch.codePointAt(0)!), b = font.glyphForCodePoint(ch.codePointAt(0)!);
      expect(b.bbox).toEqual(a.bbox);
      expect(b.path.toSVG()).toBe(a.path.toSVG());
    }
    forgetFont(woff);
  });

  it('one of an installed package (the fonts banmian ships) is kept with the install, for every project, not in out/.cache', async () => {
    const at = () => sfntOf(KAI);
    if (typeof at() !== 'string') { // not kept yet on this machine: unpack it now
      openFont(KAI);
      await outlinesUnpacked();
      forgetFont(KAI);
    }
    const kept = at() as string;
    expect(kept.startsWith(join(ROOT, 'node_modules/.cache/banmian/fonts') + sep)).toBe(true);
    expect(readFileSync(kept).equals(woffToSfnt(readFileSync(KAI)))).toBe(true);
  });

  it('a plain TrueType file is read as it is', () => {
    expect(sfntOf(SONG)).toBe(SONG);
  });
});

describe('outlines read when first used', () => {
  const sample = '中文排版，“新闻”——第2版（上接第1版）ABCfi…〇';
  it.each([['Noto Serif SC', SONG], ['LXGW WenKai (unpacked WOFF)', KAI]])('%s: boxes, outlines and subsets as from the whole file', async (_, file) => {
    openFont(file);
    await outlinesUnpacked(); // a WOFF: unpacked into the cache
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
    const bytes = file.endsWith('.woff') ? woffToSfnt(readFileSync(file)) : readFileSync(file);
    const postOf = (f: fontkit.Font) => (f as unknown as { post: Record<string, number> }).post;
    const full = postOf(fontkit.create(bytes) as fontkit.Font);
    const light = fontkit.create(bytes) as fontkit.Font;
    postHeaderOnly(light);
    const post = postOf(light);
    for (const k of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1']) expect(post[k], k).toBe(full[k]);
    expect(light.italicAngle).toBe((fontkit.create(bytes) as fontkit.Font).italicAngle);
  });
});
