/** `banmian build`'s options: a value out of range is a usage error (exit 2) before anything is built. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../project.ts';

const out = mkdtempSync(join(tmpdir(), 'banmian-options-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('build --jobs', () => {
  it.each(['abc', '0', '100000', '2.5', '-1', '', '1e1'])('--jobs %j is a usage error naming the allowed range', (value) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'build', `--jobs=${value}`, '--out', join(out, 'x'), '--no-preflight'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`banmian build: --jobs is a whole number from 1 to 64, not "${value}"\n`);
    expect(existsSync(join(out, 'x'))).toBe(false);
  });
});
