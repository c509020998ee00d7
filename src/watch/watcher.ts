/**
 * Folders watched with node:fs watch (inotify on Linux; a folder watch also sees editors that
 * save by writing a new file and renaming it over the old one). Changes are collected until
 * nothing has changed for `debounceMs`, then handed over as one set of absolute paths.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export class FolderWatcher {
  private watchers = new Map<string, FSWatcher>();
  private pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly relevant: (file: string) => boolean,
    private readonly onChange: (files: Set<string>) => void,
    private readonly debounceMs = 60,
  ) {}

  /** Starts watching the folders not watched yet; those already watched stay. Once closed, watches nothing. */
  add(dirs: Iterable<{ dir: string; recursive: boolean }>): void {
    if (this.closed) return; // a rebuild that ends after close() must not keep the process alive
    for (const { dir, recursive } of dirs) {
      if (this.watchers.has(dir)) continue;
      try {
        const w = watch(dir, { recursive }, (_, name) => {
          if (name && this.relevant(join(dir, name))) this.changed(join(dir, name));
        });
        // the folder went away: forget it, so that a later add() watches it again
        w.on('error', () => { w.close(); this.watchers.delete(dir); });
        this.watchers.set(dir, w);
      } catch { /* gone between listing and watching: the next rebuild lists it again */ }
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private changed(file: string): void {
    this.pending.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const files = this.pending;
      this.pending = new Set();
      this.onChange(files);
    }, this.debounceMs);
  }
}
