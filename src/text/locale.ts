/**
 * Locales (語言): what a paper's or a story's `lang:` changes in composition — the OpenType
 * language its faces are shaped with (`locl`), and the marks its copy uses that the class table
 * does not know. Its fonts are fonts.yaml's `locales:`; its jump wording, JUMP_WORDING (types.ts).
 *
 * Taiwan and Hong Kong have no standard of their own for line-breaking (CLREQ §3.1.4: most of their
 * publications follow the same rules as the mainland, and newspapers often none), so the 禁则 levels
 * are shared; what differs is the marks: ── (U+2500 twice) is their dash (破折號) and － their
 * connector. (The small forms ﹐﹑﹔﹕﹒﹖﹗ of Big5 copy are in the class table for every locale.)
 */
import type { Lang } from '../types.ts';
import type { CharClass } from './classes.ts';

export { DEFAULT_LANG, type Lang } from '../types.ts';

/** OpenType language system tags: ZHS, ZHT (Taiwan) and ZHH (Hong Kong), for `locl`. */
export const OT_LANGUAGE: Readonly<Record<Lang, string>> = { 'zh-Hans': 'ZHS', 'zh-Hant-TW': 'ZHT', 'zh-Hant-HK': 'ZHH' };

const TRADITIONAL = new Map<number, CharClass>([
  [0x2500, 'DASH'], // ─: two make the 破折號 ──
  [0xff0d, 'CONN'], // －: the 連接號 of Taiwanese copy
]);

/** A character's class where the locale's copy uses it otherwise than the mainland's (classes.ts has the rest). */
export function localClass(lang: Lang | undefined, cp: number): CharClass | undefined {
  return lang === 'zh-Hant-TW' || lang === 'zh-Hant-HK' ? TRADITIONAL.get(cp) : undefined;
}
