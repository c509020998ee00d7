/**
 * The build server (src/server/, bin/client.js): a build (or a makeup) it runs gives the same PDF
 * (manifests), output and exit status as the one run on its own, and whatever it cannot run the same it refuses, the
 * client then running the command itself.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_CHARS, pageParagraphs, SERIF_400, writeArticle } from '../../scripts/bench-fixtures.ts';
import { ROOT } from '../project.ts';
import { FIXTURE_PLAN, makeupProject } from '../makeup/project.ts';
import { ask, fontsChanged, type Status } from '../../src/server/serve.ts';
import { fontSources, loadFontRegistry, openFont } from '../../src/fonts/registry.ts';

const BIN = join(ROOT, 'bin/banmian.js');
const dir = mkdtempSync(join(tmpdir(), 'banmian-server-'));
const runtime = mkdtempSync(join(tmpdir(), 'banmian-server-run-')); // $XDG_RUNTIME_DIR: the socket's folder
// the suite sets BANMIAN_SERVER=0 (vitest.config.ts); these clients may use a server
const env = { ...process.env, XDG_RUNTIME_DIR: runtime, BANMIAN_SERVER: '1' } as Record<string, string>;
const page = writeArticle(dir, pageParagraphs(7, ARTICLE_CHARS));
let server: ChildProcess;
let socket: string;

const cli = (args: string[], more: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...env, ...more } });

const status = async () => (await ask(socket, { op: 'status' })) as Status | 'none';

/** Starts `banmian server run` in the test's folder and waits for its socket. */
async function startServer(args: string[] = []): Promise<ChildProcess> {
  cli(['--help']); // the bundle made, if need be, before the server loads it
  const p = spawn(process.execPath, [BIN, 'server', 'run', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  p.stdout!.on('data', (d: Buffer) => { said += d; });
  p.stderr!.on('data', (d: Buffer) => { said += d; });
  for (let t = 0; t < 400 && !/ at (\S+\.sock) /.test(said); t++) {
    if (p.exitCode !== null) throw new Error(`server ended: ${said}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  socket = / at (\S+\.sock) /.exec(said)![1]!;
  return p;
}

const ended = (p: ChildProcess) => new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once('exit', r)));

beforeAll(async () => { server = await startServer(); });
afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
  rmSync(runtime, { recursive: true, force: true });
});

describe('the build server', () => {
  it('keeps its socket private to the user', () => {
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(join(runtime, 'banmian')).mode & 0o777).toBe(0o700);
  });

  it('writes the same PDF and says the same as a build on its own', async () => {
    const alone = cli(['build', page, '--out', join(dir, 'alone')], { BANMIAN_SERVER: '0' });
    const before = (await status() as Status).builds;
    const served = [1, 2].map((i) => cli(['build', page, '--out', join(dir, `served${i}`)]));
    expect((await status() as Status).builds).toBe(before + 2);
    for (const [i, s] of served.entries()) {
      expect(s.status).toBe(0);
      expect(s.stdout.replaceAll(`served${i + 1}`, 'alone')).toBe(alone.stdout);
      expect(s.stderr).toBe(alone.stderr);
      expect(readFileSync(join(dir, `served${i + 1}/p01.pdf`)).equals(readFileSync(join(dir, 'alone/p01.pdf')))).toBe(true);
    }
  });

  it('makes up a plan as on its own: the same manifests, diagnostics and exit status', async () => {
    const made = dirname(makeupProject(FIXTURE_PLAN, dir)); // the makeup tests' plan and house over the sample articles
    const files = () => ['edition.yaml', 'p01.yaml', 'p02.yaml'].map((f) => readFileSync(join(made, f), 'utf8'));
    const alone = cli(['makeup', join(made, 'plan.yaml')], { BANMIAN_SERVER: '0' });
    expect(alone.status).toBe(0);
    const written = files();
    for (const f of ['edition.yaml', 'p01.yaml', 'p02.yaml']) rmSync(join(made, f));
    const before = (await status() as Status).builds;
    const served = cli(['makeup', join(made, 'plan.yaml')]);
    expect((await status() as Status).builds).toBe(before + 1);
    expect(served.status).toBe(0);
    expect(served.stderr).toBe(alone.stderr);
    expect(served.stdout.replace(/searched in \d+ ms/g, '')).toBe(alone.stdout.replace(/searched in \d+ ms/g, ''));
    expect(files()).toEqual(written);
  });

  it('returns the exit status and the diagnostics, coloured as the client asks', async () => {
    const bad = join(dirname(page), 'bad.yaml');
    writeFileSync(bad, readFileSync(page, 'utf8').replace('story:', 'storie:'));
    const alone = cli(['build', bad, '--out', join(dir, 'bad')], { BANMIAN_SERVER: '0', FORCE_COLOR: '1' });
    const before = (await status() as Status).builds;
    const served = cli(['build', bad, '--out', join(dir, 'bad')], { FORCE_COLOR: '1' });
    expect((await status() as Status).builds).toBe(before + 1);
    expect(alone.status).toBe(1);
    expect(served.status).toBe(1);
    expect(served.stderr).toContain('\x1b[');
    expect(served.stderr).toBe(alone.stderr);
    expect(served.stdout).toBe(alone.stdout);
  });

  it('refuses a client whose BANMIAN_ variables differ, which then builds on its own', async () => {
    const before = (await status() as Status).builds;
    const r = cli(['build', page, '--out', join(dir, 'pinned')], { BANMIAN_SOMETHING: '1' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'pinned/p01.pdf')).equals(readFileSync(join(dir, 'alone/p01.pdf')))).toBe(true);
    expect((await status() as Status).builds).toBe(before);
  });

  it('stops when asked by a client of another CLI, release or Node', async () => {
    const id = { bundle: '0-0', version: '0.0.0', node: process.version };
    expect(await ask(socket, { op: 'run', argv: ['build'], cwd: dir, env: {}, tty: { stdout: false, stderr: false }, id })).toEqual({ refused: 'another CLI, release or Node' });
    expect(await ended(server)).toBe(0);
    expect(await status()).toBe('none');
    // and a build then runs on its own
    expect(cli(['build', page, '--out', join(dir, 'after')]).status).toBe(0);
    server = await startServer();
  });

  it('stops after its idle time, and by banmian server stop', async () => {
    server.kill();
    await ended(server);
    const idle = await startServer(['--idle', '0.01']);
    expect(await ended(idle)).toBe(0);
    server = await startServer();
    expect(cli(['server', 'stop']).stdout).toMatch(/stopped/);
    expect(await ended(server)).toBe(0);
    expect(cli(['server', 'status']).status).toBe(1);
  });
});

describe('the fonts a server keeps parsed', () => {
  it('a changed font file is noticed; a changed fonts.yaml is read again', () => {
    const font = join(dir, 'f.ttf'), yaml = join(dir, 'fonts.yaml');
    copyFileSync(SERIF_400, font);
    writeFileSync(yaml, 'families:\n  song:\n    400: { file: f.ttf }\n');
    loadFontRegistry(yaml);
    openFont(font);
    expect(fontsChanged()).toBeUndefined();
    const later = new Date(Date.now() + 5000);
    utimesSync(yaml, later, later);
    expect(fontsChanged()).toBeUndefined();
    expect(fontSources().has(yaml)).toBe(false); // forgotten, read again by the next build
    utimesSync(font, later, later);
    expect(fontsChanged()).toBe(`font file ${font} changed`);
  });
});
