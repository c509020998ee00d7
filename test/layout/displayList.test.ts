/**
 * The display list carries what the later stages need, so that none of them looks at the
 * manifests: each line its paint and where its first character is, each page its section,
 * each block its copyfit result and where its story stopped.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget } from '../../src/build.ts';
import type { TextLine } from '../../src/layout/types.ts';
import { ROOT } from '../project.ts';

const layout = layoutTarget(join(ROOT, 'layouts/threads/edition.yaml'));
const lines = (p = layout.pages): TextLine[] => p.flatMap((pg) => [
  ...pg.blocks.flatMap((b) => [...b.headline, ...b.frames.flatMap((f) => f.lines)]),
  ...pg.furniture.flatMap((f) => (f.kind === 'text' ? f.lines : [])),
]);

describe('the display list', () => {
  it('paints every line in its style\'s colour: the masthead red, body text 100% K', () => {
    expect(lines().every((l) => l.paint)).toBe(true);
    const p1 = layout.pages[0]!;
    const name = p1.furniture.flatMap((f) => (f.kind === 'text' && f.id === 'masthead' ? f.lines : [])).find((l) => l.role === 'masthead')!;
    expect(name.paint).toEqual({ cmyk: [0, 100, 100, 0] });
    expect(new Set(lines().filter((l) => l.role === 'body').map((l) => JSON.stringify(l.paint)))).toEqual(new Set([JSON.stringify({ cmyk: [0, 0, 0, 100] })]));
  });

  it('gives each body line the place of its first character in the article', () => {
    const block = layout.pages[0]!.blocks.find((b) => b.id === 'finance')!;
    const para = block.frames[0]!.lines.filter((l) => l.role === 'body' && l.para === 0);
    // the dateline (from the front matter) takes the first line and a half: those point at the paragraph's start
    expect(para[0]!.at).toMatchObject({ file: expect.stringMatching(/finance\.md$/), col: 1 });
    // later lines start as many characters on as the line before holds (this paragraph is written on one source line)
    const [a, b] = [para[3]!, para[4]!];
    expect(b.at!.line).toBe(a.at!.line);
    expect(b.at!.col! - a.at!.col!).toBe([...a.text].length);
  });

  it('carries each page\'s section, each block\'s copyfit result and where a continued story stopped', () => {
    expect(layout.pages.map((p) => p.section)).toEqual(layout.edition.pages.map((p) => p.section));
    const fitted = layout.pages.flatMap((p) => p.blocks).filter((b) => b.copyfit);
    const notes = layout.diagnostics.filter((d) => d.code === 'COPYFIT');
    expect(fitted.map((b) => b.id)).toEqual(notes.map((d) => d.block));
    for (const b of fitted) expect(notes.find((d) => d.block === b.id)!.message).toContain(b.copyfit!.changed);
    const finance = layout.pages[0]!.blocks.find((b) => b.id === 'finance')!;
    expect(finance.stop).toMatchObject({ block: expect.any(Number), offset: expect.any(Number) });
    expect(layout.pages[2]!.blocks.find((b) => b.id === 'jinan')!.stop).toBeUndefined(); // no later part
  });
});
