/**
 * One rule for where an edition's articles are: the loader reads them from there and
 * `banmian watch` watches the same folder, also for an edition outside layouts/.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentDir, loadTarget } from '../../src/manifest/load.ts';
import { EditionSession } from '../../src/watch/session.ts';
import { sampleProject } from '../project.ts';

describe('the content folder', () => {
  it('is content/<name> for an edition in layouts/<name>, for the loader and the watcher alike', () => {
    const p = sampleProject();
    expect(contentDir(p.edition)).toBe(p.path('content/sample'));
    const s = new EditionSession(p.edition);
    expect(s.dirs()).toContainEqual({ dir: p.path('content/sample'), recursive: true });
  });

  it('is the edition folder itself for an edition elsewhere, and watch watches that folder', () => {
    const p = sampleProject();
    const dir = p.path('paper');
    mkdirSync(dir);
    cpSync(p.path('content/sample'), dir, { recursive: true });
    cpSync(p.path('layouts/sample/p02.yaml'), join(dir, 'p02.yaml'));
    writeFileSync(join(dir, 'edition.yaml'), 'paper: 荆州日报\ndate: 2024-12-06\nhouse: ../layouts/house.yaml\npages: [p02.yaml]\n');
    const ed = loadTarget(join(dir, 'edition.yaml'));
    expect(ed.pages[0]!.blocks[0]!.story.file).toBe(join(dir, 'finance.md'));
    for (const target of [join(dir, 'edition.yaml'), dir, join(dir, 'p02.yaml')]) {
      expect(new EditionSession(target).dirs()).toContainEqual({ dir, recursive: true });
    }
  });
});
