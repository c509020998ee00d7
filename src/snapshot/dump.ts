/**
 * The layout snapshot of a page: its display list as plain text, one row per set line, so a
 * composition change shows up in review as the lines it moved or rewrapped. Lengths in pt rounded
 * to 0.1 (finer than anyone can see, coarse enough to ignore float noise); y is the baseline; a
 * line's x and w are where its text starts and how wide it is set, so indents and centring show.
 *
 * Rows are `label  field value …  "text"`, indented by nesting (page → block → headline or
 * column → line); parseDump reads them back for the readable diff (diff.ts).
 */
import { basename } from 'node:path';
import type { BlockLayout, PageLayout, TextLine } from '../layout/types.ts';

const pt = (v: number): string => (Math.round(v * 10) / 10).toFixed(1);

function lineRow(label: string, l: TextLine, tier = false): string {
  const role = l.role === 'body' || label.startsWith(l.role) ? '' : `  ${l.role}`;
  // a line of a tier (直排): its left edge, where its text starts down the page and how long it is set
  if (tier) {
    const top = l.glyphs[0]?.bx ?? 0;
    return `${label}  x ${pt(l.x)}  y ${pt(l.baseline + top)}  h ${pt(l.end - top)}${role}  ${JSON.stringify(l.text)}`;
  }
  const start = l.glyphs[0]?.x ?? 0;
  return `${label}  x ${pt(l.x + start)}  y ${pt(l.baseline)}  w ${pt(l.end - start)}${role}  ${JSON.stringify(l.text)}`;
}

function blockRows(b: BlockLayout): string[] {
  const rows = [`block ${b.id}  story ${b.story}  x ${pt(b.x)}  y ${pt(b.y)}  w ${pt(b.width)}  h ${pt(b.height)}  overflow ${b.overflow}  underflow ${b.underflow}`];
  if (b.headline.length) {
    rows.push('  headline');
    const seen = new Map<string, number>();
    for (const l of b.headline) {
      const n = (seen.get(l.role) ?? 0) + 1;
      seen.set(l.role, n);
      rows.push(`    ${lineRow(`${l.role} ${n}`, l)}`);
    }
  }
  b.frames.forEach((f, i) => {
    // a tier of vertical text (直排): its lines right to left, each row x (left edge), y (text top), h (set length)
    if (f.tier) rows.push(`  tier ${i + 1}  x ${pt(f.x)}  w ${pt(f.width)}  y ${pt(f.tier.y)}  h ${pt(f.tier.height)}  lines ${f.lines.length}`);
    else rows.push(`  column ${i + 1}  x ${pt(f.x)}  w ${pt(f.width)}  rows ${f.firstLine}-${f.firstLine + f.capacity - 1}  lines ${f.lines.length}`);
    f.lines.forEach((l, j) => rows.push(`    ${lineRow(`line ${j + 1}`, l, !!f.tier)}`));
  });
  return rows;
}

export function dumpPage(page: PageLayout, edition: { paper: string; date: string }): string {
  const g = page.grid;
  return [
    `# banmian layout snapshot: ${edition.paper} ${edition.date}, page ${page.number} (${basename(page.file)})`,
    '# pt, rounded to 0.1; y is the baseline. Accept a change with: npx banmian snapshot --update',
    `page ${page.number}  size ${pt(page.width)} x ${pt(page.height)}  em ${pt(g.em)}  pitch ${pt(g.pitch)}  grid ${g.columns}x${g.colChars}+${g.gutterChars}  rows ${g.lines}  area x ${pt(g.x0)} y ${pt(g.y0)} w ${pt(g.width)}`,
    ...page.blocks.flatMap((b) => ['', ...blockRows(b)]),
    '',
  ].join('\n');
}

/** One row of a dump, addressed by its place in the nesting. */
export interface DumpRow {
  path: string[]; // e.g. ['block finance', 'column 3', 'line 12']
  fields: Map<string, string>; // x → '54.0', role → 'subhead', …
  text?: string;
}

const ROW = /^( *)(page \d+|block \S+|headline|column \d+|tier \d+|(?:line|kicker|title|deck) \d+)(.*)$/;

/** Reads a dump back; rows it does not recognise (comments, blank lines) are skipped. */
export function parseDump(dump: string): DumpRow[] {
  const rows: DumpRow[] = [];
  const stack: string[] = [];
  for (const raw of dump.split('\n')) {
    const m = ROW.exec(raw);
    if (!m) continue;
    stack.length = m[1]!.length / 2;
    stack.push(m[2]!);
    let rest = m[3]!;
    let text: string | undefined;
    const q = rest.indexOf('  "');
    if (q >= 0) {
      text = JSON.parse(rest.slice(q + 2)) as string;
      rest = rest.slice(0, q);
    }
    const fields = new Map<string, string>();
    for (const f of rest.trim().split(/ {2,}/).filter(Boolean)) {
      const sp = f.indexOf(' ');
      if (sp < 0) fields.set('role', f);
      else fields.set(f.slice(0, sp), f.slice(sp + 1));
    }
    rows.push({ path: [...stack], fields, ...(text !== undefined ? { text } : {}) });
  }
  return rows;
}
