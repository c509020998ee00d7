/**
 * docs/manifest.md and schema/*.schema.json are made from the zod schemas (scripts/gen-docs.ts):
 * they must be what the generator makes now, every YAML of the repository must pass its JSON
 * Schema, and the JSON Schemas must refuse what banmian refuses (and take what it takes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatedDocs, KINDS } from '../../scripts/gen-docs.ts';
import { lengthPattern, parseLength, type LengthUnit } from '../../src/manifest/units.ts';
import { ROOT } from '../project.ts';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>(KINDS.map((k) => [k.file.replace('.schema.json', ''), ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', k.file), 'utf8')) as object)]));
const zodOf = new Map(KINDS.map((k) => [k.file.replace('.schema.json', ''), k.schema]));

/** Which schema a YAML file of the repository is checked against, by its name (README "Files"); none: a file of another kind (a makeup plan). */
const kindOf = (file: string): string | undefined =>
  /\/edition\.ya?ml$/.test(file) ? 'edition' : /\/house\.ya?ml$/.test(file) ? 'house' : /\/fonts\.ya?ml$/.test(file) ? 'fonts' : /\/p\d+\.ya?ml$/.test(file) ? 'page' : undefined;

function files(dir: string, ext: RegExp): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => ext.test(f) && !f.includes('snapshots')).map((f) => join(ROOT, dir, f));
}

describe('the generated reference and schemas', () => {
  it('are what npm run docs makes from the schemas now', () => {
    for (const [rel, text] of generatedDocs()) {
      let now = '';
      try { now = readFileSync(join(ROOT, rel), 'utf8'); } catch { /* missing: stale too */ }
      expect(now === text, `${rel} is not what the schemas give: run npm run docs and commit the result`).toBe(true);
    }
  });

  it('every YAML in layouts/ and fonts/ passes its JSON Schema, and carries the yaml-language-server line if it is the sample\'s or the demo\'s', () => {
    const yamls = [...files('layouts', /\.ya?ml$/), ...files('fonts', /\.ya?ml$/)];
    let checked = 0;
    for (const file of yamls) {
      const text = readFileSync(file, 'utf8');
      const kind = kindOf(file);
      if (!kind) continue;
      checked++;
      const ok = validators.get(kind)!(parse(text));
      expect(ok, `${relative(ROOT, file)}: ${ajv.errorsText(validators.get(kind)!.errors)}`).toBe(true);
      if (/layouts\/(sample|demo|threads)\/|layouts\/house|fonts\/fonts/.test(file)) {
        const line = text.split('\n').find((l) => l.startsWith('# yaml-language-server: $schema='));
        expect(line, relative(ROOT, file)).toBe(KINDS.find((k) => k.file === `${kind}.schema.json`)!.line);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8); // house, fonts, the sample's 2 and the demo's 4
  });

  it('every article\'s front matter passes its JSON Schema', () => {
    for (const file of files('content', /\.md$/)) {
      const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
      if (m) expect(validators.get('front-matter')!(parse(m[1]!) ?? {}), relative(ROOT, file)).toBe(true);
    }
  });
});

/** Mistakes banmian refuses, each as a change to a valid file; the JSON Schema must refuse it too. */
const HOUSE = { page: { size: ['390mm', '550mm'], margins: { top: '30mm', bottom: '20mm', left: '18mm', right: '18mm' } }, grid: { columns: 8, chars: 13 }, styles: { body: { font: 'song', size: '小五', pitch: '1.5em' } } };
const PAGE = { number: 2, blocks: [{ id: 'finance', story: 'finance', col: 1, cols: 3, line: 1, lines: 22 }] };
const EDITION = { paper: '荆州日报', date: '2024-12-06', house: '../house.yaml', pages: ['p02.yaml'] };
const FONTS = { families: { song: { 400: { package: '@expo-google-fonts/noto-serif-sc', file: '400Regular/NotoSerifSC_400Regular.ttf' } } } };
const block = (change: object) => ({ ...PAGE, blocks: [{ ...PAGE.blocks[0], ...change }] });
const BAD: [string, string, unknown][] = [
  ['house', 'an unknown key', { ...HOUSE, colour: 'cmyk' }],
  ['house', 'a length in px', { ...HOUSE, page: { ...HOUSE.page, bleed: '3px' } }],
  ['house', 'a length with a space inside its number', { ...HOUSE, page: { ...HOUSE.page, bleed: '3 .5mm' } }],
  ['house', '小五号 (not a 字号 name)', { ...HOUSE, styles: { body: { ...HOUSE.styles.body, size: '小五号' } } }],
  ['house', 'em where it is not allowed (a size)', { ...HOUSE, styles: { body: { ...HOUSE.styles.body, size: '1em' } } }],
  ['house', 'a 字号 for a gutter (zw only)', { ...HOUSE, grid: { ...HOUSE.grid, gutter: '五号' } }],
  ['house', 'columns: 0', { ...HOUSE, grid: { ...HOUSE.grid, columns: 0 } }],
  ['house', 'columns in quotes', { ...HOUSE, grid: { ...HOUSE.grid, columns: '8' } }],
  ['house', 'a weight of 950', { ...HOUSE, styles: { body: { ...HOUSE.styles.body, weight: 950 } } }],
  ['house', 'an unknown punctuation style', { ...HOUSE, composition: { punctuation: 'fullwidth' } }],
  ['house', 'yes for a boolean', { ...HOUSE, composition: { hanging: 'yes' } }],
  ['house', 'an unknown key in a style', { ...HOUSE, styles: { body: { ...HOUSE.styles.body, colur: [0, 0, 0, 100] } } }],
  ['house', 'a CMYK value over 100', { ...HOUSE, styles: { body: { ...HOUSE.styles.body, colour: [0, 120, 100, 0] } } }],
  ['house', 'a box style', { ...HOUSE, rules: { box: '0.75pt', style: 'double' } }],
  ['house', 'a negative rule weight', { ...HOUSE, rules: { weight: '-1pt' } }],
  ['house', 'no page', { grid: HOUSE.grid, styles: HOUSE.styles }],
  ['house', 'a page size of one length', { ...HOUSE, page: { ...HOUSE.page, size: ['390mm'] } }],
  ['page', 'a missing number', { blocks: PAGE.blocks }],
  ['page', 'number as text', { ...PAGE, number: 'two' }],
  ['page', 'an unknown block key', block({ colz: 3 })],
  ['page', 'a block without story', { ...PAGE, blocks: [{ id: 'a', col: 1, cols: 3, line: 1, lines: 22 }] }],
  ['page', 'a block id with a space', block({ id: 'lead story' })],
  ['page', 'lines: many', block({ lines: 'many' })],
  ['page', 'col: 1.5', block({ col: 1.5 })],
  ['page', 'box: { style: double }', block({ box: { style: 'double' } })],
  ['page', 'fit: yes', block({ fit: 'yes' })],
  ['page', 'headline.place: top-left', block({ headline: { place: 'top-left' } })],
  ['page', 'a title size in px', block({ headline: { title: { size: '30px' } } })],
  ['page', 'a photo focus of three numbers', { ...PAGE, photos: [{ id: 'p', file: 'a.jpg', col: 1, cols: 2, line: 1, lines: 5, focus: [0.5, 0.5, 0.5] }] }],
  ['page', 'a section of 201 characters', { ...PAGE, section: '要'.repeat(201) }],
  ['page', 'a package without items', block({ package: { head: 5 } })],
  ['edition', 'a date in another form', { ...EDITION, date: '2024/12/06' }],
  ['edition', 'no pages', { ...EDITION, pages: [] }],
  ['edition', 'pages as one name', { ...EDITION, pages: 'p02.yaml' }],
  ['fonts', 'a weight of 450', { families: { song: { 450: FONTS.families.song[400] } } }],
  ['fonts', 'a face without file', { families: { song: { 400: { package: 'x' } } } }],
  ['front-matter', 'an unknown key', { headline: '标题' }],
  ['front-matter', 'a dateline as a list', { dateline: ['本报讯'] }],
];

describe('the JSON Schemas refuse what banmian refuses', () => {
  it('a valid file of each kind passes both', () => {
    for (const [kind, data] of [['house', HOUSE], ['page', PAGE], ['edition', EDITION], ['fonts', FONTS], ['front-matter', { title: ['a', 'b'], dateline: '本报讯' }]] as const) {
      expect(zodOf.get(kind)!.safeParse(data).success, kind).toBe(true);
      expect(validators.get(kind)!(data), `${kind}: ${ajv.errorsText(validators.get(kind)!.errors)}`).toBe(true);
    }
  });

  it.each(BAD)('%s: %s', (kind, _what, data) => {
    expect(zodOf.get(kind)!.safeParse(data).success, 'banmian').toBe(false);
    expect(validators.get(kind)!(data), 'the JSON Schema').toBe(false);
  });

  it('a length string passes the JSON Schema exactly when banmian reads it as a length', () => {
    const units: LengthUnit[][] = [['pt', 'mm', 'Q'], ['pt', 'mm', 'Q', 'zw'], ['pt', 'mm', 'Q', 'zw', 'em'], ['zw'], ['em']];
    const patterns = units.map((u) => new RegExp(lengthPattern(u), 'u')); // as the schemas hold them
    const piece = fc.constantFrom('1', '0', '9', '.', '5', '-', ' ', '\u3000', 'pt', 'mm', 'Q', 'q', 'zw', 'em', 'px', '五', '号', '小', '初', '新', '十', 'x');
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }).map((a) => a.join('')), (s) => {
      units.forEach((u, i) => expect(patterns[i]!.test(s), `${JSON.stringify(s)} with ${u.join(',')}`).toBe(typeof parseLength(s, u) !== 'string'));
    }), { numRuns: 3000, seed: 19 });
  });
});

