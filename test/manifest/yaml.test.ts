/**
 * YAML as people and tools write it: CR-only line ends, keys given twice, values of the wrong
 * kind (each with a hint), and hostile files within the size limit — deep nesting, thousands of
 * keys or aliases — that must take bounded time and never take the process down.
 */
import { describe, expect, it } from 'vitest';
import { parseStory } from '../../src/content/story.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { parseYaml, schemaDiagnostics, yamlData } from '../../src/manifest/yamlSource.ts';
import { PageSchema } from '../../src/manifest/schema.ts';
import { lineOf, sampleProject, thrownDiagnostics } from '../project.ts';

const P02 = 'layouts/sample/p02.yaml';

describe('line ends', () => {
  it('CR alone (old Mac files) reads as LF does, and errors point at the same line and column', () => {
    const p = sampleProject();
    const plain = loadTarget(p.edition);
    for (const f of [P02, 'layouts/sample/edition.yaml', 'layouts/house.yaml']) p.edit(f, (s) => s.replace(/\n/g, '\r'));
    expect(loadTarget(p.edition)).toEqual(plain);
    p.edit(P02, (s) => s.replace('cols: 3, line: 1,', 'cols: 0, line: 1,'));
    const line = p.path(P02);
    const [d] = thrownDiagnostics(() => loadTarget(p.edition));
    const lf = sampleProject();
    lf.edit(P02, (s) => s.replace('cols: 3, line: 1,', 'cols: 0, line: 1,'));
    expect(d).toMatchObject({ ...thrownDiagnostics(() => loadTarget(lf.edition))[0], file: line });
  });
});

describe('keys given twice', () => {
  it('names the key and where it was first, with a hint', () => {
    const r = parseYaml('/x.yaml', 'number: 2\nsection: 要闻\nblocks: []\nsection: 经济\n');
    expect(r.diagnostics).toEqual([{ severity: 'error', code: 'YAML_SYNTAX', message: 'key "section" is given twice in one mapping (first on line 2)', file: '/x.yaml', line: 4, col: 1, hint: expect.stringMatching(/keep one of them/) }]);
    // keys in different mappings are no duplicates
    expect(parseYaml('/x.yaml', 'a: { id: 1 }\nb: { id: 1 }\n').diagnostics).toEqual([]);
  });

  it('30,000 keys are checked in linear time (the parser compared each with all before it: 9 s)', () => {
    const text = `${Array.from({ length: 30000 }, (_, i) => `k${i}: v`).join('\n')}\nk0: w\n`;
    const t0 = performance.now();
    expect(parseYaml('/x.yaml', text).diagnostics).toMatchObject([{ line: 30001, message: expect.stringMatching(/"k0" is given twice .*first on line 1/) }]);
    expect(performance.now() - t0).toBeLessThan(4000);
  });
});

describe('values of the wrong kind have a hint', () => {
  it.each([
    ['cols: 3, line: 1,', 'cols: 0, line: 1,', /cols is how many grid columns/],
    ['fit: auto, col: 1, cols: 3, line: 1,', 'fit: yes, col: 1, cols: 3, line: 1,', /fit: auto lets copyfitting/],
    ['id: finance,', 'id: fin ance,', /ASCII letters, digits, - and _ only: fin-ance/],
    ['caption-place: right', 'caption-place: top', /write one of the words listed, spelled as shown: caption-place: below/],
    ['title: { size: 二号 }', 'title: { size: 12px }', /a length is a number and its unit/],
  ])('%s → %s', (from, to, hint) => {
    const p = sampleProject();
    p.edit(P02, (s) => s.replace(from, to));
    expect(thrownDiagnostics(() => loadTarget(p.edition))).toMatchObject([{ code: 'BAD_VALUE', line: lineOf(p.path(P02), to), hint: expect.stringMatching(hint) }]);
  });

  it('a near miss of an allowed word: did you mean', () => {
    const p = sampleProject();
    p.edit('layouts/house.yaml', (s) => s.replace(/^composition:\n/m, 'composition:\n  punctuation: 全角\n'));
    expect(thrownDiagnostics(() => loadTarget(p.edition))).toMatchObject([{ code: 'BAD_VALUE', hint: 'did you mean "全角式"?' }]);
  });

  it('thousands of wrong keys: the first 50 and a count, found in linear time', () => {
    const text = `number: 2\nblocks: []\n${Array.from({ length: 20000 }, (_, i) => `x${i}: 1`).join('\n')}\n`;
    const src = parseYaml('/p.yaml', text).src!;
    const r = PageSchema.safeParse(yamlData(src).data);
    const t0 = performance.now();
    const ds = schemaDiagnostics(src, r.error!, 'page', PageSchema);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(ds).toHaveLength(51);
    expect(ds[50]).toMatchObject({ code: 'UNKNOWN_KEY', message: '19950 more problems of the page like these are not listed' });
  });
});

describe('hostile YAML within the size limit', () => {
  it.each([
    ['flow brackets', '['.repeat(500000) + ']'.repeat(500000)],
    ['block indentation', Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
    ['sequences on one line', `${'- '.repeat(100000)}a`],
  ])('nested %s: "nested too deeply", at once and every time (a stack overflow in the parser could end the process)', (_, text) => {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      expect(parseYaml('/x.yaml', text).diagnostics).toMatchObject([{ code: 'YAML_SYNTAX', message: 'the YAML is nested too deeply to read' }]);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
    expect(parseYaml('/x.yaml', 'a: [[[[1]]]]\nb: "[[[[[[ in quotes"\n').diagnostics).toEqual([]);
  });

  it('more than 100 aliases: refused before they are resolved (4,000 chained took 26 s)', () => {
    const text = Array.from({ length: 4000 }, (_, i) => `k${i}: &a${i} [*a${Math.max(0, i - 1)}]`).join('\n');
    const t0 = performance.now();
    expect(yamlData(parseYaml('/x.yaml', text).src!).diagnostics).toMatchObject([{ code: 'YAML_ALIAS', line: 101 }]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('front matter over 1 MB: FILE_TOO_LARGE rather than seconds of parsing', () => {
    const raw = `---\ntitle: 标题\n${Array.from({ length: 90000 }, (_, i) => `k${i}: 0123456789`).join('\n')}\n---\n正文。\n`;
    expect(thrownDiagnostics(() => parseStory('x', '/x.md', raw))).toMatchObject([{ code: 'FILE_TOO_LARGE', line: 2 }]);
  });
});
