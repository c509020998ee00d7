/**
 * Hostile requests to the build server (src/server/serve.ts): raw bytes, lines cut short or
 * oversized, JSON of the wrong shape, run requests with mangled command lines, identities,
 * folders and variables. The server must stay up and answer the next client, and run a command
 * only for a request that names a served command with its own identity, folder and variables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isPinnedEnv } from '../../bin/client.js';
import { ask, serveBuilds, type BuildServer } from '../../src/server/serve.ts';
import { FUZZ, survives } from './hostile.ts';

const runtime = mkdtempSync(join(tmpdir(), 'banmian-fuzz-build-server-'));
const ID = { bundle: '1-2', version: '0.1.0', node: `${process.version} ${process.arch}` };
const ran: string[][] = [];
let server: BuildServer;
const saved = { xdg: process.env.XDG_RUNTIME_DIR, off: process.env.BANMIAN_SERVER };

beforeAll(async () => {
  process.env.XDG_RUNTIME_DIR = runtime; // a socket of this test's own
  delete process.env.BANMIAN_SERVER;
  (globalThis as Record<symbol, unknown>)[Symbol.for('banmian.cli')] = ID;
  const s = await serveBuilds({ run: async (argv) => { ran.push(argv); return 0; }, host: 'server' });
  if (typeof s === 'string') throw new Error(s);
  server = s;
});
afterAll(async () => {
  await server.close('done');
  process.env.XDG_RUNTIME_DIR = saved.xdg;
  if (saved.off !== undefined) process.env.BANMIAN_SERVER = saved.off;
  rmSync(runtime, { recursive: true, force: true });
});

/** Writes `raw`, then waits for the server to close the connection (or 500 ms). */
function send(raw: Uint8Array | string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const socket = connect(server.socket, () => socket.end(raw));
    const t = setTimeout(() => { socket.destroy(); resolve(got); }, 500);
    socket.on('data', (d) => { got += d; });
    socket.on('error', () => undefined);
    socket.on('close', () => { clearTimeout(t); resolve(got); });
  });
}

const runRequest = fc.record({
  op: fc.oneof(fc.constant('run'), fc.string()),
  argv: fc.oneof(fc.array(fc.oneof(fc.constantFrom('build', 'check', 'watch', 'server', 'lint', '--out', '/tmp/x'), fc.string())), fc.anything()),
  cwd: fc.oneof(fc.constant(process.cwd()), fc.string(), fc.anything()),
  env: fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom('BANMIAN_X', 'TZ', 'NO_COLOR', 'FORCE_COLOR', 'TERM', 'PATH'), fc.string()), fc.anything()),
  tty: fc.anything(),
  id: fc.oneof(fc.constant(ID), fc.record({ bundle: fc.constantFrom('1-2', '1-3'), version: fc.constant(ID.version), node: fc.constant(ID.node) }), fc.anything()),
}, { requiredKeys: [] });

const hostile = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc.string().map((s) => `${s}\n`),
  fc.anything().map((x) => `${JSON.stringify(x) ?? 'undefined'}\n`),
  runRequest.filter((r) => !(r.id === ID || (r.id as { bundle?: string })?.bundle === '1-3')).map((r) => `${JSON.stringify(r)}\n`),
  fc.constant(`${'x'.repeat(1_100_000)}`), // over the request limit, no newline
);

it('the build server survives hostile requests and runs only what it may', async () => {
  const cases = await survives('build server requests', hostile, async (raw) => {
    const before = ran.length;
    await send(raw);
    const s = await ask(server.socket, { op: 'status' });
    expect(typeof s).toBe('object'); // still up, still answering
    for (const argv of ran.slice(before)) expect(['build', 'check']).toContain(argv[0]);
  }, { quick: 40, long: 3000, ms: 2000 }, 4242);
  expect(cases).toBe(FUZZ ? 3000 : 40);
  // a well-formed request is run, with the exit status back
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => isPinnedEnv(k))); // BANMIAN_FUZZ among them
  expect(await send(`${JSON.stringify({ op: 'run', argv: ['check', 'x.yaml'], cwd: process.cwd(), env, tty: {}, id: ID })}\n`)).toBe('{"exit":0}\n');
  expect(ran.at(-1)).toEqual(['check', 'x.yaml']);
});
