/**
 * The journalled write of src/output.ts, state by state: the folder is copied before every change
 * the write makes to it (the states a crash can leave), and each copy, recovered, holds all the old
 * files or all the new ones and nothing else. A rename that fails after the commit point undoes
 * the write.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { JOURNAL, prepareOutput, recoverOutput, writeOutput } from '../../src/output.ts';

// every call that changes the folder first runs `before` (a copy of the folder, or a failure)
const spy = vi.hoisted(() => ({ before: undefined as undefined | ((call: string, args: unknown[]) => void) }));
vi.mock('node:fs', async (original) => (await import('./fsSpy.ts')).spiedFs(await original<typeof import('node:fs')>(), spy));

const scratch = mkdtempSync(join(tmpdir(), 'banmian-journal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const folder = () => join(scratch, `f${++n}`);

type Files = Record<string, string>;
const OLD: Files = { 'p01.pdf': 'old page 1', 'p02.pdf': 'old page 2', 'edition.pdf': 'old edition', 'notes.txt': 'not banmian\'s' };
const NEW: Files = { 'p01.pdf': 'new page 1', 'p02.pdf': 'new page 2', 'p03.pdf': 'new page 3', 'edition.pdf': 'new edition' };
const newFiles = Object.entries(NEW).map(([name, text]) => ({ name, data: Buffer.from(text) }));

function make(files: Files): string {
  const dir = folder();
  fs.mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}
const read = (dir: string): Files => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const allNew = { ...OLD, ...NEW };
const sorted = (f: Files) => Object.fromEntries(Object.entries(f).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Copies of `dir` taken before each change the write makes to it. */
function images(dir: string): string[] {
  const out: string[] = [];
  spy.before = (call, args) => {
    if (!String(args[0]).startsWith(dir)) return;
    const image = `${dir}.${out.length}-${call}`;
    fs.cpSync(dir, image, { recursive: true });
    out.push(image);
  };
  return out;
}

beforeEach(() => { spy.before = undefined; });

describe('the journalled write', () => {
  it('a crash between any two changes leaves, once recovered, all the old files or all the new ones', async () => {
    const dir = make(OLD);
    const states = images(dir);
    await writeOutput(dir, newFiles);
    spy.before = undefined;
    expect(read(dir)).toEqual(sorted(allNew));
    expect(states.length).toBeGreaterThan(12);
    const outcomes = [];
    for (const image of states) {
      await prepareOutput(image);
      const now = read(image);
      expect([sorted(OLD), sorted(allNew)], image).toContainEqual(now); // and no journal or temporary file
      outcomes.push(now['p03.pdf'] ? 'new' : 'old');
    }
    // old up to the commit point, new after it
    expect(outcomes.join(' ')).toMatch(/^(old )+(new ?)+$/);
  });

  it('a file the write removes (edition.pdf, its pages not current) is there with the old files or gone with the new ones, whenever it crashes', async () => {
    const dir = make(OLD);
    const states = images(dir);
    await writeOutput(dir, newFiles.filter((f) => f.name !== 'edition.pdf'), ['edition.pdf']);
    spy.before = undefined;
    const { 'edition.pdf': _, ...removed } = allNew;
    expect(read(dir)).toEqual(sorted(removed));
    expect(states.some((s) => s.endsWith('rmSync'))).toBe(true);
    const outcomes = [];
    for (const image of states) {
      await prepareOutput(image);
      const now = read(image);
      expect([sorted(OLD), sorted(removed)], image).toContainEqual(now);
      outcomes.push(now['p03.pdf'] ? 'new' : 'old');
    }
    expect(outcomes.join(' ')).toMatch(/^(old )+(new ?)+$/);
  });

  it('a removal that fails after the commit point undoes the whole write', async () => {
    const dir = make(OLD);
    spy.before = (call, args) => {
      if (call === 'rmSync' && String(args[0]) === join(dir, 'edition.pdf')) throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    };
    const e = await writeOutput(dir, newFiles.filter((f) => f.name !== 'edition.pdf'), ['edition.pdf']).then(() => undefined, (x: unknown) => x);
    expect((e as DiagnosticError).diagnostics).toMatchObject([{ code: 'OUTPUT_UNWRITABLE', file: join(dir, 'edition.pdf') }]);
    spy.before = undefined;
    expect(read(dir)).toEqual(sorted(OLD));
  });

  it('a rename that fails after the commit point (a locked file) undoes the write, and so does recovery at any moment of it', async () => {
    const dir = make(OLD);
    const states = images(dir);
    // the third file to be moved into place is locked: two are in place when its rename fails
    let moved = 0, lockedName: string | undefined;
    const locked = (call: string, args: unknown[]) => {
      if (call !== 'renameSync' || !String(args[0]).includes('/new.')) return;
      const name = basename(String(args[1]));
      if (lockedName === undefined && ++moved === 3) lockedName = name;
      if (name === lockedName) throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    };
    const take = spy.before!;
    spy.before = (call, args) => { take(call, args); locked(call, args); };
    const e = await writeOutput(dir, newFiles).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(DiagnosticError);
    const [d] = (e as DiagnosticError).diagnostics;
    expect(d).toMatchObject({ code: 'OUTPUT_UNWRITABLE', file: join(dir, lockedName!), message: `cannot write ${join(dir, lockedName!)}: permission denied (a read-only, locked or immutable file or folder?)` });
    expect(d!.hint).toMatch(/--out/);
    expect(read(dir)).toEqual(sorted(OLD));
    expect(states.some((s) => s.endsWith('renameSync'))).toBe(true);
    spy.before = locked; // the file stays locked while the copies are recovered
    for (const image of states) {
      await prepareOutput(image);
      expect(read(image), image).toEqual(sorted(OLD));
    }
  });

  it('a folder named like a file of the edition stops the write before anything is replaced', async () => {
    const dir = make(OLD);
    rmSync(join(dir, 'p02.pdf'));
    fs.mkdirSync(join(dir, 'p02.pdf'));
    const e = await writeOutput(dir, newFiles).then(() => undefined, (x: unknown) => x);
    expect((e as DiagnosticError).diagnostics).toMatchObject([{ code: 'OUTPUT_UNWRITABLE', file: join(dir, 'p02.pdf'), message: `cannot replace ${join(dir, 'p02.pdf')}: a folder of that name is in the way` }]);
    expect(readdirSync(dir).sort()).toEqual(['edition.pdf', 'notes.txt', 'p01.pdf', 'p02.pdf']);
    expect(readFileSync(join(dir, 'p01.pdf'), 'utf8')).toBe(OLD['p01.pdf']);
  });

  it('removes the leftovers of writes that died before committing, and only those', async () => {
    const dir = make(OLD);
    const dead = 2 ** 22 + 17; // above Linux's default pid_max: no such process
    for (const f of [`p01.pdf.${dead}.tmp`, `edition.pdf.${dead}.tmp`, `contact.png.${dead}.tmp`, 'notes.tmp', 'other.pdf.12.tmp']) writeFileSync(join(dir, f), 'x');
    fs.mkdirSync(join(dir, `${JOURNAL}.${dead}.1`));
    writeFileSync(join(dir, `${JOURNAL}.${dead}.1`, 'new.p01.pdf'), 'partial');
    await prepareOutput(dir);
    expect(readdirSync(dir).sort()).toEqual(['edition.pdf', 'notes.tmp', 'notes.txt', 'other.pdf.12.tmp', 'p01.pdf', 'p02.pdf']);
  });

  it('waits while another live process holds the journal, and leaves it alone', async () => {
    const dir = make(OLD);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      fs.mkdirSync(join(dir, JOURNAL));
      writeFileSync(join(dir, JOURNAL, 'owner'), `${sleeper.pid}\n`);
      writeFileSync(join(dir, JOURNAL, 'COMMIT'), '');
      writeFileSync(join(dir, JOURNAL, 'new.p01.pdf'), 'theirs');
      const start = Date.now();
      setTimeout(() => rmSync(join(dir, JOURNAL), { recursive: true }), 300); // the other process finishes
      await recoverOutput(dir);
      expect(Date.now() - start).toBeGreaterThanOrEqual(250);
      expect(read(dir)).toEqual(sorted(OLD)); // its journal was not taken over
    } finally {
      sleeper.kill();
    }
  });
});
