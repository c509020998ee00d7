/**
 * Character classes for Chinese composition (docs/typography.md §1) and the GB-level line-break
 * prohibitions (§2).
 */
import type { KinsokuLevel } from '../types.ts';

export type CharClass =
  | 'IDEO' // 汉字, 〇
  | 'OPEN' // “ ‘ （ 《 〈 【 〔 〖 「 『 ［ ｛
  | 'CLOSE' // ” ’ ） 》 〉 】 〕 〗 」 』 ］ ｝
  | 'STOP_IN' // ， 、 ； ：
  | 'STOP_END' // 。 ？ ！ ．
  | 'MIDDOT' // ·
  | 'DASH' // — (—— is two of them, set as one 2 em unit)
  | 'ELLIP' // … (…… likewise)
  | 'CONN' // – - ～
  | 'SOLIDUS' // / ／
  | 'PREFIX' // ￥ ¥ $ ＄ # € £
  | 'POSTFIX' // % ％ ‰ ℃ ° ′ ″
  | 'DIGIT' // 0–9
  | 'LATIN' // letters of any alphabetic script
  | 'LATIN_OPEN' // ( [ {
  | 'LATIN_CLOSE' // , . ; : ? ! ) ] } and other Latin punctuation that may not start a line
  | 'SPACE' // ASCII and other breaking spaces
  | 'IDSP' // U+3000 ideographic space
  | 'OTHER';

const table = new Map<number, CharClass>();
const put = (chars: string, cls: CharClass) => { for (const c of chars) table.set(c.codePointAt(0)!, cls); };
put('“‘（《〈【〔〖「『［｛｟〘﹙﹛﹝', 'OPEN');
put('”’）》〉】〕〗」』］｝｠〙﹚﹜﹞', 'CLOSE');
put('，、；：﹐﹑﹔﹕', 'STOP_IN'); // and the small forms of Big5 copy
put('。？！．‼⁇⁈⁉﹒﹖﹗', 'STOP_END');
put('·・‧', 'MIDDOT');
put('—―⸺', 'DASH');
put('…⋯', 'ELLIP');
put('–-～〜', 'CONN');
put('/／', 'SOLIDUS');
put('￥¥$＄#€£', 'PREFIX');
put('%％‰℃°′″￠', 'POSTFIX');
put('([{', 'LATIN_OPEN');
put(',.;:?!)]}\'"&*+=<>@\\^_`|~', 'LATIN_CLOSE');
put(' \t\u00a0\u2002\u2003\u2009', 'SPACE');
put('\u3000', 'IDSP');
put('〇々', 'IDEO');

export function classify(cp: number): CharClass {
  const c = table.get(cp);
  if (c) return c;
  if (cp >= 0x30 && cp <= 0x39) return 'DIGIT';
  if (isIdeograph(cp)) return 'IDEO';
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x52f)) return 'LATIN';
  return 'OTHER';
}

export function isIdeograph(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ebef) ||
    (cp >= 0x30000 && cp <= 0x323af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

/** Full-width Chinese punctuation whose blank side may be compressed. */
export const isCjkPunct = (c: CharClass): boolean =>
  c === 'OPEN' || c === 'CLOSE' || c === 'STOP_IN' || c === 'STOP_END' || c === 'MIDDOT';

/** Set from the Latin font, proportional, with a CJK–Latin gap against ideographs. */
export const isLatinLike = (c: CharClass): boolean => c === 'LATIN' || c === 'DIGIT';


export interface Prohibitions {
  noStart: ReadonlySet<CharClass>;
  noEnd: ReadonlySet<CharClass>;
}

// …… moves with the character before it at every level but none (xeCJK's rule); —— may start a line
const BASIC_START: CharClass[] = ['CLOSE', 'STOP_IN', 'STOP_END', 'MIDDOT', 'CONN', 'POSTFIX', 'LATIN_CLOSE', 'ELLIP'];
const BASIC_END: CharClass[] = ['OPEN', 'PREFIX', 'LATIN_OPEN'];

/** The 禁则 levels of docs/typography.md §2: which classes may not start or end a line. */
export const KINSOKU: Readonly<Record<KinsokuLevel, Prohibitions>> = {
  none: { noStart: new Set(), noEnd: new Set() },
  basic: { noStart: new Set(BASIC_START), noEnd: new Set(BASIC_END) },
  gb: { noStart: new Set([...BASIC_START, 'SOLIDUS']), noEnd: new Set([...BASIC_END, 'SOLIDUS']) },
  strict: { noStart: new Set([...BASIC_START, 'SOLIDUS', 'DASH']), noEnd: new Set([...BASIC_END, 'SOLIDUS']) },
};

/** For checks over set text: whether a character may not start (end) a line at the GB level. */
export const mayNotStart = (ch: string): boolean => ch !== '' && KINSOKU.gb.noStart.has(classify(ch.codePointAt(0)!));
export const mayNotEnd = (ch: string): boolean => ch !== '' && KINSOKU.gb.noEnd.has(classify(ch.codePointAt(0)!));
