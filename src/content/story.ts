/**
 * content: an article file (Markdown + YAML front matter) → Story.
 * Front matter carries the headline decks and the dateline; the body is paragraphs separated by
 * blank lines and `## ` subheads (`|` breaks a subhead or headline line), read by body.ts.
 */
import { bodyBlocks, plainText, splitBars, type StoryBlock } from './body.ts';
import { parseMarkdown } from './markdown.ts';
import { z } from 'zod';
import { diag, DiagnosticError, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { parseYaml, posAt, readText, schemaDiagnostics, yamlData, type YamlSource } from '../manifest/yamlSource.ts';
import { LABEL_MAX, tooLong } from '../manifest/limits.ts';

export type { Paragraph, StoryBlock, Subhead } from './body.ts';

/** The start of a line of front matter that lost its --- lines. */
export const FM_LOOKALIKE = /^(kicker|title|deck|dateline)\s*[:：]/;

/** The front-matter fields that are printed. */
export type HeadField = 'kicker' | 'title' | 'deck' | 'dateline';

export interface Story {
  id: string;
  file: string;
  kicker: string[]; // 引题
  title: string[]; // 主题, one entry per designer line break
  deck: string[]; // 副题
  dateline?: string; // 电头, run in at the start of the first paragraph
  blocks: StoryBlock[];
  headAt?: Partial<Record<HeadField, SourcePos>>; // where each front-matter field's value is
  warnings?: Diagnostic[]; // problems that do not stop the story from being set (an empty article, …)
}

const lines = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]).flatMap(splitBars));
const FrontMatter = z.strictObject({
  kicker: lines.optional(),
  title: lines.optional(),
  deck: lines.optional(),
  dateline: z.string().optional(),
});

export function loadStory(id: string, file: string): Story {
  const { text, diagnostics } = readText(file, 'article');
  if (text === undefined) throw new DiagnosticError(diagnostics);
  return parseStory(id, file, text);
}

/** An article's text with the BOM dropped and CRLF/CR line ends made LF; positions are the same lines and columns. */
export const normalizeText = (raw: string): string => raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/** The front matter between `---` lines at the very start of the (normalized) text, and where the body starts. */
export function splitFrontMatter(text: string): { yaml?: string; bodyStart: number } {
  const m = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/.exec(text);
  return m ? { yaml: m[1] ?? '', bodyStart: m[0].length } : { bodyStart: 0 };
}

// Windows-1252 characters for the bytes 0x80–0x9F, for undoing mojibake made on Windows
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * UTF-8 read as Latin-1 or Windows-1252 and saved again as UTF-8 (乱码 like "æˆ‘å¸‚"): a run of
 * such characters that turns back into valid UTF-8 Chinese.
 */
function mojibake(text: string): { at: number; seen: string; meant: string; encoding: string } | undefined {
  for (const m of text.matchAll(new RegExp(`[\\u0080-\\u00ff${CP1252}]{3,}`, 'gu'))) {
    const bytes = Uint8Array.from(m[0], (c) => (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x80 + CP1252.indexOf(c)));
    try {
      const meant = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (/\p{Script=Han}/u.test(meant)) return { at: m.index, seen: m[0].slice(0, 12), meant: meant.slice(0, 6), encoding: /[^\u0000-\u00ff]/.test(m[0]) ? 'WINDOWS-1252' : 'LATIN1' };
    } catch { /* not UTF-8 bytes: ordinary Latin text or punctuation */ }
  }
  return undefined;
}

export function parseStory(id: string, file: string, raw: string): Story {
  const text = normalizeText(raw);
  const moji = mojibake(text);
  if (moji) {
    const before = text.slice(0, moji.at).split('\n');
    throw new DiagnosticError([diag('error', 'MOJIBAKE', `the copy is garbled (乱码): "${moji.seen}…" is "${moji.meant}…" saved in the wrong encoding`, {
      file, line: before.length, col: before[before.length - 1]!.length + 1,
      hint: `export the copy again as UTF-8; if that is not possible, iconv -f UTF-8 -t ${moji.encoding} IN > OUT undoes the damage`,
    })]);
  }
  let fm: z.output<typeof FrontMatter> = {};
  const headAt: NonNullable<Story['headAt']> = {};
  const { yaml, bodyStart } = splitFrontMatter(text);
  const shift = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, line: (d.line ?? 0) + 1 })); // front matter starts on line 2
  if (yaml !== undefined) {
    const { src, diagnostics } = parseYaml(file, yaml);
    if (!src) throw new DiagnosticError(shift(diagnostics));
    const { data, diagnostics: aliasErrors } = yamlData(src);
    if (aliasErrors.length) throw new DiagnosticError(shift(aliasErrors));
    if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
      throw new DiagnosticError([diag('error', 'BAD_FRONT_MATTER', 'the front matter must be "key: value" lines (kicker, title, deck, dateline)', {
        file, line: 2, col: 1, hint: /^[^:\n]*：/m.test(yaml) ? 'the colon after a key is the ASCII ":" followed by a space, not the full-width "："' : 'write e.g. title: 标题 — a key, a colon, a space, the value',
      })]);
    }
    const r = FrontMatter.safeParse(data ?? {});
    if (!r.success) throw new DiagnosticError(shift(schemaDiagnostics(src, r.error, 'article front matter', FrontMatter)));
    fm = r.data;
    const long = overlongHead(src, (data ?? {}) as Record<string, unknown>); // empty front matter is null
    if (long.length) throw new DiagnosticError(shift(long));
    for (const k of ['kicker', 'title', 'deck', 'dateline'] as const) {
      if (fm[k] === undefined) continue;
      const p = posAt(src, [k]);
      headAt[k] = { file, line: (p.line ?? 0) + 1, col: p.col ?? 1 };
    }
  } else if (/^---[ \t]*\n/.test(text)) {
    throw new DiagnosticError([diag('error', 'UNCLOSED_FRONT_MATTER', 'the front matter opened on line 1 is never closed', { file, line: 1, col: 1, hint: 'end it with a line of exactly three dashes, ---, before the body' })]);
  }
  const lineOffset = text.slice(0, bodyStart).split('\n').length - 1;
  const body = text.slice(bodyStart);
  const { blocks, errors, warnings } = bodyBlocks(file, body, lineOffset);
  errors.push(...overlongSubheads(blocks));
  const first = parseMarkdown(body).children[0];
  // front matter that lost its first --- reads as a paragraph, or with the closing --- as a heading
  if (yaml === undefined && first && (first.type === 'paragraph' || first.type === 'heading') && FM_LOOKALIKE.test(plainText(first))) {
    errors.unshift(diag('error', 'FRONT_MATTER_NO_DASHES', 'these lines look like front matter, but without --- lines they would be printed as body text', {
      file, line: (first.position?.start.line ?? 1) + lineOffset, col: 1, hint: 'put a line of three dashes, ---, before and after kicker/title/deck/dateline',
    }));
  }
  if (errors.length) throw new DiagnosticError(errors);
  if (!blocks.some((b) => b.kind === 'paragraph')) {
    const headline = !!(fm.kicker?.length || fm.title?.length || fm.deck?.length);
    const what = headline ? 'the article has a headline but no body text' : 'the article is empty';
    warnings.push(diag('warning', 'EMPTY_STORY', fm.dateline?.trim() ? `${what}: its dateline, which runs in at the first paragraph, is not printed` : what, { file, line: 1, col: 1, hint: 'write the copy below the front matter, paragraphs separated by blank lines' }));
  }
  return {
    id, file, kicker: fm.kicker ?? [], title: fm.title ?? [], deck: fm.deck ?? [],
    ...(fm.dateline !== undefined ? { dateline: fm.dateline.trim() } : {}), blocks, headAt, warnings,
  };
}

/** Headline lines and the dateline longer than a line can be (src/manifest/limits.ts), at their values. */
function overlongHead(src: YamlSource, data: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const k of ['kicker', 'title', 'deck', 'dateline'] as const) {
    const raw = data[k];
    (Array.isArray(raw) ? raw : [raw]).forEach((item, i) => {
      if (typeof item !== 'string') return;
      const longest = (k === 'dateline' ? [item] : splitBars(item)).reduce((n, l) => Math.max(n, l.length), 0);
      if (longest <= LABEL_MAX) return;
      const { message, hint } = tooLong(k === 'dateline' ? k : `a line of ${k}`, longest, LABEL_MAX);
      out.push(diag('error', 'TEXT_TOO_LONG', message, { ...posAt(src, Array.isArray(raw) ? [k, i] : [k]), hint }));
    });
  }
  return out;
}

/** Subhead lines longer than a line can be. */
function overlongSubheads(blocks: readonly StoryBlock[]): Diagnostic[] {
  return blocks.flatMap((b) => {
    if (b.kind !== 'subhead') return [];
    const longest = b.lines.reduce((n, l) => Math.max(n, l.length), 0);
    if (longest <= LABEL_MAX) return [];
    const { message, hint } = tooLong('a subhead line', longest, LABEL_MAX);
    return [diag('error', 'TEXT_TOO_LONG', message, { ...b.at, hint })];
  });
}
