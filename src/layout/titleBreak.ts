/**
 * Where a headline line too wide for its block breaks, as a designer breaks it: between words,
 * never inside one. Chinese has no spaces, so the words come from ICU's dictionary segmenter
 * (`Intl.Segmenter`); the spaces and punctuation a title is written with are the best places of
 * all, and a quoted or bracketed term (「幣少爺」) stays whole. Among the settings in the fewest
 * lines, the most even one wins (total fit over the word boundaries); a break inside a word is
 * taken only when a word alone is wider than the line.
 */
import { classify, isLatinLike, mayNotEnd, mayNotStart, type CharClass } from '../text/classes.ts';

/**
 * What a break costs, in the units of a line's unevenness (the square of its slack as a part of
 * the measure): a title breaks at its phrases unless that leaves lines much more uneven.
 */
const COST = {
  phrase: 0, // at a space or after ，、；：。？！
  word: 0.15, // between two words
  singles: 0.2, // between two one-character words: likely inside a name or a word the dictionary lacks (周|岩)
  quoted: 1, // inside a quoted or bracketed term
};

/** A possible break: the line ends at `end` (exclusive), the next starts at `start` (after any spaces). */
interface Break { end: number; start: number; cost: number; inside: boolean }

let segmenter: Intl.Segmenter | undefined; // made on first use: most titles never wrap

/** The word boundaries of `text` (UTF-16 offsets) and the length in characters of each word. */
function words(text: string): { bounds: Set<number>; length: Map<number, number> } {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const bounds = new Set<number>();
  const length = new Map<number, number>(); // word start → its length; word end → the length too (keyed negative)
  for (const s of segmenter.segment(text)) {
    bounds.add(s.index);
    if (!s.isWordLike) continue;
    const n = [...s.segment].length;
    length.set(s.index, n);
    length.set(-(s.index + s.segment.length), n);
  }
  return { bounds, length };
}

const isSpace = (c: string): boolean => /\s/u.test(c) || c === '\u3000';
const latin = (k: CharClass): boolean => isLatinLike(k) || k === 'CONN'; // a Latin word or number, COVID-19 whole
const isPause = (c: string): boolean => { const k = classify(c.codePointAt(0)!); return k === 'STOP_IN' || k === 'STOP_END'; };

/** Every place the line may break, with its cost; none between characters 禁则 keeps together. */
function breaksOf(text: string): Break[] {
  const chars = [...text];
  const { bounds, length } = words(text);
  const out: Break[] = [];
  let depth = 0; // inside quotes or brackets
  let at = 0;
  for (let i = 0; i < chars.length - 1; i++) {
    const a = chars[i]!, b = chars[i + 1]!;
    const ka = classify(a.codePointAt(0)!), kb = classify(b.codePointAt(0)!);
    if (ka === 'OPEN') depth++;
    else if (ka === 'CLOSE') depth = Math.max(0, depth - 1);
    at += a.length;
    if (isSpace(a)) continue; // a run of spaces breaks once, at its start
    if (isSpace(b)) {
      let j = i + 1, start = at;
      while (j < chars.length && isSpace(chars[j]!)) start += chars[j++]!.length;
      if (j < chars.length && !mayNotEnd(a) && !mayNotStart(chars[j]!)) out.push({ end: at, start, cost: COST.phrase, inside: false });
      continue;
    }
    if (mayNotEnd(a) || mayNotStart(b) || (ka === kb && (ka === 'DASH' || ka === 'ELLIP')) || (latin(ka) && latin(kb))) continue;
    const boundary = bounds.has(at);
    const cost = isPause(a) ? COST.phrase
      : length.get(-at) === 1 && length.get(at) === 1 ? COST.singles
      : COST.word;
    out.push({ end: at, start: at, cost: cost + (depth > 0 ? COST.quoted : 0), inside: !boundary });
  }
  return out;
}

/** A setting's cost, compared in order: breaks inside words, lines, unevenness and break costs, then longer lines first. */
type Score = [inside: number, lines: number, cost: number, order: number];
const better = (a: Score, b: Score): boolean => {
  for (let k = 0; k < 4; k++) if (Math.abs(a[k]! - b[k]!) > 1e-6) return a[k]! < b[k]!;
  return false;
};

/**
 * The line `text` broken into the fewest lines no wider than `width`, as even as its words allow;
 * `measure` gives a line's set width. Null when some part cannot be broken small enough (a long
 * Latin word): the composer's own breaks are the fallback.
 */
export function breakTitle(text: string, width: number, measure: (line: string) => number): string[] | null {
  const breaks = breaksOf(text);
  // between words if it can be done (fewer lines to measure), else inside the words too wide
  return bestBreaks(text, breaks.filter((b) => !b.inside), width, measure) ?? bestBreaks(text, breaks, width, measure);
}

/** The best setting breaking only at `breaks`; null when some line cannot be made narrow enough. */
function bestBreaks(text: string, breaks: Break[], width: number, measure: (line: string) => number): string[] | null {
  const nodes: Break[] = [{ end: 0, start: 0, cost: 0, inside: false }, ...breaks, { end: text.length, start: text.length, cost: 0, inside: false }];
  const best: (Score | undefined)[] = [[0, 0, 0, 0]];
  const from: number[] = [0];
  for (let j = 1; j < nodes.length; j++) {
    const to = nodes[j]!;
    const last = j === nodes.length - 1;
    for (let i = j - 1; i >= 0; i--) {
      const line = text.slice(nodes[i]!.start, to.end);
      const w = measure(line);
      if (w > width + 1e-6) break; // lines from further back are longer still
      const prev = best[i];
      if (!prev) continue;
      const slack = (width - w) / width;
      const score: Score = [prev[0] + (!last && to.inside ? 1 : 0), prev[1] + 1, prev[2] + slack * slack + (last ? 0 : to.cost), prev[3] + prev[1] * w / width];
      if (!best[j] || better(score, best[j]!)) { best[j] = score; from[j] = i; }
    }
  }
  if (!best[nodes.length - 1]) return null;
  const lines: string[] = [];
  for (let j = nodes.length - 1; j > 0; j = from[j]!) lines.unshift(text.slice(nodes[from[j]!]!.start, nodes[j]!.end));
  return lines;
}
