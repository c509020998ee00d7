/**
 * The house style's print: section and style colours: printer-ready defaults, every key read,
 * and each mistake a diagnostic at its file:line:col with a hint.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.ts';
import { loadHouse } from '../../src/manifest/load.ts';
import { lineOf, thrownDiagnostics } from '../project.ts';
import { ROOT } from './fixture.ts';

const HOUSE = readFileSync(join(ROOT, 'layouts/house.yaml'), 'utf8').replace(/^print:[\s\S]*?(?=^\S|$(?![\s\S]))/m, '');

/** The real house style without its print: section, plus `extra` YAML; returns the file. */
function house(extra: string, edit: (s: string) => string = (s) => s): string {
  const file = join(mkdtempSync(join(tmpdir(), 'banmian-house-')), 'house.yaml');
  writeFileSync(file, edit(HOUSE) + extra);
  return file;
}

const errors = (file: string): Diagnostic[] => thrownDiagnostics(() => loadHouse(file));

describe('house print settings', () => {
  it('default to a printer-ready file: CMYK, marks, no colour bar, PDF/X-1a for newsprint', () => {
    expect(loadHouse(house('')).print).toEqual({ colour: 'cmyk', marks: true, colourBars: false, outputIntent: 'IFRA26', spot: {} });
  });

  it('reads every key, and spot colours for styles', () => {
    const h = loadHouse(house(
      'print:\n  colour: gray\n  marks: false\n  colour-bars: true\n  output-intent: none\n  spot: { 报红: [0, 100, 100, 0] }\n',
      (s) => s.replace(/title:\s*\{/, 'title: { colour: 报红 60%,').replace(/kicker:\s*\{/, 'kicker: { colour: [0, 0, 0, 80],'),
    ));
    expect(h.print).toEqual({ colour: 'gray', marks: false, colourBars: true, outputIntent: undefined, spot: { 报红: [0, 100, 100, 0] } });
    expect(h.styles.title!.colour).toEqual({ spot: '报红', tint: 60 });
    expect(h.styles.kicker!.colour).toEqual({ cmyk: [0, 0, 0, 80] });
    expect(h.body.colour).toBeUndefined(); // 100% K
  });

  it('a misspelt print key is an error at the key, with the right one suggested', () => {
    const f = house('print:\n  colur: gray\n');
    expect(errors(f)).toEqual([expect.objectContaining({ code: 'UNKNOWN_KEY', line: lineOf(f, 'colur'), col: 3, hint: 'did you mean "colour"? allowed here: colour, marks, colour-bars, output-intent, spot' })]);
  });

  it('a colour mode other than cmyk or gray, and a CMYK value over 100, are errors at the value', () => {
    const f = house('print:\n  colour: rgb\n  spot: { 报红: [0, 120, 100, 0] }\n');
    const ds = errors(f);
    expect(ds.map((d) => [d.code, d.line])).toEqual([['BAD_VALUE', lineOf(f, 'rgb')], ['BAD_VALUE', lineOf(f, '120')]]);
    expect(ds[1]!.message).toMatch(/percentage, 0 to 100/);
  });

  it('a style naming an ink that print.spot does not define is an error at the style, naming the inks there are', () => {
    const f = house('print:\n  spot: { 报红: [0, 100, 100, 0] }\n', (s) => s.replace(/title:\s*\{/, 'title: { colour: 专红,'));
    expect(errors(f)).toEqual([expect.objectContaining({
      code: 'UNKNOWN_INK', line: lineOf(f, '专红'), message: expect.stringContaining('"专红" is not a spot ink'), hint: expect.stringContaining('spot inks: 报红'),
    })]);
  });

  it('PDF reserves All and None: they are not spot ink names', () => {
    const f = house('print:\n  spot: { All: [0, 0, 0, 100] }\n');
    expect(errors(f)).toEqual([expect.objectContaining({ code: 'BAD_VALUE', line: lineOf(f, 'All:'), message: expect.stringContaining('All and None are not ink names') })]);
  });
});
