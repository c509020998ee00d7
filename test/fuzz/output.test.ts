/**
 * Fuzzing the journalled write (src/output.ts) with hostile output folders: files, folders and
 * symbolic links named like the edition's files, leftovers of dead writes, a rename that fails
 * after the commit point, and a crash before any change the write makes to the folder (a copy
 * of the folder taken at that moment, then recovered). Whatever happens, the folder ends with all
 * the old files or all the new ones and none of banmian's leftovers; a failed write is a
 * DiagnosticError with the folder all old.
 */
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DiagnosticError } from '../../src/diagnostic.ts';
import { JOURNAL, prepareOutput, writeOutput } from '../../src/output.ts';
import { survives } from './hostile.ts';

const spy = vi.hoisted(() => ({ before: undefined as undefined | ((call: string, args: unknown[]) => void) }));
vi.mock('node:fs', async (original) => (await import('../build/fsSpy.ts')).spiedFs(await original<typeof import('node:fs')>(), spy, { fsyncSync: () => undefined })); // durability is not what the fuzzer checks, and fsync is slow
vi.mock('node:fs/promises', async (original) => {
  const m = await original<typeof import('node:fs/promises')>();
  return { ...m, open: async (...args: Parameters<typeof m.open>) => Object.assign(await m.open(...args), { sync: async () => undefined }) };
});

const root = mkdtempSync(join(tmpdir(), 'banmian-fuzz-output-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NAMES = ['p01.pdf', 'p02.pdf', 'p10.pdf', 'edition.pdf', 'p01.png', 'contact.png'];
const DEAD = 2 ** 22 + 17; // no such process
const LEFTOVERS = [`p01.pdf.${DEAD}.tmp`, `edition.pdf.${DEAD}.tmp`, `${JOURNAL}.${DEAD}.3`];

type Entry = { kind: 'file'; text: string } | { kind: 'folder' } | { kind: 'link'; to: string };
const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 20 }).map((text) => ({ kind: 'file' as const, text: `old ${text}` })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'folder' as const }) },
  { weight: 1, arbitrary: fc.constantFrom('p01.pdf', 'nowhere', '.', '/').map((to) => ({ kind: 'link' as const, to })) },
);

const cases = fc.record({
  old: fc.dictionary(fc.constantFrom(...NAMES, 'notes.txt'), entry, { maxKeys: 7 }),
  news: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length }),
  leftovers: fc.subarray(LEFTOVERS),
  failAt: fc.option(fc.nat({ max: 5 }), { nil: undefined }), // the rename into place (counted from 1) that fails
  crashes: fc.uniqueArray(fc.nat({ max: 23 }), { maxLength: 3 }), // which of the moments before a change to test
});

/** What a folder shows: each name with its content, `folder` or where its link points. */
function view(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const st = fs.lstatSync(join(dir, name));
    out[name] = st.isSymbolicLink() ? `-> ${fs.readlinkSync(join(dir, name))}` : st.isDirectory() ? 'folder' : fs.readFileSync(join(dir, name), 'utf8');
  }
  return out;
}

let n = 0;
async function run(c: typeof cases extends fc.Arbitrary<infer T> ? T : never): Promise<void> {
  const dir = join(root, `c${++n}`);
  fs.mkdirSync(dir);
  for (const [name, e] of Object.entries(c.old)) {
    if (e.kind === 'file') fs.writeFileSync(join(dir, name), e.text);
    else if (e.kind === 'folder') fs.mkdirSync(join(dir, name));
    else fs.symlinkSync(e.to, join(dir, name));
  }
  for (const l of c.leftovers) l.startsWith(JOURNAL) ? fs.mkdirSync(join(dir, l)) : fs.writeFileSync(join(dir, l), 'partial');
  const before = view(dir);
  for (const l of c.leftovers) delete before[l];
  const files = c.news.map((name) => ({ name, data: Buffer.from(`new ${name} ${n}`) }));
  const after = { ...before, ...Object.fromEntries(files.map((f) => [f.name, f.data.toString()])) };

  let moved = 0, locked: string | undefined;
  const fail = (call: string, args: unknown[]) => {
    if (c.failAt === undefined || call !== 'renameSync' || !String(args[0]).includes(`${JOURNAL}/new.`)) return;
    const name = basename(String(args[1]));
    if (locked === undefined && ++moved === c.failAt) locked = name;
    if (name === locked) throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
  };
  const images: string[] = [];
  let changes = 0;
  spy.before = (call, args) => {
    if (String(args[0]).startsWith(dir) && !String(args[0]).startsWith(`${dir}.`) && c.crashes.includes(changes++)) {
      const image = `${dir}.${changes}`;
      fs.cpSync(dir, image, { recursive: true, verbatimSymlinks: true });
      images.push(image);
    }
    fail(call, args);
  };
  let error: unknown;
  try {
    await writeOutput(dir, files);
  } catch (e) {
    error = e;
  }
  spy.before = fail; // a locked file stays locked while the copies are recovered
  try {
    if (error !== undefined) {
      expect(error).toBeInstanceOf(DiagnosticError);
      expect((error as DiagnosticError).diagnostics[0]!.code).toBe('OUTPUT_UNWRITABLE');
      expect(view(dir)).toEqual(before);
    } else {
      expect(view(dir)).toEqual(after);
    }
    for (const image of images) {
      await prepareOutput(image);
      expect([before, after]).toContainEqual(view(image));
    }
  } finally {
    spy.before = undefined;
    for (const d of [dir, ...images]) rmSync(d, { recursive: true, force: true });
  }
}

describe('fuzz: the output folder', () => {
  it('any folder, any failed rename, a crash at any moment: all old or all new, nothing left over', async () => {
    const count = await survives('output folder', cases, run, { quick: 30, long: 5000, ms: 5000 }, 13);
    expect(count).toBeGreaterThan(0);
  }, 600_000);
});
