/** Opening fonts: a WOFF unpacked once and kept in out/.cache/fonts; `post` read without glyph names. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { fontBytes } from '../../src/fonts/registry.ts';
import { postHeaderOnly } from '../../src/fonts/post.ts';
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
  it('is unpacked once, kept in out/.cache/fonts, and a damaged cached copy is made again', () => {
    const woff = join(tmp, 'kai.woff');
    copyFileSync(KAI, woff); // its own path: its own cache entry
    const expected = woffToSfnt(readFileSync(KAI));
    const before = cached();
    expect(fontBytes(woff).equals(expected)).toBe(true);
    const added = [...cached()].filter((f) => !before.has(f) && f.endsWith('.otf'));
    expect(added).toHaveLength(1);
    const file = join(CACHE, added[0]!);
    made.push(file);
    expect(readFileSync(file).equals(expected)).toBe(true);
    expect(fontBytes(woff).equals(expected)).toBe(true); // from the cache
    writeFileSync(file, expected.subarray(0, 1000)); // a cut-short copy (disk full, killed mid-write)
    expect(fontBytes(woff).equals(expected)).toBe(true);
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it('a plain TrueType file is read as it is', () => {
    expect(fontBytes(SONG).equals(readFileSync(SONG))).toBe(true);
  });
});

describe('the post table', () => {
  it.each([['LXGW WenKai (post version 2, glyph names)', KAI], ['Noto Serif SC', SONG]])('%s: the header without the names, as fontkit decodes it', (_, file) => {
    const bytes = fontBytes(file);
    const postOf = (f: fontkit.Font) => (f as unknown as { post: Record<string, number> }).post;
    const full = postOf(fontkit.create(bytes) as fontkit.Font);
    const light = fontkit.create(bytes) as fontkit.Font;
    postHeaderOnly(light);
    const post = postOf(light);
    for (const k of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1']) expect(post[k], k).toBe(full[k]);
    expect(light.italicAngle).toBe((fontkit.create(bytes) as fontkit.Font).italicAngle);
  });
});
