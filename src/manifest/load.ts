/**
 * load: edition/page YAML → EditionSpec. Validates every file against the schema, resolves
 * units and paths, and reports each problem at its file:line:col.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { diag, DiagnosticError, type Diagnostic } from '../diagnostic.ts';
import { EditionSchema, HouseSchema, PageSchema, type HouseInput } from './schema.ts';
import type { BlockSpec, EditionSpec, HouseStyle, PageSpec, Style } from './types.ts';
import { toPt } from './units.ts';
import { missingFile, posAt, readYaml, schemaDiagnostics, type YamlSource } from './yamlSource.ts';

/** The banmian package root: default fonts.yaml and the sample edition live here. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function validate<S extends z.ZodType>(src: YamlSource, schema: S, kind: string): z.output<S> {
  const r = schema.safeParse(src.doc.toJS({ maxAliasCount: 100 }));
  if (!r.success) throw new DiagnosticError(schemaDiagnostics(src, r.error, kind, schema));
  return r.data;
}

function read(file: string, what: string, from?: Diagnostic): YamlSource {
  const { src, diagnostics } = readYaml(file, what, from);
  if (!src) throw new DiagnosticError(diagnostics);
  return src;
}

const WEIGHTS: Record<string, number> = { light: 300, regular: 400, medium: 500, bold: 700, heavy: 900 };

export function loadHouse(file: string, from?: Diagnostic): HouseStyle {
  const src = read(file, 'house style', from);
  const h: HouseInput = validate(src, HouseSchema, 'house style');
  const bodyName = (src.doc.getIn(['grid', 'body']) as string | undefined) ?? 'body';
  const rawBody = h.styles[bodyName];
  if (!rawBody) throw new DiagnosticError([{ ...posAt(src, ['grid', 'body']), code: 'UNKNOWN_STYLE', message: `grid.body names style "${bodyName}", which is not in styles` }]);
  const bodySize = rawBody.size ? toPt(rawBody.size, {}) : 9;
  const styles: Record<string, Style> = {};
  for (const [name, s] of Object.entries(h.styles)) styles[name] = resolveStyle(src, ['styles', name], name, s, bodySize);
  const fontsFile = h.fonts ? resolve(dirname(file), h.fonts) : join(PACKAGE_ROOT, 'fonts/fonts.yaml');
  const [w, hgt] = h.page.size;
  const m = h.page.margins;
  return {
    file,
    fontsFile,
    page: {
      width: toPt(w, {}), height: toPt(hgt, {}),
      margins: { top: toPt(m.top, {}), bottom: toPt(m.bottom, {}), left: toPt(m.left, {}), right: toPt(m.right, {}) },
      bleed: h.page.bleed ? toPt(h.page.bleed, {}) : 0,
    },
    grid: { columns: h.grid.columns, ...(h.grid.chars !== undefined ? { chars: h.grid.chars } : {}), gutter: h.grid.gutter?.value ?? 1 },
    body: styles[bodyName]!,
    styles,
    indent: h.composition?.indent?.value ?? 2,
  };
}

type StyleInput = HouseInput['styles'][string];

/** A style from the YAML, over `base` when it overrides one (per-block headline styles). */
function resolveStyle(src: YamlSource, path: PropertyKey[], name: string, s: StyleInput, bodySize: number, base?: Style): Style {
  const size = s.size ? toPt(s.size, { zw: bodySize }) : (base?.size ?? bodySize);
  const style: Style = {
    name,
    family: s.font ?? base?.family ?? 'song',
    weight: typeof s.weight === 'string' ? WEIGHTS[s.weight]! : (s.weight ?? base?.weight ?? 400),
    size,
    pitch: s.pitch ? toPt(s.pitch, { zw: bodySize, em: size }) : base && !s.size ? base.pitch : size * 1.25,
    align: s.align ?? base?.align ?? 'left',
  };
  if (style.size <= 0 || style.pitch < style.size * 0.8) {
    throw new DiagnosticError([{ ...posAt(src, path), code: 'BAD_VALUE', message: `style "${name}": size must be positive and pitch at least 0.8 of the size`, hint: 'pitch is baseline to baseline, e.g. 1.5em' }]);
  }
  return style;
}

/** The project root holds `layouts/` and `content/`; an edition lives in layouts/<name>/. */
function contentDir(editionFile: string): string {
  const dir = dirname(editionFile);
  const layouts = dirname(dir);
  return basename(layouts) === 'layouts' ? join(dirname(layouts), 'content', basename(dir)) : dir;
}

export function loadPage(file: string, storyDir: string, house: HouseStyle, from?: Diagnostic): PageSpec {
  const src = read(file, 'page manifest', from);
  const p = validate(src, PageSchema, 'page');
  const seen = new Map<string, number>();
  const errors: Diagnostic[] = [];
  const blocks: BlockSpec[] = p.blocks.map((b, i) => {
    const at = posAt(src, ['blocks', i]);
    const storyAt = { ...posAt(src, ['blocks', i, 'story']), code: '', message: '' };
    if (seen.has(b.id)) errors.push({ ...posAt(src, ['blocks', i, 'id']), code: 'DUPLICATE_BLOCK', message: `block id "${b.id}" is used twice on this page` });
    seen.set(b.id, i);
    const storyFile = b.story.endsWith('.md') ? resolve(dirname(file), b.story) : join(storyDir, `${b.story}.md`);
    if (!existsSync(storyFile)) errors.push(missingFile(storyFile, `story "${b.story}"`, storyAt));
    return {
      id: b.id, at, story: { id: b.story.endsWith('.md') ? basename(b.story, '.md') : b.story, file: storyFile },
      col: b.col, cols: b.cols, line: b.line, lines: b.lines, columns: b.columns ?? b.cols, balance: b.balance ?? false,
      headline: {
        place: 'top', ...(b.headline?.lines !== undefined ? { lines: b.headline.lines } : {}),
        styles: Object.fromEntries((['kicker', 'title', 'deck'] as const).filter((k) => b.headline?.[k]).map((k) => {
          const base = house.styles[k] ?? house.body;
          return [k, resolveStyle(src, ['blocks', i, 'headline', k], k, b.headline![k]!, house.body.size, base)];
        })),
      },
    };
  });
  if (errors.length) throw new DiagnosticError(errors);
  return { file, number: p.number, ...(p.section !== undefined ? { section: p.section } : {}), blocks };
}

export function loadEdition(file: string): EditionSpec {
  file = resolve(file);
  const src = read(file, 'edition manifest');
  const e = validate(src, EditionSchema, 'edition');
  const house = loadHouse(resolve(dirname(file), e.house), { ...posAt(src, ['house']), code: '', message: '' });
  const storyDir = contentDir(file);
  const errors: Diagnostic[] = [];
  const pages: PageSpec[] = [];
  e.pages.forEach((p, i) => {
    try {
      pages.push(loadPage(resolve(dirname(file), p), storyDir, house, { ...posAt(src, ['pages', i]), code: '', message: '' }));
    } catch (err) {
      if (err instanceof DiagnosticError) errors.push(...err.diagnostics);
      else throw err;
    }
  });
  const numbers = new Set<number>();
  for (const p of pages) {
    if (numbers.has(p.number)) errors.push(diag('error', 'DUPLICATE_PAGE', `page number ${p.number} appears twice in the edition`, { file: p.file }));
    numbers.add(p.number);
  }
  if (errors.length) throw new DiagnosticError(errors);
  return { file, name: basename(dirname(file)), paper: e.paper, date: e.date, house, pages };
}

/**
 * A file named on the command line: an edition (has `pages:`), or one page, which is built
 * within the edition of its folder that lists it.
 */
export function loadTarget(file: string): EditionSpec {
  file = resolve(file);
  const src = read(file, 'manifest');
  if (src.doc.has('pages')) return loadEdition(file);
  const editionFile = join(dirname(file), 'edition.yaml');
  if (!existsSync(editionFile)) {
    throw new DiagnosticError([diag('error', 'NO_EDITION', `page ${basename(file)} has no edition.yaml beside it`, { file, line: 1, col: 1, hint: 'a page is built within its edition (paper, date, house style); add an edition.yaml listing it' })]);
  }
  const ed = loadEdition(editionFile);
  const pages = ed.pages.filter((p) => p.file === file);
  if (!pages.length) throw new DiagnosticError([diag('error', 'PAGE_NOT_IN_EDITION', `${basename(file)} is not listed in ${editionFile}`, { file: editionFile, line: 1, col: 1, hint: 'add it to the edition\'s pages:' })]);
  return { ...ed, pages };
}
