/**
 * Font registry: fonts/fonts.yaml families → fontkit fonts. Each file is parsed once per process
 * and the same Font object is shared by the composer (metrics, shaping) and pdfkit (embedding).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import { z } from 'zod';
import { cacheFile, cacheWrite } from '../cache.ts';
import { diag, DiagnosticError, type Diagnostic } from '../diagnostic.ts';
import { posAt, readYaml, schemaDiagnostics, yamlData } from '../manifest/yamlSource.ts';
import { checkInput, openInput } from '../inputFile.ts';
import { damagedFont, fontAt, guardFont, nameFont } from './guard.ts';
import { inflateLater, readWithoutOutlines, releaseOutlines } from './lazyGlyf.ts';
import { fastLoca } from './loca.ts';
import { fontProblem } from './sfnt.ts';
import { postHeaderOnly } from './post.ts';
import { fastSubsets } from './subset.ts';
import { LANGS, type Lang } from '../types.ts';
import { doc, KEY_DOCS } from '../manifest/keyDoc.ts';
import { isWoff, sfntSize, unpackWoff, type LaterTable } from './woff.ts';

export interface FontFace {
  key: string; // "song-400": unique per file, used as the PDF font name
  family: string;
  weight: number;
  file: string;
  font: fontkit.Font;
  unitsPerEm: number;
  ascent: number; // ideographic em-box top above the baseline, in em (0.88 for Noto CJK)
  fallbacks(): FontFace[]; // the family's fallback chain at the same weight (fonts.yaml `fallback:`)
}

/** fonts.yaml (docs/manifest.md is made from it). */
export const FontsSchema = z.strictObject({
  families: z.record(z.string(), z.record(z.string().regex(/^[1-9]00$/, 'weights are 100…900'),
    z.strictObject({
      package: z.string().optional().register(KEY_DOCS, doc('an npm package the file is in (installed by npm install)', { examples: ['@expo-google-fonts/noto-serif-sc'], codes: ['FONT_PACKAGE_MISSING'] })),
      file: z.string().register(KEY_DOCS, doc('the font file (TrueType, OpenType, WOFF): in the package, or relative to this file', { examples: ['400Regular/NotoSerifSC_400Regular.ttf'], codes: ['MISSING_FILE', 'FONT_UNREADABLE', 'FONT_DAMAGED'] })),
    }))).register(KEY_DOCS, doc('font families by name (the styles\' font:), each a file per weight (100–900)', { examples: [{ song: { 400: { file: 'fonts/MySong-Regular.otf' } } }] })),
  // family → the families that supply a character it lacks, in order
  fallback: z.record(z.string(), z.array(z.string())).optional().register(KEY_DOCS, doc('family → the families that supply a character it lacks, in order', { examples: [{ song: ['hei', 'kai'] }], codes: ['GLYPH_FALLBACK', 'MISSING_GLYPH', 'UNKNOWN_FONT'] })),
  // locale → family → the family its stories are set in instead (song → song-tw)
  locales: z.strictObject(Object.fromEntries(LANGS.map((l) => [l, z.record(z.string(), z.string()).optional()]))).optional().register(KEY_DOCS, doc('locale → family → the family its stories are set in instead', { examples: [{ 'zh-Hant-TW': { song: 'song-tw' } }] })),
});

const parsed = new Map<string, fontkit.Font>();

/**
 * The files fonts were read from in this process (fonts.yaml and font files), each with a stamp
 * taken before it was read: what is read here is kept for the process's life, so a build server
 * (src/server/) compares the stamps before each build.
 */
const readFrom = new Map<string, { kind: 'fonts.yaml' | 'font'; stamp: string }>();
export const fontSources = (): ReadonlyMap<string, { kind: 'fonts.yaml' | 'font'; stamp: string }> => readFrom;

/** The file's inode, size and times; changed whenever the file is written or replaced. */
export function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.ino} ${s.size} ${s.mtimeMs} ${s.ctimeMs}`;
  } catch {
    return 'absent';
  }
}

/** A font file that is not a sound font (cut short, damaged, or no font at all): what is wrong. */
export class FontDamage extends Error {}

/**
 * Parses a font file once per process. Its structure is checked first (sfnt.ts): fontkit trusts
 * the file. A WOFF file is unpacked to plain sfnt first (woff.ts: fontkit would inflate a whole
 * table on every glyph read); a TrueType file is read without its outlines, each glyph's read
 * when first used (lazyGlyf.ts); `loca` is read with a plain loop (loca.ts), TrueType subsets for
 * the PDF skip outline decoding (subset.ts) and `post` is read without glyph names (post.ts). None of it changes a byte of the output.
 * A damaged font is a FontDamage; a file that cannot be read at all, its system error.
 */
export function openFont(file: string): fontkit.Font {
  let f = parsed.get(file);
  if (!f) {
    readFrom.set(file, { kind: 'font', stamp: fileStamp(file) });
    f = parse(file);
    fastLoca(f);
    fastSubsets(f);
    postHeaderOnly(f);
    parsed.set(file, f);
  }
  return f;
}

/** Drops the font parsed from `file` and closes the file (a font replaced on disk; tests). */
export function forgetFont(file: string): void {
  const f = parsed.get(file);
  if (f) releaseOutlines(f);
  parsed.delete(file);
  readFrom.delete(file);
}

function parse(file: string): fontkit.Font {
  let later: ReturnType<typeof readWithoutOutlines>;
  try {
    damage(file);
    const sfnt = sfntOf(file);
    if (sfnt !== file) damage(typeof sfnt === 'string' ? sfnt : sfnt.sfnt); // a WOFF's unpacked bytes
    later = typeof sfnt === 'string' ? readWithoutOutlines(sfnt) : undefined;
    const font = fontkit.create(later?.data ?? (typeof sfnt === 'string' ? readFileSync(sfnt) : sfnt.sfnt));
    if (!('layout' in font)) throw new FontDamage('it is a font collection; name one font of it');
    later?.attach(font);
    if (typeof sfnt !== 'string' && sfnt.glyf) inflateLater(font, file, sfnt.sfnt, sfnt.glyf, sfnt.keep);
    guardFont(font, file);
    return font;
  } catch (e) {
    later?.close();
    if (e instanceof FontDamage || 'syscall' in (e as object)) throw e; // damaged, or a system error reading it
    throw new FontDamage(`fontkit cannot read it (${(e as Error).message})`);
  }
}

/** Throws a FontDamage when the font file (or the unpacked bytes of a WOFF) is not sound. */
function damage(font: string | Buffer): void {
  let problem: string | undefined;
  if (typeof font !== 'string') problem = fontProblem((o, n) => font.subarray(o, o + n), font.length);
  else {
    const fd = openInput(font);
    try {
      problem = fontProblem((o, n) => { const b = Buffer.alloc(n); return b.subarray(0, readSync(fd, b, 0, n, o)); }, fstatSync(fd).size);
    } finally {
      closeSync(fd);
    }
  }
  if (problem) throw new FontDamage(problem);
}

/**
 * The sfnt to read for a font file: the file itself, or for a WOFF its unpacked copy in the cache
 * (src/cache.ts: with the install for the fonts banmian ships, else out/.cache/fonts), named by
 * the WOFF's path, size and modification time and checked against the size its table directory
 * gives. The first time, the WOFF is unpacked here but for its outlines (glyf, most of a CJK
 * font: inflating it takes ~0.1 s), which lazyGlyf.ts inflates meanwhile and `keep` puts in the
 * cache (the bytes are woffToSfnt's); all of it, glyf too, where it is stored uncompressed.
 */
export function sfntOf(file: string): string | { sfnt: Buffer; glyf?: LaterTable; keep(sfnt: Buffer): void } {
  const head = Buffer.alloc(44);
  const fd = openSync(file, 'r');
  let directory: Buffer;
  try {
    if (readSync(fd, head, 0, 44, 0) < 44 || !isWoff(head)) return file;
    directory = Buffer.alloc(44 + 20 * head.readUInt16BE(12));
    readSync(fd, directory, 0, directory.length, 0);
  } finally {
    closeSync(fd);
  }
  const { size, mtimeMs } = statSync(file);
  const name = `${createHash('sha256').update(JSON.stringify([resolve(file), size, mtimeMs])).digest('hex').slice(0, 32)}.otf`;
  const kept = cacheFile('fonts', name, file);
  try {
    if (statSync(kept).size === sfntSize(directory)) return kept;
  } catch { /* not kept yet */ }
  const { sfnt, later } = unpackWoff(readFileSync(file), new Set(['glyf']));
  const keep = (whole: Buffer) => cacheWrite('fonts', name, whole, file);
  if (!later.length) keep(sfnt);
  return { sfnt, ...(later[0] ? { glyf: later[0] } : {}), keep };
}

export class FontRegistry {
  private faces = new Map<string, FontFace>();

  constructor(readonly file: string, private readonly families: Map<string, Map<number, string>>, private readonly chains: Map<string, string[]> = new Map(),
    private readonly locales: ReadonlyMap<Lang, ReadonlyMap<string, string>> = new Map()) {}

  /** The locale of faces asked for without one (an edition's: `inLocale`). */
  private lang: Lang | undefined;

  /** This registry, its faces shared, with `lang` the locale of faces asked for without one. */
  inLocale(lang: Lang): FontRegistry {
    const view = Object.create(this) as FontRegistry;
    view.lang = lang;
    return view;
  }

  /** The family a locale sets `family` in (fonts.yaml `locales:`), or `family` itself. */
  private familyFor(family: string, lang: Lang | undefined): string {
    return (lang && this.locales.get(lang)?.get(family)) ?? family;
  }

  has(family: string): boolean {
    return this.families.has(family);
  }

  /** A face by its key (the display list names faces by key), opened if need be: the renderer's threads start with none open. */
  byKey(key: string): FontFace {
    const f = this.faces.get(key);
    if (f) return f;
    for (const [family, weights] of this.families) for (const w of weights.keys()) if (keyOf(family, w) === key) return this.open(family, w);
    throw new Error(`font face ${key} is not in ${this.file}`);
  }

  familyNames(): string[] {
    return [...this.families.keys()];
  }

  /** The face of `family` (in `lang`'s family for it) nearest to `weight` (ties go to the heavier, as CSS does above 500). */
  face(family: string, weight: number, lang: Lang | undefined = this.lang): FontFace {
    return this.open(this.familyFor(family, lang), weight);
  }

  private open(family: string, weight: number): FontFace {
    const weights = this.families.get(family);
    if (!weights) throw new DiagnosticError([diag('error', 'UNKNOWN_FONT', `font family "${family}" is not in ${this.file}`, { file: this.file, hint: `known families: ${this.familyNames().join(', ')}` })]);
    let best = 0;
    for (const w of weights.keys()) if (!best || Math.abs(w - weight) < Math.abs(best - weight) || (Math.abs(w - weight) === Math.abs(best - weight) && w > best)) best = w;
    const key = keyOf(family, best);
    let face = this.faces.get(key);
    if (!face) {
      const file = weights.get(best)!;
      let font: fontkit.Font;
      try {
        font = openFont(file);
      } catch (e) {
        if (e instanceof FontDamage) throw damagedFont(file, e.message);
        throw new DiagnosticError([diag('error', 'FONT_UNREADABLE', `cannot read font ${file}: ${(e as Error).message}`, { ...fontAt(file), hint: 'check the file is there and readable (chmod u+r)' })]);
      }
      const os2 = (font as unknown as { 'OS/2'?: { typoAscender?: number } })['OS/2'];
      let chain: FontFace[] | undefined;
      face = {
        key, family, weight: best, file, font, unitsPerEm: font.unitsPerEm, ascent: (os2?.typoAscender ?? font.ascent) / font.unitsPerEm,
        fallbacks: () => (chain ??= (this.chains.get(family) ?? []).filter((f) => f !== family && this.families.has(f)).map((f) => this.open(f, weight))),
      };
      this.faces.set(key, face);
    }
    return face;
  }
}

/** A face's key: unique per file of fonts.yaml, used as the PDF font name. */
const keyOf = (family: string, weight: number): string => `${family}-${weight}`;

const registries = new Map<string, FontRegistry>();

/** Drops the registry read from `file`, so the next load reads fonts.yaml again (banmian watch). */
export function forgetFontRegistry(file: string): void {
  registries.delete(file);
  readFrom.delete(file);
}

/** Reads fonts.yaml (once per process) and resolves every file, reporting missing ones. */
export function loadFontRegistry(file: string): FontRegistry {
  const cached = registries.get(file);
  if (cached) return cached;
  readFrom.set(file, { kind: 'fonts.yaml', stamp: fileStamp(file) });
  const { src, diagnostics } = readYaml(file, 'fonts file');
  if (!src) throw new DiagnosticError(diagnostics);
  const { data, diagnostics: aliasErrors } = yamlData(src);
  if (aliasErrors.length) throw new DiagnosticError(aliasErrors);
  const r = FontsSchema.safeParse(data);
  if (!r.success) throw new DiagnosticError(schemaDiagnostics(src, r.error, 'fonts file', FontsSchema));
  const families = new Map<string, Map<number, string>>();
  const errors: Diagnostic[] = [];
  for (const [family, weights] of Object.entries(r.data.families)) {
    const map = new Map<number, string>();
    for (const [w, entry] of Object.entries(weights)) {
      const missing = () => ({ ...posAt(src, ['families', family, w]), severity: 'error' as const, code: 'FONT_PACKAGE_MISSING', message: entry.package ? `font ${entry.file} of package ${entry.package} is not installed` : `font file ${entry.file} not found`, hint: entry.package ? 'run `npm install`' : 'paths are relative to fonts.yaml' });
      let path: string;
      try {
        path = entry.package ? join(packageDir(entry.package, dirname(file)), entry.file) : resolve(dirname(file), entry.file);
      } catch {
        errors.push(missing());
        continue;
      }
      const at = posAt(src, ['families', family, w, 'file']);
      const checked = checkInput(path, 'font', 'font file', at, missing);
      if ('problem' in checked) { errors.push(checked.problem); continue; }
      map.set(Number(w), path);
      nameFont(path, { at: { file: at.file, line: at.line!, col: at.col! }, ...(entry.package ? { package: entry.package } : {}) });
    }
    families.set(family, map);
  }
  for (const [family, chain] of Object.entries(r.data.fallback ?? {})) {
    for (const [i, f] of chain.entries()) {
      if (!families.has(f)) errors.push({ ...posAt(src, ['fallback', family, i]), severity: 'error', code: 'UNKNOWN_FONT', message: `fallback of "${family}" names font family "${f}", which is not in families`, hint: `the families are ${[...families.keys()].join(', ')}` });
    }
  }
  const locales = new Map<Lang, Map<string, string>>();
  for (const [lang, map] of Object.entries(r.data.locales ?? {}) as [Lang, Record<string, string>][]) {
    for (const [from, to] of Object.entries(map)) {
      for (const [f, key] of [[from, posAt(src, ['locales', lang, from], true)], [to, posAt(src, ['locales', lang, from])]] as const) {
        if (!families.has(f)) errors.push({ ...key, severity: 'error', code: 'UNKNOWN_FONT', message: `locale ${lang} names font family "${f}", which is not in families`, hint: `the families are ${[...families.keys()].join(', ')}` });
      }
    }
    locales.set(lang, new Map(Object.entries(map)));
  }
  if (errors.length) throw new DiagnosticError(errors);
  const reg = new FontRegistry(file, families, new Map(Object.entries(r.data.fallback ?? {})), locales);
  registries.set(file, reg);
  return reg;
}

/** node_modules/<name> as Node would find it from `from` (packages need not export package.json). */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`package ${name} not found`);
  }
}
