/**
 * Plain-text copy (.txt) → text. Reporters file UTF-8, or GBK/GB18030 from Windows (记事本's
 * "ANSI" on a Chinese system), sometimes UTF-16 ("Unicode"). Bytes that are valid UTF-8 are read
 * as UTF-8 (GBK text of any length is almost never valid UTF-8); a UTF-16 byte-order mark means
 * UTF-16; anything else must be valid GB18030 (a superset of GBK and GB2312), or it is an error
 * at the first byte that is not. Node's own WHATWG decoders do the reading, in fatal mode, so no
 * byte is ever replaced by a guess.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';

export interface Decoded {
  text: string;
  encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';
}

const decoder = (label: string) => new TextDecoder(label, { fatal: true, ignoreBOM: false });

export function decodeText(file: string, bytes: Uint8Array): Decoded | { problem: Diagnostic } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return attempt(file, bytes, 'utf-16le', 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return attempt(file, bytes, 'utf-16be', 'UTF-16BE');
  try {
    return { text: decoder('utf-8').decode(bytes), encoding: 'UTF-8' };
  } catch { /* not UTF-8: the Chinese Windows encoding, or nothing */ }
  return attempt(file, bytes, 'gb18030', 'GB18030');
}

function attempt(file: string, bytes: Uint8Array, label: string, encoding: Decoded['encoding']): Decoded | { problem: Diagnostic } {
  try {
    return { text: decoder(label).decode(bytes), encoding };
  } catch {
    const bad = firstUndecodable(bytes, label);
    const line = bytes.subarray(0, bad).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
    // no line in the diagnostic: its source line, shown as UTF-8, would be garbled
    return {
      problem: diag('error', 'TEXT_ENCODING', `the text is neither UTF-8 nor ${encoding === 'GB18030' ? 'GBK/GB18030' : encoding}: byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} on line ${line} (offset ${bad}) cannot be read`, {
        file, hint: 'open it in the program that made it and save it as UTF-8 text; a Word file is imported as .docx',
      }),
    };
  }
}

/** The offset of the first byte the decoder cannot read (a binary search over prefixes that decode). */
function firstUndecodable(bytes: Uint8Array, label: string): number {
  let lo = 0, hi = bytes.length; // bytes[0, lo) decode (a character cut at the end allowed); bytes[0, hi) do not
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      decoder(label).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
