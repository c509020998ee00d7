/**
 * Diagnostics: every problem a user can fix is reported as one of these, never as a stack trace.
 * Shared by all stages; printed like a compiler message by the CLI.
 */
import { readFileSync, statSync } from 'node:fs';

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

/**
 * Where a stage reports its diagnostics: one list (a page's, in layout), and `once` for what is
 * worth saying once however often it happens (a missing style), keyed by code and subject.
 */
export class DiagnosticSink {
  private said = new Set<string>();

  constructor(readonly list: Diagnostic[] = []) {}

  report(d: Diagnostic): void {
    this.list.push(d);
  }

  once(key: string, d: Diagnostic): void {
    const k = `${d.code}\u0000${key}`;
    if (this.said.has(k)) return;
    this.said.add(k);
    this.list.push(d);
  }
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/**
 * Whether text for `stream` may be coloured: on a terminal (not a pipe or a file, not TERM=dumb),
 * unless NO_COLOR is set to anything (no-color.org); FORCE_COLOR (other than 0) colours anywhere.
 */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** SGR colours of the severities, bold, as compilers show them. */
const SEVERITY_SGR: Record<Severity, string> = { error: '1;31', warning: '1;33', info: '1;36' };
const sgr = (code: string, s: string) => `\x1b[${code}m${s}\x1b[0m`;

/**
 * `file:line:col: error CODE: message`, the offending source line with a caret under the column,
 * and an indented hint, the way compilers print; with `colour`, the severity and code and the
 * caret stand out (ANSI SGR).
 */
export function formatDiagnostic(d: Diagnostic, cwd = process.cwd(), colour = false): string {
  let where = d.file ? relative(d.file, cwd) : '';
  if (where && d.line !== undefined) where += `:${d.line}` + (d.col !== undefined ? `:${d.col}` : '');
  const label = printable(`${d.severity} ${d.code}`);
  const head = `${printable(where ? where + ': ' : '')}${colour ? sgr(SEVERITY_SGR[d.severity], label) : label}: ${printable(d.message)}`;
  // notes (info) stay one line: a build prints many of them
  const src = d.file && d.line !== undefined && d.severity !== 'info' ? sourceExcerpt(d.file, d.line, d.col, colour) : '';
  return head + src + (d.hint ? `\n  ${colour ? sgr('1', 'hint:') : 'hint:'} ${printable(d.hint)}` : '');
}

// Source lines per file, read on first use: a build prints many diagnostics against few files.
// A file rewritten since (lint --fix, an editor during `banmian watch`) is read again.
const sourceCache = new Map<string, { mtime: number; lines: string[] }>();

function sourceLines(file: string): string[] | null {
  try {
    const mtime = statSync(file).mtimeMs;
    let hit = sourceCache.get(file);
    if (hit?.mtime !== mtime) {
      hit = { mtime, lines: readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/) };
      sourceCache.set(file, hit);
    }
    return hit.lines;
  } catch {
    return null; // gone or unreadable: the message alone must do
  }
}

/** The budget of terminal columns for a source line; longer lines (a whole paragraph) are cut around the caret. */
const EXCERPT_WIDTH = 72;

/** `   7 | source line` and `     |      ^` below it (col counts UTF-16 units, as YAML and editors do). */
function sourceExcerpt(file: string, line: number, col?: number, colour = false): string {
  const text = sourceLines(file)?.[line - 1];
  if (text === undefined || !text.trim()) return '';
  const chars = [...text];
  // the caret's character index: col is in UTF-16 units, chars are code points
  let at = 0;
  for (let units = 0; at < chars.length && units < (col ?? 1) - 1; at++) units += chars[at]!.length;
  const width = chars.map(cellWidth);
  let from = 0, to = chars.length;
  const sum = (a: number, b: number) => width.slice(a, b).reduce((s, w) => s + w, 0);
  if (sum(0, to) > EXCERPT_WIDTH) {
    while (from < at && sum(from, at) > EXCERPT_WIDTH / 3) from++;
    to = from;
    while (to < chars.length && sum(from, to + 1) <= EXCERPT_WIDTH) to++;
  }
  const show = (from > 0 ? '…' : '') + chars.slice(from, to).map(printable).join('') + (to < chars.length ? '…' : '');
  const gutter = String(line);
  const pad = ' '.repeat(sum(from, Math.min(at, to)) + (from > 0 ? 1 : 0));
  return `\n ${gutter} | ${show}` + (col !== undefined ? `\n ${' '.repeat(gutter.length)} | ${pad}${colour ? sgr('1;32', '^') : '^'}` : '');
}

/** Control characters would move the terminal's cursor (or worse); show them as �. Tabs count one cell. */
function printable(s: string): string {
  return s.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');
}

/** Terminal cells of one character: East Asian wide and full-width forms take two. */
function cellWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
}

function relative(file: string, cwd: string): string {
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}
