/**
 * The user's files (articles, manifests, fonts.yaml, photos, fonts): only regular files are read,
 * each kind up to a size far beyond what a newspaper needs. A device (/dev/zero, /dev/urandom)
 * would never end and a FIFO would wait for a writer for ever, so a path is looked at (symbolic
 * links followed) before it is opened, and opened without blocking. Problems are diagnostics at
 * `from`, where a manifest names the file, or at the file itself.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { diag, type Diagnostic, type SourcePos } from './diagnostic.ts';

const MB = 1024 * 1024;

/** The most banmian reads of each kind of file, in bytes (docs/diagnostics.md, FILE_TOO_LARGE). */
export const INPUT_LIMITS = {
  article: 4 * MB, // a long feature is 30 KB; a whole day's copy well under 1 MB
  yaml: 1 * MB, // manifests, house styles, fonts.yaml: a few KB
  photo: 200 * MB, // a press JPEG is a few MB, an uncompressed 16-bit TIFF from a scanner 100 MB or more
  font: 256 * MB, // a CJK font is 10–30 MB; a Pan-CJK collection near 200 MB
  document: 64 * MB, // a Word file to import: its copy is KB, its embedded photos a few MB each
} as const;

export type InputKind = keyof typeof INPUT_LIMITS;

/** The most pixels a photo may have: sharp's own limit, 16383 × 16383 (decoding more takes gigabytes). */
export const MAX_PHOTO_PIXELS = 0x3fff * 0x3fff;

/** `name` has more pixels than MAX_PHOTO_PIXELS: `size` when known. */
export function tooManyPixels(name: string, size: [number, number] | undefined, at: SourcePos): Diagnostic {
  const is = size ? `is ${size[0]} × ${size[1]} pixels (${Math.round(size[0] * size[1] / 1e6)} megapixels)` : 'has too many pixels';
  return diag('error', 'IMAGE_TOO_LARGE', `${name} ${is}; banmian reads photos of up to ${Math.floor(MAX_PHOTO_PIXELS / 1e6)} megapixels`, {
    ...at, hint: 'resize it: a photo printed 30 cm wide at 300 ppi needs about 3,500 pixels across',
  });
}

const HINTS: Record<InputKind, string> = {
  article: 'split it into several articles; check it is the file meant',
  yaml: 'a manifest is a few KB: check the path names the file meant',
  photo: 'a printed photo needs a few MB: export it as a JPEG at the size it is printed',
  font: 'check the path names a font file',
  document: 'save the copy again without its photos, or as plain text (.txt)',
};

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ERR_INVALID_ARG_VALUE']);

export const megabytes = (n: number): string => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;

/** A diagnostic for a file that does not exist, at `from`, where a manifest names it. */
export function missingFile(file: string, what: string, from?: SourcePos): Diagnostic {
  return diag('error', 'MISSING_FILE', `${what} not found: ${file}`, {
    ...(from ?? { file }),
    hint: 'check the path; relative paths are resolved from the folder of the manifest that names them',
  });
}

/**
 * Why `file` cannot be read as a `kind`, or its size. `what` names it in a message ("story
 * \"finance\""); `missing` words the diagnostic for a file that is not there, if not missingFile's.
 */
export function checkInput(file: string, kind: InputKind, what: string, from?: SourcePos, missing?: () => Diagnostic): { size: number } | { problem: Diagnostic } {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    return { problem: statProblem(e as NodeJS.ErrnoException, file, what, from, missing) };
  }
  const problem = kindProblem(st, file, kind, what, from);
  return problem ? { problem } : { size: st.size };
}

/** The bytes of `file`, read as checkInput allows; or the diagnostic why not. */
export function readInput(file: string, kind: InputKind, what: string, from?: SourcePos, missing?: () => Diagnostic): { bytes?: Buffer; diagnostics: Diagnostic[] } {
  const checked = checkInput(file, kind, what, from, missing);
  if ('problem' in checked) return { diagnostics: [checked.problem] };
  let fd: number;
  try {
    fd = openInput(file);
  } catch (e) {
    return { diagnostics: [statProblem(e as NodeJS.ErrnoException, file, what, from, missing)] };
  }
  try {
    // the file may have changed since it was looked at: its kind again, and never past the limit
    const problem = kindProblem(fstatSync(fd), file, kind, what, from);
    if (problem) return { diagnostics: [problem] };
    const limit = INPUT_LIMITS[kind];
    // read to the end rather than to the size stat gave (files in /proc say 0), a byte past it
    // to see the end without growing the buffer
    let buf = Buffer.alloc(Math.min(Math.max(checked.size + 1, 64 * 1024), limit + 1));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) return { diagnostics: [tooLarge(file, kind, what, undefined, from)] };
        const more = Buffer.alloc(Math.min(buf.length * 2, limit + 1));
        buf.copy(more, 0, 0, n);
        buf = more;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return { bytes: n === buf.length ? buf : buf.subarray(0, n), diagnostics: [] };
  } catch (e) {
    return { diagnostics: [unreadable(file, what, (e as Error).message, from)] };
  } finally {
    closeSync(fd);
  }
}

/** Opens a file for reading without waiting on it (a FIFO put in the place of a file after it was looked at). */
export function openInput(file: string): number {
  return openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
}

function statProblem(e: NodeJS.ErrnoException, file: string, what: string, from: SourcePos | undefined, missing: (() => Diagnostic) | undefined): Diagnostic {
  const at = from ?? { file };
  if (MISSING.has(e.code ?? '')) return missing?.() ?? missingFile(file, what, from);
  if (e.code === 'EACCES' || e.code === 'EPERM') return diag('error', 'UNREADABLE_FILE', `cannot read ${what} ${file}: permission denied`, { ...at, hint: 'give yourself read permission (chmod u+r), or copy the file' });
  if (e.code === 'ELOOP') return diag('error', 'UNREADABLE_FILE', `cannot read ${what} ${file}: its symbolic links go round in a circle`, { ...at, hint: 'point the link at the file itself' });
  if (e.code === 'ENXIO') return notRegular(file, what, 'a socket', from);
  return unreadable(file, what, e.message, from);
}

function kindProblem(st: Stats, file: string, kind: InputKind, what: string, from: SourcePos | undefined): Diagnostic | undefined {
  if (st.isDirectory()) return diag('error', 'NOT_A_FILE', `${what} ${file} is a folder, not a file`, { ...(from ?? { file }), hint: 'name the file inside it' });
  if (!st.isFile()) {
    const is = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'something other than a file';
    return notRegular(file, what, is, from);
  }
  if (st.size > INPUT_LIMITS[kind]) return tooLarge(file, kind, what, st.size, from);
  return undefined;
}

function notRegular(file: string, what: string, is: string, from: SourcePos | undefined): Diagnostic {
  return diag('error', 'UNREADABLE_FILE', `${what} ${file} is ${is}, not a file: banmian reads only regular files`, { ...(from ?? { file }), hint: 'name a file; copy what the device or pipe gives into one first' });
}

function tooLarge(file: string, kind: InputKind, what: string, size: number | undefined, from: SourcePos | undefined): Diagnostic {
  const most = `${megabytes(INPUT_LIMITS[kind])} banmian reads for ${{ article: 'an article', yaml: 'a YAML file', photo: 'a photo', font: 'a font', document: 'a Word document' }[kind]}`;
  return diag('error', 'FILE_TOO_LARGE', `${what} ${file} is ${size === undefined ? 'larger than the' : `${megabytes(size)}, more than the`} ${most}`, { ...(from ?? { file }), hint: HINTS[kind] });
}

function unreadable(file: string, what: string, message: string, from: SourcePos | undefined): Diagnostic {
  return diag('error', 'UNREADABLE_FILE', `cannot read ${what} ${file}: ${message}`, from ?? { file });
}
