/**
 * The client side of the build server (src/server/): `banmian build` and `banmian check` hand their
 * command line to a server that `banmian watch` or `banmian server start` left running for this
 * folder, before the CLI is even read, and print what it sends back. Anything amiss (no server, a
 * refusal, a server that dies before it answers) and the command runs here as usual; the server
 * is never needed for a result, only faster.
 *
 * The socket is per user (a folder only its owner can enter: $XDG_RUNTIME_DIR/banmian, or
 * banmian-UID in the temporary folder) and per project (named after banmian's root and the
 * working folder). Requests and answers are JSON lines.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The commands a server runs; the others always run in their own process. */
export const SERVED = new Set(['build', 'check', 'makeup']);

/** Variables a served command is given from the client: colour and terminal. */
export const APPLIED_ENV = ['NO_COLOR', 'FORCE_COLOR', 'TERM'];

/** Variables read when modules load (or by Node itself): a server refuses a client whose values differ. */
export const isPinnedEnv = (name) => (name.startsWith('BANMIAN_') && name !== 'BANMIAN_SERVER') || name === 'TZ';

/**
 * The socket of the server for `root` (banmian's install) and `cwd`, in a folder of this user's
 * that no one else can enter; with `make`, the folder is made. Undefined where there is no such
 * folder (or on Windows, which has no user ids).
 */
export function socketPath(root, cwd = process.cwd(), make = false) {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const dir = process.env.XDG_RUNTIME_DIR ? join(process.env.XDG_RUNTIME_DIR, 'banmian') : join(tmpdir(), `banmian-${uid}`);
  try {
    if (make) mkdirSync(dir, { mode: 0o700, recursive: true });
    const s = lstatSync(dir);
    if (!s.isDirectory() || s.uid !== uid || (s.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return join(dir, `${createHash('sha256').update(`${root}\0${cwd}`).digest('hex').slice(0, 20)}.sock`);
}

/** What a server must share with the client to run its command: the same CLI, release and Node. */
export const identity = (bundle, version) => ({ bundle, version, node: `${process.version} ${process.arch}` });

/**
 * Runs `argv` on the server for this folder, if one is running and takes it: its exit code, or
 * undefined to run the command here.
 */
export async function viaServer(argv, root, id) {
  if (!SERVED.has(argv[0]) || process.env.BANMIAN_SERVER === '0' || process.env.BANMIAN_DEBUG) return undefined;
  const path = socketPath(root);
  try {
    if (!path || !lstatSync(path).isSocket()) return undefined; // none: node:net is not even loaded
  } catch {
    return undefined;
  }
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (APPLIED_ENV.includes(k) || isPinnedEnv(k)) env[k] = v;
  const { createConnection } = await import('node:net');
  return new Promise((resolve) => {
    let buffered = '', said = false, done = false;
    const finish = (code) => {
      if (done) return;
      done = true;
      socket.destroy();
      if (code === undefined && said) process.stderr.write('banmian: the build server stopped in the middle of the command; running it here\n');
      resolve(code);
    };
    const socket = createConnection(path, () => {
      socket.write(JSON.stringify({ op: 'run', argv, cwd: process.cwd(), env, tty: { stdout: !!process.stdout.isTTY, stderr: !!process.stderr.isTTY }, id }) + '\n');
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while (!done && (nl = buffered.indexOf('\n')) >= 0) {
        let m;
        try { m = JSON.parse(buffered.slice(0, nl)); } catch { m = {}; }
        buffered = buffered.slice(nl + 1);
        if (typeof m.out === 'string') { said = true; process.stdout.write(m.out); }
        else if (typeof m.err === 'string') { said = true; process.stderr.write(m.err); }
        else if (typeof m.exit === 'number') finish(m.exit);
        else finish(undefined); // refused
      }
    });
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
  });
}
