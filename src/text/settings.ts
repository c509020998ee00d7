/**
 * House composition settings (docs/typography.md §2–§5), each with its GB newspaper default and
 * overridable per block; defined with the other shared data in src/types.ts.
 */
export { GB_DEFAULTS, type CjkLatinSpacing, type Composition, type KinsokuLevel, type PunctStyle } from '../types.ts';
