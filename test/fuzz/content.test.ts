/**
 * Fuzzing the article loader and the copy lint with hostile text and bytes: random Unicode,
 * emoji, combining marks, RTL, lone surrogates, control characters, NUL, very long paragraphs,
 * BOM, CRLF, broken front matter, bytes that are not UTF-8.
 */
import { describe, expect, it } from 'vitest';
import { loadStory, parseStory } from '../../src/content/story.ts';
import { fixCopy, lintCopy } from '../../src/content/lint.ts';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { articleBytes, articleText, scratch, survives } from './hostile.ts';

const FILE = '/fuzz/article.md';

describe('fuzz: articles', () => {
  it('parseStory returns a story or diagnostics, never anything else', async () => {
    const n = await survives('parseStory', articleText, (t) => {
      const s = parseStory('x', FILE, t);
      for (const b of s.blocks) expect(b.kind === 'paragraph' ? typeof b.text : b.lines.every((l) => typeof l === 'string')).toBeTruthy();
    }, { quick: 300, long: 10000, ms: 3000 }, 1);
    expect(n).toBeGreaterThan(0);
  });

  it('loadStory reads any bytes: a story or diagnostics', async () => {
    const p = scratch();
    await survives('loadStory bytes', articleBytes, (b) => loadStory('x', p.write('content/ed/x.md', b)), { quick: 150, long: 5000, ms: 3000 }, 2);
  });

  it('the copy lint never throws; its fixes keep the lines, settle, and never break an article', async () => {
    await survives('lint and fix', articleText, (t) => {
      let fixedText: string;
      try {
        const lines = t.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        for (const f of lintCopy(FILE, t)) {
          const d = f.diagnostic;
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeLessThanOrEqual(lines[d.line! - 1]!.length + 1);
        }
        const r = fixCopy(FILE, t);
        fixedText = r.text;
        expect(fixedText.split(/\r\n|\r|\n/).length).toBe(t.split(/\r\n|\r|\n/).length);
        expect(fixCopy(FILE, fixedText).text).toBe(fixedText);
      } catch (e) {
        throw e instanceof DiagnosticError ? new Error(`lint threw ${e.message}`) : e;
      }
      // an article that loads still loads after --fix
      let loads = true;
      try { parseStory('x', FILE, t); } catch { loads = false; }
      if (loads) {
        try {
          parseStory('x', FILE, fixedText);
        } catch (e) {
          throw new Error(`--fix broke an article: ${(e as Error).message}`);
        }
      }
    }, { quick: 100, long: 5000, ms: 3000 }, 3);
  });
});
