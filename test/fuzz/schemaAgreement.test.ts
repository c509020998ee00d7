/**
 * The JSON Schemas of schema/ (what an editor checks as the designer types) against banmian's own
 * schemas (what a build checks), on manifests mutated at random from valid ones: whatever banmian
 * accepts, the JSON Schema accepts; whatever the JSON Schema accepts and banmian refuses is refused
 * by a check JSON Schema cannot say (a refinement: a calendar day, a story name's characters,
 * a range of em), never by a key, a type, a unit or a word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { KINDS } from '../../scripts/gen-docs.ts';
import { ROOT, survives } from './hostile.ts';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const kinds = KINDS.map((k) => ({ name: k.file.replace('.schema.json', ''), zod: k.schema, json: ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', k.file), 'utf8')) as object) as ValidateFunction }));

const VALID: Record<string, unknown> = {
  house: {
    page: { size: ['390mm', '550mm'], margins: { top: '30mm', bottom: '20mm', left: '18mm', right: '18mm' }, bleed: '3mm' },
    grid: { columns: 8, chars: 13, gutter: '1zw', body: 'body' },
    styles: { body: { font: 'song', size: '小五', pitch: '1.5em' }, title: { font: 'song', weight: 'bold', size: '一号', align: 'center', colour: [0, 100, 100, 0] } },
    composition: { punctuation: 'quanjiao', kinsoku: 'gb', indent: '2zw', 'fit-tracking': '0.03em' },
    print: { colour: 'cmyk', marks: true, spot: { 报红: [0, 100, 100, 0] } },
    rules: { stories: true, weight: '0.5pt' }, photos: { ppi: 300 }, folio: { rule: '0.75pt', paper: '小二' }, jump: { digits: 'arabic' },
  },
  edition: { paper: '荆州日报', date: '2024-12-06', house: '../house.yaml', pages: ['p01.yaml'], masthead: { issue: 1, lunar: true } },
  page: {
    number: 2, section: '要闻', credits: { 责任编辑: '王芳' }, masthead: { col: 1, cols: 3, line: 1, lines: 12 },
    blocks: [{ id: 'finance', story: 'finance', col: 1, cols: 3, line: 1, lines: 22, fit: 'auto', headline: { lines: 9, title: { size: '小初' }, fit: { min: '二号', max: '小初' } }, box: { padding: 1 }, composition: { punctuation: 'kaiming' } }],
    photos: [{ id: 'site', file: 'photos/site.jpg', col: 4, cols: 5, line: 40, lines: 6, focus: [0.5, 0.6], caption: '工地', 'caption-place': 'right' }],
  },
  fonts: { families: { song: { 400: { package: 'p', file: 'a.ttf' }, 700: { file: 'b.ttf' } } }, fallback: { song: ['hei'] } },
  'front-matter': { kicker: '引题', title: ['主题', '第二行'], deck: '——副题', dateline: '本报讯' },
};

/** Values of every sort a key might be given, right or wrong. */
const VALUES: unknown[] = [
  0, 1, 2, 8, 13, -1, 1.5, 100, 950, 1e9, '8', '', ' ', 'auto', 'none', 'top', 'right', 'bold', 'song', 'quanjiao', '全角式', 'gb', 'yes', true, false, null,
  '12mm', '12 mm', '9pt', '15Q', '2zw', '1.5em', '0.03em', '0.2em', '3px', '-1pt', '五号', '小五', '五', '小五号', '初', '1', '2024-12-06', '2024-13-45', '2024/12/06',
  [], [1], ['a'], [0, 100, 100, 0], [0, 120, 0, 0], ['390mm', '550mm'], {}, { a: 1 }, { padding: 0 }, { col: 1, cols: 1, line: 1, lines: 1 }, '报红 60%', '报红 160%',
  'finance', 'lead story', 'a/b', 'x.md', '中'.repeat(201), 'p01.yaml', { 400: { file: 'x' } }, { size: '小初' },
];
const NAMES = ['colz', 'style', 'padding', 'size', 'font', 'lines', 'line', 'fit', 'place', 'width', 'columns', 'body', 'below', 'head', 'items', 'x', '中文', 'spot', 'file', 'id', 'story'];

type Path = (string | number)[];
function paths(v: unknown, at: Path = []): Path[] {
  if (!v || typeof v !== 'object') return [at];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}

type Edit = { pick: number; kind: 'set' | 'add' | 'drop'; value: number; name: number };
function mutate(base: unknown, edits: Edit[]): unknown {
  const doc = structuredClone(base);
  for (const e of edits) {
    const all = paths(doc).filter((p) => p.length);
    if (!all.length) break;
    const path = all[e.pick % all.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], doc) as Record<string | number, unknown>;
    const key = path.at(-1)!;
    if (e.kind === 'set') parent[key] = structuredClone(VALUES[e.value % VALUES.length]);
    else if (e.kind === 'drop' && !Array.isArray(parent)) delete parent[key];
    else if (!Array.isArray(parent)) parent[NAMES[e.name % NAMES.length]!] = structuredClone(VALUES[e.value % VALUES.length]);
  }
  return doc;
}

/** A refusal by a refinement (custom code), or by a union one of whose members refused only by refinements (a colour "" ). */
type Issue = { code: string; errors?: Issue[][] };
const refinedOnly = (i: Issue): boolean => i.code === 'custom' || (i.code === 'invalid_union' && !!i.errors?.some((branch) => branch.length > 0 && branch.every(refinedOnly)));

const edit = fc.record({ pick: fc.nat(), kind: fc.constantFrom('set' as const, 'add' as const, 'drop' as const), value: fc.nat(), name: fc.nat() });

describe('JSON Schemas and banmian agree on what a manifest may hold', () => {
  it('on valid manifests mutated at random', async () => {
    await survives('schemaAgreement', fc.tuple(fc.nat({ max: kinds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 })), ([k, edits]) => {
      const kind = kinds[k]!;
      const doc = mutate(VALID[kind.name], edits);
      const z = kind.zod.safeParse(doc);
      const json = kind.json(doc);
      if (z.success && !json) throw new Error(`${kind.name}: banmian takes it, the JSON Schema refuses it: ${ajv.errorsText(kind.json.errors)}\n${JSON.stringify(doc)}`);
      if (!z.success && json && !z.error.issues.every(refinedOnly)) {
        throw new Error(`${kind.name}: the JSON Schema takes it, banmian refuses it: ${z.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${JSON.stringify(doc)}`);
      }
    }, { quick: 300, long: 20000, ms: 2000 }, 1919);
  });
});
