/**
 * A damaged font file is a diagnostic at the fonts.yaml line that names it, saying what is wrong
 * and what to do: a font cut short anywhere (its tables, or only its outlines, which are read
 * when a glyph is first used), a text file named .ttf, a table fontkit cannot read, a device.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetFont, forgetFontRegistry, loadFontRegistry } from '../../src/fonts/registry.ts';
import { composeParagraph } from '../../src/text/compose.ts';
import { ROOT, thrownDiagnostics } from '../project.ts';

const SONG = join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const LATIN = join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
const tmp = mkdtempSync(join(tmpdir(), 'banmian-damaged-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A fonts.yaml naming `font` (bytes, or a path to link to) for song 400 on its line 3; the diagnostics of opening and using it. */
function use(font: Buffer | string, name = 'font.ttf', entry = `file: ${name}`) {
  const dir = join(tmp, `case${n++}`);
  mkdirSync(dir);
  if (typeof font === 'string') symlinkSync(font, join(dir, name));
  else writeFileSync(join(dir, name), font);
  const yaml = join(dir, 'fonts.yaml');
  writeFileSync(yaml, `families:\n  song:\n    400: { ${entry} }\n`);
  try {
    return { yaml, diagnostics: thrownDiagnostics(() => composeParagraph([{ text: '中文排版，新闻。Latin 123', face: loadFontRegistry(yaml).face('song', 400), size: 9 }], { measure: 117, em: 9 })) };
  } finally {
    forgetFontRegistry(yaml);
    forgetFont(join(dir, name));
  }
}

describe('a damaged font file', () => {
  const song = readFileSync(SONG);
  it.each([1024, 100 * 1024, 1024 * 1024, 10 * 1024 * 1024])('cut short at %i bytes: FONT_DAMAGED at its fonts.yaml line', (size) => {
    const { yaml, diagnostics } = use(song.subarray(0, size));
    expect(diagnostics).toMatchObject([{ code: 'FONT_DAMAGED', file: yaml, line: 3, col: 18, message: expect.stringMatching(/font\.ttf is damaged or not a font: its \S+ table ends at byte \d+, but the file has \d+ \(cut short or damaged\)/) }]);
    expect(diagnostics[0]!.hint).toMatch(/replace it with a good copy/);
  });

  it('a glyph whose outline lies past the end of glyf: caught at open, not when the glyph is first used', () => {
    const b = Buffer.from(readFileSync(LATIN));
    const dir = new Map(Array.from({ length: b.readUInt16BE(4) }, (_, i) => [b.toString('latin1', 12 + 16 * i, 16 + 16 * i), b.readUInt32BE(20 + 16 * i)]));
    b.writeUInt16BE(0xfff0, dir.get('loca')! + 2 * 40); // short loca: glyph 40 starts far out
    expect(use(b).diagnostics).toMatchObject([{ code: 'FONT_DAMAGED', line: 3, message: expect.stringMatching(/its loca table is damaged: glyph \d+ lies outside glyf/) }]);
  });

  it('a GPOS whose lists point at each other a hundred million times: refused at open, not decoded for minutes', () => {
    const b = Buffer.from(readFileSync(LATIN));
    const r = Array.from({ length: b.readUInt16BE(4) }, (_, k) => 12 + 16 * k).find((x) => b.toString('latin1', x, x + 4) === 'GPOS')!;
    const at = b.readUInt32BE(r + 8); // 4,278 bytes: 1,000 lookups, each of the same 1,000 subtables, each covering 100 glyphs
    b.fill(0, at, at + b.readUInt32BE(r + 12));
    b.writeUInt32BE(0x00010000, at);
    b.writeUInt16BE(10, at + 8); // the lookup list
    b.writeUInt16BE(1000, at + 10);
    for (let i = 0; i < 1000; i++) b.writeUInt16BE(2002, at + 12 + 2 * i); // → one lookup at 2012
    b.writeUInt16BE(1, at + 2012);
    b.writeUInt16BE(1000, at + 2016);
    for (let i = 0; i < 1000; i++) b.writeUInt16BE(2006, at + 2018 + 2 * i); // → one subtable at 4018
    b.writeUInt16BE(1, at + 4018);
    b.writeUInt16BE(4, at + 4020); // its coverage at 4022: 100 glyphs
    b.writeUInt16BE(1, at + 4022);
    b.writeUInt16BE(100, at + 4024);
    const t0 = performance.now();
    expect(use(b).diagnostics).toMatchObject([{ code: 'FONT_DAMAGED', line: 3, message: expect.stringMatching(/its GPOS table is damaged: its lists point at each other too many times/) }]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a text file named .ttf: not a font, and no "npm install"', () => {
    const { diagnostics } = use(Buffer.from('This is not a font.\n'));
    expect(diagnostics).toMatchObject([{ code: 'FONT_DAMAGED', line: 3, message: expect.stringMatching(/not a font file: it starts with the text "This is not"/) }]);
    expect(diagnostics[0]!.hint).not.toMatch(/npm install/);
  });

  it('a table fontkit trips on when the first character is set: FONT_DAMAGED at the line, not an internal error', () => {
    const b = Buffer.from(readFileSync(LATIN));
    const i = Array.from({ length: b.readUInt16BE(4) }, (_, k) => 12 + 16 * k).find((r) => b.toString('latin1', r, r + 4) === 'cmap')!;
    b.fill(0xee, b.readUInt32BE(i + 8) + 4, b.readUInt32BE(i + 8) + b.readUInt32BE(i + 12)); // the subtables, not the header
    expect(use(b).diagnostics).toMatchObject([{ code: 'FONT_DAMAGED', line: 3, message: expect.stringMatching(/fontkit cannot read it/) }]);
  });

  it('a damaged font of a package: the hint installs the package again', () => {
    const pkg = join(tmp, 'node_modules/fake-font');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"fake-font"}');
    writeFileSync(join(pkg, 'cut.ttf'), song.subarray(0, 5000));
    const { diagnostics } = use(Buffer.alloc(0), 'unused.ttf', 'package: fake-font, file: cut.ttf');
    expect(diagnostics).toMatchObject([{ code: 'FONT_DAMAGED', line: 3, hint: 'install the package again: npm install --force fake-font' }]);
  });

  it('a device, a pipe or a folder named as a font: at its fonts.yaml line, without reading it', () => {
    expect(use('/dev/zero').diagnostics).toMatchObject([{ code: 'UNREADABLE_FILE', line: 3, message: expect.stringMatching(/is a device, not a file/) }]);
    const folder = join(tmp, 'folder.ttf');
    mkdirSync(folder);
    expect(use(folder).diagnostics).toMatchObject([{ code: 'NOT_A_FILE', line: 3 }]);
  });

  it('a sound font still opens, and sets type', () => {
    const copy = join(tmp, 'song.ttf');
    copyFileSync(SONG, copy);
    expect(use(copy).diagnostics).toEqual([]);
  });
});
