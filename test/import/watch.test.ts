/** `banmian watch` picks up a Word file saved into the content folder: imported beside itself, never over an article. */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ImportResult } from '../../src/import/import.ts';
import { startWatch } from '../../src/watch/watch.ts';
import { EDITION, HOUSE, ROOT, scratch } from '../fuzz/hostile.ts';

/** A one-page edition of one small story, so the first build takes a moment. */
function project() {
  const p = scratch();
  p.write('layouts/house.yaml', stringify(HOUSE));
  p.write('layouts/ed/edition.yaml', stringify(EDITION));
  p.write('layouts/ed/p01.yaml', stringify({ number: 1, blocks: [{ id: 'a', story: 'a', col: 1, cols: 4, line: 1, lines: 26 }] }));
  p.write('content/ed/a.md', '---\ntitle: 标题\n---\n正文。\n');
  return { dir: p.dir, edition: join(p.dir, 'layouts/ed/edition.yaml'), path: (rel: string) => join(p.dir, rel) };
}

const until = async (ok: () => boolean, ms = 20000) => {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('timed out');
};

it('imports a .docx dropped into the content folder as an article, and leaves an existing one alone', async () => {
  const p = project();
  const imports: [string, ImportResult][] = [];
  let builds = 0;
  const w = await startWatch({ target: p.edition, port: 0, out: p.path('out'), onRebuild: () => { builds++; }, onImport: (f, r) => imports.push([f, r]) });
  try {
    await until(() => builds > 0);
    writeFileSync(p.path('content/ed/~$jinrong.docx'), 'Word\'s lock file'); // not a document
    copyFileSync(join(ROOT, 'test/fixtures/import/jinrong.docx'), p.path('content/ed/jinrong.docx'));
    await until(() => imports.length > 0);
    expect(imports.map(([f, r]) => [f, r.out])).toEqual([[p.path('content/ed/jinrong.docx'), p.path('content/ed/jinrong.md')]]);
    expect(readFileSync(p.path('content/ed/jinrong.md'), 'utf8')).toMatch(/^---\nkicker: 我市安排部署当前金融重点工作\ntitle: 抓紧建立支持小微企业融资协调工作机制\n/);
    // a Word file named like an article there: not imported over it
    copyFileSync(join(ROOT, 'test/fixtures/import/jinrong.docx'), p.path('content/ed/a.docx'));
    await until(() => imports.some(([f]) => f.endsWith('/a.docx')));
    expect(imports.filter(([f]) => f.endsWith('/a.docx')).map(([, r]) => [r.out, r.diagnostics.map((d) => d.code)])).toEqual([[undefined, ['IMPORT_EXISTS']]]);
    expect(readFileSync(p.path('content/ed/a.md'), 'utf8')).toBe('---\ntitle: 标题\n---\n正文。\n');
    expect(existsSync(p.path('content/ed/~$jinrong.md'))).toBe(false);
  } finally {
    await w.stop();
    rmSync(p.dir, { recursive: true, force: true });
  }
});
