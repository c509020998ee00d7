/**
 * check: the measurable quality rules of docs/typography.md §7, computed from the laid-out page (the
 * same glyph positions the PDF receives, read back glyph by glyph, not from the composer's own
 * bookkeeping). Each check gives a count, the worst value where one applies, and where.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import { mayNotEnd, mayNotStart } from '../text/classes.ts';
import { breaksAddress } from '../text/addresses.ts';
import type { PlacedGlyph } from '../text/compose.ts';
import { baselineDrop } from '../layout/geometry.ts';
import type { BlockLayout, FrameLayout, PageLayout, TextLine } from '../layout/types.ts';

/** The checks of docs/typography.md §7, by number. */
export const CHECKS = {
  1: 'KINSOKU_START', 2: 'KINSOKU_END', 3: 'SPLIT_LONG', 4: 'SPLIT_NUMBER', 5: 'SPLIT_LATIN',
  6: 'RIGHT_EDGE', 7: 'LEFT_EDGE', 8: 'INDENT', 9: 'GRID_COUNT', 10: 'GRID_POS', 11: 'MAX_STRETCH',
  12: 'NEG_GAP', 13: 'GAP_UNIFORM', 14: 'PUNCT_PAIR', 15: 'LINE_END_PUNCT', 16: 'ORPHAN_CHAR',
  17: 'WIDOW_TOP', 18: 'ORPHAN_BOTTOM', 19: 'HEAD_STRANDED', 20: 'BASELINE_GRID', 21: 'CROSS_COLUMN_ALIGN',
  22: 'HEADLINE_HEIGHT', 23: 'COLUMN_BALANCE', 24: 'CJK_LATIN_GAP',
} as const;
export type CheckId = (typeof CHECKS)[keyof typeof CHECKS];

export interface Violation {
  check: CheckId;
  block: string;
  column: number; // 1-based; 0 for the headline
  line: number; // 1-based within the column
  text: string;
  value?: number; // the measured quantity (em or pt, per check)
  detail?: string;
}

export interface CheckSummary {
  n: number; // its number in docs/typography.md §7
  id: CheckId;
  count: number;
  worst?: number; // worst measured value, in the check's unit
  unit?: 'em' | 'pt' | 'lines';
  severity: 'fail' | 'warn' | 'info';
}

const TOL = 0.1; // pt
const WARN_STRETCH = 0.125; // em
const FAIL_STRETCH = 0.25;
const HALF_AT_END = new Set(['CLOSE', 'STOP_IN', 'STOP_END']);
const PUNCT = new Set(['OPEN', 'CLOSE', 'STOP_IN', 'STOP_END', 'MIDDOT']);
const isIdeo = (g: PlacedGlyph) => g.cls === 'IDEO';
const isLatin = (g: PlacedGlyph) => g.cls === 'LATIN' || g.cls === 'DIGIT';

/** A line-end CLOSE/STOP mark that counts half an em (GB §5.1.10); a centred one (Taiwan, Hong Kong) keeps its whole cell. */
const halfMark = (g: PlacedGlyph) => HALF_AT_END.has(g.cls) && !g.centred;

/** Where the line's last glyph ends; a line-end CLOSE/STOP mark of a GB font counts half an em (GB §5.1.10). */
export function lineEnd(l: TextLine): number {
  let k = l.glyphs.length - 1;
  while (k >= 0 && l.glyphs[k]!.hangs) k--;
  const g = l.glyphs[k];
  if (!g) return 0;
  return g.x + (halfMark(g) ? g.size / 2 : g.adv);
}

/** The text of a line's paragraph up to the line's end (its last few hundred characters): an address may start lines before. */
function paragraphUpTo(block: BlockLayout, line: TextLine): string {
  const lines = block.frames.flatMap((f) => f.lines);
  let text = '';
  for (let k = lines.indexOf(line); k >= 0 && text.length < 500; k--) {
    text = lines[k]!.text + text;
    if (lines[k]!.first) break;
  }
  return text;
}

const visible = (l: TextLine) => (l.glyphs.some((g) => g.cls === 'SPACE') ? l.glyphs.filter((g) => g.cls !== 'SPACE') : l.glyphs);

/** The first `n` characters of a text (code points), without spreading all of it. */
function head(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n && i < text.length;) {
    const c = String.fromCodePoint(text.codePointAt(i)!);
    out.push(c);
    i += c.length;
  }
  return out;
}

/** The last character of a text (a code point). */
const lastChar = (text: string): string => {
  const lo = text.charCodeAt(text.length - 1), hi = text.charCodeAt(text.length - 2);
  return lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff ? text.slice(-2) : text.slice(-1);
};

/**
 * A block whose tiers hold vertical lines (直排), measured as the lines were set: each glyph at its
 * place along the line (its box, less the trimmed blank of an opening mark), a 縱中橫 cell one
 * character, and a line's "baseline" its distance from the tier's right edge — so that every rule
 * below (禁则 at the line's top and foot, stretch, the grid of characters, lines on the pitch and
 * level across tiers) measures vertical text as it measures horizontal.
 */
function alongBlock(b: BlockLayout): BlockLayout {
  return b.frames.some((f) => f.tier) ? { ...b, frames: b.frames.map((f) => (f.tier ? { ...f, lines: f.lines.map((l) => alongLine(l, f)) } : f)) } : b;
}

function alongLine(l: TextLine, f: FrameLayout): TextLine {
  if (!l.vertical) return l;
  const glyphs: PlacedGlyph[] = [];
  for (const g of l.glyphs) {
    const prev = glyphs[glyphs.length - 1];
    if (prev && g.bw === 0 && !g.rotated && g.bx === prev.bx) { prev.text += g.text; continue; } // a 縱中橫 cell's next digit
    const cell = g.cls === 'IDEO' && g.text < '\u3000'; // a 縱中橫 cell's first digit: the cell is one em along
    glyphs.push({ ...g, x: g.bx - (g.cls === 'OPEN' ? g.adv - g.bw : 0), ...(cell ? { adv: g.bw } : {}) });
  }
  const width = Math.max(f.tier!.em, ...l.glyphs.map((g) => g.size));
  return { ...l, glyphs, baseline: f.x + f.width - l.x - width };
}

export function pageViolations(page: PageLayout): Violation[] {
  const out: Violation[] = [];
  for (const laid of page.blocks) {
    const block = alongBlock(laid);
    // a block's body on rows of its own (body:) is measured by its own size and pitch; a tier of vertical text by its lines'
    const rows = block.text ?? page.grid;
    checkHeadline(block, page, out);
    block.frames.forEach((frame, ci) => {
      const { pitch, firstBaseline, em } = frame.tier ? { ...frame.tier, firstBaseline: 0 } : rows;
      const lines = frame.lines;
      const bodyLines = lines.filter((l) => l.role === 'body');
      lines.forEach((l, li) => {
        const v = (check: CheckId, value?: number, detail?: string) =>
          out.push({ check, block: block.id, column: ci + 1, line: li + 1, text: l.text, ...(value !== undefined ? { value } : {}), ...(detail ? { detail } : {}) });
        const trimmed = l.text.trim();
        const [first = '', second] = head(trimmed, 2);
        const lastCh = lastChar(trimmed);
        // 1–2 禁则 (a lone — is the 一字线 connector; —— may start a line); an address breaks after / and before . ? & @
        const prev = lines[li - 1] ?? block.frames[ci - 1]?.lines.at(-1);
        const next = lines[li + 1] ?? block.frames[ci + 1]?.lines[0];
        const address = (a: TextLine | undefined, b: TextLine | undefined) => !!a && !!b && !a.last && breaksAddress(paragraphUpTo(block, a), b.text);
        if ((mayNotStart(first) && !address(prev, l)) || (first === '—' && second !== '—')) v('KINSOKU_START');
        if (mayNotEnd(lastCh) && !address(l, next)) v('KINSOKU_END');
        if (l.role !== 'body') {
          // 19 背题: a subhead with no body line after it in its column
          if (l.role === 'subhead' && !lines.slice(li + 1).some((x) => x.role === 'body')) v('HEAD_STRANDED');
          return; // jump lines are set flush left or right, not to the body's rules
        }
        // 20 baseline grid
        const off = (l.baseline - firstBaseline) / pitch;
        if (Math.abs(off - Math.round(off)) * pitch > TOL) v('BASELINE_GRID', Math.abs(off - Math.round(off)) * pitch, `baseline ${l.baseline.toFixed(2)} pt is off the grid`);
        const gs = visible(l);
        const g0 = gs[0];
        if (g0) {
          const x0 = g0.x + (g0.cls === 'OPEN' && g0.x < -0.01 ? g0.size / 2 : 0); // a trimmed opening bracket
          if (l.first) {
            // 8 indent: 2 em, or 1.5 em when a trimmed opening bracket follows it
            const want = block.indent * em;
            const x = g0.x + (g0.cls === 'OPEN' ? g0.size / 2 : 0);
            if (Math.abs(x - want) > TOL && Math.abs(g0.x - want) > TOL) v('INDENT', (g0.x - want) / em, `starts at ${(g0.x / em).toFixed(2)} em`);
          } else if (Math.abs(x0) > TOL) v('LEFT_EDGE', x0, `starts at ${x0.toFixed(2)} pt`); // 7
        }
        if (!l.last) {
          // 6 right edge, 15 line-end punctuation
          const end = lineEnd(l);
          if (Math.abs(end - l.measure) > TOL) v('RIGHT_EDGE', end - l.measure, `ends at ${end.toFixed(2)} of ${l.measure.toFixed(2)} pt`);
          const last = gs[gs.length - 1];
          if (last && halfMark(last) && !last.hangs && Math.abs(last.x + last.size / 2 - l.measure) > TOL) v('LINE_END_PUNCT', last.x + last.size / 2 - l.measure);
          gridChecks(l, next, em, l.first ? block.indent : 0, v);
          // 3–5 units split over two lines of one paragraph
          if (next && next.role === 'body') {
            const a = lastCh, b = head(next.text, 1)[0] ?? '';
            if ((a === '—' && b === '—') || (a === '…' && b === '…')) v('SPLIT_LONG');
            if (((/[0-9.,]/.test(a) && /[0-9%‰℃.]/.test(b)) || (/[¥$￥]/.test(a) && /[0-9]/.test(b))) && !address(l, next)) v('SPLIT_NUMBER');
            if (/[A-Za-z]/.test(a) && /[A-Za-z]/.test(b)) v('SPLIT_LATIN');
          }
        }
        gapChecks(l, gs, em, block, v);
        // 16 孤字
        if (l.last && !l.first && gs.filter(isIdeo).length === 1) v('ORPHAN_CHAR');
        // 17–18 孤行 at a column's head or foot
        if (l === bodyLines[0] && l.last && !l.first && ci > 0) v('WIDOW_TOP');
        if (l === bodyLines[bodyLines.length - 1] && l.first && !l.last && block.frames[ci + 1]) v('ORPHAN_BOTTOM');
      });
      // 21 neighbouring columns share their baselines
      const right = block.frames[ci + 1];
      if (right && right.lines.length) {
        const theirs = right.lines.filter((x) => x.role === 'body').map((x) => x.baseline);
        const top = Math.min(...right.lines.map((x) => x.baseline)), bottom = Math.max(...right.lines.map((x) => x.baseline));
        bodyLines.forEach((l) => {
          if (l.baseline < top - TOL || l.baseline > bottom + TOL) return;
          if (!theirs.some((b) => Math.abs(b - l.baseline) <= TOL) && !right.lines.some((x) => x.role !== 'body' && Math.abs(x.baseline - l.baseline) < pitch)) {
            out.push({ check: 'CROSS_COLUMN_ALIGN', block: block.id, column: ci + 1, line: lines.indexOf(l) + 1, text: l.text });
          }
        });
      }
    });
    // 23 balance: columns of a balanced block are filled to within a line of each other (the last may hold less); measured by
    // the rows each leaves empty, so a column (or a tier of vertical text) shortened by a photo, above or below its text, counts fairly
    if (block.balanced && block.frames.length > 1) {
      const empty = block.frames.map((f) => f.capacity - f.lines.length);
      const lead = empty.slice(0, -1);
      const spread = Math.max(...lead) - Math.min(...lead);
      if (spread > 1 || empty.at(-1)! < Math.min(...lead)) out.push({ check: 'COLUMN_BALANCE', block: block.id, column: 0, line: 0, text: block.frames.map((f) => f.lines.length).join('/'), value: spread });
    }
  }
  return out;
}

/** 9–13: the character grid and the gaps between ideographs. */
function gridChecks(l: TextLine, next: TextLine | undefined, em: number, indent: number, v: (c: CheckId, value?: number, detail?: string) => void): void {
  const gs = l.glyphs;
  const N = Math.round(l.measure / em) - indent;
  if (gs.length && gs.every(isIdeo)) {
    // a legitimate push-out: the next line starts with what could not stay (an opening mark that
    // may not end a line), or with a character dragged along by a mark that may not start one
    const [n0 = '', n1 = ''] = next && next.role === 'body' ? head(next.text, 2) : [];
    const pushedOut = mayNotEnd(n0) || mayNotStart(n0) || mayNotStart(n1);
    if (gs.length !== N && !pushedOut) v('GRID_COUNT', gs.length, `${gs.length} characters, the grid has ${N}`);
    if (gs.length === N) {
      let worst = -Infinity; // the indent is whole characters
      for (const g of gs) worst = Math.max(worst, Math.abs(g.x / em - Math.round(g.x / em)));
      if (worst > 0.01) v('GRID_POS', worst);
    }
  }
  // gaps between neighbouring ideographs (a space between them is a word space, not a gap)
  const gaps: number[] = [];
  for (let i = 0; i + 1 < gs.length; i++) {
    if (isIdeo(gs[i]!) && isIdeo(gs[i + 1]!)) gaps.push((gs[i + 1]!.x - gs[i]!.x - em) / em);
  }
  if (!gaps.length) return;
  const max = Math.max(...gaps);
  if (max > WARN_STRETCH + 1e-3) v('MAX_STRETCH', max, `gaps widened by ${max.toFixed(3)} em`);
  const min = Math.min(...gaps);
  if (min * em < -0.01) v('NEG_GAP', min, `ideographs squeezed by ${(-min).toFixed(3)} em`);
  const mean = gaps.reduce((s, x) => s + x, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((s, x) => s + (x - mean) ** 2, 0) / gaps.length);
  if (sd > 0.01) v('GAP_UNIFORM', sd, `gaps vary by ${sd.toFixed(3)} em`);
}

/** 14 adjacent punctuation widths, 24 CJK–Latin gaps; from the boxes as set. */
function gapChecks(l: TextLine, gs: PlacedGlyph[], em: number, block: BlockLayout, v: (c: CheckId, value?: number, detail?: string) => void): void {
  const justified = !l.last;
  for (let i = 0; i + 1 < gs.length; i++) {
    const a = gs[i]!, b = gs[i + 1]!;
    if (block.punctuation === 'quanjiao' && PUNCT.has(a.cls) && PUNCT.has(b.cls) && !a.centred && !b.centred) {
      const pair = (b.bx + b.bw - a.bx) / em;
      const stretch = justified ? (b.bx - a.bx - a.bw) / em : 0; // justification may open the gap between them
      if (pair - stretch > 1.5 + 0.01 || pair < 1.0 - 0.01) v('PUNCT_PAIR', pair, `${a.text}${b.text} takes ${pair.toFixed(2)} em`);
    }
    const gap = (b.bx - a.bx - a.bw) / em;
    if ((isIdeo(a) && isLatin(b)) || (isLatin(a) && isIdeo(b))) {
      if (gap < 0.125 - 0.01 || gap > 0.5 + 0.01) v('CJK_LATIN_GAP', gap, `${a.text}|${b.text} gap ${gap.toFixed(3)} em`);
    } else if ((PUNCT.has(a.cls) && isLatin(b)) || (isLatin(a) && PUNCT.has(b.cls))) {
      if (gap > 0.01 && !justified) v('CJK_LATIN_GAP', gap, `${a.text}|${b.text} gap ${gap.toFixed(3)} em next to punctuation`);
    }
  }
}

/** 22: the headline takes whole grid rows, so the first body baseline is on the grid (vertical tiers start under it by construction). */
function checkHeadline(block: BlockLayout, page: PageLayout, out: Violation[]): void {
  if (!block.headline.length || block.frames.some((f) => f.tier)) return;
  const first = block.frames.find((f) => f.lines.length)?.lines.find((l) => l.role === 'body');
  if (!first) return;
  const { pitch } = page.grid;
  // the text rows start on a grid line: its em-box top (rows of its own) or its baseline (the page's) are whole rows down
  const rows = block.text ? (block.text.top - block.y) / pitch : (first.baseline - (block.y + baselineDrop(page.grid) - pitch)) / pitch;
  if (Math.abs(rows - Math.round(rows)) * pitch > TOL) out.push({ check: 'HEADLINE_HEIGHT', block: block.id, column: 0, line: 0, text: block.headline.map((l) => l.text).join(' / '), value: rows });
}

const FAIL: ReadonlySet<CheckId> = new Set(['KINSOKU_START', 'KINSOKU_END', 'SPLIT_LONG', 'SPLIT_NUMBER', 'SPLIT_LATIN', 'RIGHT_EDGE', 'LEFT_EDGE', 'INDENT', 'GRID_COUNT', 'GRID_POS', 'NEG_GAP', 'PUNCT_PAIR', 'LINE_END_PUNCT', 'ORPHAN_CHAR', 'WIDOW_TOP', 'HEAD_STRANDED', 'BASELINE_GRID', 'CROSS_COLUMN_ALIGN', 'HEADLINE_HEIGHT', 'CJK_LATIN_GAP']);

/** Per check: how many, the worst value, pass level. */
export function summarize(vs: readonly Violation[]): CheckSummary[] {
  return Object.entries(CHECKS).map(([n, id]) => {
    const mine = vs.filter((x) => x.check === id);
    const values = mine.map((x) => Math.abs(x.value ?? 0)).filter((x) => x > 0);
    const s: CheckSummary = { n: Number(n), id, count: mine.length, severity: FAIL.has(id) ? 'fail' : id === 'MAX_STRETCH' || id === 'ORPHAN_BOTTOM' ? 'warn' : 'info' };
    if (values.length) s.worst = Math.max(...values);
    if (id === 'MAX_STRETCH') s.severity = values.some((x) => x > FAIL_STRETCH) ? 'fail' : 'warn';
    return s;
  });
}

/** Violations as diagnostics: loose lines point at their paragraph in the article. */
export function checkPage(page: PageLayout, violations: readonly Violation[] = pageViolations(page)): Diagnostic[] {
  return violations.map((x) => {
    const block = page.blocks.find((b) => b.id === x.block);
    const line = x.column > 0 ? block?.frames[x.column - 1]?.lines[x.line - 1] : undefined;
    const where = x.column ? `column ${x.column} line ${x.line}` : 'headline';
    const code = x.check === 'MAX_STRETCH' ? 'LOOSE_LINE' : x.check;
    const para = line?.para !== undefined ? `paragraph ${line.para + 1}, ` : '';
    return diag('warning', code, `block "${x.block}" ${where}: ${para}${x.text}${x.detail ? ` (${x.detail})` : ''}`, {
      ...(line?.at ?? { file: page.file }), page: page.number, block: x.block,
      ...(code === 'LOOSE_LINE' ? { hint: 'no better break exists; fit: auto, or a small edit to the paragraph, tightens it' } : {}),
    });
  });
}
