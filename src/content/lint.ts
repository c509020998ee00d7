/**
 * Copy lint (标点与格式检查): the punctuation and spacing mistakes of pasted and hurried copy —
 * half-width marks and quotes between Chinese characters, doubled marks, stray spaces,
 * full-width digits, a single — meant as ——, a single …, small-form marks, invisible
 * characters — each with the standard form as a fix. It reads the article's source, so every
 * finding has its file:line:col, and `banmian lint --fix` can rewrite the file in place without
 * touching anything else. Each rule says what its fix is (COPY_RULES): --fix applies only those
 * that keep the meaning; the others are suggestions for a person. Datelines and bylines
 * (dateline.ts) keep their spaces, in the house form.
 */
import { parseMarkdown } from './markdown.ts';
import { lineStarts, position } from './lines.ts';
import type { Nodes } from 'mdast';
import { bodyTree, plainText } from './body.ts';
import { isScalar, visit, type Scalar } from 'yaml';
import { diag, type Diagnostic } from '../diagnostic.ts';
import { parseYaml, readText, yamlData } from '../manifest/yamlSource.ts';
import { FM_LOOKALIKE, normalizeText, splitFrontMatter } from './story.ts';
import { isByline, leadingDateline } from './dateline.ts';

/** Replace normalized-text offsets [from, to) by `text`. */
export interface CopyFix {
  from: number;
  to: number;
  text: string;
}

export interface CopyFinding {
  diagnostic: Diagnostic;
  fixes: CopyFix[]; // empty when only a person can decide
  kind: RuleKind;
}

/** What a rule's fix does: `keeps-meaning` fixes are applied by --fix; `suggest-only` ones could change what the copy says. */
export type RuleKind = 'keeps-meaning' | 'suggest-only';

/** Every rule of the copy lint, by its code, with its kind (docs/lint.md gives an example of each). */
export const COPY_RULES: Readonly<Record<string, RuleKind>> = {
  HALF_WIDTH_PUNCT: 'keeps-meaning',
  ASCII_QUOTES: 'keeps-meaning',
  DOUBLED_PUNCT: 'keeps-meaning',
  STRAY_SPACE: 'keeps-meaning',
  DATELINE_SPACE: 'keeps-meaning',
  FULL_WIDTH_DIGITS: 'keeps-meaning',
  ELLIPSIS: 'keeps-meaning',
  SMALL_FORM_PUNCT: 'keeps-meaning',
  INVISIBLE_CHAR: 'keeps-meaning',
  SINGLE_DASH: 'suggest-only', // 北京—上海 is a range: one — may be meant
  REPLACEMENT_CHAR: 'suggest-only', // no fix: the lost characters are not known
};

/**
 * The house's space after a dateline and between names (本报讯（记者胡嫚嫚 通讯员胡云飞）): `full`
 * (U+3000) or `half` (U+0020) makes every such space that one; `either` (the default) accepts one
 * space of either kind, and --fix writes a full-width one where there are several, a tab or a
 * no-break space.
 */
export type HouseSpace = 'either' | 'full' | 'half';
export interface CopyStyle { space?: HouseSpace }

/** A stretch of copy to check: its source text, where it starts, and what it is. */
interface Segment {
  text: string;
  base: number; // offset of text[0] in the normalized file text
  spaces: boolean; // report spaces between Chinese characters (not in headlines, where a space separates phrases)
  dateline: boolean; // the dateline field: spaces inside its parentheses separate names
  quotes: boolean; // ASCII quotes can be rewritten (not inside a quoted YAML scalar, where they are syntax)
  keep?: [number, number][]; // stretches of text that are not copy to correct (code spans, HTML, link addresses), offsets in text
  traditional?: boolean; // the article's front matter sets it for Taiwan or Hong Kong (lang:): its quotes are 「」『』
}

/** The Chinese quotes for ASCII " and ': “ ” ‘ ’ on the mainland, 「」『』 in Taiwan and Hong Kong. */
const chineseQuotes = (traditional: boolean | undefined) =>
  (traditional ? [['"', '「', '」'], ["'", '『', '』']] : [['"', '“', '”'], ["'", '‘', '’']]) as [string, string, string][];

/** The article's front matter names a Traditional locale (lang: zh-Hant-TW or zh-Hant-HK). */
const traditionalCopy = (yaml: string | undefined): boolean => /^lang:[ \t]*["']?zh-Hant-(TW|HK)["']?[ \t]*(#.*)?$/m.test(yaml ?? '');

// code point ranges rather than \p{Script=Han}: the lint looks at every character several times
const isHan = (c: string): boolean => {
  const cp = c.codePointAt(0) ?? 0;
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) || cp === 0x3007 || cp === 0x3005;
};
const isCjkPunct = (c: string): boolean => {
  const cp = c.codePointAt(0) ?? 0;
  return (cp >= 0x3000 && cp <= 0x303f && cp !== 0x3007 && cp !== 0x3005) || (cp >= 0xff01 && cp <= 0xff65 && !(cp >= 0xff10 && cp <= 0xff19) &&
    !(cp >= 0xff21 && cp <= 0xff3a) && !(cp >= 0xff41 && cp <= 0xff5a)) || '“”‘’…—·'.includes(c || '\u0000');
};
const isChinese = (c: string): boolean => isHan(c) || isCjkPunct(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isSpace = (c: string): boolean => c === ' ' || c === '\u3000' || c === '\u00a0' || c === '\t';
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
/** Small form variants (U+FE50…), from old GB fonts and OCR, for the marks they stand for. */
const SMALL: Record<string, string> = { '﹐': '，', '﹑': '、', '﹔': '；', '﹕': '：', '﹖': '？', '﹗': '！', '﹙': '（', '﹚': '）', '﹝': '〔', '﹞': '〕' };
/** A dateline ending in one of these runs into the copy without a space (as the layout sets it). */
const CLOSER = /[）)】〕］\]」』”’》〉]$/;
// Format controls and control characters pasted from web pages and word processors; ZWJ stays (emoji sequences)
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** All findings for an article's text (BOM and CRLF allowed); nothing when its front matter is unclosed. */
export function lintCopy(file: string, raw: string, style: CopyStyle = {}): CopyFinding[] {
  const text = normalizeText(raw);
  const { yaml, bodyStart } = splitFrontMatter(text);
  if (yaml === undefined && /^---[ \t]*\n/.test(text)) return []; // the loader reports it; the YAML is not copy
  const segments = [...(yaml !== undefined ? frontMatterSegments(file, yaml, text.indexOf('\n') + 1) : []), ...bodySegments(text, bodyStart)];
  const lines = lineStarts(text);
  const halfDigits = /[0-9]/.test(text.slice(bodyStart));
  if (traditionalCopy(yaml)) for (const seg of segments) seg.traditional = true;
  const out: CopyFinding[] = [];
  for (const seg of segments) {
    for (const f of lintSegment(seg, halfDigits, style.space ?? 'either')) {
      const { line, col } = position(lines, f.at);
      out.push({ diagnostic: diag('warning', f.code, f.message, { file, line, col, hint: f.hint }), fixes: f.fixes, kind: COPY_RULES[f.code]! });
    }
  }
  return out.sort((a, b) => a.diagnostic.line! - b.diagnostic.line! || a.diagnostic.col! - b.diagnostic.col!);
}

/** The copy warnings of an article file, for the build; unreadable files are the loader's to report. */
export function lintFile(file: string): Diagnostic[] {
  const { text } = readText(file, 'article');
  return text === undefined ? [] : lintCopy(file, text).map((f) => f.diagnostic);
}

/**
 * Applies every fix that keeps the meaning, re-linting until nothing more can be fixed (a
 * half-width comma fixed can reveal a doubled one); suggestions stay for a person. The file keeps its own form: BOM and line ends are untouched. A fix that
 * would change what the article is — deleting an invisible character before "1." or ">" at a
 * line start makes a list or a quote; before "*" in front matter, an alias — is left for a person.
 */
export function fixCopy(file: string, raw: string, style: CopyStyle = {}): { text: string; fixed: number; remaining: CopyFinding[] } {
  let text = raw;
  let fixed = 0;
  let findings = lintCopy(file, text, style);
  for (let round = 0; round < 5; round++) {
    const fixes = findings.filter((f) => f.kind === 'keeps-meaning').flatMap((f) => f.fixes).sort((a, b) => a.from - b.from);
    if (!fixes.length) break;
    const before = shape(text);
    let r = applyFixes(text, fixes);
    if (shape(r.text) !== before) {
      // only a fix at the start of a line or in the front matter can change the structure
      const norm = normalizeText(text);
      const fmEnd = splitFrontMatter(norm).bodyStart;
      const risky = (f: CopyFix) => f.from < fmEnd || /^[ \t]*$/.test(norm.slice(norm.lastIndexOf('\n', f.from - 1) + 1, f.from));
      const safe = fixes.filter((f) => !risky(f) || shape(applyFixes(text, [f]).text) === before);
      r = applyFixes(text, safe);
      if (shape(r.text) !== before) r = applyFixes(text, fixes.filter((f) => !risky(f)));
      if (shape(r.text) !== before) break;
    }
    if (!r.applied) break;
    text = r.text;
    fixed += r.applied;
    findings = lintCopy(file, text, style);
  }
  return { text, fixed, remaining: findings };
}

function applyFixes(text: string, fixes: readonly CopyFix[]): { text: string; applied: number } {
  const norm = normalizeText(text);
  const raws = rawOffsets(text);
  let next = '', at = 0, normAt = 0, applied = 0;
  for (const f of fixes) {
    // overlapping fixes wait for the next round; a fix never joins or splits lines
    if (f.from < normAt || norm.slice(f.from, f.to).includes('\n')) continue;
    const from = raws[f.from]!, to = raws[f.to]!;
    // emptying a line between a lone CR and a LF would make them one line end
    if (!f.text && text[from - 1] === '\r' && text[to] === '\n') continue;
    next += text.slice(at, from) + f.text;
    at = to;
    normAt = f.to;
    applied++;
  }
  return { text: next + text.slice(at), applied };
}

/** What the article is made of, but not its words: the front matter's keys and kinds of value, the body's blocks. */
function shape(text: string): string {
  const norm = normalizeText(text);
  const { yaml, bodyStart } = splitFrontMatter(norm);
  let fm = 'none';
  if (yaml !== undefined) {
    const { src } = parseYaml('', yaml);
    const data = src ? yamlData(src).data : undefined;
    fm = data && typeof data === 'object' ? Object.entries(data).map(([k, v]) => `${k}:${Array.isArray(v) ? `list${v.length}` : typeof v}`).join(',') : String(data);
  }
  const blocks = parseMarkdown(norm.slice(bodyStart)).children;
  const body = blocks.map((n) => (n.type === 'heading' ? `h${n.depth}` : n.type)).join(',');
  // body text that reads as front matter without its dashes is an error of the loader's
  const first = blocks[0];
  const looksFm = yaml === undefined && first && (first.type === 'paragraph' || first.type === 'heading') && FM_LOOKALIKE.test(plainText(first));
  return `${fm}|${body}${looksFm ? '|front matter?' : ''}`;
}

/** For each offset of the normalized text, the offset in the file's own text (after its BOM; CRLF counts at its CR). */
function rawOffsets(raw: string): Int32Array {
  const map = new Int32Array(raw.length + 1);
  let n = 0;
  for (let i = raw.startsWith('\uFEFF') ? 1 : 0; i < raw.length; i++) {
    map[n++] = i;
    if (raw[i] === '\r' && raw[i + 1] === '\n') i++;
  }
  map[n] = raw.length;
  return map;
}

/** A unified diff of two versions of a file with the same number of lines, as `diff -u` prints it. */
export function unifiedDiff(file: string, before: string, after: string): string {
  const a = normalizeText(before).split('\n'), b = normalizeText(after).split('\n');
  const changed = a.map((l, i) => l !== b[i]);
  const out: string[] = [];
  const CONTEXT = 3;
  for (let i = 0; i < a.length; i++) {
    if (!changed[i]) continue;
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    // extend the hunk while the next change is within reach of its context
    for (let j = i + 1; j < a.length && j <= end + 2 * CONTEXT; j++) if (changed[j]) end = j;
    end = Math.min(a.length - 1, end + CONTEXT);
    const n = end - start + 1;
    out.push(`@@ -${start + 1},${n} +${start + 1},${n} @@`);
    for (let k = start; k <= end; k++) {
      if (changed[k]) out.push(`-${a[k]}`, `+${b[k]}`);
      else out.push(` ${a[k]}`);
    }
    i = end;
  }
  return out.length ? [`--- a/${file}`, `+++ b/${file}`, ...out].join('\n') + '\n' : '';
}

/** The values of kicker, title, deck and dateline, where they are in the file. */
function frontMatterSegments(file: string, yaml: string, base: number): Segment[] {
  const { src } = parseYaml(file, yaml);
  if (!src) return []; // the loader reports the syntax error
  const out: Segment[] = [];
  visit(src.doc, {
    Scalar(key, node, path) {
      if (key === 'key') return;
      const pair = path[2];
      const field = pair && 'key' in pair && isScalar(pair.key) ? String(pair.key.value) : '';
      if (!['kicker', 'title', 'deck', 'dateline'].includes(field) || !node.range) return;
      const seg = scalarSource(yaml, node);
      if (seg) out.push({ text: seg.text, base: base + seg.at, spaces: field === 'dateline', dateline: field === 'dateline', quotes: seg.plain });
    },
  });
  return out;
}

function scalarSource(yaml: string, node: Scalar): { text: string; at: number; plain: boolean } | undefined {
  const [start, end] = node.range!;
  if (node.type === 'PLAIN') return { text: yaml.slice(start, end), at: start, plain: true };
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { text: yaml.slice(start + 1, end - 1), at: start + 1, plain: false };
  const nl = yaml.indexOf('\n', start); // block scalar: the content starts below its | or > header
  return nl >= 0 && nl < end ? { text: yaml.slice(nl + 1, end), at: nl + 1, plain: true } : undefined;
}

/**
 * Paragraphs and subheads of the Markdown body, as source slices, with what is not prose in them:
 * code spans, HTML and editor's notes, link addresses, images.
 */
function bodySegments(text: string, bodyStart: number): Segment[] {
  const body = text.slice(bodyStart);
  const bt = bodyTree(body);
  const out: Segment[] = [];
  for (const node of bt.tree.children) {
    if (node.type !== 'paragraph' && node.type !== 'heading') continue;
    const kids = node.children;
    const start = node.type === 'heading' ? kids[0]?.position?.start.offset : node.position?.start.offset;
    const end = node.type === 'heading' ? kids[kids.length - 1]?.position?.end.offset : node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const from = bt.source(start), to = bt.source(end);
    const keep: [number, number][] = [];
    // the notes cut from it: they are in order and apart, so those after the first that ends inside it
    let lo = 0, hi = bt.notes.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (bt.notes[mid]!.to > from) hi = mid; else lo = mid + 1; }
    for (let k = lo; k < bt.notes.length && bt.notes[k]!.from < to; k++) keep.push([bt.notes[k]!.from - from, bt.notes[k]!.to - from]);
    const span = (a: number | undefined, b: number | undefined) => { if (a !== undefined && b !== undefined && b > a) keep.push([bt.source(a) - from, bt.source(b) - from]); };
    const visit = (n: Nodes): void => {
      const a = n.position?.start.offset, b = n.position?.end.offset;
      if (n.type === 'inlineCode' || n.type === 'html' || n.type === 'image' || n.type === 'imageReference') return span(a, b);
      if (n.type === 'link' || n.type === 'linkReference') {
        // an autolink is all address; otherwise the text is copy and what follows it is not
        if (a !== undefined && bt.text[a] === '<') return span(a, b);
        span(n.children.at(-1)?.position?.end.offset ?? (a === undefined ? a : a + 1), b);
      }
      if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
    };
    visit(node);
    out.push({ text: body.slice(from, to), base: bodyStart + from, spaces: node.type === 'paragraph', dateline: false, quotes: true, keep });
  }
  return out;
}

/** Addresses in copy, which a correction would break: URLs (path and query in ASCII) and e-mail addresses. */
const ADDRESS = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[\x21-\x7e]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gi;

/** Which characters of a segment are not prose: its kept stretches and the addresses in it. */
function notProse(seg: Segment): Uint8Array | undefined {
  const keep = [...(seg.keep ?? [])];
  if (/[:@]|www\./i.test(seg.text)) for (const m of seg.text.matchAll(ADDRESS)) keep.push([m.index, m.index + m[0].length]);
  if (!keep.length) return undefined;
  const mask = new Uint8Array(seg.text.length);
  for (const [a, b] of keep) mask.fill(1, Math.max(0, a), Math.min(b, mask.length));
  return mask;
}

interface Raw {
  code: string;
  at: number;
  message: string;
  hint: string;
  fixes: CopyFix[];
}

/** One character of a segment as it is set: soft line breaks (with their spaces) are gone, as in the loader. */
interface Ch {
  c: string;
  i: number; // offset in the normalized file text
  lineStart?: boolean; // first after a soft line break (a pasted paragraph indent there is the loader's SOFT_BREAK)
}

function lintSegment(seg: Segment, halfDigits: boolean, house: HouseSpace): Raw[] {
  const L: Ch[] = [];
  const t = seg.text;
  const blank = (k: number) => t[k] === ' ' || t[k] === '\t';
  const kept = notProse(seg);
  let lineStart = false;
  const push = (k: number, c: string) => {
    // a character that is not prose stands as a Latin letter: no rule starts at one, and it is never changed
    const ch = kept?.[k] ? 'x' : c;
    L.push(lineStart ? { c: ch, i: seg.base + k, lineStart } : { c: ch, i: seg.base + k });
    lineStart = false;
  };
  for (let k = 0; k < t.length; ) {
    let m = k;
    while (blank(m)) m++;
    if (t[m] === '\n') {
      for (m++; blank(m) || t[m] === '\n'; m++);
      k = m; // a soft line break and the spaces around it
      lineStart = true;
      continue;
    }
    for (; k < m; k++) push(k, t[k]!);
    if (k >= t.length) break;
    const c = String.fromCodePoint(t.codePointAt(k)!);
    push(k, c);
    k += c.length;
  }
  const at = (k: number): string => L[k]?.c ?? '';
  const out: Raw[] = [];
  const fix = (k: number, n: number, text: string): CopyFix => ({ from: L[k]!.i, to: L[k + n - 1]!.i + L[k + n - 1]!.c.length, text });
  let form: Uint8Array | undefined; // only a space needs it, and Chinese copy has few
  const houseSpace = house === 'half' ? ' ' : '\u3000';

  for (let k = 0; k < L.length; k++) {
    const c = at(k);
    if (isHan(c)) continue; // most of the copy, and no rule starts at a Chinese character
    const p = at(k - 1);

    if (',;:?!'.includes(c)) {
      let m = k + 1;
      while (at(m) === ' ') m++;
      const n = at(m);
      const chineseLeft = isChinese(p) && !/[“‘（《「『【]/.test(p);
      const right = isChinese(n) || isDigit(n) || ',;:?!"\''.includes(n); // includes n === ''
      if (((chineseLeft && right) || ((isDigit(p) || p === '%') && isHan(n))) && !(c === ':' && at(k + 1) === '/')) {
        out.push({ code: 'HALF_WIDTH_PUNCT', at: L[k]!.i, message: `half-width "${c}" in Chinese text`, hint: `use the full-width "${FULL[c]}"`, fixes: [fix(k, m - k, FULL[c]!)] });
      }
    }

    if (c === '.' && (isHan(p) || /[”’）》」』]/.test(p)) && (isHan(at(k + 1)) || at(k + 1) === '')) {
      out.push({ code: 'HALF_WIDTH_PUNCT', at: L[k]!.i, message: 'a half-width "." ends a Chinese sentence', hint: 'use "。"', fixes: [fix(k, 1, '。')] });
    }

    if (c === '—' && p !== '—' && at(k + 1) !== '—') {
      const n = at(k + 1);
      if ((isHan(p) || /[”’）》」』]/.test(p) || k === 0) && (isHan(n) || /[“‘（《「『]/.test(n)) && !(k === 0 && !isHan(n))) {
        out.push({ code: 'SINGLE_DASH', at: L[k]!.i, message: 'a single "—" between Chinese characters', hint: 'the dash (破折号) is two: "——"; a range between numbers (2023—2024年) keeps one', fixes: [fix(k, 1, '——')] });
      }
    }

    if ('，。、；：'.includes(c) && c === at(k + 1) && c !== p) {
      let m = k + 1;
      while (at(m) === c) m++;
      const to = c === '。' && m - k >= 3 ? '……' : c;
      out.push({ code: 'DOUBLED_PUNCT', at: L[k]!.i, message: `"${c.repeat(m - k)}": a mark repeated`, hint: to === '……' ? 'an ellipsis is "……"' : `one "${c}" is enough`, fixes: [fix(k, m - k, to)] });
    } else if ('，、；：。？！'.includes(c) && at(k + 1) !== '' && '，、；：。'.includes(at(k + 1)) && c !== at(k + 1)) {
      out.push({ code: 'DOUBLED_PUNCT', at: L[k]!.i, message: `"${c}${at(k + 1)}": two marks where one belongs`, hint: 'keep the one the sentence needs', fixes: [] });
    }

    if (isSpace(c) && !isSpace(p) && seg.spaces && !L[k]!.lineStart) {
      let m = k;
      while (isSpace(at(m))) m++;
      if ((form ??= formSpaces(seg))[L[k]!.i - seg.base]) {
        const run = L.slice(k, m).map((x) => x.c).join('');
        if (at(m) && !(run.length === 1 && (house === 'either' ? run === ' ' || run === '\u3000' : run === houseSpace))) {
          const name = run === '\t' ? 'a tab' : run.length > 1 ? `${run.length} spaces` : run === '\u00a0' ? 'a no-break space' : run === ' ' ? 'a half-width space' : 'a full-width space';
          out.push({ code: 'DATELINE_SPACE', at: L[k]!.i, message: `${name} between "${p}" and "${at(m)}" in a dateline or byline`, hint: `the space after a dateline and between names is part of the form: one ${houseSpace === ' ' ? 'half-width' : 'full-width'} space`, fixes: [fix(k, m - k, houseSpace)] });
        }
      } else if (isChinese(p) && isChinese(at(m))) {
        out.push({ code: 'STRAY_SPACE', at: L[k]!.i, message: `a space between "${p}" and "${at(m)}"`, hint: 'Chinese text has no spaces between characters; the composer spaces the line', fixes: [fix(k, m - k, '')] });
      }
    }

    if (c === '…' && p !== '…' && at(k + 1) !== '…' && (isChinese(p) || isChinese(at(k + 1)))) {
      out.push({ code: 'ELLIPSIS', at: L[k]!.i, message: 'a single "…" in Chinese text', hint: 'the ellipsis (省略号) is two: "……"', fixes: [fix(k, 1, '……')] });
    } else if (c === '.' && p !== '.' && at(k + 1) === '.' && at(k + 2) === '.') {
      let m = k;
      while (at(m) === '.') m++;
      if (isChinese(p) || isChinese(at(m))) out.push({ code: 'ELLIPSIS', at: L[k]!.i, message: `"${'.'.repeat(m - k)}" in Chinese text`, hint: 'the ellipsis (省略号) is "……"', fixes: [fix(k, m - k, '……')] });
    }

    if (SMALL[c]) {
      out.push({ code: 'SMALL_FORM_PUNCT', at: L[k]!.i, message: `the small form "${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`, hint: `use "${SMALL[c]}"`, fixes: [fix(k, 1, SMALL[c]!)] });
    }

    if (c >= '０' && c <= '９' && !/[０-９．]/.test(p)) {
      let m = k;
      while (/[０-９]/.test(at(m)) || (at(m) === '．' && /[０-９]/.test(at(m + 1)))) m++;
      const run = L.slice(k, m).map((x) => x.c).join('');
      const half = run.replace(/[０-９．]/g, (d) => (d === '．' ? '.' : String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
      out.push({ code: 'FULL_WIDTH_DIGITS', at: L[k]!.i, message: `full-width digits "${run}"${halfDigits ? ' beside half-width ones elsewhere in the article' : ''}`, hint: `numbers take half-width digits: "${half}"`, fixes: [fix(k, m - k, half)] });
    }

    if ((c < ' ' || c >= '\u007f') && INVISIBLE.test(c) && c !== '\t' && c !== '\u200d') {
      const name = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      out.push({ code: 'INVISIBLE_CHAR', at: L[k]!.i, message: `an invisible character ${name}`, hint: 'it usually comes with pasted copy; delete it', fixes: [fix(k, 1, '')] });
    } else if (c === '\uFFFD') {
      out.push({ code: 'REPLACEMENT_CHAR', at: L[k]!.i, message: 'a replacement character "�": characters were lost when the copy was converted', hint: 'retype the missing characters from the original', fixes: [] });
    }
  }
  // most copy has neither ASCII parentheses nor quotes: a scan of the text is cheaper than one of L
  if (/[()]/.test(t)) out.push(...parens(L, at, fix));
  if (seg.quotes && /["']/.test(t)) out.push(...quotes(L, at, fix, chineseQuotes(seg.traditional)));
  return out;
}

/**
 * Which characters of a segment (offsets in its text) are spaces of a dateline's or byline's form:
 * the space after a dateline that opens it (新华社北京12月8日电　…) and between the names in its
 * parentheses or after 讯/电 (（记者胡嫚嫚 通讯员胡云飞）), or between the names of a byline
 * (本报记者 张三 李四). In the `dateline:` field, any parentheses name people.
 */
function formSpaces(seg: Segment): Uint8Array {
  const t = seg.text;
  const mask = new Uint8Array(t.length);
  const mark = (from: number, to: number) => { for (let k = from; k < to; k++) if (isSpace(t[k]!)) mask[k] = 1; };
  if (isByline(t)) {
    mark(0, t.length);
    return mask;
  }
  const d = leadingDateline(t);
  if (d && !CLOSER.test(d.text)) mark(d.end, d.body);
  let depth = 0, names = false, open = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t[k]!;
    if (c === '（' || c === '(') {
      if (depth++ === 0) {
        let j = k - 1;
        while (j >= 0 && isSpace(t[j]!)) j--;
        names = seg.dateline || /[讯訊电電]/.test(t[j] ?? '') || k === d?.names?.[0];
        open = k;
      }
    } else if ((c === '）' || c === ')') && depth > 0 && --depth === 0 && names) mark(open, k);
  }
  return mask;
}

/**
 * Half-width parentheses around or beside Chinese text, fixed in pairs: 桥水基金 (Bridgewater
 * Associates) 和, 比分(7/5)。 — a neighbour is looked for past spaces, which go with the fix.
 */
function parens(L: Ch[], at: (k: number) => string, fix: (k: number, n: number, t: string) => CopyFix): Raw[] {
  const out: Raw[] = [];
  const stack: number[] = [];
  const pairs: [number, number][] = [];
  const single: number[] = [];
  for (let k = 0; k < L.length; k++) {
    if (L[k]!.c === '(') stack.push(k);
    else if (L[k]!.c === ')') {
      const o = stack.pop();
      if (o === undefined) single.push(k);
      else pairs.push([o, k]);
    }
  }
  single.push(...stack);
  const before = (k: number) => { let j = k - 1; while (isSpace(at(j))) j--; return j; };
  const after = (k: number) => { let j = k + 1; while (isSpace(at(j))) j++; return j; };
  const chineseBefore = (c: string) => isHan(c) || /[，。、；：？！”’）》」』]/.test(c);
  const chineseAfter = (c: string) => isHan(c) || /[，。、；：？！（“‘《「『]/.test(c);
  for (const [o, cl] of pairs) {
    if (at(o - 1) === ']') continue; // a Markdown link's (url)
    const b = before(o), a = after(cl);
    if (!(chineseBefore(at(b)) || chineseAfter(at(a)) || hasHan(L, o + 1, cl))) continue;
    // the spaces between a Chinese neighbour and the parenthesis go: （ ） carry their own blank
    const open = chineseBefore(at(b)) && b >= 0 ? fix(b + 1, o - b, '（') : fix(o, 1, '（');
    const close = chineseAfter(at(a)) && a < L.length ? fix(cl, a - cl, '）') : fix(cl, 1, '）');
    out.push({ code: 'HALF_WIDTH_PUNCT', at: L[o]!.i, message: 'half-width "( )" in Chinese text', hint: 'use the full-width "（）"', fixes: [open, close] });
  }
  for (const k of single) {
    if (isHan(at(k - 1)) || isHan(at(k + 1))) out.push({ code: 'HALF_WIDTH_PUNCT', at: L[k]!.i, message: `half-width "${L[k]!.c}" in Chinese text`, hint: `use the full-width "${FULL[L[k]!.c]}"`, fixes: [fix(k, 1, FULL[L[k]!.c]!)] });
  }
  return out;
}

/** ASCII quotes in Chinese text: paired in order, “ ” and ‘ ’ (「」 and 『』 in Traditional copy); an odd one out can only be reported. */
function quotes(L: Ch[], at: (k: number) => string, fix: (k: number, n: number, t: string) => CopyFix, pairs: [string, string, string][]): Raw[] {
  const out: Raw[] = [];
  const latin = (c: string) => /[A-Za-z0-9]/.test(c);
  for (const [q, open, close] of pairs) {
    // an apostrophe inside a Latin word (it's) is not a quote
    const ks: number[] = [];
    for (let k = 0; k < L.length; k++) if (L[k]!.c === q && !(q === "'" && latin(at(k - 1)) && latin(at(k + 1)))) ks.push(k);
    const chinese = (k: number) => isChinese(at(k - 1)) || isChinese(at(k + 1));
    if (ks.length % 2) {
      const [[, o1, c1], [, o2, c2]] = pairs as [[string, string, string], [string, string, string]];
      for (const k of ks.filter(chinese)) out.push({ code: 'ASCII_QUOTES', at: L[k]!.i, message: `an unpaired ASCII quote ${q} in Chinese text`, hint: `use ${o1} ${c1} (or ${o2} ${c2} inside them), and close what you open`, fixes: [] });
      continue;
    }
    for (let j = 0; j < ks.length; j += 2) {
      const [a, b] = [ks[j]!, ks[j + 1]!];
      if (chinese(a) || chinese(b) || hasHan(L, a + 1, b)) {
        out.push({ code: 'ASCII_QUOTES', at: L[a]!.i, message: `ASCII quotes ${q}…${q} in Chinese text`, hint: `use the Chinese quotes ${open}…${close}`, fixes: [fix(a, 1, open), fix(b, 1, close)] });
      }
    }
  }
  return out;
}

function hasHan(L: Ch[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isHan(L[k]!.c)) return true;
  return false;
}
