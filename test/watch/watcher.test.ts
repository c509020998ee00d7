/** The folder watcher: a burst of saves is one change set of the relevant files, in subfolders too when asked. */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FolderWatcher } from '../../src/watch/watcher.ts';

let cleanup: (() => void)[] = [];
afterEach(() => { for (const f of cleanup) f(); cleanup = []; });

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-watch-'));
  mkdirSync(join(dir, 'photos'));
  const calls: Set<string>[] = [];
  const w = new FolderWatcher((f) => /\.(md|yaml|jpg)$/.test(f), (files) => calls.push(files), 50);
  cleanup.push(() => { w.close(); rmSync(dir, { recursive: true, force: true }); });
  return { dir, calls, w };
}

const until = async (ok: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('timed out');
};

it('hands over a burst of saves as one set of the relevant files', async () => {
  const { dir, calls, w } = setup();
  w.add([{ dir, recursive: true }]);
  writeFileSync(join(dir, 'a.md'), 'one');
  writeFileSync(join(dir, 'p02.yaml'), 'number: 2\n');
  writeFileSync(join(dir, 'photos', 'site.jpg'), 'jpeg');
  writeFileSync(join(dir, 'notes.txt'), 'not ours');
  // an editor saving by rename
  writeFileSync(join(dir, '.b.md.swp'), 'two');
  renameSync(join(dir, '.b.md.swp'), join(dir, 'b.md'));
  await until(() => calls.length > 0);
  await new Promise((r) => setTimeout(r, 200));
  expect(calls).toHaveLength(1);
  expect([...calls[0]!].sort()).toEqual(['a.md', 'b.md', 'p02.yaml', 'photos/site.jpg'].map((f) => join(dir, f)));
});

it('sees nothing in subfolders of a folder watched on its own, and nothing after close', async () => {
  const { dir, calls, w } = setup();
  w.add([{ dir, recursive: false }]);
  writeFileSync(join(dir, 'photos', 'site.jpg'), 'jpeg');
  writeFileSync(join(dir, 'a.md'), 'one');
  await until(() => calls.length > 0);
  expect([...calls[0]!]).toEqual([join(dir, 'a.md')]);
  w.close();
  writeFileSync(join(dir, 'a.md'), 'two');
  await new Promise((r) => setTimeout(r, 200));
  expect(calls).toHaveLength(1);
});

it('watches nothing once closed, even when asked again (a rebuild that ends after close)', async () => {
  const { dir, calls, w } = setup();
  w.close();
  w.add([{ dir, recursive: true }]);
  writeFileSync(join(dir, 'a.md'), 'one');
  await new Promise((r) => setTimeout(r, 200));
  expect(calls).toHaveLength(0);
});
