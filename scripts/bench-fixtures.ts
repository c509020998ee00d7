/**
 * Benchmark fixtures, generated at run time (nothing is committed): broadsheet pages of about
 * 10,000 characters made from the sample articles' paragraphs, shuffled deterministically, as a
 * banmian edition (house style layouts/house.yaml, one block of 8 text columns × the full page
 * height) and as the same text in Typst markup with the same geometry and font.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseStory } from '../src/content/story.ts';
import { rng } from '../src/makeup/search.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const HOUSE = join(ROOT, 'layouts/house.yaml');
export const SERIF_400 = join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
export const PAGE_CHARS = 10_000;

let cached: string[] | undefined;

/** The body paragraphs of every sample article (no headlines, datelines or subheads). */
export function sampleParagraphs(): string[] {
  if (cached) return cached;
  const dir = join(ROOT, 'content/sample');
  cached = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().flatMap((f) => {
    const file = join(dir, f);
    return parseStory(f, file, readFileSync(file, 'utf8')).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
  });
  return cached;
}

const len = (s: string): number => [...s].length;

/**
 * Paragraphs totalling exactly `chars` characters: the sample paragraphs shuffled with `seed`,
 * reshuffled each time round; the last one is cut short and ends with 。.
 */
export function pageParagraphs(seed: number, chars = PAGE_CHARS): string[] {
  const src = sampleParagraphs();
  const rand = rng(seed);
  const out: string[] = [];
  let total = 0;
  while (total < chars) {
    const order = src.map((p) => ({ p, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.p);
    for (const p of order) {
      const n = len(p);
      if (total + n <= chars) { out.push(p); total += n; continue; }
      const rest = chars - total;
      if (rest >= 8) { out.push([...p].slice(0, rest - 1).join('') + '。'); total += rest; }
      else if (out.length) { const last = [...out.pop()!]; out.push([...last, ...[...p].slice(0, rest)].join('')); total += rest; }
      break;
    }
  }
  return out;
}

// Common ideographs of the sample text, for variants that defeat per-text caches (see variant()).
const POOL = [...'的会发展工作市区业项目建设企和在大年经济合作强推进中国人民生产业县农村新城镇现代化全面服务管理部门提升加快产'];

/**
 * A variant of the paragraphs for warm run `i`: every ideograph of POOL is rotated to another one
 * of the pool, so (nearly) every text segment is new and per-text caches (ours: the shaping cache;
 * Typst: comemo) cannot reuse earlier results, while the character classes, widths and line
 * breaking opportunities stay the same.
 */
export function variant(paras: readonly string[], i: number): string[] {
  if (i === 0) return [...paras];
  const shift = (i % (POOL.length - 1)) + 1;
  const map = new Map(POOL.map((c, k) => [c, POOL[(k + shift) % POOL.length]!]));
  return paras.map((p) => [...p].map((c) => map.get(c) ?? c).join(''));
}

/** One character of one paragraph changed (the watch-mode edit), different for every `i`. */
export function edit(paras: readonly string[], i: number): string[] {
  const out = [...paras];
  const p = 3 + (i % Math.max(1, paras.length - 6));
  const chars = [...out[p]!];
  // an ideograph somewhere in the middle, replaced by another ideograph
  let k = Math.floor(chars.length / 2) + (i % 7);
  while (k < chars.length && !/\p{Script=Han}/u.test(chars[k]!)) k++;
  if (k >= chars.length) k = 0;
  const repl = '国家人民政府经济社会'[i % 10]!;
  chars[k] = chars[k] === repl ? '省' : repl;
  out[p] = chars.join('');
  return out;
}

export const storyMarkdown = (paras: readonly string[]): string => paras.join('\n\n') + '\n';

/** The page manifest: one block over the whole grid, set in 8 text columns, no headline. */
export const pageYaml = (n: number, story: string): string =>
  `number: ${n}\nblocks:\n  - { id: body${n}, story: ${story}, col: 1, cols: 8, line: 1, lines: 105, columns: 8 }\n`;

export interface EditionFixture {
  dir: string; // <root>/layouts/<name>
  edition: string; // edition.yaml
  pages: string[]; // page manifests
  stories: string[]; // story files (one per page)
}

/**
 * Writes an edition of `pages` pages under `root` (root/layouts/<name>, root/content/<name>);
 * page k (1-based) holds the paragraphs of seed `seed + k - 1`.
 */
export function writeEdition(root: string, name: string, pages: number, seed: number): EditionFixture {
  const dir = join(root, 'layouts', name);
  const content = join(root, 'content', name);
  mkdirSync(dir, { recursive: true });
  mkdirSync(content, { recursive: true });
  const fx: EditionFixture = { dir, edition: join(dir, 'edition.yaml'), pages: [], stories: [] };
  for (let k = 1; k <= pages; k++) {
    const id = `s${String(k).padStart(2, '0')}`;
    const story = join(content, `${id}.md`);
    writeFileSync(story, storyMarkdown(pageParagraphs(seed + k - 1)));
    const page = join(dir, `p${String(k).padStart(2, '0')}.yaml`);
    writeFileSync(page, pageYaml(k, id));
    fx.pages.push(page);
    fx.stories.push(story);
  }
  writeFileSync(fx.edition, `paper: 基准报\ndate: 2024-12-06\nhouse: ${JSON.stringify(HOUSE)}\npages: [${fx.pages.map((p) => JSON.stringify(p.slice(dir.length + 1))).join(', ')}]\n`);
  return fx;
}

/** Typst markup escaping: every ASCII punctuation mark that could mean something in markup. */
const typstEscape = (s: string): string => s.replace(/[\\#*_`$<>@[\]/~=+\-'".:]/g, (c) => `\\${c}`);

/**
 * The same page in Typst: the house geometry (390 × 550 mm, margins 30/20 mm, the 111-character
 * type area centred between the side margins), 8 columns with 1-character (9 pt) gutters, 9 pt
 * Noto Serif SC, baselines 1.5 em apart (a 1 em line box plus 0.5 em leading, paragraphs with no
 * extra space, as on the grid), 2 em first-line indent, justified, CJK–Latin spacing.
 */
export function typstSource(paras: readonly string[]): string {
  const typeArea = 111 * 9; // 8 × 13 characters + 7 gutters of 1 character, as layouts/house.yaml
  const side = ((390 / 25.4) * 72 - typeArea) / 2;
  return [
    `#set page(width: 390mm, height: 550mm, margin: (left: ${side.toFixed(4)}pt, right: ${side.toFixed(4)}pt, top: 30mm, bottom: 20mm), columns: 8)`,
    '#set columns(gutter: 9pt)',
    '#set text(font: "Noto Serif SC", size: 9pt, lang: "zh", region: "cn", cjk-latin-spacing: auto, top-edge: 0.88em, bottom-edge: -0.12em)',
    '#set par(justify: true, leading: 0.5em, spacing: 0.5em, first-line-indent: (amount: 2em, all: true))',
    '',
    paras.map(typstEscape).join('\n\n'),
    '',
  ].join('\n');
}

/** The cold comparison with Typst (issue 20): one article of this many characters on an A4 page. */
export const ARTICLE_CHARS = 666;

/**
 * One article on an A4 page, in one block of one text column at the top of the type area: 45
 * characters of 五号 (10.5 pt) Noto Serif SC, baselines 1.5 em apart, 20 mm margins, the house's
 * print settings (marks, bleed, PDF/X). Written under root/layouts/article (its own house style)
 * and root/content/article; returns the page manifest.
 */
export function writeArticle(root: string, paras: readonly string[]): string {
  const dir = join(root, 'layouts', 'article');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(root, 'content', 'article'), { recursive: true });
  writeFileSync(join(root, 'content', 'article', 'a01.md'), storyMarkdown(paras));
  writeFileSync(join(dir, 'house.yaml'), [
    `fonts: ${JSON.stringify(join(ROOT, 'fonts/fonts.yaml'))}`,
    'page: { size: [210mm, 297mm], margins: { top: 20mm, bottom: 20mm, left: 20mm, right: 20mm }, bleed: 3mm }',
    'grid: { columns: 1, chars: 45, gutter: 1zw, body: body }',
    'styles:',
    '  body: { font: song, size: 五号, pitch: 1.5em }',
    'composition: { indent: 2zw }',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'edition.yaml'), 'paper: 基准报\ndate: 2024-12-06\nhouse: house.yaml\npages: [p01.yaml]\n');
  const page = join(dir, 'p01.yaml');
  writeFileSync(page, `number: 1\nblocks:\n  - { id: a01, story: a01, col: 1, cols: 1, line: 1, lines: ${ARTICLE_LINES}, columns: 1 }\n`);
  return page;
}

/** Grid lines of the block: the article's 17 lines and one to spare (the type area has 46). */
const ARTICLE_LINES = 18;

/** The article page in Typst: the same text, size, measure (centred 45 em), margins and line pitch. */
export function typstArticle(paras: readonly string[]): string {
  const measure = 45 * 10.5;
  const side = ((210 / 25.4) * 72 - measure) / 2;
  return [
    `#set page(width: 210mm, height: 297mm, margin: (left: ${side.toFixed(4)}pt, right: ${side.toFixed(4)}pt, top: 20mm, bottom: 20mm))`,
    '#set text(font: "Noto Serif SC", size: 10.5pt, lang: "zh", region: "cn", cjk-latin-spacing: auto, top-edge: 0.88em, bottom-edge: -0.12em)',
    '#set par(justify: true, leading: 0.5em, spacing: 0.5em, first-line-indent: (amount: 2em, all: true))',
    '',
    paras.map(typstEscape).join('\n\n'),
    '',
  ].join('\n');
}
