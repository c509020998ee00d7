/**
 * Where a diagnostic points, for watch's terminal lines and its page: apart from the server, so
 * that every command's start-up does not load node:http with it.
 */
import type { Diagnostic } from '../diagnostic.ts';

/** file:line:col, the file relative to the working directory when it is inside it. */
export function where(d: Diagnostic): string {
  const cwd = process.cwd() + '/';
  const file = d.file.startsWith(cwd) ? d.file.slice(cwd.length) : d.file;
  return d.line === undefined ? file : `${file}:${d.line}${d.col !== undefined ? `:${d.col}` : ''}`;
}
