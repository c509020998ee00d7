/**
 * Making up is fast because a story is measured, not built: a trial setting makes no cut plans
 * (cuts.ts sets the story again for each), copyfitting's settings in a number of lines are kept
 * (each trial depth asks for them again), and the cut plans come back only for MAKEUP_NO_FIT.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStory } from '../../src/content/story.ts';
import { loadFontRegistry } from '../../src/fonts/registry.ts';
import { pageGrid } from '../../src/layout/geometry.ts';
import { bodyRows, cutsFor, setIn, type Measurer } from '../../src/makeup/measure.ts';
import { loadHouse } from '../../src/manifest/load.ts';
import { composeParagraphInLines } from '../../src/text/compose.ts';

const ROOT = join(import.meta.dirname, '../..');
const house = loadHouse(join(ROOT, 'layouts/house.yaml'));
const fonts = loadFontRegistry(house.fontsFile);
const m: Measurer = { g: pageGrid(house, fonts.face(house.body.family, house.body.weight).ascent), house, fonts };
const story = loadStory('glass', join(ROOT, 'content/sample/glass.md'));

describe('measuring a story for makeup', () => {
  it('sets it as a build does, and a block it is over gets its cut plan only when asked (cutsFor), one that fits it', () => {
    const rows = bodyRows(m, story).rows;
    const cols = 2, depth = Math.ceil(rows / cols) - 4; // about 8 lines over
    expect(setIn(m, story, cols, depth, { block: 0, offset: 0 }, undefined).overflow).toBeGreaterThan(0);
    const cuts = cutsFor(m, story, cols, depth)!;
    expect(cuts.length).toBeGreaterThan(0);
    for (const c of cuts) expect(c.chars).toBeGreaterThan(0);
    // a block it fits asks for no cut
    expect(cutsFor(m, story, cols, Math.ceil(rows / cols) + 1)).toEqual([]);
  });

  it('keeps copyfitting\'s setting of a paragraph in a number of lines: the second ask is the same setting, not set again', () => {
    const run = [{ text: '美丽乡村片区建设采取“专家评审、现场答辩”模式，以竞争性立项的方式确定名单。2021年以来，全市各地坚持“整体推进、分类指导、重点带动、连片示范”的思路。', face: fonts.face('song', 400), size: 9 }];
    const o = { measure: 13 * 9, em: 9, indent: 2 };
    const a = composeParagraphInLines(run, o, 6), b = composeParagraphInLines(run, o, 6);
    expect(Array.isArray(a)).toBe(true);
    expect(b).toBe(a);
  });
});
