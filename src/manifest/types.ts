/** Validated, unit-resolved manifests: the input of every later stage. All lengths in points. */
import type { Diagnostic } from '../diagnostic.ts';

export type Align = 'left' | 'center' | 'right';

export interface Style {
  name: string;
  family: string; // a family of fonts/fonts.yaml: song, hei, kai
  weight: number; // 100–900
  size: number;
  pitch: number; // baseline to baseline when the style sets several lines
  align: Align;
}

export interface HouseStyle {
  file: string;
  fontsFile: string;
  page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number }; bleed: number };
  grid: { columns: number; chars?: number /* per basic column */; gutter: number /* in body characters */ };
  body: Style;
  styles: Record<string, Style>;
  indent: number; // first-line indent, in body characters
}

export interface StoryRef {
  id: string;
  file: string;
}

export interface BlockSpec {
  id: string;
  at: Diagnostic; // where the block is declared, for diagnostics
  story: StoryRef;
  col: number; // 1-based basic column
  cols: number;
  line: number; // 1-based grid line
  lines: number;
  columns: number; // text columns inside the block
  balance: boolean; // columns of equal length (±1 line) instead of filling each in turn
  headline: { place: 'top'; lines?: number; styles: Partial<Record<'kicker' | 'title' | 'deck', Style>> };
}

export interface PageSpec {
  file: string;
  number: number;
  section?: string;
  blocks: BlockSpec[];
}

export interface EditionSpec {
  file: string;
  name: string; // the edition folder's name: sample, demo, …
  paper: string;
  date: string; // YYYY-MM-DD
  house: HouseStyle;
  pages: PageSpec[];
}
