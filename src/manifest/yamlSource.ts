/**
 * YAML files with source positions: parse errors and schema errors become diagnostics that point
 * at the exact file:line:col of the offending key or value.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic } from '../diagnostic.ts';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Reads and parses one YAML file; a missing file or a syntax error is a diagnostic. */
export function readYaml(file: string, what: string, from?: Diagnostic | undefined): { src?: YamlSource; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { diagnostics: [missingFile(file, what, from)] };
  }
  return parseYaml(file, text);
}

export function parseYaml(file: string, text: string): { src?: YamlSource; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const diagnostics = doc.errors.map((e) => {
    const at = lines.linePos(e.pos[0]);
    return diag('error', 'YAML_SYNTAX', e.message.split('\n')[0]!, {
      file, line: at.line, col: at.col,
      hint: e.code === 'BAD_INDENT' || e.code === 'MISSING_CHAR' ? 'check the indentation: nested keys need more spaces than their parent, and siblings the same' : undefined,
    });
  });
  return diagnostics.length ? { diagnostics } : { src: { file, doc, lines }, diagnostics };
}

/** A diagnostic for a file named in a manifest that does not exist, pointing at where it was named. */
export function missingFile(file: string, what: string, from?: Diagnostic): Diagnostic {
  return diag('error', 'MISSING_FILE', `${what} not found: ${file}`, {
    ...(from ?? { file }),
    hint: 'check the path; relative paths are resolved from the folder of the manifest that names them',
  });
}

/** Position of the node at `path` (or its nearest existing parent), for diagnostics. */
export function posAt(src: YamlSource, path: readonly PropertyKey[], key = false): Diagnostic {
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
  return diag('error', '', '', { file: src.file, line: at.line, col: at.col });
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
          ...posAt(src, [...path, k], true), code: 'UNKNOWN_KEY',
          message: `unknown key "${k}" in ${kind}${path.length ? ` at ${path.join('.')}` : ''}`,
          hint: near ? `did you mean "${near}"?` : known.length ? `allowed keys: ${known.join(', ')}` : undefined,
        } as Diagnostic);
      }
      continue;
    }
    const where = path.length ? ` at ${path.join('.')}` : '';
    const missing = issue.code === 'invalid_type' && !src.doc.hasIn(path);
    out.push({
      ...posAt(src, path), code: missing ? 'MISSING_KEY' : 'BAD_VALUE',
      message: missing ? `${kind} needs "${String(path[path.length - 1])}"${path.length > 1 ? ` at ${path.slice(0, -1).join('.')}` : ''}` : `${issue.message}${where}`,
    } as Diagnostic);
  }
  return out.map((d) => (d.hint === undefined ? (delete d.hint, d) : d));
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
