/**
 * Balanced columns (`balance: true`, and every `lines: auto` block): the columns end within a line
 * of each other, the long ones first, unless keeping 孤行 off the column ends forces otherwise.
 * Filling the columns in turn down to the lowest common end left the last one short by up to a
 * line per column (3/3/1, 6/6/6/4) and a BLOCK_UNDERFLOW warning on a block sized to its copy.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { flowBalanced, type FlowItem, type FrameSlot } from '../../src/layout/flow.ts';
import type { ComposedLine } from '../../src/text/compose.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { BLACK } from '../../src/types.ts';
import { ROOT, scratch, testPhoto } from '../furniture/project.ts';

/** A paragraph of `n` lines (only what the flow reads of a composed line). */
const paragraph = (n: number): FlowItem => ({
  kind: 'paragraph', para: 0, paint: BLACK, at: () => ({ file: 'x.md', line: 1, col: 1 }),
  lines: Array.from({ length: n }, (_, k) => ({ measure: 100, end: 100, glyphs: [], text: `${k}`, first: k === 0, last: k === n - 1, stretch: 0 }) as unknown as ComposedLine),
});
const slots = (k: number, rows: number): FrameSlot[] => Array.from({ length: k }, (_, c) => ({ x: c * 120, width: 100, firstLine: 1, capacity: rows }));
const lengths = (items: FlowItem[], k: number, rows: number, widows = false) =>
  flowBalanced(items, slots(k, rows), (r) => r * 10, { widows }).frames.map((f) => f.lines.length);

describe('balanced columns', () => {
  it('split the copy evenly, the long columns first: 3/2/2, not 3/3/1', () => {
    expect(lengths([paragraph(7)], 3, 3)).toEqual([3, 2, 2]);
    expect(lengths([paragraph(10)], 4, 3)).toEqual([3, 3, 2, 2]);
    expect(lengths([paragraph(22)], 4, 6)).toEqual([6, 6, 5, 5]);
    expect(lengths([paragraph(8)], 4, 9)).toEqual([2, 2, 2, 2]); // a block taller than its copy: level, high
  });

  it('count only the rows under an even split as underflow', () => {
    expect(flowBalanced([paragraph(7)], slots(3, 3), (r) => r, { widows: false }).underflow).toBe(0);
    expect(flowBalanced([paragraph(8)], slots(4, 9), (r) => r, { widows: false }).underflow).toBe(28);
  });

  it('keep 孤行 off the column ends, at the price of a less even split', () => {
    // one paragraph of 2 lines then one of 5, in 3 columns: 3/2/2 would leave the 5-line paragraph's first line alone at the foot of column 1
    const items = [paragraph(2), { ...paragraph(5), para: 1 } as FlowItem];
    expect(lengths(items, 3, 3, false)).toEqual([3, 2, 2]);
    const kept = lengths(items, 3, 3, true);
    expect(kept.reduce((a, b) => a + b)).toBe(7);
    expect(kept[0]).toBe(2); // the lone first line moved on
  });

  it('in a lines: auto block: columns within a line, no BLOCK_UNDERFLOW warning', () => {
    const s = scratch([1]);
    for (const id of ['jingzhouqu', 'jiangling', 'shashi']) copyFileSync(join(ROOT, 'content/sample', `${id}.md`), join(s.content, `${id}.md`));
    const head = 'headline: { kicker: { size: 小四 }, title: { size: 三号 }, deck: { size: 小五 } }';
    s.page(1, `blocks:
  - { id: jingzhouqu, story: jingzhouqu, col: 1, cols: 4, line: 1, lines: auto, ${head} }
  - { id: jiangling, story: jiangling, col: 5, cols: 4, line: 1, lines: auto, composition: { widows: false }, ${head} }
  - { id: shashi, story: shashi, col: 1, cols: 3, below: jingzhouqu, lines: auto, ${head} }
`);
    const ed = layoutEdition(loadTarget(s.edition));
    const page = ed.pages[0]!;
    for (const b of page.blocks) {
      const n = b.frames.map((f) => f.lines.length);
      expect(Math.max(...n) - Math.min(...n), `${b.id}: ${n.join('/')}`).toBeLessThanOrEqual(1);
      expect(n, b.id).toEqual([...n].sort((a, c) => c - a)); // the long columns first
      expect(b.balanced, b.id).toBe(true);
    }
    expect(page.blocks.find((b) => b.id === 'jingzhouqu')!.frames.map((f) => f.lines.length)).toEqual([6, 6, 5, 5]); // filled in turn: 6/6/6/4
    expect(ed.diagnostics.filter((d) => d.code === 'BLOCK_UNDERFLOW' && d.severity === 'warning')).toEqual([]);
    expect(ed.violations.get(page)!.filter((v) => v.check === 'COLUMN_BALANCE')).toEqual([]);
  });

  it('measure where a column ends, so the columns under a photo are not short (check 23)', async () => {
    const s = scratch([1]);
    copyFileSync(join(ROOT, 'content/sample/jinan.md'), join(s.content, 'jinan.md'));
    await testPhoto(join(s.content, 'site.jpg'), 1200, 800);
    s.page(1, `blocks:
  - { id: jinan, story: jinan, col: 1, cols: 3, line: 1, lines: auto, image: { file: site.jpg, cols: 2, lines: 9, place: top-right }, headline: { lines: 6 } }
`);
    const ed = layoutEdition(loadTarget(s.edition));
    const [b] = ed.pages[0]!.blocks;
    const ends = b!.frames.map((f) => f.firstLine + f.lines.length);
    expect(Math.max(...ends) - Math.min(...ends), ends.join('/')).toBeLessThanOrEqual(1);
    expect(b!.frames[0]!.lines.length).toBeGreaterThan(b!.frames[1]!.lines.length + 5);
    expect(ed.violations.get(ed.pages[0]!)!.filter((v) => v.check === 'COLUMN_BALANCE')).toEqual([]);
  });
});

describe('the balance check (23)', () => {
  it('measures what each column leaves empty, so a tier shortened by a photo is not called unbalanced', () => {
    // Hong Kong page: river is vertical, lines: auto, two tiers, a photo taking lines of its first tier
    const layout = layoutEdition(loadTarget(join(ROOT, 'layouts/hongkong/edition.yaml')));
    const page = layout.pages[0]!;
    const river = page.blocks.find((b) => b.id === 'river')!;
    expect(river.balanced).toBe(true);
    const [first, last] = river.frames.map((f) => f.lines.length);
    expect(first! + 5).toBeLessThan(last!); // the photo's tier holds fewer lines, though it is full
    expect(river.frames[0]!.capacity - first!).toBe(0);
    expect(layout.violations.get(page)!.filter((v) => v.check === 'COLUMN_BALANCE')).toEqual([]);
  });
});
