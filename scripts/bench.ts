/**
 * `npm run bench`: how fast banmian sets pages, side by side with Typst (issue 9).
 *
 *   npm run bench                       everything (2–4 minutes on 2 cores)
 *   npm run bench -- --quick            fewer repetitions
 *   npm run bench -- --profile          also CPU profiles of the warm page and of one-character edits:
 *                                       out/bench-profile{,-edit}.cpuprofile (open in Chrome DevTools),
 *                                       their top costs printed
 *   npm run bench -- --profile-only     only the profiles (under a minute)
 *
 * Every figure comes from its own child process (scripts/bench-child.ts), so each has a clean
 * heap and its own peak RSS (process.resourceUsage().maxRSS). Fixtures are generated under a
 * temporary folder from the sample articles (scripts/bench-fixtures.ts). Raw figures: out/bench.json.
 * The cold build is the CLI as installed (precompiled, with its code cache and out/.cache); beside
 * it: through npx, the first build after a source change, and the sources through tsx. The warm
 * page is measured in rounds in which ours and Typst take turns, each after 20 pages of warm-up
 * (bench-child.ts: WARMUP); pages 7–20 are reported too. The cold one-article page (issue 20) is
 * the whole process of each, `banmian build` and Typst's Node compiler, in turns; then again with a
 * build server running (banmian server), the client's process against Typst's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ARTICLE_CHARS, pageParagraphs, ROOT, SERIF_400, typstArticle, writeArticle, writeEdition } from './bench-fixtures.ts';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const PROFILE_ONLY = argv.includes('--profile-only');
const PROFILE = PROFILE_ONLY || argv.includes('--profile');
const COLD_RUNS = QUICK ? 3 : 5;
const EDITION_RUNS = QUICK ? 2 : 3;
const WARM_ROUNDS = QUICK ? 2 : 4;
const ARTICLE_RUNS = QUICK ? 5 : 11;
const WORKERS = availableParallelism();

// ---- statistics -------------------------------------------------------------------------------

interface Stats { n: number; median: number; min: number; max: number; q1: number; q3: number }

function stats(xs: readonly number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => {
    const k = (s.length - 1) * p, lo = Math.floor(k), hi = Math.ceil(k);
    return s[lo]! + (s[hi]! - s[lo]!) * (k - lo);
  };
  return { n: s.length, median: q(0.5), min: s[0]!, max: s.at(-1)!, q1: q(0.25), q3: q(0.75) };
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmt = (s: Stats): string => `${ms(s.median)} ms  [${ms(s.min)}–${ms(s.max)}, IQR ${ms(s.q1)}–${ms(s.q3)}, n=${s.n}]`;

// ---- processes ----------------------------------------------------------------------------------

/**
 * Preloaded into measured processes: reports the peak RSS and the CPU time (all threads) on stderr
 * at exit, so the CLI itself is untouched. CPU time is steadier than wall time on a shared machine.
 */
const HOOK = 'data:text/javascript,import {writeSync} from "node:fs"; process.on("exit", () => { const c = process.cpuUsage(); writeSync(2, "\\nBENCH " + process.resourceUsage().maxRSS + " " + (c.user + c.system) + "\\n"); });';

interface Ran { ms: number; stdout: string; stderr: string; code: number; maxRssMB?: number; cpuMs?: number }

function run(cmd: string, args: string[], opts: { hook?: boolean; env?: Record<string, string> } = {}): Promise<Ran> {
  const full = opts.hook ? ['--import', HOOK, ...args] : args;
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const p = spawn(cmd, full, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d; });
    p.stderr.on('data', (d: Buffer) => { stderr += d; });
    p.on('error', rej);
    p.on('close', (code) => {
      const t = performance.now() - t0;
      const m = /\nBENCH (\d+) (\d+)\n/.exec(stderr);
      stderr = stderr.replace(/\nBENCH \d+ \d+\n/, '');
      if (code !== 0 && code !== 1) return rej(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr}`));
      res({ ms: t, stdout, stderr, code: code ?? -1, ...(m ? { maxRssMB: Number(m[1]) / 1024, cpuMs: Number(m[2]) / 1000 } : {}) });
    });
  });
}

const node = (args: string[], opts?: { hook?: boolean; env?: Record<string, string> }) => run(process.execPath, args, opts);
const child = async <T>(args: string[]): Promise<T> => {
  const r = await node(['--import', 'tsx', join(ROOT, 'scripts/bench-child.ts'), ...args]);
  const line = r.stdout.trim().split('\n').at(-1)!;
  try { return JSON.parse(line) as T; } catch { throw new Error(`bench-child ${args[0]}: no result\n${r.stdout}\n${r.stderr}`); }
};

/** The rounds' lists of runs, end to end. */
function joined<T, K extends keyof T>(rounds: T[], keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, rounds.flatMap((r) => r[k] as unknown[])])) as Pick<T, K>;
}

async function repeat(n: number, f: () => Promise<Ran>): Promise<Ran[]> {
  const out: Ran[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

const log = (s: string): void => { process.stderr.write(`${s}\n`); };

/** A build that wrote nothing would time its own failure: stop with what it said instead. */
function expectPdfs(dir: string, n: number, r: Ran): void {
  let found = 0;
  try { found = readdirSync(dir).filter((f) => /^p\d+\.pdf$/.test(f)).length; } catch { /* none */ }
  if (found < n) throw new Error(`expected ${n} PDFs in ${dir}, found ${found}; the build said:\n${r.stdout}\n${r.stderr}`);
}

// ---- fixtures -----------------------------------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), 'banmian-bench-'));
writeEdition(tmp, 'warm', 1, 1); // the warm page (bench-child.ts warm)
const ed16 = writeEdition(tmp, 'e16', 16, 101);
const outDir = (name: string): string => join(tmp, 'out', name);

const load0 = loadavg();
const started = performance.now();
log(`banmian bench: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${load0.map((l) => l.toFixed(2)).join(' ')}${QUICK ? ' (quick)' : ''}`);

const PROFILE_FILE = join(ROOT, 'out/bench-profile.cpuprofile');
const EDIT_PROFILE_FILE = join(ROOT, 'out/bench-profile-edit.cpuprofile');
/** Profiles of 40 fresh warm pages (layout + PDF) and 60 one-character edits (re-layout). */
async function profiles(): Promise<{ page: ProfileSummary; edit: ProfileSummary }> {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  await child(['warm', tmp, '--profile', PROFILE_FILE]);
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile;
  return { page: summariseProfile(read(PROFILE_FILE), 40), edit: summariseProfile(read(EDIT_PROFILE_FILE), 60) };
}

if (PROFILE_ONLY) {
  printProfiles(await profiles());
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

// ---- 1. cold build of the sample page, and where its time goes -------------------------------

log(`cold: banmian build of the sample page × ${COLD_RUNS}`);
await node(['bin/banmian.js', 'build', '--out', outDir('cold')]); // the precompiled CLI and its caches made, files in the page cache
const coldRuns = await repeat(COLD_RUNS, () => node(['bin/banmian.js', 'build', '--out', outDir('cold')], { hook: true }));
const coldNoPreflight = await repeat(COLD_RUNS, () => node(['bin/banmian.js', 'build', '--no-preflight', '--out', outDir('cold')], { hook: true }));
expectPdfs(outDir('cold'), 1, coldRuns[0]!);
// the command as the README gives it: npx finds the bin and starts a second node
const coldNpx = await repeat(COLD_RUNS, () => run('npx', ['banmian', 'build', '--out', outDir('cold')]));
// the first build after installing or changing a source: no precompiled CLI, code cache or unpacked fonts yet
const coldFirst = await repeat(COLD_RUNS, () => {
  for (const d of ['node_modules/.cache/banmian', 'out/.cache/fonts']) rmSync(join(ROOT, d), { recursive: true, force: true });
  return node(['bin/banmian.js', 'build', '--out', outDir('cold')], { hook: true });
});
// the sources compiled on the fly by tsx, as BANMIAN_DEBUG does
const coldTsx = await repeat(COLD_RUNS, () => node(['bin/banmian.js', 'build', '--out', outDir('cold-tsx')], { hook: true, env: { BANMIAN_DEBUG: '1' } }));
if (!readFileSync(join(outDir('cold-tsx'), 'p02.pdf')).equals(readFileSync(join(outDir('cold'), 'p02.pdf')))) log('  note: the precompiled CLI wrote a different PDF from the sources through tsx');

log('cold start-up breakdown');
const nodeBare = await repeat(COLD_RUNS, () => node(['-e', '0'], { hook: true }));
const npxBare = await repeat(COLD_RUNS, () => run('npx', ['node', '-e', '0']));
const cliHelp = await repeat(COLD_RUNS, () => node(['bin/banmian.js', '--help'], { hook: true }));
const coldPhases: { phases: Record<string, number>; total: number }[] = [];
for (let i = 0; i < COLD_RUNS; i++) coldPhases.push(await child<{ phases: Record<string, number>; total: number }>(['cold', join(ROOT, 'layouts/sample/p02.yaml'), outDir('phases')]));

// ---- 1b. cold one-article page, ours and Typst in turn --------------------------------------

/**
 * Typst's whole process for the same page: start, its compiler, the font file, compile, PDF
 * written. Plain JavaScript (no tsx), as `node bin/banmian.js` is.
 */
const TYPST_COLD = `import { readFileSync, writeFileSync } from 'node:fs';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
const [src, font, out] = process.argv.slice(-3);
const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: [readFileSync(font)] }] });
const res = compiler.compile({ mainFileContent: readFileSync(src, 'utf8') });
if (!res.result || res.hasError()) { res.printErrors(); process.exit(3); }
writeFileSync(out, compiler.pdf(res.result));`;

log(`cold: one ${ARTICLE_CHARS}-character article on an A4 page, whole process, ours and Typst in turn × ${ARTICLE_RUNS}`);
const articleText = pageParagraphs(7, ARTICLE_CHARS);
const articlePage = writeArticle(tmp, articleText);
const articleTyp = join(tmp, 'article.typ');
writeFileSync(articleTyp, typstArticle(articleText));
const ourArticle = () => node(['bin/banmian.js', 'build', articlePage, '--out', outDir('article')], { hook: true });
const ourArticleNoPreflight = () => node(['bin/banmian.js', 'build', articlePage, '--no-preflight', '--out', outDir('article')], { hook: true });
const typstArticleRun = () => node(['--input-type=module', '-e', TYPST_COLD, articleTyp, SERIF_400, join(tmp, 'article-typst.pdf')], { hook: true });
await ourArticle(); await typstArticleRun(); // code caches made, files in the page cache
expectPdfs(outDir('article'), 1, await ourArticle());
const articleOurs: Ran[] = [], articleOursNoPreflight: Ran[] = [], articleTypst: Ran[] = [];
for (let i = 0; i < ARTICLE_RUNS; i++) {
  articleOurs.push(await ourArticle());
  articleTypst.push(await typstArticleRun());
  articleOursNoPreflight.push(await ourArticleNoPreflight());
}

// ---- 1c. the same with a build server running (banmian server, src/server/) ------------------

/**
 * The client's whole process against Typst's, in turns, and the sample page; the server's own CPU
 * per build is read from /proc around the runs. Its socket is in a folder of the bench's own, so
 * no build outside the bench finds it.
 */
const runDir = join(tmp, 'run');
mkdirSync(runDir, { mode: 0o700 });
const served = { XDG_RUNTIME_DIR: runDir, BANMIAN_SERVER: '1' };
log(`cold with a build server running: one-article page and Typst in turn × ${ARTICLE_RUNS}, sample page × ${COLD_RUNS}`);
const buildServer = spawn(process.execPath, ['bin/banmian.js', 'server', 'run'], { cwd: ROOT, env: { ...process.env, ...served }, stdio: 'ignore' });
for (let t = 0; (await run(process.execPath, ['bin/banmian.js', 'server', 'status'], { env: served })).code !== 0; t++) {
  if (t > 100) throw new Error('banmian server run did not start');
  await new Promise((r) => setTimeout(r, 100));
}
/** The server's CPU time so far (ms), from /proc (Linux); NaN elsewhere. */
const serverCpu = (): number => {
  try {
    const f = readFileSync(`/proc/${buildServer.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch { return NaN; }
};
const ourArticleServed = () => node(['bin/banmian.js', 'build', articlePage, '--out', outDir('article-served')], { hook: true, env: served });
for (let i = 0; i < 5; i++) await ourArticleServed(); // the server's code optimised, as after a few builds
const articleServed: Ran[] = [], articleTypstServed: Ran[] = [];
let cpu0 = serverCpu();
for (let i = 0; i < ARTICLE_RUNS; i++) {
  articleServed.push(await ourArticleServed());
  articleTypstServed.push(await typstArticleRun());
}
const articleServerCpu = (serverCpu() - cpu0) / ARTICLE_RUNS;
const sampleServedRun = () => node(['bin/banmian.js', 'build', '--out', outDir('sample-served')], { hook: true, env: served });
for (let i = 0; i < 3; i++) await sampleServedRun();
cpu0 = serverCpu();
const sampleServed = await repeat(COLD_RUNS, sampleServedRun);
const sampleServerCpu = (serverCpu() - cpu0) / COLD_RUNS;
const servedBuilds = /(\d+) builds?/.exec((await run(process.execPath, ['bin/banmian.js', 'server', 'status'], { env: served })).stdout)?.[1];
buildServer.kill();
for (const [a, b] of [['article-served/p01.pdf', 'article/p01.pdf'], ['sample-served/p02.pdf', 'cold/p02.pdf']] as const) {
  if (!readFileSync(join(outDir(''), a)).equals(readFileSync(join(outDir(''), b)))) throw new Error(`the build server wrote another ${a} than a build on its own`);
}
if (Number(servedBuilds) !== ARTICLE_RUNS + COLD_RUNS + 8) throw new Error(`the build server ran ${servedBuilds} builds, not ${ARTICLE_RUNS + COLD_RUNS + 8}: some ran on their own`);

// ---- 2. warm page, same input, one-character edits -------------------------------------------

type Edit = { layout: number; pdf: number; cpuLayout: number; cpu: number };
interface Warm { early: number[]; chars: number; lines: number; overflow: number; bytes: number; fresh: Split[]; phases: Record<string, number>[]; same: Split[]; edits: Edit[]; maxRssMB: number }
interface Typst { early: number[]; create: number; first: Split & { pages: number }; pages: number; bytes: number; fresh: Split[]; same: Split[]; edits: Edit[]; maxRssMB: number }

// ours and Typst take turns, each round in fresh processes, so that a machine slowing down or
// speeding up during the run (a shared host) weighs on both alike
log(`warm: one ~10,000-character broadsheet page, in process, ours and Typst in turn × ${WARM_ROUNDS}`);
const ourRounds: Warm[] = [], typstRounds: Typst[] = [];
for (let r = 0; r < WARM_ROUNDS; r++) {
  ourRounds.push(await child<Warm>(['warm', tmp]));
  typstRounds.push(await child<Typst>(['typst']));
}
const warm: Warm = { ...ourRounds[0]!, ...joined(ourRounds, ['early', 'fresh', 'phases', 'same', 'edits']), maxRssMB: Math.max(...ourRounds.map((w) => w.maxRssMB)) };
const typst: Typst = { ...typstRounds[0]!, ...joined(typstRounds, ['early', 'fresh', 'same', 'edits']), maxRssMB: Math.max(...typstRounds.map((t) => t.maxRssMB)) };

// ---- 3. a 16-page edition, cold, serial (the CLI) and parallel (worker threads) --------------

log(`edition: 16 pages, cold: serial (CLI, with and without preflight) × ${EDITION_RUNS}, parallel (${WORKERS} threads) × ${EDITION_RUNS}`);
const serialPreflight = await repeat(EDITION_RUNS, () => node(['bin/banmian.js', 'build', ed16.edition, '--out', outDir('e16-serial-preflight')], { hook: true }));
expectPdfs(outDir('e16-serial-preflight'), 16, serialPreflight[0]!);
const serial = await repeat(EDITION_RUNS, () => node(['bin/banmian.js', 'build', '--no-preflight', '--jobs', '1', ed16.edition, '--out', outDir('e16-serial')], { hook: true }));
// the CLI's own parallel path: layout on the main thread, pages rendered by WORKERS threads
const parallel = await repeat(EDITION_RUNS, () => node(['bin/banmian.js', 'build', '--no-preflight', '--jobs', String(WORKERS), ed16.edition, '--out', outDir('e16-parallel')], { hook: true }));
expectPdfs(outDir('e16-parallel'), 16, parallel[0]!);
const pdfs = readdirSync(outDir('e16-serial')).filter((f) => /^p\d+\.pdf$/.test(f)).sort(); // not edition.pdf
const identical = pdfs.length === 16 && pdfs.every((f) => readFileSync(join(outDir('e16-serial'), f)).equals(readFileSync(join(outDir('e16-parallel'), f))));
const e16summary = serial[0]!.stdout.trim().split('\n');

// ---- 4. profile --------------------------------------------------------------------------------

let profile: { page: ProfileSummary; edit: ProfileSummary } | undefined;
if (PROFILE) {
  log('profile: 40 warm pages and 60 one-character edits under the V8 sampling profiler');
  profile = await profiles();
}

// ---- report ------------------------------------------------------------------------------------

type Split = { layout: number; pdf: number; total: number; cpu: number };
const col = <T>(xs: T[], f: (x: T) => number) => stats(xs.map(f));
/** Wall time, CPU time and peak RSS of repeated whole processes. */
const procs = (xs: Ran[]) => ({ ...stats(xs.map((r) => r.ms)), cpu: stats(xs.map((r) => r.cpuMs ?? NaN)), maxRssMB: Math.max(...xs.map((r) => r.maxRssMB ?? NaN)) });
const splits = (xs: Split[]) => ({ layout: col(xs, (r) => r.layout), pdf: col(xs, (r) => r.pdf), total: col(xs, (r) => r.total), cpu: col(xs, (r) => r.cpu) });
const edits = (xs: { layout: number; pdf: number; cpuLayout: number; cpu: number }[]) => ({
  layout: col(xs, (r) => r.layout), cpuLayout: col(xs, (r) => r.cpuLayout), total: col(xs, (r) => r.layout + r.pdf), cpu: col(xs, (r) => r.cpu),
});

const ours = splits(warm.fresh), theirs = splits(typst.fresh);
const editOurs = edits(warm.edits), editTypst = edits(typst.edits);
const phaseNames = Object.keys(warm.phases[0] ?? {});
const coldPhaseNames = Object.keys(coldPhases[0]?.phases ?? {});

const result = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavgStart: load0, loadavgEnd: loadavg() },
  quick: QUICK,
  page: { chars: warm.chars, lines: warm.lines, overflow: warm.overflow, oursBytes: warm.bytes, typstBytes: typst.bytes, typstPages: typst.pages },
  cold: {
    sample: procs(coldRuns),
    sampleNoPreflight: procs(coldNoPreflight),
    npx: procs(coldNpx),
    firstAfterChange: procs(coldFirst),
    sourcesThroughTsx: procs(coldTsx),
    article: { chars: ARTICLE_CHARS, ours: procs(articleOurs), oursNoPreflight: procs(articleOursNoPreflight), typst: procs(articleTypst) },
    server: { article: procs(articleServed), articleServerCpuMs: articleServerCpu, typst: procs(articleTypstServed), sample: procs(sampleServed), sampleServerCpuMs: sampleServerCpu },
    breakdown: {
      nodeBare: procs(nodeBare), npxBare: procs(npxBare), cliHelp: procs(cliHelp),
      phases: Object.fromEntries(coldPhaseNames.map((n) => [n, col(coldPhases, (p) => p.phases[n]!)])),
    },
  },
  warm: {
    early: { ours: stats(warm.early), typst: stats(typst.early) },
    ours: { ...ours, phases: Object.fromEntries(phaseNames.map((n) => [n, col(warm.phases, (p) => p[n]!)])), sameInput: splits(warm.same), maxRssMB: warm.maxRssMB },
    typst: { ...theirs, create: typst.create, first: typst.first, sameInput: splits(typst.same), maxRssMB: typst.maxRssMB },
    ratio: {
      total: ours.total.median / theirs.total.median, layout: ours.layout.median / theirs.layout.median,
      pdf: ours.pdf.median / theirs.pdf.median, cpu: ours.cpu.median / theirs.cpu.median,
    },
  },
  edit: { ours: editOurs, typst: editTypst, ratio: editOurs.layout.median / editTypst.layout.median },
  edition16: {
    serialPreflight: procs(serialPreflight),
    serial: procs(serial),
    parallel: { ...procs(parallel), threads: WORKERS },
    identical,
  },
  raw: {
    coldRuns: coldRuns.map((r) => [r.ms, r.cpuMs]), coldNoPreflight: coldNoPreflight.map((r) => [r.ms, r.cpuMs]), coldNpx: coldNpx.map((r) => r.ms),
    article: { ours: articleOurs.map((r) => [r.ms, r.cpuMs]), typst: articleTypst.map((r) => [r.ms, r.cpuMs]), oursNoPreflight: articleOursNoPreflight.map((r) => [r.ms, r.cpuMs]) },
    coldFirst: coldFirst.map((r) => [r.ms, r.cpuMs]), coldTsx: coldTsx.map((r) => [r.ms, r.cpuMs]), coldPhases, warm, typst,
    serialPreflight: serialPreflight.map((r) => [r.ms, r.cpuMs]), serial: serial.map((r) => [r.ms, r.cpuMs]), parallel: parallel.map((r) => [r.ms, r.cpuMs]),
  },
  ...(profile ? { profile } : {}),
  seconds: (performance.now() - started) / 1000,
};
mkdirSync(join(ROOT, 'out'), { recursive: true });
writeFileSync(join(ROOT, 'out/bench.json'), JSON.stringify(result, null, 2) + '\n');
rmSync(tmp, { recursive: true, force: true });

const mb = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} MB` : '');
const cpuCol = (s?: Stats) => (s && Number.isFinite(s.median) ? `${ms(s.median)} ms` : '');
const target = (ok: boolean, t: string) => `${ok ? 'ok ' : 'NO '} ${t}`;
type Row = [string, string, string, string, string];
const proc = (label: string, r: ReturnType<typeof procs>, tgt = ''): Row => [label, fmt(r), cpuCol(r.cpu), mb(r.maxRssMB), tgt];
const e16 = result.edition16;
const art = result.cold.article;
const srv = result.cold.server;
const srvRatio = { wall: srv.article.median / srv.typst.median, cpu: (srv.article.cpu.median + srv.articleServerCpuMs) / srv.typst.cpu.median };
const artRatio = { wall: art.ours.median / art.typst.median, cpu: art.ours.cpu.median / art.typst.cpu.median, noPreflight: art.oursNoPreflight.median / art.typst.median };
const e16ok = (r: ReturnType<typeof procs>) => target(r.median <= 2500 && r.maxRssMB <= 500, '≤ 2.5 s, ≤ 500 MB');
const rows: Row[] = [
  proc('cold `banmian build`, sample page (whole process)', result.cold.sample, target(result.cold.sample.median <= 250, '≤ 250 ms')),
  proc('    the same, --no-preflight', result.cold.sampleNoPreflight),
  proc('    the same through npx (`npx banmian build`)', result.cold.npx),
  proc('    first build after install or a source change', result.cold.firstAfterChange),
  proc('    the sources through tsx (BANMIAN_DEBUG=1)', result.cold.sourcesThroughTsx),
  proc(`cold one-article A4 page (${ARTICLE_CHARS} chars), whole process, ours`, art.ours, target(artRatio.wall <= 1, 'ratio ≤ 1.0')),
  proc('    the same, --no-preflight', art.oursNoPreflight),
  proc('cold one-article A4 page, Typst (Node compiler, whole process)', art.typst),
  ['  ratio ours/Typst (medians): wall | CPU | wall without preflight', [artRatio.wall, artRatio.cpu, artRatio.noPreflight].map((x) => x.toFixed(2)).join(' | '), '', '', ''],
  proc('cold one-article page, a build server running (`banmian server`): client', srv.article, target(srvRatio.wall <= 1, 'ratio ≤ 1.0')),
  ['    the server\'s CPU per build (mean)', '', `${ms(srv.articleServerCpuMs)} ms`, '', ''],
  proc('    Typst in turn with it', srv.typst),
  ['  ratio ours/Typst (medians): wall | CPU (client + server)', [srvRatio.wall, srvRatio.cpu].map((x) => x.toFixed(2)).join(' | '), '', '', ''],
  proc('cold sample page, a build server running: client', srv.sample, target(srv.sample.median <= 250, '≤ 250 ms')),
  ['    the server\'s CPU per build (mean)', '', `${ms(srv.sampleServerCpuMs)} ms`, '', ''],
  [`warm page (${warm.chars} chars): layout + PDF, ours`, fmt(ours.total), cpuCol(ours.cpu), mb(warm.maxRssMB), target(result.warm.ratio.total <= 1, 'ratio ≤ 1.0')],
  ['    layout: manifest, story, compose, flow, check', fmt(ours.layout), '', '', ''],
  ['    PDF', fmt(ours.pdf), '', '', ''],
  ['warm page: compile + PDF, Typst', fmt(theirs.total), cpuCol(theirs.cpu), mb(typst.maxRssMB), ''],
  ['    compile (layout)', fmt(theirs.layout), '', '', ''],
  ['    PDF', fmt(theirs.pdf), '', '', ''],
  ['warm page before V8 has optimised it all (pages 7–20): ours | Typst', `${ms(stats(warm.early).median)} ms | ${ms(stats(typst.early).median)} ms`, '', '', ''],
  ['  ratio ours/Typst (medians): total | layout | PDF | CPU', [result.warm.ratio.total, result.warm.ratio.layout, result.warm.ratio.pdf, result.warm.ratio.cpu].map((x) => x.toFixed(2)).join(' | '), '', '', ''],
  ['warm page, same text again, ours (shaping cache hot)', fmt(result.warm.ours.sameInput.total), cpuCol(result.warm.ours.sameInput.cpu), '', ''],
  ['warm page, same text again, Typst (memoised)', fmt(result.warm.typst.sameInput.total), cpuCol(result.warm.typst.sameInput.cpu), '', ''],
  ['1-char edit: re-layout, ours', fmt(editOurs.layout), cpuCol(editOurs.cpuLayout), '', target(editOurs.layout.median <= 15, '≤ 15 ms')],
  ['1-char edit: re-layout + PDF, ours', fmt(editOurs.total), cpuCol(editOurs.cpu), '', ''],
  ['1-char edit: re-compile, Typst', fmt(editTypst.layout), cpuCol(editTypst.cpuLayout), '', ''],
  ['1-char edit: re-compile + PDF, Typst', fmt(editTypst.total), cpuCol(editTypst.cpu), '', ''],
  proc('16-page edition, cold, serial (`banmian build`)', e16.serialPreflight, e16ok(e16.serialPreflight)),
  proc('16-page edition, cold, serial, --no-preflight', e16.serial),
  proc(`16-page edition, cold, parallel (${WORKERS} threads, no preflight)`, e16.parallel, e16ok(e16.parallel)),
];
const widths = [0, 1, 2, 3].map((k) => Math.max(...rows.map((r) => r[k]!.length), k === 1 ? 26 : 4));
const line = (r: string[]) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}  ${r[3]!.padStart(widths[3]!)}  ${r[4]}`;

console.log('');
console.log(`page: ${warm.chars} characters, ${warm.lines} lines, overflow ${warm.overflow}; PDF ours ${Math.round(warm.bytes / 1024)} KB, Typst ${Math.round(typst.bytes / 1024)} KB (${typst.pages} page)`);
console.log(`16-page edition: serial and parallel PDFs ${identical ? 'byte-identical' : 'DIFFER'}; e.g. ${e16summary[0]?.replace(/→.*/, '')}`);
console.log('');
console.log(line(['', 'wall: median [min–max, IQR, n]', 'CPU', 'peak', 'target']));
for (const r of rows) console.log(line(r));
console.log('');
const b = result.cold.breakdown;
const wc = (r: ReturnType<typeof procs>) => `${ms(r.median)} ms (CPU ${ms(r.cpu.median)})`;
console.log('cold start-up, whole processes (medians, wall and CPU):');
console.log(`  node -e 0: ${wc(b.nodeBare)} | npx node -e 0: ${ms(b.npxBare.median)} ms | banmian --help: ${wc(b.cliHelp)}`);
console.log(`  inside one cold build through tsx (ms): ${coldPhaseNames.map((n) => `${n} ${ms(b.phases[n]!.median)}`).join(' | ')}`);
console.log(`warm page phases, timing the stage functions (ms, medians): ${phaseNames.map((n) => `${n} ${ms(result.warm.ours.phases[n]!.median)}`).join(' | ')}`);
console.log('  (layoutEdition also lints the copy and checks the fonts, which these phases leave out: see --profile)');
console.log(`Typst: compiler create ${ms(typst.create)} ms, first compile ${ms(typst.first.layout)} + PDF ${ms(typst.first.pdf)} ms`);
if (profile) printProfiles(profile);
// makeup (issue 16): a 4-page plan of 16 stories, 2 photos and a PDF ad, made up and built (scripts/bench-makeup.ts)
const makeupRow = await node(['--import', 'tsx', join(ROOT, 'scripts/bench-makeup.ts'), join(tmp, 'makeup')]);
console.log(makeupRow.stdout.split('\n')[0]);
console.log('');
console.log(`load average ${load0.map((l) => l.toFixed(2)).join(' ')} → ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} CPUs: above that, other processes inflate wall times; CPU times hold better); ${result.seconds.toFixed(0)} s; raw figures in ${relative(process.cwd(), join(ROOT, 'out/bench.json'))}`);

// ---- CPU profile summary --------------------------------------------------------------------------

interface CpuNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: CpuNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }
interface ProfileSummary { runs: number; totalMs: number; self: { name: string; ms: number; pct: number }[]; modules: { name: string; ms: number; pct: number }[]; inclusive: { name: string; ms: number; pct: number }[] }

/** Where a frame's code lives: our module, a package, node internals, or V8's own entries. */
function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const u = url.replace(/^file:\/\//, '');
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (nm) return nm[1]!;
  if (u.startsWith(ROOT)) return relative(ROOT, u).replace(/\?.*$/, '');
  if (u.startsWith('node:')) return 'node internals';
  return u;
}

/**
 * Self and inclusive time from a V8 CPU profile of a measured loop. Counted: every sample but the
 * bench's own work between runs (generating and writing the fixture text), the profiler's, and
 * idle time; stages that finish asynchronously (an awaited image in the PDF writer) are counted
 * wherever their continuations run. Inclusive times are per function, recursion counted once.
 */
function summariseProfile(p: CpuProfile, runs: number): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  p.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const ours = (n: CpuNode) => n.callFrame.url.includes(ROOT) && !n.callFrame.url.includes('node_modules');
  const bench = (n: CpuNode | undefined) => !!n && /scripts\/bench[^/]*\.ts$/.test(n.callFrame.url);
  // tsx's output has no useful line numbers: our functions are named by file, libraries by line
  const label = (n: CpuNode) => `${n.callFrame.functionName || '(anonymous)'}  ${moduleOf(n.callFrame.url, n.callFrame.functionName)}${ours(n) || !n.callFrame.url ? '' : `:${n.callFrame.lineNumber + 1}`}`;
  const self = new Map<string, number>(), modules = new Map<string, number>(), inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let totalMs = 0;
  for (const [id, t] of selfTime) {
    const n = byId.get(id)!;
    const stack: CpuNode[] = []; // leaf first
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!);
    const notMeasured = n.callFrame.functionName === '(idle)' || stack.some((c, k) =>
      c.callFrame.url.endsWith('scripts/bench-fixtures.ts') || c.callFrame.url.startsWith('node:inspector') ||
      (bench(stack[k + 1]) && !bench(c) && !ours(c))); // the bench calling the platform directly: fixture writes
    if (notMeasured) continue;
    totalMs += t;
    add(self, label(n), t);
    add(modules, moduleOf(n.callFrame.url, n.callFrame.functionName), t);
    const seen = new Set<string>();
    for (const c of stack) {
      if (c !== n && (bench(c) || !c.callFrame.url || c.callFrame.url.startsWith('node:internal/process/'))) continue; // not the bench, (root) or the task queue
      const l = label(c);
      if (!seen.has(l)) { seen.add(l); add(inclusive, l, t); }
    }
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, v]) => ({ name, ms: v, pct: (100 * v) / totalMs }));
  return { runs, totalMs, self: top(self, 25), modules: top(modules, 15), inclusive: top(inclusive, 40) };
}

function printProfiles(p: { page: ProfileSummary; edit: ProfileSummary }): void {
  const show = (title: string, xs: ProfileSummary['self']) => {
    console.log(`\n${title}`);
    for (const x of xs) console.log(`  ${x.pct.toFixed(1).padStart(5)}%  ${ms(x.ms).padStart(7)} ms  ${x.name}`);
  };
  const head = (s: ProfileSummary, what: string, file: string) =>
    console.log(`\nprofile of ${s.runs} ${what}: ${ms(s.totalMs)} ms sampled, ${ms(s.totalMs / s.runs)} ms each → ${relative(process.cwd(), file)}`);
  head(p.page, 'warm pages (fresh text, layout + PDF)', PROFILE_FILE);
  show('self time by module:', p.page.modules);
  show('self time by function:', p.page.self);
  show('inclusive time (with callees):', p.page.inclusive);
  head(p.edit, 'one-character edits (re-layout, manifests kept)', EDIT_PROFILE_FILE);
  show('self time by module:', p.edit.modules.slice(0, 10));
  show('inclusive time (with callees):', p.edit.inclusive.slice(0, 25));
}
