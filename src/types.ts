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

/** The 禁则 levels of TYPOGRAPHY.md §2.1 (the classes each prohibits: text/classes.ts). */
export type KinsokuLevel = 'none' | 'basic' | 'gb' | 'strict';

/** §3.1: 全角式, 开明式, 行末半角式, 半角式. */
export type PunctStyle = 'quanjiao' | 'kaiming' | 'hangmobanjiao' | 'banjiao';

/** §5: no gap, a 1/4 em gap (elastic 1/8–1/2), or gaps that round Latin runs up to whole characters. */
export type CjkLatinSpacing = 'none' | 'quarter' | 'grid';

/** House composition settings (TYPOGRAPHY.md §2–§5), overridable per block. */
export interface Composition {
  punctuation: PunctStyle;
  kinsoku: KinsokuLevel;
  cjkLatin: CjkLatinSpacing;
  hanging: boolean; // one line-end ，。、 may hang past the measure (off in mainland papers)
  indent: number; // first-line indent, em
  tracking: number; // added to every inter-character gap, em (copyfitting)
}

/** The GB newspaper defaults. */
export const GB_DEFAULTS: Readonly<Composition> = {
  punctuation: 'quanjiao', kinsoku: 'gb', cjkLatin: 'quarter', hanging: false, indent: 2, tracking: 0,
};
