/**
 * YAML files with source positions: parse errors and schema errors become diagnostics that point
 * at the exact file:line:col of the offending key or value.
 */
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { INPUT_LIMITS, megabytes, readInput } from '../inputFile.ts';
import { tooLong } from './limits.ts';

export { missingFile } from '../inputFile.ts';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Reads and parses one YAML file; a missing file or a syntax error is a diagnostic. */
export function readYaml(file: string, what: string, from?: SourcePos | undefined): { src?: YamlSource; diagnostics: Diagnostic[] } {
  const { text, diagnostics } = readText(file, what, from, 'yaml');
  return text === undefined ? { diagnostics } : parseYaml(file, text);
}

/**
 * Reads a user's text file, an article unless `kind` says YAML. A missing file, a folder, a
 * device, an unreadable or too large file (inputFile.ts) or bytes that are not UTF-8 are
 * diagnostics (at `from`, where a manifest names the file, or in the file itself).
 */
export function readText(file: string, what: string, from?: SourcePos, kind: 'article' | 'yaml' = 'article'): { text?: string; diagnostics: Diagnostic[] } {
  const { bytes, diagnostics } = readInput(file, kind, what, from);
  if (!bytes) return { diagnostics };
  try {
    return { text: utf8.decode(bytes), diagnostics: [] };
  } catch {
    return { diagnostics: [notUtf8(file, what, bytes)] };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Where the first byte that is not UTF-8 is, and what the file probably is instead (GBK from Windows). */
function notUtf8(file: string, what: string, bytes: Buffer): Diagnostic {
  const bad = firstInvalidUtf8(bytes);
  const before = bytes.subarray(0, bad);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  const line = before.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
  const col = new TextDecoder().decode(before.subarray(lineStart)).length + 1;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const encoding = utf16 ? 'UTF-16' : looksLikeGbk(bytes) ? 'GBK (GB2312/GB18030)' : undefined;
  return diag('error', 'NOT_UTF8', `${what} is not UTF-8 text: byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} cannot start or continue a UTF-8 character${encoding ? `; the file looks like ${encoding}` : ''}`, {
    file, line, col,
    hint: `save it as UTF-8 (the editor's "Save with Encoding"), or convert it: iconv -f ${utf16 ? 'UTF-16' : 'GB18030'} -t UTF-8 IN > OUT`,
  });
}

function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // overlong forms and UTF-16 surrogates (ED A0..BF) are not UTF-8 either
    if ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! >= 0xa0) || (c === 0xf0 && b[i + 1]! < 0x90) || (c === 0xf4 && b[i + 1]! >= 0x90)) return i;
    i += n + 1;
  }
  return 0;
}

function looksLikeGbk(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return (text.match(/\p{Script=Han}/gu)?.length ?? 0) > 0;
  } catch {
    return false;
  }
}

export function parseYaml(file: string, raw: string): { src?: YamlSource; diagnostics: Diagnostic[] } {
  // a lone CR (old Mac line ends) is a line break to YAML 1.2 but not to the parser; offsets stay the same
  const text = raw.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
  const lines = new LineCounter();
  // front matter has no file limit of its own: the parser takes seconds a megabyte
  if (text.length > INPUT_LIMITS.yaml) {
    return { diagnostics: [diag('error', 'FILE_TOO_LARGE', `the YAML is ${megabytes(text.length)}, more than the ${megabytes(INPUT_LIMITS.yaml)} banmian reads`, { file, line: 1, col: 1, hint: 'front matter and manifests are a few KB: check for a missing closing --- or pasted data' })] };
  }
  const deep = nestedTooDeep(text);
  if (deep !== undefined) {
    for (let i = text.indexOf('\n'); i >= 0 && i < deep; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    return { diagnostics: [tooDeep(file, lines.linePos(deep))] };
  }
  // logLevel error: the parser would print its warnings to stderr itself; the schema reports what matters.
  // Its own check for duplicate keys compares each key with all before it: duplicateKey() instead
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  // the first syntax error only: the parser's later ones are mostly its confusion after it
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]).slice(0, 1);
  if (!first.length) {
    const twice = duplicateKey(doc);
    if (twice) {
      const [at, was] = [lines.linePos(twice.at), lines.linePos(twice.first)];
      return {
        diagnostics: [diag('error', 'YAML_SYNTAX', `key "${twice.key.length > 40 ? `${twice.key.slice(0, 40)}…` : twice.key}" is given twice in one mapping (first on line ${was.line})`, {
          file, line: at.line, col: at.col, hint: 'keep one of them; if the second belongs to another item, check its indentation or the "- " before it',
        })],
      };
    }
  }
  const diagnostics = first.map((e) => {
    const at = lines.linePos(e.pos[0]);
    const line = text.slice(lines.lineStarts[at.line - 1] ?? 0, lines.lineStarts[at.line] ?? text.length);
    if (/call stack/i.test(e.message)) return tooDeep(file, at); // what the scan above missed
    return diag('error', 'YAML_SYNTAX', e.message.split('\n')[0]!, { file, line: at.line, col: at.col, hint: syntaxHint(e.code, e.message, line) });
  });
  return diagnostics.length ? { diagnostics } : { src: { file, doc, lines }, diagnostics };
}

/** The first key given twice in one mapping (a scalar key, as the parser's own check compares them), and where. */
function duplicateKey(doc: Document.Parsed): { key: string; at: number; first: number } | undefined {
  let found: { key: string; at: number; first: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const { key } of map.items) {
        if (!isScalar(key) || key.value === '<<') continue;
        const at = key.range?.[0] ?? 0, first = seen.get(key.value);
        if (first === undefined) { seen.set(key.value, at); continue; }
        found = { key: String(key.value), at, first };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const tooDeep = (file: string, at: { line: number; col: number }) => diag('error', 'YAML_SYNTAX', 'the YAML is nested too deeply to read', {
  file, line: at.line, col: at.col, hint: 'a manifest needs a few levels of nesting; check for runaway brackets or indentation',
});

/**
 * Nesting that would run the parser out of stack (it recurses once or more per level, and a
 * stack overflow inside it can take the whole process down): the offset where flow brackets
 * outside quotes and comments, or the indentation and "- " before a line's content, pass a depth
 * no manifest comes near. Quotes are followed loosely: an apostrophe in plain text only hides
 * brackets from the count, and the parser sees the file anyway.
 */
const MAX_DEPTH = 200;

function nestedTooDeep(text: string): number | undefined {
  let depth = 0, quote = '', lineStart = true, lead = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') { lineStart = true; lead = 0; continue; }
    if (lineStart) {
      if (c === ' ' || ((c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\n'))) {
        if (++lead > MAX_DEPTH) return i;
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[{,:]/.test(text[i - 1]!)) quote = c; // a quote starts a scalar only there
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** What usually causes a YAML error where a person typed it: a full-width colon, a value that needs quotes, a tab. */
function syntaxHint(code: string, message: string, line: string): string | undefined {
  if (/^\s*[^\s:：#]+：/.test(line)) return 'the colon after a key is the ASCII ":" followed by a space, not the full-width "："';
  if (code === 'TAB_AS_INDENT') return 'indent with spaces; YAML does not allow tabs';
  if (/compact mappings|reserved character/.test(message)) return 'a value with ": " or " #" in it, or starting with [ { * & ! | > % @ `, needs quotes: title: \'…\'';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'check the indentation: nested keys need more spaces than their parent, and siblings the same';
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return 'write key: value with a space after the colon; check this line and the one above for a missing colon or quote';
  return undefined;
}

/**
 * The document as plain data. Aliases are expanded with a budget (a "billion laughs" file would
 * otherwise take all memory) and an alias without its anchor is a diagnostic, not an exception.
 */
export function yamlData(src: YamlSource): { data?: unknown; diagnostics: Diagnostic[] } {
  // the parser counts each alias's copies by walking what it stands for, again for every alias:
  // thousands of aliases take minutes before the budget below stops them
  let aliases = 0, tooMany = -1;
  visit(src.doc, { Alias(_, node) { if (++aliases > MAX_ALIASES) { tooMany = node.range?.[0] ?? 0; return visit.BREAK; } return undefined; } });
  try {
    if (tooMany >= 0) throw new Error('alias count');
    return { data: src.doc.toJS({ maxAliasCount: MAX_ALIASES }), diagnostics: [] };
  } catch (e) {
    const bomb = /alias count/.test((e as Error).message);
    let offset = tooMany;
    if (offset < 0) visit(src.doc, { Alias(_, node) { offset = node.range?.[0] ?? 0; return visit.BREAK; } });
    const at = src.lines.linePos(offset);
    return {
      diagnostics: [diag('error', 'YAML_ALIAS', bomb ? 'the YAML expands its aliases (*name) into too many copies' : `cannot resolve a YAML alias: ${(e as Error).message}`, {
        file: src.file, line: at.line, col: at.col,
        hint: bomb ? 'write the values out; manifests do not need anchors (&name) and aliases (*name)' : 'a value that starts with * or & needs quotes: title: \'*…\'',
      })],
    };
  }
}

const MAX_ALIASES = 100;

/** Position of the node at `path` (or its nearest existing parent), for diagnostics. */
export function posAt(src: YamlSource, path: readonly PropertyKey[], key = false): SourcePos {
  let node: unknown = src.doc.contents;
  let best = node as Node | null;
  for (const seg of path) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const coll = node as { items: unknown[] };
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      node = key && seg === path[path.length - 1] ? pair.key : pair.value;
    } else {
      node = coll.items[Number(seg)];
    }
    if (node && typeof node === 'object' && 'range' in node) best = node as Node;
  }
  const offset = best?.range?.[0] ?? 0;
  const at = src.lines.linePos(offset);
  return { file: src.file, line: at.line, col: at.col };
}

/** Turns zod issues into diagnostics at the offending YAML node. */
export function schemaDiagnostics(src: YamlSource, error: z.ZodError, kind: string, schema: z.ZodType): Diagnostic[] {
  const out: Diagnostic[] = [];
  // each is looked up in the document: a file of thousands of wrong keys gets the first ones and a count
  const all = error.issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);
  for (const issue of error.issues) {
    if (out.length >= MAX_SCHEMA_DIAGNOSTICS) break;
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys.slice(0, MAX_SCHEMA_DIAGNOSTICS - out.length)) {
        const known = knownKeys(schema, path);
        // a typo usually stands for a key that is missing, not for one already there
        const near = nearest(k, known.filter((x) => !src.doc.hasIn([...path, x]))) ?? nearest(k, known);
        out.push({
          ...posAt(src, [...path, k], true), severity: 'error', code: 'UNKNOWN_KEY',
          message: `unknown key "${k}" in ${kind}${path.length ? ` at ${path.join('.')}` : ''}`,
          // the nearest first, then every key allowed at that place (a guess can hide the one meant)
          hint: known.length ? `${near ? `did you mean "${near}"? ` : ''}allowed here: ${known.join(', ')}` : undefined,
        } as Diagnostic);
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && !src.doc.hasIn(path);
    if (missing) {
      out.push({ ...posAt(src, path), severity: 'error', code: 'MISSING_KEY', message: `${kind} needs "${String(path[path.length - 1])}"${path.length > 1 ? ` in ${label(src, path.slice(0, -1))}` : ''}` } as Diagnostic);
      continue;
    }
    const value = src.doc.getIn(path);
    if (issue.code === 'too_big' && issue.origin === 'string') {
      const key = [...path].reverse().find((p) => typeof p === 'string') ?? kind; // jump-title.2 → jump-title
      const { message, hint } = tooLong(String(key), typeof value === 'string' ? value.length : Number(issue.maximum) + 1, Number(issue.maximum));
      out.push({ ...posAt(src, path), severity: 'error', code: 'TEXT_TOO_LONG', message, hint } as Diagnostic);
      continue;
    }
    // zod's own wording ("Invalid input: expected boolean, received string") is for programmers
    const generic = issue.code === 'invalid_type' || /^Invalid (input|option)/.test(issue.message);
    const name = path.length ? String(path[path.length - 1]) : kind;
    const expected = issue.code === 'invalid_type' ? EXPECTED[issue.expected] ?? issue.expected
      : issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : 'something else';
    const message = generic && !/must|needs/.test(issue.message) ? `${name} must be ${expected}, not ${describe(value)}` : issue.message;
    const context = message.startsWith(name) ? path.slice(0, -1) : path;
    out.push({
      ...posAt(src, path), severity: 'error', code: 'BAD_VALUE',
      message: context.length ? `${message} (${label(src, context)})` : message,
      hint: typeHint(issue.code === 'invalid_type' ? issue.expected : '', value) ?? valueHint(issue, name, value),
    } as Diagnostic);
  }
  if (all > out.length) {
    out.push(diag('error', out.at(-1)!.code, `${all - out.length} more problems of the ${kind} like these are not listed`, { file: src.file, hint: 'fix the ones above first: one cause often makes many' }));
  }
  return out.map((d) => (d.hint === undefined ? (delete d.hint, d) : d));
}

const MAX_SCHEMA_DIAGNOSTICS = 50;

const EXPECTED: Record<string, string> = {
  boolean: 'true or false', number: 'a number', string: 'text', array: 'a list', object: 'a mapping of keys to values',
  record: 'a mapping of keys to values', date: 'a date', tuple: 'a list',
};

const LENGTH = 'a length is a number and its unit, no space between: 10.5pt, 3.7mm, 15Q, 2zw (characters of the body type), or a 字号: 小五, 三号';

/** What a key means and how it is written, for a value of it that is wrong. */
const KEY_HINTS: Record<string, string> = {
  col: 'col is the grid column the block starts in, counted from 1 at the left',
  cols: 'cols is how many grid columns it spans, 1 or more',
  line: 'line is the grid line it starts on, counted from 1 at the top',
  lines: 'lines is how many grid lines it takes, 1 or more',
  columns: 'columns is how many text columns the block sets, 1 or more',
  number: 'the page number, a whole number without quotes: number: 2',
  date: 'the edition\'s day as year-month-day: date: 2024-12-06',
  id: 'an id is ASCII letters, digits, - and _ only: finance, lead-2',
  story: 'a bare article name in content/<edition>/ (finance), or a path ending in .md',
  size: LENGTH, pitch: `baseline to baseline, in em of the style's size (1.5em) or ${LENGTH.slice(2)}`,
  indent: 'in characters of the body type: indent: 2zw', gutter: 'in characters of the body type: gutter: 1zw',
  bleed: LENGTH, top: LENGTH, bottom: LENGTH, left: LENGTH, right: LENGTH, weight: 'a weight is 100–900 in hundreds, or light, regular, medium, bold, heavy',
  focus: '[x, y]: fractions 0–1 of the picture\'s width and height from its top left, e.g. [0.5, 0.3]',
  fit: 'fit: auto lets copyfitting make the story fit its block; fit: none sets it as it is',
  credits: 'a mapping of roles to names: credits: { 责任编辑: 张三 }',
  colour: 'a process colour [c, m, y, k] in per cent, e.g. [0, 100, 100, 0], or the name of an ink in print.spot',
};

/** A hint for a wrong value the type alone does not explain: the nearest allowed word, or what the key means. */
function valueHint(issue: z.core.$ZodIssue, name: string, value: unknown): string | undefined {
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    const near = nearest(value, issue.values.map(String));
    if (near) return `did you mean "${near}"?`;
  }
  if (issue.code === 'invalid_format' && typeof value === 'string' && name === 'id') {
    const fixed = value.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
    if (fixed) return `an id is ASCII letters, digits, - and _ only: ${fixed}`;
  }
  return KEY_HINTS[name] ?? (/length|unit/.test(issue.message) ? LENGTH
    : issue.code === 'invalid_value' ? `write one of the words listed, spelled as shown: ${name}: ${String(issue.values[0])}` : undefined);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return isMap(v) ? 'a mapping' : 'items' in v ? 'a list' : 'a value';
  return String(v);
}

function typeHint(expected: string, value: unknown): string | undefined {
  if (typeof value === 'string' && expected === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return 'write the number without quotes';
  if (typeof value === 'string' && expected === 'boolean') return 'write true or false, without quotes (yes/no are text in YAML 1.2)';
  if (expected === 'array') return 'a list is [a, b] on one line, or one "- item" per line';
  if (expected === 'object') return 'write "key: value" lines, indented under the parent key';
  if (expected === 'string' && value && typeof value === 'object') return 'write the text on one line, in quotes if it has ": " or starts with [ or {';
  return undefined;
}

/** A readable path: `block "finance" → headline → title` instead of `blocks.0.headline.title`. */
function label(src: YamlSource, path: readonly PropertyKey[]): string {
  let parts: string[] = [];
  path.forEach((seg, i) => {
    if (typeof seg !== 'number') { parts.push(String(seg)); return; }
    const parent = parts.pop();
    const id = src.doc.getIn([...path.slice(0, i + 1), 'id']);
    // a block (or a package's item, or a photo) is named by its id alone, wherever it sits
    if (typeof id === 'string' && id) parts = [`${parent === 'photos' ? 'photo' : 'block'} "${id}"`];
    else parts.push(`${parent ?? 'item'}[${seg + 1}]`);
  });
  return parts.join(' → ');
}

/** The keys a strict object in the schema allows at `path`, for "did you mean" hints and the list of allowed keys. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const seg of [...path, null]) {
    // unwrap optional/default/pipe wrappers until an object, array or record shows; of a union
    // (box: true | { padding }) the member that is an object
    for (let i = 0; i < 8; i++) {
      const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return [];
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') s = def.innerType;
      else if (def.type === 'pipe') s = def.in;
      else if (def.type === 'union') s = (def.options as { _zod: { def: { type: string } } }[]).find((o) => o._zod.def.type === 'object') ?? {};
      else break;
    }
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (seg === null) return def.type === 'object' ? Object.keys(def.shape as object) : [];
    if (def.type === 'object') s = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return [];
    if (!s) return [];
  }
  return [];
}

/** The closest key by edit distance, if it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
