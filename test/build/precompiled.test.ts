/**
 * bin/banmian.js runs the precompiled CLI (bin/bundle.js) with V8's code cache: it must behave as
 * the sources do, and be made again when it is older than what it is made from.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTICLE_CHARS, pageParagraphs, writeArticle } from '../../scripts/bench-fixtures.ts';
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

  it('keeps the code cache of a build, not of a first run that did little', () => {
    const caches = () => readdirSync(join(ROOT, 'node_modules/.cache/banmian')).filter((f) => /^cli\.build\..*\.v8$/.test(f)).map((f) => join(ROOT, 'node_modules/.cache/banmian', f));
    cli(['--help']); // the bundle made, if need be
    for (const f of caches()) rmSync(f);
    cli(['build', '--help']);
    const small = statSync(caches()[0]!).size;
    cli(['build', '--no-preflight', '--out', join(out, 'cache')]);
    const [cache] = caches();
    const { size, mtimeMs } = statSync(cache!);
    expect(size).toBeGreaterThan(small * 1.2); // made again: the layout and the PDF writer compiled too
    cli(['build', '--no-preflight', '--out', join(out, 'cache')]);
    expect(statSync(cache!).mtimeMs).toBe(mtimeMs); // and then kept
  });

  it('starts a build without the modules it does not need', () => {
    // a page without photos, not preflighted: no web server, no image or raster addons
    const page = writeArticle(out, pageParagraphs(7, ARTICLE_CHARS));
    const hook = join(out, 'loaded.cjs');
    writeFileSync(hook, `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify([...process.moduleLoadList, ...Object.keys(require.cache)]) + '\\n'));`);
    const run = () => spawnSync(process.execPath, ['-r', hook, join(ROOT, 'bin/banmian.js'), 'build', page, '--no-preflight', '--out', join(out, 'article')], { cwd: ROOT, encoding: 'utf8' });
    run(); // the bundle made, if need be (esbuild is a module too)
    const r = run();
    expect(r.status).toBe(0);
    const loaded = JSON.parse(/\nLOADED (.*)\n/.exec(r.stderr)![1]!) as string[];
    expect(loaded).toContain('NativeModule zlib'); // the list is there
    expect(loaded.filter((m) => /^NativeModule (http|https|net\/|child_process)|node_modules\/(sharp|@napi-rs|pdfjs-dist|esbuild)\//.test(m))).toEqual([]);
  });

  it('is dated when it was begun, so a source saved while it was being made is newer than it', () => {
    const before = Date.now();
    execFileSync(process.execPath, [join(ROOT, 'bin/bundle.js')], { cwd: ROOT });
    const after = Date.now(), made = statSync(BUNDLE).mtimeMs;
    expect(made).toBeGreaterThanOrEqual(before - 5); // (file times may be coarser than Date.now)
    expect(made - before).toBeLessThan((after - before) / 2); // dated at the start of the work, not when written
  });

  it('is made again when a source is newer than it', () => {
    const help = cli(['--help']);
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(BUNDLE, old, old);
    expect(cli(['--help'])).toBe(help);
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
  });
});
