/**
 * bin/banmian.js runs the precompiled CLI (bin/bundle.js) with V8's code cache: it must behave as
 * the sources do, and be made again when it is older than what it is made from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../project.ts';

const BUNDLE = join(ROOT, 'node_modules/.cache/banmian/cli.cjs');
const out = mkdtempSync(join(tmpdir(), 'banmian-precompiled-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...env } });

describe('the precompiled CLI', () => {
  it('writes the same PDF as the sources run through tsx', () => {
    cli(['build', '--no-preflight', '--out', join(out, 'precompiled')]);
    cli(['build', '--no-preflight', '--out', join(out, 'sources')], { BANMIAN_DEBUG: '1' });
    const a = readFileSync(join(out, 'precompiled/p02.pdf')), b = readFileSync(join(out, 'sources/p02.pdf'));
    expect(a.length).toBeGreaterThan(100_000);
    expect(a.equals(b)).toBe(true);
  });

  it('is made again when a source is newer than it', () => {
    const help = cli(['--help']);
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(BUNDLE, old, old);
    expect(cli(['--help'])).toBe(help);
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
  });
});
