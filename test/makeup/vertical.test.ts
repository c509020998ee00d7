/**
 * banmian makeup: vertical headlines (竖题) on short stories and package items, so that headlines
 * side by side are no 碰题. The score's terms for them, and a page best made up with them: written
 * with place: right, built within the hard rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import { makeup } from '../../src/makeup/makeup.ts';
import { scorePage, SQUEEZED, type ScoredBlock } from '../../src/makeup/score.ts';
import { makeupProject, onePage } from './project.ts';


const block = (o: Partial<ScoredBlock> & Pick<ScoredBlock, 'key' | 'col' | 'line'>): ScoredBlock => ({
  rank: 1, lead: false, cols: 2, lines: 20, title: '三号', bodyPerCol: 15, depths: [15], extraHead: 0, change: 0, photo: false, jumps: false, ...o,
});

describe('the score of vertical headlines', () => {
  it('counts no 碰题 for a vertical headline beside another, vertical or not; two horizontal ones side by side are', () => {
    const a = { key: 'a', col: 1, line: 1, rank: 1 }, b = { key: 'b', col: 3, line: 1, rank: 2 };
    expect(scorePage([block(a), block(b)], 1).pengti).toBe(40); // the same size
    expect(scorePage([block({ ...a, vertical: true }), block({ ...b, vertical: true })], 1).pengti).toBe(0);
    expect(scorePage([block({ ...a, vertical: true }), block(b)], 1).pengti).toBe(0);
    expect(scorePage([block(a), block({ ...b, vertical: true })], 1).pengti).toBe(0);
  });

  it('a vertical headline under a shallow text is no stack of headlines', () => {
    const top = block({ key: 'a', col: 1, line: 1, lines: 8, bodyPerCol: 3, depths: [3] });
    expect(scorePage([top, block({ key: 'b', col: 1, line: 9 })], 1).stack).toBe(10);
    expect(scorePage([top, block({ key: 'b', col: 1, line: 9, vertical: true })], 1).stack).toBe(0);
  });

  it('a package\'s items side by side with horizontal headlines are 碰题 (priced where its rows are arranged)', () => {
    expect(scorePage([block({ key: 'p', col: 1, line: 1, cols: 4, pengti: 40 })], 1).pengti).toBe(40);
  });

  it('copyfitting that squeezes the ideographs (a NEG_GAP on the page) costs more than the same lines found without', () => {
    const b = { key: 'a', col: 1, line: 1, change: 1 };
    expect(scorePage([block({ ...b, squeezed: true })], 1).fill - scorePage([block(b)], 1).fill).toBe(SQUEEZED);
  });
});

const project = (stories: string): string => makeupProject(onePage(stories));

describe('a page made up with vertical headlines', () => {
  it('sets short stories and a package\'s items side by side with vertical headlines, written with place: right, built within the hard rules', () => {
    const plan = project('  - { story: finance, page: 1, lead: true }\n  - { story: projects, page: 1, package: true, items: [jingkai, jinan] }\n  - { story: villages, page: 1 }\n');
    // with headlines on top only the page cannot be made up (the cuts of package.test.ts); with vertical ones it can, without 碰题
    expect(() => makeup(plan, { vertical: false })).toThrow(/MAKEUP_NO_FIT|need about/);
    const score = makeup(plan).pages[0]!.score;
    expect(score.pengti).toBe(0);
    const manifest = readFileSync(join(plan, '../p01.yaml'), 'utf8');
    expect(manifest).toMatch(/# villages: .*vertical headline \(竖题\) at \S+ on the right/);
    expect(manifest).toMatch(/jingkai 2×\d+ with a vertical headline \(竖题\)/);
    expect(manifest).toMatch(/id: villages, .*columns: 1, headline: \{ place: right, kicker: \{ size: 小四 \}, title: \{ size: \S+ \}, deck: \{ size: 小五 \} \}/);
    // as built: no error (HEADLINE_TOO_LONG, HEADLINE_TOO_WIDE), no overflow, no block short by more than a line
    const laid = layoutTarget(join(plan, '../edition.yaml')).pages[0]!;
    expect(laid.diagnostics.filter((d) => d.severity === 'error' || d.code === 'BLOCK_UNDERFLOW' && d.severity === 'warning' || d.code.startsWith('HEADLINE_'))).toEqual([]);
    for (const b of laid.blocks) expect(b.overflow, b.id).toBe(0);
    for (const id of ['villages', 'jingkai']) {
      const b = laid.blocks.find((x) => x.id === id)!;
      expect(b.headline.every((l) => l.vertical), id).toBe(true);
      expect(b.underflow, id).toBeLessThanOrEqual(1);
    }
  });
});
