/**
 * `banmian makeup`: the desk's plan → page manifests. Stories measured through the layout stage
 * (measure.ts), each page searched (search.ts) for the best layouts of its fixed stories, the
 * continuations of jumps from the page before and as many of the free stories as fill it, then
 * the best one built in-process (layoutEdition) and held to the hard rules: no error, no overflow,
 * no block short by more than a line, the page covered. What it writes is what it built.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { editionOf, loadStories as loadEditionStories, readStory, type EditionLayout, type StoryReader } from '../build.ts';
import { loadStory, type Story } from '../content/story.ts';
import { diag, DiagnosticError, type Diagnostic } from '../diagnostic.ts';
import { loadFontRegistry } from '../fonts/registry.ts';
import { pageGrid, type GridRect } from '../layout/geometry.ts';
import { changesText } from '../layout/cuts.ts';
import type { CopyChange, PageLayout, StoryPosition } from '../layout/types.ts';
import { resolveMasthead } from '../manifest/furniture.ts';
import { loadHouse, loadPage, loadTarget } from '../manifest/load.ts';
import type { EditionSpec, HouseStyle, PageSpec } from '../manifest/types.ts';
import { writeAtomic } from '../output.ts';
import { bodyRows, cutsFor, type Measurer } from './measure.ts';
import { loadPlan, pageFile, planName, type Plan, type PlanStory } from './plan.ts';
import { scoreLine, type Score } from './score.ts';
import { searchPage, type Item, type PageResult, type Placed, type Shape } from './search.ts';
import { layoutLastPage, placedLastPage, type LaidPage } from './lastPage.ts';
import { packageShapes, shapesOf, type Measured } from './shapes.ts';
import { blockId, editionYaml, pageYaml, type MadeBlock, type MadePage } from './write.ts';

export interface MakeupOptions {
  seed?: number;
  alternatives?: number; // write the N best layouts of each page to alternatives/
  beam?: number;
  vertical?: boolean; // false: no vertical headlines (竖题) on short stories, only headlines on top
  /** Each page as built once it is settled (a page tried again after a later one failed comes again): `makeup --build` starts converting its photos then. */
  settled?: (page: PageLayout, house: HouseStyle) => void;
}

export interface MadePageReport { number: number; score: Score; searchMs: number; blocks: number; built: number } // built: the layouts built to find it (those that could not be made skipped unbuilt)

export interface MakeupResult {
  files: string[];
  pages: MadePageReport[];
  alternatives: string[];
  layout: EditionLayout; // the edition as a build of what was written lays it out
}

/** Partial layouts kept at each step of a page's search. */
const BEAM = 400;
/** How many times wider than BEAM the search of a page may go when it finds nothing (one step ×4, then ×16). */
const WIDEN = 16;
/** The rows of a continuation's headline (转版题) and 上接 line, about, for the copy a jump carries to the next page. */
const CARRIED_HEAD = 12;
/** Layouts of a page built before giving up on it. */
const TRIES = 12;
/** Layouts of a page tried again when the pages after it cannot be made. */
const BACKTRACKS = 3;

interface Thread { story: PlanStory; id: string; from: number; stop: StoryPosition; title: string[] }

export function makeup(planFile: string, o: MakeupOptions = {}): MakeupResult {
  const seed = o.seed ?? 1;
  const plan = loadPlan(planFile);
  const house = loadHouse(resolve(plan.dir, plan.input.house), plan.pageAt(0));
  const fonts = loadFontRegistry(house.fontsFile);
  const g = pageGrid(house, fonts.face(house.body.family, house.body.weight).ascent);
  const m: Measurer = { g, house, fonts, ...(o.vertical === false ? { vertical: false } : {}) };
  const stories = loadStories(plan);
  const measured = new Map(plan.stories.map((s) => [s.id, measure(m, plan, s, stories.get(s.id)!)]));
  for (const it of plan.stories.flatMap((s) => s.items ?? [])) measured.set(it.id, measure(m, plan, { id: it.id }, stories.get(it.id)!));
  const continued = new Map<string, Measured>(); // the continuations measured, by thread and where each starts
  /** A planned story's shapes (a package's with its items under its flag). */
  const shapes = (s: PlanStory, o: { pageRank: number; jumpable: boolean }): Shape[] => s.items
    ? packageShapes(m, measured.get(s.id)!, s.items.map((it) => ({ key: it.id, m: measured.get(it.id)! })), { lead: s.lead, pageRank: o.pageRank, pageLines: g.lines })
    : shapesOf(m, measured.get(s.id)!, { lead: s.lead, pageRank: o.pageRank, jumpable: o.jumpable, pageLines: g.lines });
  const editionFile = join(plan.dir, 'edition.yaml');
  const pagesIn = plan.input.pages;
  const specs: PageSpec[] = [];
  const texts: string[] = []; // each page's manifest as built, written once all are made
  const reports: MadePageReport[] = [];
  const done: { page: MadePage; found: { result: PageResult; take: number }[]; tried: number; threads: Thread[]; i: number; fixed: GridRect[] }[] = [];
  const written = new Set<string>();
  const made: LaidPage[] = []; // each page made so far as it was laid out, for the pages after it
  let deepest: { i: number; problems: Diagnostic[] } = { i: -1, problems: [] };
  const fail = (i: number, problems: Diagnostic[]) => { if (i >= deepest.i) deepest = { i, problems }; return false; };
  // each article read and linted once, not at every page built (the files do not change meanwhile)
  const read: StoryReader = (() => {
    const seen = new Map<string, ReturnType<StoryReader>>();
    return (id, file) => {
      let r = seen.get(file);
      if (!r) seen.set(file, r = readStory(id, file));
      return r;
    };
  })();
  // the lines of lines: auto blocks, measured once for the page's placing and its builds (layoutPage's autoLines)
  const autoLines = new Map<string, number>();
  // a page tried is loaded from its text: only the one kept is written (its file, when written, holds what was built)
  const load = (i: number, candidate: MadePage, file: string, note: string) => {
    const text = pageYaml(plan, candidate, seed, file, note);
    return { text, spec: loadPage(file, plan.contentDir, house, plan.pageAt(i), text) };
  };
  const buildOnce = (i: number, candidate: MadePage, file: string, note: string) => {
    const { text, spec } = load(i, candidate, file, note);
    const laid = layoutLastPage(edition(plan, editionFile, house, [...specs.slice(0, i), spec]), made.slice(0, i), read, autoLines);
    return { text, spec, laid, problems: hardRules(laid.page, candidate), moved: moved((id) => laid.page.blocks.find((x) => x.id === id)?.grid, candidate) };
  };
  /**
   * A page written with below: and lines: auto where a block sits under another and takes the
   * lines its copy needs as set (so that it follows a change of the house's body size), built:
   * kept where every block is where the search put it (the same copy in each, an auto block's
   * columns balanced) within the hard rules; else those blocks, then the whole page, by their lines.
   * Which auto blocks would move is found by placing the page without setting it (an auto
   * block's lines are measured alone), so the page is built once, not once to find them.
   */
  const build = (i: number, candidate: MadePage, file: string, note = '') => {
    relative(candidate, () => true);
    const placed = placedLastPage(edition(plan, editionFile, house, [...specs.slice(0, i), load(i, candidate, file, note).spec]), read, autoLines);
    const off = moved((id) => placed.get(id), candidate);
    if (off.size) relative(candidate, (x) => !off.has(x));
    const b = buildOnce(i, candidate, file, note);
    if (!b.moved.size && !b.problems.length || !candidate.blocks.some((x) => x.below || x.auto)) return b;
    relative(candidate, () => false, false);
    return buildOnce(i, candidate, file, note);
  };
  /** Page i: its fixed rectangles (masthead, ads), the area they leave, its planned stories, whether it is the last. */
  const pageOf = (i: number) => {
    const page = pagesIn[i]!;
    const fixed: GridRect[] = [...(page.masthead ? [page.masthead] : []), ...(page.ads ?? [])];
    return { page, fixed, free: g.columns * g.lines - fixed.reduce((s, f) => s + f.cols * f.lines, 0), mine: plan.stories.filter((s) => s.page === page.number), last: i === pagesIn.length - 1 };
  };
  /** A planned story as the search places it on a page (the last: no jump); `jumps`: only its shapes that go on on the next page. */
  const itemOn = (last: boolean, s: PlanStory, jumps = false): Item => {
    const all = (k: number) => shapes(s, { pageRank: k, jumpable: s.jump && !last });
    return { key: s.id, rank: s.rank, lead: s.lead, photo: !!s.photo, shapes: jumps ? (k) => all(k).filter((x) => x.jumps) : all };
  };
  // the least and most area of each item, and the most it takes set 6 lines a column or deeper (no shallow strip)
  const area = (its: Item[]) => its.map((it) => it.shapes(4)).map((sh) => {
    const a = (x: Shape) => x.cols * x.lines;
    const deep = sh.filter((x) => x.bodyPerCol >= 6);
    return { min: Math.min(...sh.map(a)), max: Math.max(...sh.map(a)), deep: Math.max(...(deep.length ? deep : sh).map(a)) };
  });
  /**
   * The takes of the queue page i's search tries, fewest first (the last page's: all), each with
   * its items (the continuations `conts` first): until one needs more than the page holds,
   * passing over those whose stories cannot cover it or one of which has no shape.
   * `jumping`: that story only as it goes on on the next page, with the fewest stories taken that include it.
   */
  function* takes(i: number, queue: PlanStory[], conts: Item[], jumping?: PlanStory) {
    const { free, mine, last } = pageOf(i);
    const least = last ? queue.length : 0;
    const first = jumping ? Math.max(least, queue.indexOf(jumping) + 1) : least;
    for (let take = first; take <= (jumping ? first : queue.length); take++) {
      const items = [...conts, ...[...mine, ...queue.slice(0, take)].sort((a, b) => a.rank - b.rank).map((s) => itemOn(last, s, s === jumping))];
      const a = area(items);
      const min = a.reduce((s, x) => s + x.min, 0), max = a.reduce((s, x) => s + (Number.isFinite(x.max) ? x.max : 0), 0);
      if (min > free) return;
      if (max < free || a.some((x) => !Number.isFinite(x.min))) continue;
      yield { take, items };
    }
  }
  /** Why page i has no layout of the continuations `conts`, its planned stories and (the last page) the queue. */
  const noLayoutOf = (i: number, conts: Item[], queue: PlanStory[]) => {
    const { mine, free, last } = pageOf(i);
    return noLayout(plan, i, m, [...conts.map((c) => c.key), ...mine.map((s) => s.id)], queue, (s) => shapes(s, { pageRank: 4, jumpable: false }), measured, free, last);
  };
  /** Pages i… from the stories left and the jumps from page i − 1; a page whose later pages cannot be made tries its next layout of another take. */
  const makePage = (i: number, queue: PlanStory[], threads: Thread[]): boolean => {
    if (i === pagesIn.length) return true;
    const { page, fixed, mine } = pageOf(i);
    const conts = threads.map((t) => continuationItem(m, t, stories.get(t.story.id)!, g.lines, continued));
    const t0 = performance.now();
    const found: { result: PageResult; take: number }[] = [];
    /**
     * The best layouts of each take of the stories in the queue, widening the beam while none is
     * found; `jumping`: that story only as it goes on on the next page, for the later pages' sake,
     * so a beam at most four times as wide.
     */
    const search = (jumping?: PlanStory) => {
      const before = found.length;
      // a page the beam finds no layout for is searched again with a wider one: a crowded page's good partial layouts can all be dead ends
      for (let beam = o.beam ?? BEAM; found.length === before && beam <= (o.beam ?? BEAM) * (jumping ? 4 : WIDEN); beam *= 4) {
        for (const { take, items } of takes(i, queue, conts, jumping)) {
          const rs = searchPage(g.columns, g.lines, fixed, items, { beam, keep: TRIES, seed: seed + page.number });
          for (const result of rs) found.push({ result, take });
        }
      }
    };
    search();
    // a take that leaves the later pages too much copy, or too little to cover them without shallow strips, goes last
    const later = pagesIn.slice(i + 1);
    const laterFree = later.reduce((t, p) => t + g.columns * g.lines - [...(p.masthead ? [p.masthead] : []), ...(p.ads ?? [])].reduce((u, f) => u + f.cols * f.lines, 0), 0);
    // the copy a layout's jumps carry over: the rest of each story, and about a headline's rows for its 转版题 and 上接 line
    const carried = (r: PageResult) => r.blocks.filter((b) => b.shape.jumps).reduce((t, b) => t + Math.max(0, measured.get(b.item.key)!.rows - b.shape.bodyPerCol * b.cols) + CARRIED_HEAD, 0);
    const rests = new Map<number, { min: number; deep: number }>();
    const leaves = (f: { result: PageResult; take: number }) => {
      if (!later.length) return true;
      let r = rests.get(f.take);
      if (!r) {
        const rest = [...queue.slice(f.take), ...plan.stories.filter((s) => s.page !== undefined && later.some((p) => p.number === s.page))];
        const a = area(rest.map((s) => itemOn(false, s))); // as on a page before the last: jumps counted
        rests.set(f.take, r = { min: a.reduce((t, x) => t + x.min, 0), deep: a.reduce((t, x) => t + x.deep, 0) });
      }
      const more = carried(f.result);
      return r.min + more <= laterFree && r.deep + more >= laterFree;
    };
    const fits = new Map(found.map((f) => [f, leaves(f)]));
    // none leaves the later pages the copy they need: a story that may jump made to, the least important first (its rest goes on on the next page), a free one with the fewest stories taken that include it
    for (const s of later.length && found.length && !found.some((f) => fits.get(f)) ? [...mine, ...queue].filter((x) => x.jump && !x.items).sort((a, b) => b.rank - a.rank) : []) {
      const from = found.length;
      search(s);
      for (const f of found.slice(from)) fits.set(f, leaves(f));
      if (found.slice(from).some((f) => fits.get(f))) break;
    }
    found.sort((a, b) => Number(fits.get(b)) - Number(fits.get(a)) || a.result.score.total - b.result.score.total || b.take - a.take);
    const searchMs = performance.now() - t0;
    if (!found.length) return fail(i, [noLayoutOf(i, conts, queue)]);
    let firstProblems: Diagnostic[] = [];
    let tried = 0, builds = 0, backtracks = 0;
    const file = join(plan.dir, pageFile(page.number));
    const failed = new Set<string>();
    for (const f of found.slice(0, TRIES)) {
      tried++;
      const key = `${f.take}|${f.result.blocks.filter((b) => b.shape.jumps).map((b) => `${b.item.key}:${b.cols}x${b.shape.bodyPerCol}`).join(',')}`;
      if (failed.has(key)) continue; // the same stories and jumps left for the later pages: they fail again
      // a layout that jumps no story leaves the next page planned stories only: when no take of them can cover it, its search finds
      // nothing whatever this page's build gives, so this layout fails as it would once built, and is not built
      if (i + 1 < pagesIn.length && !f.result.blocks.some((b) => b.shape.jumps) && takes(i + 1, queue.slice(f.take), []).next().done) {
        fail(i + 1, [noLayoutOf(i + 1, [], queue.slice(f.take))]);
        failed.add(key); // not a retry: nothing was built or searched for it
        continue;
      }
      const candidate = madePage(plan, page, fixed, f.result, threads);
      builds++;
      const b = build(i, candidate, file);
      if (b.problems.length) { if (!firstProblems.length) firstProblems = b.problems; continue; }
      specs[i] = b.spec;
      texts[i] = b.text;
      made[i] = b.laid;
      written.add(file);
      // the jumps of this page go on on the next: where each stopped, from the build
      const laid = b.laid.page;
      const next = candidate.blocks.filter((x) => x.continuedTo !== undefined).map((x) => ({ story: x.story, id: x.id, from: page.number, title: stories.get(x.story.id)!.title, stop: laid.blocks.find((y) => y.id === x.id)!.stop ?? { block: stories.get(x.story.id)!.blocks.length, offset: 0 } }));
      if (next.length) {
        // from now on the continuation on the next page carries the thread (its continues:)
        for (const x of candidate.blocks) delete x.continuedTo;
        texts[i] = pageYaml(plan, candidate, seed, file);
        specs[i] = loadPage(file, plan.contentDir, house, plan.pageAt(i), texts[i]);
      }
      reports[i] = { number: page.number, score: candidate.score, searchMs, blocks: candidate.blocks.length, built: builds };
      o.settled?.(laid, house);
      done[i] = { page: candidate, found, tried, threads, i, fixed };
      if (makePage(i + 1, queue.slice(f.take), next)) return true;
      failed.add(key);
      if (++backtracks >= BACKTRACKS) break;
    }
    specs.length = i;
    if (firstProblems.length && deepest.i < i) return fail(i, [...firstProblems, diag('error', 'MAKEUP_FAILED', `none of the ${builds} best layouts of page ${page.number} built keeps the hard rules (the first one's problems above)`, { ...plan.pageAt(i), hint: 'change the stories planned for this page (fewer, shorter, or one allowed to jump: jump: true), or report the plan as a bug in makeup' })]);
    return false;
  };
  if (!makePage(0, plan.stories.filter((s) => s.page === undefined), [])) throw new DiagnosticError(deepest.problems);
  // the N next-best layouts of each page that keep the hard rules too, with the pages before it: alternatives/pNN-K.yaml
  const altFiles: string[] = [];
  for (const d of o.alternatives ? done : []) {
    let k = 0;
    for (const f of d.found.slice(d.tried, d.tried + TRIES)) {
      if (k >= o.alternatives!) break;
      mkdirSync(join(plan.dir, 'alternatives'), { recursive: true });
      const alt = join(plan.dir, 'alternatives', `p${String(d.page.page.number).padStart(2, '0')}-${k + 1}.yaml`);
      const b = build(d.i, madePage(plan, d.page.page, d.fixed, f.result, d.threads), alt, `, alternative ${k + 1}`);
      if (b.problems.length) rmSync(alt, { force: true });
      else { writeAtomic(alt, Buffer.from(b.text)); altFiles.push(alt); k++; }
    }
  }
  pagesIn.forEach((p, i) => writeAtomic(join(plan.dir, pageFile(p.number)), Buffer.from(texts[i]!)));
  writeAtomic(editionFile, Buffer.from(editionYaml(plan, pagesIn.map((p) => p.number), seed)));
  const files = [editionFile, ...[...written].sort()];
  // the whole edition as a build of the files written lays it out: its pages as they were made
  // and checked (a build lays them out the same: test/makeup/speed.test.ts), its articles' warnings
  let built: EditionLayout | undefined;
  const laidOut = (): EditionLayout => {
    const ed = loadTarget(editionFile), loading: Diagnostic[] = [];
    loadEditionStories(ed, loading, read);
    return editionOf(ed, fonts, made.map((x) => x.page), loading, new Map(made.map((x) => [x.page, x.violations])));
  };
  return { files, pages: reports, alternatives: altFiles, get layout() { return built ??= laidOut(); } };
}

/**
 * Marks the blocks of a page to be written below: the block over their first column, and with
 * lines: auto where `auto` allows and the block's shape is its copy as set (no part of a thread,
 * no package, nothing for copyfitting to find); `on` false: every block at its line and lines.
 */
function relative(p: MadePage, auto: (b: MadeBlock) => boolean, on = true): void {
  for (const b of p.blocks) {
    delete b.below; delete b.auto;
    const sh = b.placed.shape;
    if (!on || sh.pack) continue;
    const above = p.blocks.find((a) => a.placed.line + a.placed.lines === b.placed.line && a.placed.col <= b.placed.col && b.placed.col < a.placed.col + a.placed.cols);
    if (above) b.below = above.id;
    if (!b.continues && !sh.jumps && sh.change === 0 && auto(b)) b.auto = true;
  }
}

/** The blocks written with lines: auto that were not placed where the search put them (`at`: where each block was, none: off the grid). */
function moved(at: (id: string) => GridRect | undefined, made: MadePage): Set<MadeBlock> {
  const out = new Set<MadeBlock>();
  for (const b of made.blocks) {
    const g = at(b.id);
    const p = b.placed;
    const lines = p.shape.pack?.head ?? p.lines; // a package's own block is its head
    if (!g || g.col !== p.col || g.cols !== p.cols || g.line !== p.line || g.lines !== lines) out.add(b);
  }
  // a block below one that moved moves with it: the auto blocks are the cause
  return new Set([...out].filter((b) => b.auto).length ? [...out].filter((b) => b.auto) : out);
}

function loadStories(plan: Plan): Map<string, Story> {
  const out = new Map<string, Story>();
  const errors: Diagnostic[] = [];
  for (const s of plan.stories.flatMap((x) => [x, ...(x.items ?? [])])) {
    try {
      out.set(s.id, loadStory(s.id, s.file));
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      errors.push(...e.diagnostics);
    }
  }
  if (errors.length) throw new DiagnosticError(errors);
  return out;
}

/** A planned story measured for its shapes: its body rows and paragraphs, its photo's proportions, pixels and caption. */
export function measure(m: Measurer, plan: Plan, s: Pick<PlanStory, 'id' | 'photo'>, story: Story): Measured {
  const body = bodyRows(m, story);
  let photo: Measured['photo'];
  if (s.photo) {
    const file = /^\.\.?[\\/]/.test(s.photo.file) ? resolve(plan.dir, s.photo.file) : resolve(plan.contentDir, s.photo.file);
    let size: { width?: number; height?: number; orientation?: number } | undefined;
    try { size = imageSize(readFileSync(file)); } catch { /* reported by the page loader at the photo's file: key */ }
    const turned = (size?.orientation ?? 1) >= 5;
    const [width, height] = size?.width && size.height ? (turned ? [size.height, size.width] : [size.width, size.height]) : [0, 0];
    const aspect = width && height ? width / height : 1.5;
    const words = (s.photo.caption?.length ?? 0) + (s.photo.credit?.length ?? 0);
    // the photo as a block's image: a narrower one is measured by setting the story round it
    const at = { file: plan.file, line: 1, col: 1 };
    const spec = { id: 'measure', at, fileAt: at, source: { file, format: 'jpg' as const, width: width || 1, height: height || 1, hash: '' }, focus: s.photo.focus ?? [0.5, 0.5] as const, caption: s.photo.caption ?? '', credit: s.photo.credit ?? '', captionPlace: 'below' as const };
    photo = { aspect, captionRows: words ? Math.max(1, Math.ceil(words / (m.g.colChars * 2))) : 0, pixels: width, spec };
  }
  return { story, rows: body.rows, paragraphs: body.paragraphs, ...(photo ? { photo } : {}), continuation: false };
}

/** The rest of a jumping story, on the page after its first part: measured once for where it starts (`measured`, by thread and stop), however often the page is tried. */
function continuationItem(m: Measurer, t: Thread, story: Story, pageLines: number, measured: Map<string, Measured>): Item {
  const key = `${t.id}|${t.from}|${t.stop.block}|${t.stop.offset}`;
  let ms = measured.get(key);
  if (!ms) {
    const body = bodyRows(m, story, t.stop, t.from);
    measured.set(key, ms = { story, rows: body.rows, paragraphs: Math.max(1, body.paragraphs), continuation: true, start: t.stop, from: t.from });
  }
  return { key: `${t.id}-2`, rank: t.story.rank, lead: false, photo: false, shapes: () => shapesOf(m, ms, { lead: false, pageRank: 4, jumpable: false, pageLines }) };
}

function madePage(plan: Plan, page: Plan['input']['pages'][number], fixed: GridRect[], r: PageResult, threads: Thread[]): MadePage {
  const blocks = r.blocks.map((p, k): MadeBlock => {
    const thread = threads.find((t) => `${t.id}-2` === p.item.key);
    const story = thread?.story ?? plan.stories.find((s) => s.id === p.item.key)!;
    const id = thread ? `${thread.id}-${page.number}` : blockId(story.id, story.rank);
    return {
      placed: p, story, id,
      ...(thread ? { continues: thread.id, jumpTitle: p.shape.headRows ? thread.title : [] } : {}),
      ...(p.shape.jumps ? { continuedTo: nextPage(plan, page.number) } : {}),
      why: why(p, k, thread !== undefined, r.blocks),
    };
  });
  return { page, blocks, score: r.score, fixed };
}

const nextPage = (plan: Plan, n: number) => plan.input.pages[plan.input.pages.findIndex((p) => p.number === n) + 1]!.number;

function why(p: Placed, k: number, continuation: boolean, all: readonly Placed[]): string {
  const sh = p.shape;
  const order = [...all].sort((a, b) => a.item.rank - b.item.rank).indexOf(p) + 1;
  const what = continuation ? `the rest of ${p.item.key.replace(/-2$/, '')} (上接)` : p.item.lead ? `the lead (plan story ${p.item.rank + 1})` : `plan story ${p.item.rank + 1}, ${ordinal(order)} on the page`;
  const head = sh.side ? `vertical headline (竖题) at ${sh.title} on the right, the text in ${sh.side.columns} column${sh.side.columns > 1 ? 's' : ''} beside it` : sh.headRows ? `${sh.headRows}-line headline${sh.title ? ` at ${sh.title}` : ''}${sh.extraHead ? ' (a line of air added)' : ''}` : 'no headline';
  const photo = sh.photoRows ? `, photo ${sh.photoCols ? `${sh.photoCols} columns × ` : ''}${sh.photoRows} lines` : '';
  if (sh.pack) return `${p.item.key}: ${what}, placed ${ordinal(k + 1)}; a package (集纳) of ${sh.pack.items.length} items, ${p.cols} column${p.cols > 1 ? 's' : ''} × ${p.lines} lines: ${head} over ${sh.bodyPerCol} lines of intro, then ${sh.pack.items.map((it) => `${it.key} ${it.cols}×${it.lines}${it.shape.side ? ` with a vertical headline (竖题) at ${it.shape.title}` : ''}`).join(', ')}`;
  const fit = sh.jumps ? `; goes on on a later page (下转)` : sh.change ? `; copyfit finds ${sh.change} line${sh.change > 1 ? 's' : ''}` : '';
  return `${p.item.key}: ${what}, placed ${ordinal(k + 1)}; ${p.cols} column${p.cols > 1 ? 's' : ''} × ${p.lines} lines: ${head}${photo}, ${sh.bodyPerCol} lines a column${fit}`;
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** The edition of the pages made so far, as edition.yaml will give it (the masthead's facts, the number of pages today). */
function edition(plan: Plan, file: string, house: EditionSpec['house'], pages: PageSpec[]): EditionSpec {
  const e = plan.input;
  return { file, name: planName(plan), paper: e.paper, date: e.date, house, pages, pagesToday: e.pages.length, ...(e.masthead ? { masthead: resolveMasthead(e.masthead)! } : {}) };
}

/**
 * The hard rules on a built page: no error, no overflow, no block more than a line short, every
 * grid cell covered once by a block or a fixed item.
 */
export function hardRules(laid: PageLayout, made: MadePage): Diagnostic[] {
  const out: Diagnostic[] = laid.diagnostics.filter((d) => d.severity === 'error' || d.code === 'BLOCK_UNDERFLOW' && d.severity === 'warning' || d.code === 'HEADLINE_WRAPPED' || d.code === 'THREAD_EMPTY');
  const g = laid.grid;
  const cells = new Uint8Array(g.columns * g.lines);
  for (const r of [...made.fixed, ...made.blocks.map((b) => b.placed)]) {
    for (let c = r.col; c < r.col + r.cols; c++) for (let l = r.line; l < r.line + r.lines; l++) cells[(l - 1) * g.columns + c - 1]! += 1;
  }
  const bad = cells.findIndex((v) => v !== 1);
  if (bad >= 0) out.push(diag('error', 'MAKEUP_UNCOVERED', `page ${laid.number}: grid line ${Math.floor(bad / g.columns) + 1}, column ${bad % g.columns + 1} is ${cells[bad] ? 'covered twice' : 'not covered'}`, { file: laid.file, line: 1, col: 1, hint: 'a bug in makeup: please report it with the plan' }));
  return out;
}

/** Why a page has no layout: the stories that did not fit and how much to cut, or how much copy is missing. */
function noLayout(plan: Plan, i: number, m: Measurer, mine: string[], queue: PlanStory[], shapesFor: (s: PlanStory) => Shape[], measured: Map<string, Measured>, free: number, last: boolean): Diagnostic {
  const page = plan.input.pages[i]!;
  const g = m.g;
  const ids = [...mine, ...(last ? queue.map((s) => s.id) : [])];
  // each story at its smallest: the shape of least area (none: longer than the page in one column)
  const least = new Map<string, Shape | undefined>();
  const need = ids.reduce((s, id) => {
    const ms = measured.get(id);
    const planned = plan.stories.find((x) => x.id === id);
    if (!ms || !planned) return s;
    const sh = shapesFor(planned);
    const small = sh.length ? sh.reduce((a, b) => (b.cols * b.lines < a.cols * a.lines ? b : a)) : undefined;
    least.set(id, small);
    return s + (small ? small.cols * small.lines : ms.rows);
  }, 0);
  const chars = (rows: number) => rows * g.colChars;
  if (need > free) {
    const cuts = cutPlans(plan, m, ids, least, measured, need - free);
    const total = cuts.reduce((t, c) => t + c.changes.reduce((u, x) => u + x.chars, 0), 0);
    const plans = cuts.map((c) => `${c.id} by ${changesText(c.changes, 'from')} (to fit ${c.cols} column${c.cols > 1 ? 's' : ''} of ${c.depth} text lines)`);
    const what = cuts.length && cuts.every((c) => c.changes.length) && cuts.reduce((t, c) => t + c.rows, 0) >= need - free
      ? `; cut ${plans.join('; ')}` : `; cut about ${chars(need - free).toLocaleString('en')} characters${plans.length ? ` (a start: ${plans.join('; ')})` : ''}`;
    return diag('error', 'MAKEUP_NO_FIT', `page ${page.number}: ${ids.join(', ')} need about ${need} column lines, but the page has ${free} free${what}`, {
      ...plan.pageAt(i), hint: `cut the stories of page ${page.number}${total ? ` by ${total.toLocaleString('en')} characters as the message says (the least stories first; each cut checked by setting the story again)` : ` by about ${chars(need - free).toLocaleString('en')} characters`}, let one jump (jump: true) to a later page, or plan fewer stories for it`,
    });
  }
  return diag('error', 'MAKEUP_NO_FIT', `page ${page.number}: no layout of ${ids.length ? ids.join(', ') : 'no stories'} covers the page (${free} free column lines; the stories take at least ${need})`, {
    ...plan.pageAt(i), hint: need < free ? `add copy (about ${chars(free - need).toLocaleString('en')} characters), a story, a photo, or a story allowed to jump (jump: true) to page ${page.number}` : 'plan the stories differently: one more or fewer, or one allowed to jump (jump: true)',
  });
}

/** The most lines of one story's cut plan (layout/cuts.ts plans no further than 40 lines over). */
const CUT_LINES = 40;

/**
 * What to cut for `over` column lines to come free on a page: the least important stories first
 * (packages and continuations aside), each from its smallest shape to one a few lines a column
 * shorter, by the cut plan of layout/cuts.ts for that block (each cut checked by setting the
 * story again); fewer lines a column when no plan reaches that far.
 */
function cutPlans(plan: Plan, m: Measurer, ids: string[], least: Map<string, Shape | undefined>, measured: Map<string, Measured>, over: number): { id: string; cols: number; depth: number; rows: number; changes: CopyChange[] }[] {
  const out: { id: string; cols: number; depth: number; rows: number; changes: CopyChange[] }[] = [];
  const byRank = ids.map((id) => plan.stories.find((s) => s.id === id)).filter((s): s is PlanStory => !!s && !s.items).sort((a, b) => b.rank - a.rank);
  for (const s of byRank) {
    if (over <= 0) break;
    const ms = measured.get(s.id)!;
    const sh = least.get(s.id);
    const cols = sh?.cols ?? m.g.columns;
    const depth = sh?.bodyPerCol ?? Math.ceil(ms.rows / cols);
    for (let k = Math.min(Math.ceil(over / cols), depth - 2, Math.floor(CUT_LINES / cols)); k >= 1; k = k > 2 ? Math.ceil(k / 2) : k - 1) {
      const changes = cutsFor(m, ms.story, cols, depth - k);
      if (!changes?.length) continue;
      out.push({ id: s.id, cols, depth: depth - k, rows: cols * k, changes });
      over -= cols * k;
      break;
    }
  }
  return out;
}

export { scoreLine };
