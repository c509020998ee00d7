/**
 * Threads (转版): which block continues which, across the pages of an edition. Built and checked
 * before any layout, because page numbers come from the manifests: a jump line's number is known
 * up front; only where the story breaks depends on the layout.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import type { BlockSpec, EditionSpec, PageSpec } from '../manifest/types.ts';
import { nearest } from '../manifest/yamlSource.ts';

export interface PlacedBlock {
  spec: BlockSpec;
  page: PageSpec;
}

export interface Threads {
  /** block id → the block that continues it */
  next: Map<string, PlacedBlock>;
  /** block id → the block it continues */
  prev: Map<string, PlacedBlock>;
  /** every page's blocks in an order that lays out a thread's earlier parts first */
  order: Map<PageSpec, BlockSpec[]>;
}

export function resolveThreads(ed: EditionSpec): { threads: Threads; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, PlacedBlock>();
  for (const page of ed.pages) {
    for (const spec of page.blocks) {
      const seen = byId.get(spec.id);
      if (seen && seen.page !== page) {
        diagnostics.push(diag('error', 'DUPLICATE_BLOCK', `block id "${spec.id}" is also used on page ${seen.page.number}`, { ...spec.at, hint: 'block ids must be unique in an edition, so that continues: can name them' }));
      } else if (!seen) byId.set(spec.id, { spec, page });
    }
  }
  const next = new Map<string, PlacedBlock>();
  const prev = new Map<string, PlacedBlock>();
  const pageIndex = new Map(ed.pages.map((p, i) => [p, i]));
  for (const page of ed.pages) {
    for (const spec of page.blocks) {
      if (!spec.continues) continue;
      const at = spec.continues.at;
      const target = byId.get(spec.continues.id);
      if (spec.continuedFrom !== undefined) {
        diagnostics.push(diag('error', 'THREAD_CONFLICT', `block "${spec.id}" has both continues and continued-from`, { ...at, hint: 'continues: names a block in this edition; continued-from: a page outside it — keep one' }));
        continue;
      }
      if (!target) {
        const near = nearest(spec.continues.id, [...byId.keys()]);
        diagnostics.push(diag('error', 'UNKNOWN_BLOCK', `block "${spec.id}" continues block "${spec.continues.id}", which is in no page of this edition`, { ...at, hint: near ? `did you mean "${near}"?` : 'continues: takes the id of a block on this or an earlier page' }));
        continue;
      }
      if (target.spec === spec) {
        diagnostics.push(diag('error', 'THREAD_CYCLE', `block "${spec.id}" continues itself`, { ...at }));
        continue;
      }
      if (target.spec.story.file !== spec.story.file) {
        diagnostics.push(diag('error', 'THREAD_OTHER_STORY', `block "${spec.id}" (story "${spec.story.id}") continues block "${target.spec.id}", which sets story "${target.spec.story.id}"`, { ...at, hint: 'a continuation carries the same story: give both blocks the same story:' }));
        continue;
      }
      if (pageIndex.get(target.page)! > pageIndex.get(page)!) {
        diagnostics.push(diag('error', 'THREAD_BACKWARDS', `block "${spec.id}" on page ${page.number} continues block "${target.spec.id}" on page ${target.page.number}, which comes later in the edition`, { ...at, hint: 'a story continues on a later page; swap the continues: links or the pages' }));
        continue;
      }
      const other = next.get(target.spec.id);
      if (other) {
        diagnostics.push(diag('error', 'THREAD_FORK', `blocks "${other.spec.id}" and "${spec.id}" both continue block "${target.spec.id}"`, { ...at, hint: 'a thread goes on in one block; chain them instead (a → b → c)' }));
        continue;
      }
      next.set(target.spec.id, { spec, page });
      prev.set(spec.id, target);
    }
  }
  // cycles through several blocks (a → b → a), which the page order check cannot see on one page
  for (const id of prev.keys()) {
    const seen = new Set<string>([id]);
    for (let p = prev.get(id); p; p = prev.get(p.spec.id)) {
      if (seen.has(p.spec.id)) {
        const b = byId.get(id)!;
        diagnostics.push(diag('error', 'THREAD_CYCLE', `the thread through block "${id}" runs in a circle`, { ...b.spec.continues!.at, hint: 'one block of a thread must start it (no continues:)' }));
        for (const x of seen) { prev.delete(x); next.forEach((v, k) => v.spec.id === x && next.delete(k)); }
        break;
      }
      seen.add(p.spec.id);
    }
  }
  // a story placed twice without a thread would be set twice
  const firstOf = new Map<string, PlacedBlock>();
  for (const b of byId.values()) {
    if (prev.has(b.spec.id)) continue;
    const first = firstOf.get(b.spec.story.file);
    if (first) diagnostics.push(diag('error', 'STORY_TWICE', `story "${b.spec.story.id}" is in blocks "${first.spec.id}" and "${b.spec.id}" without a thread between them`, { ...b.spec.at, hint: `add continues: ${first.spec.id} to the later block, or give it another story` }));
    else firstOf.set(b.spec.story.file, b);
  }
  const order = new Map<PageSpec, BlockSpec[]>();
  for (const page of ed.pages) {
    // same-page threads: an earlier part is laid out before the block that continues it
    const rest = [...page.blocks];
    const out: BlockSpec[] = [];
    while (rest.length) {
      const i = rest.findIndex((b) => { const p = prev.get(b.id); return !p || p.page !== page || out.includes(p.spec); });
      out.push(...rest.splice(i < 0 ? 0 : i, 1));
    }
    order.set(page, out);
  }
  return { threads: { next, prev, order }, diagnostics };
}

const DIGITS = '〇一二三四五六七八九';

/** 第2版 or 第二版 (house jump.digits). */
export function pageLabel(n: number, digits: 'arabic' | 'chinese'): string {
  if (digits === 'arabic') return `第${n}版`;
  const tens = Math.floor(n / 10), ones = n % 10;
  const zh = n < 10 ? DIGITS[n]! : `${tens > 1 ? DIGITS[tens] : ''}十${ones ? DIGITS[ones] : ''}`;
  return `第${zh}版`;
}

export const jumpTo = (n: number, digits: 'arabic' | 'chinese') => `（下转${pageLabel(n, digits)}）`;
export const jumpFrom = (n: number, digits: 'arabic' | 'chinese') => `（上接${pageLabel(n, digits)}）`;
