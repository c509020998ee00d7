/**
 * out/.cache: files derived from inputs that are slow to derive again (photos converted to CMYK,
 * WOFF fonts unpacked), kept between builds. Each file is named by a key that covers everything it
 * is derived from, so a cached file is byte for byte what deriving it again would give; the folder
 * is always safe to delete. What is derived from an installed package's file (the fonts banmian
 * ships: 16 MB unpacked per 楷体 weight) is kept with the install instead, beside the precompiled
 * CLI (bin/bundle.js), so that it is made once per machine, not again in every project's folder;
 * where the install is read-only, in out/.cache.
 */
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { alive } from './output.ts';
import { PACKAGE_ROOT } from './packageRoot.ts';

const PROJECT = resolve('out/.cache');
const INSTALL = join(PACKAGE_ROOT, 'node_modules/.cache/banmian');

let installWritable: boolean | undefined;

/** The folder for what is derived from `source`: the install's for a file of an installed package (in a node_modules folder) where the install can be written, else the project's. */
function rootFor(source: string | undefined): string {
  if (source === undefined || !resolve(source).split(sep).includes('node_modules')) return PROJECT;
  if (installWritable === undefined) {
    try {
      mkdirSync(INSTALL, { recursive: true });
      accessSync(INSTALL, constants.W_OK);
      installWritable = true;
    } catch {
      installWritable = false;
    }
  }
  return installWritable ? INSTALL : PROJECT;
}

/** Where `kind/name`, derived from the file `source`, is kept (it may not be there yet). */
export const cacheFile = (kind: string, name: string, source?: string): string => join(rootFor(source), kind, name);

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

/** Keeps `bytes` as `kind/name` (derived from the file `source`): whole or not at all, even with builds running side by side. */
export function cacheWrite(kind: string, name: string, bytes: Uint8Array, source?: string): void {
  const dir = join(rootFor(source), kind), file = join(dir, name);
  try {
    mkdirSync(dir, { recursive: true });
    sweep(dir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch { /* a cache only: an unwritable folder costs time, not output */ }
}
