/** out/.cache: a write cut short by a crash leaves a temporary file that a later build removes. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'banmian-cache-'));
const home = process.cwd();
afterAll(() => {
  process.chdir(home);
  rmSync(dir, { recursive: true, force: true });
});

it('removes the temporary files of dead writers, and leaves a live one alone', async () => {
  process.chdir(dir); // the cache lives in out/.cache of the working folder
  const { cacheRead, cacheWrite } = await import('../../src/cache.ts');
  const photos = join(dir, 'out/.cache/photos');
  mkdirSync(photos, { recursive: true });
  const dead = 2 ** 22 + 12345; // above Linux's largest process id: never running
  writeFileSync(join(photos, `a.jpg.${dead}.tmp`), 'half a photo');
  writeFileSync(join(photos, `b.jpg.${process.ppid}.tmp`), 'being written by a live process');
  cacheWrite('photos', 'c.jpg', Buffer.from('whole'));
  expect(readdirSync(photos).sort()).toEqual(['b.jpg.' + process.ppid + '.tmp', 'c.jpg']);
  expect(cacheRead('photos', 'c.jpg')?.toString()).toBe('whole');
  expect(existsSync(join(photos, `a.jpg.${dead}.tmp`))).toBe(false);
});
