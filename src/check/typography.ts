/**
 * check: the measurable quality rules of TYPOGRAPHY.md §10, computed from the laid-out page (the
 * same positions the PDF receives). Violations are warnings naming block, column and line.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import { NO_END_CHARS, NO_START_CHARS } from '../text/classes.ts';
import type { PageLayout, TextLine } from '../layout/types.ts';

export type CheckId =
  | 'KINSOKU_START' | 'KINSOKU_END' | 'SPLIT_LONG' | 'SPLIT_NUMBER' | 'SPLIT_LATIN'
  | 'RIGHT_EDGE' | 'ORPHAN_CHAR' | 'BASELINE_GRID' | 'MAX_STRETCH';

export interface Violation {
  check: CheckId;
  block: string;
  column: number; // 1-based
  line: number; // 1-based within the column
  text: string;
  detail?: string;
}

const TOL = 0.1; // pt
const HALF_WIDTH_AT_END = new Set(['CLOSE', 'STOP_IN', 'STOP_END']);

/** Where the ink box of the line's last glyph ends (a line-end CLOSE/STOP mark counts 0.5 em). */
export function lineEnd(l: TextLine): number {
  const g = l.glyphs[l.glyphs.length - 1];
  if (!g) return 0;
  return g.x + (HALF_WIDTH_AT_END.has(g.cls) ? g.size / 2 : g.adv);
}

export function pageViolations(page: PageLayout): Violation[] {
  const out: Violation[] = [];
  const { pitch, firstBaseline } = page.grid;
  for (const block of page.blocks) {
    block.frames.forEach((frame, ci) => {
      const lines = frame.lines;
      lines.forEach((l, li) => {
        const v = (check: CheckId, detail?: string) => out.push({ check, block: block.id, column: ci + 1, line: li + 1, text: l.text, ...(detail ? { detail } : {}) });
        const first = [...l.text.trimStart()][0] ?? '';
        const lastCh = [...l.text.trimEnd()].pop() ?? '';
        // a lone — is the 一字线 connector; —— may start a line
        if (first && (NO_START_CHARS.includes(first) || (first === '—' && [...l.text.trimStart()][1] !== '—'))) v('KINSOKU_START');
        if (lastCh && NO_END_CHARS.includes(lastCh)) v('KINSOKU_END');
        if (l.role !== 'body') return;
        const off = (l.baseline - firstBaseline) / pitch;
        if (Math.abs(off - Math.round(off)) * pitch > TOL) v('BASELINE_GRID', `baseline ${l.baseline.toFixed(2)} is off the grid`);
        if (!l.last) {
          const end = lineEnd(l);
          if (Math.abs(end - l.measure) > TOL) v('RIGHT_EDGE', `ends at ${end.toFixed(2)} of ${l.measure.toFixed(2)} pt`);
          if (l.stretch > 0.25) v('MAX_STRETCH', `a gap widened by ${l.stretch.toFixed(3)} em`);
        }
        if (l.last && !l.first && [...l.text].filter((c) => /\p{Script=Han}/u.test(c)).length === 1) v('ORPHAN_CHAR');
        const next = lines[li + 1] ?? block.frames[ci + 1]?.lines[0];
        if (next && !l.last && next.role === 'body') {
          const a = lastCh, b = [...next.text][0] ?? '';
          if ((a === '—' && b === '—') || (a === '…' && b === '…')) v('SPLIT_LONG');
          if (/[0-9.,]/.test(a) && /[0-9%‰℃.]/.test(b)) v('SPLIT_NUMBER');
          if (/[¥$￥]/.test(a) && /[0-9]/.test(b)) v('SPLIT_NUMBER');
          if (/[A-Za-z]/.test(a) && /[A-Za-z]/.test(b)) v('SPLIT_LATIN');
        }
      });
    });
  }
  return out;
}

export function checkPage(page: PageLayout): Diagnostic[] {
  return pageViolations(page).map((x) =>
    diag('warning', x.check, `block "${x.block}" column ${x.column} line ${x.line}: ${x.text}${x.detail ? ` (${x.detail})` : ''}`, { file: page.file, page: page.number, block: x.block }),
  );
}
