/**
 * YAML files with source positions: parse errors and schema errors become diagnostics that point
 * at the exact file:line:col of the offending key or value.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic, type SourcePos } from '../diagnostic.ts';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Reads and parses one YAML file; a missing file or a syntax error is a diagnostic. */
export function readYaml(file: string, what: string, from?: SourcePos | undefined): { src?: YamlSource; diagnostics: Diagnostic[] } {
  const { text, diagnostics } = readText(file, what, from);
  return text === undefined ? { diagnostics } : parseYaml(file, text);
}

/**
 * Reads a user's text file. A missing file, a folder, an unreadable file or bytes that are not
 * UTF-8 are diagnostics (at `from`, where a manifest names the file, or in the file itself).
 */
export function readText(file: string, what: string, from?: SourcePos): { text?: string; diagnostics: Diagnostic[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const at = from ?? { file };
    if (code === 'EISDIR') return { diagnostics: [diag('error', 'NOT_A_FILE', `${what} ${file} is a folder, not a file`, { ...at, hint: 'name the file inside it' })] };
    if (code === 'EACCES' || code === 'EPERM') return { diagnostics: [diag('error', 'UNREADABLE_FILE', `cannot read ${what} ${file}: permission denied`, { ...at, hint: 'give yourself read permission (chmod u+r), or copy the file' })] };
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ERR_INVALID_ARG_VALUE' || code === 'ENAMETOOLONG') return { diagnostics: [missingFile(file, what, from)] };
    return { diagnostics: [diag('error', 'UNREADABLE_FILE', `cannot read ${what} ${file}: ${(e as Error).message}`, at)] };
  }
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

export function parseYaml(file: string, text: string): { src?: YamlSource; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  // logLevel error: the parser would print its warnings to stderr itself; the schema reports what matters
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  // the first syntax error only: the parser's later ones are mostly its confusion after it
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]).slice(0, 1);
  const diagnostics = first.map((e) => {
    const at = lines.linePos(e.pos[0]);
    const deep = /call stack/i.test(e.message); // the parser gave up on absurd nesting
    return diag('error', 'YAML_SYNTAX', deep ? 'the YAML is nested too deeply to read' : e.message.split('\n')[0]!, {
      file, line: at.line, col: at.col,
      hint: deep ? 'a manifest needs a few levels of nesting; check for runaway brackets' : syntaxHint(e.code, e.message, text.split('\n')[at.line - 1] ?? ''),
    });
  });
  return diagnostics.length ? { diagnostics } : { src: { file, doc, lines }, diagnostics };
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
  try {
    return { data: src.doc.toJS({ maxAliasCount: 100 }), diagnostics: [] };
  } catch (e) {
    const bomb = /alias count/.test((e as Error).message);
    let offset = 0;
    visit(src.doc, { Alias(_, node) { offset = node.range?.[0] ?? 0; return visit.BREAK; } });
    const at = src.lines.linePos(offset);
    return {
      diagnostics: [diag('error', 'YAML_ALIAS', bomb ? 'the YAML expands its aliases (*name) into too many copies' : `cannot resolve a YAML alias: ${(e as Error).message}`, {
        file: src.file, line: at.line, col: at.col,
        hint: bomb ? 'write the values out; manifests do not need anchors (&name) and aliases (*name)' : 'a value that starts with * or & needs quotes: title: \'*…\'',
      })],
    };
  }
}

/** A diagnostic for a file named in a manifest that does not exist, pointing at where it was named. */
export function missingFile(file: string, what: string, from?: SourcePos): Diagnostic {
  return diag('error', 'MISSING_FILE', `${what} not found: ${file}`, {
    ...(from ?? { file }),
    hint: 'check the path; relative paths are resolved from the folder of the manifest that names them',
  });
}

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
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const known = knownKeys(schema, path);
        // a typo usually stands for a key that is missing, not for one already there
        const near = nearest(k, known.filter((x) => !src.doc.hasIn([...path, x]))) ?? nearest(k, known);
        out.push({
          ...posAt(src, [...path, k], true), severity: 'error', code: 'UNKNOWN_KEY',
          message: `unknown key "${k}" in ${kind}${path.length ? ` at ${path.join('.')}` : ''}`,
          hint: near ? `did you mean "${near}"?` : known.length ? `allowed keys: ${known.join(', ')}` : undefined,
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
      hint: typeHint(issue.code === 'invalid_type' ? issue.expected : '', value),
    } as Diagnostic);
  }
  return out.map((d) => (d.hint === undefined ? (delete d.hint, d) : d));
}

const EXPECTED: Record<string, string> = {
  boolean: 'true or false', number: 'a number', string: 'text', array: 'a list', object: 'a mapping of keys to values',
  date: 'a date', tuple: 'a list',
};

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

/** The keys a strict object in the schema allows at `path`, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const seg of [...path, null]) {
    // unwrap optional/default/pipe wrappers until an object, array or record shows
    for (let i = 0; i < 8; i++) {
      const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return [];
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') s = def.innerType;
      else if (def.type === 'pipe') s = def.in;
      else break;
    }
    const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
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
