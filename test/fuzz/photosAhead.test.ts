/**
 * Fuzzing the photos a build starts converting from the manifests, before any text is set
 * (photosAhead): a block of any place and size, its headline's lines given or not, lines given or
 * auto, text columns, and a photo (image:) of any columns, lines, corner and caption. The guess
 * never throws; where the block's lines and its headline's are given, it is the picture the
 * layout places, or there is none where the layout places none.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import type { Furniture } from '../../src/layout/types.ts';
import { sampleProject } from '../project.ts';
import { FUZZ, survives } from './hostile.ts';

const STORIES = ['shashi', 'glass', 'river', 'xi', 'gongan'];
const CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;

const blockArb = fc.record({
  story: fc.constantFrom(...STORIES),
  col: fc.integer({ min: 1, max: 9 }), cols: fc.integer({ min: 1, max: 9 }),
  line: fc.integer({ min: 1, max: 100 }), lines: fc.oneof(fc.constant<'auto'>('auto'), fc.integer({ min: 1, max: 110 })),
  columns: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  head: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  image: fc.record({ cols: fc.integer({ min: 1, max: 9 }), lines: fc.integer({ min: 1, max: 60 }), place: fc.constantFrom(...CORNERS), caption: fc.constantFrom('', '工地', '重大项目建设工地塔吊林立（示意图，由程序生成，非实拍）') }),
});

type Block = typeof blockArb extends fc.Arbitrary<infer T> ? T : never;

const yaml = (b: Block): string => {
  const image = `image: { file: ../../content/sample/photos/site.jpg, cols: ${b.image.cols}, lines: ${b.image.lines}, place: ${b.image.place}${b.image.caption ? `, caption: ${b.image.caption}` : ''} }`;
  return `number: 1\nblocks:\n  - { id: p, story: ../../content/sample/${b.story}.md, col: ${b.col}, cols: ${b.cols}, line: ${b.line}, lines: ${b.lines}${b.columns ? `, columns: ${b.columns}` : ''}${b.head !== undefined ? `, headline: { lines: ${b.head} }` : ''}, ${image} }\n`;
};

const key = (f: Furniture) => (f.kind === 'image' ? JSON.stringify([f.id, f.crop, f.pixels, f.width, f.height]) : '');

describe('fuzz: photos converted ahead', () => {
  const p = sampleProject();
  writeFileSync(p.path('layouts/sample/pa.yaml'), 'paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages: [pa01.yaml]\n');
  it('guesses a block photo from its manifest without a throw, and as the layout places it where the manifest says all', async () => {
    await survives('photos ahead', blockArb, (b) => {
      writeFileSync(p.path('layouts/sample/pa01.yaml'), yaml(b));
      const ahead: Furniture[] = [];
      const ed = layoutTarget(p.path('layouts/sample/pa.yaml'), { ahead: (photos) => ahead.push(...photos) });
      for (const f of ahead) if (f.kind !== 'image' || !(f.width > 0 && f.height > 0 && f.pixels[0] > 0 && f.pixels[1] > 0)) throw new Error(`a guess that is no picture: ${JSON.stringify(f)} (${JSON.stringify(b)})`);
      if (b.lines === 'auto' || b.head === undefined) return;
      const laid = ed.pages.flatMap((x) => x.furniture.filter((f) => f.kind === 'image')).map(key);
      const guessed = ahead.map(key);
      if (laid.length && JSON.stringify(guessed) !== JSON.stringify(laid)) throw new Error(`guessed ${guessed.join(' ')}, laid out ${laid.join(' ')} (${JSON.stringify(b)})`);
    }, { quick: 25, long: 3000, ms: 20000 }, 2024);
  }, FUZZ ? 3_600_000 : 60_000);
});
