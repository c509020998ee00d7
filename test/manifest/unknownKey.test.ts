/** UNKNOWN_KEY names the nearest key and lists every key allowed at that place (issue 19). */
import { describe, expect, it } from 'vitest';
import { loadTarget } from '../../src/manifest/load.ts';
import { parseStory } from '../../src/content/story.ts';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { sampleProject, thrownDiagnostics } from '../project.ts';

const BLOCK_KEYS = /allowed here: id, story, col, cols, line, lines, .*composition, .*headline, image, box, tint/;

describe('UNKNOWN_KEY', () => {
  it('a key inside box: lists the keys a box takes (the schema allows true or a mapping there)', () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s.replace('col: 1, cols: 3, line: 1,', 'col: 1, cols: 3, box: { style: double }, line: 1,'));
    const [d] = thrownDiagnostics(() => loadTarget(p.edition));
    expect(d).toMatchObject({ code: 'UNKNOWN_KEY', message: expect.stringMatching(/unknown key "style"/), hint: 'allowed here: padding' });
  });

  it('a key with a near miss still gets the suggestion, then the whole list', () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s.replace('col: 1, cols: 3, line: 1,', 'col: 1, colz: 3, line: 1,'));
    const d = thrownDiagnostics(() => loadTarget(p.edition)).find((x) => x.code === 'UNKNOWN_KEY')!;
    expect(d.hint).toMatch(/^did you mean "cols"\? /);
    expect(d.hint).toMatch(BLOCK_KEYS);
  });

  it('a key far from any lists the keys of a block, not only a guess', () => {
    const p = sampleProject();
    p.edit('layouts/sample/p02.yaml', (s) => s.replace('col: 1, cols: 3, line: 1,', 'col: 1, cols: 3, typeface: kai, line: 1,'));
    const d = thrownDiagnostics(() => loadTarget(p.edition)).find((x) => x.code === 'UNKNOWN_KEY')!;
    expect(d.hint).toMatch(BLOCK_KEYS);
    expect(d.hint).not.toMatch(/did you mean/);
  });

  it('in an article\'s front matter: the four fields', () => {
    let ds: unknown[] = [];
    try {
      parseStory('x', '/tmp/x.md', '---\nheadline: 标题\n---\n正文。\n');
    } catch (e) {
      ds = (e as DiagnosticError).diagnostics;
    }
    expect(ds).toMatchObject([{ code: 'UNKNOWN_KEY', hint: expect.stringMatching(/allowed here: kicker, title, deck, dateline/) }]);
  });
});
