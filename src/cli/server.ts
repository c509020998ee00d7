/** `banmian server`: start, stop or look at the build server of this folder (src/server/serve.ts). */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import type { Command } from './command.ts';
import { counted } from './report.ts';

const ACTIONS = ['start', 'stop', 'status', 'run'];

export const server: Command = {
  name: 'server',
  summary: 'keep a build server running for this folder, so that builds start warm',
  usage: 'server start|stop|status|run [--idle MINUTES]',
  help: `A build server keeps banmian loaded, its code compiled and its fonts read, and runs
banmian build, check and makeup for this folder: a build started here hands its command line to
it and prints what it says, so it spends no time starting. The PDFs are the same bytes either
way. Whatever the server cannot run as the command itself would (another banmian, release or
Node; another folder; other BANMIAN_* or TZ values; a font file changed under it), it refuses,
and the command runs in its own process as usual; a server left behind by an older banmian
stops. A banmian watch serves this folder's builds too, while it runs.

  start       start one in the background (nothing if one is running)
  stop        stop it (after the build it is running)
  status      whether one is running, and since when; exit status 1 if none
  run         serve in the foreground (Ctrl-C stops it)
  --idle MINUTES  stop after this long without a build (default 15)

Its socket is in $XDG_RUNTIME_DIR/banmian (or banmian-UID in the temporary folder), a folder
only its owner can enter. BANMIAN_SERVER=0 makes a build never use a server.`,
  examples: [
    'banmian server start            # builds in this folder start warm for the next 15 minutes',
    'banmian server status',
    'banmian server stop',
  ],
  options: { idle: { type: 'string' } },
  async run({ positionals, values }, cli) {
    const [action] = positionals;
    if (positionals.length !== 1 || !ACTIONS.includes(action!)) {
      process.stderr.write(`banmian server: say start, stop, status or run\n`);
      return 2;
    }
    const idle = values.idle === undefined ? 15 : Number(values.idle);
    if (!(Number.isFinite(idle) && idle > 0 && idle <= 24 * 60)) {
      process.stderr.write(`banmian server: --idle is a number of minutes up to a day, not "${String(values.idle)}"\n`);
      return 2;
    }
    const { ask, folderSocket, runningCli, serveBuilds } = await import('../server/serve.ts');
    const path = folderSocket(action === 'start' || action === 'run');
    const now = path ? await ask(path, { op: 'status' }) : 'none';
    if (action === 'status' || action === 'stop') {
      if (now === 'none') {
        process.stdout.write('banmian server: none running for this folder\n');
        return action === 'stop' ? 0 : 1;
      }
      if (now === 'silent') {
        process.stdout.write(`banmian server: one is running for this folder but busy (socket ${path})\n`);
        return action === 'stop' ? 1 : 0;
      }
      if (action === 'status') {
        process.stdout.write(describe(now as Status));
        return 0;
      }
      await ask(path!, { op: 'stop' }, 60_000);
      process.stdout.write(`banmian server: stopped (pid ${(now as Status).pid})\n`);
      return 0;
    }
    if (now !== 'none') {
      process.stdout.write(`banmian server: one is running for this folder already\n`);
      return 0;
    }
    if (!path) {
      process.stderr.write('banmian server: there is no folder only this user can enter for its socket ($XDG_RUNTIME_DIR/banmian or the temporary folder)\n');
      return 1;
    }
    if (!runningCli()) {
      process.stderr.write('banmian server: only the precompiled CLI serves builds; unset BANMIAN_DEBUG\n');
      return 1;
    }
    if (action === 'start') {
      // detached, its output nowhere: nothing waits on it
      const { spawn } = await import('node:child_process'); // not loaded by the other commands
      spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/banmian.js'), 'server', 'run', '--idle', String(idle)], { detached: true, stdio: 'ignore' }).unref();
      for (let t = 0; t < 200; t++) {
        await new Promise((r) => setTimeout(r, 50));
        const s = await ask(path, { op: 'status' });
        if (typeof s === 'object') {
          process.stdout.write(`banmian server: started\n${describe(s as Status)}`);
          return 0;
        }
      }
      process.stderr.write('banmian server: did not start within 10 s; try banmian server run to see why\n');
      return 1;
    }
    const s = await serveBuilds({ run: cli.run, host: 'server', idleMs: idle * 60_000 });
    if (typeof s === 'string') {
      process.stderr.write(`banmian server: not started: ${s}\n`);
      return 1;
    }
    process.stdout.write(`banmian server: serving builds in ${process.cwd()} at ${s.socket} (pid ${process.pid})\n`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void s.close(`${signal}`));
    process.stdout.write(`banmian server: stopped: ${await s.closed}\n`);
    process.exit(0); // nothing it started (render threads, timers) keeps it alive
  },
};

type Status = import('../server/serve.ts').Status;

function describe(s: Status): string {
  return `  pid ${s.pid}${s.host === 'watch' ? ', in a banmian watch' : ''}, since ${s.since}, ${counted(s.builds, 'build')}` +
    `${s.idleMinutes ? `, stops after ${s.idleMinutes} min idle` : ''}\n  folder ${s.cwd}\n  socket ${s.socket}\n  banmian ${s.version}, node ${s.node}\n`;
}
