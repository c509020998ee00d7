/** `banmian check`: lay out without writing PDFs; report the docs/typography.md §7 measures per page and block. */
import { DiagnosticError, hasErrors } from '../diagnostic.ts';
import { layoutTarget } from '../build.ts';
import { summarize, type CheckSummary, type Violation } from '../check/typography.ts';
import { changesText } from '../layout/cuts.ts';
import { copyfitSummary } from '../layout/strategies.ts';
import type { PageLayout } from '../layout/types.ts';
import { defaultEdition } from './build.ts';
import type { Command } from './command.ts';
import { pageSummary, printDiagnostics } from './report.ts';

export const check: Command = {
  name: 'check',
  summary: 'lay out without writing PDFs and report the typographic checks, overflow and copyfitting',
  usage: 'check [EDITION_OR_PAGE.yaml ...] [--fit] [--json]',
  help: `For every page: the measured checks of docs/typography.md §7 (count, worst value, where),
each block's fill — copy and capacity in characters (字数) and lines, what copyfitting changed,
what to cut or add — with page and edition totals, and every diagnostic.
Exits 1 when there are errors (an overflowing story, a broken manifest).

  --fit       copyfit every block (as if each had fit: auto)
  --json      one JSON document instead of the tables`,
  examples: [
    'banmian check                                   # the sample edition',
    'banmian check layouts/demo/p02.yaml --fit       # one page, every block copyfitted',
    'banmian check layouts/demo/edition.yaml --json > report.json',
  ],
  options: { json: { type: 'boolean' }, fit: { type: 'boolean' } },
  async run({ positionals, values }) {
    const json = values.json === true;
    let failed = false;
    const report: unknown[] = [];
    for (const target of positionals.length ? positionals : [defaultEdition()]) {
      try {
        const layout = layoutTarget(target, { fit: values.fit === true, adds: true });
        for (const page of layout.pages) {
          const vs = layout.violations.get(page) ?? [];
          const checks = summarize(vs);
          if (json) report.push({ page: page.number, file: page.file, checks, violations: vs, blocks: blockRows(page), fill: fillTotal(blockRows(page)), diagnostics: page.diagnostics });
          else process.stdout.write(pageTable(page, checks, vs));
        }
        if (!json && layout.pages.length > 1) process.stdout.write(`${fillRow('edition', '', fillTotal(layout.pages.flatMap(blockRows)), `${layout.pages.length} pages`)}\n\n`);
        if (!json) printDiagnostics(layout.diagnostics.filter((d) => d.severity !== 'info' || d.code === 'COPYFIT'), false);
        if (hasErrors(layout.diagnostics)) failed = true;
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        if (json) report.push({ file: target, diagnostics: e.diagnostics });
        else printDiagnostics(e.diagnostics, false);
        failed = true;
      }
    }
    if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return failed ? 1 : 0;
  },
};

/** Each block's fill: lines and rows, characters of copy and capacity (字数), and what to cut or add. */
function blockRows(page: PageLayout) {
  return page.blocks.map((b) => {
    const lines = b.frames.reduce((s, f) => s + f.lines.length, 0);
    const rows = b.frames.reduce((s, f) => s + f.capacity, 0);
    return {
      block: b.id, story: b.story, columns: b.frames.length, lines, rows, overflow: b.overflow, underflow: b.underflow, ...b.fill,
      ...(b.copyfit ? { copyfit: copyfitSummary(b.copyfit) } : {}),
    };
  });
}

type Fill = ReturnType<typeof blockRows>[number];

/** Copy and room of some blocks, in characters and lines (the copy's lines: the rows it takes and the lines over). */
function fillTotal(blocks: readonly Fill[]) {
  const sum = (f: (b: Fill) => number) => blocks.reduce((n, b) => n + f(b), 0);
  return { chars: sum((b) => b.chars + (b.overset ?? 0)), capacity: sum((b) => b.capacity), lines: sum((b) => b.rows - b.underflow + b.overflow), rows: sum((b) => b.rows) };
}

/** One row of the fill table: characters (copy, capacity), lines (copy, rows), fill. */
function fillRow(label: string, cols: string, t: ReturnType<typeof fillTotal>, note = ''): string {
  const pct = t.capacity ? `${Math.round((100 * t.chars) / t.capacity)}%` : '';
  return `   ${label.padEnd(13)} ${cols.padStart(4)}  ${String(t.chars).padStart(6)} ${String(t.capacity).padStart(9)}  ${String(t.lines).padStart(5)} ${String(t.rows).padStart(5)}  ${pct.padStart(5)}${note ? `  ${note}` : ''}`;
}

function pageTable(page: PageLayout, checks: CheckSummary[], vs: Violation[]): string {
  const out: string[] = [pageSummary(page), '', '   §7 check                count   worst     where'];
  for (const c of checks) {
    const first = vs.find((v) => v.check === c.id);
    const worst = c.worst === undefined ? '' : `${c.worst.toFixed(3)}${c.id === 'GRID_COUNT' ? '' : c.id.includes('EDGE') || c.id === 'BASELINE_GRID' ? ' pt' : ' em'}`;
    const where = first ? `${first.block}${first.column ? ` col ${first.column} line ${first.line}` : ''}${c.count > 1 ? ` (+${c.count - 1})` : ''}` : '';
    const mark = c.count === 0 ? ' ' : c.severity === 'fail' ? '✗' : '!';
    out.push(`${mark} ${String(c.n).padStart(2)} ${c.id.padEnd(20)} ${String(c.count).padStart(5)}   ${worst.padEnd(9)} ${where}`);
  }
  out.push('', '                          characters        lines', '   block         cols    copy  capacity   copy  rows   fill');
  const rows = blockRows(page);
  for (const b of rows) {
    const state = b.overflow ? `OVERFLOW ${b.overflow} line${b.overflow > 1 ? 's' : ''}${b.cuts ? `: cut ${changesText(b.cuts, 'from', true)}` : ''}`
      : b.underflow ? `${b.underflow} empty line${b.underflow > 1 ? 's' : ''}${b.adds ? `: add ${changesText(b.adds, 'to', true)}` : ''}${b.newParagraph ? `${b.adds ? ';' : ':'} or a new paragraph of ${b.newParagraph[0]}–${b.newParagraph[1]} characters` : ''}` : 'full';
    out.push(fillRow(b.block, String(b.columns), fillTotal([b]), `${state}${b.copyfit ? `; copyfit: ${b.copyfit}` : ''}`));
  }
  const over = rows.filter((b) => b.overflow).length, short = rows.filter((b) => b.underflow > 1).length;
  out.push(fillRow(`page ${page.number}`, '', fillTotal(rows), [over ? `${over} over` : '', short ? `${short} short` : ''].filter(Boolean).join(', ')));
  return out.join('\n') + '\n\n';
}
