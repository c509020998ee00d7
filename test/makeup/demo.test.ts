/**
 * The demo edition (layouts/demo) is its plan made up: `banmian makeup layouts/demo/plan.yaml` in a
 * copy of the project writes the committed edition.yaml and pages again, byte for byte (the schema
 * line aside: it points from the copy to this checkout's schema folder), and an alternative
 * written under alternatives/ finds the plan's paths from there and builds in place of its page.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutEdition, layoutTarget } from '../../src/build.ts';
import { makeup } from '../../src/makeup/makeup.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { ROOT, sampleProject } from '../project.ts';

const withoutSchema = (text: string) => text.split('\n').filter((l) => !l.startsWith('# yaml-language-server:')).join('\n');

describe('the demo edition', () => {
  it('is what makeup makes of layouts/demo/plan.yaml, and its alternatives build from alternatives/', () => {
    const p = sampleProject();
    const r = makeup(p.path('layouts/demo/plan.yaml'), { alternatives: 1 });
    expect(r.files.map((f) => f.split('/').at(-1))).toEqual(['edition.yaml', 'p01.yaml', 'p02.yaml']);
    for (const f of r.files) {
      const name = f.split('/').at(-1)!;
      expect(withoutSchema(readFileSync(f, 'utf8')), name).toBe(withoutSchema(readFileSync(join(ROOT, 'layouts/demo', name), 'utf8')));
    }
    // the front page jumps a story to page 2 with its lines resolved
    expect(readFileSync(join(ROOT, 'layouts/demo/p02.yaml'), 'utf8')).toMatch(/continues: \w+/);
    // the pages as made (what makeup --build writes) are those a build of the files lays out: the masthead's facts, jumps, the package, the vertical headlines
    const built = layoutTarget(r.files[0]!, { adds: true });
    expect(r.layout.pages).toEqual(built.pages);
    expect(r.layout.diagnostics).toEqual(built.diagnostics);
    expect(r.alternatives.length).toBeGreaterThan(0);
    for (const alt of r.alternatives) {
      expect(readFileSync(alt, 'utf8')).toMatch(/story: "?\.\.\/\.\.\/\.\.\/content\/sample\//);
      // built as banmian build alternatives/pNN-K.yaml builds it: in place of its page, after the pages before it
      const ed = loadTarget(alt);
      const n = Number(basename(alt).slice(1, 3));
      expect(ed.name).toBe(`demo/alternatives/${basename(alt, '.yaml')}`);
      expect([ed.pages.map((x) => x.number), ed.only]).toEqual([[...Array(n).keys()].map((k) => k + 1), [n]]);
      expect(ed.pages.at(-1)!.file).toBe(alt);
      expect(layoutEdition(ed).diagnostics.filter((d) => d.severity === 'error'), alt).toEqual([]);
    }
  });
});
