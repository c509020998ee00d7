/**
 * content: an article file (Markdown + YAML front matter) → Story.
 * Front matter carries the headline decks and the dateline; the body is paragraphs separated by
 * blank lines and `## ` subheads (`|` breaks a subhead or headline line), read by body.ts.
 */
import { bodyBlocks, originOf, plainText, splitBars, type Paragraph, type StoryBlock } from './body.ts';
import { leadingDateline } from './dateline.ts';
import { parseMarkdown } from './markdown.ts';
import { z } from 'zod';
import { diag, DiagnosticError, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { parseYaml, posAt, readText, schemaDiagnostics, yamlData, type YamlSource } from '../manifest/yamlSource.ts';
import { LABEL_MAX, tooLong } from '../manifest/limits.ts';
import { doc, KEY_DOCS } from '../manifest/keyDoc.ts';
import { LANGS, type Lang } from '../types.ts';

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
  lang?: Lang; // front matter lang: (else the edition's)
}

const lines = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]).flatMap(splitBars));
/** An article's front matter (docs/manifest.md is made from it). */
export const FrontMatter = z.strictObject({
  kicker: lines.optional().register(KEY_DOCS, doc('引题 (肩题), the line over the title; a list or | gives the designer\'s line breaks', { examples: ['我市安排部署当前金融重点工作'], codes: ['TEXT_TOO_LONG', 'MISSING_GLYPH'] })),
  title: lines.optional().register(KEY_DOCS, doc('主题, the headline; a list or | gives the designer\'s line breaks', { examples: [['抓紧建立支持小微企业', '融资协调工作机制']], codes: ['TEXT_TOO_LONG', 'HEADLINE_TOO_TALL', 'HEADLINE_WRAPPED'] })),
  deck: lines.optional().register(KEY_DOCS, doc('副题, the line under the title, often starting with ——', { examples: ['——全省支持小微企业融资协调工作机制视频会议召开'], codes: ['TEXT_TOO_LONG'] })),
  dateline: z.string().optional().register(KEY_DOCS, doc('电头, run in at the start of the first paragraph in the dateline style', { default: 'one found at the start of the first paragraph', examples: ['本报讯（记者胡嫚嫚 通讯员胡云飞）'], codes: ['TEXT_TOO_LONG'] })),
  lang: z.enum(LANGS).optional().register(KEY_DOCS, doc('the story\'s locale, over the edition\'s (zh-Hant-TW for a Taiwanese story)', { default: 'the edition\'s lang' })),
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
  const dateline = fm.dateline !== undefined ? fm.dateline.trim() : bodyDateline(blocks, headAt);
  return {
    id, file, kicker: fm.kicker ?? [], title: fm.title ?? [], deck: fm.deck ?? [],
    ...(dateline !== undefined ? { dateline } : {}), blocks, headAt, warnings, ...(fm.lang ? { lang: fm.lang } : {}),
  };
}

/**
 * A dateline left at the start of the first paragraph (新华社北京12月8日电　…, 本报讯（记者…）…) when
 * the front matter has none: taken out of the paragraph, which keeps the rest of its text and
 * where each character was written, so it is set in the house dateline style like the field.
 */
function bodyDateline(blocks: StoryBlock[], headAt: NonNullable<Story['headAt']>): string | undefined {
  const i = blocks.findIndex((b) => b.kind === 'paragraph');
  const p = blocks[i] as Paragraph | undefined;
  const d = p && leadingDateline(p.text);
  if (!p || !d || d.body >= p.text.length) return undefined; // a dateline alone is the paragraph's text
  headAt.dateline = originOf(p, 0);
  const at = originOf(p, d.body);
  const origins = [{ at: 0, line: at.line!, col: at.col! }, ...p.origins.filter((o) => o.at > d.body).map((o) => ({ ...o, at: o.at - d.body }))];
  blocks[i] = { ...p, text: p.text.slice(d.body), origins };
  return d.text;
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
