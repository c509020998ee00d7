/**
 * Every edition under layouts/ with a snapshots/ folder must match its committed snapshots: a
 * change in composition fails here with the readable layout diff and a diff picture under
 * out/snapshots/<edition>/. Accept an intended change with `npx banmian snapshot --update`.
 */
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutTarget, snapshotSubject } from '../../src/build.ts';
import { editionsWithSnapshots, formatSnapshot, snapshotEdition, type EditionSnapshot } from '../../src/snapshot/edition.ts';

const ROOT = join(import.meta.dirname, '../..');
const editions = editionsWithSnapshots(join(ROOT, 'layouts'));
const nameOf = (file: string) => basename(dirname(file));

it('the sample edition keeps snapshots', () => {
  expect(editions.map(nameOf)).toContain('sample');
});

describe.each(editions.map((file) => ({ file, name: nameOf(file) })))('$name edition', ({ file, name }) => {
  let s: EditionSnapshot;
  beforeAll(async () => {
    s = await snapshotEdition(snapshotSubject(layoutTarget(file)), { update: false, outDir: join(ROOT, 'out/snapshots', name), prune: true });
  });
  it('every page matches its layout dump and its picture', () => {
    if (s.pages.some((p) => p.layout !== 'same' || p.pixels !== 'same')) {
      expect.fail(`${formatSnapshot(s, ROOT)}\naccept the new state with: npx banmian snapshot --update`);
    }
  });
  it('keeps no snapshot of a page the edition no longer has', () => {
    expect(s.orphans).toEqual([]);
  });
});
