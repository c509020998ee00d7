/**
 * fonts.yaml `locales:`: which family a locale sets a style's family in; a name that is not a
 * family is an error at its place; a locale's faces are opened only when asked for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFontRegistry } from '../../src/fonts/registry.ts';
import { ROOT, thrownDiagnostics } from '../project.ts';

const tmp = mkdtempSync(join(tmpdir(), 'banmian-locales-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SC = join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const TC = join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf');

function fontsFile(name: string, locales: string): string {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, `families:\n  song:\n    400: { file: ${SC} }\n  song-tw:\n    400: { file: ${TC} }\n${locales}`);
  return file;
}

describe('fonts.yaml locales:', () => {
  it('maps a family for a locale; other locales and families are set as named', () => {
    const reg = loadFontRegistry(fontsFile('ok', 'locales:\n  zh-Hant-TW: { song: song-tw }\n'));
    expect(reg.face('song', 400, 'zh-Hant-TW').file).toBe(TC);
    expect(reg.face('song', 400, 'zh-Hant-HK').file).toBe(SC);
    expect(reg.face('song', 400).file).toBe(SC);
  });

  it('a family that is not in families is UNKNOWN_FONT at the mapping', () => {
    const ds = thrownDiagnostics(() => loadFontRegistry(fontsFile('bad', 'locales:\n  zh-Hant-TW: { song: song-hk, hei: song-tw }\n')));
    expect(ds.map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`)).toEqual([
      'UNKNOWN_FONT 7:23 locale zh-Hant-TW names font family "song-hk", which is not in families',
      'UNKNOWN_FONT 7:32 locale zh-Hant-TW names font family "hei", which is not in families',
    ]);
  });

  it('an unknown locale is a schema error naming the three', () => {
    const ds = thrownDiagnostics(() => loadFontRegistry(fontsFile('lang', 'locales:\n  zh-TW: { song: song-tw }\n')));
    expect(ds.map((d) => `${d.message} ${d.hint}`).join('\n')).toMatch(/zh-Hant-TW/);
  });
});
