/**
 * Hostile plans for `banmian makeup`: any plan YAML (pages with masthead and ad rectangles off the
 * grid or over each other, stories fixed to missing pages, duplicate stories and leads, photos
 * missing, jumps on the last page, packages with items missing, repeated or planned as stories) ends
 * in pages or in diagnostics, never an internal error; now and then with its next-best layouts
 * written to alternatives/ as well (paths from the plan rebased there).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, it } from 'vitest';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { makeup } from '../../src/makeup/makeup.ts';
import { survives } from './hostile.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'banmian-fuzz-makeup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'layouts/m'), { recursive: true });
cpSync(join(ROOT, 'content/sample'), join(dir, 'content/m'), { recursive: true });
writeFileSync(join(dir, 'layouts/house.yaml'), `${readFileSync(join(ROOT, 'test/fixtures/makeup/house.yaml'), 'utf8')}fonts: ${join(ROOT, 'fonts/fonts.yaml')}\n`);

// by name in content/m, or by a path from the plan (written rebased into alternatives/)
const STORIES = ['finance', 'glass', 'villages', 'ecommerce', 'jinan', 'shashi', 'songzi', 'gongan', 'jingkai', 'honghu', 'nothere', 'xi', '../../content/m/villages.md', './nothere.md'];
const ITEMS = ['projects', 'jianli', 'jiangling', 'shishou', 'jingzhouqu', 'honghu', 'nothere'];
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
  photo: fc.option(fc.constantFrom('photos/site.jpg', 'missing.jpg', '../../content/m/photos/site.jpg'), { nil: undefined }),
  // 集纳: now and then a package with its items (sometimes none, a missing one, one twice, or one planned as a story too), rarely items alone
  pack: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.record({ package: fc.constant(true), items: fc.uniqueArray(fc.constantFrom(...ITEMS.slice(0, 5)), { minLength: 1, maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ package: fc.option(fc.boolean(), { nil: undefined }), items: fc.option(fc.array(fc.constantFrom(...ITEMS), { maxLength: 3 }), { nil: undefined }) }) }),
});
const plan = fc.record({ pages: fc.uniqueArray(page, { minLength: 1, maxLength: 2, selector: (p) => p.number }), stories: fc.uniqueArray(story, { minLength: 1, maxLength: 8, selector: (s) => s.story }), alternatives: fc.constantFrom(0, 0, 0, 1) });

/** Mostly one lead a page, on a story with a page, as a desk would; sometimes not, to be refused. */
type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;
const leads = (ss: Plan['stories']) => {
  const led = new Set<number | undefined>();
  return ss.map((s) => {
    const ok = s.lead && !led.has(s.page) && (s.page !== undefined || s.story === 'xi');
    if (ok) led.add(s.page);
    const { pack, ...rest } = s;
    return { ...rest, ...pack, lead: ok || undefined };
  });
};
const flow = (o: Record<string, unknown>): string => `{ ${Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${typeof v === 'object' && !Array.isArray(v) ? flow(v as Record<string, unknown>) : JSON.stringify(v)}`).join(', ')} }`;
const yaml = (p: Plan) => `paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages:\n${p.pages.map((x) => `  - ${flow({ number: x.number, masthead: x.masthead })}`.replace(/ }$/, x.ads ? `, ads: [${x.ads.map((a) => flow({ id: a.id, file: a.file, ...a.rect })).join(', ')}] }` : ' }')).join('\n') || '  []'}\nstories:\n${leads(p.stories).map((s) => `  - ${flow({ ...s, photo: s.photo ? { file: s.photo } : undefined })}`).join('\n') || '  []'}\n`;

it('any plan makes pages or diagnostics', async () => {
  await survives('makeup plans', plan, (p) => {
    const file = join(dir, 'layouts/m/plan.yaml');
    writeFileSync(file, yaml(p));
    makeup(file, { beam: 40, alternatives: p.alternatives });
  }, { quick: 10, long: 3000, ms: 60_000 }, 7);
}, 600_000);

// Plans a desk would write, so most get past the checks: one page with its masthead, two to five
// stories (the lead first), now and then a package of two to four items; they make up the page or
// stop with MAKEUP_NO_FIT naming the cuts (or the copy missing), never an internal error.
const REAL = ['finance', 'glass', 'villages', 'ecommerce', 'jinan', 'shashi', 'songzi', 'gongan', 'xi', 'river'];
const deskPlan = fc.record({
  stories: fc.uniqueArray(fc.constantFrom(...REAL), { minLength: 2, maxLength: 5 }),
  items: fc.option(fc.uniqueArray(fc.constantFrom('jingkai', 'jianli', 'jiangling', 'shishou', 'jingzhouqu', 'honghu'), { minLength: 2, maxLength: 4 }), { nil: undefined, freq: 2 }),
  masthead: fc.constantFrom(undefined, { col: 1, cols: 2, line: 1, lines: 10 }, { col: 3, cols: 2, line: 1, lines: 8 }),
});
const deskYaml = (p: typeof deskPlan extends fc.Arbitrary<infer T> ? T : never) => `paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages:\n  - ${flow({ number: 1, masthead: p.masthead })}\nstories:\n${
  p.stories.map((s, i) => `  - ${flow({ story: s, page: 1, lead: i === 0 || undefined })}`).join('\n')}\n${p.items ? `  - { story: projects, page: 1, package: true, items: [${p.items.join(', ')}] }\n` : ''}`;

it('a desk\'s plan makes the page or says what to cut', async () => {
  await survives('makeup desk plans', deskPlan, (p) => {
    const file = join(dir, 'layouts/m/plan.yaml');
    writeFileSync(file, deskYaml(p));
    try {
      makeup(file, { beam: 40 });
    } catch (e) {
      // stopped: by a page that cannot be made up, with what to do
      if (e instanceof DiagnosticError && !e.diagnostics.every((d) => d.code === 'MAKEUP_NO_FIT' || d.code === 'MAKEUP_FAILED' || d.file !== file)) throw new Error(e.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
      throw e;
    }
  }, { quick: 4, long: 300, ms: 60_000 }, 11);
}, 900_000);
