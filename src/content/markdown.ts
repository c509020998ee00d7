/**
 * Markdown parsing, remembered for the last few bodies: the story loader and the copy lint read the
 * same article, so the second parse of a body is free (Markdown is most of loading an article).
 */
import type { Heading, Paragraph, Root } from 'mdast';
import type { Point } from 'unist';
import { fromMarkdown } from 'mdast-util-from-markdown';

const recent = new Map<string, Root>();

/** The syntax tree of `body`; callers must not change it (it is shared). */
export function parseMarkdown(body: string): Root {
  let tree = recent.get(body);
  if (!tree) {
    tree = plainTree(body) ?? fromMarkdown(body);
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
