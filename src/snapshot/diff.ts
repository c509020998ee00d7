/**
 * The readable diff of two layout dumps: rows are matched by their place (line 12 of column 3 of
 * block finance), not by text, and each change is said in words: what the line now ends or starts
 * with, where it moved, what appeared or went. Changes are grouped by block, a few per block, so a
 * rewrapped paragraph does not bury a moved headline.
 */
import { parseDump, type DumpRow } from './dump.ts';

const PER_BLOCK = 6;

/** "line 12 of column 3 of block finance", "title 2 of the headline of block finance". */
function where(path: string[]): string {
  return path.map((p) => (p === 'headline' ? 'the headline' : p.startsWith('page') ? 'the page' : p)).reverse().join(' of ');
}

const quote = (s: string): string => `«${s}»`;

/** Says how a line's text changed: by its new end, its new start, or all of it. */
function textChange(was: string, now: string): string {
  let p = 0;
  while (p < was.length && p < now.length && was[p] === now[p]) p++;
  let s = 0;
  while (s < was.length - p && s < now.length - p && was[was.length - 1 - s] === now[now.length - 1 - s]) s++;
  // a character or two of the unchanged part, so the change can be found in the text
  const tail = (t: string) => (p > 2 ? '…' : '') + t.slice(Math.max(0, p - 2));
  const head = (t: string) => t.slice(0, Math.min(t.length, t.length - s + 2)) + (s > 2 ? '…' : '');
  if (s === 0 && p > 0) return `now ends with ${quote(tail(now))} (was ${quote(tail(was))})`;
  if (p === 0 && s > 0) return `now starts with ${quote(head(now))} (was ${quote(head(was))})`;
  return `now reads ${quote(now)} (was ${quote(was)})`;
}

function fieldChanges(was: DumpRow, now: DumpRow): string[] {
  const out: string[] = [];
  const moved = ['x', 'y'].filter((k) => was.fields.get(k) !== now.fields.get(k));
  if (moved.length) out.push(`moved from ${moved.map((k) => `${k} ${was.fields.get(k)}`).join(' ')} to ${moved.map((k) => `${k} ${now.fields.get(k)}`).join(' ')}`);
  for (const k of new Set([...was.fields.keys(), ...now.fields.keys()])) {
    if (k === 'x' || k === 'y' || was.fields.get(k) === now.fields.get(k)) continue;
    const name = k === 'w' ? 'width' : k;
    out.push(`${name} ${was.fields.get(k) ?? '(none)'} → ${now.fields.get(k) ?? '(none)'}`);
  }
  if (was.text !== now.text) out.push(textChange(was.text ?? '', now.text ?? ''));
  return out;
}

const show = (r: DumpRow): string => (r.text !== undefined ? ` ${quote(r.text)}` : '');

export interface DumpDiff {
  changes: number; // rows that differ
  lines: string[]; // the readable report, grouped by block
}

export function diffDumps(was: string, now: string): DumpDiff {
  const key = (r: DumpRow) => r.path.join('/');
  const before = new Map(parseDump(was).map((r) => [key(r), r]));
  const after = parseDump(now);
  const found: { group: string; text: string }[] = [];
  for (const r of after) {
    const old = before.get(key(r));
    before.delete(key(r));
    const subject = where(r.path);
    if (!old) found.push({ group: r.path[0]!, text: `${subject} is new:${show(r)}` });
    else {
      const c = fieldChanges(old, r);
      if (c.length) found.push({ group: r.path[0]!, text: `${subject} ${c.join('; ')}` });
    }
  }
  for (const r of before.values()) found.push({ group: r.path[0]!, text: `${where(r.path)} is gone (was${show(r) || ' there'})` });

  const groups = new Map<string, string[]>();
  for (const f of found) groups.set(f.group, [...(groups.get(f.group) ?? []), f.text]);
  const lines: string[] = [];
  for (const [group, texts] of groups) {
    lines.push(...texts.slice(0, PER_BLOCK));
    if (texts.length > PER_BLOCK) lines.push(`… and ${texts.length - PER_BLOCK} more changes in ${group}`);
  }
  return { changes: found.length, lines };
}
