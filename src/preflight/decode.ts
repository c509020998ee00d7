/**
 * preflight: stream data decoded within limits. A few kilobytes of Flate can inflate to gigabytes
 * (a decompression bomb), so every stream preflight decodes, and all of a file's together, stop at a
 * limit: inflating stops as soon as the output passes it, and the caller reports the limit. The
 * file's limit grows with its size, so checking any file takes time in proportion to its size.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFStream } from 'pdf-lib';

const MB = 2 ** 20;
export const STREAM_LIMIT = 64 * MB; // a newspaper page's content is about 0.5 MB decoded
const FILE_LIMIT = 64 * MB; // or FILE_RATIO times the file's size if more: content compresses 3–10 times, a bomb 1000
const FILE_RATIO = 16;

/** A stream whose data would pass a limit: `what` names the limit, for the diagnostic. */
export class DecodeLimit extends Error {
  constructor(readonly what: string) {
    super(`decodes to more than ${what}`);
  }
}

/** The decoded bytes one file may spend. */
export class DecodeBudget {
  used = 0;
  constructor(readonly perStream = STREAM_LIMIT, readonly perFile = FILE_LIMIT) {}

  /** The budget for a file of `size` bytes. */
  static forFile(size: number): DecodeBudget {
    return new DecodeBudget(STREAM_LIMIT, Math.max(FILE_LIMIT, FILE_RATIO * size));
  }

  /** The stream's data with its filters undone; DecodeLimit past a limit, the decoder's error on bad data. */
  decode(s: PDFStream): Uint8Array {
    const left = this.perFile - this.used;
    const limit = Math.min(this.perStream, left);
    const what = limit === this.perStream ? `${mb(this.perStream)} (the limit for one stream)` : `${mb(this.perFile)} in all (the limit for the streams of this file)`;
    const bytes = s instanceof PDFRawStream ? raw(s, limit, what) : s.getContents();
    if (bytes.length > limit) throw new DecodeLimit(what);
    this.used += bytes.length;
    return bytes;
  }
}

const mb = (n: number) => (n % MB ? `${n} bytes` : `${n / MB} MB`);
const FLATE = PDFName.of('FlateDecode');

function raw(s: PDFRawStream, limit: number, what: string): Uint8Array {
  const filter = s.dict.lookup(PDFName.of('Filter'));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
  if (only === undefined) return s.contents;
  if (only === FLATE && !s.dict.has(PDFName.of('DecodeParms'))) {
    const z = s.contents;
    // zlib (native, stops at maxOutputLength) for the common case; past the two-byte header as raw
    // deflate, so a wrong checksum or trailing bytes after the data do not fail a readable stream
    if (z.length > 2 && (z[0]! & 0x0f) === 8 && ((z[0]! << 8) | z[1]!) % 31 === 0 && !(z[1]! & 0x20)) {
      try {
        return inflateRawSync(z.subarray(2), { maxOutputLength: limit + 1, finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new DecodeLimit(what);
        throw e;
      }
    }
  }
  // other filters and chains (LZW, ASCII85, RunLength …): pdf-lib's decoders, read a megabyte at a time
  const d = decodePDFRawStream(s);
  for (let n = 0; ;) {
    const got = d.getBytes(MB).length;
    n += got;
    if (n > limit) throw new DecodeLimit(what);
    if (got < MB) return d.decode(); // at its end: the decoder's buffer, not a copy
  }
}
