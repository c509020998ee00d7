/**
 * Cuts and adds in characters (字数): a story over (short of) its block gets a plan of what to
 * cut (add), paragraph by paragraph, and the plan carried out on the article makes the block fit;
 * every block carries its copy and capacity in characters, and `banmian check` prints them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import { loadStory } from '../../src/content/story.ts';
import { addBefore, changesText, copyLength, cutBefore } from '../../src/layout/cuts.ts';
import type { BlockLayout, CopyChange } from '../../src/layout/types.ts';
import { ROOT } from '../project.ts';

const FIXTURE = join(ROOT, 'test/fixtures/cuts');
const made: string[] = [];
afterAll(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A scratch copy of the cut-and-add example edition (page 1: a story over even after copyfitting; page 2 fits). */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-cuts-'));
  made.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const path = (f: string) => join(dir, f);
  return { dir, edition: path('edition.yaml'), path, edit: (f: string, change: (s: string) => string) => writeFileSync(path(f), change(readFileSync(path(f), 'utf8'))) };
}

const HAN = /\p{Script=Han}/u;

/**
 * What the desk does with a plan, written here without the planner's code: in paragraph k of the
 * article (paragraphs are the blank-line separated lines after the front matter), take out (put
 * in) the last n ideographs before its closing punctuation.
 */
function carryOut(file: string, plan: readonly CopyChange[], add?: string): void {
  const text = readFileSync(file, 'utf8');
  const fm = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0] ?? '';
  const paras = text.slice(fm.length).trimEnd().split('\n\n').map((p, k) => {
    const c = plan.find((x) => x.paragraph === k + 1);
    if (!c) return p;
    const chars = [...p];
    let end = chars.length;
    while (end > 0 && !/[\p{L}\p{N}]/u.test(chars[end - 1]!)) end--;
    if (add) return [...chars.slice(0, end), add.repeat(c.chars), ...chars.slice(end)].join('');
    let left = c.chars;
    for (let i = end - 1; i >= 0 && left > 0; i--) if (HAN.test(chars[i]!)) { chars[i] = ''; left--; }
    return chars.join('');
  });
  writeFileSync(file, `${fm}${paras.join('\n\n')}\n`);
}

const block = (ed: string, id: string): BlockLayout => layoutTarget(ed, { adds: true }).pages.flatMap((p) => p.blocks).find((b) => b.id === id)!;
const fits = (b: BlockLayout) => b.overflow === 0 && b.underflow <= 1;

describe('cutting and adding before the final punctuation', () => {
  it('takes out the last ideographs, leaving punctuation, digits and Latin where they are', () => {
    expect(cutBefore('少儿阅览室开放至20时。', 6)).toBe('少儿阅20。');
    expect(cutBefore('“像是给自己留了一块安静的地方”。', 3)).toBe('“像是给自己留了一块安静”。');
    expect(cutBefore('开放至22时延长。', 2, 3)).toBe('开放至22时。'); // only from `from` on: an earlier part's text stays
    expect(cutBefore('开放至22时。', 1, 3)).toBeNull(); // and the part keeps a character
    expect(cutBefore('二十个。', 3)).toBeNull(); // a paragraph keeps a character
    expect(addBefore('安静的地方”。', 2, '方')).toBe('安静的地方方方”。');
    expect(copyLength('本报讯　记者 A b\n。')).toBe(8);
  });
});

describe('cut plans', () => {
  it('a story over its block as set: the plan carried out on the article fits it exactly, and one character less does not', () => {
    const f = fixture();
    f.edit('p01.yaml', (s) => s.replace('fit: auto, ', ''));
    const over = block(f.edition, 'library');
    expect(over.overflow).toBeGreaterThan(1);
    const cuts = over.fill.cuts!;
    expect(cuts.length).toBeGreaterThan(1);
    expect(cuts.map((c) => c.chars)).toEqual([...cuts.map((c) => c.chars)].sort((a, b) => a - b)); // cheapest first
    const story = f.path('library.md'), before = readFileSync(story, 'utf8');
    // its copy, set and over: the dateline and the paragraphs, white space not counted
    expect(over.fill.chars + over.fill.overset!).toBe(copyLength('本报讯（记者 王晓）' + before.replace(/^---\n[\s\S]*?\n---\n/, '')));

    carryOut(story, cuts);
    const after = block(f.edition, 'library');
    expect(after.overflow).toBe(0);
    expect(after.underflow).toBeLessThanOrEqual(1);

    // the least: one character fewer from the cheapest paragraph leaves a line over
    writeFileSync(story, before);
    carryOut(story, [{ ...cuts[0]!, chars: cuts[0]!.chars - 1 }, ...cuts.slice(1)]);
    expect(block(f.edition, 'library').overflow).toBe(1);
  });

  it('a story over even after copyfitting: the hint names the cuts, and carried out they let the page fit', () => {
    const f = fixture();
    const layout = layoutTarget(f.edition);
    const lib = layout.pages[0]!.blocks[0]!;
    expect(lib.overflow).toBeGreaterThan(1);
    const err = layout.diagnostics.find((d) => d.code === 'BLOCK_OVERFLOW' && d.block === 'library')!;
    expect(err.message).toMatch(/even after copyfitting/);
    expect(err.hint).toBe(`cut ${changesText(lib.fill.cuts!, 'from')}, or give the block more lines or columns`);
    expect(err.hint).toMatch(/^cut \d+ characters: \d+ from paragraph \d+, \d+ from paragraph \d+/);

    carryOut(f.path('library.md'), lib.fill.cuts!);
    const fitted = layoutTarget(f.edition);
    expect(fits(fitted.pages[0]!.blocks[0]!)).toBe(true);
    expect(fitted.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a short block: what to add and where, or a new paragraph of so many characters, each filling it', () => {
    const f = fixture();
    f.edit('riverside.md', (s) => s.replace('建成后滨江步道全线', '建成后全线')); // 4 characters fewer: 2 lines empty
    const short = block(f.edition, 'riverside');
    expect(short.underflow).toBe(2);
    const { adds, newParagraph } = short.fill;
    expect(adds).toEqual([{ paragraph: 3, chars: expect.any(Number), room: expect.any(Number) }]);
    expect(adds![0]!.chars).toBe(adds![0]!.room! + 1); // one more than the last line holds
    const warning = layoutTarget(f.edition, { adds: true }).diagnostics.find((d) => d.code === 'BLOCK_UNDERFLOW' && d.block === 'riverside')!;
    // watch and library callers skip the plan (it sets the story again several times): the hint says only what to do
    expect(layoutTarget(f.edition).diagnostics.find((d) => d.code === 'BLOCK_UNDERFLOW' && d.block === 'riverside')!.hint).toBe('add copy, or give the block fewer lines');
    expect(warning.hint).toBe(`add ${adds![0]!.chars} characters to paragraph 3 (its last line has room for ${adds![0]!.room}); or a new last paragraph of ${newParagraph![0]}–${newParagraph![1]} characters, or give the block fewer lines`);

    const original = readFileSync(f.path('riverside.md'), 'utf8');
    carryOut(f.path('riverside.md'), adds!, '园');
    expect(fits(block(f.edition, 'riverside'))).toBe(true);
    // the new paragraph at its least and its most fills the block; one character more is too many
    for (const [n, ok] of [[newParagraph![0], true], [newParagraph![1], true], [newParagraph![1] + 1, false]] as const) {
      writeFileSync(f.path('riverside.md'), `${original.trimEnd()}\n\n${'园'.repeat(n)}。\n`);
      expect(fits(block(f.edition, 'riverside'))).toBe(ok);
    }
  });

  it('every block carries its copy, as copy accounting counts it, and its capacity; a block that fits has no plan', () => {
    const layout = layoutTarget(join(ROOT, 'layouts/sample/edition.yaml'));
    const page = layout.pages[0]!;
    for (const b of page.blocks) {
      expect(b.fill.capacity).toBe(b.frames.reduce((n, f) => n + f.capacity * Math.round(f.width / page.grid.em), 0));
      expect(b.fill.cuts ?? b.fill.adds).toBeUndefined();
    }
    // a story set whole in one block: its copy is the article's body and dateline, without white space
    const finance = page.blocks.find((b) => b.id === 'finance')!;
    const story = loadStory('finance', join(ROOT, 'content/sample/finance.md'));
    const body = (story.dateline ?? '') + story.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.lines.join(''))).join('');
    expect(finance.fill.chars).toBe(copyLength(body));
  });
});

describe('banmian check: 字数 per block, page and edition', () => {
  const run = (args: string[]) => {
    try {
      return { out: execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'check', ...args], { encoding: 'utf8', stdio: 'pipe' }), status: 0 };
    } catch (e) {
      const { stdout, status } = e as { stdout: string; status: number };
      return { out: stdout, status };
    }
  };

  it('--json: chars, capacity, the cuts of a block over, the adds of a block short, page totals', () => {
    const f = fixture();
    f.edit('riverside.md', (s) => s.replace('建成后滨江步道全线', '建成后全线'));
    const { out, status } = run([f.edition, '--json']);
    expect(status).toBe(1);
    const pages = JSON.parse(out) as { page: number; blocks: Record<string, unknown>[]; fill: Record<string, number> }[];
    const blocks = pages.flatMap((p) => p.blocks);
    for (const b of blocks) expect(b).toMatchObject({ chars: expect.any(Number), capacity: expect.any(Number), rows: expect.any(Number) });
    const lib = blocks.find((b) => b.block === 'library')!;
    expect(lib.cuts).toEqual(expect.arrayContaining([{ paragraph: expect.any(Number), chars: expect.any(Number) }]));
    expect(lib.overset).toBeGreaterThan(0);
    expect(blocks.find((b) => b.block === 'riverside')!.adds).toEqual([{ paragraph: 3, chars: expect.any(Number), room: expect.any(Number) }]);
    expect(blocks.find((b) => b.block === 'ecommerce')).not.toHaveProperty('cuts');
    const p2 = pages[1]!;
    expect(p2.fill.capacity).toBe(p2.blocks.reduce((n, b) => n + (b.capacity as number), 0));
  });

  it('the report: copy and capacity in characters and lines, the fill, the cuts, page and edition totals', () => {
    const { out, status } = run([join(FIXTURE, 'edition.yaml')]);
    expect(status).toBe(1);
    expect(out).toMatch(/characters\s+lines\n\s+block\s+cols\s+copy\s+capacity\s+copy\s+rows\s+fill/);
    expect(out).toMatch(/library\s+2\s+\d+\s+650\s+5\d\s+50\s+\d+%\s+OVERFLOW \d lines: cut \d+ characters: \d+ from paragraph \d+/);
    expect(out).toMatch(/ecommerce\s+2\s+301\s+312\s+24\s+24\s+96%\s+full/);
    const total = (label: string) => out.match(new RegExp(`${label}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\d+%`))!.slice(1).map(Number);
    const [p1, p2, ed] = [total('page 1'), total('page 2'), total('edition')];
    expect(ed).toEqual(p1!.map((v, i) => v + p2![i]!));
    expect(out).toMatch(/edition(\s+\d+){4}\s+\d+%\s+2 pages\n/);
  });
});
