/**
 * Atomic output: an edition's PDFs are replaced all together or not at all. A page that fails to
 * render, or an error that would leave copy off a page, leaves the previous PDFs byte for byte;
 * an overset page (the editor's proof) is still written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { layoutTarget, writeEdition } from '../../src/build.ts';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { renderPagePdf } from '../../src/render/pdf.ts';
import { ROOT, sampleProject, type Project } from '../project.ts';

// the real renderer, which a test can make fail for one page
vi.mock('../../src/render/pdf.ts', async (original) => {
  const m = await original<typeof import('../../src/render/pdf.ts')>();
  return { ...m, renderPagePdf: vi.fn(m.renderPagePdf) };
});

/** The sample project as a three-page edition of small pages (two stories each), built once into out/. */
function threePages(): { p: Project; out: string; pdfs: () => Record<string, Buffer> } {
  const p = sampleProject();
  const page = (n: number, a: string, b: string) =>
    `number: ${n}\nblocks:\n  - { id: ${a}, story: ${a}, col: 1, cols: 2, line: 1, lines: 22 }\n  - { id: ${b}, story: ${b}, col: 3, cols: 2, line: 1, lines: 22 }\n`;
  writeFileSync(p.path('layouts/sample/p03.yaml'), page(3, 'jingkai', 'jinan'));
  writeFileSync(p.path('layouts/sample/p04.yaml'), page(4, 'shashi', 'honghu'));
  writeFileSync(p.path('layouts/sample/p05.yaml'), page(5, 'jianli', 'shishou'));
  p.edit('layouts/sample/edition.yaml', (s) => s.replace('pages: [p02.yaml]', 'pages: [p03.yaml, p04.yaml, p05.yaml]'));
  const out = join(p.dir, 'out');
  const pdfs = () => Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]));
  return { p, out, pdfs };
}

let fx: ReturnType<typeof threePages>;
let before: Record<string, Buffer>;
beforeEach(async () => {
  vi.mocked(renderPagePdf).mockClear();
  fx = threePages();
  await writeEdition(layoutTarget(fx.p.edition), fx.out);
  before = fx.pdfs();
  expect(Object.keys(before)).toEqual(['edition.pdf', 'p03.pdf', 'p04.pdf', 'p05.pdf']);
});

/** The next build changes every page (a new date in the PDFs), so an untouched file is proof. */
const nextEdition = () => fx.p.edit('layouts/sample/edition.yaml', (s) => s.replace(/^date: .*$/m, 'date: 2024-12-07'));

/** `banmian build` of the scratch edition into its out folder: the exit status and what it printed. */
function cli(): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'build', fx.p.edition, '--out', fx.out, '--no-preflight'], { encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return e as { status: number; stdout: string; stderr: string };
  }
}

async function failure(): Promise<DiagnosticError> {
  try {
    await writeEdition(layoutTarget(fx.p.edition), fx.out);
  } catch (e) {
    if (e instanceof DiagnosticError) return e;
    throw e;
  }
  throw new Error('the build was expected to fail');
}

describe('atomic edition output', () => {
  it('a page that fails to render mid-edition leaves every previous PDF unchanged', async () => {
    nextEdition();
    const real = (await vi.importActual<typeof import('../../src/render/pdf.ts')>('../../src/render/pdf.ts')).renderPagePdf;
    vi.mocked(renderPagePdf).mockImplementation((page, ...rest) => (page.number === 4 ? Promise.reject(new Error('boom')) : real(page, ...rest)));
    const e = await failure();
    vi.mocked(renderPagePdf).mockImplementation(real);
    expect(vi.mocked(renderPagePdf).mock.calls.map(([page]) => page.number)).toEqual([3, 4, 5, 3, 4]); // p03 rendered, p04 failed, p05 never started
    expect(e.diagnostics.map((d) => d.code)).toEqual(['RENDER_FAILED', 'NOT_WRITTEN']);
    expect(e.diagnostics[0]!.message).toBe('page 4 could not be rendered: boom');
    expect(e.diagnostics[1]!.message).toMatch(/PDFs already in .*out are unchanged/);
    expect(fx.pdfs()).toEqual(before); // byte for byte, and no temporary files left beside them
  });

  it('an article that does not load stops the whole edition: no page is replaced', async () => {
    nextEdition();
    fx.p.edit('content/sample/honghu.md', (s) => s.replace('title:', 'titel:'));
    const e = await failure();
    expect(e.diagnostics.map((d) => d.code)).toEqual(['EDITION_FAILED', 'NOT_WRITTEN']);
    expect(fx.pdfs()).toEqual(before);
  });

  it('an overset story is not a failed build: the proof with its overset mark replaces the page', async () => {
    nextEdition();
    fx.p.edit('layouts/sample/p04.yaml', (s) => s.replace('story: shashi, col: 1, cols: 2, line: 1, lines: 22', 'story: shashi, col: 1, cols: 2, line: 1, lines: 8'));
    const layout = layoutTarget(fx.p.edition);
    expect(layout.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['BLOCK_OVERFLOW']);
    const written = await writeEdition(layout, fx.out);
    expect(written.map((w) => w.page.number)).toEqual([3, 4, 5]);
    const after = fx.pdfs();
    for (const f of ['edition.pdf', 'p03.pdf', 'p04.pdf', 'p05.pdf']) expect(after[f]!.equals(before[f]!), f).toBe(false);
  });

  it('an output folder that cannot be written is a diagnostic, not a crash', async () => {
    const file = join(fx.p.dir, 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(writeEdition(layoutTarget(fx.p.edition), join(file, 'out'))).rejects.toMatchObject({ diagnostics: [{ code: 'OUTPUT_UNWRITABLE' }, { code: 'NOT_WRITTEN' }] });
  });

  it('the CLI says which pages were not written and that the previous files are unchanged', () => {
    nextEdition();
    fx.p.edit('content/sample/jinan.md', (s) => s.replace('\n---\n', '\n')); // the closing --- deleted
    const { status, stdout, stderr } = cli();
    expect(status).toBe(1);
    expect(stdout).toMatch(/^p03 .* 0 errors .* → not written \(1 error elsewhere in the edition, above\)$/m); // the article's, not the page's
    expect(stderr).toMatch(/jinan\.md:\d+:1: error UNCLOSED_FRONT_MATTER/);
    expect(stderr).toMatch(/info NOT_WRITTEN: nothing written; the PDFs already in .* are unchanged/);
    expect(fx.pdfs()).toEqual(before);
  });

  it('a folder named like one of the files: a diagnostic naming it, exit 1, every other file as it was, no temporary file left', () => {
    nextEdition();
    rmSync(join(fx.out, 'p04.pdf'));
    mkdirSync(join(fx.out, 'p04.pdf'));
    writeFileSync(join(fx.out, `p03.pdf.${2 ** 22 + 17}.tmp`), before['p03.pdf']!.subarray(0, 1000)); // a partial PDF an earlier release left behind
    const { status, stdout, stderr } = cli();
    expect(status).toBe(1);
    expect(stdout).toMatch(/^p04 .* → not written$/m);
    expect(stderr).toMatch(/p04\.pdf: error OUTPUT_UNWRITABLE: cannot replace \S*out\/p04\.pdf: a folder of that name is in the way\n  hint: move or delete that folder, or build into another folder with --out/);
    expect(stderr).toMatch(/info NOT_WRITTEN: nothing written; the PDFs already in .* are unchanged/);
    expect(stderr).not.toMatch(/internal error/);
    expect(readdirSync(fx.out).sort()).toEqual(['edition.pdf', 'p03.pdf', 'p04.pdf', 'p05.pdf']);
    for (const f of ['edition.pdf', 'p03.pdf', 'p05.pdf']) expect(readFileSync(join(fx.out, f)).equals(before[f]!), f).toBe(true);
  });
});
