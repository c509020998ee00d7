/**
 * The manifest contract (docs/manifest.md is made from it): house style, edition and page YAML.
 * Strict objects, so a mistyped key is an error with a "did you mean" hint, never ignored.
 */
import { z } from 'zod';
import { parseLength, type LengthUnit } from './units.ts';
import { ColourSchema, PrintSchema } from './print.ts';
import { shortText } from './limits.ts';
import { doc, lengthDoc, KEY_DOCS } from './keyDoc.ts';
import { LANGS } from '../types.ts';
import { AdSchema, BlockImageSchema, BoxSchema, CreditsSchema, FolioSchema, GridRectSchema, HousePhotosSchema, HouseRulesSchema, MastheadSchema, PagePhotoSchema, PageRulesSchema } from './furniture.ts';

// the units are registered for the input, so a key's own description (on the transform) adds to them
const length = (units: readonly LengthUnit[]) =>
  z.union([z.string(), z.number()]).register(KEY_DOCS, lengthDoc(units)).transform((v, ctx) => {
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
  font: z.string().optional().register(KEY_DOCS, doc('a font family of fonts.yaml: song 宋, hei 黑, kai 楷', { default: 'song (or the style it overrides)', examples: ['hei'], codes: ['UNKNOWN_FONT'] })),
  weight: weight.optional().register(KEY_DOCS, doc('100–900 in hundreds, or light, regular, medium, bold, heavy; the nearest weight fonts.yaml has is used', { default: 'regular (400)', examples: ['bold'] })),
  size: styleLen.optional().register(KEY_DOCS, doc('the type size; zw is characters of the body type (not for the body style itself)', { default: 'the body size', examples: ['小五', '10.5pt', '3.7mm'] })),
  pitch: length(['pt', 'mm', 'Q', 'zw', 'em']).optional().register(KEY_DOCS, doc('baseline to baseline when the style sets several lines; em is this style\'s size. The body style\'s pitch is the grid\'s line pitch', { default: '1.25em', examples: ['1.5em'] })),
  align: align.optional().register(KEY_DOCS, doc('how lines that are not justified sit: headline lines, subheads', { default: 'left', examples: ['center'] })),
  colour: ColourSchema.optional().register(KEY_DOCS, doc('a process colour [c, m, y, k] in per cent, or a spot ink of print.spot with an optional tint', { default: '100% K', examples: [[0, 100, 100, 0], '报红 60%'], codes: ['UNKNOWN_INK'] })),
});

const PUNCT = { 全角式: 'quanjiao', 开明式: 'kaiming', 行末半角式: 'hangmobanjiao', 半角式: 'banjiao' } as const;

/** House composition settings (docs/typography.md §2–§5); a block may override any of them. */
export const CompositionSchema = z.strictObject({
  punctuation: z.enum(['quanjiao', 'kaiming', 'hangmobanjiao', 'banjiao', '全角式', '开明式', '行末半角式', '半角式'])
    .transform((v) => (v in PUNCT ? PUNCT[v as keyof typeof PUNCT] : v) as 'quanjiao' | 'kaiming' | 'hangmobanjiao' | 'banjiao').optional()
    .register(KEY_DOCS, doc('the punctuation style (docs/typography.md §3): quanjiao 全角式 every mark a full em, adjacent marks compressed; kaiming 开明式 only 。？！ full; hangmobanjiao 行末半角式 full, halved at line ends; banjiao 半角式 every mark half', { default: 'quanjiao', examples: ['kaiming'] })),
  kinsoku: z.enum(['none', 'basic', 'gb', 'strict']).optional().register(KEY_DOCS, doc('the 禁则 level (docs/typography.md §2): which marks may not start or end a line', { default: 'gb', examples: ['strict'] })),
  'cjk-latin': z.enum(['none', 'quarter', 'grid']).optional().register(KEY_DOCS, doc('the space between Chinese and Latin letters or digits (docs/typography.md §4): none; quarter, ¼ em elastic ⅛–½; grid, rounding each Latin run up to whole characters', { default: 'quarter', examples: ['grid'] })),
  hanging: z.boolean().optional().register(KEY_DOCS, doc('one line-end ，。、 may hang past the measure', { default: false })),
  indent: length(['zw']).optional().register(KEY_DOCS, doc('first-line indent, in body characters', { default: '2zw', examples: ['0zw'] })),
  widows: z.boolean().optional().register(KEY_DOCS, doc('keep a paragraph\'s single first line off a column\'s foot and its single last line off the next column\'s head (孤行)', { default: true })),
  // the most copyfitting may change each gap, ± em; each 0.01 em is a step of its search
  'fit-tracking': length(['em']).refine((r) => r.value >= 0 && r.value <= 0.1, 'fit-tracking is 0em to 0.1em, the most copyfitting may change each gap (0.03em is usual)').optional()
    .register(KEY_DOCS, doc('the most copyfitting (fit: auto) may change each gap between characters, 0em to 0.1em', { default: '0.03em', examples: ['0.05em'] })),
});

/** A jump line's wording: {n} the page number (in jump.digits), {n:zh} its Chinese numeral. */
const JumpTemplate = shortText(40)
  .refine((t) => /\{n(?::zh)?\}/.test(t), 'a jump line names the page: {n}, or {n:zh} for its Chinese numeral, as in "（轉第{n}版）"')
  .refine((t) => !/\{(?!n\}|n:zh\})/.test(t), 'a jump line template knows only {n} (the page number) and {n:zh} (its Chinese numeral)');

/** 横排 or 直排; a schema of its own at each key, for its own description. */
const writing = () => z.enum(['horizontal', 'vertical']).optional();

export const HouseSchema = z.strictObject({
  fonts: z.string().optional().register(KEY_DOCS, doc('the fonts file, relative to this file', { default: 'banmian\'s fonts/fonts.yaml', examples: ['../fonts/fonts.yaml'], codes: ['MISSING_FILE'] })),
  page: z.strictObject({
    size: z.tuple([pageLen, pageLen]).register(KEY_DOCS, doc('the trim: [width, height]', { examples: [['390mm', '550mm']], codes: ['BAD_GEOMETRY'] })),
    margins: z.strictObject({ top: pageLen, bottom: pageLen, left: pageLen, right: pageLen }).register(KEY_DOCS, doc('from the trim to the type area; the type area is centred between the side margins in whole characters', { examples: [{ top: '30mm', bottom: '20mm', left: '18mm', right: '18mm' }], codes: ['BAD_GEOMETRY'] })),
    bleed: pageLen.optional().register(KEY_DOCS, doc('how far artwork runs past the trim: the BleedBox, 0–50 mm', { default: '0', examples: ['3mm'], codes: ['BAD_GEOMETRY'] })),
  }).register(KEY_DOCS, doc('the page: trim, margins, bleed')),
  grid: z.strictObject({
    columns: count('grid.columns').register(KEY_DOCS, doc('basic columns (基本栏) across the type area', { examples: [8], codes: ['BAD_GEOMETRY'] })),
    chars: count('grid.chars').optional().register(KEY_DOCS, doc('characters of the body type per basic column', { default: 'as many as the type area holds', examples: [13], codes: ['BAD_GEOMETRY'] })),
    gutter: length(['zw']).optional().register(KEY_DOCS, doc('between basic columns, in body characters', { default: '1zw', examples: ['1zw'], codes: ['BAD_GEOMETRY'] })),
    body: z.string().optional().register(KEY_DOCS, doc('the style of body text, whose size and pitch make the grid: character width and line pitch', { default: 'body', codes: ['UNKNOWN_STYLE'] })),
  }).register(KEY_DOCS, doc('the character grid; banmian grid prints what it gives: grid lines per page, line pitch, columns in mm')),
  styles: z.record(z.string(), StyleSchema).register(KEY_DOCS, doc('text styles by name. banmian uses body (or grid.body), kicker, title, deck, subhead, dateline, jump, caption, folio and masthead; a block may name others (body:)', { examples: [{ body: { font: 'song', size: '小五', pitch: '1.5em' } }], codes: ['UNKNOWN_STYLE', 'UNKNOWN_FONT', 'UNKNOWN_INK'] })),
  composition: CompositionSchema.optional().register(KEY_DOCS, doc('composition settings (docs/typography.md); a block may override each')),
  print: PrintSchema.optional().register(KEY_DOCS, doc('what the plate-setter gets: colour mode, marks, PDF/X output intent, spot inks')),
  rules: HouseRulesSchema.optional().register(KEY_DOCS, doc('栏线 between text columns, rules between stories, box frames')),
  photos: HousePhotosSchema.optional().register(KEY_DOCS, doc('the resolution and JPEG quality of placed photos')),
  folio: FolioSchema.optional().register(KEY_DOCS, doc('the folio line (报眉) over pages 2 and on; without it pages have none')),
  'headline-condense': z.number().min(0.5).max(1).optional().register(KEY_DOCS, doc('the house limit for condensing a fitted title (长体), a fraction of its width', { default: 0.85, examples: [0.8] })),
  jump: z.strictObject({
    digits: z.enum(['arabic', 'chinese']).optional().register(KEY_DOCS, doc('第2版 or 第二版 in jump lines', { default: 'arabic' })),
    place: z.enum(['own-line', 'run-on']).optional().register(KEY_DOCS, doc('a jump line on a line of its own, or run on after the text where it fits', { default: 'own-line' })),
    // the paper's own wording: "（轉{n}版）", "（接A{n}版）"; default by lang (（下转第{n}版）/（上接第{n}版）)
    to: JumpTemplate.optional().register(KEY_DOCS, doc('the paper\'s wording of the line that sends a story on: {n} the page (in digits), {n:zh} in Chinese numerals', { default: '（下转第{n}版）; （轉第{n}版） in Taiwan and Hong Kong (lang)', examples: ['（轉A{n}版）'] })),
    from: JumpTemplate.optional().register(KEY_DOCS, doc('the paper\'s wording of the line a continuation starts with: {n} the page it comes from', { default: '（上接第{n}版）; （接第{n}版） in Taiwan and Hong Kong (lang)', examples: ['（接A{n}版）'] })),
  }).optional().register(KEY_DOCS, doc('the jump lines of stories continued on another page (转版)')),
  lang: z.enum(LANGS).optional().register(KEY_DOCS, doc('the paper\'s locale: fonts, punctuation, jump wording', { default: 'zh-Hans' })),
  writing: writing().register(KEY_DOCS, doc('the direction of body text: horizontal (横排), or vertical (直排: lines top to bottom, right to left, in tiers); a page or a block may say otherwise', { default: 'horizontal', examples: ['vertical'] })),
});

export const EditionSchema = z.strictObject({
  paper: shortText().register(KEY_DOCS, doc('the paper\'s name: the masthead, the folio line, the PDF title', { examples: ['荆州日报'] })),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d), 'date must be YYYY-MM-DD')
    // a real day of the calendar: 2024-13-45 would become an invalid PDF date
    .refine((d) => {
      const t = new Date(`${d}T00:00:00Z`).getTime();
      return !/^\d{4}-\d{2}-\d{2}$/.test(d) || (!Number.isNaN(t) && new Date(t).toISOString().startsWith(d));
    }, 'date is not a day of the calendar').register(KEY_DOCS, { ...doc('the day of the edition, YYYY-MM-DD: the masthead, the folio line, the PDF\'s dates', { examples: ['2024-12-06'] }), pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  house: z.string().register(KEY_DOCS, doc('the house style, relative to this file', { examples: ['../house.yaml'], codes: ['MISSING_FILE'] })),
  pages: z.array(z.string()).min(1, 'an edition needs at least one page').register(KEY_DOCS, doc('the page files, relative to this file, in any order (each has its number:)', { examples: [['p01.yaml', 'p02.yaml']], codes: ['MISSING_FILE', 'DUPLICATE_PAGE'] })),
  masthead: MastheadSchema.optional().register(KEY_DOCS, doc('the facts of page 1\'s masthead (报头): issue number, publication numbers')),
  lang: z.enum(LANGS).optional().register(KEY_DOCS, doc('this edition\'s locale, over the house\'s', { default: 'the house\'s lang' })),
});

export const HeadlineSchema = z.strictObject({
  place: z.enum(['top', 'right', 'left']).optional().register(KEY_DOCS, doc('top: stacked over the text; right or left: a vertical headline (竖题) in a strip beside the text', { default: 'top', examples: ['right'] })),
  lines: count('headline.lines').optional().register(KEY_DOCS, doc('grid lines of a headline on top', { default: 'as many as its decks need', examples: [9], codes: ['HEADLINE_TOO_TALL'] })),
  width: count('headline.width').optional().register(KEY_DOCS, doc('body characters across a vertical headline\'s strip', { default: 'as many as its columns need', examples: [4], codes: ['HEADLINE_TOO_WIDE'] })),
  // the title takes the largest size in [min, max] at which each of its lines fits the width, and
  // failing that is condensed (长体) down to `condense` of its width at min
  fit: z.strictObject({
    // each its own schema: a description registered for the shared styleLen would be every length's
    min: length(['pt', 'mm', 'Q', 'zw']).register(KEY_DOCS, doc('the smallest title size', { examples: ['二号'] })),
    max: length(['pt', 'mm', 'Q', 'zw']).register(KEY_DOCS, doc('the largest title size', { examples: ['小初'] })),
    condense: z.number().min(0.5).max(1).optional().register(KEY_DOCS, doc('the narrowest the title may be condensed at min, a fraction of its width', { default: 'headline-condense' })),
  }).optional().register(KEY_DOCS, doc('the title takes the largest size from min to max at which each of its lines fits the block, and failing that is condensed (长体)', { codes: ['HEADLINE_TOO_LONG'] })),
  // per-block overrides of the house kicker/title/deck styles (a lead story's title is bigger)
  kicker: StyleSchema.optional().register(KEY_DOCS, doc('this block\'s kicker (引题) style, over the house kicker style')),
  title: StyleSchema.optional().register(KEY_DOCS, doc('this block\'s title (主题) style, over the house title style', { examples: [{ size: '小初' }] })),
  deck: StyleSchema.optional().register(KEY_DOCS, doc('this block\'s deck (副题) style, over the house deck style')),
});

const BlockBase = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'id takes only ASCII letters, digits, - and _ (finance, lead-2)').register(KEY_DOCS, doc('the block\'s name on its page: ASCII letters, digits, - and _', { examples: ['finance'], codes: ['DUPLICATE_BLOCK'] })),
  // an article's file name in content/<edition>/ without .md, or a path ending in .md
  story: z.string().refine((s) => s.endsWith('.md') || /^[^\s/\\:*?"<>|\p{Cc}\p{Cf}]+$/u.test(s), 'story is an article\'s file name without .md (no spaces, slashes or quotes), or a path ending in .md')
    .register(KEY_DOCS, doc('the article: a name in content/<edition>/ without .md, or a path ending in .md relative to this file', { examples: ['finance'], codes: ['MISSING_FILE', 'STORY_TWICE'] })),
  col: count('col').register(KEY_DOCS, doc('the first basic column, from 1 at the left', { examples: [1], codes: ['BLOCK_OFF_GRID', 'BLOCK_OVERLAP'] })),
  cols: count('cols').register(KEY_DOCS, doc('basic columns spanned', { examples: [3], codes: ['BLOCK_OFF_GRID', 'BLOCK_OVERLAP'] })),
  line: count('line').optional().register(KEY_DOCS, doc('the first grid line, from 1 at the top (or below: instead)', { examples: [1], codes: ['BLOCK_OFF_GRID', 'BLOCK_OVERLAP'] })),
  lines: z.union([z.literal('auto'), count('lines')], { error: 'lines must be a whole number of grid lines, or auto' })
    .register(KEY_DOCS, doc('grid lines the block takes (banmian grid gives a page\'s count), or auto: the headline\'s rows and the fewest lines that hold the copy as set (not on a part of a thread; a vertical block keeps its width and tiers and takes the height whose tiers hold it)', { examples: [22, 'auto'], codes: ['BLOCK_OFF_GRID', 'BLOCK_OFF_PAGE', 'BLOCK_OVERFLOW', 'BLOCK_UNDERFLOW', 'THREAD_CONFLICT'] })),
  below: z.string().optional().register(KEY_DOCS, doc('instead of line: the first grid line under the block of this id on this page (chains allowed)', { examples: ['finance'], codes: ['UNKNOWN_BLOCK', 'BELOW_CYCLE', 'BLOCK_OFF_PAGE'] })),
  columns: count('columns').optional().register(KEY_DOCS, doc('text columns in the block; other than cols, a 破栏 that widens the gutters', { default: 'cols', examples: [2] })),
  // its lines at their own size and pitch between the page grid lines at the block's top and bottom
  body: z.union([z.string(), StyleSchema]).optional().register(KEY_DOCS, doc('the body text in a house style (its name), or the house body style changed (font, size, pitch, colour); set at that size on rows of that pitch between the page grid lines at the block\'s top and bottom', { default: 'the house body style', examples: ['commentary', { size: '五号' }], codes: ['UNKNOWN_STYLE'] })),
  balance: z.boolean().optional().register(KEY_DOCS, doc('columns of equal length instead of filled in turn', { default: false })),
  fit: z.enum(['auto', 'none']).optional().register(KEY_DOCS, doc('auto: copyfit the story to the block without touching a word (some paragraphs a line shorter or longer, then tracking)', { default: 'none', examples: ['auto'], codes: ['COPYFIT', 'COPYFIT_LIMIT'] })),
  composition: CompositionSchema.optional().register(KEY_DOCS, doc('this block\'s composition settings, over the house\'s', { examples: [{ punctuation: 'kaiming' }] })),
  // threads (转版): this block takes the overflow of block `continues` (same story, this or an
  // earlier page); or the story comes from / goes on to a page outside this build
  continues: z.string().optional().register(KEY_DOCS, doc('the id of the block (this or an earlier page) whose overflow this block takes: a jump (转版)', { examples: ['finance'], codes: ['UNKNOWN_BLOCK', 'THREAD_CONFLICT', 'THREAD_CYCLE', 'THREAD_OTHER_STORY', 'THREAD_BACKWARDS', 'THREAD_FORK', 'THREAD_EMPTY'] })),
  'continued-from': count('continued-from').optional().register(KEY_DOCS, doc('the page, outside this build, the story comes from: starts with （上接第N版）', { examples: [1], codes: ['THREAD_CONFLICT'] })),
  'continued-to': count('continued-to').optional().register(KEY_DOCS, doc('the page, outside this build, the story goes on to: ends with （下转第N版）', { examples: [5] })),
  'jump-title': z.union([shortText(), z.array(shortText())]).optional().register(KEY_DOCS, doc('the 转版题 over a continuation; a list or | breaks its lines', { default: 'the story\'s headline is not repeated', examples: ['抓紧建立支持小微企业融资协调工作机制'] })),
  headline: HeadlineSchema.optional().register(KEY_DOCS, doc('where the story\'s headline goes and its style overrides', { examples: [{ lines: 9, title: { size: '小初' } }, { place: 'right', width: 4 }] })),
  image: BlockImageSchema.optional().register(KEY_DOCS, doc('a photo at a corner of the text area; the text columns it spans start below it (or end above it)')),
  box: BoxSchema.optional().register(KEY_DOCS, doc('边框: a frame round the block, true, or the text\'s inset in whole characters and lines: { padding: N }', { default: false, examples: [true, { padding: 0 }] })),
  tint: ColourSchema.optional().register(KEY_DOCS, doc('底纹: the block\'s rectangle filled with a colour', { examples: [[0, 0, 0, 10], '报红 20%'], codes: ['UNKNOWN_INK'] })),
  writing: writing().register(KEY_DOCS, doc('this block\'s body text horizontal, or vertical (直排): lines from the right edge leftwards, in tiers', { default: 'the page\'s', examples: ['vertical'] })),
  tiers: count('tiers').optional().register(KEY_DOCS, doc('vertical text: the tiers (段) its lines are stacked in, top to bottom, each whole characters tall', { default: 1, examples: [3], codes: ['BAD_VALUE'] })),
});

export const BlockSchema = BlockBase.extend({
  // 集纳: this block's story (the package flag and intro) takes the top `head` rows; the items are
  // blocks placed below it, their col and line counted from the package's first column and the
  // first row under the head
  package: z.strictObject({
    head: count('package.head').register(KEY_DOCS, doc('grid lines of the package\'s head: this block\'s own story (the flag and intro)', { examples: [5] })),
    items: z.array(BlockBase).min(1, 'a package needs at least one item').register(KEY_DOCS, doc('the items: blocks whose col and line count from the package\'s first column and the first line under the head', { codes: ['BLOCK_OFF_PACKAGE'] })),
  }).optional().register(KEY_DOCS, doc('集纳: this block is a package of short items under one head')),
});

export const PageSchema = z.strictObject({
  number: count('number').register(KEY_DOCS, doc('the page number (第N版): file names pNN.pdf, jump lines, the folio line', { examples: [2], codes: ['DUPLICATE_PAGE'] })),
  section: shortText().optional().register(KEY_DOCS, doc('the section (版名) in the folio line', { examples: ['要闻'] })),
  blocks: z.array(BlockSchema).register(KEY_DOCS, doc('the stories on the page, each a rectangle of the grid')),
  photos: z.array(PagePhotoSchema).optional().register(KEY_DOCS, doc('photos of their own on the grid, with caption and credit')),
  ads: z.array(AdSchema).optional().register(KEY_DOCS, doc('advertisements on the grid: a PDF placed as its vector page, or an image')),
  masthead: GridRectSchema.optional().register(KEY_DOCS, doc('where page 1\'s masthead (报头) sits on the grid', { examples: [{ col: 1, cols: 3, line: 1, lines: 12 }], codes: ['MASTHEAD_TOO_BIG', 'BLOCK_OFF_GRID'] })),
  credits: CreditsSchema.optional().register(KEY_DOCS, doc('the editors\' credits in the folio line: role → name', { examples: [{ 责任编辑: '张三' }], codes: ['FOLIO_CROWDED'] })),
  rules: PageRulesSchema.optional().register(KEY_DOCS, doc('this page\'s rule switches, over the house\'s')),
  writing: writing().register(KEY_DOCS, doc('the direction of this page\'s body text, over the house\'s', { default: 'the house\'s', examples: ['vertical'] })),
});

export type HouseInput = z.output<typeof HouseSchema>;
export type EditionInput = z.output<typeof EditionSchema>;
export type PageInput = z.output<typeof PageSchema>;
