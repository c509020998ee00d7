/**
 * Balanced columns under generated stories and frames: paragraphs and subheads of any length,
 * one to eight columns of any depth, some starting lower (a photo over them), 孤行 kept or not
 * (frames of no rows are left out before the flow, as frameFlow does).
 * The balanced flow holds what filling in turn holds, keeps every column within its rows, and,
 * with nothing but plain paragraphs in columns alike and 孤行 allowed, ends them within a line.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { flowBalanced, flowStory, type FlowItem, type FrameSlot } from '../../src/layout/flow.ts';
import type { ComposedLine } from '../../src/text/compose.ts';
import { BLACK } from '../../src/types.ts';
import { survives } from './hostile.ts';

const line = (k: number, n: number) => ({ measure: 100, end: 100, glyphs: [], text: `${k}`, first: k === 0, last: k === n - 1, stretch: 0 }) as unknown as ComposedLine;
const item = ([kind, n, rows]: ['paragraph' | 'subhead', number, number]): FlowItem => kind === 'paragraph'
  ? { kind, para: 0, paint: BLACK, at: () => ({ file: 'x.md', line: 1, col: 1 }), lines: Array.from({ length: n }, (_, k) => line(k, n)) }
  : { kind, rows, baselineShift: 0, paint: BLACK, at: { file: 'x.md', line: 1, col: 1 }, lines: Array.from({ length: Math.min(n, 2) }, (_, k) => line(k, 2)) };

const cases = fc.record({
  items: fc.array(fc.tuple(fc.constantFrom<'paragraph' | 'subhead'>('paragraph', 'paragraph', 'paragraph', 'subhead'), fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 2 })), { minLength: 1, maxLength: 12 }),
  columns: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 8 }),
  widows: fc.boolean(),
});

it('balanced columns hold what filling in turn holds, within their rows', async () => {
  await survives('balance', cases, ({ items, columns, widows }) => {
    const flow = items.map(item);
    const slots: FrameSlot[] = columns.map(([first, capacity], c) => ({ x: c * 120, width: 100, firstLine: first, capacity }));
    const o = { widows };
    const turn = flowStory(flow, slots, (r) => r, o), bal = flowBalanced(flow, slots, (r) => r, o);
    const placed = (f: typeof bal) => f.frames.reduce((n, fr) => n + fr.lines.length, 0);
    expect(bal.overflow).toBe(turn.overflow);
    expect(placed(bal)).toBe(placed(turn));
    expect(bal.frames.length).toBe(slots.length);
    bal.frames.forEach((fr, c) => expect(fr.lines.length).toBeLessThanOrEqual(slots[c]!.capacity));
    expect(bal.underflow).toBeGreaterThanOrEqual(0);
    const plain = items.every(([kind]) => kind === 'paragraph') && !widows && columns.every(([first, rows]) => first === columns[0]![0] && rows === columns[0]![1]);
    if (plain && turn.overflow === 0) {
      const n = bal.frames.map((fr) => fr.lines.length);
      expect(Math.max(...n) - Math.min(...n), n.join('/')).toBeLessThanOrEqual(1);
    }
  }, { quick: 150, long: 5000, ms: 200 }, 1515);
}, 120_000);
