/**
 * Crash consistency: a real build (the CLI in a child process) killed with SIGKILL at every step
 * of its write, and at moments spread over the whole build, leaves the output folder with all the
 * old files or all the new ones once the next command has run, and nothing of banmian's besides.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutTarget, writeEdition } from '../../src/build.ts';
import { prepareOutput } from '../../src/output.ts';
import { ROOT, sampleProject, type Project } from '../project.ts';

const scratch = mkdtempSync(join(tmpdir(), 'banmian-crash-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The sample project as an edition of two small pages. */
function twoPages(): Project {
  const p = sampleProject();
  const page = (n: number, a: string, b: string) =>
    `number: ${n}\nblocks:\n  - { id: ${a}, story: ${a}, col: 1, cols: 2, line: 1, lines: 22 }\n  - { id: ${b}, story: ${b}, col: 3, cols: 2, line: 1, lines: 22 }\n`;
  writeFileSync(p.path('layouts/sample/p03.yaml'), page(3, 'jingkai', 'jinan'));
  writeFileSync(p.path('layouts/sample/p04.yaml'), page(4, 'shashi', 'honghu'));
  p.edit('layouts/sample/edition.yaml', (s) => s.replace('pages: [p02.yaml]', 'pages: [p03.yaml, p04.yaml]'));
  return p;
}

type Files = Record<string, Buffer>;
const files = (dir: string): Files => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
const same = (a: Files, b: Files) => Object.keys(a).join() === Object.keys(b).join() && Object.keys(a).every((f) => a[f]!.equals(b[f]!));

/** The CLI building `edition` into `out`; resolves with how it ended. */
const build = (edition: string, out: string, o: { killAt?: number; killAfterMs?: number } = {}) =>
  cli(['build', edition, '--out', out, '--no-preflight', '--jobs', '1'], o);

function cli(args: string[], o: { killAt?: number; killAfterMs?: number } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/banmian.js'), ...args], {
    stdio: 'ignore', env: { ...process.env, ...(o.killAt ? { BANMIAN_TEST_KILL_AT: String(o.killAt) } : {}) },
  });
  if (o.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), o.killAfterMs);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - start })));
}

describe('an edition written all at once or not at all, whenever the build dies', () => {
  it('SIGKILL at every step of the write and at moments across the build: all old or all new, nothing left over', async () => {
    const p = twoPages();
    // the old state: the edition of 6 December without p04.pdf (a page the new build adds)
    const old = join(scratch, 'old'), fresh = join(scratch, 'new');
    await writeEdition(layoutTarget(p.edition), old);
    rmSync(join(old, 'p04.pdf'));
    p.edit('layouts/sample/edition.yaml', (s) => s.replace(/^date: .*$/m, 'date: 2024-12-07')); // every file changes
    await writeEdition(layoutTarget(p.edition), fresh);
    const before = files(old), after = files(fresh);
    expect(Object.keys(after)).toEqual(['edition.pdf', 'p03.pdf', 'p04.pdf']);
    for (const f of Object.keys(before)) expect(before[f]!.equals(after[f]!), f).toBe(false);

    // the next command: a build that stops before writing (an article does not load) recovers the folder all the same
    const broken = twoPages();
    broken.edit('content/sample/jinan.md', (s) => s.replace('\n---\n', '\n'));

    const outcomes: string[] = [];
    let run = 0, wholeBuild = 0;
    const attempt = async (o: { killAt?: number; killAfterMs?: number }, next: 'recover' | 'cli' | 'preflight' = 'recover') => {
      const out = join(scratch, `run${++run}`);
      cpSync(old, out, { recursive: true });
      const r = await build(p.edition, out, o);
      if (r.signal === null) wholeBuild = r.ms;
      if (next === 'cli') expect((await build(broken.edition, out)).code).toBe(1);
      else if (next === 'preflight') expect((await cli(['preflight', out])).code).toBe(0); // it reads what it checks only once the folder is whole
      else await prepareOutput(out);
      const now = files(out);
      const state = same(now, before) ? 'old' : same(now, after) ? 'new' : 'mixed';
      // a readable failure: which file is old, new, or neither
      expect(state, `${JSON.stringify(o)}: ${Object.entries(now).map(([f, b]) => `${f}=${before[f]?.equals(b) ? 'old' : after[f]?.equals(b) ? 'new' : '?'}`).join(' ')}`).not.toBe('mixed');
      outcomes.push(`${r.signal ? 'killed' : 'done'}:${state}`);
      return r;
    };

    // every step of the write, two builds at a time, until a build outlives the last step
    let steps = 0;
    for (let done = false; !done; steps += 2) {
      const next = (n: number) => (n === 3 || n === 7 ? 'cli' : n === 8 ? 'preflight' : 'recover'); // before and after the commit point
      const ends = await Promise.all([steps + 1, steps + 2].map((n) => attempt({ killAt: n }, next(n))));
      done = ends.some((r) => r.signal === null);
    }
    expect(outcomes.filter((o) => o.startsWith('killed')).length).toBeGreaterThanOrEqual(10); // staged, locked, 3 kept, committed, 3 renamed, uncommitted
    expect(outcomes).toContain('killed:old'); // before the commit point
    expect(outcomes).toContain('killed:new'); // after it
    expect(outcomes).toContain('done:new');

    // and at moments spread over a whole build (most fall in layout and rendering, some in the write)
    await Promise.all([0.8, 0.95].map((f) => attempt({ killAfterMs: f * wholeBuild })));
    await attempt({ killAfterMs: wholeBuild });
  }, 120_000);
});
