/**
 * The sample edition end to end: the seed page builds with no overflow, every paragraph of the
 * seed's articles comes back out of the PDF, the page passes the typographic checks, and two
 * builds are byte-identical.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, type EditionLayout } from '../src/build.ts';
import { loadStory } from '../src/content/story.ts';
import { pageViolations } from '../src/check/typography.ts';
import { renderPagePdf } from '../src/render/pdf.ts';
import { extractText, squash } from './pdf.ts';

const ROOT = join(import.meta.dirname, '..');
const seed = squash(readFileSync(join(ROOT, 'test/fixtures/seed-p02.txt'), 'utf8'));
const stories = readdirSync(join(ROOT, 'content/sample')).filter((f) => f.endsWith('.md'))
  .map((f) => loadStory(f.slice(0, -3), join(ROOT, 'content/sample', f)));

let layout: EditionLayout;
let pdf: Buffer;
beforeAll(async () => {
  layout = layoutTarget(join(ROOT, 'layouts/sample/edition.yaml'));
  pdf = await renderPagePdf(layout.pages[0]!, layout.fonts, { paper: layout.edition.paper, date: layout.edition.date });
});

describe('sample edition (the seed page)', () => {
  it('builds page 2 with no errors and no overflow', () => {
    expect(layout.pages.map((p) => p.number)).toEqual([2]);
    expect(layout.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(layout.pages[0]!.blocks.map((b) => b.overflow)).toEqual(layout.pages[0]!.blocks.map(() => 0));
    expect(layout.pages[0]!.blocks).toHaveLength(stories.length);
  });

  it('content files hold the seed text: every piece is seed text, and every seed character is covered', () => {
    // the two （上接第1版） lines and the river's 转版题 come from the page manifest, not the articles
    const generated = layout.pages[0]!.blocks.flatMap((b) => [...b.headline, ...b.frames.flatMap((f) => f.lines)].filter((l) => l.role === 'jump' || l.role === 'title').map((l) => l.text));
    const pieces = [...generated, ...stories.flatMap((s) => [...s.kicker, ...s.title, ...s.deck, s.dateline ?? '',
      ...s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.lines))])].map(squash).filter(Boolean);
    const covered = new Uint8Array(seed.length);
    for (const p of pieces) {
      expect(seed.includes(p), `not in the seed: ${p}`).toBe(true);
      for (let at = seed.indexOf(p); at >= 0; at = seed.indexOf(p, at + 1)) covered.fill(1, at, at + p.length);
    }
    const missed = [...seed].filter((_, i) => !covered[i]).join('');
    expect(missed).toBe('');
  });

  it('text extracted from the PDF contains every paragraph and headline line exactly', () => {
    const text = squash(extractText(pdf));
    for (const s of stories) {
      for (const piece of [...s.kicker, ...s.title, ...s.deck]) expect(text).toContain(squash(piece));
      s.blocks.forEach((b, i) => {
        const t = b.kind === 'paragraph' ? b.text : b.lines.join('');
        const withDateline = i === 0 && s.dateline ? s.dateline + t : t;
        expect(text, `${s.id} block ${i}`).toContain(squash(withDateline));
      });
    }
  });

  it('passes every measurable check of docs/typography.md §7 (1–24): 禁则, edges, grid, gaps, 孤字, 孤行, …', () => {
    expect(pageViolations(layout.pages[0]!)).toEqual([]);
  });

  it('gives byte-identical PDFs for identical input', async () => {
    const again = await renderPagePdf(layoutTarget(join(ROOT, 'layouts/sample/edition.yaml')).pages[0]!, layout.fonts, { paper: layout.edition.paper, date: layout.edition.date });
    expect(again.equals(pdf)).toBe(true);
  });
});
