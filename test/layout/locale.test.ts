/**
 * A Taiwanese edition (test/fixtures/taipei): `lang:` on the house picks the TC faces with their
 * centred punctuation and the locale's jump wording; a story's front matter overrides it; the
 * house's `jump:` templates word the jump lines; the §10 checks and the glyph checks hold.
 */
import { join } from 'node:path';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { layoutTarget, renderEditionPage, type EditionLayout } from '../../src/build.ts';
import { fillJump } from '../../src/layout/threads.ts';
import type { BlockLayout, TextLine } from '../../src/layout/types.ts';
import { ROOT, thrownDiagnostics } from '../project.ts';

const FIXTURE = join(ROOT, 'test/fixtures/taipei');
const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

/** The fixture copied to a scratch folder, with `change` made to one of its files. */
function changed(file: string, change: (s: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-taipei-'));
  made.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return join(dir, 'edition.yaml');
}

let ed: EditionLayout;
beforeAll(() => { ed = layoutTarget(join(FIXTURE, 'edition.yaml')); });

const block = (id: string): BlockLayout => ed.pages.flatMap((p) => p.blocks).find((b) => b.id === id)!;
const body = (b: BlockLayout): TextLine[] => b.frames.flatMap((f) => f.lines.filter((l) => l.role === 'body'));
const jumps = (b: BlockLayout) => b.frames.flatMap((f) => f.lines.filter((l) => l.role === 'jump').map((l) => l.text));
const faces = (b: BlockLayout) => new Set(body(b).flatMap((l) => l.glyphs.filter((g) => g.cls !== 'SPACE').map((g) => g.face)));

describe('a zh-Hant-TW edition', () => {
  it('sets its stories in the TC faces, a zh-Hant-HK story in the HK ones, a zh-Hans story in the SC ones', () => {
    expect(faces(block('league'))).toEqual(new Set(['song-tw-400', 'hei-tw-400'])); // body and dateline
    expect(faces(block('hk'))).toEqual(new Set(['song-hk-400', 'hei-hk-400']));
    expect(faces(block('mainland'))).toEqual(new Set(['song-400']));
    expect(block('league').headline.flatMap((l) => l.glyphs.map((g) => g.face)).every((f) => /-tw-/.test(f))).toBe(true);
    expect(block('mainland').headline.flatMap((l) => l.glyphs.map((g) => g.face)).every((f) => f === 'song-700')).toBe(true);
  });

  it('centres ，。、 in their cells (the TC glyphs), where the mainland story keeps them bottom-left', () => {
    const tw = ed.fonts.byKey('song-tw-400'), sc = ed.fonts.byKey('song-400');
    const marks = (b: BlockLayout) => body(b).flatMap((l) => l.glyphs.filter((g) => '，。、'.includes(g.text) && g.text !== ''));
    const inkOffset = (face: typeof tw, g: { gid: number; x: number; bx: number; size: number }) => {
      const { minX, maxX } = face.font.getGlyph(g.gid).bbox;
      return (g.x - g.bx + ((minX + maxX) / 2) * g.size / face.unitsPerEm) / g.size; // ink centre in the cell, em
    };
    const twMarks = marks(block('league'));
    expect(twMarks.length).toBeGreaterThan(20);
    for (const g of twMarks) {
      expect(g.gid, g.text).toBe(tw.font.glyphForCodePoint(g.text.codePointAt(0)!).id);
      expect(inkOffset(tw, g), g.text).toBeCloseTo(0.5, 1);
    }
    for (const g of marks(block('mainland'))) expect(inkOffset(sc, g), g.text).toBeLessThan(0.3);
  });

  it('words its jump lines by the house templates: （轉A2版） and （接A1版）', () => {
    expect(jumps(block('league'))).toEqual(['（轉A2版）']);
    expect(jumps(block('league-2'))).toEqual(['（接A1版）']);
  });

  it('passes the §10 checks the locale changes: no 禁则, line-end, pair or CJK–Latin gap violation', () => {
    const seen = [...ed.violations.values()].flat().map((v) => `${v.check} ${v.block} ${v.text}`);
    expect(seen.filter((v) => /^(KINSOKU_START|KINSOKU_END|LINE_END_PUNCT|PUNCT_PAIR|CJK_LATIN_GAP|SPLIT_)/.test(v))).toEqual([]);
    expect(ed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('embeds the TC fonts in the page PDF', async () => {
    const pdf = await renderEditionPage(ed, ed.pages[0]!);
    const doc = mupdf.Document.openDocument(pdf, 'application/pdf') as mupdf.PDFDocument;
    const fontsOf = doc.loadPage(0).getObject().get('Resources').get('Font');
    const names: string[] = [];
    fontsOf.forEach((f: mupdf.PDFObject) => { names.push(f.get('BaseFont').asName()); });
    expect(names.some((n) => /NotoSerifTC/.test(n))).toBe(true);
    expect(names.some((n) => /NotoSerifHK/.test(n))).toBe(true);
  });
});

describe('lang: and jump:', () => {
  it('without a template, a Taiwanese paper gets （轉第N版）/（接第N版）, a mainland one （下转第N版）/（上接第N版）', () => {
    const tw = layoutTarget(changed('house.yaml', (s) => s.replace(/^jump: .*$/m, '')));
    const lines = tw.pages.flatMap((p) => p.blocks).flatMap(jumps);
    expect(lines).toEqual(['（轉第2版）', '（接第1版）']);
    const hans = layoutTarget(changed('edition.yaml', (s) => `${s}lang: zh-Hans\n`));
    // the edition's lang: wins over the house's; its stories without lang: take the SC faces; the house's own template stays
    expect(hans.pages.flatMap((p) => p.blocks).flatMap(jumps)).toEqual(['（轉A2版）', '（接A1版）']);
    expect(faces(hans.pages[0]!.blocks.find((b) => b.id === 'league')!)).toEqual(new Set(['song-400', 'hei-400']));
  });

  it('{n:zh} is the page in Chinese numerals; {n} follows jump.digits', () => {
    expect(fillJump('（轉第{n:zh}版）', 12, 'arabic')).toBe('（轉第十二版）');
    expect(fillJump('（轉A{n}版）', 3, 'chinese')).toBe('（轉A三版）');
    expect(fillJump('（下转第{n}版）', 105, 'arabic')).toBe('（下转第105版）');
  });

  it('a template without the page, or with a placeholder it does not know, is an error at its value', () => {
    for (const [bad, says] of [['（轉版）', /names the page/], ['（轉{page}版）', /knows only \{n\}/]] as const) {
      const ds = thrownDiagnostics(() => layoutTarget(changed('house.yaml', (s) => s.replace('（轉A{n}版）', bad))));
      expect(ds.map((d) => d.message).join('\n')).toMatch(says);
      expect(ds[0]!.file).toMatch(/house\.yaml$/);
      expect(ds[0]!.line).toBe(readFileSync(join(FIXTURE, 'house.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('jump:')) + 1);
    }
  });

  it('an unknown lang is an error naming the three', () => {
    const ds = layoutTarget(changed('league.md', (s) => s.replace('title:', 'lang: zh-TW\ntitle:'))).diagnostics.filter((d) => d.severity === 'error');
    expect(ds[0]!.file).toMatch(/league\.md$/);
    expect(ds[0]!.line).toBe(2);
    expect(ds.map((d) => `${d.code} ${d.message} ${d.hint ?? ''}`).join('\n')).toMatch(/zh-Hant-TW/);
    const house = thrownDiagnostics(() => layoutTarget(changed('house.yaml', (s) => s.replace('lang: zh-Hant-TW', 'lang: zh-tw'))));
    expect(house.map((d) => `${d.code} ${d.message}`).join('\n')).toMatch(/zh-Hant-TW/);
  });

  it('a Simplified character in a Traditional story is taken from the SC face with a warning; one no face has is MISSING_GLYPH', () => {
    const x = layoutTarget(changed('league.md', (s) => s.replace('今天宣布', '这天宣布\ue000')));
    const codes = x.diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(codes.some((c) => /^GLYPH_FALLBACK "这".*song-tw-400.*song-400/.test(c))).toBe(true);
    expect(codes.some((c) => /^MISSING_GLYPH/.test(c))).toBe(true);
  });
});
