/**
 * House composition settings (TYPOGRAPHY.md §2–§5), each with its GB newspaper default and
 * overridable per block.
 */
import type { KinsokuLevel } from './classes.ts';

export type { KinsokuLevel } from './classes.ts';

/** §3.1: 全角式, 开明式, 行末半角式, 半角式. */
export type PunctStyle = 'quanjiao' | 'kaiming' | 'hangmobanjiao' | 'banjiao';

/** §5: no gap, a 1/4 em gap (elastic 1/8–1/2), or gaps that round Latin runs up to whole characters. */
export type CjkLatinSpacing = 'none' | 'quarter' | 'grid';

export interface Composition {
  punctuation: PunctStyle;
  kinsoku: KinsokuLevel;
  cjkLatin: CjkLatinSpacing;
  hanging: boolean; // one line-end ，。、 may hang past the measure (off in mainland papers)
  indent: number; // first-line indent, em
  tracking: number; // added to every inter-character gap, em (copyfitting)
}

export const GB_DEFAULTS: Readonly<Composition> = {
  punctuation: 'quanjiao', kinsoku: 'gb', cjkLatin: 'quarter', hanging: false, indent: 2, tracking: 0,
};
