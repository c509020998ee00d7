/** `banmian check`: lay out without writing PDFs; report the TYPOGRAPHY.md §10 measures per page and block. */
import { DiagnosticError, hasErrors } from '../diagnostic.ts';
import { layoutTarget } from '../build.ts';
import { summarize, type CheckSummary, type Violation } from '../check/typography.ts';
import { copyfitSummary } from '../layout/strategies.ts';
import type { PageLayout } from '../layout/types.ts';
import { defaultEdition } from './build.ts';
import type { Command } from './command.ts';
import { pageSummary, printDiagnostics } from './report.ts';

export const check: Command = {
  name: 'check',
  summary: 'lay out without writing PDFs and report the typographic checks, overflow and copyfitting',
  usage: 'check [EDITION_OR_PAGE.yaml ...] [--fit] [--json]',
  help: `For every page: the measurable checks of TYPOGRAPHY.md §10 (count, worst value, where),
each block's fill (overflow, underflow, what copyfitting changed), and every diagnostic.
Exits 1 when there are errors (an overflowing story, a broken manifest).

  --fit       copyfit every block (as if each had fit: auto)
  --json      one JSON document instead of the tables`,
  options: { json: { type: 'boolean' }, fit: { type: 'boolean' } },
  async run({ positionals, values }) {
    const json = values.json === true;
    let failed = false;
    const report: unknown[] = [];
    for (const target of positionals.length ? positionals : [defaultEdition()]) {
      try {
        const layout = layoutTarget(target, { fit: values.fit === true });
        for (const page of layout.pages) {
          const vs = layout.violations.get(page) ?? [];
          const checks = summarize(vs);
          if (json) report.push({ page: page.number, file: page.file, checks, violations: vs, blocks: blockRows(page), diagnostics: page.diagnostics });
          else process.stdout.write(pageTable(page, checks, vs));
        }
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

function blockRows(page: PageLayout) {
  return page.blocks.map((b) => {
    const lines = b.frames.reduce((s, f) => s + f.lines.length, 0);
    return { block: b.id, story: b.story, columns: b.frames.length, lines, overflow: b.overflow, underflow: b.underflow, ...(b.copyfit ? { copyfit: copyfitSummary(b.copyfit) } : {}) };
  });
}

function pageTable(page: PageLayout, checks: CheckSummary[], vs: Violation[]): string {
  const out: string[] = [pageSummary(page), '', '   §10 check               count   worst     where'];
  for (const c of checks) {
    const first = vs.find((v) => v.check === c.id);
    const worst = c.worst === undefined ? '' : `${c.worst.toFixed(3)}${c.id === 'GRID_COUNT' ? '' : c.id.includes('EDGE') || c.id === 'BASELINE_GRID' ? ' pt' : ' em'}`;
    const where = first ? `${first.block}${first.column ? ` col ${first.column} line ${first.line}` : ''}${c.count > 1 ? ` (+${c.count - 1})` : ''}` : '';
    const mark = c.count === 0 ? ' ' : c.severity === 'fail' ? '✗' : '!';
    out.push(`${mark} ${String(c.n).padStart(2)} ${c.id.padEnd(20)} ${String(c.count).padStart(5)}   ${worst.padEnd(9)} ${where}`);
  }
  out.push('', '   block         cols  lines  fill');
  for (const b of blockRows(page)) {
    const fill = b.overflow ? `OVERFLOW ${b.overflow} lines` : b.underflow ? `${b.underflow} empty line${b.underflow > 1 ? 's' : ''}` : 'full';
    out.push(`   ${b.block.padEnd(13)} ${String(b.columns).padStart(4)}  ${String(b.lines).padStart(5)}  ${fill}${b.copyfit ? `; copyfit: ${b.copyfit}` : ''}`);
  }
  return out.join('\n') + '\n\n';
}
