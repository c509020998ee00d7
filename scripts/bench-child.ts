/**
 * The measuring end of `npm run bench` (scripts/bench.ts spawns it, one mode per process, so that
 * each figure has its own clean process and its own peak RSS). Prints one JSON object on stdout.
 *
 *   cold     PAGE.yaml OUTDIR            phases of one cold build inside a fresh process
 *   warm     ROOT [--profile FILE]       warm in-process page, same input, one-character edits
 *   typst                                the same page through typst-ts-node-compiler
 *
 * Run with `node --import tsx scripts/bench-child.ts MODE …`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [mode, ...args] = process.argv.slice(2);
/**
 * Pages set before the warm figures are taken, by both engines. V8 optimises a function once it
 * has run often enough: the ones that run once or a few times a page (the manifest reader, the
 * flow, the PDF writer) take 15–20 pages, and until then a page costs ~40% more (the pages after
 * the 6th are kept as `early`). A watch session is past that in its first minutes.
 */
const WARMUP = 20;
const now = (): number => performance.now();
/** CPU time of the whole process (all threads), ms: steadier than wall time on a shared machine. */
const cpu = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const out = (o: object): void => { process.stdout.write(JSON.stringify({ ...o, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n'); };

if (mode === 'cold') await cold(args[0]!, args[1]!);
else if (mode === 'warm') await warm(args[0]!, args.includes('--profile') ? args[args.indexOf('--profile') + 1]! : undefined);
else if (mode === 'typst') await typst();
else throw new Error(`bench-child: unknown mode ${mode}`);

/**
 * A cold build of one page, phase by phase, in the order the CLI runs them. performance.now() counts
 * from the process start, so the first mark covers node start-up and tsx (with this small file).
 */
async function cold(pageFile: string, outDir: string): Promise<void> {
  const t = [0, now()];
  const { loadTarget } = await import('../src/manifest/load.ts');
  const { loadFontRegistry } = await import('../src/fonts/registry.ts');
  const { layoutEdition, writeEdition } = await import('../src/build.ts');
  t.push(now());
  const ed = loadTarget(pageFile);
  t.push(now());
  // the faces the page will use, opened and parsed up front: file read + fontkit headers, then
  // the tables the first shaping needs (cmap, GSUB, GPOS, hmtx)
  const reg = loadFontRegistry(ed.house.fontsFile);
  const faces = [reg.face('song', 400), reg.face('song', 700), reg.face('hei', 400)];
  t.push(now());
  for (const f of faces) f.font.layout('中文，“测试”12月', [], 'hani', 'ZHS');
  t.push(now());
  const layout = layoutEdition(ed);
  t.push(now());
  const written = await writeEdition(layout, outDir);
  t.push(now());
  const names = ['node+tsx start-up', 'imports', 'manifest', 'font open', 'font tables (first shaping)', 'layout+check', 'PDF+write'];
  out({ phases: Object.fromEntries(names.map((n, i) => [n, t[i + 1]! - t[i]!])), total: t.at(-1), bytes: written.reduce((s, w) => s + w.bytes, 0) });
}

/**
 * Warm in-process figures on one ~10,000-character page (ROOT/layouts/warm/p01.yaml, story
 * ROOT/content/warm/s01.md): fresh text every run (a variant that misses the shaping cache),
 * the same text again, and one-character edits re-laid out with the manifest kept (watch mode).
 */
async function warm(root: string, profileFile?: string): Promise<void> {
  const { loadTarget } = await import('../src/manifest/load.ts');
  const { loadStory } = await import('../src/content/story.ts');
  const { loadFontRegistry } = await import('../src/fonts/registry.ts');
  const { layoutEdition, renderEditionPage } = await import('../src/build.ts');
  const { layoutPage } = await import('../src/layout/page.ts');
  const { checkPage } = await import('../src/check/typography.ts');
  const { pageParagraphs, variant, edit, storyMarkdown } = await import('./bench-fixtures.ts');
  const page = join(root, 'layouts/warm/p01.yaml');
  const story = join(root, 'content/warm/s01.md');
  const base = pageParagraphs(1);
  const write = (paras: string[]): void => writeFileSync(story, storyMarkdown(paras));

  /** The timed unit (the profile summary counts only samples under it). The public path, files to PDF bytes: load the manifests, lay out (stories, compose, flow, check), render. */
  async function timedPage() {
    const c0 = cpu();
    const t0 = now();
    const ed = loadTarget(page);
    const layout = layoutEdition(ed);
    const t1 = now();
    const pdf = await renderEditionPage(layout, layout.pages[0]!);
    const t2 = now();
    return { layout: t1 - t0, pdf: t2 - t1, total: t2 - t0, cpu: cpu() - c0, bytes: pdf.length, page: layout.pages[0]! };
  }

  if (profileFile) {
    // only the measured loop is profiled: no start-up, imports or JIT warm-up
    for (let i = 1; i <= 8; i++) { write(variant(base, i)); await timedPage(); }
    const { Session } = await import('node:inspector/promises');
    const s = new Session();
    s.connect();
    await s.post('Profiler.enable');
    await s.post('Profiler.setSamplingInterval', { interval: 100 });
    await s.post('Profiler.start');
    const runs: number[] = [];
    for (let i = 9; i < 9 + 40; i++) { write(variant(base, i)); runs.push((await timedPage()).total); }
    writeFileSync(profileFile, JSON.stringify((await s.post('Profiler.stop')).profile));
    // the watch-mode path: one-character edits re-laid out (no PDF), manifests kept
    const ed = loadTarget(page);
    const timedEdit = () => layoutEdition(ed); // the edit profile counts the samples under layoutEdition
    write(base);
    for (let i = 0; i < 8; i++) { write(edit(base, 100 + i)); timedEdit(); }
    await s.post('Profiler.start');
    for (let i = 0; i < 60; i++) { write(edit(base, 200 + i)); timedEdit(); }
    writeFileSync(profileFile.replace(/\.cpuprofile$/, '-edit.cpuprofile'), JSON.stringify((await s.post('Profiler.stop')).profile));
    out({ runs });
    return;
  }

  // warm-up on other variants; pages 7–20 are kept to show how long V8 takes to get there
  const early: number[] = [];
  for (let i = 1; i <= WARMUP; i++) { write(variant(base, i)); const r = await timedPage(); if (i > 6) early.push(r.total); }
  const fresh: { layout: number; pdf: number; total: number; cpu: number }[] = [];
  let chars = 0, lines = 0, bytes = 0, overflow = 0;
  for (let i = WARMUP + 1; i <= WARMUP + 20; i++) {
    write(variant(base, i));
    const r = await timedPage();
    fresh.push({ layout: r.layout, pdf: r.pdf, total: r.total, cpu: r.cpu });
    chars = r.page.blocks.reduce((s, b) => s + b.frames.reduce((t, f) => t + f.lines.reduce((u, l) => u + [...l.text].length, 0), 0), 0);
    lines = r.page.blocks.reduce((s, b) => s + b.frames.reduce((t, f) => t + f.lines.length, 0), 0);
    overflow = r.page.blocks.reduce((s, b) => s + b.overflow, 0);
    bytes = r.bytes;
  }

  // Phases, from the stage functions build.ts composes (loadTarget → loadStory → layoutPage → checkPage → renderEditionPage)
  const phases: Record<string, number>[] = [];
  for (let i = WARMUP + 21; i <= WARMUP + 30; i++) {
    write(variant(base, i));
    const t = [now()];
    const ed = loadTarget(page);
    t.push(now());
    const fonts = loadFontRegistry(ed.house.fontsFile);
    const p = ed.pages[0]!;
    const st = loadStory(p.blocks[0]!.story.id, p.blocks[0]!.story.file);
    t.push(now());
    const layout = layoutPage(p, ed, new Map([[st.file, st]]), fonts);
    t.push(now());
    layout.diagnostics.push(...checkPage(layout));
    t.push(now());
    await renderEditionPage({ edition: ed, fonts, pages: [layout], everyPage: [layout], diagnostics: [], violations: new Map() }, layout);
    t.push(now());
    const names = ['manifest', 'story (parse)', 'compose+flow', 'check', 'PDF'];
    phases.push(Object.fromEntries(names.map((n, k) => [n, t[k + 1]! - t[k]!])));
  }

  // the same text again: the shaping cache is hot
  write(base);
  await timedPage();
  const same: { layout: number; pdf: number; total: number; cpu: number }[] = [];
  for (let i = 0; i < 10; i++) { const r = await timedPage(); same.push({ layout: r.layout, pdf: r.pdf, total: r.total, cpu: r.cpu }); }

  // watch mode: the manifests are loaded once; an edit re-reads the story and lays the page out again
  const ed = loadTarget(page);
  layoutEdition(ed);
  const edits: { layout: number; pdf: number; cpuLayout: number; cpu: number }[] = [];
  for (let i = 0; i < 30; i++) {
    write(edit(base, i));
    const c0 = cpu();
    const t0 = now();
    const layout = layoutEdition(ed);
    const t1 = now();
    const c1 = cpu();
    await renderEditionPage(layout, layout.pages[0]!);
    edits.push({ layout: t1 - t0, pdf: now() - t1, cpuLayout: c1 - c0, cpu: cpu() - c0 });
  }
  out({ chars, lines, overflow, bytes, early, fresh, phases, same, edits });
}

/** The same page in Typst, same geometry and font file, warm: compile + PDF export. */
async function typst(): Promise<void> {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const { pageParagraphs, variant, edit, typstSource, SERIF_400 } = await import('./bench-fixtures.ts');
  const base = pageParagraphs(1);
  const t0 = now();
  // fontBlobs: exactly this file (fontPaths would take a folder of every weight)
  const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: [readFileSync(SERIF_400)] }] });
  const create = now() - t0;
  const run = (src: string) => {
    const c0 = cpu();
    const t1 = now();
    const res = compiler.compile({ mainFileContent: src });
    const doc = res.result;
    if (!doc || res.hasError()) { res.printErrors(); throw new Error('typst: compile failed'); }
    const t2 = now();
    const c1 = cpu();
    const pdf = compiler.pdf(doc);
    const t3 = now();
    return { layout: t2 - t1, pdf: t3 - t2, total: t3 - t1, cpuLayout: c1 - c0, cpu: cpu() - c0, pages: doc.numOfPages, bytes: pdf.length };
  };
  const first = run(typstSource(base));
  const early: number[] = [];
  for (let i = 1; i <= WARMUP; i++) { compiler.evictCache(0); const r = run(typstSource(variant(base, i))); if (i > 6) early.push(r.total); }
  // fresh: a new variant each run and the memoisation cache emptied first (outside the timing)
  const fresh: { layout: number; pdf: number; total: number; cpu: number }[] = [];
  let pages = 0, bytes = 0;
  for (let i = WARMUP + 1; i <= WARMUP + 20; i++) {
    const src = typstSource(variant(base, i));
    compiler.evictCache(0);
    const r = run(src);
    fresh.push({ layout: r.layout, pdf: r.pdf, total: r.total, cpu: r.cpu });
    pages = r.pages; bytes = r.bytes;
  }
  // the same source again: comemo answers from its cache
  run(typstSource(base));
  const same = Array.from({ length: 10 }, () => { const r = run(typstSource(base)); return { layout: r.layout, pdf: r.pdf, total: r.total, cpu: r.cpu }; });
  // one-character edits against the memoised base (Typst's incremental path)
  const edits = Array.from({ length: 30 }, (_, i) => { const r = run(typstSource(edit(base, i))); return { layout: r.layout, pdf: r.pdf, cpuLayout: r.cpuLayout, cpu: r.cpu }; });
  out({ create, first, pages, bytes, early, fresh, same, edits });
}
