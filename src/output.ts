/**
 * The output folder (out/<edition>/) written the way a database writes a transaction: after a
 * crash at any instant, the next command that touches the folder finds every file old or every
 * file new. The files stay ordinary files in the folder; the journal beside them is a hidden
 * folder on the same file system, so every move is a rename(2):
 *
 * 1. the new files are written and fsynced as `new.NAME` in a private folder
 *    `.banmian-journal.PID.N` with `owner` (the process id);
 * 2. that folder is renamed to `.banmian-journal`: the lock (a rename onto a folder that is not
 *    empty fails), so one writer at a time;
 * 3. every file about to be replaced is hard-linked (or copied) to `old.NAME`, a file that is new
 *    gets a `none.NAME` marker, a target that cannot be replaced (a folder of that name) stops
 *    the write here, and the journal is fsynced;
 * 4. the empty file `COMMIT` is created and the journal fsynced: the commit point;
 * 5. each `new.NAME` is renamed over NAME, each NAME marked `gone.NAME` (a file the write removes,
 *    edition.pdf when its pages are no longer the current ones) is deleted and its mark with it,
 *    the folder is fsynced and the journal deleted.
 *
 * Recovery (`recoverOutput`, at the start of every command that writes or reads the folder: one
 * lstat when there is nothing to do) takes over a journal whose owner is gone: without `COMMIT`
 * it is deleted (all old); with it the renames are finished (all new). A rename that fails
 * (a locked file, a folder that appeared) writes `ABORT`, and each file already moved is put
 * back from `old.NAME` or removed after `none.NAME` (all old). Every step can be repeated, so a
 * crash during recovery is recovered the same way.
 */
import { closeSync, copyFileSync, constants, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { diag, DiagnosticError } from './diagnostic.ts';

export interface OutputFile {
  name: string; // a file name in the output folder
  data: Uint8Array;
}

export const JOURNAL = '.banmian-journal';
const OWNER = 'owner', COMMIT = 'COMMIT', ABORT = 'ABORT', NEW = 'new.', OLD = 'old.', NONE = 'none.', GONE = 'gone.';
const WAIT_MS = 30_000; // for another process's write to finish
const STALE_MS = 10 * 60_000; // a write never holds the lock this long: its owner's id was reused

/** Journals, private or not, this process is writing (one of its own that is not here is a leftover). */
const holding = new Set<string>();
let writes = 0; // names this process's private journals

// test only: BANMIAN_TEST_KILL_AT=N kills the process at the N-th step of a write, so a test can
// crash a real build at every instant that matters (test/build/crash.test.ts)
const KILL_AT = Number(process.env.BANMIAN_TEST_KILL_AT ?? 0);
let steps = 0;
const step = (): void => { if (KILL_AT && ++steps === KILL_AT) process.kill(process.pid, 'SIGKILL'); };

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException)?.code;

/** A write or rename that failed, in words, with what to do. */
function unwritable(path: string, e: unknown): DiagnosticError {
  const code = errno(e);
  const [why, hint] =
    code === 'EISDIR' || code === 'ENOTEMPTY' ? ['a folder of that name is in the way', 'move or delete that folder, or build into another folder with --out'] :
    code === 'ENOTDIR' || code === 'EEXIST' ? ['a file is in the way of the folder', 'move or delete that file, or build into another folder with --out'] :
    code === 'EACCES' || code === 'EPERM' ? ['permission denied (a read-only, locked or immutable file or folder?)', 'check the permissions of the folder and its files, or build into another folder with --out'] :
    code === 'ENOSPC' || code === 'EDQUOT' ? ['the disk is full', 'free some space, or build into a folder on another disk with --out'] :
    code === 'EROFS' ? ['the file system is read-only', 'build into a folder on a writable disk with --out'] :
    [(e as Error)?.message ?? String(e), 'check the folder, or build into another folder with --out'];
  return new DiagnosticError([diag('error', 'OUTPUT_UNWRITABLE', `cannot ${code === 'EISDIR' ? 'replace' : 'write'} ${path}: ${why}`, { file: path, hint })]);
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened there; NTFS journals renames itself
  const fd = openSync(dir, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

async function stage(file: string, data: Uint8Array): Promise<void> {
  const h = await open(file, 'wx');
  try {
    await h.writeFile(data);
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Whether the process `pid` still runs (this process's own id counts as gone: its leftovers are known). */
export const alive = (pid: number): boolean => {
  if (!(pid > 0) || pid === process.pid) return false; // a damaged owner file; a journal of ours that is not in `holding`
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM'; // there, but another user's
  }
};

/**
 * Recovers the folder after a write that did not finish (a crash, a kill, a power cut), or waits
 * while another process writes it. Nothing to do costs one lstat.
 */
export async function recoverOutput(dir: string): Promise<void> {
  const journal = join(dir, JOURNAL);
  const until = Date.now() + WAIT_MS;
  try {
    while (present(journal)) await takeOverOrWait(dir, until);
  } catch (e) {
    throw e instanceof DiagnosticError ? e : stuck(dir, e);
  }
}

function present(journal: string): boolean {
  try {
    if (lstatSync(journal).isDirectory()) return true;
  } catch (e) {
    if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return false;
    throw unwritable(journal, e);
  }
  throw new DiagnosticError([diag('error', 'OUTPUT_UNWRITABLE', `${journal} is not banmian's journal (a folder), so banmian cannot write here`, { file: journal, hint: 'move that file away, or build into another folder with --out' })]);
}

/** Takes over the journal when its owner is gone and finishes or undoes its write; else waits a moment. */
async function takeOverOrWait(dir: string, until: number): Promise<void> {
  const journal = join(dir, JOURNAL), owner = join(journal, OWNER);
  let pid: number | undefined, since: number;
  try {
    since = statSync(owner).mtimeMs;
    pid = Number.parseInt(readFileSync(owner, 'utf8'), 10);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw unwritable(owner, e);
    // no owner: another process is taking the journal over, or died doing so
    try { since = statSync(journal).mtimeMs; } catch { return; }
  }
  const stale = Date.now() - since > STALE_MS;
  if (!stale && (pid === undefined ? Date.now() - since < 5000 : alive(pid) || holding.has(journal))) {
    if (Date.now() > until) {
      throw new DiagnosticError([diag('error', 'OUTPUT_UNWRITABLE', `another banmian${pid ? ` (process ${pid})` : ''} has been writing to ${dir} for over ${WAIT_MS / 1000} s`, { file: dir, hint: 'wait for it to finish and run this again, or build into another folder with --out' })]);
    }
    await sleep(20);
    return;
  }
  // a rename or an exclusive create: of two processes taking over, one wins
  try {
    if (pid === undefined) closeSync(openSync(owner, 'wx'));
    else renameSync(owner, `${owner}.${process.pid}`);
  } catch (e) {
    if (errno(e) === 'ENOENT' || errno(e) === 'EEXIST') return; // the other one did; look again
    throw unwritable(owner, e);
  }
  writeFileSync(owner, `${process.pid}\n`);
  holding.add(journal);
  try {
    settle(dir);
  } catch (e) {
    if (e instanceof DiagnosticError && !present(journal)) return; // undone: the folder is all old
    throw e;
  } finally {
    holding.delete(journal);
  }
}

/**
 * Finishes the journalled write in `dir` (the caller holds the journal): forward after COMMIT,
 * back after ABORT or when a rename fails, and deletes the journal. Throws OUTPUT_UNWRITABLE when
 * the write was undone (the folder is all old) or could not be finished (the journal stays for
 * the next command).
 */
function settle(dir: string): void {
  const journal = join(dir, JOURNAL);
  const entries = readdirSync(journal);
  if (!entries.includes(COMMIT)) return void rmSync(journal, { recursive: true, force: true });
  const named = (prefix: string) => entries.filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length));
  // a file removed counts as moved: undoing puts its old.NAME back whether or not it was deleted yet
  const moved = (name: string) => !existsIn(journal, NEW + name);
  let failure: DiagnosticError | undefined;
  if (!entries.includes(ABORT)) {
    for (const [name, gone] of [...named(NEW).map((n) => [n, false] as const), ...named(GONE).map((n) => [n, true] as const)]) {
      try {
        if (gone) {
          rmSync(join(dir, name), { force: true });
          unlinkSync(join(journal, GONE + name));
        } else {
          renameSync(join(journal, NEW + name), join(dir, name));
        }
        step();
      } catch (e) {
        if (!gone && errno(e) === 'ENOENT' && moved(name)) continue;
        failure = unwritable(join(dir, name), e);
        try {
          closeSync(openSync(join(journal, ABORT), 'w'));
          fsyncDir(journal);
        } catch (e2) {
          throw stuck(dir, e2);
        }
        step();
        break;
      }
    }
  }
  try {
    if (failure || entries.includes(ABORT)) {
      for (const name of named(OLD)) {
        if (!moved(name)) continue;
        try { renameSync(join(journal, OLD + name), join(dir, name)); } catch (e) { if (errno(e) !== 'ENOENT') throw e; }
        step();
      }
      for (const name of named(NONE)) if (moved(name)) { rmSync(join(dir, name), { force: true }); step(); }
    }
    fsyncDir(dir);
    unlinkSync(join(journal, COMMIT));
    step();
    rmSync(journal, { recursive: true, force: true });
  } catch (e) {
    throw stuck(dir, e);
  }
  if (failure) throw failure;
}

const existsIn = (dir: string, name: string): boolean => {
  try {
    lstatSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
};

const stuck = (dir: string, e: unknown): DiagnosticError => new DiagnosticError([diag('error', 'OUTPUT_UNWRITABLE',
  `an interrupted write in ${dir} could not be finished or undone: ${(e as Error)?.message ?? String(e)}`,
  { file: join(dir, JOURNAL), hint: `make the folder writable and run banmian again: it finishes the write from ${JOURNAL} (do not delete that folder by hand)` })]);

/** Leftovers of writes that died before their commit: private journals and the temporary files of earlier releases. */
function sweep(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = /^\.banmian-journal\.(\d+)\.\d+$/.exec(name) ?? /^(?:p\d+\.(?:pdf|png)|edition\.pdf|contact\.png)\.(\d+)\.tmp$/.exec(name);
    if (m && !alive(Number(m[1])) && !holding.has(join(dir, name))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Writes `files` into `dir` and removes the files named in `remove`, all together or not at all
 * (see above). A file that cannot be written or replaced throws OUTPUT_UNWRITABLE naming it, and
 * the folder is left as it was.
 */
export async function writeOutput(dir: string, files: readonly OutputFile[], remove: readonly string[] = []): Promise<void> {
  try {
    await write(dir, files, remove);
  } catch (e) {
    throw e instanceof DiagnosticError ? e : unwritable(dir, e);
  }
}

/** What a command that writes into `dir` does first: recovery, then the leftovers of writes that died before their commit. */
export async function prepareOutput(dir: string): Promise<void> {
  await recoverOutput(dir);
  try {
    sweep(dir);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw unwritable(dir, e);
  }
}

async function write(dir: string, files: readonly OutputFile[], remove: readonly string[]): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw unwritable(dir, e);
  }
  await prepareOutput(dir);
  const journal = join(dir, JOURNAL);
  const mine = `${journal}.${process.pid}.${++writes}`;
  try {
    mkdirSync(mine);
  } catch (e) {
    throw unwritable(dir, e);
  }
  holding.add(mine);
  try {
    const staged = await Promise.allSettled(files.map((f) => stage(join(mine, NEW + f.name), f.data)));
    const bad = staged.findIndex((r) => r.status === 'rejected');
    if (bad >= 0) throw unwritable(join(dir, files[bad]!.name), (staged[bad] as PromiseRejectedResult).reason);
    for (const name of remove) writeFileSync(join(mine, GONE + name), '');
    writeFileSync(join(mine, OWNER), `${process.pid}\n`);
    step();
    await lock(dir, mine);
  } catch (e) {
    rmSync(mine, { recursive: true, force: true });
    throw e;
  } finally {
    holding.delete(mine);
  }
  holding.add(journal);
  try {
    try {
      for (const name of [...files.map((f) => f.name), ...remove]) keepOld(dir, name);
      fsyncDir(dir); // the journal's name
      fsyncDir(journal);
      closeSync(openSync(join(journal, COMMIT), 'wx'));
      fsyncDir(journal);
    } catch (e) {
      rmSync(journal, { recursive: true, force: true }); // nothing replaced yet
      throw e instanceof DiagnosticError ? e : unwritable(dir, e);
    }
    step();
    settle(dir);
  } finally {
    holding.delete(journal);
  }
}

/** Renames the private journal to the journal once no other write holds it. */
async function lock(dir: string, mine: string): Promise<void> {
  const journal = join(dir, JOURNAL);
  const until = Date.now() + WAIT_MS;
  for (;;) {
    try {
      renameSync(mine, journal);
      step();
      return;
    } catch (e) {
      if (errno(e) !== 'ENOTEMPTY' && errno(e) !== 'EEXIST' && errno(e) !== 'ENOTDIR') throw unwritable(dir, e);
    }
    if (present(journal)) await takeOverOrWait(dir, until);
  }
}

/** What undoing the write needs for one target: a link to (or copy of) the file it replaces, or a note that there was none. */
function keepOld(dir: string, name: string): void {
  const target = join(dir, name), journal = join(dir, JOURNAL);
  let isDir: boolean;
  try {
    isDir = lstatSync(target).isDirectory();
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw unwritable(target, e);
    writeFileSync(join(journal, NONE + name), '');
    step();
    return;
  }
  if (isDir) throw unwritable(target, Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
  try {
    linkSync(target, join(journal, OLD + name));
  } catch (e) {
    // no hard links on this file system (FAT) or for this file (immutable): a copy does
    try {
      copyFileSync(target, join(journal, OLD + name), constants.COPYFILE_EXCL);
      const fd = openSync(join(journal, OLD + name), 'r+');
      try { fsyncSync(fd); } finally { closeSync(fd); }
    } catch {
      throw unwritable(target, e);
    }
  }
  step();
}

/** Replaces `file` whole (temporary file, fsync, rename): for single files such as an article rewritten by lint --fix. */
export function writeAtomic(file: string, data: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A page's PDF in the output folder. */
export const pageFileName = (n: number): string => `p${String(n).padStart(2, '0')}.pdf`;

/** All pages of an edition in order, written beside the page PDFs. */
export const EDITION_PDF = 'edition.pdf';
