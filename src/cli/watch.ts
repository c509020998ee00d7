/** `banmian watch`: rebuild an edition on every change and show it in a browser page. */
import { constants } from 'node:os';
import { relative } from 'node:path';
import type { Diagnostic } from '../diagnostic.ts';
import { where } from '../watch/where.ts';
import type { Watch } from '../watch/watch.ts';
import type { BuildServer } from '../server/serve.ts';
import { defaultEdition } from './build.ts';
import type { Command } from './command.ts';
import { counted } from './report.ts';

export const DEFAULT_PORT = 4400;

export const watch: Command = {
  name: 'watch',
  summary: 'rebuild an edition whenever its files change and preview it in the browser',
  usage: 'watch [EDITION_OR_PAGE.yaml] [--port N] [--out DIR] [--fit]',
  help: `Builds the edition (default: the sample edition), then rebuilds it whenever one of its
manifests, its house style, fonts.yaml or an article changes, re-reading only the changed files
and redrawing only the pages that changed. Serves a preview on http://127.0.0.1:PORT/: the pages,
an overlay of the grid, blocks and text columns, and the diagnostics; the page refreshes itself
after each rebuild. A rebuild with errors keeps the last good pages on display and does not touch
the PDFs in the output folder; a good one writes them like banmian build. A Word file (.docx)
saved into the content folder is imported beside itself as an article, like banmian import
(an article of that name is never replaced).

Only this machine's browser can read the preview: requests must name 127.0.0.1, localhost or
[::1] with the port in their Host header and come from the preview itself (Origin,
Sec-Fetch-Site); anything else gets 403.

Ctrl-C (SIGINT) or SIGTERM stops it at once, in the middle of a rebuild too (its PDFs are then
left as an interrupted build leaves them). It ends by that signal, as a shell expects: exit
status 130 for Ctrl-C, 143 for SIGTERM.

  --port N    the port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --out DIR   where to write the PDFs (default out/<edition folder>/)
  --fit       copyfit every block (as if each had fit: auto)`,
  examples: [
    'banmian watch                                   # the sample edition on http://127.0.0.1:4400/',
    'banmian watch layouts/demo/edition.yaml --port 0   # a free port',
  ],
  options: { port: { type: 'string' }, out: { type: 'string' }, fit: { type: 'boolean' } },
  async run({ positionals, values }, cli) {
    if (positionals.length > 1) {
      process.stderr.write('banmian watch: name one edition (or page) to watch\n');
      return 2;
    }
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`banmian watch: --port ${String(values.port)} is not a port number (0–65535)\n`);
      return 2;
    }
    let w: Watch | undefined, builds: BuildServer | string | undefined;
    const signals = stopSignals(async () => { await w?.stop(); if (typeof builds === 'object') await builds.close('the watch stopped'); });
    try {
      const { startWatch } = await import('../watch/watch.ts'); // the server and previews load with this command only
      w = await startWatch({
        target: positionals[0] ?? defaultEdition(), port,
        ...(values.fit === true ? { fit: true } : {}), ...(typeof values.out === 'string' ? { out: values.out } : {}),
        onBusy: signals.busy,
        onImport(file, r) {
          const rel = (f: string) => relative(process.cwd(), f) || f;
          process.stdout.write(r.out ? `${new Date().toTimeString().slice(0, 8)}  imported ${rel(file)} → ${rel(r.out)}\n${r.decided.map((l) => `  ${l}\n`).join('')}` : '');
          for (const d of r.diagnostics) process.stdout.write(`  ${oneLine(d)}\n`);
        },
        onRebuild(a) {
          const count = (s: Diagnostic['severity']) => a.diagnostics.filter((d) => d.severity === s).length;
          const head = `${new Date().toTimeString().slice(0, 8)}  ${a.ok ? 'built' : 'FAILED'} in ${Math.round(a.ms)} ms` +
            `${a.did ? ` (${a.did})` : ''}  ${counted(count('error'), 'error')}  ${counted(count('warning'), 'warning')}`;
          process.stdout.write(`${head}${a.ok ? '' : '; showing the last good pages'}\n`);
          for (const d of a.diagnostics) if (d.severity === 'error') process.stdout.write(`  ${oneLine(d)}\n`);
        },
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      process.stderr.write(`banmian watch: port ${port} on 127.0.0.1 is in use; choose another with --port N (0 picks a free one)\n`);
      return 1;
    }
    process.stdout.write(`banmian watch: previewing ${w.session.target} at ${w.url}  (Ctrl-C to stop)\n`);
    // warm as it is, it runs this folder's builds too (banmian server); without it they run as usual
    builds = await (await import('../server/serve.ts')).serveBuilds({ run: cli.run, host: 'watch' });
    if (typeof builds === 'object') process.stdout.write('banmian watch: banmian build and check in this folder run here while it runs (banmian server status)\n');
    const signal = await signals.stopped;
    process.stdout.write('banmian watch: stopped\n');
    process.kill(process.pid, signal); // its default action now: the process ends here
    return 128 + constants.signals[signal]; // what a shell reports for it, should the signal come late
  },
};

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * SIGINT and SIGTERM end the watch at once, whatever it is doing. A rebuild holds the event loop
 * for seconds on a large edition (layout and render keys are synchronous work), and no signal
 * handler can run meanwhile; so while one runs the two signals keep their default action and
 * the kernel ends the process on the spot. Between rebuilds a handler runs
 * `stop` (the watchers, the event streams, the server) and `stopped` resolves with the signal,
 * to be raised again once the handler is gone: either way the process dies of the signal. A
 * second signal, or a `stop` that takes over half a second, ends it at once too.
 */
function stopSignals(stop: () => Promise<void>) {
  let armed = false, stopping = false;
  let resolve!: (s: StopSignal) => void;
  const stopped = new Promise<StopSignal>((r) => { resolve = r; });
  const handler = (signal: StopSignal) => {
    stopping = true;
    arm(false);
    setTimeout(() => process.kill(process.pid, signal), 500);
    void stop().finally(() => resolve(signal));
  };
  const arm = (on: boolean) => {
    if (on === armed) return;
    armed = on;
    for (const s of STOP_SIGNALS) on ? process.on(s, handler) : process.off(s, handler);
  };
  arm(true);
  return { stopped, busy: (busy: boolean) => arm(!busy && !stopping) };
}

/** `file:line:col: error CODE: message` (the preview shows the source line and the hint). */
const oneLine = (d: Diagnostic): string => `${where(d)}: ${d.severity} ${d.code}: ${d.message}`;
