/**
 * Page furniture in the manifests: photos (a block's `image:`, a page's `photos:`), rules, boxes
 * and tints, the masthead (edition `masthead:`, page 1's `masthead:` rectangle) and the folio line
 * (house `folio:`, page `credits:`). Kept apart from schema.ts so these keys live in one place;
 * the loader calls the resolvers here. Photo files are read (their size, orientation and a hash of
 * their bytes) when the page is loaded, so a missing or unsupported file is reported at its
 * `file:` key before anything is laid out.
 */
import type { GridRect } from '../layout/geometry.ts';
import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { z } from 'zod';
import { DiagnosticError, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { MAX_PHOTO_PIXELS, readInput, tooManyPixels } from '../inputFile.ts';
import { ColourSchema, colourProblem } from './print.ts';
import { CAPTION_MAX, shortText } from './limits.ts';
import { doc, lengthDoc, KEY_DOCS } from './keyDoc.ts';
import { BLACK, type Colour, type PrintSettings } from '../types.ts';
import { MM, parseLength, toPt } from './units.ts';
import { missingFile, posAt, type YamlSource } from './yamlSource.ts';

// schema.ts keeps its helpers private and imports this file, so these two are defined here too
const count = (what: string) => z.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`).positive(`${what} must be at least 1`);
const length = z.union([z.string(), z.number()]).register(KEY_DOCS, lengthDoc(['pt', 'mm', 'Q'], false)).transform((v, ctx) => {
  const r = parseLength(v, ['pt', 'mm', 'Q']);
  if (typeof r === 'string' || r.value < 0) {
    ctx.addIssue({ code: 'custom', message: typeof r === 'string' ? r : 'a length here is 0 or more' });
    return z.NEVER;
  }
  return toPt(r, {});
});

const photoKeys = {
  file: z.string().min(1, 'file names the photo: a path in content/<edition>/, or starting with ./ or ../ from this page file')
    .register(KEY_DOCS, doc('the photo (JPEG, PNG, TIFF, WebP): a path in content/<edition>/, or starting with ./ or ../ from this page file', { examples: ['photos/site.jpg'], codes: ['MISSING_FILE', 'IMAGE_FORMAT', 'IMAGE_UNREADABLE', 'IMAGE_TOO_LARGE', 'IMAGE_LOW_RES'] })),
  focus: z.tuple([z.number(), z.number()], { error: 'focus is [x, y], each a fraction 0–1 of the picture\'s width and height, e.g. [0.5, 0.3]' }).optional()
    .register(KEY_DOCS, doc('the point of the picture to keep when it is cropped: [x, y], fractions 0–1 of its width and height from the top left', { default: [0.5, 0.5], examples: [[0.5, 0.3]] })),
  caption: shortText(CAPTION_MAX).optional().register(KEY_DOCS, doc('图片说明, in the house caption style', { examples: ['重大项目建设工地塔吊林立'], codes: ['CAPTION_OVERFLOW', 'PHOTO_NO_ROOM'] })),
  credit: shortText().optional().register(KEY_DOCS, doc('the photographer, flush right at the caption\'s end', { examples: ['记者 张三 摄'] })),
  'caption-place': z.enum(['below', 'left', 'right']).optional().register(KEY_DOCS, doc('the caption under the picture, or in its first (left) or last (right) column', { default: 'below' })),
};

/** A block's photo, at a corner of its text area; the text columns it spans are shortened. */
export const BlockImageSchema = z.strictObject({
  ...photoKeys,
  cols: count('image.cols').register(KEY_DOCS, doc('the block\'s text columns it spans; on a vertical block (直排), its tiers', { examples: [2] })),
  lines: count('image.lines').register(KEY_DOCS, doc('grid lines it takes: picture, caption and the line of space to the text; on a vertical block, lines of its text (the caption under the picture)', { examples: [12], codes: ['PHOTO_NO_ROOM'] })),
  place: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']).optional().register(KEY_DOCS, doc('the corner of the text area', { default: 'top-right' })),
});

/** A photo of its own on the page grid (page `photos:`). */
export const PagePhotoSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'a photo id uses letters, digits, - and _').register(KEY_DOCS, doc('the photo\'s name on its page: ASCII letters, digits, - and _', { examples: ['site'], codes: ['DUPLICATE_BLOCK'] })),
  ...photoKeys,
  col: count('col').register(KEY_DOCS, doc('the first basic column', { codes: ['BLOCK_OFF_GRID', 'BLOCK_OVERLAP'] })), cols: count('cols').register(KEY_DOCS, doc('basic columns spanned')),
  line: count('line').register(KEY_DOCS, doc('the first grid line', { codes: ['BLOCK_OFF_GRID', 'BLOCK_OVERLAP'] })), lines: count('lines').register(KEY_DOCS, doc('grid lines: picture and caption')),
});

export const GridRectSchema = z.strictObject({
  col: count('col').register(KEY_DOCS, doc('the first basic column, from 1 at the left')), cols: count('cols').register(KEY_DOCS, doc('basic columns spanned')),
  line: count('line').register(KEY_DOCS, doc('the first grid line, from 1 at the top')), lines: count('lines').register(KEY_DOCS, doc('grid lines spanned')),
});

/** An advertisement on the grid (page `ads:`): a PDF placed as the vector page it is, or an image. */
export const AdSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'an ad id uses letters, digits, - and _'),
  file: z.string().min(1, 'file names the ad: a PDF (PDF/X-1a) or an image, in content/<edition>/ or starting with ./ or ../ from this page file'),
  col: count('col'), cols: count('cols'), line: count('line'), lines: count('lines'),
});

/** 边框: `true`, or the inset of the text in whole characters (sides) and whole lines (top, bottom). */
export const BoxSchema = z.union([z.boolean(), z.strictObject({ padding: z.number().int().min(0, 'padding is 0 or more').optional().register(KEY_DOCS, doc('the text\'s inset: characters at the sides, lines at the top and bottom', { default: 1, examples: [0] })) })]);

const RuleSwitches = {
  columns: z.boolean().optional().register(KEY_DOCS, doc('栏线: a rule between a block\'s text columns', { default: false })),
  stories: z.boolean().optional().register(KEY_DOCS, doc('a rule in the gutter (or the leading) wherever two blocks, photos or the masthead meet', { default: false })),
};
/** A page may switch the house's rules on or off for itself. */
export const PageRulesSchema = z.strictObject(RuleSwitches);

export const HouseRulesSchema = z.strictObject({
  ...RuleSwitches, // 栏线 between a block's text columns; rules in the gutters between neighbouring blocks
  weight: length.optional().register(KEY_DOCS, doc('the rules\' weight', { default: '0.5pt' })),
  box: length.optional().register(KEY_DOCS, doc('the weight of a boxed block\'s frame', { default: '0.75pt' })),
  colour: ColourSchema.optional().register(KEY_DOCS, doc('the rules\' colour', { default: '100% K', codes: ['UNKNOWN_INK'] })),
});

export const HousePhotosSchema = z.strictObject({
  ppi: count('photos.ppi').optional().register(KEY_DOCS, doc('photos are resampled down to this at their placed size (never up)', { default: 300 })),
  'min-ppi': count('photos.min-ppi').optional().register(KEY_DOCS, doc('below this at its placed size a photo is a warning', { default: 150, codes: ['IMAGE_LOW_RES'] })),
  quality: z.number().int().min(1).max(100).optional().register(KEY_DOCS, doc('JPEG quality of the embedded image, 1–100', { default: 85 })),
});

/** 报眉: pages ≥ 2 get a folio line above a rule in the top margin. */
export const FolioSchema = z.strictObject({
  rule: length.optional().register(KEY_DOCS, doc('the weight of the rule under the folio line (眉线)', { default: '0.75pt' })),
  gap: length.optional().register(KEY_DOCS, doc('from the rule down to the type area', { default: '3mm' })),
  paper: length.optional().register(KEY_DOCS, doc('the size of the paper\'s name in the middle (in the masthead style)', { default: '18pt', examples: ['小二'] })),
  label: length.optional().register(KEY_DOCS, doc('the size of 第N版 and the section (bold, in the folio style)', { default: '12pt', examples: ['小四'] })),
});

/** The edition's masthead facts (page 1, `masthead:` rectangle of the page). */
export const MastheadSchema = z.strictObject({
  issue: count('masthead.issue').optional().register(KEY_DOCS, doc('the issue number: 总第N期', { examples: [12345] })),
  serial: shortText().optional().register(KEY_DOCS, doc('国内统一连续出版物号', { examples: ['CN 42-0051'] })),
  postal: shortText().optional().register(KEY_DOCS, doc('邮发代号', { examples: ['37-00'] })),
  publisher: shortText().optional().register(KEY_DOCS, doc('the publisher\'s name')),
  lunar: z.boolean().optional().register(KEY_DOCS, doc('the lunar date too: 农历甲辰年十一月初六', { default: false })),
});

export const CreditsSchema = z.record(shortText(), shortText()).register(KEY_DOCS, doc('role → name', { examples: [{ 责任编辑: '王芳' }] }));

export type { GridRect };

export interface PhotoSource {
  file: string;
  format: 'jpg' | 'png' | 'tiff' | 'webp';
  width: number; // upright pixels, after the EXIF orientation
  height: number;
  hash: string; // of the file's bytes: a changed photo under the same name is a changed page
}

export interface PhotoSpec {
  id: string;
  at: SourcePos; // the photo's entry
  fileAt: SourcePos; // its file: key
  source: PhotoSource;
  focus: readonly [number, number];
  caption: string;
  credit: string;
  captionAt?: SourcePos; // the caption's value, for its diagnostics
  creditAt?: SourcePos;
  captionPlace: 'below' | 'left' | 'right';
}

export interface BlockPhotoSpec extends PhotoSpec {
  cols: number;
  lines: number;
  place: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
}

export type PagePhotoSpec = PhotoSpec & GridRect;

/** An ad on the grid: a PDF (its first page placed as the vector page it is) or an image (the photo path). */
export type AdSpec = GridRect & { id: string; at: SourcePos; fileAt: SourcePos } & ({ kind: 'pdf'; file: string; hash: string } | { kind: 'image'; source: PhotoSource });

export interface HouseFurniture {
  rules: { weight: number; box: number; colour: Colour; columns: boolean; stories: boolean };
  photos: { ppi: number; minPpi: number; quality: number };
  folio?: { rule: number; gap: number; paper: number; label: number };
}

export interface PageFurniture {
  photos: PagePhotoSpec[];
  ads: AdSpec[];
  masthead?: GridRect & { at: SourcePos };
  credits: [string, string][]; // title, name, in the manifest's order
  folioAt: SourcePos; // the credits (or the section), where a crowded folio line is reported
  sectionAt?: SourcePos; // the section's value and the credits', for their glyphs
  creditsAt?: SourcePos;
  rules: { columns: boolean; stories: boolean };
}

export interface BlockFurniture {
  image?: BlockPhotoSpec;
  box?: { padding: number };
  tint?: Colour;
}

export interface MastheadInfo {
  issue?: number;
  serial?: string;
  postal?: string;
  publisher?: string;
  lunar: boolean;
}


export function resolveHouseFurniture(
  src: YamlSource, h: { rules?: z.output<typeof HouseRulesSchema> | undefined; photos?: z.output<typeof HousePhotosSchema> | undefined; folio?: z.output<typeof FolioSchema> | undefined },
  print: PrintSettings,
): HouseFurniture {
  const colour = h.rules?.colour ?? BLACK;
  const bad = colourProblem(colour, print);
  if (bad) throw new DiagnosticError([{ ...posAt(src, ['rules', 'colour']), severity: 'error', code: 'UNKNOWN_INK', message: `rules: ${bad.message}`, hint: bad.hint }]);
  return {
    rules: { weight: h.rules?.weight ?? 0.5, box: h.rules?.box ?? 0.75, colour, columns: h.rules?.columns ?? false, stories: h.rules?.stories ?? false },
    photos: { ppi: h.photos?.ppi ?? 300, minPpi: h.photos?.['min-ppi'] ?? 150, quality: h.photos?.quality ?? 85 },
    ...(h.folio ? { folio: { rule: h.folio.rule ?? 0.75, gap: h.folio.gap ?? 3 * MM, paper: h.folio.paper ?? 18, label: h.folio.label ?? 12 } } : {}),
  };
}

export const resolveMasthead = (m: z.output<typeof MastheadSchema> | undefined): MastheadInfo | undefined => m && {
  ...(m.issue !== undefined ? { issue: m.issue } : {}), ...(m.serial !== undefined ? { serial: m.serial } : {}),
  ...(m.postal !== undefined ? { postal: m.postal } : {}), ...(m.publisher !== undefined ? { publisher: m.publisher } : {}),
  lunar: m.lunar ?? false,
};

/** Where the loader is: the page file and the edition's content folder, for photo paths. */
export interface PhotoPaths { pageFile: string; contentDir: string }

const FORMATS: Record<string, PhotoSource['format']> = { jpg: 'jpg', png: 'png', tiff: 'tiff', webp: 'webp' };

/** A photo's file, read far enough to know its format and size; or why it cannot be used. */
function probe(name: string, paths: PhotoPaths, at: SourcePos): PhotoSource | Diagnostic {
  const file = /^\.\.?[\\/]/.test(name) ? resolve(dirname(paths.pageFile), name) : resolve(paths.contentDir, name);
  const { bytes, diagnostics } = readInput(file, 'photo', `photo "${name}"`, at, () => ({
    ...missingFile(file, `photo "${name}"`, at), hint: `a photo's file is a path in ${paths.contentDir}, or one starting with ./ or ../ from the page file`,
  }));
  if (!bytes) return diagnostics[0]!;
  let size: ReturnType<typeof imageSize> | undefined;
  try {
    size = imageSize(bytes);
  } catch { /* not an image format it knows: reported below */ }
  const format = size?.type ? FORMATS[size.type] : undefined;
  if (!size || !format) {
    return {
      ...at, severity: 'error', code: 'IMAGE_FORMAT',
      message: `${basename(file)} is ${size?.type ? `a ${size.type.toUpperCase()} image` : 'not an image banmian can read'}; photos are JPEG, PNG, TIFF or WebP`,
      hint: 'convert it, e.g. to JPEG (any image program can export one)',
    };
  }
  if ((size.width ?? 0) * (size.height ?? 0) > MAX_PHOTO_PIXELS) return tooManyPixels(basename(file), [size.width!, size.height!], at);
  const turned = (size.orientation ?? 1) >= 5; // EXIF orientations 5–8 turn the picture by 90°
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { file, format, width: turned ? size.height : size.width, height: turned ? size.width : size.height, hash };
}


type PhotoInput = { file: string; focus?: [number, number] | undefined; caption?: string | undefined; credit?: string | undefined; 'caption-place'?: 'below' | 'left' | 'right' | undefined };

/** `cols`: the columns the photo spans; a caption beside it takes one of them. */
function photo(src: YamlSource, path: (string | number)[], id: string, p: PhotoInput, cols: number, paths: PhotoPaths, errors: Diagnostic[]): PhotoSpec | undefined {
  const fileAt = posAt(src, [...path, 'file']);
  if (p['caption-place'] && p['caption-place'] !== 'below' && cols < 2) {
    errors.push({ ...posAt(src, [...path, 'caption-place']), severity: 'error', code: 'BAD_VALUE', message: `photo "${id}" spans one column: no room for its caption ${p['caption-place'] === 'left' ? 'to the left' : 'to the right'}`, hint: 'a caption beside a photo takes one of its columns: give it cols: 2 or more, or caption-place: below' });
  }
  const focus = p.focus ?? [0.5, 0.5];
  if (!focus.every((v) => v >= 0 && v <= 1)) {
    errors.push({
      ...posAt(src, [...path, 'focus']), severity: 'error', code: 'BAD_VALUE', message: `focus [${focus.join(', ')}] of photo "${id}" is outside the picture`,
      hint: 'focus is [x, y]: fractions of the picture\'s width and height from its top-left corner, each 0–1; [0.5, 0.5] is the centre',
    });
  }
  const source = probe(p.file, paths, fileAt);
  if ('code' in source) { errors.push(source); return undefined; }
  const at = posAt(src, path);
  return {
    id, at: { file: at.file, line: at.line, col: at.col }, fileAt: { file: fileAt.file, line: fileAt.line, col: fileAt.col },
    source, focus: [focus[0], focus[1]], caption: p.caption?.trim() ?? '', credit: p.credit?.trim() ?? '', captionPlace: p['caption-place'] ?? 'below',
    captionAt: posAt(src, [...path, 'caption']), creditAt: posAt(src, [...path, 'credit']),
  };
}

/** A block's `image:`, `box:` and `tint:`; `size` is its number of text columns (of a vertical block: its tiers) and its width in characters. */
export function resolveBlockFurniture(
  src: YamlSource, path: (string | number)[],
  b: { id: string; lines: number; image?: z.output<typeof BlockImageSchema> | undefined; box?: z.output<typeof BoxSchema> | undefined; tint?: Colour | undefined },
  size: { columns: number; chars: number; tiers?: boolean }, paths: PhotoPaths, print: PrintSettings, errors: Diagnostic[],
): BlockFurniture {
  const { columns } = size;
  const out: BlockFurniture = {};
  if (b.image) {
    if (b.image.cols > columns) {
      const unit = size.tiers ? 'tiers' : 'text columns';
      errors.push({ ...posAt(src, [...path, 'image', 'cols']), severity: 'error', code: 'BAD_VALUE', message: `the photo of block "${b.id}" spans ${b.image.cols} ${size.tiers ? 'tiers' : 'columns'}, but the block has ${columns} ${unit}`, hint: `image.cols counts the block's ${unit}: 1 to ${columns}` });
    }
    const p = photo(src, [...path, 'image'], b.id, b.image, b.image.cols, paths, errors);
    if (p) out.image = { ...p, cols: b.image.cols, lines: b.image.lines, place: b.image.place ?? 'top-right' };
  }
  if (b.box) {
    out.box = { padding: b.box === true ? 1 : b.box.padding ?? 1 };
    if (2 * out.box.padding >= Math.min(b.lines, size.chars)) {
      errors.push({ ...posAt(src, [...path, 'box']), severity: 'error', code: 'BAD_VALUE', message: `block "${b.id}" (${b.lines} lines, ${size.chars} characters) has no room inside a box padding of ${out.box.padding}`, hint: 'the padding is taken from each side: whole characters left and right, whole lines top and bottom; use box: { padding: 0 } or a bigger block' });
    }
  }
  if (b.tint) {
    const bad = colourProblem(b.tint, print);
    if (bad) errors.push({ ...posAt(src, [...path, 'tint']), severity: 'error', code: 'UNKNOWN_INK', message: `tint of block "${b.id}": ${bad.message}`, hint: bad.hint });
    else out.tint = b.tint;
  }
  return out;
}

/** An ad's file: a PDF by its header, else an image as a photo is read. */
function ad(src: YamlSource, i: number, a: z.output<typeof AdSchema>, paths: PhotoPaths, errors: Diagnostic[]): AdSpec | undefined {
  const fileAt = posAt(src, ['ads', i, 'file']);
  const rect = { id: a.id, at: posAt(src, ['ads', i]), fileAt, col: a.col, cols: a.cols, line: a.line, lines: a.lines };
  const file = /^\.\.?[\\/]/.test(a.file) ? resolve(dirname(paths.pageFile), a.file) : resolve(paths.contentDir, a.file);
  const { bytes, diagnostics } = readInput(file, 'photo', `ad "${a.id}"`, fileAt, () => ({ ...missingFile(file, `ad "${a.id}"`, fileAt), hint: `an ad's file is a path in ${paths.contentDir}, or one starting with ./ or ../ from the page file` }));
  if (!bytes) { errors.push(diagnostics[0]!); return undefined; }
  if (bytes.subarray(0, 1024).includes('%PDF-')) return { ...rect, kind: 'pdf', file, hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
  const source = probe(a.file, paths, fileAt);
  if ('code' in source) { errors.push({ ...source, message: `${source.message}; an ad is a PDF or an image` }); return undefined; }
  return { ...rect, kind: 'image', source };
}

/** A page's `photos:`, `masthead:`, `credits:` and `rules:`. `ids` are the page's block ids, which photo ids may not repeat. */
export function resolvePageFurniture(
  src: YamlSource,
  p: { photos?: z.output<typeof PagePhotoSchema>[] | undefined; ads?: z.output<typeof AdSchema>[] | undefined; masthead?: GridRect | undefined; credits?: Record<string, string> | undefined; rules?: z.output<typeof PageRulesSchema> | undefined },
  house: HouseFurniture, ids: ReadonlySet<string>, paths: PhotoPaths, errors: Diagnostic[],
): PageFurniture {
  const seen = new Set(ids);
  const photos: PagePhotoSpec[] = [];
  (p.photos ?? []).forEach((ph, i) => {
    if (seen.has(ph.id)) errors.push({ ...posAt(src, ['photos', i, 'id']), severity: 'error', code: 'DUPLICATE_BLOCK', message: `photo id "${ph.id}" is used twice on this page`, hint: 'blocks and photos share one set of ids on a page; rename one' });
    seen.add(ph.id);
    const spec = photo(src, ['photos', i], ph.id, ph, ph.cols, paths, errors);
    if (spec) photos.push({ ...spec, col: ph.col, cols: ph.cols, line: ph.line, lines: ph.lines });
  });
  const ads = (p.ads ?? []).flatMap((a, i) => {
    if (seen.has(a.id)) errors.push({ ...posAt(src, ['ads', i, 'id']), severity: 'error', code: 'DUPLICATE_BLOCK', message: `ad id "${a.id}" is used twice on this page`, hint: 'blocks, photos and ads share one set of ids on a page; rename one' });
    seen.add(a.id);
    return ad(src, i, a, paths, errors) ?? [];
  });
  return {
    photos, ads,
    ...(p.masthead ? { masthead: { ...p.masthead, at: posAt(src, ['masthead']) } } : {}),
    credits: Object.entries(p.credits ?? {}),
    folioAt: posAt(src, [p.credits ? 'credits' : 'section']),
    sectionAt: posAt(src, ['section']), creditsAt: posAt(src, ['credits']),
    rules: { columns: p.rules?.columns ?? house.rules.columns, stories: p.rules?.stories ?? house.rules.stories },
  };
}
