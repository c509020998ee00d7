/**
 * Vertical body text (直排, issue 17): a `writing: vertical` block sets its story in lines from the
 * right edge leftwards, in tiers top to bottom — read back from the PDF in reading order, with no
 * 禁则 at the lines' tops and feet, no loose line, every line on its pitch; 縱中橫 and turned Latin;
 * a thread from a vertical block on one page to one on the next, with its jump lines; the checks,
 * the layout dump and the manifest keys.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { layoutTarget, renderEditionPage, type EditionLayout } from '../../src/build.ts';
import { pageViolations } from '../../src/check/typography.ts';
import { dumpPage, parseDump } from '../../src/snapshot/dump.ts';
import { composeParagraph } from '../../src/text/compose.ts';
import type { BlockLayout, PageLayout } from '../../src/layout/types.ts';
import { blockTiers, measureTiers, setText } from '../../scripts/vertical-measure.ts';
import { EM, fonts, song } from '../text/helpers.ts';
import { sampleProject, thrownDiagnostics, type Project } from '../project.ts';

/** An edition of two pages in the scratch project: shashi in three tiers; river goes on from page 1 to page 2. */
function verticalEdition(p: Project, page1 = ''): string {
  mkdirSync(p.path('layouts/vt'), { recursive: true });
  writeFileSync(p.path('layouts/vt/edition.yaml'), 'paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages: [p01.yaml, p02.yaml]\n');
  writeFileSync(p.path('layouts/vt/p01.yaml'), `number: 1
blocks:
  - { id: shashi, story: ../../content/sample/shashi.md, col: 1, cols: 3, line: 1, lines: 30, writing: vertical, tiers: 3, headline: { place: right } }
  - { id: river, story: ../../content/sample/river.md, col: 4, cols: 2, line: 1, lines: 26, writing: vertical, tiers: 2 }
${page1}`);
  writeFileSync(p.path('layouts/vt/p02.yaml'), `number: 2
writing: vertical
blocks:
  - { id: river-2, story: ../../content/sample/river.md, continues: river, col: 1, cols: 4, line: 1, lines: 40, tiers: 2 }
`);
  return p.path('layouts/vt/edition.yaml');
}

const slugOf = (pdf: Uint8Array, page: PageLayout): number => {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const b = doc.loadPage(0).getBounds() as number[];
  doc.destroy();
  return (b[2]! - b[0]! - page.width) / 2;
};

describe('vertical body text', () => {
  let ed: EditionLayout;
  let pdfs: Buffer[];
  beforeAll(async () => {
    ed = layoutTarget(verticalEdition(sampleProject()));
    pdfs = await Promise.all(ed.pages.map((pg) => renderEditionPage(ed, pg)));
  });
  const block = (page: number, id: string): BlockLayout => ed.pages[page - 1]!.blocks.find((b) => b.id === id)!;

  it('reads back from the PDF in order — tiers top to bottom, lines right to left — with no 禁则 at tops or feet, no loose line, every line on its pitch', () => {
    for (const [page, id] of [[1, 'shashi'], [1, 'river'], [2, 'river-2']] as const) {
      const b = block(page, id);
      const m = measureTiers(pdfs[page - 1]!, blockTiers(b, slugOf(pdfs[page - 1]!, ed.pages[page - 1]!)));
      expect(m.text).toBe(setText(b));
      expect(m.kinsoku).toEqual([]);
      expect(m.loose).toBe(0);
      expect(m.offPitch).toBe(0);
      expect(m.lines).toBeGreaterThan(5);
    }
    expect(ed.pages.flatMap((pg) => pageViolations(pg))).toEqual([]);
  });

  it('stacks its tiers top to bottom in whole characters, lines right to left on the pitch, the first paragraph line indented at the top', () => {
    const b = block(1, 'shashi');
    const tiers = b.frames.map((f) => f.tier!);
    expect(tiers).toHaveLength(3);
    for (let t = 1; t < 3; t++) expect(tiers[t]!.y).toBeGreaterThan(tiers[t - 1]!.y + tiers[t - 1]!.height);
    expect((tiers[0]!.height / tiers[0]!.em) % 1).toBeCloseTo(0, 6);
    const lines = b.frames[0]!.lines;
    const right = b.frames[0]!.x + b.frames[0]!.width;
    lines.forEach((l, k) => expect(right - (l.x + tiers[0]!.em)).toBeCloseTo(k * tiers[0]!.pitch, 6));
    const first = lines.find((l) => l.first && l.role === 'body')!;
    expect(first.glyphs[0]!.bx / tiers[0]!.em).toBeCloseTo(2, 6); // 2 em from the tier's top
    expect(first.glyphs[0]!.y).toBeCloseTo(2 * tiers[0]!.em + song.ascent * tiers[0]!.em, 6);
  });

  it('sets the headline at the story\'s right, the text beside it', () => {
    const b = block(1, 'shashi');
    const head = Math.min(...b.headline.map((l) => l.x));
    for (const l of b.frames.flatMap((f) => f.lines)) expect(l.x + l.glyphs[0]!.size).toBeLessThan(head);
  });

  it('sets numbers of one or two digits upright in one cell (縱中橫) and turns longer numbers and Latin', () => {
    const glyphs = block(1, 'shashi').frames.flatMap((f) => f.lines).flatMap((l) => l.glyphs);
    const i = glyphs.findIndex((g, k) => g.text === '1' && glyphs[k + 1]?.text === '2' && !g.rotated); // 12月5日
    expect(i).toBeGreaterThanOrEqual(0);
    expect(glyphs[i + 1]!.y).toBe(glyphs[i]!.y); // side by side on one baseline
    expect(glyphs[i + 1]!.x).toBeGreaterThan(glyphs[i]!.x);
    const year = glyphs.filter((g) => g.rotated).map((g) => g.text).join('');
    expect(year).toContain('2024'); // 2024年: turned 90° clockwise
  });

  it('goes on in a vertical block on the next page: （下转第2版） at the foot of the last line, （上接第1版） at the head of the next part, the copy whole', () => {
    const first = block(1, 'river'), next = block(2, 'river-2');
    expect(first.stop).toBeDefined();
    const last = first.frames.at(-1)!.lines.at(-1)!;
    expect(last.role).toBe('jump');
    expect(last.text).toBe('（下转第2版）');
    expect(last.vertical).toBe(true);
    const tier = first.frames.at(-1)!.tier!;
    const end = last.glyphs.at(-1)!;
    expect(end.bx + end.bw).toBeCloseTo(tier.height, 1); // set to the foot of the line
    const head = next.frames[0]!.lines[0]!;
    expect(head.role).toBe('jump');
    expect(head.text).toBe('（上接第1版）');
    // the second part starts where the first stopped (copy accounting passed, or layoutTarget would have thrown)
    const story = setText(first).replace('（下转第2版）', '') + setText(next).replace('（上接第1版）', '');
    expect(story.startsWith('“三游同治”打造美丽宜居新环境黑臭在水里')).toBe(true);
    expect(story.endsWith('贡献沙市力量。')).toBe(true);
    expect(setText(next).length).toBeGreaterThan(50);
  });

  it('dumps its tiers and lines readably, and reads the dump back', () => {
    const dump = dumpPage(ed.pages[0]!, { paper: '荆州日报', date: '2024-12-06' });
    expect(dump).toMatch(/\n {2}tier 1 {2}x [\d.]+ {2}w [\d.]+ {2}y [\d.]+ {2}h [\d.]+ {2}lines \d+/);
    const rows = parseDump(dump).filter((r) => r.path[0] === 'block river' && r.path[1] === 'tier 2');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[1]!.fields.get('h')).toBeDefined();
  });

  it('the checks find 禁则 at a line\'s top and a line off its pitch', () => {
    const page = structuredClone(ed.pages[0]!);
    const b = page.blocks.find((x) => x.id === 'river')!;
    const lines = b.frames[0]!.lines;
    const k = lines.findIndex((l) => l.role === 'body');
    lines[k + 1]!.x -= 3; // off its pitch
    lines[k]!.text = `，${lines[k]!.text.slice(1)}`; // a comma at the top of a line
    const found = pageViolations(page).filter((v) => v.block === 'river').map((v) => `${v.check} ${v.line}`);
    expect(found).toContain(`KINSOKU_START ${k + 1}`);
    expect(found).toContain(`BASELINE_GRID ${k + 2}`);
  });
});

describe('vertical composition', () => {
  it('takes the vertical forms of marks, gives a GB mark its blank at the foot and a centred Taiwan mark its whole cell', () => {
    const h = composeParagraph([{ text: '中，文', face: song, size: EM }], { measure: 20 * EM, em: EM });
    const v = composeParagraph([{ text: '中，文', face: song, size: EM }], { measure: 20 * EM, em: EM, settings: { vertical: true } });
    expect(v.lines[0]!.glyphs[1]!.gid).not.toBe(h.lines[0]!.glyphs[1]!.gid);
    expect(v.lines[0]!.glyphs[2]!.x).toBeCloseTo(2 * EM, 6); // 中，文 are three whole cells in a line of their own…
    const pair = composeParagraph([{ text: '中，「文」', face: song, size: EM }], { measure: 20 * EM, em: EM, settings: { vertical: true } });
    expect(pair.lines[0]!.glyphs[3]!.x).toBeCloseTo(2.5 * EM, 6); // …and ，「 compressed to 1.5 em (全角式)
    const tw = fonts.face('song', 400, 'zh-Hant-TW');
    const c = composeParagraph([{ text: '中，「文」', face: tw, size: EM }], { measure: 20 * EM, em: EM, settings: { vertical: true, lang: 'zh-Hant-TW' } });
    expect(c.lines[0]!.glyphs[1]!.centred).toBe(true); // ， centred in its cell: not compressed
    expect(c.lines[0]!.glyphs[2]!.bx).toBeCloseTo(2 * EM, 6); // 「 after its whole cell
  });

  it('sets one to three capitals upright, one per cell and never broken apart; longer Latin turned', () => {
    const set = (text: string, measure = 20) => composeParagraph([{ text, face: song, size: EM }], { measure: measure * EM, em: EM, settings: { vertical: true } }).lines;
    const nba = set('看NBA比賽').flatMap((l) => l.glyphs);
    expect(nba.map((g) => g.text).join('')).toBe('看NBA比賽');
    for (const k of [1, 2, 3]) {
      expect(nba[k]!.rotated).toBeUndefined();
      expect(nba[k]!.cell).toHaveLength(1);
      expect(nba[k]!.x).toBeCloseTo(k * EM, 6); // a whole cell each, on the grid
    }
    expect(set('用AI').flatMap((l) => l.glyphs).filter((g) => g.cell)).toHaveLength(2);
    expect(set('看NBAX比賽').flatMap((l) => l.glyphs).filter((g) => g.rotated).map((g) => g.text).join('')).toBe('NBAX');
    expect(set('Ai').flatMap((l) => l.glyphs).every((g) => g.rotated)).toBe(true);
    // three cells a line of two characters can only take whole: NBA moves to the next line together
    const lines = set('中文NBA', 4);
    expect(lines.map((l) => l.text)).toEqual(['中文', 'NBA']);
  });

  it('sets quotes as corner brackets and keeps the copy\'s own characters', () => {
    const v = composeParagraph([{ text: '“中”', face: song, size: EM }], { measure: 20 * EM, em: EM, settings: { vertical: true } });
    const corner = song.font.layout('『', ['vert'], 'hani', 'ZHS').glyphs[0]!.id;
    expect(v.lines[0]!.glyphs[0]!.gid).toBe(corner);
    expect(v.lines[0]!.text).toBe('“中”');
  });
});

describe('vertical blocks in the manifest', () => {
  it('tiers on a horizontal block, and a photo over more tiers than its block has, are errors at the key', () => {
    const p = sampleProject();
    const file = verticalEdition(p, `  - { id: y, story: ../../content/sample/xi.md, col: 7, cols: 2, line: 40, lines: 20, tiers: 2 }
  - { id: z, story: ../../content/sample/jinan.md, col: 7, cols: 2, line: 70, lines: 30, writing: vertical, tiers: 2,
      image: { file: ../../content/sample/photos/site.jpg, cols: 3, lines: 4 } }
`);
    const ds = thrownDiagnostics(() => layoutTarget(file));
    expect(ds.map((d) => `${d.code} ${d.line}`)).toEqual(expect.arrayContaining(['BAD_VALUE 5', 'BAD_VALUE 7']));
    expect(ds.find((d) => d.line === 7)!.message).toContain('3 tiers, but the block has 2 tiers');
  });
});

describe('a photo in a vertical block', () => {
  let ed: EditionLayout;
  beforeAll(() => {
    const p = sampleProject();
    ed = layoutTarget(verticalEdition(p, `  - { id: top, story: ../../content/sample/xi.md, col: 6, cols: 3, line: 1, lines: 30, writing: vertical, tiers: 3,
      image: { file: ../../content/sample/photos/site.jpg, cols: 2, lines: 7, place: top-right, caption: 工地 } }
  - { id: foot, story: ../../content/sample/glass.md, col: 6, cols: 3, line: 61, lines: 45, writing: vertical, tiers: 2,
      image: { file: ../../content/sample/photos/site.jpg, cols: 1, lines: 6, place: bottom-left } }
`));
  });
  const block = (id: string) => ed.pages[0]!.blocks.find((b) => b.id === id)!;
  const image = (id: string) => ed.pages[0]!.furniture.find((f) => f.kind === 'image' && f.id === id) as { x: number; y: number; width: number; height: number };

  it('takes its tiers at the top, its lines from the right; the text of those tiers starts after it', () => {
    const b = block('top'), img = image('top');
    const tiers = b.frames.map((f) => f.tier!);
    const { em, pitch } = tiers[0]!;
    expect(img.y).toBeCloseTo(tiers[0]!.y, 6); // from the top of the first tier…
    expect(img.y + img.height).toBeLessThan(tiers[1]!.y + tiers[1]!.height); // …over two tiers, its caption under it
    expect(img.y + img.height).toBeGreaterThan(tiers[1]!.y);
    expect(img.x + img.width).toBeCloseTo(b.frames[0]!.x + b.frames[0]!.width, 6); // at the right edge
    for (const t of [0, 1]) {
      const first = b.frames[t]!.lines[0]!;
      expect(first.x).toBeLessThan(img.x - (pitch - em)); // the text after it, a line of air between
      expect(b.frames[0]!.x + b.frames[0]!.width - (first.x + em)).toBeCloseTo(7 * pitch, 6); // on the 8th line of the tier
    }
    expect(b.frames[2]!.lines[0]!.x + em).toBeCloseTo(b.frames[0]!.x + b.frames[0]!.width, 6); // the third tier whole
    expect(ed.pages[0]!.furniture.some((f) => f.kind === 'text' && f.id === 'top' && f.lines[0]!.text.startsWith('工地'))).toBe(true);
    expect(ed.pages[0]!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('at the bottom left: the last tier\'s lines end before it, which reaches the block\'s edge', () => {
    const b = block('foot'), img = image('foot');
    const last = b.frames[1]!, tier = last.tier!;
    expect(img.x).toBeCloseTo(b.x, 6);
    expect(img.y).toBeCloseTo(tier.y, 6);
    expect(img.y + img.height).toBeCloseTo(tier.y + tier.height, 6); // no caption: the picture the tier's height
    const lines = b.frames[0]!.lines.length;
    expect(last.lines.length).toBeLessThanOrEqual(lines - 6);
    for (const l of last.lines) expect(l.x).toBeGreaterThan(img.x + img.width);
  });

  it('reads back from the PDF whole, in order, with no 禁则 and no loose line', async () => {
    const pdf = await renderEditionPage(ed, ed.pages[0]!);
    for (const id of ['top', 'foot']) {
      const m = measureTiers(pdf, blockTiers(block(id), slugOf(pdf, ed.pages[0]!), ed.pages[0]!.furniture));
      expect(m.text).toBe(setText(block(id)));
      expect(m.kinsoku).toEqual([]);
      expect(m.loose).toBe(0);
    }
  });
});

describe('lines: auto on a vertical block', () => {
  it('keeps the block\'s width and tiers and takes the fewest grid lines whose tiers hold the copy', () => {
    const p = sampleProject();
    const ed = layoutTarget(verticalEdition(p, '  - { id: glass, story: ../../content/sample/glass.md, col: 6, cols: 3, line: 1, lines: auto, writing: vertical, tiers: 2 }\n'));
    const page = ed.pages[0]!;
    const b = page.blocks.find((x) => x.id === 'glass')!;
    expect(b.overflow).toBe(0);
    const lines = b.grid.lines;
    expect(lines).toBeGreaterThan(10);
    expect(b.frames).toHaveLength(2);
    // one grid line fewer and the copy no longer fits
    const shorter = layoutTarget(verticalEdition(sampleProject(), `  - { id: glass, story: ../../content/sample/glass.md, col: 6, cols: 3, line: 1, lines: ${lines - 1}, writing: vertical, tiers: 2 }\n`));
    const s = shorter.pages[0]!.blocks.find((x) => x.id === 'glass')!;
    expect(s.overflow + s.frames.flatMap((f) => f.lines).length).toBeGreaterThan(0);
    expect(shorter.pages[0]!.diagnostics.some((d) => d.code === 'BLOCK_OVERFLOW' && d.block === 'glass')).toBe(true);
  });
});
