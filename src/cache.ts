/**
 * out/.cache: files derived from inputs that are slow to derive again (photos converted to CMYK,
 * WOFF fonts unpacked), kept between builds. Each file is named by a key that covers everything it
 * is derived from, so a cached file is byte for byte what deriving it again would give; the folder
 * is always safe to delete.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alive } from './output.ts';

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

const swept = new Set<string>();

/** The temporary files of writes whose process died (a crash, kill -9), once per folder and process. */
function sweep(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  for (const name of readdirSync(dir)) {
    const pid = /\.(\d+)\.tmp$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

/** Keeps `bytes` as `kind/name`: whole or not at all, even with builds running side by side. */
export function cacheWrite(kind: string, name: string, bytes: Uint8Array): void {
  const file = cacheFile(kind, name);
  try {
    mkdirSync(join(ROOT, kind), { recursive: true });
    sweep(join(ROOT, kind));
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch { /* a cache only: an unwritable folder costs time, not output */ }
}
