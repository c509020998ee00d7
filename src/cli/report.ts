/** Printing diagnostics and page summaries, shared by the commands. */
import { formatDiagnostic, type Diagnostic } from '../diagnostic.ts';
import type { PageLayout } from '../layout/types.ts';

export function printDiagnostics(ds: readonly Diagnostic[], json: boolean): void {
  for (const d of ds) process.stderr.write((json ? JSON.stringify(d) : formatDiagnostic(d)) + '\n');
}

/** One line per page: blocks, lines, characters, overflow, errors and warnings. */
export function pageSummary(page: PageLayout): string {
  const lines = page.blocks.reduce((s, b) => s + b.frames.reduce((t, f) => t + f.lines.length, 0), 0);
  const chars = page.blocks.reduce((s, b) => s + b.frames.reduce((t, f) => t + f.lines.reduce((u, l) => u + [...l.text].length, 0), 0), 0);
  const over = page.blocks.reduce((s, b) => s + b.overflow, 0);
  const errs = page.diagnostics.filter((d) => d.severity === 'error').length;
  const warns = page.diagnostics.filter((d) => d.severity === 'warning').length;
  return `p${String(page.number).padStart(2, '0')}  ${page.blocks.length} blocks  ${lines} lines  ${chars} chars  ` +
    `${over ? `OVERFLOW ${over} lines` : 'no overflow'}  ${errs} errors  ${warns} warnings`;
}
