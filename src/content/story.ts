/**
 * content: an article file (Markdown + YAML front matter) → Story.
 * Front matter carries the headline decks and the dateline; the body is paragraphs separated by
 * blank lines and `## ` subheads (`|` breaks a subhead or headline line).
 */
import { readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, RootContent } from 'mdast';
import { z } from 'zod';
import { diag, DiagnosticError, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { parseYaml, schemaDiagnostics } from '../manifest/yamlSource.ts';

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  at: SourcePos;
}

export interface Subhead {
  kind: 'subhead';
  lines: string[];
  at: SourcePos;
}

export type StoryBlock = Paragraph | Subhead;

export interface Story {
  id: string;
  file: string;
  kicker: string[]; // 引题
  title: string[]; // 主题, one entry per designer line break
  deck: string[]; // 副题
  dateline?: string; // 电头, run in at the start of the first paragraph
  blocks: StoryBlock[];
}

const lines = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]).flatMap(splitBars));
const FrontMatter = z.strictObject({
  kicker: lines.optional(),
  title: lines.optional(),
  deck: lines.optional(),
  dateline: z.string().optional(),
});

const splitBars = (s: string): string[] => s.split('|').map((x) => x.trim()).filter(Boolean);

export function loadStory(id: string, file: string): Story {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DiagnosticError([diag('error', 'MISSING_FILE', `story file not found: ${file}`, { file })]);
  }
  return parseStory(id, file, text);
}

export function parseStory(id: string, file: string, raw: string): Story {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let fm: z.output<typeof FrontMatter> = {};
  let bodyStart = 0;
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (m) {
    const { src, diagnostics } = parseYaml(file, m[1]!);
    // front matter starts on line 2: shift positions by one line
    if (!src) throw new DiagnosticError(diagnostics.map((d) => ({ ...d, line: (d.line ?? 0) + 1 })));
    const r = FrontMatter.safeParse(src.doc.toJS() ?? {});
    if (!r.success) throw new DiagnosticError(schemaDiagnostics(src, r.error, 'article front matter', FrontMatter).map((d) => ({ ...d, line: (d.line ?? 0) + 1 })));
    fm = r.data;
    bodyStart = m[0].length;
  }
  const lineOffset = text.slice(0, bodyStart).split('\n').length - 1;
  const tree = fromMarkdown(text.slice(bodyStart));
  const blocks: StoryBlock[] = [];
  const errors: Diagnostic[] = [];
  for (const node of tree.children) {
    const at: SourcePos = { file, line: (node.position?.start.line ?? 1) + lineOffset, col: node.position?.start.column ?? 1 };
    if (node.type === 'paragraph') {
      const t = plain(node);
      if (t) blocks.push({ kind: 'paragraph', text: t, at });
    } else if (node.type === 'heading' && node.depth === 2) {
      blocks.push({ kind: 'subhead', lines: splitBars(plain(node)), at });
    } else if (node.type === 'heading') {
      errors.push(diag('error', 'BAD_HEADING', `a level-${node.depth} heading is not part of an article body`, { ...at, hint: 'use `## ` for a subhead (小标题); headline decks go in the front matter: kicker, title, deck' }));
    } else if (node.type !== 'html' && node.type !== 'thematicBreak' && node.type !== 'definition') {
      errors.push(diag('error', 'UNSUPPORTED_MARKDOWN', `${node.type} is not supported in an article body`, { ...at, hint: 'write paragraphs separated by blank lines, and `## ` subheads' }));
    }
  }
  if (errors.length) throw new DiagnosticError(errors);
  return {
    id, file, kicker: fm.kicker ?? [], title: fm.title ?? [], deck: fm.deck ?? [],
    ...(fm.dateline !== undefined ? { dateline: fm.dateline.trim() } : {}), blocks,
  };
}

/** The plain text of a node; soft line breaks vanish between Chinese characters. */
function plain(node: Nodes | RootContent): string {
  const raw = collect(node);
  return raw.replace(/[ \t]*\n[ \t]*/g, (_, off: number) => {
    const before = raw[off - 1] ?? '';
    const after = raw[off + _.length] ?? '';
    return /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? ' ' : '';
  }).trim();
}

function collect(node: Nodes | RootContent): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'break') return '\n';
  if ('children' in node) return (node.children as RootContent[]).map(collect).join('');
  return '';
}
