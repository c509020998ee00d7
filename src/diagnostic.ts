/**
 * Diagnostics: every problem a user can fix is reported as one of these, never as a stack trace.
 * Shared by all stages; printed like a compiler message by the CLI.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourcePos {
  file: string;
  line?: number; // 1-based
  col?: number; // 1-based
}

export interface Diagnostic extends SourcePos {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  page?: number;
  block?: string;
}

/** A user-facing failure that stops the current stage; carries its diagnostics up to the CLI. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'DiagnosticError';
  }
}

export function diag(
  severity: Severity,
  code: string,
  message: string,
  where: Partial<SourcePos> & { hint?: string | undefined; page?: number; block?: string } = {},
): Diagnostic {
  const d: Diagnostic = { severity, code, message, file: where.file ?? '' };
  if (where.line !== undefined) d.line = where.line;
  if (where.col !== undefined) d.col = where.col;
  if (where.hint !== undefined) d.hint = where.hint;
  if (where.page !== undefined) d.page = where.page;
  if (where.block !== undefined) d.block = where.block;
  return d;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** `file:line:col: error CODE: message` plus an indented hint, the way compilers print. */
export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  let where = d.file ? relative(d.file, cwd) : '';
  if (where && d.line !== undefined) where += `:${d.line}` + (d.col !== undefined ? `:${d.col}` : '');
  const head = `${where ? where + ': ' : ''}${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

function relative(file: string, cwd: string): string {
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}
