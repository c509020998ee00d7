/** Labels set on one line are refused past a generous length, at the value, before any setting. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTarget } from '../../src/manifest/load.ts';
import { CAPTION_MAX, LABEL_MAX } from '../../src/manifest/limits.ts';
import { sampleProject, thrownDiagnostics } from '../project.ts';

function load(edit: (p02: string) => string) {
  const p = sampleProject();
  p.edit('layouts/sample/p02.yaml', edit);
  const file = p.edition.replace('edition.yaml', 'p02.yaml');
  return { file, ds: thrownDiagnostics(() => loadTarget(p.edition)) };
}

describe('TEXT_TOO_LONG in a page manifest', () => {
  it.each([
    ['section', (s: string) => s.replace('section: 要闻', `section: ${'要'.repeat(200_000)}`), '要要要', 200_000],
    ['credits', (s: string) => s.replace('责任编辑: 张三', `责任编辑: ${'张'.repeat(LABEL_MAX + 1)}`), '张张张', LABEL_MAX + 1],
    ['caption', (s: string) => s.replace('caption: 重大', `caption: ${'图'.repeat(CAPTION_MAX + 1)}重大`), '图图图', CAPTION_MAX + 1 + 27],
  ])('%s: the length and the limit at the value', (key, edit, needle, length) => {
    const { file, ds } = load(edit);
    const d = ds.find((x) => x.code === 'TEXT_TOO_LONG')!;
    expect(d).toMatchObject({ severity: 'error', file: expect.stringMatching(/p02\.yaml$/) });
    expect(d.message).toContain(`${length.toLocaleString('en')} characters`);
    expect(d.message).toContain(key === 'caption' ? '2,000' : '200');
    expect(d.hint).toBeTruthy();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[d.line! - 1]!.indexOf(needle) + 1).toBe(d.col);
  });

  it('a section of the limit is accepted', () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s.replace('section: 要闻', `section: ${'要'.repeat(LABEL_MAX)}`));
    expect(() => loadTarget(p.edition)).not.toThrow();
  });
});
