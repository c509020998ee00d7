/**
 * The inflate of the precompiled CLI (bin/bundle.js puts it in place of `tiny-inflate`):
 * unicode-trie inflates the Unicode tables fontkit, unicode-properties and linebreak build when
 * they load, twice each, with tiny-inflate, in JavaScript: ~40 ms of every start. Node's zlib
 * gives the same bytes in a fraction of that. tiny-inflate's contract is kept: the data go into
 * `dest`, and a shorter result is a copy of its start; anything zlib refuses, or a result that
 * would not fit, goes to tiny-inflate itself, so even its errors stay the same.
 */
'use strict';
const { inflateRawSync } = require('node:zlib');

/** @param {(source: Uint8Array, dest: Uint8Array) => Uint8Array} tiny */
module.exports = (tiny) => function inflate(source, dest) {
  let out;
  try {
    out = inflateRawSync(source);
  } catch {
    return tiny(source, dest);
  }
  if (out.length > dest.length) return tiny(source, dest);
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};
