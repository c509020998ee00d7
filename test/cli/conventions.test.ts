/**
 * The CLI's conventions (issue 19): --version, --help with examples on every command, exit codes
 * 0/1/2/70 as README documents them, colour only on a terminal and never with NO_COLOR, and the
 * page lines of an edition that was not laid out or not written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sampleProject } from '../project.ts';

const scratch = mkdtempSync(join(tmpdir(), 'banmian-cli-'));

function cli(args: string[], o: { env?: Record<string, string>; cwd?: string; preload?: string } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...o.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [...(o.preload ? ['--require', o.preload] : []), join(ROOT, 'bin/banmian.js'), ...args], { encoding: 'utf8', env, cwd: o.cwd ?? ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('banmian --version', () => {
  it('-V and --version print the release from package.json and exit 0', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(cli([flag])).toMatchObject({ status: 0, stdout: `banmian ${version}\n` });
  });
});

describe('--help', () => {
  it('every command listed by banmian --help has --help with its usage and an example of it, exit 0', () => {
    const top = cli(['--help']);
    expect(top.status).toBe(0);
    const names = [...top.stdout.split('\ncommands:\n')[1]!.split('\n\n')[0]!.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!);
    expect(names).toEqual(expect.arrayContaining(['build', 'check', 'grid', 'lint', 'preflight', 'snapshot', 'watch']));
    for (const name of names) {
      const r = cli([name, '--help']);
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`^usage: banmian ${name}`));
      expect(r.stdout, name).toMatch(new RegExp(`\\nexamples:\\n(  banmian ${name}.*\\n)+`));
    }
  });
});

describe('exit codes', () => {
  it('are listed in README and in banmian --help: 0, 1, 2, 70', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const help = cli(['--help']).stdout;
    for (const code of ['0', '1', '2', '70']) {
      expect(readme, `README: ${code}`).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
      expect(help, `help: ${code}`).toMatch(new RegExp(`^ {2}${code} +\\S`, 'm'));
    }
  });

  it('2 for usage: an unknown command, an unknown option, a bad option value', () => {
    expect(cli(['bogus'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^banmian: unknown command "bogus"/) });
    expect(cli(['check', '--bogus'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^banmian check: Unknown option '--bogus'/) });
    expect(cli(['grid', 'a.yaml', 'b.yaml']).status).toBe(2);
  });

  it('1 for errors in the input; 70 only for a bug (here one injected into the file system)', () => {
    expect(cli(['check', join(scratch, 'nowhere.yaml')])).toMatchObject({ status: 1, stderr: expect.stringMatching(/error MISSING_FILE/) });
    // a preloaded module makes existsSync throw an ordinary Error, as a bug in banmian would
    const preload = join(scratch, 'bug.cjs');
    writeFileSync(preload, `const fs = require('node:fs'); const real = fs.existsSync;
fs.existsSync = (p) => { if (String(p).includes('INJECTED-BUG')) throw new TypeError('injected'); return real(p); };
require('node:module').syncBuiltinESMExports();\n`);
    const r = cli(['check', join(scratch, 'INJECTED-BUG.yaml')], { preload });
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/^banmian: internal error: injected\n {2}please report this/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('colour', () => {
  const p = sampleProject();
  p.edit('layouts/sample/p02.yaml', (s) => s.replace('col: 1, cols: 3, line: 1,', 'col: 1, colz: 3, line: 1,'));
  const check = (env: Record<string, string>) => cli(['check', p.edition], { env, cwd: p.dir }).stderr;

  it('none when the output is not a terminal (a pipe here), or with NO_COLOR even when forced', () => {
    expect(check({})).toMatch(/error UNKNOWN_KEY/);
    expect(check({})).not.toMatch(/\x1b\[/);
    expect(check({ FORCE_COLOR: '1', NO_COLOR: '1' })).not.toMatch(/\x1b\[/);
  });

  it('the severity and code stand out when colour is on (FORCE_COLOR stands for a terminal)', () => {
    expect(check({ FORCE_COLOR: '1' })).toMatch(/\x1b\[1;31merror UNKNOWN_KEY\x1b\[0m: unknown key "colz"/);
  });
});

describe('page lines of an edition that did not load or was not written', () => {
  it('an edition that did not load: "not laid out", no page lines', () => {
    const p = sampleProject();
    p.edit('layouts/threads/p02.yaml', (s) => s.replace('number: 2', 'number: two'));
    const r = cli(['build', p.path('layouts/threads/edition.yaml'), '--out', join(scratch, 'o1'), '--no-preflight'], { cwd: p.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('layouts/threads/edition.yaml: not laid out (1 error above); nothing written\n');
  });

  it('an article that did not load: its error once, and the other pages say their errors are elsewhere', () => {
    const p = sampleProject();
    p.edit('content/sample/finance.md', (s) => s.replace(/^title:/m, 'titel:'));
    const r = cli(['build', p.path('layouts/threads/edition.yaml'), '--out', join(scratch, 'o2'), '--no-preflight'], { cwd: p.dir });
    expect(r.status).toBe(1);
    expect(r.stderr.match(/error UNKNOWN_KEY/g)).toHaveLength(1); // finance runs over two pages: read once
    for (const n of [1, 2, 3]) expect(r.stdout).toMatch(new RegExp(`^p0${n} .* 0 errors .*→ not written \\(1 error elsewhere in the edition, above\\)$`, 'm'));
  });
});
