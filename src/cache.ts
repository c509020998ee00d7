/**
 * out/.cache: files derived from inputs that are slow to derive again (photos converted to CMYK,
 * WOFF fonts unpacked), kept between builds. Each file is named by a key that covers everything it
 * is derived from, so a cached file is byte for byte what deriving it again would give; the folder
 * is always safe to delete.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve('out/.cache');

/** Where `kind/name` is kept (it may not be there yet). */
export const cacheFile = (kind: string, name: string): string => join(ROOT, kind, name);

/** The cached bytes of `kind/name`, or undefined when there are none yet. */
export function cacheRead(kind: string, name: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile(kind, name));
  } catch {
    return undefined;
  }
}

/** Keeps `bytes` as `kind/name`: whole or not at all, even with builds running side by side. */
export function cacheWrite(kind: string, name: string, bytes: Uint8Array): void {
  const file = cacheFile(kind, name);
  try {
    mkdirSync(join(ROOT, kind), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch { /* a cache only: an unwritable folder costs time, not output */ }
}
