/**
 * The display list between layout and render: plain, JSON-serialisable data. All lengths pt, y down.
 * It carries what the later stages need to know, so that the renderer, the checks, the previews and
 * the snapshots read only it: each line's paint and source position, each page's section, each
 * block's copyfit result and where its story stopped.
 */
import type { Diagnostic, SourcePos } from '../diagnostic.ts';
import type { Colour, PunctStyle } from '../types.ts';
import type { PlacedGlyph } from '../text/compose.ts';
import type { Story } from '../content/story.ts';
import type { GridRect, TextGrid } from './geometry.ts';

export type LineRole = 'body' | 'subhead' | 'kicker' | 'title' | 'deck' | 'jump' | 'caption' | 'folio' | 'masthead';

export interface TextLine {
  role: LineRole;
  x: number; // line start (column edge)
  baseline: number;
  measure: number;
  end: number; // where the set line ends, relative to x
  glyphs: PlacedGlyph[]; // x relative to the line start
  text: string;
  first: boolean; // first line of its paragraph (or headline deck)
  last: boolean; // last line of its paragraph
  stretch: number; // largest widening of a gap, em
  paint: Colour; // the colour of its style
  vertical?: true; // a vertical column (x its left edge, baseline its top): glyphs carry their own baselines (y below the top); body lines keep bx, bw along the line
  para?: number; // paragraph index within the story (body lines)
  at?: SourcePos; // where its first character is in the article file (body lines and subheads)
}

export interface FrameLayout {
  x: number;
  width: number;
  firstLine: number; // 1-based grid line of its first row (of its block's text rows, when it has them: BlockLayout.text)
  capacity: number; // rows
  lines: TextLine[];
  // a tier (段) of vertical text (直排): its top and height (whole characters of em), its lines `pitch` apart from the right edge leftwards
  tier?: { y: number; height: number; em: number; pitch: number };
}

export interface BlockLayout {
  id: string;
  story: string;
  grid: GridRect; // its rectangle on the page grid (a box's padding included)
  x: number;
  y: number; // top of the block's first grid row (em-box top)
  width: number;
  height: number;
  headline: TextLine[];
  headlineOverset?: number; // headline lines left out: over its rows even at its smallest size (HEADLINE_TOO_TALL)
  frames: FrameLayout[];
  overflow: number; // story lines that did not fit
  underflow: number; // empty rows left in the block
  punctuation: PunctStyle; // the block's composition, for the checks
  indent: number; // first-line indent, em
  balanced: boolean;
  copyfit?: CopyfitResult; // when copyfitting changed the setting
  fill: BlockFill; // its copy against its room, in characters (字数)
  stop?: StoryPosition; // where its story stopped, when a later part of a thread goes on from there
  jump?: { from?: number; to?: number }; // the jump lines it carries: （上接第from版）, （下转第to版）
  package?: { x: number; y: number; width: number; height: number; chars: number }; // 集纳: the whole package (on its head block)
  parent?: string; // the package this block is an item of
  text?: TextGrid; // the rows its body is set on, when its body style has another size or pitch than the page grid (body:)
}

export interface GridInfo {
  em: number;
  pitch: number;
  x0: number; // type area
  y0: number;
  width: number;
  lines: number; // grid rows on the page
  firstBaseline: number;
  columns: number;
  colChars: number;
  gutterChars: number;
}

export interface Mark {
  kind: 'overset';
  x: number;
  y: number;
  size: number;
  block: string;
}

/** What copyfitting did to a block: how far off it was as set, and what it changed. */
export interface CopyfitResult {
  overflow: number; // lines over as set
  underflow: number; // empty lines as set
  changed: string; // e.g. "paragraphs 2, 5 set one line shorter and tracking -0.01 em"
  tracking: number; // em, of every paragraph: below 0 the ideographs are squeezed (NEG_GAP)
}

/**
 * A block's copy against its room in characters, white space not counted (as copy accounting
 * counts), and, for a story over or short of a block it does not hand on from, what the copy desk
 * would change to make it fit (src/layout/cuts.ts).
 */
export interface BlockFill {
  chars: number; // characters of copy set in the block
  capacity: number; // characters its text rows hold: rows × characters per line, frame by frame
  overset?: number; // characters that did not fit
  cuts?: CopyChange[]; // over: the least to cut, cheapest first
  adds?: CopyChange[]; // short: the least to add, cheapest first
  newParagraph?: [number, number]; // short: or a new last paragraph of this many characters (least, most)
}

/** Characters to take out of (put into) a paragraph, just before its final punctuation. */
export interface CopyChange {
  paragraph: number; // its number in the story, from 1
  chars: number;
  room?: number; // adds: characters its last line still has room for
}

/** Where a story goes on: a block of the story and a character offset in that paragraph. */
export interface StoryPosition {
  block: number;
  offset: number;
}

export interface PageLayout {
  number: number;
  file: string;
  section?: string;
  width: number;
  height: number;
  grid: GridInfo;
  blocks: BlockLayout[];
  marks: Mark[];
  furniture: Furniture[]; // rules, boxes, tints, photos and their captions, masthead, folio line
  diagnostics: Diagnostic[];
}

/**
 * Page furniture (src/layout/furniture.ts, photo.ts). The renderer paints tints, photos, rules
 * and boxes before the text; furniture text (captions, masthead, folio) is set with the text.
 */
export type Furniture =
  | { kind: 'rule'; role: 'column' | 'story' | 'folio' | 'masthead'; x1: number; y1: number; x2: number; y2: number; weight: number; colour: Colour }
  | { kind: 'box'; block: string; x: number; y: number; width: number; height: number; weight: number; colour: Colour }
  | { kind: 'tint'; block: string; x: number; y: number; width: number; height: number; colour: Colour }
  | { kind: 'image'; id: string; file: string; hash: string; x: number; y: number; width: number; height: number; crop: ImageCrop; pixels: [number, number]; ppi: number; quality: number; grid?: GridRect }
  | { kind: 'text'; id: string; lines: TextLine[]; grid?: GridRect }
  | { kind: 'ad'; id: string; file: string; hash: string; x: number; y: number; width: number; height: number; grid: GridRect; at: SourcePos }; // a PDF ad, its first page placed whole
// grid: the rectangle a page photo (caption included) or the masthead takes on the page grid

/** The part of the upright source picture a photo shows, in source pixels. */
export interface ImageCrop { left: number; top: number; width: number; height: number }

/** A part of a story as laid out: its block and page. */
export interface ThreadPart { block: BlockLayout; page: number }

/** A story's parts in thread order across the edition (undefined: a part not laid out), for copy accounting. */
export interface StoryThread {
  story: Story;
  parts: (ThreadPart | undefined)[];
  start: { block: string; page: number }; // the first part's block and page
  continuedFrom?: number | undefined; // the first part goes on from a page outside the edition
  continuedTo?: number | undefined; // the last part goes on in a page outside the edition
}

/** The house's jump words (上接, 下转) for a page number, and whether they run on in the text. */
export interface JumpWords { runOn: boolean; from(page: number): string; to(page: number): string }
