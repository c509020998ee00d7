/** Printing diagnostics and page summaries, shared by the commands. */
import { formatDiagnostic, useColour, type Diagnostic } from '../diagnostic.ts';
import type { PageLayout } from '../layout/types.ts';

/** A run of the same warning in one file beyond this is summed up in one line (JSON lists them all). */
const SAME_CODE_SHOWN = 10;

export function printDiagnostics(ds: readonly Diagnostic[], json: boolean): void {
  const seen = new Map<string, number>(); // warnings and notes per file and code; errors are all shown
  const colour = !json && useColour(process.stderr);
  for (const d of ds) {
    const key = `${d.file}\u0000${d.code}`;
    const n = d.severity === 'error' ? 0 : (seen.get(key) ?? 0) + 1;
    if (n) seen.set(key, n);
    if (json || n <= SAME_CODE_SHOWN) process.stderr.write((json ? JSON.stringify(d) : formatDiagnostic(d, process.cwd(), colour)) + '\n');
  }
  if (json) return;
  for (const [key, n] of seen) {
    const [file, code] = key.split('\u0000');
    if (n > SAME_CODE_SHOWN) process.stderr.write(`${formatDiagnostic({ file: file!, severity: 'info', code: code!, message: `… and ${n - SAME_CODE_SHOWN} more like the ones above (--json lists them all)` }, process.cwd(), colour)}\n`);
  }
}

/** `1 error`, `2 errors`. */
export const counted = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per page: blocks, lines, characters of copy, overflow, errors and warnings. */
export function pageSummary(page: PageLayout): string {
  const lines = page.blocks.reduce((s, b) => s + b.frames.reduce((t, f) => t + f.lines.length, 0), 0);
  const chars = page.blocks.reduce((s, b) => s + b.fill.chars, 0); // copy set, as banmian check counts it
  const over = page.blocks.reduce((s, b) => s + b.overflow, 0);
  const errs = page.diagnostics.filter((d) => d.severity === 'error').length;
  const warns = page.diagnostics.filter((d) => d.severity === 'warning').length;
  return `p${String(page.number).padStart(2, '0')}  ${counted(page.blocks.length, 'block')}  ${counted(lines, 'line')}  ${chars} chars  ` +
    `${over ? `OVERFLOW ${counted(over, 'line')}` : 'no overflow'}  ${counted(errs, 'error')}  ${counted(warns, 'warning')}`;
}
