/**
 * Copy accounting: every character of every story is on the pages, across its parts and jump
 * lines, or the build stops with COPY_LOST naming the story, the paragraph and the block. The
 * checker is fed the real threads edition (three pages, threads, own-line and run-on jump lines) and
 * the same layout with copy taken out of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { accountCopy } from '../../src/check/accounting.ts';
import { loadStory, type Story } from '../../src/content/story.ts';
import { jumpWords, resolveThreads, storyThreads } from '../../src/layout/threads.ts';
import type { BlockLayout, PageLayout } from '../../src/layout/types.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import type { EditionSpec } from '../../src/manifest/types.ts';
import { stringify } from 'yaml';
import { lineOf, sampleProject } from '../project.ts';
import { EDITION, HOUSE, scratch } from '../fuzz/hostile.ts';

interface Edition { ed: EditionSpec; stories: Map<string, Story>; pages: PageLayout[] }

function demo(house?: (s: string) => string): Edition {
  const p = sampleProject();
  if (house) p.edit('layouts/house.yaml', house);
  const ed = loadTarget(p.path('layouts/threads/edition.yaml'));
  const stories = new Map<string, Story>();
  for (const b of ed.pages.flatMap((pg) => pg.blocks)) stories.set(b.story.file, loadStory(b.story.id, b.story.file));
  return { ed, stories, pages: layoutEdition(ed).pages };
}

const account = (e: Edition, pages = e.pages) => accountCopy(storyThreads(e.ed, e.stories, pages, resolveThreads(e.ed).threads), jumpWords(e.ed));

/** A copy of the pages with `change` applied to block `id`. */
function changed(e: Edition, id: string, change: (b: BlockLayout) => void): PageLayout[] {
  const pages = structuredClone(e.pages);
  const b = pages.flatMap((p) => p.blocks).find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  change(b);
  return pages;
}

const bodyLines = (b: BlockLayout) => b.frames.flatMap((f) => f.lines).filter((l) => l.role === 'body');

let own: Edition, runOn: Edition;
beforeAll(() => {
  own = demo();
  runOn = demo((s) => `${s}jump: { place: run-on }\n`);
});

describe('copy accounting', () => {
  it('finds every character of the threads edition on its pages, jump lines aside', () => {
    expect(own.pages.some((p) => p.blocks.some((b) => b.jump?.to !== undefined))).toBe(true);
    expect(account(own)).toEqual([]);
    // run-on jump lines sit inside the body lines
    expect(runOn.pages.flatMap((p) => p.blocks).some((b) => bodyLines(b).some((l) => /（(?:上接|下转)第\d版）/.test(l.text)))).toBe(true);
    expect(account(runOn)).toEqual([]);
  });

  it('names the story, paragraph and block when a line in the middle of a thread is lost', () => {
    for (const e of [own, runOn]) {
      const pages = changed(e, 'glass-2', (b) => { const f = b.frames.find((x) => x.lines.length > 3)!; f.lines.splice(2, 1); });
      const ds = account(e, pages);
      expect(ds).toHaveLength(1);
      const d = ds[0]!;
      expect(d).toMatchObject({ severity: 'error', code: 'COPY_LOST', block: 'glass-2', page: 2 });
      expect(d.message).toMatch(/paragraph \d+ of story "glass"/);
      expect(d.file).toMatch(/glass\.md$/);
      expect(d.line).toBeGreaterThan(1);
    }
  });

  it('catches a changed character, a lost subhead, dateline or headline line, and copy set twice', () => {
    const glass = (change: (b: BlockLayout) => void) => account(own, changed(own, 'glass', change));
    expect(glass((b) => { const l = bodyLines(b)[1]!; l.text = l.text.slice(0, 3) + '口' + l.text.slice(4); })[0]?.code).toBe('COPY_LOST');
    expect(glass((b) => { const l = bodyLines(b)[1]!; l.text += l.text; })[0]?.code).toBe('COPY_LOST');
    expect(glass((b) => { b.headline = b.headline.filter((l) => l.role !== 'title'); })[0]?.message).toMatch(/the title of story "glass"/);
    const dateline = account(own, changed(own, 'finance', (b) => { const l = bodyLines(b)[0]!; l.text = l.text.slice(2); }));
    expect(dateline[0]?.message).toMatch(/the dateline of story "finance"/);
    expect(dateline[0]?.line).toBe(lineOf(own.stories.get([...own.stories.keys()].find((f) => f.endsWith('finance.md'))!)!.file, 'dateline:'));
  });

  it('lets an overset tail go, which BLOCK_OVERFLOW names, but nothing else', () => {
    const last = (b: BlockLayout) => b.frames.filter((f) => f.lines.length).at(-1)!;
    expect(account(own, changed(own, 'glass-3', (b) => { last(b).lines.pop(); b.overflow = 1; }))).toEqual([]);
    expect(account(own, changed(own, 'glass-3', (b) => { last(b).lines.pop(); }))[0]?.code).toBe('COPY_LOST');
    expect(account(own, changed(own, 'glass-3', (b) => { last(b).lines.splice(0, 1); b.overflow = 1; }))[0]?.code).toBe('COPY_LOST');
  });

  it('found a subhead split at a thread break set twice: it now goes on whole in the next part', () => {
    const p = scratch();
    p.write('layouts/house.yaml', stringify(HOUSE));
    p.write('layouts/ed/p01.yaml', stringify({ number: 1, blocks: [
      { id: 'a', story: 'a', col: 1, cols: 1, line: 1, lines: 8, headline: { lines: 4 } },
      { id: 'a2', story: 'a', continues: 'a', col: 2, cols: 2, line: 1, lines: 20 },
    ] }));
    p.write('content/ed/a.md', '---\ntitle: 标题\n---\n## 第一行 | 第二行 | 第三行 | 第四行 | 第五行 | 第六行\n\n正文。\n');
    const layout = layoutEdition(loadTarget(p.write('layouts/ed/edition.yaml', stringify(EDITION))));
    expect(layout.diagnostics.filter((d) => d.code === 'COPY_LOST')).toEqual([]);
    const subheads = (id: string) => layout.pages[0]!.blocks.find((b) => b.id === id)!.frames.flatMap((f) => f.lines).filter((l) => l.role === 'subhead').map((l) => l.text);
    expect(subheads('a')).toEqual([]);
    expect(subheads('a2')).toEqual(['第一行', '第二行', '第三行', '第四行', '第五行', '第六行']);
  });
});
