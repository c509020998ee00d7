/**
 * Data that several stages share, defined once so that no stage imports another's specs for it:
 * colours and print settings (the manifest resolves them, layout paints lines with them, the
 * renderer and preflight read them) and the composition settings (the manifest resolves them,
 * the composer sets by them, the display list records the punctuation style for the checks).
 */

/** Points per millimetre: all lengths between the stages are points. */
export const MM = 72 / 25.4;

/** Cyan, magenta, yellow, black in percent (0–100). */
export type Cmyk = readonly [number, number, number, number];

/** A colour as the house style names it: a process colour, or a tint (percent) of a spot ink of print.spot. */
export type Colour = { cmyk: Cmyk } | { spot: string; tint: number };

/** 100% K: text and rules with no colour of their own. */
export const BLACK: Colour = { cmyk: [0, 0, 0, 100] };

/** The house style's print: section (src/manifest/print.ts). */
export interface PrintSettings {
  colour: 'cmyk' | 'gray'; // every colour written is DeviceCMYK, or DeviceGray
  marks: boolean; // crop and registration marks outside the bleed
  colourBars: boolean;
  outputIntent?: string; // registered printing condition declared as the PDF/X output intent
  spot: Record<string, Cmyk>; // spot inks and their process equivalents (for proofs)
}

/** What a house style without print: gets. */
export const DEFAULT_PRINT: PrintSettings = { colour: 'cmyk', marks: true, colourBars: false, outputIntent: 'IFRA26', spot: {} };

/** The 禁则 levels of docs/typography.md §2 (the classes each prohibits: text/classes.ts). */
export type KinsokuLevel = 'none' | 'basic' | 'gb' | 'strict';

/** docs/typography.md §3: 全角式, 开明式, 行末半角式, 半角式. */
export type PunctStyle = 'quanjiao' | 'kaiming' | 'hangmobanjiao' | 'banjiao';

/** docs/typography.md §4.4: no gap, a 1/4 em gap (elastic 1/8–1/2), or gaps that round Latin runs up to whole characters. */
export type CjkLatinSpacing = 'none' | 'quarter' | 'grid';

/** The locales a paper or a story is set for (`lang:`): the mainland's, Taiwan's, Hong Kong's (text/locale.ts). */
export const LANGS = ['zh-Hans', 'zh-Hant-TW', 'zh-Hant-HK'] as const;
export type Lang = (typeof LANGS)[number];

/** The language when neither the house, the edition nor the story names one. */
export const DEFAULT_LANG: Lang = 'zh-Hans';

/** Jump lines (转版) as each locale's papers word them, by default: {n} the page (layout/threads.ts fills it). */
export const JUMP_WORDING: Readonly<Record<Lang, { to: string; from: string }>> = {
  'zh-Hans': { to: '（下转第{n}版）', from: '（上接第{n}版）' },
  'zh-Hant-TW': { to: '（轉第{n}版）', from: '（接第{n}版）' },
  'zh-Hant-HK': { to: '（轉第{n}版）', from: '（接第{n}版）' },
};

/** House composition settings (docs/typography.md §2–§5), overridable per block. */
export interface Composition {
  punctuation: PunctStyle;
  kinsoku: KinsokuLevel;
  cjkLatin: CjkLatinSpacing;
  hanging: boolean; // one line-end ，。、 may hang past the measure (off in mainland papers)
  indent: number; // first-line indent, em
  tracking: number; // added to every inter-character gap, em (copyfitting)
  lang?: Lang; // the story's locale: shaping language and the marks of its copy (default zh-Hans)
  // an article's own space between Chinese and Latin or digits (風行歐美 50 年) is set as the CJK–Latin
  // gap, not on top of it; the separators of furniture (出版物号 CN 42-0000, banmian 制图) stay spaces
  absorbSpaces?: boolean;
  // 直排: lines run top to bottom — vertical forms and advances, 2-digit numbers upright (縱中橫),
  // other Latin turned (text/verticalLines.ts)
  vertical?: boolean;
}

/** The GB newspaper defaults. */
export const GB_DEFAULTS: Readonly<Composition> = {
  punctuation: 'quanjiao', kinsoku: 'gb', cjkLatin: 'quarter', hanging: false, indent: 2, tracking: 0,
};
