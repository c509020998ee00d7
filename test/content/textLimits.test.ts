/** Headline lines, the dateline and subheads are refused past a generous length, at their values. */
import { describe, expect, it } from 'vitest';
import { parseStory } from '../../src/content/story.ts';
import { LABEL_MAX } from '../../src/manifest/limits.ts';
import { thrownDiagnostics } from '../project.ts';

const long = '标'.repeat(300_000);
const at = (text: string) => thrownDiagnostics(() => parseStory('x', 'x.md', text)).filter((d) => d.code === 'TEXT_TOO_LONG');

describe('TEXT_TOO_LONG in an article', () => {
  it.each([
    ['a title', `---\ntitle: ${long}\n---\n正文。\n`, 2, 8],
    ['a line of a title list', `---\ntitle: [短题, ${long}]\n---\n正文。\n`, 2, 13],
    ['a | line of a deck', `---\ndeck: 短|${long}\n---\n正文。\n`, 2, 7],
    ['a dateline', `---\ndateline: ${long}\n---\n正文。\n`, 2, 11],
    ['a subhead', `---\ntitle: 题\n---\n正文。\n\n## ${long}\n\n正文。\n`, 6, 1],
  ])('%s: the length and the limit at the value', (_, text, line, col) => {
    const [d, ...more] = at(text);
    expect(more).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', file: 'x.md', line, col });
    expect(d!.message).toContain('300,000 characters');
    expect(d!.message).toContain(String(LABEL_MAX));
    expect(d!.hint).toMatch(/body/);
  });

  it('lines of the limit are accepted', () => {
    const s = parseStory('x', 'x.md', `---\ntitle: ${'标'.repeat(LABEL_MAX)}|第二行\n---\n正文。\n\n## ${'小'.repeat(LABEL_MAX)}\n\n正文。\n`);
    expect(s.title).toHaveLength(2);
  });

  it('an empty front matter has nothing too long', () => {
    expect(parseStory('x', 'x.md', '---\n\n---\n正文。\n').blocks).toHaveLength(1);
  });
});
