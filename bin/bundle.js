/**
 * The precompiled CLI: src/ and the pure-JS dependencies in one CommonJS file made by esbuild, so a
 * command starts without tsx compiling TypeScript and without Node resolving and compiling a few
 * hundred module files (bin/banmian.js runs it with V8's code cache). It is made by `npm install`
 * (the `prepare` script) and again by bin/banmian.js whenever a source, package.json or an
 * installed package is newer than it. Derived, never committed: node_modules/.cache/banmian.
 *
 *   node bin/bundle.js    make it now
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, 'node_modules/.cache/banmian');
export const BUNDLE = join(CACHE, 'cli.cjs');

/**
 * Native addons, pdfjs (loads its own worker file), and mammoth (half a megabyte that only
 * `banmian import` uses, kept out of what every command reads): required from node_modules.
 */
const EXTERNAL = ['sharp', '@napi-rs/canvas', 'pdfjs-dist', 'mammoth'];

/**
 * tiny-inflate, as unicode-trie imports it, replaced by bin/inflate.cjs: Node's zlib, the same
 * bytes (tiny-inflate is kept for what zlib refuses).
 */
const nativeInflate = {
  name: 'native-inflate',
  setup(b) {
    b.onResolve({ filter: /^tiny-inflate$/ }, (args) => (args.namespace === 'native-inflate' ? undefined : { path: args.resolveDir, namespace: 'native-inflate' }));
    b.onLoad({ filter: /.*/, namespace: 'native-inflate' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(join(ROOT, 'bin/inflate.cjs'))})(require('tiny-inflate'));`,
      resolveDir: args.path, // tiny-inflate as the importer finds it
      loader: 'js',
    }));
  },
};

/**
 * Modules some library imports at its top but uses only for what banmian never does, loaded when
 * first used instead: their exports as the importer names them. pdfkit's AES (PDF encryption)
 * fills its tables at load, ~5 ms of every start.
 */
const LAZY = { '@noble/ciphers/aes': ['cbc', 'ecb'] };

const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map((k) => k.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-modules' ? undefined : { path: args.path, namespace: 'lazy-modules', pluginData: args.resolveDir }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-modules' }, (args) => ({
      contents: `let m;\nconst load = () => (m ??= require(${JSON.stringify(args.path)}));\n` +
        `module.exports = {${LAZY[args.path].map((name) => ` get ${name}() { return load().${name}; }`).join(',')} };`,
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

/** The newest modification time (ms) of everything the bundle is made from. */
function newestInput() {
  let newest = 0;
  const see = (file) => { try { newest = Math.max(newest, statSync(file).mtimeMs); } catch { /* absent */ } };
  for (const f of readdirSync(join(ROOT, 'src'), { recursive: true })) see(join(ROOT, 'src', f));
  for (const f of ['package.json', 'node_modules/.package-lock.json', 'bin/bundle.js', 'bin/inflate.cjs', 'bin/client.js']) see(join(ROOT, f));
  return newest;
}

/** True when the bundle exists and nothing it is made from changed since. */
export function bundleFresh() {
  try {
    return statSync(BUNDLE).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}

/**
 * Makes the bundle (written whole or not at all) and drops the old one's code caches. It is dated
 * when esbuild started reading the sources, so a source saved while it ran is newer than the
 * bundle, and the next command makes it again.
 */
export async function makeBundle() {
  const started = new Date();
  const { build } = await import('esbuild');
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    // lazily loaded command modules stay lazy; import() becomes require(), which Node ≥ 20.19 also
    // uses for ES-module-only packages
    supported: { 'dynamic-import': false },
    // the modules that find files beside themselves use import.meta.url
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    minifyWhitespace: true, // a third less to read and hash at every start (names are kept)
    plugins: [nativeInflate, lazyModules],
    logLevel: 'silent',
  });
  utimesSync(tmp, started, started);
  renameSync(tmp, BUNDLE);
  for (const f of readdirSync(CACHE)) if (f.endsWith('.v8')) rmSync(join(CACHE, f), { force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await makeBundle();
