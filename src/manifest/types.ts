/** Validated, unit-resolved manifests: the input of every later stage. All lengths in points. */
import type { Diagnostic, SourcePos } from '../diagnostic.ts';
import type { Colour, Composition, Lang, PrintSettings } from '../types.ts';
import type { BlockFurniture, HouseFurniture, MastheadInfo, PageFurniture } from './furniture.ts';

/** Composition settings as a house or a block gives them. */
export interface BlockComposition extends Composition {
  widows: boolean; // avoid 孤行: a paragraph's single first/last line at a column's bottom/top
  fitTracking: number; // copyfitting may change each gap by at most this, em
}

export type Align = 'left' | 'center' | 'right';

export interface Style {
  name: string;
  family: string; // a family of fonts/fonts.yaml: song, hei, kai
  weight: number; // 100–900
  size: number;
  pitch: number; // baseline to baseline when the style sets several lines
  align: Align;
  colour?: Colour; // default 100% K
  at?: SourcePos; // where the style names its font (or is declared), for diagnostics
}

export type { Cmyk, Colour, PrintSettings } from '../types.ts';

export interface HouseStyle {
  file: string;
  fontsFile: string;
  page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number }; bleed: number };
  grid: { columns: number; chars?: number /* per basic column */; gutter: number /* in body characters */ };
  body: Style;
  styles: Record<string, Style>;
  composition: BlockComposition;
  print: PrintSettings;
  jump: { digits: 'arabic' | 'chinese'; place: 'own-line' | 'run-on'; to: string; from: string }; // 转版 markers; to/from: templates with {n}, {n:zh}
  lang: Lang; // the locale of the edition's pages and of its stories that name none
  writing: 'horizontal' | 'vertical'; // body text 横排 or 直排, unless a page or block says otherwise
  headlineCondense: number; // the narrowest a fitted title may be condensed (长体), e.g. 0.85
  furniture: HouseFurniture; // rules, boxes, photo resolution, the folio line (src/manifest/furniture.ts)
}

export interface StoryRef {
  id: string;
  file: string;
}

export interface BlockSpec extends BlockFurniture /* image:, box:, tint: */ {
  id: string;
  at: SourcePos; // where the block is declared, for diagnostics
  story: StoryRef;
  col: number; // 1-based basic column
  cols: number;
  line: number; // 1-based grid line (of a block placed `below` another: resolved on the page)
  lines: number; // grid lines (of a block with lines: auto: resolved on the page, layout/page.ts)
  below?: { id: string; at: SourcePos }; // starts on the first grid line under this block of the page
  auto?: SourcePos; // lines: auto, where the key is: the headline's rows and the lines its copy needs
  body?: Style; // its body text's style, when not the house body style
  columns: number; // text columns inside the block
  balance: boolean; // columns of equal length (±1 line) instead of filling each in turn
  fit: boolean; // copyfit: make the story fit without touching a word
  composition: BlockComposition; // the house settings with this block's overrides
  continues?: { id: string; at: SourcePos }; // the block whose overflow this one takes
  continuedFrom?: number; // the story began on this page, outside the build
  continuedTo?: number; // the story goes on on this page, outside the build
  jumpTitle: string[]; // 转版题 over a continuation (replaces the story's headline)
  package?: { col: number; cols: number; line: number; lines: number }; // 集纳: the whole package's rectangle (on the package's own block)
  parent?: string; // the package this block is an item of
  vertical?: { tiers: number }; // 直排 (writing: vertical): lines right to left, in tiers (段) top to bottom
  headline: {
    place: 'top' | 'right' | 'left'; lines?: number; width?: number;
    styles: Partial<Record<'kicker' | 'title' | 'deck', Style>>;
    fit?: { min: number; max: number; condense: number }; // the title's size chosen to fit, pt
  };
}

export interface PageSpec {
  file: string;
  number: number;
  section?: string;
  blocks: BlockSpec[];
  furniture: PageFurniture; // photos:, masthead:, credits:, rules:
}

export interface EditionSpec {
  file: string;
  name: string; // the edition folder's name: sample, demo, …
  paper: string;
  paperAt?: SourcePos; // the paper's name and the masthead's facts in edition.yaml, for their glyphs
  mastheadAt?: SourcePos;
  date: string; // YYYY-MM-DD
  house: HouseStyle;
  pages: PageSpec[];
  masthead?: MastheadInfo; // issue number, publication numbers, lunar date: for page 1's masthead
  pagesToday?: number; // the pages the edition has when `pages` holds only those laid out so far (makeup): the masthead's 今日N版
  only?: number[]; // build just these pages (the rest is laid out for its threads, not written)
}
