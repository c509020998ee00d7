/**
 * Copyfitting (fit: auto) and 孤行: a story two lines over is pulled back without touching a word;
 * one far over is reported with what is still over; `banmian check` says what to do.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import { pageViolations } from '../../src/check/typography.ts';
import { ROOT, sampleProject } from '../project.ts';


/** The sample with block `id` given `lines` grid lines (its headline keeps its rows) and fit on or off. */
function withBlock(id: string, change: (line: string) => string) {
  const p = sampleProject();
  p.edit('layouts/sample/p02.yaml', (s) => s.split('\n').map((l) => (l.includes(`id: ${id},`) ? change(l) : l)).join('\n'));
  return p;
}

const bodyText = (layout: ReturnType<typeof layoutTarget>, id: string) =>
  layout.pages[0]!.blocks.find((b) => b.id === id)!.frames.flatMap((f) => f.lines.map((l) => l.text)).join('');

describe('copyfitting', () => {
  it('pulls back a story that overflows by 2 lines, without touching a word', () => {
    // xi fills its block exactly; one more two-line paragraph puts it 2 lines over
    const more = (p: ReturnType<typeof sampleProject>) => p.edit('content/sample/xi.md', (s) => `${s}\n会议强调，要坚持问题导向，加强统筹协调。\n`);
    const off = withBlock('xi', (l) => l.replace('fit: auto, ', ''));
    more(off);
    const over = layoutTarget(off.edition);
    expect(over.pages[0]!.blocks.find((b) => b.id === 'xi')!.overflow).toBe(2);
    expect(over.diagnostics.find((d) => d.code === 'BLOCK_OVERFLOW')!.hint).toMatch(/fit: auto/);

    const on = sampleProject();
    more(on);
    const fitted = layoutTarget(on.edition);
    const block = fitted.pages[0]!.blocks.find((b) => b.id === 'xi')!;
    expect(block.overflow).toBe(0);
    const note = fitted.diagnostics.find((d) => d.code === 'COPYFIT' && d.block === 'xi')!;
    expect(note.message).toMatch(/2 lines over, fitted: paragraphs \d+, \d+ set one line shorter/);
    // every word is still there, in order
    const sample = layoutTarget(join(ROOT, 'layouts/sample/edition.yaml'));
    expect(bodyText(fitted, 'xi')).toBe(`${bodyText(sample, 'xi')}会议强调，要坚持问题导向，加强统筹协调。`);
    // and the type is still set to the rules (one line may have to stand alone at a column head)
    const v = pageViolations(fitted.pages[0]!).filter((x) => x.block === 'xi' && x.check !== 'WIDOW_TOP');
    expect(v).toEqual([]);
  });

  it('reports a story that overflows by far too much, with the lines still over', () => {
    const p = withBlock('finance', (l) => l.replace('lines: 22', 'lines: 15'));
    const layout = layoutTarget(p.edition);
    const err = layout.diagnostics.find((d) => d.code === 'BLOCK_OVERFLOW' && d.block === 'finance')!;
    expect(err.severity).toBe('error');
    expect(err.message).toMatch(/overflows block "finance" by \d+ lines, even after copyfitting/);
    expect(layout.pages[0]!.marks.some((m) => m.block === 'finance')).toBe(true);
  });

  it('`banmian check` on an overflowing block tells the editor what to do, and exits 1', () => {
    const p = withBlock('glass', (l) => l.replace('fit: auto, ', '').replace('lines: 22', 'lines: 19'));
    let out = '', err = '', status = 0;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'check', p.edition], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      ({ stdout: out, stderr: err, status } = e as { stdout: string; stderr: string; status: number });
    }
    expect(status).toBe(1);
    expect(out).toMatch(/glass\s+3\s+\d+\s+OVERFLOW \d+ lines/);
    expect(err).toMatch(/p02\.yaml:\d+:\d+: error BLOCK_OVERFLOW: story "glass" overflows block "glass" by \d+ lines/);
    expect(err).toMatch(/hint: cut \d+ lines of copy, or give the block more lines or columns, or let it copyfit/);
  });
});
