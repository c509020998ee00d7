/**
 * Shared fixtures for the composer tests: the GB-level prohibition sets written out from
 * docs/typography.md §2 (deliberately not imported from src, so the tests check the composer
 * against the document), a small corpus of news-style sentences, and geometry helpers.
 */
import type { ComposedLine, PlacedGlyph } from '../../src/text/compose.ts';
import { EM } from './helpers.ts';

/** §2.1 NO_START at the GB level (plus — used singly, handled in `startsBadly`). */
export const NO_START = [...'。．，、；：？！‼⁇⁈⁉”’）》〉】〕〗」』］｝｠〙·・‧–-～/％%‰℃°′″'];
/** §2.1 NO_END at the GB level. */
export const NO_END = [...'“‘（《〈【〔〖「『［｛｟〘￥¥$＄#€£/'];

/** Marks whose trailing 0.5 em blank is trimmed at a line end (§3.3). */
export const CLOSE_OR_STOP = [...'”’）》〉】〕〗」』］｝，、；：。？！．'];

export const ink = (l: ComposedLine) => l.glyphs.filter((g) => g.cls !== 'SPACE');
export const firstGlyph = (l: ComposedLine): PlacedGlyph => ink(l)[0]!;
export const lastGlyph = (l: ComposedLine): PlacedGlyph => ink(l).at(-1)!;

/** The first glyph of the line may not start a line (§2.1): a NO_START mark or a single 一字线 —. */
export const startsBadly = (l: ComposedLine): boolean => {
  const g = firstGlyph(l);
  return NO_START.includes([...g.text][0]!) || g.text === '—';
};
export const endsBadly = (l: ComposedLine): boolean => NO_END.includes([...lastGlyph(l).text].at(-1)!);

/** Distance in em between the origins of glyph `i` and glyph `j` of a line. */
export const span = (l: ComposedLine, i: number, j: number) => (l.glyphs[j]!.x - l.glyphs[i]!.x) / EM;

/** Index of the (first) glyph whose text is `t`, searching from `from`. */
export const at = (l: ComposedLine, t: string, from = 0): number => {
  const i = l.glyphs.findIndex((g, k) => k >= from && g.text === t);
  if (i < 0) throw new Error(`no glyph ${t} in ${l.text}`);
  return i;
};

/** Concatenated text of all lines without the space glyphs the composer keeps between words. */
export const joined = (ls: ComposedLine[]) => ls.map((l) => l.glyphs.filter((g) => g.cls !== 'SPACE').map((g) => g.text).join('')).join('');

export const isHan = (s: string) => /\p{Script=Han}/u.test(s);
export const hanCount = (l: ComposedLine) => l.glyphs.filter((g) => g.cls === 'IDEO').length;

/** News-style paragraphs with Chinese punctuation only (no digits or Latin). */
export const CJK_NEWS = [
  '据气象部门消息，受冷空气影响，本周末我市将迎来大范围降温，最低气温可能降到零下五度。市民出行请注意防寒保暖，驾车时要减速慢行。',
  '“我们要把好事办好，把实事办实。”区长在会上说，今年全区新建了十二所幼儿园（含两所公办园），新增学位三千多个。',
  '他翻开《乡村振兴工作手册》，指着其中一页说：“这里写得很清楚——土地流转必须尊重农民意愿……”话音未落，掌声已经响起。',
  '会议指出：要坚持问题导向！要敢于动真碰硬？对群众反映强烈的问题，必须一件一件抓落实、一项一项见成效。',
  '老街改造完成后，沿街的茶馆、书店和裁缝铺陆续重新开张；不少老住户说，街还是那条街，可走在上面心里亮堂多了。',
];

/** News-style paragraphs mixing in digits, units and Latin words. */
export const MIXED_NEWS = [
  '记者从市交通局获悉，2024年全市公交客运量达到3.5亿人次，同比增长86.03%，其中地铁占比超过一半。',
  '跨境电商平台TEMU近日宣布，将在欧洲新建三个仓库；业内人士认为，这一举措（尤其是物流方面）将进一步降低配送成本。',
  '今年1至10月，全省新能源汽车产量为127.6万辆，增长35%，出口额约合480亿元，主要销往东南亚和欧洲市场。',
];
