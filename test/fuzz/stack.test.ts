/**
 * Fuzzing pages written relative to their blocks: `below:` chains, circles and unknown ids,
 * `lines: auto` (on thread parts too), `body:` styles of any size and pitch, at wild house body
 * sizes, through loadTarget → layoutEdition → the docs/typography.md §7 checks → renderPagePdf. Only
 * DiagnosticErrors may come out, each case within its time budget.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, it } from 'vitest';
import { layoutEdition, renderEditionPage } from '../../src/build.ts';
import { pageViolations } from '../../src/check/typography.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { EDITION, HOUSE, mostly, scratch, survives, wildCount, wildLength } from './hostile.ts';

const project = scratch();
const EDITION_FILE = project.write('layouts/ed/edition.yaml', stringify({ ...EDITION, pages: ['p01.yaml', 'p02.yaml'] }));
project.write('content/ed/a.md', `---\ntitle: 标题\n---\n${'荆州日报新闻稿件。'.repeat(30)}\n\n## 小标题\n\n${'第二段文字，'.repeat(12)}\n`);
project.write('content/ed/b.md', `---\nkicker: 引题\ntitle: [主题, 第二行]\ndeck: 副题\ndateline: 本报讯\n---\n${'短稿。'.repeat(5)}\n`);
project.write('content/ed/c.md', '');
project.write('content/ed/d.md', `${'长段落没有标点'.repeat(60)}\n\n${'一、'.repeat(40)}\n`);

const IDS = ['a', 'b', 'c', 'd'];

/** `arb` once in `n` cases, else left out. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/** A style of the block's own, mostly sane, sometimes wild. */
const wildStyle = fc.record({
  font: mostly('kai', fc.constantFrom('song', 'hei', 'nope', '')),
  size: mostly('五号', fc.oneof(fc.constantFrom('小五', '六号', '三号', '一号', '八号', '初号'), wildLength)),
  pitch: mostly('1.5em', fc.oneof(fc.constantFrom('1.2em', '2em', '0.9em', '20pt', '3zw'), wildLength)),
}, { requiredKeys: [] });

/**
 * A block of story `id` (each story once), on a grid line or below a block listed before it, of a
 * number of lines or auto; now and then a mistake (below any block of the page: a circle, maybe).
 */
const block = (id: string, ids: string[]) => fc.record({
  id: fc.constant(id),
  story: fc.oneof({ weight: 19, arbitrary: fc.constant(id) }, { weight: 1, arbitrary: fc.constantFrom(...IDS) }),
  col: fc.integer({ min: 1, max: 4 }),
  cols: fc.oneof({ weight: 19, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: wildCount }),
  place: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 1, max: 40 }).map((line) => ({ line })) },
    ...(ids.indexOf(id) > 0 ? [{ weight: 12, arbitrary: fc.constantFrom(...ids.slice(0, ids.indexOf(id))).map((below) => ({ below })) }] : []),
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...ids).map((below) => ({ below })), fc.constantFrom({ below: 'nope' }, { below: '' }, {}, { line: 3, below: 'a' }, { line: 0 })) },
  ),
  lines: fc.oneof({ weight: 10, arbitrary: fc.constant('auto') }, { weight: 9, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: wildCount }),
  columns: oneIn(3, fc.integer({ min: 1, max: 4 })),
  balance: fc.boolean(),
  fit: oneIn(2, fc.constant('auto')),
  body: oneIn(2, fc.oneof({ weight: 6, arbitrary: fc.constantFrom('commentary', 'brief', 'body', 'title') }, { weight: 3, arbitrary: wildStyle }, { weight: 1, arbitrary: fc.constant('nope') })),
  headline: oneIn(2, fc.record({ place: mostly('top', fc.constantFrom('right', 'left')), lines: mostly(undefined, fc.integer({ min: 1, max: 8 })) }, { requiredKeys: [] })),
  box: oneIn(4, fc.constantFrom(true, { padding: 1 })),
  'continued-from': oneIn(5, fc.constant(1)),
  'continued-to': oneIn(20, fc.constant(3)),
}, { requiredKeys: ['id', 'story', 'col', 'cols', 'place', 'lines'] })
  .map(({ place, ...b }) => Object.fromEntries(Object.entries({ ...b, ...place }).filter(([, v]) => v !== null && v !== undefined)));

/**
 * Two pages: blocks stacked in any way on the first, a continuation of one of them on the second
 * (which then mostly has a number of lines: lines: auto on a part of a thread is an error).
 */
const pages = fc.tuple(
  fc.shuffledSubarray(IDS, { minLength: 1 }).chain((ids) => fc.tuple(
    fc.tuple(...ids.map((id) => block(id, ids))),
    fc.option(fc.record({
      continues: fc.constantFrom(...ids),
      lines: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.constant('auto') }),
      keepAuto: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }), { freq: 3 }),
  )),
  mostly('小五', fc.constantFrom('五号', '小四', '三号', '六号', '八号')),
).map(([[blocks, next], body]) => {
  const target = blocks.find((b) => b.id === next?.continues);
  if (target && next && !next.keepAuto && target.lines === 'auto') target.lines = 12;
  return [blocks, next, body] as const;
});

async function build([blocks, next, body]: readonly [Record<string, unknown>[], { continues: string; lines: unknown } | null, unknown]): Promise<void> {
  project.write('layouts/house.yaml', stringify({
    ...HOUSE, grid: { columns: 4, gutter: '1zw', body: 'body' },
    styles: { ...HOUSE.styles, body: { ...HOUSE.styles.body, size: body }, commentary: { font: 'kai', size: '五号', pitch: '1.5em' }, brief: { font: 'hei', size: '六号', pitch: '1.3em' } },
  }));
  project.write('layouts/ed/p01.yaml', stringify({ number: 1, blocks }));
  const story = blocks.find((b) => b.id === next?.continues)?.story ?? 'a';
  project.write('layouts/ed/p02.yaml', stringify({ number: 2, blocks: next ? [{ id: 'z', story, continues: next.continues, col: 1, cols: 2, line: 1, lines: next.lines }] : [] }));
  const layout = layoutEdition(loadTarget(EDITION_FILE));
  for (const page of layout.pages) {
    pageViolations(page);
    await renderEditionPage(layout, page);
  }
}

describe('fuzz: blocks stacked and sized by their copy, in styles of their own', () => {
  it('below: chains and circles, lines: auto, body: styles, at wild body sizes: diagnostics only', async () => {
    await survives('stacked blocks', pages, build, { quick: 25, long: 3000, ms: 8000 }, 41);
  });
});
