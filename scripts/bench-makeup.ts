/**
 * The makeup row of `npm run bench` (issue 16): a 4-page plan of 16 stories of 1,500–2,200
 * characters (the sample articles' paragraphs), 2 photos, 3 stories allowed to jump and a PDF ad, generated under the
 * folder given; `banmian makeup` then `banmian build`, each a whole CLI process, timed (wall and CPU),
 * and beside it `banmian makeup --build` (one process) on a copy of the same files, its PDFs
 * compared with the two commands'; then the two commands handed to a build server started for a
 * third copy, twice (the second after a story is edited); then the two commands again on the first
 * copy after the same edit. Each path starts with no out/.cache (photos converted), as the first
 * build of an edition's folder does, on a machine where banmian has run since it was installed
 * (node_modules/.cache/banmian: the precompiled CLI, V8's code cache, the fonts banmian ships
 * unpacked; an untimed makeup and build in a folder of their own make sure of it); the run after
 * the edit finds the first run's out/.cache. Last, the first makeup and build after an install:
 * the fonts unpacked as well. Prints one line and the JSON of the figures on the next.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { HOUSE, pageParagraphs, ROOT } from './bench-fixtures.ts';

const root = process.argv[2]!;
const dir = join(root, 'layouts/mk'), content = join(root, 'content/mk');
mkdirSync(dir, { recursive: true });
mkdirSync(join(content, 'photos'), { recursive: true });
copyFileSync(join(ROOT, 'content/sample/photos/site.jpg'), join(content, 'photos/site.jpg'));
const TITLES = ['全市经济运行稳中向好', '重大项目建设提速增效', '美丽乡村建设全面铺开', '跨境电商培训走进园区', '城市更新行动扎实推进', '生态修复绘就新画卷', '科技创新赋能产业升级', '民生实事件件落地', '文旅融合激活消费', '现代农业提质增效', '营商环境持续优化', '教育医疗资源扩容', '交通路网加快成形', '基层治理提档升级', '安全生产警钟长鸣', '志愿服务温暖人心'];
const stories = TITLES.map((title, i) => {
  const id = `s${String(i + 1).padStart(2, '0')}`;
  writeFileSync(join(content, `${id}.md`), `---\ntitle: ${title}\n---\n${pageParagraphs(300 + i, 1500 + (i * 137) % 700).join('\n\n')}\n`);
  return id;
});
await new Promise<void>((res) => {
  const doc = new PDFDocument({ size: [1000, 250], margin: 0, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.on('end', () => { writeFileSync(join(content, 'ad.pdf'), Buffer.concat(chunks)); res(); });
  doc.rect(20, 20, 960, 210).fill([0, 100, 100, 0]);
  doc.end();
});
const plan = `paper: 基准报\ndate: 2024-12-06\nhouse: ${JSON.stringify(HOUSE)}\npages:
  - { number: 1, section: 要闻, masthead: { col: 1, cols: 3, line: 1, lines: 12 } }
  - { number: 2, section: 要闻 }
  - { number: 3, section: 要闻 }
  - { number: 4, section: 要闻, ads: [{ id: ad, file: ad.pdf, col: 1, cols: 8, line: 86, lines: 20 }] }
stories:
${stories.map((s, i) => `  - { story: ${s}${i % 4 === 0 ? `, page: ${i / 4 + 1}, lead: true` : ''}${i === 1 || i === 13 ? ', photo: { file: photos/site.jpg, caption: 示意图 }' : ''}${i % 4 === 2 && i < 12 ? ', jump: true' : ''} }`).join('\n')}
`;
writeFileSync(join(dir, 'plan.yaml'), plan);
/** CPU time of the finished child processes (Linux: /proc, in clock ticks of 10 ms), or NaN: other work shares this machine, so the bench gives both. */
const childCpu = (): number => {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // cutime, cstime
  } catch { return NaN; }
};
const copyOf = (name: string) => {
  const to = join(root, name);
  for (const d of ['layouts', 'content']) cpSync(join(root, d), join(to, d), { recursive: true });
  return to;
};
const one = copyOf('one');
const cli = (args: string[], cwd = root, env = process.env) => {
  const t = performance.now(), c = childCpu();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/banmian.js'), ...args], { cwd, encoding: 'utf8', env });
  return { ms: performance.now() - t, cpuMs: childCpu() - c, code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const installed = copyOf('installed'); // untimed: what the machine keeps from its first run since install
cli(['makeup', join(installed, 'layouts/mk/plan.yaml'), '--build'], installed);
const made = cli(['makeup', join(dir, 'plan.yaml'), '--json']);
if (made.code !== 0) { console.log(`makeup: failed (${made.code})\n${made.stderr}`); process.exit(0); }
const built = cli(['build', join(dir, 'edition.yaml'), '--out', join(root, 'out/mk')]);
const both = cli(['makeup', join(one, 'layouts/mk/plan.yaml'), '--build', '--out', join(one, 'out/mk')], one);
const pdfs = readdirSync(join(root, 'out/mk')).filter((f) => f.endsWith('.pdf'));
const sameAs = (dir: string) => pdfs.length > 0 && pdfs.every((f) => readFileSync(join(root, 'out/mk', f)).equals(readFileSync(join(dir, 'out/mk', f))));
const same = sameAs(one);
// the same two commands handed to a build server started for the folder (banmian server start): the
// evening's first run (the same PDFs), then again after a story is edited
const srv = copyOf('srv');
const serverEnv = { ...process.env, BANMIAN_SERVER: '1' };
const served = (args: string[]) => cli(args, srv, serverEnv);
served(['server', 'start']);
const run = () => {
  const mk = served(['makeup', join(srv, 'layouts/mk/plan.yaml')]);
  const b = served(['build', join(srv, 'layouts/mk/edition.yaml'), '--out', join(srv, 'out/mk')]);
  return { ms: mk.ms + b.ms, makeupMs: mk.ms, buildMs: b.ms, code: mk.code || b.code };
};
const runs = [run()];
const servedSame = sameAs(srv);
// the desk edits a story (a paragraph more for s08) and makes the pages up again
const edit = (dir: string) => writeFileSync(join(dir, 'content/mk/s08.md'), `${readFileSync(join(dir, 'content/mk/s08.md'), 'utf8')}\n${pageParagraphs(900, 120).join('\n\n')}\n`);
edit(srv);
runs.push(run());
served(['server', 'stop']);
// and as two commands of their own again: the photos converted by the first run (out/.cache)
edit(root);
const madeAgain = cli(['makeup', join(dir, 'plan.yaml')]);
const builtAgain = cli(['build', join(dir, 'edition.yaml'), '--out', join(root, 'out/mk')]);
const again = { ms: madeAgain.ms + builtAgain.ms, makeupMs: madeAgain.ms, buildMs: builtAgain.ms, code: madeAgain.code || builtAgain.code };
// the first makeup and build after an install: the fonts banmian ships unpacked too
const first = copyOf('first');
rmSync(join(ROOT, 'node_modules/.cache/banmian/fonts'), { recursive: true, force: true });
const madeFirst = cli(['makeup', join(first, 'layouts/mk/plan.yaml')], first);
const builtFirst = cli(['build', join(first, 'layouts/mk/edition.yaml'), '--out', join(first, 'out/mk')], first);
const afterInstall = { ms: madeFirst.ms + builtFirst.ms, makeupMs: madeFirst.ms, buildMs: builtFirst.ms, code: madeFirst.code || builtFirst.code };
const search = (JSON.parse(made.stdout) as { pages: { number: number; searchMs: number }[] }).pages.map((p) => Math.round(p.searchMs));
const total = made.ms + built.ms;
const met = (ms: number) => `target < 3000: ${ms < 3000 ? 'met' : 'MISSED'}`;
console.log(`makeup of a 4-page plan (16 stories, 2 photos, a PDF ad): makeup ${Math.round(made.ms)} ms + build ${Math.round(built.ms)} ms = ${Math.round(total)} ms (${met(total)}); CPU makeup ${made.cpuMs} ms + build ${built.cpuMs} ms; search per page ${search.join(' / ')} ms; build exit ${built.code}; makeup --build ${Math.round(both.ms)} ms (${met(both.ms)}), CPU ${both.cpuMs} ms, exit ${both.code}, its ${pdfs.length} PDFs ${same ? 'the same bytes' : 'DIFFERENT'}; with a build server: ${runs.map((r) => `${Math.round(r.makeupMs)} + ${Math.round(r.buildMs)} = ${Math.round(r.ms)} ms`).join(', then ')} (${met(runs[1]!.ms)}), exit ${runs.map((r) => r.code).join('/')}, PDFs ${servedSame ? 'the same bytes' : 'DIFFERENT'}; two commands again after the edit (caches kept): ${Math.round(again.makeupMs)} + ${Math.round(again.buildMs)} = ${Math.round(again.ms)} ms (${met(again.ms)}), exit ${again.code}; the two commands first after an install (fonts unpacked too): ${Math.round(afterInstall.makeupMs)} + ${Math.round(afterInstall.buildMs)} = ${Math.round(afterInstall.ms)} ms, exit ${afterInstall.code}`);
console.log(JSON.stringify({ makeupMs: made.ms, buildMs: built.ms, makeupCpuMs: made.cpuMs, buildCpuMs: built.cpuMs, searchMs: search, buildExit: built.code, makeupBuildMs: both.ms, makeupBuildCpuMs: both.cpuMs, makeupBuildExit: both.code, samePdfs: same, served: runs, servedSamePdfs: servedSame, again, afterInstall }));
