/**
 * docs/lint.md lists every rule of the copy lint with its kind and an example, and the examples
 * are true: a keeps-meaning rule's example becomes what the table says, a suggest-only one is
 * reported and left as it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { COPY_RULES, fixCopy, lintCopy } from '../../src/content/lint.ts';

const doc = readFileSync(join(import.meta.dirname, '../../docs/lint.md'), 'utf8');
/** The table's notation: ␣ an ASCII space, ⟨U+200B⟩ the character. */
const text = (s: string) => s.replace(/␣/g, ' ').replace(/⟨U\+([0-9A-F]{4,6})⟩/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (keeps-meaning|suggest-only) \| [^|]+ \| `([^`]+)` \| (?:`([^`]+)`|([^|]+)) \|$/gm)]
  .map((m) => ({ code: m[1]!, kind: m[2]!, before: text(m[3]!), after: m[4] === undefined ? undefined : text(m[4]) }));

it('lists every rule with its kind', () => {
  expect(Object.fromEntries(rows.map((r) => [r.code, r.kind]))).toEqual(COPY_RULES);
});

it.each(rows.map((r) => [r.code, r]))('%s: the example is what the lint does', (_, r) => {
  const file = '/docs/example.md';
  expect(lintCopy(file, r.before).map((f) => f.diagnostic.code)).toContain(r.code);
  const fixed = fixCopy(file, r.before).text;
  expect(fixed).toBe(r.kind === 'keeps-meaning' ? r.after : r.before);
});
