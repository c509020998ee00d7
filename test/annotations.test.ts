/** The reader of expected-diagnostic annotations in fixtures (test/annotations.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotations } from './annotations.ts';

describe('fixture annotations', () => {
  it('point at the line above them: a caret at its column, @N at column N, in YAML and in Markdown', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'banmian-annot-')), 'a.md');
    writeFileSync(file, ['title: x', '#     ^ error BAD_VALUE', '#  ^ warning OTHER', '', '第一段，有一个字。', '<!-- @4 warning MISSING_GLYPH -->', ''].join('\n'));
    expect(annotations(file)).toEqual([
      { file, line: 1, col: 7, severity: 'error', code: 'BAD_VALUE' },
      { file, line: 1, col: 4, severity: 'warning', code: 'OTHER' },
      { file, line: 5, col: 4, severity: 'warning', code: 'MISSING_GLYPH' },
    ]);
  });
});
