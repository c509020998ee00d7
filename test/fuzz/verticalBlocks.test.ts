/**
 * Fuzzing vertical blocks on a page (直排, issue 17): any shape — width, height or lines: auto,
 * tiers, a headline across the top or at the right, a photo (image:) of any tiers and lines at any
 * corner with or without a caption, copyfitting — laid out from the manifest. Whatever is refused
 * is a diagnostic; what is set has every glyph placed, and no line of text under the photo.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import type { Furniture } from '../../src/layout/types.ts';
import { sampleProject } from '../project.ts';
import { FUZZ, survives } from './hostile.ts';

const STORIES = ['shashi', 'glass', 'river', 'xi', 'gongan', 'projects'];
const CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;

const blockArb = fc.record({
  story: fc.constantFrom(...STORIES),
  col: fc.integer({ min: 1, max: 8 }), cols: fc.integer({ min: 1, max: 8 }),
  line: fc.integer({ min: 1, max: 90 }), lines: fc.oneof(fc.constant<'auto'>('auto'), fc.integer({ min: 1, max: 105 })),
  tiers: fc.integer({ min: 1, max: 4 }),
  right: fc.boolean(), fit: fc.boolean(),
  image: fc.option(fc.record({ cols: fc.integer({ min: 1, max: 4 }), lines: fc.integer({ min: 1, max: 30 }), place: fc.constantFrom(...CORNERS), caption: fc.constantFrom('', '工地', '重大項目建設工地塔吊林立（示意圖，由程序生成，非實拍）') }), { nil: undefined }),
});

type Block = typeof blockArb extends fc.Arbitrary<infer T> ? T : never;

const yaml = (b: Block): string => {
  const image = b.image ? `, image: { file: ../../content/sample/photos/site.jpg, cols: ${b.image.cols}, lines: ${b.image.lines}, place: ${b.image.place}${b.image.caption ? `, caption: ${b.image.caption}` : ''} }` : '';
  return `number: 1\nblocks:\n  - { id: v, story: ../../content/sample/${b.story}.md, col: ${b.col}, cols: ${b.cols}, line: ${b.line}, lines: ${b.lines}, writing: vertical, tiers: ${b.tiers}${b.fit ? ', fit: auto' : ''}${b.right ? ', headline: { place: right }' : ''}${image} }\n`;
};

describe('fuzz: vertical blocks', () => {
  const p = sampleProject();
  writeFileSync(p.path('layouts/sample/vt.yaml'), 'paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages: [vt01.yaml]\n');
  it('lays out any vertical block, with any photo, or says why not', async () => {
    await survives('vertical blocks', blockArb, (b) => {
      writeFileSync(p.path('layouts/sample/vt01.yaml'), yaml(b));
      const ed = layoutTarget(p.path('layouts/sample/vt.yaml'));
      for (const page of ed.pages) {
        const img = page.furniture.find((f): f is Extract<Furniture, { kind: 'image' }> => f.kind === 'image' && f.id === 'v');
        if (img && !(img.width > 0 && img.height > 0)) throw new Error(`a photo of ${img.width} × ${img.height} pt (${JSON.stringify(b)})`);
        for (const block of page.blocks) {
          for (const f of block.frames) {
            for (const l of f.lines) {
              if (!Number.isFinite(l.x) || !Number.isFinite(l.baseline) || l.glyphs.some((g) => !Number.isFinite(g.x) || !Number.isFinite(g.y ?? 0))) throw new Error(`a line without its place: ${l.text}`);
              const t = f.tier;
              if (!img || !t) continue;
              const size = Math.max(t.em, ...l.glyphs.map((g) => g.size));
              const across = l.x < img.x + img.width - 0.01 && l.x + size > img.x + 0.01;
              const down = t.y < img.y + img.height - 0.01 && t.y + t.height > img.y + 0.01;
              if (across && down && l.glyphs.length) throw new Error(`a line under the photo: ${l.text} (${JSON.stringify(b)})`);
            }
          }
        }
      }
    }, { quick: 12, long: 2000, ms: 20000 }, 1917);
  }, FUZZ ? 3_600_000 : 60_000);
});
