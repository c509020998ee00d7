/**
 * Markdown parsing, remembered for the last few bodies: the story loader and the copy lint read the
 * same article, so the second parse of a body is free (Markdown is most of loading an article).
 */
import type { Heading, Nodes, Paragraph, Root } from 'mdast';
import type { Point } from 'unist';
import { fromMarkdown } from 'mdast-util-from-markdown';

const recent = new Map<string, Root>();

/** The syntax tree of `body`; callers must not change it (it is shared). */
export function parseMarkdown(body: string): Root {
  let tree = recent.get(body);
  if (!tree) {
    tree = plainTree(body) ?? parseFull(body);
    if (recent.size >= 32) recent.delete(recent.keys().next().value!);
    recent.set(body, tree);
  }
  return tree;
}

/*
 * Fast path. Ordinary copy is nothing but paragraphs and `## ` subheads of plain text, yet
 * fromMarkdown (micromark) takes ~3.5 ms on a 10,000-character article to find that out — most of a
 * one-character-edit rebuild. plainTree builds the very tree fromMarkdown would (same nodes, values
 * and positions) when a conservative guard shows that no other CommonMark construct can occur, and
 * returns undefined otherwise. fromMarkdown stays the reference: when in doubt, reject;
 * test/content/markdown.test.ts checks the two agree.
 */

/**
 * Anything that can start inline syntax (code, emphasis, links, images, autolinks, HTML, character
 * references, escapes), fences (` ~), block quotes (>), plus tabs, CR, control characters and BOM.
 */
const UNSAFE = /[`*_[\]<>&\\!~\0-\x09\x0b-\x1f\x7f\ufeff]/;
/** A line start (after the indent) that could be a list item, setext underline or thematic break. */
const BLOCK_START = /^(?:[-+=]|\d+[.)](?: |$))/;
/** An ATX heading once the indent and trailing spaces are cut: `#`s, spaces, text with no `#`. */
const HEADING = /^(#{1,6}) +([^#]+)$/;

const point = (line: number, column: number, offset: number): Point => ({ line, column, offset });

/** The tree of a body of plain paragraphs and ATX headings, exactly as fromMarkdown builds it; undefined for anything else. */
export function plainTree(body: string): Root | undefined {
  if (UNSAFE.test(body)) return undefined;
  const children: (Paragraph | Heading)[] = [];
  let para: { lines: string[]; start: Point; end: Point; textEnd: Point } | undefined;
  let trailing = 0; // spaces ending the paragraph's last line so far (two or more before another line make a hard break)
  let line = 0;
  let offset = 0; // of the current line's start
  let raw = '';
  const close = (): void => {
    if (!para) return;
    const position = { start: para.start, end: para.end };
    const text = { type: 'text' as const, value: para.lines.join('\n'), position: { start: { ...para.start }, end: para.textEnd } };
    children.push({ type: 'paragraph', children: [text], position });
    para = undefined;
  };
  for (let from = 0; from <= body.length; from = offset + raw.length + 1) {
    offset = from;
    const nl = body.indexOf('\n', from);
    raw = body.slice(from, nl < 0 ? body.length : nl);
    line++;
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    let stop = raw.length;
    while (stop > indent && raw.charCodeAt(stop - 1) === 32) stop--;
    if (stop === indent) { close(); continue; } // blank line
    const content = raw.slice(indent, stop);
    if (content.charCodeAt(0) === 35 /* # */) {
      const m = HEADING.exec(content);
      if (!m || indent > 3) return undefined;
      close();
      const at = indent + content.length - m[2]!.length;
      children.push({
        type: 'heading',
        depth: m[1]!.length as Heading['depth'],
        children: [{ type: 'text', value: m[2]!, position: { start: point(line, at + 1, offset + at), end: point(line, stop + 1, offset + stop) } }],
        position: { start: point(line, indent + 1, offset + indent), end: point(line, raw.length + 1, offset + raw.length) },
      });
      continue;
    }
    if (content.includes('#') || BLOCK_START.test(content)) return undefined;
    if (para) {
      if (trailing >= 2) return undefined;
      para.lines.push(content);
    } else {
      if (indent > 3) return undefined; // indented code
      para = { lines: [content], start: point(line, indent + 1, offset + indent), end: point(0, 0, 0), textEnd: point(0, 0, 0) };
    }
    para.end = point(line, raw.length + 1, offset + raw.length);
    para.textEnd = point(line, stop + 1, offset + stop);
    trailing = raw.length - stop;
  }
  close();
  if (!children.length) return undefined;
  return { type: 'root', children, position: { start: point(1, 1, 0), end: point(line, raw.length + 1, body.length) } };
}

/*
 * Inline HTML that cannot close. micromark tries an HTML comment, processing instruction, CDATA or
 * declaration at each `<!--`, `<?`, `<![CDATA[`, `<!X` and reads on to the end of the paragraph
 * for its closer: a paragraph of many that never close takes quadratic time (8,000 `<!--` take 8 s).
 * An opener with no closer before the next blank line (a paragraph never crosses one) can never
 * be HTML, so its `<` is parsed as a stand-in — punctuation, as `<` is, so emphasis reads the
 * same — and put back in the tree's text. Openers that may start a line's block are left (HTML
 * blocks may cross blank lines), and so are those after `(` or `:` (a link's <destination>).
 */
const STANDIN = '\u29fc';
const OPENER = /<(?:!--|\?|!\[CDATA\[|![A-Za-z])/g;

/** Positions of `s` in `text`, in order. */
function positions(text: string, s: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) out.push(i);
  return out;
}

/** The first of the sorted `list` at or after `from`, or Infinity. */
function firstFrom(list: readonly number[], from: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]! < from) lo = mid + 1; else hi = mid; }
  return list[lo] ?? Infinity;
}

/**
 * Whether an HTML block may start at `o`: nothing before it on its line but indentation and
 * the marks of quotes and list items (a bounded look back; too far is taken as yes).
 */
function blockStart(body: string, o: number): boolean {
  for (let i = o - 1; i >= Math.max(0, o - 64); i--) {
    const c = body[i]!;
    if (c === '\n') return true;
    if (!' \t>*+-.)0123456789'.includes(c)) return false;
  }
  return true;
}

function parseFull(body: string): Root {
  if (!body.includes('<!') && !body.includes('<?')) return fromMarkdown(body);
  if (body.includes(STANDIN)) return fromMarkdown(body);
  const blank = [...body.matchAll(/\n[ \t]*(?=\n)/g)].map((m) => m.index);
  const closers: Record<string, number[]> = {};
  const closerOf = (opener: string): [string, number] => opener === '<!--' ? ['-->', 2] : opener === '<?' ? ['?>', 2] : opener === '<![CDATA[' ? [']]>', 9] : ['>', 2];
  let text: string[] | undefined;
  for (const m of body.matchAll(OPENER)) {
    const o = m.index;
    if (blockStart(body, o)) continue;
    let before = o - 1;
    while (body[before] === ' ' || body[before] === '\t' || body[before] === '\n') before--;
    if (body[before] === '(' || body[before] === ':') continue; // maybe a link's <destination>
    let slashes = 0;
    while (body[o - 1 - slashes] === '\\') slashes++;
    if (slashes % 2) continue; // an escaped <
    const [closer, skip] = closerOf(m[0]);
    const end = firstFrom(closers[closer] ??= positions(body, closer), o + skip);
    if (end < firstFrom(blank, o)) continue;
    (text ??= body.split(''))[o] = STANDIN; // one UTF-16 unit for one: every position stays
  }
  if (!text) return fromMarkdown(body);
  const tree = fromMarkdown(text.join(''));
  const restore = (n: Nodes): void => {
    const rec = n as unknown as Record<string, unknown>;
    for (const k of ['value', 'url', 'title', 'alt', 'label', 'identifier'] as const) {
      const v = rec[k];
      if (typeof v === 'string' && v.includes(STANDIN)) rec[k] = v.replaceAll(STANDIN, '<');
    }
    if ('children' in n) for (const c of n.children as Nodes[]) restore(c);
  };
  restore(tree);
  return tree;
}
