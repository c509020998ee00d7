/**
 * Hostile input for the fuzz tests, and the rule they hold the engine to: whatever the input, the
 * only exception is a DiagnosticError, every case finishes within a time budget, and memory
 * stays bounded. `npm test` runs a few seeded cases; `npm run fuzz` (BANMIAN_FUZZ=1) runs many
 * with fresh seeds and prints the counts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { DiagnosticError } from '../../src/diagnostic.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const FUZZ = process.env.BANMIAN_FUZZ === '1';

export interface Budget {
  quick: number; // cases in npm test, seeded
  long: number; // cases in npm run fuzz
  ms: number; // the most one case may take
}

/**
 * Runs `run` on generated cases. Anything thrown but a DiagnosticError fails the property, and so
 * does a case over its time budget; fast-check shrinks the failure to a small input.
 */
export async function survives<T>(name: string, arb: fc.Arbitrary<T>, run: (x: T) => unknown, b: Budget, seed: number): Promise<number> {
  let cases = 0, refused = 0;
  const s = FUZZ ? (Date.now() ^ seed) >>> 0 : seed;
  await fc.assert(
    fc.asyncProperty(arb, async (x) => {
      cases++;
      const t0 = performance.now();
      try {
        await run(x);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        refused++;
      }
      const ms = performance.now() - t0;
      if (ms > b.ms) throw new Error(`one case took ${ms.toFixed(0)} ms (budget ${b.ms} ms)`);
    }),
    { numRuns: FUZZ ? b.long : b.quick, seed: s, endOnFailure: true },
  );
  // heap after the run: an alias bomb or a runaway layout would show here
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  if (heapMb > 1500) throw new Error(`${name}: heap at ${heapMb.toFixed(0)} MB after ${cases} cases`);
  if (FUZZ) console.log(`[fuzz] ${name}: ${cases} cases (${cases - refused} went through, ${refused} stopped by diagnostics), seed ${s}, heap ${heapMb.toFixed(0)} MB`);
  return cases;
}

/** Pieces of real copy and of everything that goes wrong with it. */
const PIECES = [
  '中', '国', '荆州', '新闻', '。', '，', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '（', '）', '《', '》', '——', '—', '……', '…', '·', '　', '〇', '々', '𠀀',
  'a', 'Latin', 'COVID-19', ' ', '  ', '\t', '3', '2024', '3.5%', '1,000', '¥', '$', '０', '１２', 'ｶ',
  ',', '.', ';', ':', '?', '!', '(', ')', '"', "'", '-', '--', '|', '/', '~',
  '#', '## ', '### ', '**', '*', '_', '`', '```', '[', ']', '<', '>', '<!--', '&amp;', '\\', '---', '- ', '> ', '1. ', '    code',
  '\n', '\n\n', '\r\n', '\r',
  '😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', 'e\u0301', '\u0301', '\u20dd', '\ufe0f', '\u{e0100}',
  'مرحبا', 'שלום', '\u202e', '\u200f', '\u2066',
  '\u0000', '\u0007', '\u001b[31m', '\u0085', '\u007f', '\u2028', '\ufeff', '\u200b', '\u00ad',
  '\ud800', '\udfff', '\uffff', '\ufffd', '\u{10ffff}',
  ': ', ' #', '&a ', '*a', '!tag ', '%', '@', '{', '}', 'kicker: ', 'title: ', '- [', ']\n',
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  // very long words and paragraphs: one unbreakable unit, or thousands of characters
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('中', 'a', '1', '—', '，', '😀', '中文，', 'word '), fc.integer({ min: 200, max: FUZZ ? 20000 : 1500 })).map(([c, n]) => c.repeat(n)) },
);

/** A YAML value or a raw text line: front matter and manifests as people and tools mangle them. */
const scalarish = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileText, { maxLength: 3 }));

/** An article file: maybe front matter (well-formed YAML or raw lines), paragraphs, BOM, CRLF. */
export const articleText: fc.Arbitrary<string> = fc.record({
  fm: fc.option(fc.oneof(
    fc.dictionary(fc.constantFrom('kicker', 'title', 'deck', 'dateline', 'kickr', 'title：'), scalarish, { maxKeys: 4 }).map((o) => stringify(o)),
    hostileText.map((t) => `${t}\n`),
  )),
  body: fc.array(hostileText, { maxLength: 6 }),
  bom: fc.boolean(),
  crlf: fc.boolean(),
  close: fc.constantFrom('---\n', '---\n', '---\n', '----\n', ''),
}).map(({ fm, body, bom, crlf, close }) => {
  const text = (fm !== null ? `---\n${fm}${close}` : '') + body.join('\n\n');
  return (bom ? '\ufeff' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
});

/** An article as bytes: its UTF-8, or that with bytes changed, or bytes that are no text at all. */
export const articleBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  articleText.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
  fc.tuple(articleText, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 })).map(([t, edits]) => {
    const b = new Uint8Array(Buffer.from(t, 'utf8'));
    for (const [at, v] of edits) if (b.length) b[at % b.length] = v;
    return b;
  }),
  fc.uint8Array({ maxLength: 300 }),
  articleText.map((t) => new Uint8Array(Buffer.from(t, 'utf16le'))),
);

/** A scratch project folder: layouts/<name>/ and content/<name>/, fonts from the real install. */
export function scratch(): { dir: string; write(rel: string, data: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-fuzz-'));
  mkdirSync(join(dir, 'layouts/ed'), { recursive: true });
  mkdirSync(join(dir, 'content/ed'), { recursive: true });
  return {
    dir,
    write(rel, data) {
      const file = join(dir, rel);
      writeFileSync(file, data);
      return file;
    },
  };
}

/** A small page (4 columns of 12 characters, 26 lines) so a pipeline case takes milliseconds. */
export const HOUSE = {
  fonts: join(ROOT, 'fonts/fonts.yaml'),
  page: { size: ['200mm', '150mm'], margins: { top: '10mm', bottom: '10mm', left: '10mm', right: '10mm' }, bleed: '3mm' },
  grid: { columns: 4, chars: 12, gutter: '1zw', body: 'body' },
  styles: {
    body: { font: 'song', size: '小五', pitch: '1.5em' },
    dateline: { font: 'hei' },
    kicker: { font: 'hei', size: '小四', align: 'center' },
    title: { font: 'song', weight: 'bold', size: '三号', align: 'center' },
    deck: { font: 'hei', size: '五号', align: 'center' },
    subhead: { font: 'hei', align: 'center' },
  },
};

export const EDITION = { paper: '测试报', date: '2024-12-06', house: '../house.yaml', pages: ['p01.yaml'] };

export const BLOCKS = [
  { id: 'a', story: 'a', col: 1, cols: 2, line: 1, lines: 14, headline: { lines: 4 } },
  { id: 'b', story: 'b', col: 3, cols: 2, line: 1, lines: 14, columns: 1 },
  { id: 'c', story: 'c', col: 1, cols: 4, line: 15, lines: 12, balance: true },
];

/** Numbers where a count belongs: the sane ones, zero, negatives, huge, fractions and other types. */
export const wildCount: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -2, max: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1e9, 2 ** 31, 1e308, 2.5, '3', '', null, true, 'x', [], {}, Infinity) },
  { weight: 1, arbitrary: fc.double() },
);

/** Lengths: units, 字号, nonsense, zero, negatives, huge. */
export const wildLength: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('小五', '初号', '八号', '9pt', '0pt', '-5pt', '1e6pt', '99999mm', '0.01mm', '3zw', '1.5em', '20Q', 'abc', '', '9 px', 0, -9, 1e300, 0.001),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  hostileText,
);

/** `value` most of the time, sometimes something wild in its place. */
export const mostly = <T>(value: T, wild: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: wild });
