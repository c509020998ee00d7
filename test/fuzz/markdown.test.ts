/**
 * Fuzzing article bodies that mix Chinese copy with HTML and Markdown: editor's notes, inline and
 * block HTML, < and > in text, tables, fences, code spans, links, images, emphasis, footnotes,
 * lists, quotes, headings, escapes and character references. The rule: no copy is lost silently.
 * parseStory either stops with errors, or every CJK character of the body (none of them is
 * Markdown syntax) is printed — in a paragraph or subhead — or named: inside an editor's note a
 * warning points at, or quoted by the warning about a link's address. Set on a page, the story's
 * copy is all there (no COPY_LOST). lint --fix never changes a code span, HTML or an address, and
 * the parser's guard against quadratic inline HTML changes no tree.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Nodes } from 'mdast';
import { layoutEdition } from '../../src/build.ts';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { bodyTree } from '../../src/content/body.ts';
import { parseMarkdown } from '../../src/content/markdown.ts';
import { fixCopy } from '../../src/content/lint.ts';
import { normalizeText, parseStory, splitFrontMatter, type Story } from '../../src/content/story.ts';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostic.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { EDITION, HOUSE, scratch, survives } from './hostile.ts';

const FILE = '/fuzz/body.md';

const chinese = fc.array(fc.constantFrom('荆州', '新闻', '日报', '记者', '中', '国', '，', '。', '“', '”', '（', '）', '《', '》', '😀', '𠀀', '１', 'a', '1', ' ', '　'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const ascii = fc.constantFrom('x', 'a_(b),(c)', 'p?q=1&r=2', '', '中文');

/** A piece of a body: copy, or a construct with copy in it. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: chinese },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n', '  \n', '\\\n', ' ', '\t') },
  // editor's notes, inline and at a line start, closed or not
  { weight: 2, arbitrary: chinese.chain((t) => fc.constantFrom(`<!--${t}-->`, `<!-- ${t} -->`, '<!-->', '<!--->', `<!--${t}`, `\n<!-- ${t} -->${t}\n`, `\n<!-- ${t}\n\n${t} -->${t}`, `\n  <!-- ${t} --> <!-- ${t} -->${t}`, '-->')) },
  // HTML: inline tags, block HTML, and < > that are text
  { weight: 2, arbitrary: chinese.chain((t) => fc.constantFrom('<span>', '</span>', '<br>', '<b c>', `<a href="${t}">`, '<x-y>', '<img src="a.png">', `\n<div>${t}</div>\n`, `\n<p>${t}`, `\n<script>${t}</script>${t}\n`, `\n<center>\n${t}\n`, '<', '>', 'a<b', ' < ', `<${t}>`, '&lt;', '<?php ?>', '<![CDATA[x]]>', '<?', '?>', '<![CDATA[', ']]>', '<!X', `<!DOCTYPE ${t}>`)) },
  // tables, code
  { weight: 1, arbitrary: fc.tuple(chinese, chinese).chain(([a, b]) => fc.constantFrom(`\n| ${a} | ${b} |\n|---|---|\n| ${b} | ${a} |\n`, `\n${a} | ${b}\n--- | :-:\n`, `\n\`\`\`\n${a}\n\`\`\`\n`, `\n~~~js\n${a}\n`, `\n    ${a}\n`, `\`${a}\``, `\`\`${a}\`\``, '`')) },
  // links, images, footnotes
  { weight: 2, arbitrary: fc.tuple(chinese, chinese, ascii).chain(([a, b, u]) => fc.constantFrom(`[${a}](https://x.cn/${u})`, `[${a}](<${b}>)`, `[${a}](https://x.cn "${b}")`, `[${a}][ref]`, `[${a}]`, `\n[ref]: https://x.cn/${u} "${b}"\n`, `\n[${b}]: <${a}>\n`, '<https://x.cn/a,(b)>', '<a@b.cn>', `![${a}](a.png)`, `![${a}][ref]`, '[^1]', `\n[^1]: ${a}\n`, `[^${a}]`, `[${a}](`, ']', `[${a}](<!--${b})`, `\n[${b}]: <!--\n`)) },
  // emphasis, lists, quotes, headings, rules
  { weight: 2, arbitrary: chinese.chain((t) => fc.constantFrom(`*${t}*`, `**${t}**`, `_${t}_`, `***${t}***`, '*', '**', `\n- ${t}\n`, `\n1. ${t}\n`, `\n* ${t}`, `\n> ${t}\n`, `\n## ${t}\n`, `\n## ${t} | ${t}\n`, `\n# ${t}\n`, `\n### ${t}`, `\n${t}\n===\n`, `\n${t}\n---\n`, `\n##${t}`, '\n---\n', '\n***\n')) },
  // escapes and character references
  { weight: 1, arbitrary: fc.constantFrom('\\*', '\\<', '\\[', '\\\\', '\\`', '&amp;', '&#x4E2D;', '&#20013;', '&nbsp;', '&copy;', '&bogus;', '&', '&#0;') },
);

export const markdownBody: fc.Arbitrary<string> = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 30 }), fc.boolean()).map(([head, pieces, crlf]) => {
  const text = (head ? '---\ntitle: 标题\ndateline: 本报讯\n---\n' : '') + pieces.join('');
  return crlf ? text.replace(/\n/g, '\r\n') : text;
});

/** Characters that are never Markdown syntax nor white space: CJK, full-width forms, emoji. */
const isCopy = (c: string): boolean => c.codePointAt(0)! >= 0x2e80 && !/\s/u.test(c);

function count(into: Map<string, number>, text: string): void {
  for (const c of text) if (isCopy(c)) into.set(c, (into.get(c) ?? 0) + 1);
}

/** The story, or the errors it stopped with, with every diagnostic pointing inside the file. */
function load(raw: string): { story?: Story; diagnostics: Diagnostic[] } {
  let story: Story | undefined, diagnostics: Diagnostic[];
  try {
    story = parseStory('x', FILE, raw);
    diagnostics = story.warnings ?? [];
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    diagnostics = e.diagnostics;
  }
  const lines = normalizeText(raw).split('\n');
  for (const d of diagnostics) {
    expect(d.line, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeLessThanOrEqual(lines[d.line! - 1]!.length + 1);
  }
  return story ? { story, diagnostics } : { diagnostics };
}

/** Every CJK character of the body is printed or named (a multiset check, character by character). */
function accountedFor(raw: string, story: Story, warnings: readonly Diagnostic[]): void {
  const text = normalizeText(raw);
  const { bodyStart } = splitFrontMatter(text);
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // an editor's note runs from where its warning points to its -->; a note at a line start is cut
  // out before the rest is read, so a note begun before it in the paragraph may close after it
  const opens = warnings.filter((d) => d.code === 'HTML_COMMENT').map((d) => starts[d.line! - 1]! + d.col! - 1).sort((x, y) => x - y);
  const notes = opens.map((from) => {
    expect(text.startsWith('<!--', from), `HTML_COMMENT at offset ${from}`).toBe(true);
    let at = from + 2, inner = 0, end: number;
    for (;;) {
      end = text.indexOf('-->', at);
      if (end < 0) return [from, text.length] as const;
      inner += opens.filter((o) => o > from && o >= at - 2 && o < end).length; // notes opened inside close first
      if (!inner) return [from, end + 3] as const;
      inner--;
      at = end + 3;
    }
  });
  const need = new Map<string, number>();
  for (let o = bodyStart; o < text.length; o++) {
    if (notes.some(([a, b]) => o >= a && o < b)) continue;
    const cp = text.codePointAt(o)!;
    const c = String.fromCodePoint(cp);
    count(need, c);
    if (cp > 0xffff) o++;
  }
  const have = new Map<string, number>();
  for (const b of story.blocks) count(have, b.kind === 'paragraph' ? b.text : b.lines.join(''));
  for (const d of warnings) if (d.code === 'LINK_URL') count(have, d.message);
  for (const [c, n] of need) expect(have.get(c) ?? 0, `"${c}" is in the body ${n} times`).toBeGreaterThanOrEqual(n);
}

/** What lint --fix must leave alone: code spans, HTML and link addresses, in order. */
function notProse(raw: string): string[] {
  const text = normalizeText(raw);
  const out: string[] = [];
  const visit = (n: Nodes): void => {
    if (n.type === 'inlineCode' || n.type === 'html') out.push(`${n.type}:${n.value}`);
    if (n.type === 'link' || n.type === 'definition') out.push(`url:${n.url}`);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(bodyTree(text.slice(splitFrontMatter(text).bodyStart)).tree);
  return out;
}

describe('fuzz: Markdown and HTML in article bodies', () => {
  it('no copy is lost silently: every CJK character is printed or named, or the article stops with errors', async () => {
    const n = await survives('markdown bodies', markdownBody, (raw) => {
      const { story, diagnostics } = load(raw);
      if (story) accountedFor(raw, story, diagnostics);
    }, { quick: 400, long: 100000, ms: 3000 }, 21);
    expect(n).toBeGreaterThan(0);
  });

  it('the parser\'s guard against unclosable inline HTML changes no tree', async () => {
    await survives('markdown trees', markdownBody, (raw) => {
      const text = normalizeText(raw);
      const body = text.slice(splitFrontMatter(text).bodyStart);
      expect(parseMarkdown(body)).toStrictEqual(fromMarkdown(body));
    }, { quick: 200, long: 30000, ms: 3000 }, 24);
  });

  it('lint --fix never changes a code span, HTML or a link address', async () => {
    await survives('markdown lint --fix', markdownBody, (raw) => {
      // each is still there, unchanged and in order (a fixed digit may turn text into a tag: <a１> → <a1>)
      const after = notProse(fixCopy(FILE, raw).text);
      let k = 0;
      for (const x of notProse(raw)) {
        while (k < after.length && after[k] !== x) k++;
        expect(k < after.length, `${x} is gone or changed`).toBe(true);
        k++;
      }
    }, { quick: 200, long: 20000, ms: 3000 }, 22);
  });

  it('set on a page, every story is all there: no COPY_LOST', async () => {
    const project = scratch();
    const edition = project.write('layouts/ed/edition.yaml', stringify(EDITION));
    project.write('layouts/house.yaml', stringify(HOUSE));
    // a thread over two blocks and one that overflows, so parts, jumps and overset tails are met
    project.write('layouts/ed/p01.yaml', stringify({ number: 1, blocks: [
      { id: 'a', story: 'a', col: 1, cols: 2, line: 1, lines: 8, headline: { lines: 4 } },
      { id: 'a2', story: 'a', continues: 'a', col: 3, cols: 2, line: 1, lines: 14 },
      { id: 'b', story: 'b', col: 1, cols: 4, line: 15, lines: 6, balance: true },
    ] }));
    await survives('markdown bodies set', fc.tuple(markdownBody, markdownBody), ([a, b]) => {
      project.write('content/ed/a.md', a);
      project.write('content/ed/b.md', b);
      const layout = layoutEdition(loadTarget(edition));
      expect(layout.diagnostics.filter((d) => d.code === 'COPY_LOST')).toEqual([]);
    }, { quick: 40, long: 3000, ms: 8000 }, 23);
  });
});
