/**
 * The manifest contract (DESIGN.md "Manifests"): house style, edition and page YAML.
 * Strict objects, so a mistyped key is an error with a "did you mean" hint, never ignored.
 */
import { z } from 'zod';
import { parseLength, type LengthUnit } from './units.ts';
import { ColourSchema, PrintSchema } from './print.ts';
import { shortText } from './limits.ts';
import { BlockImageSchema, BoxSchema, CreditsSchema, FolioSchema, GridRectSchema, HousePhotosSchema, HouseRulesSchema, MastheadSchema, PagePhotoSchema, PageRulesSchema } from './furniture.ts';

const length = (units: readonly LengthUnit[]) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const r = parseLength(v, units);
    if (typeof r === 'string') {
      ctx.addIssue({ code: 'custom', message: r });
      return z.NEVER;
    }
    return r;
  });

const pageLen = length(['pt', 'mm', 'Q']);
const styleLen = length(['pt', 'mm', 'Q', 'zw']);
const count = (what: string) => z.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`).positive(`${what} must be at least 1`);

const weight = z.union([
  z.number().int().min(100).max(900),
  z.enum(['light', 'regular', 'medium', 'bold', 'heavy']),
]);
const align = z.enum(['left', 'center', 'right']);

export const StyleSchema = z.strictObject({
  font: z.string().optional(),
  weight: weight.optional(),
  size: styleLen.optional(),
  pitch: length(['pt', 'mm', 'Q', 'zw', 'em']).optional(),
  align: align.optional(),
  colour: ColourSchema.optional(),
});

const PUNCT = { 全角式: 'quanjiao', 开明式: 'kaiming', 行末半角式: 'hangmobanjiao', 半角式: 'banjiao' } as const;

/** House composition settings (TYPOGRAPHY.md §2–§6); a block may override any of them. */
export const CompositionSchema = z.strictObject({
  punctuation: z.enum(['quanjiao', 'kaiming', 'hangmobanjiao', 'banjiao', '全角式', '开明式', '行末半角式', '半角式'])
    .transform((v) => (v in PUNCT ? PUNCT[v as keyof typeof PUNCT] : v) as 'quanjiao' | 'kaiming' | 'hangmobanjiao' | 'banjiao').optional(),
  kinsoku: z.enum(['none', 'basic', 'gb', 'strict']).optional(),
  'cjk-latin': z.enum(['none', 'quarter', 'grid']).optional(),
  hanging: z.boolean().optional(),
  indent: length(['zw']).optional(),
  widows: z.boolean().optional(), // keep single lines of a paragraph off column tops and bottoms (孤行)
  // the most copyfitting may change each gap, ± em; each 0.01 em is a step of its search
  'fit-tracking': length(['em']).refine((r) => r.value >= 0 && r.value <= 0.1, 'fit-tracking is 0em to 0.1em, the most copyfitting may change each gap (0.03em is usual)').optional(),
});

export const HouseSchema = z.strictObject({
  fonts: z.string().optional(),
  page: z.strictObject({
    size: z.tuple([pageLen, pageLen]),
    margins: z.strictObject({ top: pageLen, bottom: pageLen, left: pageLen, right: pageLen }),
    bleed: pageLen.optional(),
  }),
  grid: z.strictObject({
    columns: count('grid.columns'),
    chars: count('grid.chars').optional(),
    gutter: length(['zw']).optional(),
    body: z.string().optional(),
  }),
  styles: z.record(z.string(), StyleSchema),
  composition: CompositionSchema.optional(),
  print: PrintSchema.optional(),
  rules: HouseRulesSchema.optional(), // 栏线, rules between stories, box frames (src/manifest/furniture.ts)
  photos: HousePhotosSchema.optional(), // resolution and quality of placed photos
  folio: FolioSchema.optional(), // 报眉 on pages ≥ 2
  'headline-condense': z.number().min(0.5).max(1).optional(), // the house limit for condensing a fitted title (长体)
  jump: z.strictObject({
    digits: z.enum(['arabic', 'chinese']).optional(), // 第2版 or 第二版
    place: z.enum(['own-line', 'run-on']).optional(),
  }).optional(),
});

export const EditionSchema = z.strictObject({
  paper: shortText(),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d), 'date must be YYYY-MM-DD')
    // a real day of the calendar: 2024-13-45 would become an invalid PDF date
    .refine((d) => {
      const t = new Date(`${d}T00:00:00Z`).getTime();
      return !/^\d{4}-\d{2}-\d{2}$/.test(d) || (!Number.isNaN(t) && new Date(t).toISOString().startsWith(d));
    }, 'date is not a day of the calendar'),
  house: z.string(),
  pages: z.array(z.string()).min(1, 'an edition needs at least one page'),
  masthead: MastheadSchema.optional(), // 报头 facts for page 1: issue number, CN and postal numbers
});

export const HeadlineSchema = z.strictObject({
  place: z.enum(['top', 'right', 'left']).optional(), // right/left: a vertical headline (竖题) beside the text
  lines: count('headline.lines').optional(), // rows of a headline on top
  width: count('headline.width').optional(), // body characters of a vertical headline's strip
  // the title takes the largest size in [min, max] at which each of its lines fits the width, and
  // failing that is condensed (长体) down to `condense` of its width at min
  fit: z.strictObject({ min: styleLen, max: styleLen, condense: z.number().min(0.5).max(1).optional() }).optional(),
  // per-block overrides of the house kicker/title/deck styles (a lead story's title is bigger)
  kicker: StyleSchema.optional(),
  title: StyleSchema.optional(),
  deck: StyleSchema.optional(),
});

const BlockBase = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'id takes only ASCII letters, digits, - and _ (finance, lead-2)'),
  // an article's file name in content/<edition>/ without .md, or a path ending in .md
  story: z.string().refine((s) => s.endsWith('.md') || /^[^\s/\\:*?"<>|\p{Cc}\p{Cf}]+$/u.test(s), 'story is an article\'s file name without .md (no spaces, slashes or quotes), or a path ending in .md'),
  col: count('col'),
  cols: count('cols'),
  line: count('line'),
  lines: count('lines'),
  columns: count('columns').optional(),
  balance: z.boolean().optional(),
  fit: z.enum(['auto', 'none']).optional(),
  composition: CompositionSchema.optional(),
  // threads (转版): this block takes the overflow of block `continues` (same story, this or an
  // earlier page); or the story comes from / goes on to a page outside this build
  continues: z.string().optional(),
  'continued-from': count('continued-from').optional(),
  'continued-to': count('continued-to').optional(),
  'jump-title': z.union([shortText(), z.array(shortText())]).optional(), // 转版题 over a continuation
  headline: HeadlineSchema.optional(),
  image: BlockImageSchema.optional(), // a photo at a corner of the text area; the text flows round it
  box: BoxSchema.optional(), // 边框
  tint: ColourSchema.optional(), // 底纹
});

export const BlockSchema = BlockBase.extend({
  // 集纳: this block's story (the package flag and intro) takes the top `head` rows; the items are
  // blocks placed below it, their col and line counted from the package's first column and the
  // first row under the head
  package: z.strictObject({
    head: count('package.head'),
    items: z.array(BlockBase).min(1, 'a package needs at least one item'),
  }).optional(),
});

export const PageSchema = z.strictObject({
  number: count('number'),
  section: shortText().optional(),
  blocks: z.array(BlockSchema),
  photos: z.array(PagePhotoSchema).optional(), // photos of their own on the grid, with caption and credit
  masthead: GridRectSchema.optional(), // where page 1's masthead sits on the grid
  credits: CreditsSchema.optional(), // 责任编辑: 王芳 … for the folio line
  rules: PageRulesSchema.optional(), // this page's rule switches, over the house's
});

export type HouseInput = z.output<typeof HouseSchema>;
export type EditionInput = z.output<typeof EditionSchema>;
export type PageInput = z.output<typeof PageSchema>;
