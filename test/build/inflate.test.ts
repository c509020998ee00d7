/**
 * The precompiled CLI inflates the Unicode tables of fontkit, unicode-properties and linebreak
 * with Node's zlib (bin/inflate.cjs in place of tiny-inflate): the tables must come out byte for
 * byte as tiny-inflate makes them, and what zlib refuses must fail as tiny-inflate fails.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../project.ts';

type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const require = createRequire(join(ROOT, 'node_modules/unicode-trie/index.js'));
const tiny = require('tiny-inflate') as Inflate;
const native = (createRequire(import.meta.url)(join(ROOT, 'bin/inflate.cjs')) as (t: Inflate) => Inflate)(tiny);

/** The base64 tables each library hands to `new UnicodeTrie(…)` when it loads. */
function tables(): Buffer[] {
  const out: Buffer[] = [];
  for (const f of ['fontkit/dist/module.mjs', 'unicode-properties/dist/module.mjs', 'linebreak/dist/module.mjs']) {
    for (const m of readFileSync(join(ROOT, 'node_modules', f), 'utf8').matchAll(/\("([A-Za-z0-9+/]{200,}={0,2})"\)/g)) out.push(Buffer.from(m[1]!, 'base64'));
  }
  return out;
}

/** As unicode-trie reads its data: a header, then the trie inflated twice into its full size. */
function trie(data: Buffer, inflate: Inflate): Uint8Array {
  const size = data.readUInt32LE(8);
  return inflate(inflate(data.subarray(12), new Uint8Array(size)), new Uint8Array(size));
}

describe('the inflate of the precompiled CLI', () => {
  it('gives the Unicode tables byte for byte as tiny-inflate does', () => {
    const all = tables();
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const t of all) {
      const a = trie(t, tiny), b = trie(t, native);
      expect(b.byteLength).toBe(a.byteLength);
      expect(b.buffer.byteLength).toBe(a.buffer.byteLength); // unicode-trie views the whole buffer
      expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    }
  });

  it('fails where tiny-inflate fails, with its error', () => {
    const junk = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x13]);
    expect(() => tiny(junk, new Uint8Array(64))).toThrow();
    expect(() => native(junk, new Uint8Array(64))).toThrow(/^Data error$/);
  });

  it('hands what would not fit to tiny-inflate', () => {
    const t = tables()[0]!;
    const size = t.readUInt32LE(8);
    const once = tiny(t.subarray(12), new Uint8Array(size));
    const short = new Uint8Array(Math.max(1, once.length >> 1));
    expect(Buffer.from(native(t.subarray(12), short.slice())).equals(Buffer.from(tiny(t.subarray(12), short.slice())))).toBe(true);
  });
});
