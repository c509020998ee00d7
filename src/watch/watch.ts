/**
 * `banmian watch` without the command line: the edition session, the folder watcher and the
 * preview server wired together. Rebuilds run one at a time; changes that arrive during one are
 * collected and rebuilt together after it.
 */
import { basename, dirname, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { startServer } from './server.ts';
import { EditionSession, type Attempt } from './session.ts';
import { FolderWatcher } from './watcher.ts';
import { exclusive } from '../server/lock.ts';
import type { ImportResult } from '../import/import.ts';

/** A Word file saved into the content folder (not Word's ~$ lock file beside an open one). */
const isDocx = (f: string): boolean => /\.docx$/i.test(f) && !basename(f).startsWith('~$');

export interface WatchOptions {
  target: string; // edition or page manifest, or an edition's folder
  port: number; // 0: any free port
  fit?: boolean;
  out?: string;
  onRebuild(a: Attempt, changed: ReadonlySet<string>): void;
  /**
   * Told when a rebuild starts and when it ends. A rebuild starts a turn of the event loop after
   * it is scheduled, so a signal that arrived before has been handled by then (it stopped the
   * watch, and the rebuild does not start).
   */
  onBusy?(busy: boolean): void;
  /** Told when a Word file dropped into the content folder was imported as an article (or could not be). */
  onImport?(file: string, r: ImportResult): void;
}

export interface Watch {
  url: string;
  session: EditionSession;
  /** Stops watching, lets a running rebuild finish, closes the server and its event streams. */
  stop(): Promise<void>;
}

export async function startWatch(o: WatchOptions): Promise<Watch> {
  const session = new EditionSession(resolve(o.target), { ...(o.fit ? { fit: true } : {}), ...(o.out ? { out: resolve(o.out) } : {}) });
  const server = await startServer(session, o.port);
  let running: Promise<void> | undefined;
  let queued: Set<string> | undefined;
  let stopped = false;

  const rebuild = async (changed: Set<string>) => {
    await new Promise((next) => setImmediate(next));
    if (stopped) return;
    const docx = [...changed].filter(isDocx);
    if (docx.length) {
      // imported beside itself as <id>.md, never over an article; writing that is the change that rebuilds
      const content = session.dirs().find((d) => d.recursive)?.dir;
      const { importArticle } = await import('../import/import.ts');
      for (const f of docx) if (content && f.startsWith(content + sep) && existsSync(f)) o.onImport?.(f, await importArticle(f, dirname(f)));
      for (const f of docx) changed.delete(f);
      if (!changed.size) return;
    }
    o.onBusy?.(true);
    let a: Attempt;
    try {
      server.notify('building');
      a = await session.rebuild(changed);
    } finally {
      o.onBusy?.(false);
    }
    if (stopped) return; // stopped during the rebuild: nothing is watched or told again
    watcher.add(session.dirs()); // a manifest may name new folders
    server.notify('built');
    o.onRebuild(a, changed);
  };
  const schedule = (changed: Set<string>) => {
    if (stopped) return;
    if (running) {
      queued = new Set([...(queued ?? []), ...changed]);
      return;
    }
    running = exclusive(() => rebuild(changed)).finally(() => { // not while a build it serves runs (cli/watch.ts)
      running = undefined;
      const next = queued;
      queued = undefined;
      if (next) schedule(next);
    });
  };
  const watcher = new FolderWatcher((f) => session.relevant(f) || isDocx(f), schedule);
  watcher.add(session.dirs());
  setImmediate(() => schedule(new Set())); // the first build, once the caller has the URL

  return {
    url: server.url,
    session,
    async stop() {
      stopped = true;
      watcher.close();
      await running;
      await server.close();
    },
  };
}
