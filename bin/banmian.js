#!/usr/bin/env node
/**
 * The banmian command. The engine is TypeScript: it runs from the precompiled CLI (bin/bundle.js),
 * remade here when a source is newer, with V8's code cache of the command kept beside it, so a
 * command starts in a fraction of what compiling it takes. Without it (a read-only install,
 * esbuild missing, BANMIAN_DEBUG set for stack traces into the sources) tsx compiles src/ on the fly.
 */
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { BUNDLE, CACHE, ROOT, bundleFresh, makeBundle } from './bundle.js';
import { identity, viaServer } from './client.js';

/**
 * The threads beside the one that sets the pages are given a lower priority: V8's background
 * threads (its optimising compiler and garbage collector helpers) and libuv's pool, which loading
 * this module started (photos are converted and fonts inflated there; sharp's threads, started
 * from it, inherit it). A command compiles much of the engine as it runs, and on a machine of two
 * cores V8's threads otherwise take the main thread's core half the time (npm run bench: makeup
 * of the bench plan 2.25 → 1.85 s, medians of 8). They still have the other core and any idle
 * time; the output is the same. (Leaving libuv's pool at the main thread's priority, from a
 * CommonJS launcher that runs before the pool exists, made no difference: docs/bench-history.md.)
 * Linux only: there a thread has a priority of its own (/proc lists them); elsewhere nothing is changed.
 */
function yieldBackgroundThreads() {
  let threads;
  try { threads = readdirSync('/proc/self/task'); } catch { return; }
  for (const t of threads) {
    if (Number(t) === process.pid) continue;
    try { setPriority(Number(t), 10); } catch { /* not allowed: they keep theirs */ }
  }
}
yieldBackgroundThreads();

/**
 * A command run once (all but `server` and `watch`) compiles much of the engine and runs most of
 * it for one pass only: there V8's optimising compiler without inlining does far less work for
 * code nearly as fast (npm run bench: makeup then build of the bench plan 3.30 → 3.04 s, medians
 * of 6 alternating runs; the output is the same). The long-lived processes keep inlining: they set
 * page after page with the same functions.
 */
if (!['server', 'watch'].includes(process.argv[2] ?? '')) setFlagsFromString('--no-turbo-inlining');

async function precompiled() {
  if (process.env.BANMIAN_DEBUG) return false;
  let fresh;
  try {
    fresh = bundleFresh();
    if (!fresh) await makeBundle();
  } catch {
    return false;
  }
  const { mtimeMs, size } = statSync(BUNDLE);
  // this very CLI, release and Node, which a build server must share (bin/client.js)
  const id = identity(`${Math.trunc(mtimeMs)}-${size}`, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  const served = fresh ? await viaServer(process.argv.slice(2), ROOT, id) : undefined;
  if (served !== undefined) {
    process.exitCode = served;
    return true;
  }
  globalThis[Symbol.for('banmian.cli')] = id; // what src/server/ checks its clients against
  // one code cache per command (each compiles different functions), named after this very bundle
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'help';
  const cacheFile = join(CACHE, `cli.${command}.${Math.trunc(mtimeMs)}-${size}.v8`);
  // the file: the CPU time (ms) of the run that made it, then V8's data
  let kept;
  try { kept = readFileSync(cacheFile); } catch { /* first run of this command */ }
  const cachedData = kept && kept.length > 4 ? kept.subarray(4) : undefined;
  const script = new Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
  // At exit the cache holds every function the command compiled, not just the top level; it is
  // made again when a run took more than twice the time of the one that made it, so a first run
  // that did little (`build --help`, a manifest error) does not leave every later build compiling.
  process.once('exit', () => {
    const { user, system } = process.cpuUsage();
    const cpuMs = Math.round((user + system) / 1000);
    if (cachedData && !script.cachedDataRejected && cpuMs <= 2 * kept.readUInt32LE(0)) return;
    try {
      const head = Buffer.alloc(4);
      head.writeUInt32LE(Math.min(cpuMs, 0xffffffff));
      writeFileSync(`${cacheFile}.${process.pid}.tmp`, Buffer.concat([head, script.createCachedData()]));
      renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
    } catch { /* a cache only */ }
  });
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
