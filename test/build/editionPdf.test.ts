/**
 * edition.pdf is never stale (issue 19): building some pages of an edition makes it again from the
 * pages in the folder when every one of them is the current page, and removes it (saying why)
 * otherwise; it carries the pages' PDF/X identification and boxes and passes preflight.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget, writeEdition } from '../../src/build.ts';
import { preflightFile } from '../../src/preflight/preflight.ts';
import { DEFAULT_PROFILE } from '../../src/preflight/report.ts';
import { ROOT, sampleProject } from '../project.ts';

function demo() {
  const p = sampleProject();
  const out = mkdtempSync(join(tmpdir(), 'banmian-edpdf-'));
  return { ...p, edition: p.path('layouts/threads/edition.yaml'), page: (n: number) => p.path(`layouts/threads/p0${n}.yaml`), out };
}

describe('edition.pdf', () => {
  it('carries the PDF/X identification and boxes of its pages, is PDF 1.4 and passes preflight', async () => {
    const d = demo();
    const written = await writeEdition(layoutTarget(d.edition), d.out);
    expect(written.edition).toMatchObject({ file: join(d.out, 'edition.pdf') });
    const profile = { ...DEFAULT_PROFILE, marks: true };
    const ed = await preflightFile(join(d.out, 'edition.pdf'), profile);
    expect(ed.diagnostics).toEqual([]);
    const page = await preflightFile(join(d.out, 'p01.pdf'), profile);
    expect(ed.facts!.version).toBe('1.4');
    expect(ed.facts!.info).toMatchObject({ GTS_PDFXVersion: page.facts!.info.GTS_PDFXVersion, Trapped: '/False' });
    expect(ed.facts!.outputIntents).toEqual(page.facts!.outputIntents);
    expect(ed.facts!.id).toBeTruthy();
    expect(ed.facts!.pages).toHaveLength(3);
    for (const p of ed.facts!.pages) {
      for (const box of ['media', 'trim', 'bleed'] as const) expect(p[box], box).toEqual(page.facts!.pages[0]![box]);
    }
  });

  it('building one page makes it again from the pages in the folder when they are current: the same bytes as the whole build', async () => {
    const d = demo();
    await writeEdition(layoutTarget(d.edition), d.out);
    const whole = readFileSync(join(d.out, 'edition.pdf'));
    rmSync(join(d.out, 'edition.pdf'));
    const written = await writeEdition(layoutTarget(d.page(3)), d.out);
    expect(written.map((w) => w.page.number)).toEqual([3]);
    expect(written.edition).toMatchObject({ bytes: whole.length });
    expect(readFileSync(join(d.out, 'edition.pdf')).equals(whole)).toBe(true);
  });

  it('building one page after another page changed removes edition.pdf and says which page is not current', async () => {
    const d = demo();
    await writeEdition(layoutTarget(d.edition), d.out);
    // a headline row less on page 1: page 1 prints differently, page 3 does not
    d.edit('layouts/threads/p01.yaml', (s) => s.replace(/(id: glass,.*headline: \{ lines: )(\d+)/, (_, a: string, n: string) => `${a}${Number(n) - 1}`));
    const written = await writeEdition(layoutTarget(d.page(3)), d.out);
    expect(written.edition).toEqual({ file: join(d.out, 'edition.pdf'), removed: true, why: 'p01.pdf is not the current page 1' });
    expect(existsSync(join(d.out, 'edition.pdf'))).toBe(false);
    expect(existsSync(join(d.out, 'p01.pdf'))).toBe(true);
  });

  it('a page missing from the folder: no edition.pdf, and the CLI says so; building that page makes it again', async () => {
    const d = demo();
    const cli = (target: string) => spawnSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'build', target, '--out', d.out, '--no-preflight'], { encoding: 'utf8', cwd: d.dir });
    await writeEdition(layoutTarget(d.edition), d.out);
    rmSync(join(d.out, 'p02.pdf'));
    const r = cli(d.page(3));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/edition\.pdf removed: p02\.pdf is not in the folder; build the whole edition to make it \(banmian build layouts\/threads\/edition\.yaml --out /);
    expect(existsSync(join(d.out, 'edition.pdf'))).toBe(false);
    expect(cli(d.page(2)).stdout).toMatch(/all pages → .*edition\.pdf \(with the other pages in the folder, which are current\)\n/);
    expect(existsSync(join(d.out, 'edition.pdf'))).toBe(true);
  });
});
