/**
 * Hostile plans for `banmian makeup`: any plan YAML (pages with masthead and ad rectangles off the
 * grid or over each other, stories fixed to missing pages, duplicate stories and leads, photos
 * missing, jumps on the last page) ends in pages or in diagnostics, never an internal error.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, it } from 'vitest';
import { makeup } from '../../src/makeup/makeup.ts';
import { survives } from './hostile.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'banmian-fuzz-makeup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'layouts/m'), { recursive: true });
cpSync(join(ROOT, 'content/sample'), join(dir, 'content/m'), { recursive: true });
writeFileSync(join(dir, 'layouts/house.yaml'), `${readFileSync(join(ROOT, 'test/fixtures/makeup/house.yaml'), 'utf8')}fonts: ${join(ROOT, 'fonts/fonts.yaml')}\n`);

const STORIES = ['finance', 'glass', 'villages', 'ecommerce', 'jinan', 'shashi', 'songzi', 'gongan', 'jingkai', 'honghu', 'nothere', 'xi'];
// mostly on the small test grid (4 columns × 55 lines), sometimes off it
const rect = fc.oneof({ weight: 12, arbitrary: fc.record({ col: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 2 }), line: fc.constantFrom(1, 30, 46), lines: fc.integer({ min: 6, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ col: fc.integer({ min: 0, max: 6 }), cols: fc.integer({ min: 0, max: 5 }), line: fc.integer({ min: 0, max: 70 }), lines: fc.integer({ min: 0, max: 30 }) }) });
const page = fc.record({
  number: fc.oneof({ weight: 15, arbitrary: fc.integer({ min: 1, max: 2 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }) }),
  masthead: fc.option(rect, { nil: undefined, freq: 2 }),
  ads: fc.option(fc.array(fc.record({ id: fc.constantFrom('ad', 'ad-2', 'bad id'), file: fc.constantFrom('photos/site.jpg', 'photos/site.jpg', 'none.pdf', 'finance.md'), rect }), { maxLength: 2 }), { nil: undefined, freq: 2 }),
});
const story = fc.record({
  story: fc.constantFrom(...STORIES), page: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 }),
  lead: fc.option(fc.boolean(), { nil: undefined }), jump: fc.option(fc.boolean(), { nil: undefined }),
  photo: fc.option(fc.constantFrom('photos/site.jpg', 'missing.jpg'), { nil: undefined }),
});
const plan = fc.record({ pages: fc.uniqueArray(page, { minLength: 1, maxLength: 2, selector: (p) => p.number }), stories: fc.uniqueArray(story, { minLength: 1, maxLength: 8, selector: (s) => s.story }) });

/** Mostly one lead a page, on a story with a page, as a desk would; sometimes not, to be refused. */
type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;
const leads = (ss: Plan['stories']) => {
  const led = new Set<number | undefined>();
  return ss.map((s) => {
    const ok = s.lead && !led.has(s.page) && (s.page !== undefined || s.story === 'xi');
    if (ok) led.add(s.page);
    return { ...s, lead: ok || undefined };
  });
};
const flow = (o: Record<string, unknown>): string => `{ ${Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${typeof v === 'object' ? flow(v as Record<string, unknown>) : JSON.stringify(v)}`).join(', ')} }`;
const yaml = (p: Plan) => `paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages:\n${p.pages.map((x) => `  - ${flow({ number: x.number, masthead: x.masthead })}`.replace(/ }$/, x.ads ? `, ads: [${x.ads.map((a) => flow({ id: a.id, file: a.file, ...a.rect })).join(', ')}] }` : ' }')).join('\n') || '  []'}\nstories:\n${leads(p.stories).map((s) => `  - ${flow({ ...s, photo: s.photo ? { file: s.photo } : undefined })}`).join('\n') || '  []'}\n`;

it('any plan makes pages or diagnostics', async () => {
  await survives('makeup plans', plan, (p) => {
    const file = join(dir, 'layouts/m/plan.yaml');
    writeFileSync(file, yaml(p));
    makeup(file, { beam: 40 });
  }, { quick: 10, long: 400, ms: 60_000 }, 7);
}, 600_000);
