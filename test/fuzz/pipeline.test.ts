/**
 * Fuzzing manifests and the whole pipeline: YAML that is random text, random data, or a valid
 * page with wild values (zero, negative, huge sizes; blocks off the page or overlapping), plus
 * hostile articles, through loadTarget → layoutEdition → renderPagePdf. Only DiagnosticErrors may
 * come out, each case within its time budget.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, it } from 'vitest';
import { layoutEdition, renderEditionPage } from '../../src/build.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { articleText, BLOCKS, EDITION, HOUSE, hostileText, mostly, scratch, survives, wildCount, wildLength } from './hostile.ts';

const project = scratch();
const EDITION_FILE = project.write('layouts/ed/edition.yaml', stringify(EDITION));
for (const id of ['a', 'b', 'c']) project.write(`content/ed/${id}.md`, `---\ntitle: 标题${id}\n---\n${'荆州日报新闻稿件。'.repeat(20)}\n`);

/** Writes the manifests (and articles) of one case and runs the whole pipeline on them. */
async function build(files: { house?: string; edition?: string; page?: string; articles?: string[] }): Promise<void> {
  project.write('layouts/house.yaml', files.house ?? stringify(HOUSE));
  project.write('layouts/ed/edition.yaml', files.edition ?? stringify(EDITION));
  project.write('layouts/ed/p01.yaml', files.page ?? stringify({ number: 1, blocks: BLOCKS }));
  (files.articles ?? []).forEach((t, i) => project.write(`content/ed/${'abc'[i]}.md`, t));
  const layout = layoutEdition(loadTarget(EDITION_FILE));
  for (const page of layout.pages) await renderEditionPage(layout, page);
}

const wildStyle = fc.record({
  font: mostly('song', fc.constantFrom('hei', 'kai', 'nope', '', 3)),
  size: mostly('小五', wildLength),
  pitch: mostly('1.5em', wildLength),
  weight: mostly(400, fc.constantFrom(700, 0, 1000, 'bold', 'thin', -1)),
  align: mostly('center', fc.constantFrom('left', 'justify', '', 1)),
}, { requiredKeys: ['font'] });

const wildBlock = fc.record({
  id: mostly('a', fc.oneof(fc.constantFrom('b', 'c', 'a-1', '金融', 'a b', ''), hostileText)),
  story: mostly('a', fc.oneof(fc.constantFrom('b', 'c', 'missing', 'a.md', '../../content/ed/a.md', '', 'a/b', '.'), hostileText)),
  col: mostly(1, wildCount),
  cols: mostly(2, wildCount),
  line: mostly(1, wildCount),
  lines: mostly(10, wildCount),
  columns: mostly(undefined, wildCount),
  balance: mostly(false, fc.constantFrom(true, 'yes', 1)),
  fit: mostly(undefined, fc.constantFrom('auto', 'none', 'x')),
  headline: mostly(undefined, fc.record({ lines: mostly(3, wildCount), title: mostly(undefined, wildStyle) }, { requiredKeys: [] })),
}, { requiredKeys: ['id', 'story', 'col', 'cols', 'line', 'lines'] });

const wildPage = fc.record({
  number: mostly(1, wildCount),
  section: mostly(undefined, hostileText),
  blocks: fc.oneof(fc.array(wildBlock, { maxLength: 5 }), fc.constant(BLOCKS)),
}).map((p) => stringify(p));

const wildHouse = fc.record({
  fonts: fc.constant(HOUSE.fonts),
  page: fc.record({
    size: mostly(HOUSE.page.size, fc.tuple(wildLength, wildLength)),
    margins: fc.record({ top: mostly('10mm', wildLength), bottom: mostly('10mm', wildLength), left: mostly('10mm', wildLength), right: mostly('10mm', wildLength) }),
    bleed: mostly('3mm', wildLength),
  }),
  grid: fc.record({ columns: mostly(4, wildCount), chars: mostly(12, wildCount), gutter: mostly('1zw', wildLength), body: mostly('body', fc.constantFrom('title', 'nope')) }),
  styles: fc.record({
    body: mostly(HOUSE.styles.body, wildStyle), dateline: fc.constant(HOUSE.styles.dateline), kicker: mostly(HOUSE.styles.kicker, wildStyle),
    title: mostly(HOUSE.styles.title, wildStyle), deck: fc.constant(HOUSE.styles.deck), subhead: mostly(HOUSE.styles.subhead, wildStyle),
  }),
  composition: mostly(undefined, fc.record({ indent: mostly('2zw', wildLength) })),
}).map((h) => stringify(h));

/** YAML as people and programs break it: random text, random data, anchors and aliases, deep nesting. */
const wildYaml: fc.Arbitrary<string> = fc.oneof(
  hostileText,
  fc.anything({ maxDepth: 4 }).map((v) => { try { return stringify(v); } catch { return 'x'; } }),
  fc.integer({ min: 1, max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1'),
  fc.integer({ min: 2, max: 12 }).map((n) => ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: n }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n')),
  fc.constantFrom('number: *x\n', 'a: &x [*x]\nnumber: 1\nblocks: []\n', '<<: *m\n', 'number: !!binary AAAA\nblocks: []\n', 'number: 1\n---\nnumber: 2\n', '? [a, b]\n: 1\n'),
);

describe('fuzz: manifests and the pipeline', () => {
  it('random YAML in every manifest: diagnostics only', async () => {
    await survives('manifest YAML', fc.tuple(fc.constantFrom('house', 'edition', 'page'), wildYaml), ([which, yaml]) => build({ [which]: yaml }), { quick: 60, long: 3000, ms: 5000 }, 11);
  });

  it('wild values in a page and the house style: zero, negative, huge, off the page, overlapping', async () => {
    await survives('wild manifests', fc.tuple(wildPage, fc.option(wildHouse, { freq: 3 })), ([page, house]) => build({ page, ...(house ? { house } : {}) }), { quick: 60, long: 3000, ms: 5000 }, 12);
  });

  it('hostile articles set on a page and rendered', async () => {
    await survives('hostile articles', fc.array(articleText, { minLength: 3, maxLength: 3 }), (articles) => build({ articles }), { quick: 30, long: 1000, ms: 8000 }, 13);
  });
});
