/** `banmian watch`: rebuild an edition on every change and show it in a browser page. */
import type { Diagnostic } from '../diagnostic.ts';
import { where } from '../watch/server.ts';
import { defaultEdition } from './build.ts';
import type { Command } from './command.ts';

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
the PDFs in the output folder; a good one writes them like banmian build. Ctrl-C stops.

  --port N    the port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --out DIR   where to write the PDFs (default out/<edition folder>/)
  --fit       copyfit every block (as if each had fit: auto)`,
  options: { port: { type: 'string' }, out: { type: 'string' }, fit: { type: 'boolean' } },
  async run({ positionals, values }) {
    if (positionals.length > 1) {
      process.stderr.write('banmian watch: name one edition (or page) to watch\n');
      return 2;
    }
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`banmian watch: --port ${String(values.port)} is not a port number (0–65535)\n`);
      return 2;
    }
    let w;
    try {
      const { startWatch } = await import('../watch/watch.ts'); // the server and previews load with this command only
      w = await startWatch({
        target: positionals[0] ?? defaultEdition(), port,
        ...(values.fit === true ? { fit: true } : {}), ...(typeof values.out === 'string' ? { out: values.out } : {}),
        onRebuild(a) {
          const count = (s: Diagnostic['severity']) => a.diagnostics.filter((d) => d.severity === s).length;
          const head = `${new Date().toTimeString().slice(0, 8)}  ${a.ok ? 'built' : 'FAILED'} in ${Math.round(a.ms)} ms` +
            `${a.did ? ` (${a.did})` : ''}  ${count('error')} errors  ${count('warning')} warnings`;
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
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await w.stop();
    process.stdout.write('banmian watch: stopped\n');
    return 0;
  },
};

/** `file:line:col: error CODE: message` (the preview shows the source line and the hint). */
const oneLine = (d: Diagnostic): string => `${where(d)}: ${d.severity} ${d.code}: ${d.message}`;
