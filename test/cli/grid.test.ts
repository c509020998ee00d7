/** `banmian grid` (issue 19): the page grid and every block's rectangle, as the layout itself measures them. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import { MM } from '../../src/manifest/units.ts';
import { ROOT } from '../project.ts';

const grid = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'grid', ...args], { encoding: 'utf8', cwd: ROOT });

describe('banmian grid', () => {
  it('gives the grid and the blocks where the layout puts them (--json, pt), and the same in mm and pt as text', () => {
    const page = join(ROOT, 'layouts/threads/p01.yaml');
    const r = grid(page, '--json');
    expect(r.status, r.stderr).toBe(0);
    const facts = JSON.parse(r.stdout) as {
      trim: { width: number; height: number }; typeArea: { x: number; y: number; width: number }; columns: number; chars: number;
      gutter: { chars: number }; lines: number; body: { pitch: number; size: number }; pages: { number: number; placed: { kind: string; id: string; x: number; y: number; width: number; height: number }[] }[];
    };
    const layout = layoutTarget(page);
    const [p] = layout.pages;
    const g = p!.grid;
    expect(facts).toMatchObject({ trim: { width: p!.width, height: p!.height }, columns: g.columns, chars: g.colChars, gutter: { chars: g.gutterChars }, lines: g.lines, body: { pitch: g.pitch, size: g.em } });
    expect(facts.typeArea).toMatchObject({ x: g.x0, y: g.y0, width: g.width });
    expect(facts.pages.map((x) => x.number)).toEqual([1]); // only the page named
    for (const b of p!.blocks) {
      const f = facts.pages[0]!.placed.find((x) => x.kind === 'block' && x.id === b.id)!;
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(f[k], `${b.id}.${k}`).toBeCloseTo(b[k], 6);
    }
    expect(facts.pages[0]!.placed.find((x) => x.kind === 'masthead')).toBeTruthy();

    const text = grid(page).stdout;
    expect(text).toMatch(new RegExp(`grid lines +${g.lines} per page, line pitch ${(g.pitch / MM).toFixed(2)} mm \\(${g.pitch} pt\\)`));
    expect(text).toMatch(new RegExp(`columns +${g.columns} × ${g.colChars} characters`));
    expect(text).toMatch(/^ {2}trim +390\.00 × 550\.00 mm/m);
    expect(text).toMatch(/^ {2}block +finance +1 +3 +13 +20 +41 /m);
  });

  it('a house style alone: its grid, no pages', () => {
    const r = grid(join(ROOT, 'layouts/house.yaml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^layouts\/house\.yaml: the page grid\n/);
    expect(r.stdout).not.toMatch(/^p\d\d /m);
  });
});
