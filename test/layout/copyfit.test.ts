/**
 * Copyfitting (fit: auto) and 孤行: a story two lines over is pulled back without touching a word;
 * one far over is reported with what is still over; `banmian check` says what to do.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import { pageViolations } from '../../src/check/typography.ts';
import { copyfit } from '../../src/layout/copyfit.ts';
import { buildAtoms } from '../../src/text/atoms.ts';
import { breakParagraph, breakParagraphInLines, COST, LineMeasure, type LineSpan } from '../../src/text/breaker.ts';
import type { ComposedLine } from '../../src/text/compose.ts';
import { GB_DEFAULTS } from '../../src/text/settings.ts';
import { lineOf, ROOT, sampleProject, thrownDiagnostics } from '../project.ts';
import { EM, set, song } from '../text/helpers.ts';


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
    expect(out).toMatch(/glass\s+3(\s+\d+){4}\s+\d+%\s+OVERFLOW \d+ lines: cut \d+ characters: \d+ from paragraph \d+/);
    expect(err).toMatch(/p02\.yaml:\d+:\d+: error BLOCK_OVERFLOW: story "glass" overflows block "glass" by \d+ lines/);
    expect(err).toMatch(/hint: cut \d+ characters: \d+ from paragraph \d+(, \d+ from paragraph \d+)*, or give the block more lines or columns, or let it copyfit/);
  });
});

describe('copyfitting a long story takes work in proportion to it', () => {
  const xi = readFileSync(join(ROOT, 'content/sample/xi.md'), 'utf8').replace(/\n/g, '');
  const measureOf = (text: string) => new LineMeasure(buildAtoms([{ text, face: song, size: EM }], { ...GB_DEFAULTS, indent: 2 }), { measure: 13 * EM, em: EM, indent: 2 * EM, trimFirstOpen: true, hanging: false });

  /** The exhaustive programme copyfitting used before: a cell for every prefix and every count. */
  function exhaustive(m: LineMeasure, lines: number): LineSpan[] | null {
    const n = m.atoms.boxes.length;
    let prev = new Float64Array(n + 1).fill(Infinity);
    prev[0] = 0;
    const from: Int32Array[] = [];
    for (let c = 1; c <= lines; c++) {
      const cur = new Float64Array(n + 1).fill(Infinity), back = new Int32Array(n + 1).fill(-1);
      for (let a = 0; a < n; a++) {
        if (prev[a] === Infinity) continue;
        for (let e = a; e < n; e++) {
          const nat = m.natural(a, e), shrink = m.shrink(a, e);
          if (nat - shrink > m.p.measure + 1e-6 && e > a) break;
          const last = e === n - 1, pen = last ? 0 : m.atoms.gaps[e]!.penalty;
          const cost = m.costOf(a, e, nat, shrink, last, false);
          if (pen === Infinity || cost === Infinity) continue;
          if (prev[a]! + cost + pen < cur[e + 1]!) { cur[e + 1] = prev[a]! + cost + pen; back[e + 1] = a; }
        }
      }
      from.push(back);
      prev = cur;
    }
    if (prev[n] === Infinity) return null;
    const spans: LineSpan[] = [];
    for (let c = lines, e = n; c > 0; c--) { const a = from[c - 1]![e]!; spans.push({ start: a, end: e - 1 }); e = a; }
    spans.reverse();
    return spans.every((s, i) => m.cost(s.start, s.end, i === spans.length - 1, false) < COST.loose) ? spans : null;
  }

  it('a paragraph in one line fewer or more: the same setting as the exhaustive search, in a few cells a character', () => {
    const text = xi.repeat(3); // ~1,900 characters, 144 lines
    const m = measureOf(text);
    const n = m.atoms.boxes.length, opt = breakParagraph(m).length;
    for (const k of [opt - 1, opt + 1]) {
      // the exhaustive search needs k × n cells (~270,000); the banded one fewer than 4 a character
      const spans = breakParagraphInLines(m, k, 4 * n);
      expect(spans).toHaveLength(k);
      expect(spans).toEqual(exhaustive(m, k));
    }
    expect(breakParagraphInLines(m, opt - 1, n)).toBe('capped'); // and says so when over its budget
    // short paragraphs of the sample, every line count near the optimum
    for (const para of readFileSync(join(ROOT, 'content/sample/finance.md'), 'utf8').split(/\n\s*\n/).slice(1, 4)) {
      const p = measureOf(para.replace(/\n/g, ''));
      const best = breakParagraph(p).length;
      for (const k of [best - 2, best - 1, best + 1, best + 2]) expect(breakParagraphInLines(p, k)).toEqual(exhaustive(p, k));
    }
  });

  it('a story far over its block is not searched: one flow, no variant, no resetting at each tracking', () => {
    let flows = 0, variants = 0, composes = 0;
    const line = set('中'.repeat(13))[0]!;
    const lines = (n: number) => Array.from({ length: n }, () => line);
    // 2,000 paragraphs of 10 lines in a block of 100 rows
    const paras = Array.from({ length: 2000 }, (_, i) => ({ para: i, label: i + 1, lines: lines(10), fewest: () => 9, variant: () => (variants++, lines(9)) }));
    const flow = (replaced: ReadonlyMap<number, ComposedLine[]>) => {
      flows++;
      const total = paras.reduce((s, p) => s + (replaced.get(p.para) ?? p.lines).length, 0);
      return { frames: [{ x: 0, width: 117, firstLine: 1, capacity: 100, lines: [] }], overflow: total - 100, underflow: 0 };
    };
    expect(copyfit(paras, flow, () => (composes++, new Map()), 0.03)).toBeNull();
    expect({ flows, variants, composes }).toEqual({ flows: 1, variants: 0, composes: 0 });
  });

  it('a trial (makeup measuring a shape) tries no tracking and the limit only, and finds what the whole search finds there', () => {
    const line = set('中'.repeat(13))[0]!;
    const lines = (n: number) => Array.from({ length: n }, () => line);
    // 5 paragraphs of 4 lines, 2 lines over a block of 18 rows: only a tracking of -0.02 em or
    // tighter lets a paragraph lose a line, as it would when the gaps close
    const run = (bounds: boolean) => {
      const trackings: number[] = [];
      const paras = Array.from({ length: 5 }, (_, i) => ({ para: i, label: i + 1, lines: lines(4), fewest: () => 3, variant: (_n: number, t: number) => (t <= -0.02 ? lines(3) : null) }));
      const flow = (replaced: ReadonlyMap<number, ComposedLine[]>) => {
        const total = paras.reduce((s, p) => s + (replaced.get(p.para) ?? p.lines).length, 0);
        return { frames: [{ x: 0, width: 117, firstLine: 1, capacity: 18, lines: [] }], overflow: Math.max(0, total - 18), underflow: Math.max(0, 18 - total) };
      };
      const r = copyfit(paras, flow, (t) => (trackings.push(t), new Map()), 0.03, bounds);
      return { tracking: r?.tracking, overflow: r?.flowed.overflow, trackings };
    };
    expect(run(false)).toEqual({ tracking: -0.02, overflow: 0, trackings: [-0.01, -0.02] });
    expect(run(true)).toEqual({ tracking: -0.03, overflow: 0, trackings: [-0.03] });
  });

  it('fit-tracking is bounded: each 0.01 em is a step of the search', () => {
    const p = sampleProject();
    p.edit('layouts/house.yaml', (s) => s.replace(/^composition:\n/m, 'composition:\n  fit-tracking: 5em\n'));
    const d = thrownDiagnostics(() => layoutTarget(p.edition));
    expect(d).toMatchObject([{ code: 'BAD_VALUE', file: p.path('layouts/house.yaml'), line: lineOf(p.path('layouts/house.yaml'), 'fit-tracking'), message: expect.stringMatching(/fit-tracking is 0em to 0\.1em/) }]);
  });
});
