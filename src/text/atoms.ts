/**
 * Shaping and atoms: styled runs → glyph boxes with their punctuation blanks, and the gaps between
 * them with their break penalties and adjustability (docs/typography.md §2–§4).
 *
 * Each run is shaped once per script segment with fontkit (`hani`/`ZHS` for Chinese so that
 * dashes and ellipses take their Chinese forms; `latn` for Latin and digits, with kerning).
 */
import type { FontFace } from '../fonts/registry.ts';
import { classify, isCjkPunct, isLatinLike, KINSOKU, type CharClass, type Prohibitions } from './classes.ts';
import type { Composition } from './settings.ts';
import { BuildCache } from './buildCache.ts';
import { DEFAULT_LANG, localClass, OT_LANGUAGE } from './locale.ts';
import { addressBreak, addressSpans } from './addresses.ts';
import { UPRIGHT_CAPITALS } from './vertical.ts';
import { inkFromTop, shapeVertical, TATE_CHU_YOKO, uprightCell } from './verticalLines.ts';

export interface TextRun {
  text: string;
  face: FontFace;
  size: number;
}

export interface Box {
  text: string;
  cls: CharClass;
  face: FontFace;
  size: number;
  gid: number;
  adv: number; // glyph advance, pt
  blankL: number; // compressible blank left of the ink still present, pt
  blankR: number;
  cutL: number; // blank removed by adjacent-pair compression (fixed), pt
  cutR: number;
  squeeze: boolean; // the blanks may be compressed inside the line (not only trimmed at its ends)
  xOff: number; // where the glyph sits inside its box (centred narrow marks)
  src: number; // offset of the first char in the paragraph text
  missing: boolean; // no font of the chain has a glyph for it
  centred?: true; // a full-width mark with its ink centred (TW/HK faces): a whole cell, never compressed
  fallback?: string; // the face it was taken from instead of its run's (FontFace key of the run's face)
  rotated?: true; // vertical setting: a Latin glyph turned 90° clockwise
  cell?: { gid: number; adv: number }[]; // vertical setting: the digits of a 縱中橫 cell, adv in pt
}

export type GapKind = 'none' | 'cjk' | 'cjklatin' | 'space';

export interface Gap {
  kind: GapKind; // 'none': inside a word, number, —— or ……, never stretched (a break inside an address has a penalty)
  natural: number; // pt
  min: number; // shrink limit, pt
  max: number; // limited stretch (before uniform stretch), pt
  uniform: boolean; // takes part in the final, uniform stretch step
  penalty: number; // cost of breaking here; Infinity = prohibited
  space?: { gid: number; face: FontFace; size: number }; // an actual space glyph (kept for copy/paste; a CJK–Latin gap may hold the copy's own)
}

export interface Atoms {
  boxes: Box[];
  gaps: Gap[]; // gaps[i] lies between boxes[i] and boxes[i+1]
  text: string;
}

/** Soft penalty between a number and a following measure word (12月, 3万元): avoid, don't forbid. */
export const DIGIT_WORD_PENALTY = 40;

/** A break inside a web or e-mail address: worse than a break between words, far better than a loose line (COST.loose). */
export const ADDRESS_BREAK_PENALTY = 50;

interface Char { cp: number; cls: CharClass; face: FontFace; size: number; src: number; fallback?: string }

interface Shaped { gid: number; adv: number; cps: number }

/**
 * Glyph id and advance (font units) by code point, per font: fontkit answers each from a binary
 * search of the cmap and a glyph object, and every character of a page asks at least twice.
 */
const cmaps = new WeakMap<FontFace['font'], Map<number, Shaped>>();

/**
 * A glyph's advance (font units), as fontkit's advanceWidth gives it: from hmtx, without the
 * glyph's outline that advanceWidth reads and parses first (a TrueType glyph's box, for a top
 * bearing nothing here uses) — a file read per new character of a measuring run that never
 * draws one. A variable font (the advance then depends on the outline) or anything amiss asks
 * advanceWidth itself, which reports a damaged font as it always did.
 */
function advanceOf(font: FontFace['font'], glyph: { advanceWidth: number }): number {
  const f = font as unknown as { _variationProcessor?: unknown; hmtx?: unknown };
  const g = glyph as unknown as { _getTableMetrics?: (table: unknown) => { advance: number } };
  try {
    if (!f._variationProcessor && typeof g._getTableMetrics === 'function') {
      const hmtx = f.hmtx;
      if (hmtx) return g._getTableMetrics(hmtx).advance;
    }
  } catch { /* advanceWidth says what is wrong */ }
  return glyph.advanceWidth;
}

function glyphOf(face: FontFace, cp: number): Shaped {
  let cmap = cmaps.get(face.font);
  if (!cmap) cmaps.set(face.font, (cmap = new Map()));
  let g = cmap.get(cp);
  if (!g) {
    const glyph = face.font.glyphForCodePoint(cp);
    g = { gid: glyph.id, adv: advanceOf(face.font, glyph), cps: 1 };
    cmap.set(cp, g);
  }
  return g;
}

/** The run's face, or the first face of its fallback chain that has the character. */
function charOf(cp: number, cls: CharClass, run: TextRun, src: number): Char {
  if (cls === 'SPACE') return { cp, cls, face: run.face, size: run.size, src };
  const { face, size } = run;
  if (glyphOf(face, cp).gid !== 0) return { cp, cls, face, size, src };
  const fb = face.fallbacks().find((f) => glyphOf(f, cp).gid !== 0);
  return fb ? { cp, cls, face: fb, size, src, fallback: face.key } : { cp, cls, face, size, src };
}

// Shaping results per (face, script, segment): headlines and rebuilds reuse them. Bounded by
// glyphs, not entries: a few pasted paragraphs of 20,000 characters would otherwise hold hundreds of MB.
export const shapeCache = new BuildCache<Shaped[]>(500_000);

/** Runs of CJK Unified Ideographs (U+4E00–9FFF), and runs of anything else. */
const PLAIN_HAN = /^[\u4e00-\u9fff]+$/;
const HAN_OR_NOT = /[\u4e00-\u9fff]+|[^\u4e00-\u9fff]+/gu;

const remember = (key: string, out: Shaped[]): Shaped[] => shapeCache.set(key, out, out.length);

// Font files by a short number for the shaping keys: a key is a new string each time and is hashed
// whole, and a file path is most of its length.
const fileIds = new Map<string, number>();
export const fileId = (file: string): number => fileIds.get(file) ?? fileIds.set(file, fileIds.size).size - 1;

/**
 * The longest text fontkit shapes at once. Its cost grows faster than the text (a 2 MB word took
 * 53 s and 3 GB), so a longer segment — a pasted URL or a runaway word — is shaped in pieces of
 * this size; no word of real copy comes near it, and kerning is lost only at the cuts.
 */
export const SHAPE_PIECE = 1000;

/** `text` cut into pieces of at most SHAPE_PIECE UTF-16 units, never before a combining mark, joiner or low surrogate. */
export function shapePieces(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (text.length - at > SHAPE_PIECE) {
    let cut = at + SHAPE_PIECE;
    while (cut > at + 1 && /^[\p{M}\u200c\u200d\udc00-\udfff\ufe00-\ufe0f]/u.test(text.slice(cut, cut + 1))) cut--;
    out.push(text.slice(at, cut));
    at = cut;
  }
  out.push(text.slice(at));
  return out;
}

/** `language`: the OpenType language of Chinese segments (ZHS, ZHT, ZHH); Latin ones are shaped without one. */
function shapeSegment(face: FontFace, text: string, latin: boolean, language: string): Shaped[] {
  if (text.length > SHAPE_PIECE) return shapePieces(text).flatMap((piece) => shapeSegment(face, piece, latin, language));
  const id = fileId(face.file); // the file, not the face's key: fonts.yaml may point a key elsewhere
  const kind = latin ? 'l' : language;
  const key = `${id}${kind}${text}`;
  const hit = shapeCache.get(key);
  if (hit) return hit;
  if (latin) return remember(key, shapeRun(face, text, true, language));
  // runs of common ideographs take their cmap glyph (no substitution applies to them: `locl` of
  // the SC, TC and HK faces for their own language changes no ideograph of U+4E00–9FFF, checked on
  // every one) without GSUB's cost; the rest (mostly a mark or two: "，", "。”") is shaped once per face and kept
  const out: Shaped[] = [];
  for (const [chunk] of text.matchAll(HAN_OR_NOT)) {
    if (PLAIN_HAN.test(chunk)) for (let k = 0; k < chunk.length; k++) out.push(glyphOf(face, chunk.charCodeAt(k)));
    else {
      const chunkKey = `${id}${kind}${chunk}`;
      out.push(...(shapeCache.get(chunkKey) ?? remember(chunkKey, shapeRun(face, chunk, false, language))));
    }
  }
  return remember(key, out);
}

// the language systems each font has for `hani` (a regional cut has one: ZHS, ZHT or ZHH)
const haniLanguages = new WeakMap<FontFace['font'], string[]>();

/**
 * The OpenType language to shape a face in: the locale's (`want`), unless the face is a regional
 * cut with one language of its own, which is then its only right one (a TC face shaped as ZHS
 * turns —— into a 1.69 em ligature; an SC face taking a character a TC face lacks stays ZHS).
 */
function languageOf(face: FontFace, want: string): string {
  let tags = haniLanguages.get(face.font);
  if (!tags) {
    const gsub = (face.font as unknown as { GSUB?: { scriptList: { tag: string; script: { langSysRecords: { tag: string }[] } }[] } }).GSUB;
    tags = gsub?.scriptList.find((s) => s.tag === 'hani')?.script.langSysRecords.map((l) => l.tag.trim()) ?? [];
    haniLanguages.set(face.font, tags);
  }
  return tags.length === 1 && tags[0] !== want ? tags[0]! : want;
}

/** fontkit shaping: `latn` with kerning, or `hani` in the locale's language so `locl` gives dashes and ellipses their Chinese forms. */
function shapeRun(face: FontFace, text: string, latin: boolean, language: string): Shaped[] {
  const run = latin ? face.font.layout(text, [], 'latn') : face.font.layout(text, [], 'hani', language);
  const out = run.glyphs.map((g, i) => ({
    gid: g.id,
    // Chinese: the glyph's own advance (GPOS kerning between ideographs would break the grid)
    adv: latin ? run.positions[i]!.xAdvance : advanceOf(face.font, g),
    cps: g.codePoints.length,
  }));
  if (out.reduce((s, g) => s + g.cps, 0) === [...text].length) return out;
  // unexpected cluster mapping: fall back to one glyph per code point
  return [...text].map((c) => glyphOf(face, c.codePointAt(0)!));
}

export function buildAtoms(runs: readonly TextRun[], set: Composition): Atoms {
  const lang = set.lang ?? DEFAULT_LANG;
  const chars: Char[] = [];
  let src = 0;
  for (const r of runs) {
    for (const ch of r.text) {
      const cp = ch.codePointAt(0)!;
      chars.push(charOf(cp, localClass(lang, cp) ?? classify(cp), r, src));
      src += ch.length;
    }
  }
  const text = runs.map((r) => r.text).join('');
  const addresses = addressSpans(text);
  const latin = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) latin[i] = isLatinSeg(chars, i) ? 1 : 0;
  for (const [s, e] of addresses) for (let i = 0; i < chars.length; i++) if (chars[i]!.src >= s && chars[i]!.src < e) latin[i] = 1; // one Latin word
  const end = (c: Char) => c.src + (c.cp > 0xffff ? 2 : 1); // where the character ends in `text`
  const boxes: Box[] = [];
  const spaceAfter: (Char | undefined)[] = [];
  const held = new Set<number>(); // gaps inside a run of upright capitals
  // Segments: maximal runs of one face and one script (Latin-like vs the rest); spaces split them.
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c.cls === 'SPACE') {
      if (boxes.length) spaceAfter[boxes.length - 1] ??= c;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && chars[j]!.cls !== 'SPACE' && chars[j]!.face === c.face && chars[j]!.size === c.size && latin[j] === latin[i]) j++;
    // a segment's characters are contiguous in the text
    const seg = text.slice(c.src, end(chars[j - 1]!)), isLatin = latin[i] === 1;
    if (set.vertical && isLatin && TATE_CHU_YOKO.test(seg)) {
      // 縱中橫: one upright cell on the grid, like an ideograph
      const cell = uprightCell(c.face, seg, c.size);
      boxes.push({ ...makeBox(c, seg, cell[0]!.gid, c.size, false), cls: 'IDEO', cell });
      i = j;
      continue;
    }
    if (set.vertical && isLatin && UPRIGHT_CAPITALS.test(seg)) {
      // short capitals: upright, one per cell, and never broken apart
      for (let k = i; k < j; k++) {
        if (k > i) held.add(boxes.length - 1);
        const cell = uprightCell(chars[k]!.face, charString(chars[k]!.cp), c.size);
        boxes.push({ ...makeBox(chars[k]!, charString(chars[k]!.cp), cell[0]!.gid, c.size, false), cls: 'IDEO', cell });
      }
      i = j;
      continue;
    }
    const glyphs = set.vertical && !isLatin ? shapeVertical(c.face, seg, languageOf(c.face, OT_LANGUAGE[lang])) : shapeSegment(c.face, seg, isLatin, languageOf(c.face, OT_LANGUAGE[lang]));
    let k = i;
    for (const g of glyphs) {
      const first = chars[k]!;
      k += g.cps;
      const boxText = g.cps === 1 ? charString(first.cp) : text.slice(first.src, end(chars[k - 1]!));
      const box = makeBox(first, boxText, g.gid, g.adv * first.size / c.face.unitsPerEm, isLatin, set.vertical);
      if (set.vertical && isLatin) box.rotated = true;
      boxes.push(box);
    }
    i = j;
  }
  markConnectors(boxes);
  setQuestionRuns(boxes);
  applyPunctStyle(boxes, set.punctuation);
  const rules = KINSOKU[set.kinsoku];
  const gaps: Gap[] = [];
  for (let b = 0; b + 1 < boxes.length; b++) gaps.push(held.has(b) ? { ...NO_GAP } : makeGap(boxes[b]!, boxes[b + 1]!, spaceAfter[b], rules, set));
  if (addresses.length) breakAddresses(boxes, gaps, text, addresses);
  if (set.cjkLatin === 'grid') snapLatinRuns(boxes, gaps);
  if (set.tracking) {
    for (const g of gaps) if (g.uniform) { const t = set.tracking * boxes[0]!.size; g.natural += t; g.min += t; g.max += t; }
  }
  return { boxes, gaps, text };
}

// One string per character, shared by every box of it: a page's boxes would otherwise each carry a
// new two-byte string (a Chinese character is never one of V8's cached one-character strings),
// and they live as long as the page.
const charStrings = new Map<number, string>();
function charString(cp: number): string {
  let s = charStrings.get(cp);
  if (s === undefined) charStrings.set(cp, (s = String.fromCodePoint(cp)));
  return s;
}

/** Latin words and numbers, with the punctuation inside them (3.5, 1,000, COVID-19, 1+2). */
function isLatinSeg(chars: readonly Char[], i: number): boolean {
  const c = chars[i]!;
  if (isLatinLike(c.cls)) return true;
  if (c.cp > 0x7e || c.cls === 'SPACE') return c.cls === 'POSTFIX' && c.cp === 0x25; // ASCII % goes with its number
  // ASCII punctuation joins the Latin segment it touches
  const prev = chars[i - 1], next = chars[i + 1];
  return (!!prev && isLatinLike(prev.cls)) || (!!next && isLatinLike(next.cls));
}

function makeBox(first: Char, text: string, gid: number, adv: number, latin: boolean, vertical = false): Box {
  const em = first.size;
  let cls = first.cls;
  let blankL = 0, blankR = 0, xOff = 0, centred = false;
  const full = !latin && Math.abs(adv - em) < em * 0.02;
  if (isCjkPunct(cls) && cls !== 'MIDDOT') {
    if (!full) {
      cls = cls === 'OPEN' ? 'LATIN_OPEN' : 'LATIN_CLOSE'; // a proportional (Latin) quote or mark
    } else {
      const bbox = first.face.font.getGlyph(gid).bbox; // the glyph as shaped (locl), not the cmap's
      // along the line: across the em box, or down a vertical form's cell
      const inkCentre = vertical ? inkFromTop(first.face, gid) * em : ((bbox.minX + bbox.maxX) / 2) * em / first.face.unitsPerEm;
      // GB fonts put the ink against the text; a centred mark (TW/HK fonts) is not compressed
      if (cls === 'OPEN' && inkCentre > em * 0.55) blankL = em / 2;
      if (cls !== 'OPEN' && inkCentre < em * 0.45) blankR = em / 2;
      centred = !blankL && !blankR;
    }
  } else if (cls === 'MIDDOT') {
    if (adv > em * 0.9) { blankL = em / 4; blankR = em / 4; } // full-width interpunct: both sides
    else { xOff = (em / 2 - adv) / 2; adv = em / 2; } // GB: 0.5 em, centred
  }
  return {
    text, cls, face: first.face, size: em, gid, adv, blankL, blankR, cutL: 0, cutR: 0, squeeze: true, xOff, src: first.src,
    missing: gid === 0, ...(first.fallback ? { fallback: first.fallback } : {}), ...(centred ? { centred: true as const } : {}),
  };
}

/** A single — between words is the 一字线 connector (2023—2024年), which may not start a line. */
function markConnectors(boxes: Box[]): void {
  boxes.forEach((b, i) => {
    if (b.cls === 'DASH' && b.text === '—' && boxes[i - 1]?.cls !== 'DASH' && boxes[i + 1]?.cls !== 'DASH') b.cls = 'CONN';
  });
}

/** GB/T 15834 §5.1.2: ？？ ！！ ？！ take 1 em together, ？？？ and ！！！ 2 em. */
function setQuestionRuns(boxes: Box[]): void {
  const qe = (b: Box | undefined) => !!b && b.cls === 'STOP_END' && (b.text === '？' || b.text === '！');
  for (let i = 0; i < boxes.length; i++) {
    if (!qe(boxes[i]) || qe(boxes[i - 1])) continue;
    let j = i;
    while (qe(boxes[j + 1])) j++;
    if (j === i) continue;
    const last = j - i === 1 ? j : j - 1; // a pair loses both blanks, a longer run all but the last
    for (let k = i; k <= last; k++) { const b = boxes[k]!; b.cutR += b.blankR; b.blankR = 0; }
  }
}

/** docs/typography.md §3: how wide each punctuation mark is set inside the line. */
function applyPunctStyle(boxes: Box[], style: Composition['punctuation']): void {
  const cut = (b: Box) => { b.cutL += b.blankL; b.cutR += b.blankR; b.blankL = 0; b.blankR = 0; };
  switch (style) {
    case 'quanjiao': // 1 em each, adjacent marks compressed
      compressPairs(boxes);
      break;
    case 'hangmobanjiao': // 1 em each, trimmed only at the line start and end
      for (const b of boxes) b.squeeze = false;
      break;
    case 'kaiming': // 。？！ keep 1 em, every other mark half an em
      for (const b of boxes) if (isCjkPunct(b.cls) && b.cls !== 'STOP_END') cut(b);
      break;
    case 'banjiao': // every mark half an em
      for (const b of boxes) if (isCjkPunct(b.cls)) cut(b);
      break;
  }
}

/** 全角式 adjacent punctuation: cut 0.5 em between two marks, from the first mark's right side first. */
function compressPairs(boxes: Box[]): void {
  for (let i = 0; i + 1 < boxes.length; i++) {
    const a = boxes[i]!, b = boxes[i + 1]!;
    if (!isCjkPunct(a.cls) || !isCjkPunct(b.cls)) continue;
    const half = Math.min(a.size, b.size) / 2;
    if (a.blankR + b.blankL < half - 1e-9) continue;
    const fromA = Math.min(a.blankR, half);
    a.blankR -= fromA; a.cutR += fromA;
    const fromB = Math.min(b.blankL, half - fromA);
    b.blankL -= fromB; b.cutL += fromB;
  }
}

/** Latin letters and digits, and the ASCII % or $ that belong to a number. */
const latinish = (b: Box): boolean => isLatinLike(b.cls) || ((b.cls === 'POSTFIX' || b.cls === 'PREFIX') && b.text.charCodeAt(0) < 0x7f);

const unbreakablePair = (a: Box, b: Box): boolean =>
  (a.cls === 'DASH' && b.cls === 'DASH') || (a.cls === 'ELLIP' && b.cls === 'ELLIP') ||
  ((isLatinLike(a.cls) || a.cls === 'LATIN_CLOSE' || a.cls === 'LATIN_OPEN' || a.cls === 'CONN') &&
    (isLatinLike(b.cls) || b.cls === 'LATIN_CLOSE' || b.cls === 'CONN') && a.text.charCodeAt(0) < 0x7f && b.text.charCodeAt(0) < 0x7f);

/** Between the parts of one word: never stretched, never broken. */
const NO_GAP: Gap = { kind: 'none', natural: 0, min: 0, max: 0, uniform: false, penalty: Infinity };

function makeGap(a: Box, b: Box, space: Char | undefined, rules: Prohibitions, set: Composition): Gap {
  const em = Math.max(a.size, b.size);
  let penalty = rules.noStart.has(b.cls) || rules.noEnd.has(a.cls) ? Infinity : 0;
  if (space) {
    // a solidus with a space after it separates phrases (网站 / Cited from): a line may end with it
    if (a.cls === 'SOLIDUS' && !rules.noStart.has(b.cls)) penalty = 0;
    const cjk = !isLatinLike(a.cls) || !isLatinLike(b.cls);
    const g = space.face.font.glyphForCodePoint(0x20);
    if (set.absorbSpaces && set.cjkLatin !== 'none' && cjkLatinPair(a, b)) {
      // the copy's own space (風行歐美 50 年) becomes the CJK–Latin gap rather than widening it
      return { ...cjkLatinGap(a, em, penalty), space: { gid: g.id, face: space.face, size: space.size } };
    }
    const natural = cjk ? em / 2 : Math.max(g.advanceWidth * space.size / space.face.unitsPerEm, em / 4);
    return { kind: 'space', natural, min: em / 4, max: cjk ? em : em / 2, uniform: true, penalty, space: { gid: g.id, face: space.face, size: space.size } };
  }
  if (unbreakablePair(a, b)) return { ...NO_GAP };
  if (cjkLatinPair(a, b)) {
    if (a.cls === 'DIGIT') penalty = Math.max(penalty, DIGIT_WORD_PENALTY);
    if (set.cjkLatin !== 'none') return cjkLatinGap(a, em, penalty);
  }
  // Never widen next to a connector or solidus, nor inside a Latin word or number
  const uniform = a.cls !== 'CONN' && a.cls !== 'SOLIDUS' && b.cls !== 'CONN' && b.cls !== 'SOLIDUS' &&
    !(isLatinLike(a.cls) && isLatinLike(b.cls)) && b.cls !== 'POSTFIX' && a.cls !== 'PREFIX';
  return { kind: 'cjk', natural: 0, min: 0, max: 0, uniform, penalty };
}

const cjkLatinPair = (a: Box, b: Box): boolean => (a.cls === 'IDEO' && latinish(b)) || (latinish(a) && b.cls === 'IDEO');

/** ¼ em, elastic ⅛–½: stretches to its limit before other gaps, then no further (docs/typography.md §4.3). */
function cjkLatinGap(a: Box, em: number, penalty: number): Gap {
  return { kind: 'cjklatin', natural: em / 4, min: em / 8, max: em / 2, uniform: false, penalty: a.cls === 'DIGIT' ? Math.max(penalty, DIGIT_WORD_PENALTY) : penalty };
}

/** Inside an address no gap is breakable but after / and // and before . ? & (addresses.ts). */
function breakAddresses(boxes: readonly Box[], gaps: Gap[], text: string, spans: readonly [number, number][]): void {
  let b = 0;
  for (const [s, e] of spans) {
    while (b < gaps.length && boxes[b + 1]!.src <= s) b++;
    for (; b < gaps.length && boxes[b + 1]!.src < e; b++) {
      if (boxes[b]!.src < s) continue;
      gaps[b] = { kind: 'none', natural: 0, min: 0, max: 0, uniform: false, penalty: addressBreak(text, boxes[b + 1]!.src, s, e) ? ADDRESS_BREAK_PENALTY : Infinity };
    }
  }
}

/**
 * Grid-snapped CJK–Latin spacing (CLREQ's grid variant): the gaps around a Latin run grow so
 * that run and gaps fill a whole number of characters, keeping the ideographs after it on the grid.
 */
function snapLatinRuns(boxes: Box[], gaps: Gap[]): void {
  for (let i = 0; i < boxes.length; i++) {
    if (!latinish(boxes[i]!) || (i > 0 && latinish(boxes[i - 1]!))) continue;
    let j = i;
    let w = boxes[i]!.adv;
    while (j + 1 < boxes.length && latinish(boxes[j + 1]!) && gaps[j]!.kind !== 'cjklatin') { w += gaps[j]!.natural + boxes[j + 1]!.adv; j++; }
    const before = i > 0 && gaps[i - 1]!.kind === 'cjklatin' ? gaps[i - 1]! : undefined;
    const after = j + 1 < boxes.length && gaps[j]!.kind === 'cjklatin' ? gaps[j]! : undefined;
    const sides = (before ? 1 : 0) + (after ? 1 : 0);
    if (!sides) continue;
    const em = boxes[i]!.size;
    const total = Math.ceil((w + (em / 8) * sides) / em - 1e-9) * em; // at least 1/8 em each side
    for (const g of [before, after]) if (g) { g.natural = g.min = g.max = (total - w) / sides; g.uniform = false; }
    i = j;
  }
}
