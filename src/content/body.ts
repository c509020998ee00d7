/**
 * An article body → story blocks, with every character accounted for: what is printed is in the
 * blocks; what is not printed — an editor's note, a link's address, markup that sets nothing — is
 * named in a warning; what banmian cannot set yet — HTML, tables, code blocks, footnotes, images,
 * lists, quotes — is an error at its line. Nothing leaves the copy without a diagnostic.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { diag, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { parseMarkdown } from './markdown.ts';
import { lineStarts, position } from './lines.ts';

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  at: SourcePos;
  origins: Origin[]; // where the text was written: a paragraph spans source lines, and markup is left out
}

/** From offset `at` of a paragraph's text on, its characters were written at `line`, `col` + (offset − at). */
export interface Origin { at: number; line: number; col: number }

export interface Subhead {
  kind: 'subhead';
  lines: string[];
  at: SourcePos;
}

export type StoryBlock = Paragraph | Subhead;

/**
 * The body's syntax tree with its editor's notes taken out. An HTML comment at the start of a
 * line is an HTML block in Markdown, which runs to the end of the line holding its `-->`: the
 * text after the note would go with it. So such notes are cut from the body (their line breaks
 * kept, so every line keeps its number) and the rest is parsed again; `source` maps an offset
 * of the parsed text back to the body. Notes inside a paragraph are inline HTML and stay in the tree.
 */
export interface BodyTree {
  tree: Root;
  text: string; // the body as parsed (notes that start a line cut out)
  notes: { from: number; to: number }[]; // the cut notes, offsets in the body
  unclosed?: number; // offset in the body of a note that starts a line and is never closed
  source(offset: number): number;
}

const NOTE = '<!--';
// a note's -->, searched from two characters in: <!--> and <!---> are complete (CommonMark)
const noteEnd = (text: string, from: number): number => { const e = text.indexOf('-->', from + 2); return e < 0 ? -1 : e + 3; };
const isNote = (n: RootContent): boolean => n.type === 'html' && n.value.trimStart().startsWith(NOTE);

/** Pieces of a text cut from another: offsets from `at` on (to the next piece) were offsets from `from` on. */
type Pieces = { at: number; from: number }[];

function back(pieces: Pieces, o: number): number {
  let lo = 0, hi = pieces.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (pieces[mid]!.at <= o) lo = mid; else hi = mid - 1; }
  return pieces[lo]!.from + o - pieces[lo]!.at;
}

export function bodyTree(body: string): BodyTree {
  let text = body;
  let tree = parseMarkdown(body);
  const notes: { from: number; to: number }[] = [];
  const rounds: Pieces[] = []; // each round's text back to the one before
  const source = (o: number): number => rounds.reduceRight((x, pieces) => back(pieces, x), o);
  let unclosed: number | undefined;
  // a cut can bring another note to a line start (rare): a few rounds settle it
  for (let round = 0; round < 4; round++) {
    const starts = tree.children.filter(isNote).map((n) => n.position!.start.offset! + (n.type === 'html' ? n.value.length - n.value.trimStart().length : 0));
    if (!starts.length) break;
    let out = '', at = 0;
    const pieces: Pieces = [{ at: 0, from: 0 }];
    for (const s of starts) {
      if (s < at) continue; // inside a note already cut
      let p = s;
      while (text.startsWith(NOTE, p)) {
        const e = noteEnd(text, p);
        if (e < 0) { unclosed = source(p); break; }
        notes.push({ from: source(p), to: source(e) });
        p = e;
        while (text[p] === ' ' || text[p] === '\t') p++;
      }
      if (unclosed !== undefined) return { tree, text, notes, unclosed, source };
      out += text.slice(at, s);
      // the note's line breaks stay, each where it was
      for (let nl = text.indexOf('\n', s); nl >= 0 && nl < p; nl = text.indexOf('\n', nl + 1)) {
        pieces.push({ at: out.length, from: nl });
        out += '\n';
      }
      pieces.push({ at: out.length, from: p });
      at = p;
    }
    out += text.slice(at);
    rounds.push(pieces);
    text = out;
    tree = parseMarkdown(text);
  }
  notes.sort((a, b) => a.from - b.from);
  return { tree, text, notes, source };
}

const cut = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/\s+/g, ' ');

/** A delimiter row of a pipe table (GFM): cells of dashes, optionally with colons, between pipes. */
const TABLE_RULE = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
/** A footnote mark or definition label, [^1]. */
const FOOTNOTE = /\[\^[^\]\s]*\]/;

export interface Body {
  blocks: StoryBlock[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/**
 * The story blocks of `body` (the text after the front matter, which ends `lineOffset` lines into
 * `file`), with the errors that stop it being set and the warnings about what is not printed.
 */
export function bodyBlocks(file: string, body: string, lineOffset: number): Body {
  const bt = bodyTree(body);
  const starts = lineStarts(body);
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const blocks: StoryBlock[] = [];
  /** The file position of an offset of the parsed text. */
  const atBody = (offset: number): SourcePos => { const p = position(starts, offset); return { file, line: p.line + lineOffset, col: p.col }; };
  const at = (offset: number | undefined): SourcePos => atBody(bt.source(offset ?? 0));
  const start = (n: Nodes) => n.position?.start.offset;
  const unsupported = (n: Nodes, what: string, hint: string) => errors.push(diag('error', 'UNSUPPORTED_MARKDOWN', `${what} is not supported in an article body`, { ...at(start(n)), hint }));
  const once = new Set<string>();
  const notSet = (n: Nodes, what: string, message: string, hint = 'the text is printed in the house style; the markup sets nothing') => {
    if (once.has(what)) return; // once an article: the editor knows after the first
    once.add(what);
    warnings.push(diag('warning', 'MARKUP_NOT_SET', message, { ...at(start(n)), hint }));
  };

  for (const n of bt.notes) {
    const note = body.slice(n.from, n.to);
    warnings.push(diag('warning', 'HTML_COMMENT', `an editor's note is not printed: ${cut(note)}`, { ...atBody(n.from), hint: 'delete the note before the page goes to press; the text around it is printed' }));
  }
  if (bt.unclosed !== undefined) {
    errors.push(diag('error', 'UNCLOSED_COMMENT', `the editor's note opened here (${cut(body.slice(bt.unclosed), 20)}) is never closed: the rest of the article would not be printed`, { ...atBody(bt.unclosed), hint: 'close the note with -->' }));
    return { blocks, errors, warnings };
  }

  /** The printed text of a paragraph or heading, with what it leaves out reported, and where its characters were written. */
  const inline = (node: Nodes): { text: string; origins: Origin[] } => {
    let out = '';
    const marks: Mark[] = [];
    const add = (n: Nodes, value: string): void => {
      if (n.position?.start.offset !== undefined) align(value, bt.text, n.position.start.offset, n.position.end.offset ?? bt.text.length, out.length, marks, n.type === 'text');
      out += value;
    };
    const visit = (n: Nodes): void => {
      switch (n.type) {
        case 'text':
          if (FOOTNOTE.test(n.value)) unsupported(n, `a footnote mark ${FOOTNOTE.exec(n.value)![0]}`, 'footnotes (脚注) are not supported yet: put the note in the text, in parentheses');
          add(n, n.value);
          return;
        case 'break':
          out += '\n';
          return;
        case 'inlineCode':
          notSet(n, 'code', 'a code span (`…`) is printed as body text, without its backticks');
          add(n, n.value);
          return;
        case 'emphasis': case 'strong':
          notSet(n, 'emphasis', `emphasis (${n.type === 'strong' ? '**…**' : '*…*'}) is not set: the text is printed in the body face`);
          break;
        case 'html':
          if (n.value.startsWith(NOTE)) {
            warnings.push(diag('warning', 'HTML_COMMENT', `an editor's note is not printed: ${cut(n.value)}`, { ...at(start(n)), hint: 'delete the note before the page goes to press; the text around it is printed' }));
          } else {
            warnings.push(diag('warning', 'HTML_TAG', `"${cut(n.value)}" looks like an HTML tag; it is printed as written`, { ...at(start(n)), hint: 'banmian sets text, not HTML: delete the tag, or write \\< if the < is meant as text' }));
            add(n, n.value);
          }
          return;
        case 'link': {
          for (const c of n.children) visit(c);
          // an autolink (<https://…>) prints its address; any other link leaves it out
          if (bt.text[start(n) ?? 0] !== '<') {
            warnings.push(diag('warning', 'LINK_URL', `the link's address is not printed: ${cut(n.url, 200)}${n.title ? ` "${cut(n.title, 200)}"` : ''}`, { ...at(start(n)), hint: 'only the link text is printed; write the address into the text if readers need it' }));
          }
          return;
        }
        case 'linkReference':
          if (n.label?.startsWith('^')) { unsupported(n, `a footnote mark [${n.label}]`, 'footnotes (脚注) are not supported yet: put the note in the text, in parentheses'); return; }
          break;
        case 'image': case 'imageReference':
          unsupported(n, 'an image', 'photos are placed by the page manifest (photos: or a block\'s image:), not in the article');
          return;
      }
      if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
      else if ('value' in n && typeof n.value === 'string') add(n, n.value);
    };
    visit(node);
    const { text, cuts } = joinLines(out);
    return { text, origins: settle(marks, cuts).map((m) => { const p = at(m.src); return { at: m.at, line: p.line!, col: p.col! + m.col }; }) };
  };

  /** A pipe table, which CommonMark reads as a paragraph (or a heading, over a --- line): an error at its first row. */
  const table = (node: Nodes, where: SourcePos): boolean => {
    const src = bt.text.slice(start(node), node.position?.end.offset).split('\n');
    const k = src.findIndex((l, i) => i > 0 && TABLE_RULE.test(l) && src[i - 1]!.includes('|'));
    if (k > 0) errors.push(diag('error', 'UNSUPPORTED_MARKDOWN', 'a table is not supported in an article body', { file, line: where.line! + k - 1, col: 1, hint: 'tables are not supported yet: give the figures in sentences, or ask the designer for a graphic' }));
    return k > 0;
  };

  for (const node of bt.tree.children) {
    const where = at(start(node));
    if ((node.type === 'paragraph' || node.type === 'heading') && table(node, where)) continue;
    switch (node.type) {
      case 'paragraph': {
        const { text: t, origins } = inline(node);
        if (/^#{1,6}[^#\s]/.test(t)) {
          warnings.push(diag('warning', 'HEADING_NO_SPACE', `"${t.slice(0, 12)}…" is printed as body text`, { ...where, hint: 'a subhead needs a space after the marks: "## 小标题"' }));
        }
        warnings.push(...softBreaks(node, file, lineOffset));
        if (t) blocks.push({ kind: 'paragraph', text: t, at: where, origins });
        break;
      }
      case 'heading':
        if (node.depth === 2) blocks.push({ kind: 'subhead', lines: splitBars(inline(node).text), at: where });
        else errors.push(diag('error', 'BAD_HEADING', `a level-${node.depth} heading is not part of an article body`, { ...where, hint: 'use `## ` for a subhead (小标题); headline decks go in the front matter: kicker, title, deck' }));
        break;
      case 'thematicBreak':
        notSet(node, 'rule', 'a thematic break (---, ***) is not printed', 'delete it; a break between parts of a story is a `## ` subhead');
        break;
      case 'definition':
        if (node.label?.startsWith('^')) unsupported(node, `a footnote [${node.label}]`, 'footnotes (脚注) are not supported yet: put the note in the text, in parentheses');
        else warnings.push(diag('warning', 'LINK_URL', `the link definition [${cut(node.label ?? '', 40)}] is not printed: ${cut(node.url, 200)}${node.title ? ` "${cut(node.title, 200)}"` : ''}`, { ...where, hint: 'only the link text is printed; write the address into the text if readers need it' }));
        break;
      case 'html':
        unsupported(node, `HTML (${cut(node.value, 20)})`, 'banmian sets text, not HTML: remove the tags and keep the text; an editor\'s note goes in <!-- … -->');
        break;
      case 'code': {
        const indented = !/^ {0,3}(?:`{3,}|~{3,})/.test(bt.text.slice(start(node), (start(node) ?? 0) + 40));
        unsupported(node, indented ? 'a code block (a line indented by four spaces)' : 'a code block (``` or ~~~)', indented
          ? 'a line indented by four or more spaces is code in Markdown: remove the spaces (the house style sets the paragraph indent)'
          : 'write paragraphs separated by blank lines; code is not supported yet');
        break;
      }
      case 'list':
        unsupported(node, 'a list', 'write paragraphs separated by blank lines, and `## ` subheads');
        break;
      case 'blockquote':
        unsupported(node, 'a quote (>)', 'write paragraphs separated by blank lines, and `## ` subheads');
        break;
      default:
        unsupported(node, node.type, 'write paragraphs separated by blank lines, and `## ` subheads');
    }
  }
  return { blocks, errors, warnings };
}

export const splitBars = (s: string): string[] => s.split('|').map((x) => x.trim()).filter(Boolean);

/** A stretch of text taken out (`keep` characters put in its place: a space, or none). */
interface Cut { from: number; to: number; keep: number }

/** Soft line breaks vanish between Chinese characters and become a space between Latin ones; `cuts` say where, trimming included. */
function joinLines(raw: string): { text: string; cuts: Cut[] } {
  const cuts: Cut[] = [];
  const lead = raw.length - raw.trimStart().length;
  if (lead) cuts.push({ from: 0, to: lead, keep: 0 });
  const joined = raw.replace(/[ \t]*\n[ \t]*/g, (m, off: number) => {
    const before = raw[off - 1] ?? '';
    const after = raw[off + m.length] ?? '';
    const keep = /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? ' ' : '';
    if (off >= lead) cuts.push({ from: off, to: off + m.length, keep: keep.length });
    return keep;
  });
  return { text: joined.trim(), cuts };
}

/** A character reference, &amp; or &#20013; */
const REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/** A place in the text being built: from raw offset `at` on, characters come from offset `src` (+ `col`) of the parsed body. */
interface Mark { at: number; src: number; col: number }

/**
 * Marks where a node's printed `value` (appended at `at`) was written in `[from, to)` of the
 * parsed body: a new mark after each line end, and wherever the source has characters the value
 * lacks — stripped indents and trailing spaces, escapes' backslashes, backticks, character
 * references (read in text only).
 */
function align(value: string, text: string, from: number, to: number, at: number, marks: Mark[], references: boolean): void {
  const mark = (v: number, s: number): void => {
    const last = marks[marks.length - 1];
    if (last && last.at === at + v) marks.pop();
    marks.push({ at: at + v, src: s, col: 0 });
  };
  mark(0, from);
  if (text.startsWith(value, from)) { // as written (the usual case): a mark for each line
    for (let nl = value.indexOf('\n'); nl >= 0; nl = value.indexOf('\n', nl + 1)) mark(nl + 1, from + nl + 1);
    return;
  }
  let s = from;
  for (let v = 0; v < value.length && s < to;) {
    const c = text.charCodeAt(s);
    const ref = c === 38 /* & */ && references ? REFERENCE.exec(text.slice(s, s + 40)) : null;
    if (ref) { v += value.codePointAt(v)! > 0xffff ? 2 : 1; s += ref[0].length; } // one character for the reference
    else if (c === value.charCodeAt(v)) {
      v++; s++;
      if (c === 10) mark(v, s);
      continue;
    } else if (c === 32 || c === 9 || c === 92 /* \ */ || c === 96 /* ` */) s++;
    else { v++; s++; continue; } // a difference not understood: keep step
    mark(v, s);
  }
}

/** The marks moved from the raw text to the joined one: a mark in a cut goes to the cut's end, its column on by as much. */
function settle(marks: readonly Mark[], cuts: readonly Cut[]): Mark[] {
  const out: Mark[] = [];
  let k = 0, shift = 0;
  for (const m of marks) {
    while (k < cuts.length && cuts[k]!.to <= m.at) { shift += cuts[k]!.to - cuts[k]!.from - cuts[k]!.keep; k++; }
    const c = cuts[k];
    const moved = c && c.from < m.at ? { at: c.to - shift - (c.to - c.from - c.keep), src: m.src, col: m.col + c.to - m.at } : { at: m.at - shift, src: m.src, col: m.col };
    if (out.length && out[out.length - 1]!.at >= moved.at) out.pop();
    out.push(moved);
  }
  return out;
}

/** Where character `offset` of a paragraph's text was written. */
export function originOf(p: Paragraph, offset: number): SourcePos {
  let lo = 0, hi = p.origins.length - 1;
  if (hi < 0 || p.origins[0]!.at > offset) return { ...p.at, col: (p.at.col ?? 1) + offset };
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (p.origins[mid]!.at <= offset) lo = mid; else hi = mid - 1; }
  const o = p.origins[lo]!;
  return { file: p.at.file, line: o.line, col: o.col + offset - o.at };
}

/** The plain text of a node as printed, without diagnostics (the front-matter look-alike check). */
export function plainText(node: Nodes): string {
  const collect = (n: Nodes): string => {
    if ('value' in n && typeof n.value === 'string' && n.type !== 'html') return n.value;
    if (n.type === 'break') return '\n';
    if ('children' in n) return (n.children as Nodes[]).map(collect).join('');
    return '';
  };
  return joinLines(collect(node)).text;
}

/**
 * Copy pasted from a word processor often separates paragraphs by a single line break, which
 * Markdown joins into one paragraph: a line that ends a sentence and a next line that starts
 * anew is reported at the next line. (The parsed text keeps every line where it was.)
 */
function softBreaks(node: Nodes, file: string, lineOffset: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (n: Nodes) => {
    if (n.type === 'text' && n.position) {
      n.value.split('\n').forEach((line, i, all) => {
        if (i > 0 && /[。！？…][”’」』）]?$/.test(all[i - 1]!.trimEnd()) && /^[\u3000\p{Script=Han}“「]/u.test(line)) {
          out.push(diag('warning', 'SOFT_BREAK', 'this line continues the paragraph above: a single line break does not start a paragraph', {
            file, line: n.position!.start.line + lineOffset + i, col: 1, hint: 'leave a blank line between paragraphs',
          }));
        }
      });
    } else if ('children' in n) {
      for (const c of n.children as Nodes[]) visit(c);
    }
  };
  visit(node);
  return out;
}
