/**
 * load: edition/page YAML → EditionSpec. Validates every file against the schema, resolves
 * units and paths, and reports each problem at its file:line:col.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { diag, DiagnosticError, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { checkInput } from '../inputFile.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { CompositionSchema, EditionSchema, HouseSchema, PageSchema, type HouseInput } from './schema.ts';
import type { BlockComposition, BlockSpec, EditionSpec, HouseStyle, PageSpec, PrintSettings, Style } from './types.ts';
import { colourProblem, resolvePrint } from './print.ts';
import { resolveBlockFurniture, resolveHouseFurniture, resolveMasthead, resolvePageFurniture } from './furniture.ts';
import { DEFAULT_LANG, GB_DEFAULTS, JUMP_WORDING, type Lang } from '../types.ts';
import { MM, toPt } from './units.ts';
import { columnChars, spanChars } from '../layout/geometry.ts';
import { missingFile, nearest, parseYaml, posAt, readYaml, schemaDiagnostics, yamlData, type YamlSource } from './yamlSource.ts';


function validate<S extends z.ZodType>(src: YamlSource, schema: S, kind: string): z.output<S> {
  const { data, diagnostics } = yamlData(src);
  if (diagnostics.length) throw new DiagnosticError(diagnostics);
  const r = schema.safeParse(data);
  if (!r.success) throw new DiagnosticError(schemaDiagnostics(src, r.error, kind, schema));
  return r.data;
}

/** The YAML of `file`, or `text` as that file's when given. */
function read(file: string, what: string, from?: SourcePos, text?: string): YamlSource {
  const { src, diagnostics } = text === undefined ? readYaml(file, what, from) : parseYaml(file, text);
  if (!src) throw new DiagnosticError(diagnostics);
  return src;
}

const WEIGHTS: Record<string, number> = { light: 300, regular: 400, medium: 500, bold: 700, heavy: 900 };

/** The house style of `file`; `lang`: the edition's locale, over the house's `lang:`. */
export function loadHouse(file: string, from?: SourcePos, lang?: Lang): HouseStyle {
  const src = read(file, 'house style', from);
  const h: HouseInput = validate(src, HouseSchema, 'house style');
  const bodyName = (src.doc.getIn(['grid', 'body']) as string | undefined) ?? 'body';
  const rawBody = h.styles[bodyName];
  if (!rawBody) throw new DiagnosticError([{ ...posAt(src, ['grid', 'body']), severity: 'error', code: 'UNKNOWN_STYLE', message: `grid.body names style "${bodyName}", which is not in styles` }]);
  const bodySize = rawBody.size ? toPt(rawBody.size, {}) : 9;
  const print = resolvePrint(h.print);
  const styles: Record<string, Style> = {};
  for (const [name, s] of Object.entries(h.styles)) styles[name] = resolveStyle(src, ['styles', name], name, s, bodySize, print);
  const fontsFile = h.fonts ? resolve(dirname(file), h.fonts) : join(PACKAGE_ROOT, 'fonts/fonts.yaml');
  const [w, hgt] = h.page.size;
  const m = h.page.margins;
  const house: HouseStyle = {
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
    composition: resolveComposition(h.composition, { ...GB_DEFAULTS, widows: true, fitTracking: 0.03 }),
    jump: { digits: h.jump?.digits ?? 'arabic', place: h.jump?.place ?? 'own-line', ...JUMP_WORDING[lang ??= h.lang ?? DEFAULT_LANG], ...h.jump?.to !== undefined ? { to: h.jump.to } : {}, ...h.jump?.from !== undefined ? { from: h.jump.from } : {} },
    lang,
    writing: h.writing ?? 'horizontal',
    headlineCondense: h['headline-condense'] ?? 0.85,
    print,
    furniture: resolveHouseFurniture(src, h, print),
  };
  const bad = geometryProblems(src, house);
  if (bad.length) throw new DiagnosticError(bad);
  return house;
}

/** PDF viewers and RIPs refuse pages over 200 inches (14,400 pt) a side. */
const MAX_PAGE = 14400;

/**
 * A page whose margins, grid or gutters leave no room for text would lay out nothing, or text
 * outside the page; each is reported at the key to change.
 */
function geometryProblems(src: YamlSource, house: HouseStyle): Diagnostic[] {
  const { width, height, margins, bleed } = house.page;
  const at = (path: PropertyKey[], message: string, hint: string): Diagnostic => ({ ...posAt(src, path), severity: 'error', code: 'BAD_GEOMETRY', message, hint });
  const mm = (pt: number) => `${(pt / MM).toFixed(1)} mm`;
  if (!(width > 0 && height > 0 && width <= MAX_PAGE && height <= MAX_PAGE)) {
    return [at(['page', 'size'], `the page size ${mm(width)} × ${mm(height)} is not a printable page`, 'give width and height, each above 0 and at most 5080 mm (200 in)')];
  }
  const out: Diagnostic[] = [];
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    if (margins[side] < 0) out.push(at(['page', 'margins', side], `the ${side} margin is negative (${mm(margins[side])})`, 'margins are distances from the trim inwards: 0 or more'));
  }
  if (!(bleed >= 0 && bleed <= 50 * MM)) out.push(at(['page', 'bleed'], `a bleed of ${mm(bleed)} is not one`, 'bleed is how far artwork runs past the trim: 0–50 mm, usually 3mm'));
  if (house.grid.gutter < 0) out.push(at(['grid', 'gutter'], 'the gutter is negative', 'the gutter between columns is 0zw or more, usually 1zw'));
  if (out.length) return out;
  const em = house.body.size;
  const typeW = width - margins.left - margins.right, typeH = height - margins.top - margins.bottom;
  if (typeW < em || typeH < em) {
    return [at(['page', 'margins'], `the margins leave a type area of ${mm(typeW)} × ${mm(typeH)}, too small for one ${house.body.size} pt character`, 'make the margins smaller or the page larger')];
  }
  const { columns, gutter } = house.grid;
  const chars = columnChars(house);
  const need = spanChars(chars, gutter, columns) * em;
  if (chars < 1 || need > typeW + 1e-6) {
    return [at(['grid', house.grid.chars !== undefined ? 'chars' : 'columns'], `${columns} columns of ${Math.max(chars, 1)} characters with ${gutter}-character gutters need ${mm(Math.max(need, columns * em))}, but the type area is ${mm(typeW)} wide`, 'use fewer columns or characters per column, a smaller body size, or narrower margins')];
  }
  return [];
}

type StyleInput = HouseInput['styles'][string];

function resolveComposition(c: z.output<typeof CompositionSchema> | undefined, base: BlockComposition): BlockComposition {
  if (!c) return base;
  return {
    punctuation: c.punctuation ?? base.punctuation,
    kinsoku: c.kinsoku ?? base.kinsoku,
    cjkLatin: c['cjk-latin'] ?? base.cjkLatin,
    hanging: c.hanging ?? base.hanging,
    indent: c.indent?.value ?? base.indent,
    tracking: base.tracking,
    widows: c.widows ?? base.widows,
    fitTracking: c['fit-tracking']?.value ?? base.fitTracking,
  };
}

/**
 * Type sizes from below 八号 (5 pt) to far beyond any headline (初号 is 42 pt): outside them a
 * page would have tens of thousands of grid lines, or arithmetic beyond sense.
 */
const MIN_TYPE = 2, MAX_TYPE = 2000;

/** A style from the YAML, over `base` when it overrides one (per-block headline styles). */
function resolveStyle(src: YamlSource, path: PropertyKey[], name: string, s: StyleInput, bodySize: number, print: PrintSettings, base?: Style): Style {
  const size = s.size ? toPt(s.size, { zw: bodySize }) : (base?.size ?? bodySize);
  const style: Style = {
    name,
    family: s.font ?? base?.family ?? 'song',
    weight: typeof s.weight === 'string' ? WEIGHTS[s.weight]! : (s.weight ?? base?.weight ?? 400),
    size,
    pitch: s.pitch ? toPt(s.pitch, { zw: bodySize, em: size }) : base && !s.size ? base.pitch : size * 1.25,
    align: s.align ?? base?.align ?? 'left',
    colour: s.colour ?? base?.colour,
  };
  const at = s.font === undefined && base?.at ? base.at : posAt(src, s.font !== undefined ? [...path, 'font'] : path);
  style.at = { file: at.file, line: at.line, col: at.col };
  const bad = style.colour && colourProblem(style.colour, print);
  if (bad) throw new DiagnosticError([{ ...posAt(src, [...path, 'colour']), severity: 'error', code: 'UNKNOWN_INK', message: `style "${name}": ${bad.message}`, hint: bad.hint }]);
  // negated comparisons, so that NaN (a body size given in zw, which is the body size) fails too
  if (!(style.size >= MIN_TYPE && style.size <= MAX_TYPE) || !(style.pitch >= style.size * 0.8 && style.pitch <= MAX_TYPE * 4)) {
    throw new DiagnosticError([{ ...posAt(src, path), severity: 'error', code: 'BAD_VALUE', message: `style "${name}": size must be ${MIN_TYPE}–${MAX_TYPE} pt, and pitch at least 0.8 of the size`, hint: 'pitch is baseline to baseline, e.g. 1.5em; the body style\'s size cannot be in zw, which is the body size' }]);
  }
  return style;
}

type BlockInput = z.output<typeof PageSchema>['blocks'][number];

/** A block's own body style: a house style by name, or the house body style changed; none when it is the house body style. */
function blockBody(src: YamlSource, path: PropertyKey[], body: string | StyleInput, house: HouseStyle, errors: Diagnostic[]): Style | undefined {
  if (typeof body !== 'string') return resolveStyle(src, path, 'body', body, house.body.size, house.print, house.body);
  const style = house.styles[body];
  if (!style) {
    const near = nearest(body, Object.keys(house.styles));
    errors.push({ ...posAt(src, path), severity: 'error', code: 'UNKNOWN_STYLE', message: `body names style "${body}", which is not in the house styles`, hint: near ? `did you mean "${near}"?` : `add styles.${body} to the house style (font, size, pitch), or give the style here: body: { size: 五号 }` });
    return undefined;
  }
  return style === house.body ? undefined : style;
}

/** A block starts on a grid line or under another block, one of them; lines: auto sizes a whole story, not a part of a thread. */
function placementProblems(src: YamlSource, b: Omit<BlockInput, 'package'>, path: (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (b.line === undefined && b.below === undefined) {
    out.push({ ...posAt(src, path), severity: 'error', code: 'MISSING_KEY', message: `block "${b.id}" needs line: (its first grid line) or below: (the block it starts under)`, hint: 'line: 1 starts it on the first grid line; below: ID on the first under block ID' });
  }
  if (b.line !== undefined && b.below !== undefined) {
    out.push({ ...posAt(src, [...path, 'below']), severity: 'error', code: 'BAD_VALUE', message: `block "${b.id}" has both line: and below:`, hint: 'keep one: line: a grid line, or below: the id of the block above it' });
  }
  const part = b.continues !== undefined ? 'continues another block' : b['continued-to'] !== undefined ? 'goes on to another page (continued-to:)' : '';
  if (b.lines === 'auto' && part) {
    out.push({ ...posAt(src, [...path, 'lines']), severity: 'error', code: 'THREAD_CONFLICT', message: `block "${b.id}" has lines: auto but ${part}`, hint: 'lines: auto takes the lines a whole story needs; a part of a thread breaks where its lines end: give it a number of lines' });
  }
  return out;
}

/** A package and its items are placed with numbers: the items' lines count from the package's head. */
function fixedInPackage(src: YamlSource, b: Omit<BlockInput, 'package'>, path: (string | number)[]): Diagnostic[] {
  const key = b.below !== undefined ? 'below' : b.lines === 'auto' ? 'lines' : b.line === undefined ? 'line' : undefined;
  if (!key) return [];
  return [{ ...posAt(src, [...path, key === 'line' ? 'id' : key]), severity: 'error', code: 'BAD_VALUE', message: key === 'line' ? `package block "${b.id}" needs line:` : `package block "${b.id}" has ${key === 'below' ? 'below:' : 'lines: auto'}, which a package (集纳) and its items cannot have yet`, hint: 'give a package and its items line: and a number of lines; the package as a whole may be the block another one is below' }];
}

/** below: names a block of the page, and no chain of them comes back to where it started. */
function belowProblems(blocks: readonly BlockSpec[]): Diagnostic[] {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const out: Diagnostic[] = [];
  const inCycle = new Set<string>();
  for (const b of blocks) {
    if (!b.below) continue;
    if (!byId.has(b.below.id)) {
      const near = nearest(b.below.id, [...byId.keys()].filter((id) => id !== b.id));
      out.push(diag('error', 'UNKNOWN_BLOCK', `block "${b.id}" is below block "${b.below.id}", which is not on this page`, { ...b.below.at, hint: near ? `did you mean "${near}"?` : 'below: takes the id of a block on the same page' }));
      continue;
    }
    const chain: string[] = [b.id];
    for (let a = byId.get(b.below.id); a && !inCycle.has(b.id); a = a.below && byId.get(a.below.id)) {
      if (a.id === b.id) {
        chain.forEach((id) => inCycle.add(id));
        out.push(diag('error', 'BELOW_CYCLE', chain.length > 1 ? `blocks ${chain.map((id) => `"${id}"`).join(', ')} are each below the next, in a circle` : `block "${b.id}" is below itself`, { ...b.below.at, hint: 'one block of a stack starts on a grid line: give it line: instead of below:' }));
        break;
      }
      if (chain.includes(a.id)) break; // a circle further up, reported at its own blocks
      chain.push(a.id);
    }
  }
  return out;
}

/** lines: auto on a block that another block continues: the thread would break nowhere. */
function autoThreadParts(pages: readonly PageSpec[]): Diagnostic[] {
  const continued = new Map(pages.flatMap((p) => p.blocks.flatMap((b) => (b.continues ? [[b.continues.id, b.id] as const] : []))));
  return pages.flatMap((p) => p.blocks.flatMap((b) => {
    const next = continued.get(b.id);
    return b.auto && next ? [diag('error', 'THREAD_CONFLICT', `block "${b.id}" has lines: auto but block "${next}" continues it`, { ...b.auto, hint: 'lines: auto takes the lines a whole story needs; a part of a thread breaks where its lines end: give it a number of lines' })] : [];
  }));
}

/**
 * Where an edition's articles are: the project root holds `layouts/` and `content/`, so an edition
 * in layouts/<name>/ reads content/<name>/; an edition anywhere else reads its own folder.
 * `banmian watch` watches the same folder (watch/session.ts).
 */
export function contentDir(editionFile: string): string {
  const dir = dirname(editionFile);
  const layouts = dirname(dir);
  return basename(layouts) === 'layouts' ? join(dirname(layouts), 'content', basename(dir)) : dir;
}

/** A story that is not there, with the likely fix: the nearest article name, or a bare name instead of a .md path. */
function missingStory(name: string, file: string, storyDir: string, at: SourcePos): Diagnostic {
  const d = missingFile(file, `story "${name}"`, at);
  let names: string[] = [];
  try {
    names = readdirSync(storyDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
  } catch { /* no content folder: the message says where we looked */ }
  const bare = basename(name, '.md');
  if (name.endsWith('.md') && names.includes(bare)) {
    d.hint = `write story: ${bare} — a bare name is an article in ${storyDir}; a path ending in .md is relative to this page file`;
  } else {
    const near = nearest(bare, names);
    d.hint = near ? `did you mean story: ${near}?` : `a bare story name is an article in ${storyDir}; a path ending in .md is relative to this page file`;
  }
  return d;
}

/** `text`: the manifest as `file` is to hold it (makeup loads each layout it tries without writing it). */
export function loadPage(file: string, storyDir: string, house: HouseStyle, from?: SourcePos, text?: string): PageSpec {
  const src = read(file, 'page manifest', from, text);
  const p = validate(src, PageSchema, 'page');
  const seen = new Map<string, number>();
  const errors: Diagnostic[] = [];
  const colChars = columnChars(house);
  const spec = (b: Omit<BlockInput, 'package'>, path: (string | number)[], off: { col: number; line: number }, parent?: string): BlockSpec => {
    const at = posAt(src, path);
    const storyAt = posAt(src, [...path, 'story']);
    if (seen.has(b.id)) errors.push({ ...posAt(src, [...path, 'id']), severity: 'error', code: 'DUPLICATE_BLOCK', message: `block id "${b.id}" is used twice on this page`, hint: 'give each block its own id; two blocks may set the same story' });
    seen.set(b.id, 0);
    const storyFile = b.story.endsWith('.md') ? resolve(dirname(file), b.story) : join(storyDir, `${b.story}.md`);
    // a story that is not a readable article is reported here, at story:, as a missing one is
    const story = checkInput(storyFile, 'article', `story "${b.story}"`, storyAt, () => missingStory(b.story, storyFile, storyDir, storyAt));
    if ('problem' in story) errors.push(story.problem);
    const columns = b.columns ?? b.cols;
    const chars = spanChars(colChars, house.grid.gutter, b.cols);
    const body = b.body === undefined ? undefined : blockBody(src, [...path, 'body'], b.body, house, errors);
    const perColumn = (chars - (columns - 1) * house.grid.gutter) / columns; // body characters
    if ((body ? perColumn * house.body.size / body.size : perColumn) < 1) {
      errors.push({ ...posAt(src, [...path, b.columns !== undefined ? 'columns' : 'cols']), severity: 'error', code: 'BAD_VALUE', message: `block "${b.id}" is ${chars} characters wide, too narrow for ${columns} text columns${body ? ` of ${body.size} pt` : ''}`, hint: 'use fewer text columns, or make the block wider (cols)' });
    }
    errors.push(...placementProblems(src, b, path));
    const vertical = (b.writing ?? p.writing ?? house.writing) === 'vertical';
    if (b.tiers !== undefined && !vertical) errors.push({ ...posAt(src, [...path, 'tiers']), severity: 'error', code: 'BAD_VALUE', message: `block "${b.id}" has tiers but sets its text horizontally`, hint: 'tiers (段) are for vertical text: add writing: vertical, or remove tiers' });
    return {
      id: b.id, at, story: { id: b.story.endsWith('.md') ? basename(b.story, '.md') : b.story, file: storyFile },
      col: b.col + off.col, cols: b.cols, line: (b.line ?? 0) + off.line, lines: b.lines === 'auto' ? 0 : b.lines, columns: b.columns ?? b.cols, balance: b.balance ?? false,
      ...(b.below !== undefined ? { below: { id: b.below, at: posAt(src, [...path, 'below']) } } : {}),
      ...(b.lines === 'auto' ? { auto: posAt(src, [...path, 'lines']) } : {}),
      ...(body ? { body } : {}),
      fit: b.fit === 'auto', composition: { ...resolveComposition(b.composition, house.composition), ...(vertical ? { vertical: true } : {}) },
      ...(vertical ? { vertical: { tiers: b.tiers ?? 1 } } : {}),
      ...(b.continues !== undefined ? { continues: { id: b.continues, at: posAt(src, [...path, 'continues']) } } : {}),
      ...(b['continued-from'] !== undefined ? { continuedFrom: b['continued-from'] } : {}),
      ...(b['continued-to'] !== undefined ? { continuedTo: b['continued-to'] } : {}),
      jumpTitle: (Array.isArray(b['jump-title']) ? b['jump-title'] : b['jump-title'] ? [b['jump-title']] : []).flatMap((t) => t.split('|').map((x) => x.trim()).filter(Boolean)),
      headline: {
        place: b.headline?.place ?? 'top', ...(b.headline?.lines !== undefined ? { lines: b.headline.lines } : {}),
        ...(b.headline?.width !== undefined ? { width: b.headline.width } : {}),
        ...(b.headline?.fit ? { fit: { min: toPt(b.headline.fit.min, { zw: house.body.size }), max: toPt(b.headline.fit.max, { zw: house.body.size }), condense: b.headline.fit.condense ?? house.headlineCondense } } : {}),
        styles: Object.fromEntries((['kicker', 'title', 'deck'] as const).filter((k) => b.headline?.[k]).map((k) => {
          const base = house.styles[k] ?? house.body;
          return [k, resolveStyle(src, [...path, 'headline', k], k, b.headline![k]!, house.body.size, house.print, base)];
        })),
      },
      ...(parent ? { parent } : {}),
      ...resolveBlockFurniture(src, path, { ...b, lines: b.lines === 'auto' ? Infinity : b.lines }, vertical ? { columns: b.tiers ?? 1, chars, tiers: true } : { columns, chars }, { pageFile: file, contentDir: storyDir }, house.print, errors),
    };
  };
  const blocks: BlockSpec[] = [];
  p.blocks.forEach((b, i) => {
    if (!b.package) { blocks.push(spec(b, ['blocks', i], { col: 0, line: 0 })); return; }
    const { head, items } = b.package;
    const fixed = [b, ...items].flatMap((x, j) => fixedInPackage(src, x, j ? ['blocks', i, 'package', 'items', j - 1] : ['blocks', i]));
    const { line, lines } = b;
    if (fixed.length || lines === 'auto' || line === undefined) { errors.push(...fixed); return; }
    // the package's own block is its head; the items sit below it, counted from there
    if (head >= lines) errors.push({ ...posAt(src, ['blocks', i, 'package', 'head']), severity: 'error', code: 'BAD_VALUE', message: `package "${b.id}" has ${lines} lines, no room under a head of ${head}`, hint: 'lines counts the whole package: its head and its items' });
    blocks.push({ ...spec(b, ['blocks', i], { col: 0, line: 0 }), lines: head, package: { col: b.col, cols: b.cols, line, lines } });
    items.forEach((item, j) => {
      const path = ['blocks', i, 'package', 'items', j];
      if (item.lines === 'auto' || item.line === undefined) return;
      if (item.col + item.cols - 1 > b.cols || item.line + item.lines - 1 > lines - head) {
        errors.push({ ...posAt(src, path), severity: 'error', code: 'BLOCK_OFF_PACKAGE', message: `item "${item.id}" (col ${item.col}+${item.cols}, line ${item.line}+${item.lines}) runs out of package "${b.id}", which has ${b.cols} columns and ${lines - head} lines under its head`, hint: 'an item\'s col and line count from the package\'s first column and the first line under its head' });
      }
      blocks.push(spec(item, path, { col: b.col - 1, line: line + head - 1 }, b.id));
    });
  });
  errors.push(...belowProblems(blocks));
  const furniture = resolvePageFurniture(src, p, house.furniture, new Set(seen.keys()), { pageFile: file, contentDir: storyDir }, errors);
  if (errors.length) throw new DiagnosticError(errors);
  return { file, number: p.number, ...(p.section !== undefined ? { section: p.section } : {}), blocks, furniture };
}

export function loadEdition(file: string): EditionSpec {
  file = resolve(file);
  const src = read(file, 'edition manifest');
  const e = validate(src, EditionSchema, 'edition');
  const house = loadHouse(resolve(dirname(file), e.house), posAt(src, ['house']), e.lang);
  const storyDir = contentDir(file);
  const errors: Diagnostic[] = [];
  const pages: PageSpec[] = [];
  const listedAt: SourcePos[] = []; // where each loaded page is listed, for the duplicate checks
  const listed = new Set<string>();
  e.pages.forEach((p, i) => {
    const pageFile = resolve(dirname(file), p);
    const at = posAt(src, ['pages', i]);
    if (listed.has(pageFile)) {
      errors.push(diag('error', 'DUPLICATE_PAGE', `${p} is listed twice in pages`, { ...at, hint: 'list each page file once' }));
      return;
    }
    listed.add(pageFile);
    try {
      pages.push(loadPage(pageFile, storyDir, house, at));
      listedAt.push(at);
    } catch (err) {
      if (err instanceof DiagnosticError) errors.push(...err.diagnostics);
      else throw err;
    }
  });
  errors.push(...autoThreadParts(pages));
  const numbers = new Map<number, string>();
  pages.forEach((p, i) => {
    const other = numbers.get(p.number);
    if (other) errors.push(diag('error', 'DUPLICATE_PAGE', `${basename(p.file)} has number ${p.number}, like ${other}`, { ...listedAt[i]!, hint: `give each page its own number: change "number:" in ${basename(p.file)}` }));
    else numbers.set(p.number, basename(p.file));
  });
  if (errors.length) throw new DiagnosticError(errors);
  const at = (key: string) => posAt(src, [key]);
  return { file, name: basename(dirname(file)), paper: e.paper, paperAt: at('paper'), ...(e.masthead ? { mastheadAt: at('masthead') } : {}), date: e.date, house, pages, ...(e.masthead ? { masthead: resolveMasthead(e.masthead)! } : {}) };
}

/** A target as a manifest file: an edition's folder stands for its edition.yaml. */
export function targetFile(target: string): string {
  const file = resolve(target);
  return existsSync(join(file, 'edition.yaml')) ? join(file, 'edition.yaml') : file;
}

/** The edition file a target is built within: itself (an edition), or the edition.yaml beside a page. */
export const editionFileOf = (target: string): string => {
  const file = targetFile(target);
  return basename(file) === 'edition.yaml' ? file : join(dirname(file), 'edition.yaml');
};

/**
 * A file named on the command line: an edition (has `pages:`), or one page, which is built
 * within the edition of its folder that lists it.
 */
/**
 * One of makeup's alternatives (layouts/<edition>/alternatives/pNN-K.yaml) built in place of its
 * page, after the pages before it (the later ones may continue blocks it does not have), into
 * out/<edition>/alternatives/pNN-K/.
 */
function alternativeTarget(file: string, editionFile: string): EditionSpec {
  const ed = loadEdition(editionFile);
  const page = loadPage(file, contentDir(editionFile), ed.house);
  if (!ed.pages.some((p) => p.number === page.number)) throw new DiagnosticError([diag('error', 'PAGE_NOT_IN_EDITION', `${basename(file)} is page ${page.number}, which ${editionFile} does not have`, { file, line: 1, col: 1, hint: 'an alternative takes the place of the page of its number: build the edition it was made up for' })]);
  return { ...ed, name: `${ed.name}/alternatives/${basename(file, extname(file))}`, pages: [...ed.pages.filter((p) => p.number < page.number), page], only: [page.number] };
}

export function loadTarget(file: string): EditionSpec {
  file = targetFile(file);
  const notManifest = (message: string, hint: string) => new DiagnosticError([diag('error', 'UNKNOWN_TARGET', message, { file, hint })]);
  if (/\.(md|markdown|txt)$/i.test(file)) throw notManifest(`${basename(file)} is an article, not a manifest`, `build an edition or page (.yaml) whose blocks name it; to check its copy: banmian lint ${basename(file)}`);
  const src = read(file, 'manifest');
  if (src.doc.has('pages')) return loadEdition(file);
  if (!src.doc.has('blocks') && !src.doc.has('number')) {
    throw notManifest(`${basename(file)} is neither an edition (pages:) nor a page (blocks:)`, src.doc.has('styles') ? 'it is a house style: build the edition that names it in house:' : 'build layouts/EDITION/edition.yaml, or one of its pages');
  }
  const editionFile = join(dirname(file), 'edition.yaml');
  if (!existsSync(editionFile)) {
    const made = join(dirname(file), '..', 'edition.yaml');
    if (basename(dirname(file)) === 'alternatives' && existsSync(made)) return alternativeTarget(file, made);
    throw new DiagnosticError([diag('error', 'NO_EDITION', `page ${basename(file)} has no edition.yaml beside it`, { file, line: 1, col: 1, hint: 'a page is built within its edition (paper, date, house style); add an edition.yaml listing it' })]);
  }
  const ed = loadEdition(editionFile);
  const pages = ed.pages.filter((p) => p.file === file);
  if (!pages.length) throw new DiagnosticError([diag('error', 'PAGE_NOT_IN_EDITION', `${basename(file)} is not listed in ${editionFile}`, { file: editionFile, line: 1, col: 1, hint: 'add it to the edition\'s pages:' })]);
  return { ...ed, only: pages.map((p) => p.number) };
}
