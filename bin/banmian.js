#!/usr/bin/env node
/**
 * The banmian command. The engine is TypeScript: it runs from the precompiled CLI (bin/bundle.js),
 * remade here when a source is newer, with V8's code cache of the command kept beside it, so a
 * command starts in a fraction of what compiling it takes. Without it (a read-only install,
 * esbuild missing, BANMIAN_DEBUG set for stack traces into the sources) tsx compiles src/ on the fly.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { BUNDLE, CACHE, bundleFresh, makeBundle } from './bundle.js';

async function precompiled() {
  if (process.env.BANMIAN_DEBUG) return false;
  try {
    if (!bundleFresh()) await makeBundle();
  } catch {
    return false;
  }
  const { mtimeMs, size } = statSync(BUNDLE);
  // one code cache per command (each compiles different functions), named after this very bundle
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'help';
  const cacheFile = join(CACHE, `cli.${command}.${Math.trunc(mtimeMs)}-${size}.v8`);
  let cachedData;
  try { cachedData = readFileSync(cacheFile); } catch { /* first run of this command */ }
  const script = new Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // at exit the cache holds every function the command compiled, not just the top level
    process.once('exit', () => {
      try {
        writeFileSync(`${cacheFile}.${process.pid}.tmp`, script.createCachedData());
        renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
      } catch { /* a cache only */ }
    });
  }
  const mod = new Module(BUNDLE);
  mod.filename = BUNDLE;
  mod.paths = Module._nodeModulePaths(dirname(BUNDLE));
  script.runInThisContext()(mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, dirname(BUNDLE));
  return true;
}

if (!(await precompiled())) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
