/**
 * The build server: a process that keeps the CLI loaded, its code optimised by V8 and its fonts
 * parsed, and runs `banmian build`, `check` and `makeup` for the clients of one folder
 * (bin/client.js), as Gradle's daemon and eslint_d do. `banmian server start` leaves one running
 * (it stops after `--idle` minutes without a request, 15 by default); a `banmian watch` serves too while it runs.
 *
 * It must never give another result than the command run on its own, so it refuses (and the
 * client runs the command itself) whatever it cannot run the same: another CLI, release or Node
 * (then it stops: the program changed), another working folder, other values of the variables
 * modules read when they load. Fonts are kept parsed for the process's life (fonts/registry.ts):
 * before each build their files are compared with what was read; a changed fonts.yaml is read
 * again, a changed font file stops the server. One command runs at a time (lock.ts).
 */
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { isPinnedEnv, SERVED, socketPath, type Identity } from '../../bin/client.js';
import { fileStamp, fontSources, forgetFontRegistry } from '../fonts/registry.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { asClient, type Client } from './capture.ts';
import { exclusive } from './lock.ts';

/** A request line longer than this is not from bin/client.js. */
const MAX_REQUEST = 1 << 20;

/** What bin/banmian.js said this process runs; undefined when the sources run through tsx. */
export const runningCli = (): Identity | undefined => (globalThis as Record<symbol, unknown>)[Symbol.for('banmian.cli')] as Identity | undefined;

export interface Status { pid: number; host: 'server' | 'watch'; cwd: string; socket: string; since: string; builds: number; idleMinutes?: number; version: string; node: string }

interface RunRequest extends Client { op: 'run'; argv: string[]; cwd: string; id: Identity }
type Request = RunRequest | { op: 'status' } | { op: 'stop' };

export interface BuildServer {
  socket: string;
  /** Resolves with why it stopped. */
  closed: Promise<string>;
  close(why: string): Promise<void>;
}

/** The socket of this folder's server (made private to this user with `make`). */
export const folderSocket = (make = false): string | undefined => socketPath(PACKAGE_ROOT, process.cwd(), make);

/**
 * Starts serving this folder's builds with `run` (main.ts's command line); the reason it cannot
 * otherwise (not the precompiled CLI, no private folder, a server already running).
 */
export async function serveBuilds(o: { run(argv: string[]): Promise<number>; host: 'server' | 'watch'; idleMs?: number }): Promise<BuildServer | string> {
  if (process.env.BANMIAN_SERVER === '0') return 'BANMIAN_SERVER=0 turns build servers off';
  const id = runningCli();
  if (!id) return 'only the precompiled CLI serves builds (not the sources through tsx, as with BANMIAN_DEBUG)';
  const path = folderSocket(true);
  if (!path) return 'there is no folder only this user can enter for its socket ($XDG_RUNTIME_DIR/banmian or the temporary folder)';
  const other = await ask(path, { op: 'status' });
  if (typeof other === 'object') return `one is running for this folder already (pid ${(other as Status).pid}, in ${(other as Status).host === 'watch' ? 'a banmian watch' : 'banmian server'})`;
  rmSync(path, { force: true }); // a socket left by a server that was killed

  const since = new Date().toISOString();
  let builds = 0, stopping: string | undefined, idle: NodeJS.Timeout | undefined;
  let closedWith!: (why: string) => void;
  const closed = new Promise<string>((r) => { closedWith = r; });
  const armIdle = () => {
    clearTimeout(idle);
    if (o.idleMs !== undefined) idle = setTimeout(() => void close(`idle for ${Math.round(o.idleMs! / 60_000)} min`), o.idleMs).unref();
  };

  const close = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = why;
    clearTimeout(idle);
    server.close();
    rmSync(path, { force: true });
    await exclusive(async () => undefined); // the command running, and those waiting, finish
    closedWith(why);
  };

  const answer = (socket: Socket, m: object) => socket.end(`${JSON.stringify(m)}\n`);

  const serve = async (socket: Socket, r: Request) => {
    if (r.op === 'status') {
      const s: Status = { pid: process.pid, host: o.host, cwd: process.cwd(), socket: path, since, builds, ...(o.idleMs !== undefined ? { idleMinutes: o.idleMs / 60_000 } : {}), version: id.version, node: id.node };
      return answer(socket, s);
    }
    if (r.op === 'stop') {
      answer(socket, { stopping: process.pid });
      return close('stopped by banmian server stop');
    }
    const refuse = (why: string) => answer(socket, { refused: why });
    if (stopping) return refuse(`stopping: ${stopping}`);
    if (r.op !== 'run' || !Array.isArray(r.argv) || !r.argv.every((a) => typeof a === 'string') || !SERVED.has(r.argv[0]!)) return refuse('not a command it runs');
    const theirs = r.id as Partial<Identity> | null;
    if (typeof theirs !== 'object' || theirs === null || !['bundle', 'version', 'node'].every((k) => typeof theirs[k as keyof Identity] === 'string')) return refuse('not a request of bin/client.js');
    if (theirs.bundle !== id.bundle || theirs.version !== id.version || theirs.node !== id.node) {
      refuse('another CLI, release or Node');
      return close('the program changed');
    }
    if (r.cwd !== process.cwd()) return refuse('another working folder');
    const env = r.env ?? {};
    const pinned = new Set([...Object.keys(env), ...Object.keys(process.env)].filter(isPinnedEnv));
    for (const k of pinned) if (env[k] !== process.env[k]) return refuse(`another ${k}`);
    armIdle();
    await exclusive(async () => {
      if (socket.destroyed || stopping) return; // the client gave up (Ctrl-C) while it waited
      const changed = fontsChanged();
      if (changed) {
        refuse(changed);
        void close(changed);
        return;
      }
      builds++;
      const send = (stream: 'out' | 'err', text: string) => { if (!socket.destroyed) socket.write(`${JSON.stringify({ [stream]: text })}\n`); };
      const code = await asClient({ env, tty: { stdout: r.tty?.stdout === true, stderr: r.tty?.stderr === true } }, send, () => o.run(r.argv));
      answer(socket, { exit: code });
    });
    armIdle();
  };

  const server = createServer((socket) => {
    socket.on('error', () => socket.destroy()); // a client gone: nothing to tell it
    let line = '', taken = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      if (taken) return; // one request per connection
      line += chunk;
      const nl = line.indexOf('\n');
      if (nl < 0) {
        if (line.length > MAX_REQUEST) socket.destroy();
        return;
      }
      let r: Request;
      try {
        r = JSON.parse(line.slice(0, nl)) as Request;
      } catch {
        socket.destroy();
        return;
      }
      taken = true;
      if (r === null || typeof r !== 'object') return void socket.destroy();
      serve(socket, r).catch(() => socket.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => { server.off('error', reject); resolve(); });
  });
  chmodSync(path, 0o600); // its folder already keeps everyone else out
  armIdle();
  return { socket: path, closed, close };
}

/**
 * A font file read into this process that changed since, which stops the server (what was set
 * with it is kept in caches keyed by its name); a changed fonts.yaml is forgotten, to be read again.
 */
export function fontsChanged(): string | undefined {
  for (const [file, { kind, stamp }] of fontSources()) {
    if (fileStamp(file) === stamp) continue;
    if (kind === 'fonts.yaml') forgetFontRegistry(file);
    else return `font file ${file} changed`;
  }
  return undefined;
}

/**
 * One request to the server at `path` and its first answer; 'none' when no server listens there,
 * 'silent' when one does not answer within `ms` (a long build holds it).
 */
export function ask(path: string, m: Request, ms = 5000): Promise<object | 'none' | 'silent'> {
  return new Promise((resolve) => {
    let got = '';
    const socket = createConnection(path, () => socket.write(`${JSON.stringify(m)}\n`));
    const done = (v: object | 'none' | 'silent') => { socket.destroy(); clearTimeout(timer); resolve(v); };
    const timer = setTimeout(() => done('silent'), ms);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      got += chunk;
      const nl = got.indexOf('\n');
      if (nl >= 0) {
        try { done(JSON.parse(got.slice(0, nl)) as object); } catch { done('silent'); }
      }
    });
    socket.on('error', () => done('none'));
    socket.on('close', () => done('none'));
  });
}
