/**
 * The banmian package root, where the default fonts.yaml, the sample edition and the sources live.
 * Found by walking up from this module to banmian's package.json, because the same code runs from
 * src/ (through tsx) and from the precompiled CLI in node_modules/.cache/banmian (bin/bundle.js).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version = '';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'banmian') {
        version = pkg.version ?? '';
        return dir;
      }
    } catch { /* no package.json here */ }
    if (dirname(dir) === dir) throw new Error(`banmian's package.json not found above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

/** banmian's release (package.json), for `banmian --version`. */
export const VERSION = version;
