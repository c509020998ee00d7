/**
 * `npm run docs`: the manifest reference (docs/manifest.md) and the JSON Schemas (schema/*.schema.json)
 * made from the zod schemas banmian validates with and the descriptions registered for their keys
 * (src/manifest/keyDoc.ts). test/docs/generated.test.ts fails when the files in the repository are
 * not what this makes. The schemas describe what a file may hold as it is written (zod's input
 * side: `12mm`, `五号`, `1.5em` as strings), in JSON Schema draft-07, which every YAML language
 * server reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FrontMatter } from '../src/content/story.ts';
import { FontsSchema } from '../src/fonts/registry.ts';
import { KEY_DOCS } from '../src/manifest/keyDoc.ts';
import { EditionSchema, HouseSchema, PageSchema } from '../src/manifest/schema.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Kind {
  schema: z.ZodType;
  file: string; // in schema/
  title: string;
  what: string; // the files it describes
  intro: string;
  line?: string; // the yaml-language-server line, from layouts/<edition>/
}

export const KINDS: Kind[] = [
  {
    schema: HouseSchema, file: 'house.schema.json', title: 'house style', what: '`layouts/house.yaml`',
    intro: 'The paper\'s look, shared by its editions: the trim, margins and bleed, the character grid, the text styles, the composition settings, what the printer gets, rules, photos and the folio line.',
    line: '# yaml-language-server: $schema=../schema/house.schema.json',
  },
  {
    schema: EditionSchema, file: 'edition.schema.json', title: 'edition', what: '`layouts/<edition>/edition.yaml`',
    intro: 'One day\'s paper: its name and date, the house style, the page files. Its articles are in `content/<edition>/`.',
    line: '# yaml-language-server: $schema=../../schema/edition.schema.json',
  },
  {
    schema: PageSchema, file: 'page.schema.json', title: 'page', what: '`layouts/<edition>/pNN.yaml`',
    intro: 'One page: its number and section, and its blocks (stories), photos and masthead, each a rectangle of the grid (`col`, `cols`, `line`, `lines`; `banmian grid` prints the grid and where each block sits).',
    line: '# yaml-language-server: $schema=../../schema/page.schema.json',
  },
  {
    schema: FontsSchema, file: 'fonts.schema.json', title: 'fonts', what: '`fonts/fonts.yaml` (or the file the house style\'s `fonts:` names)',
    intro: 'The font families the styles name, a file per weight, and the families that supply characters a family lacks.',
    line: '# yaml-language-server: $schema=../schema/fonts.schema.json',
  },
  {
    schema: FrontMatter, file: 'front-matter.schema.json', title: 'article front matter', what: 'the YAML between the `---` lines at the top of `content/<edition>/<id>.md`',
    intro: 'The headline decks and the dateline of an article; the body below it is Markdown (paragraphs and `## ` subheads).',
  },
];

/** Keys zod copies from the metadata that are for the reference only, not JSON Schema keywords. */
const DOC_ONLY = ['units', 'codes'];

type Json = { [k: string]: unknown };

/** The JSON Schema of the file kind, with the descriptions, defaults and examples (and, for the reference, units and codes). */
function jsonSchema(k: Kind): Json {
  return z.toJSONSchema(k.schema, {
    io: 'input', target: 'draft-7', unrepresentable: 'any', metadata: KEY_DOCS,
    override: (ctx) => {
      // a YAML date is read as text (YAML 1.2); banmian takes one parsed as a date too
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === 'date') ctx.jsonSchema.type = 'string';
      // zod drops these on the input side of a transform (a length): they are written as the input is
      const meta = KEY_DOCS.get(ctx.zodSchema);
      if (meta && 'default' in meta) ctx.jsonSchema.default = meta.default;
      if (Array.isArray(meta?.examples)) ctx.jsonSchema.examples = meta.examples as unknown[];
    },
  }) as Json;
}

/** zod's integer bound and alternatives that say nothing (string or string), and the reference-only keys, out. */
function tidy(node: unknown, docOnly: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => tidy(n, docOnly));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'maximum' && v === Number.MAX_SAFE_INTEGER) continue;
    if (docOnly && DOC_ONLY.includes(k)) continue;
    // a default is often words (the body size), which an editor would insert: the description says it
    if (docOnly && k === 'default') continue;
    if (docOnly && k === 'description' && (node as Json).default !== undefined) {
      out[k] = `${v as string}. If left out: ${typeof (node as Json).default === 'string' ? (node as Json).default as string : JSON.stringify((node as Json).default)}`;
      continue;
    }
    // property names are not keywords: a key named like one stays
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, tidy(s, docOnly)])) : tidy(v, docOnly);
  }
  if (Array.isArray(out.anyOf)) {
    const seen = [...new Map((out.anyOf as unknown[]).map((o) => [JSON.stringify(o), o])).values()];
    if (seen.length === 1) {
      delete out.anyOf;
      Object.assign(out, seen[0] as Json);
    } else out.anyOf = seen;
  }
  return out;
}

/** Every generated file: path from the repository root → content. */
export function generatedDocs(): Map<string, string> {
  const files = new Map<string, string>();
  const sections: string[] = [];
  for (const k of KINDS) {
    const full = tidy(jsonSchema(k), false) as Json;
    const schema = { ...(tidy(full, true) as Json) };
    delete schema.$schema;
    files.set(`schema/${k.file}`, `${JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#', $id: `https://banmian.invalid/schema/${k.file}`,
      title: `banmian ${k.title}`, description: `${k.intro} Generated from banmian's schema by npm run docs; see docs/manifest.md.`, ...schema,
    }, null, 2)}\n`);
    sections.push(section(k, full));
  }
  files.set('docs/manifest.md', reference(sections));
  return files;
}

function reference(sections: string[]): string {
  return `<!-- generated by npm run docs (scripts/gen-docs.ts) from the zod schemas; edit the descriptions there -->
# Manifest reference

Every key of banmian's YAML files, made from the schema banmian checks them with. For each: its
type and units, what banmian takes when it is left out, an example, and the diagnostics it can
raise besides the ones every key can: \`UNKNOWN_KEY\` (a key that is not here, with the keys
allowed at that place), \`MISSING_KEY\` (a required key left out), \`BAD_VALUE\` (a value of the wrong
type or out of range) and \`TEXT_TOO_LONG\` (a text over its limit). [diagnostics.md](diagnostics.md)
explains each code.

**Lengths** are a number and its unit, no space between: \`pt\`, \`mm\`, \`Q\` (0.25 mm), \`zw\` (one
character of the body type), \`em\` (the style's own size, for a pitch); a bare number is points.
Where points are allowed, so are the 字号 names: 初号 42 pt, 小初 36, 一号 26, 小一 24, 二号 22,
小二 18, 三号 16, 小三 15, 四号 14, 小四 12, 五号 10.5, 小五 9, 六号 7.5, 小六 6.5, 七号 5.5,
八号 5 (\`五\` for \`五号\` too).

**In the editor.** The JSON Schemas in [\`schema/\`](../schema/) let an editor with the YAML
language server (VS Code's YAML extension by Red Hat, Neovim's yamlls, Zed, JetBrains IDEs)
complete and check keys as you type: start the file with the line given below for each kind (the
sample and demo files carry it). The schemas check each file on its own; what depends on other
files (a story that does not exist, a block off the grid, a font family fonts.yaml lacks) only
\`banmian check\` finds.

**Key paths.** \`a.b\` is key \`b\` inside mapping \`a\`; \`a[]\` an item of list \`a\`; \`<name>\` a
name of your own.

${sections.join('\n')}`;
}

function section(k: Kind, schema: Json): string {
  const rows: string[] = [];
  const seen: { path: string; props: Record<string, string> }[] = [];
  walk(schema, '', rows, seen, true);
  const line = k.line ? `\nFirst line, for the editor: \`${k.line}\`\n` : '';
  return `## ${k.title[0]!.toUpperCase()}${k.title.slice(1)}: ${k.what}

${k.intro}
${line}
JSON Schema: [\`schema/${k.file}\`](../schema/${k.file})

| key | type | if left out | what it is | diagnostics |
|---|---|---|---|---|
${rows.join('\n')}
`;
}

/** A table row per key, depth first; an object met before (a style, a block) points at its first place. */
function walk(node: Json, path: string, rows: string[], seen: { path: string; props: Record<string, string> }[], required: boolean, own = true): void {
  if (path && own) rows.push(row(node, path, required));
  const items = (node.type === 'array' && node.items && !Array.isArray(node.items) ? node.items : undefined) as Json | undefined;
  if (items) {
    // a list's items have no row of their own: the list's row says what they are
    if (objectOf(items)) walk(items, `${path}[]`, rows, seen, true, false);
    return;
  }
  const obj = objectOf(node);
  if (!obj) return;
  const props = (obj.properties ?? {}) as Record<string, Json>;
  const sig = Object.fromEntries(Object.entries(props).map(([p, s]) => [p, JSON.stringify(s)]));
  const names = Object.keys(sig);
  // the keys of an object already listed (every key of this one the same there): a pointer, not the rows again
  const before = names.length > 2 && seen.find((s) => names.every((n) => s.props[n] === sig[n]));
  if (before) {
    const missing = Object.keys(before.props).filter((n) => !(n in sig));
    rows.push(`| \`${path}.*\` | | | the keys of \`${before.path}\`${missing.length ? `, but not ${missing.map((m) => `\`${m}\``).join(', ')}` : ''} | |`);
    return;
  }
  if (names.length) seen.push({ path, props: sig });
  const req = new Set((obj.required ?? []) as string[]);
  for (const [name, sub] of Object.entries(props)) walk(sub, path ? `${path}.${name}` : name, rows, seen, req.has(name));
  const values = obj.additionalProperties as Json | boolean | undefined;
  if (values && typeof values === 'object' && objectOf(values)) walk(values, `${path}.<name>`, rows, seen, false);
}

/** The mapping a key holds (itself, or the mapping among its alternatives: box is true or { padding }). */
function objectOf(node: Json): Json | undefined {
  if (node.type === 'object' && (node.properties || (node.additionalProperties && typeof node.additionalProperties === 'object'))) return node;
  if (node.type === 'array' && node.items && !Array.isArray(node.items)) return undefined;
  return (node.anyOf as Json[] | undefined)?.map(objectOf).find(Boolean);
}

const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v).replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ': ')}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(node: Json, path: string, required: boolean): string {
  const examples = (node.examples as unknown[] | undefined) ?? [];
  const what = `${node.description ?? ''}${examples.length ? `${node.description ? '. ' : ''}e.g. ${examples.map(code).join(', ')}` : ''}`;
  // a default in words (the body size) reads as words; a value as code
  const left = required ? '**required**' : typeof node.default === 'string' && /\s/.test(node.default) ? node.default : node.default !== undefined ? code(node.default) : '';
  const codes = ((node.codes as string[] | undefined) ?? []).map((c) => `[\`${c}\`](diagnostics.md)`).join(' ');
  return `| \`${path}\` | ${cell(typeText(node))} | ${cell(left)} | ${cell(what)} | ${codes} |`;
}

/** The type of a value in words. */
function typeText(n: Json): string {
  if (n.units) {
    const units = n.units as string[];
    return `length: ${units.join(', ')}${units.includes('pt') ? ', 字号' : ''}${n.minimum === 0 ? ', 0 or more' : ''}`;
  }
  if (n.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date YYYY-MM-DD';
  if (n.anyOf) return (n.anyOf as Json[]).map(typeText).join(' or ');
  if (n.const !== undefined) return code(n.const);
  if (n.enum) return (n.enum as unknown[]).map(code).join(', ');
  const t = n.type as string | string[] | undefined;
  if (t === 'integer') {
    const min = n.exclusiveMinimum !== undefined ? (n.exclusiveMinimum as number) + 1 : n.minimum as number | undefined;
    return `whole number${min !== undefined && n.maximum !== undefined ? ` ${min}–${n.maximum as number}` : min !== undefined ? ` ≥ ${min}` : ''}`;
  }
  if (t === 'number') return `number${n.minimum !== undefined && n.maximum !== undefined ? ` ${n.minimum as number}–${n.maximum as number}` : ''}`;
  if (t === 'boolean') return '`true`, `false`';
  if (t === 'string') {
    if (n.pattern === '^[A-Za-z0-9_-]+$') return 'ASCII letters, digits, `-`, `_`';
    return `text${n.maxLength !== undefined ? ` (≤ ${(n.maxLength as number).toLocaleString('en')} characters)` : ''}`;
  }
  if (t === 'array') {
    if (Array.isArray(n.items)) return `[${(n.items as Json[]).map(typeText).join(', ')}]`;
    return `list of ${n.items ? typeText(n.items as Json) : 'values'}`;
  }
  if (t === 'object') {
    if (n.properties) return 'mapping';
    if (n.additionalProperties && typeof n.additionalProperties === 'object') {
      const names = n.propertyNames as Json | undefined;
      return `mapping: ${names?.pattern === '^[1-9]00$' ? 'weight 100–900' : names?.enum ? (names.enum as string[]).join(', ') : 'name'} → ${typeText(n.additionalProperties as Json)}`;
    }
    return 'mapping';
  }
  if (Array.isArray(t)) return t.join(' or ');
  return 'any value';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [rel, text] of generatedDocs()) {
    mkdirSync(dirname(join(ROOT, rel)), { recursive: true });
    writeFileSync(join(ROOT, rel), text);
    process.stdout.write(`wrote ${rel}\n`);
  }
}
