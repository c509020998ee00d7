/**
 * Threads (转版): which block continues which, across the pages of an edition. Built and checked
 * before any layout, because page numbers come from the manifests: a jump line's number is known
 * up front; only where the story breaks depends on the layout.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import type { BlockSpec, EditionSpec, HouseStyle, PageSpec } from '../manifest/types.ts';
import { nearest } from '../manifest/yamlSource.ts';
import type { Story } from '../content/story.ts';
import type { JumpWords, PageLayout, StoryThread, ThreadPart } from './types.ts';

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
  const byId = blocksById(ed, diagnostics);
  const { next, prev } = links(ed, byId, diagnostics);
  breakCycles(byId, next, prev, diagnostics);
  storiesTwice(byId, prev, diagnostics);
  return { threads: { next, prev, order: layoutOrder(ed, prev) }, diagnostics };
}

/** Every block of the edition by id; ids must be unique across pages, so that continues: can name them. */
function blocksById(ed: EditionSpec, diagnostics: Diagnostic[]): Map<string, PlacedBlock> {
  const byId = new Map<string, PlacedBlock>();
  for (const page of ed.pages) {
    for (const spec of page.blocks) {
      const seen = byId.get(spec.id);
      if (seen && seen.page !== page) {
        diagnostics.push(diag('error', 'DUPLICATE_BLOCK', `block id "${spec.id}" is also used on page ${seen.page.number}`, { ...spec.at, hint: 'block ids must be unique in an edition, so that continues: can name them' }));
      } else if (!seen) byId.set(spec.id, { spec, page });
    }
  }
  return byId;
}

/** The continues: links, each checked: to a block of the edition, of the same story, not later, not forked. */
function links(ed: EditionSpec, byId: ReadonlyMap<string, PlacedBlock>, diagnostics: Diagnostic[]): Pick<Threads, 'next' | 'prev'> {
  const next = new Map<string, PlacedBlock>();
  const prev = new Map<string, PlacedBlock>();
  const pageIndex = new Map(ed.pages.map((p, i) => [p, i]));
  for (const page of ed.pages) {
    for (const spec of page.blocks) {
      if (!spec.continues) continue;
      const problem = linkProblem(spec, page, byId.get(spec.continues.id), byId, next, pageIndex);
      if (problem) { diagnostics.push(problem); continue; }
      const target = byId.get(spec.continues.id)!;
      next.set(target.spec.id, { spec, page });
      prev.set(spec.id, target);
    }
  }
  return { next, prev };
}

function linkProblem(spec: BlockSpec, page: PageSpec, target: PlacedBlock | undefined, byId: ReadonlyMap<string, PlacedBlock>, next: ReadonlyMap<string, PlacedBlock>, pageIndex: ReadonlyMap<PageSpec, number>): Diagnostic | undefined {
  const at = spec.continues!.at;
  const id = spec.continues!.id;
  if (spec.continuedFrom !== undefined) {
    return diag('error', 'THREAD_CONFLICT', `block "${spec.id}" has both continues and continued-from`, { ...at, hint: 'continues: names a block in this edition; continued-from: a page outside it — keep one' });
  }
  if (!target) {
    const near = nearest(id, [...byId.keys()]);
    return diag('error', 'UNKNOWN_BLOCK', `block "${spec.id}" continues block "${id}", which is in no page of this edition`, { ...at, hint: near ? `did you mean "${near}"?` : 'continues: takes the id of a block on this or an earlier page' });
  }
  if (target.spec === spec) return diag('error', 'THREAD_CYCLE', `block "${spec.id}" continues itself`, { ...at });
  if (target.spec.story.file !== spec.story.file) {
    return diag('error', 'THREAD_OTHER_STORY', `block "${spec.id}" (story "${spec.story.id}") continues block "${target.spec.id}", which sets story "${target.spec.story.id}"`, { ...at, hint: 'a continuation carries the same story: give both blocks the same story:' });
  }
  if (pageIndex.get(target.page)! > pageIndex.get(page)!) {
    return diag('error', 'THREAD_BACKWARDS', `block "${spec.id}" on page ${page.number} continues block "${target.spec.id}" on page ${target.page.number}, which comes later in the edition`, { ...at, hint: 'a story continues on a later page; swap the continues: links or the pages' });
  }
  const other = next.get(target.spec.id);
  if (other) return diag('error', 'THREAD_FORK', `blocks "${other.spec.id}" and "${spec.id}" both continue block "${target.spec.id}"`, { ...at, hint: 'a thread goes on in one block; chain them instead (a → b → c)' });
  return undefined;
}

/** Cycles through several blocks (a → b → a), which the page order check cannot see on one page: reported and unlinked. */
function breakCycles(byId: ReadonlyMap<string, PlacedBlock>, next: Map<string, PlacedBlock>, prev: Map<string, PlacedBlock>, diagnostics: Diagnostic[]): void {
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
}

/** A story placed twice without a thread would be set twice. */
function storiesTwice(byId: ReadonlyMap<string, PlacedBlock>, prev: ReadonlyMap<string, PlacedBlock>, diagnostics: Diagnostic[]): void {
  const firstOf = new Map<string, PlacedBlock>();
  for (const b of byId.values()) {
    if (prev.has(b.spec.id)) continue;
    const first = firstOf.get(b.spec.story.file);
    if (first) diagnostics.push(diag('error', 'STORY_TWICE', `story "${b.spec.story.id}" is in blocks "${first.spec.id}" and "${b.spec.id}" without a thread between them`, { ...b.spec.at, hint: `add continues: ${first.spec.id} to the later block, or give it another story` }));
    else firstOf.set(b.spec.story.file, b);
  }
}

/** Every page's blocks in an order that lays out a same-page thread's earlier part before the block that continues it. */
function layoutOrder(ed: EditionSpec, prev: ReadonlyMap<string, PlacedBlock>): Map<PageSpec, BlockSpec[]> {
  const order = new Map<PageSpec, BlockSpec[]>();
  for (const page of ed.pages) {
    const rest = [...page.blocks];
    const out: BlockSpec[] = [];
    while (rest.length) {
      const i = rest.findIndex((b) => { const p = prev.get(b.id); return !p || p.page !== page || out.includes(p.spec); });
      out.push(...rest.splice(i < 0 ? 0 : i, 1));
    }
    order.set(page, out);
  }
  return order;
}

const DIGITS = '〇一二三四五六七八九';

/** A page number in Chinese numerals: 二, 十二, 二十, 一百零五 (a paper has fewer than a thousand pages). */
export function chineseNumeral(n: number): string {
  if (n >= 100 && n < 1000) {
    const rest = n % 100;
    return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : `${rest < 20 ? '一' : ''}${chineseNumeral(rest)}`}`;
  }
  if (n < 10 || n >= 1000) return n < 10 ? DIGITS[n]! : String(n);
  const tens = Math.floor(n / 10), ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}十${ones ? DIGITS[ones] : ''}`;
}

type Jump = HouseStyle['jump'];

/** A jump template filled: {n} the page number in the house's digits (2 or 二), {n:zh} always in Chinese numerals. */
export function fillJump(template: string, n: number, digits: Jump['digits']): string {
  return template.replace(/\{n(:zh)?\}/g, (_, zh?: string) => (zh || digits === 'chinese' ? chineseNumeral(n) : String(n)));
}

/** The jump line to page `n` (（下转第2版）, or the house's `jump.to`) and from page `n`. */
export const jumpTo = (n: number, jump: Jump) => fillJump(jump.to, n, jump.digits);
export const jumpFrom = (n: number, jump: Jump) => fillJump(jump.from, n, jump.digits);

/** Every story's parts in thread order, as laid out on `pages` (`stories` by file; a story not loaded has none). */
export function storyThreads(ed: EditionSpec, stories: ReadonlyMap<string, Story>, pages: readonly PageLayout[], threads: Threads): StoryThread[] {
  const laid = new Map<string, ThreadPart>();
  for (const p of pages) for (const b of p.blocks) laid.set(b.id, { block: b, page: p.number });
  const out: StoryThread[] = [];
  for (const page of ed.pages) {
    for (const spec of page.blocks) {
      const story = stories.get(spec.story.file);
      if (!story || threads.prev.has(spec.id)) continue; // not loaded (its error says why), or taken from the thread's start
      const chain = [spec];
      for (let n = threads.next.get(spec.id); n; n = threads.next.get(n.spec.id)) chain.push(n.spec);
      out.push({ story, parts: chain.map((s) => laid.get(s.id)), start: { block: spec.id, page: page.number }, continuedFrom: spec.continuedFrom, continuedTo: chain.at(-1)!.continuedTo });
    }
  }
  return out;
}

/** The edition's jump words. */
export const jumpWords = (ed: EditionSpec): JumpWords => {
  const { jump } = ed.house;
  return { runOn: jump.place === 'run-on', from: (n) => jumpFrom(n, jump), to: (n) => jumpTo(n, jump) };
};
