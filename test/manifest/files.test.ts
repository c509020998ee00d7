/**
 * banmian reads only regular files, each kind up to a size limit, and a file it cannot read is
 * reported at the key that names it: a story, a photo, a page. A device (/dev/zero) or a named
 * pipe, directly or through a symbolic link, is refused before it is opened: it would never end,
 * or wait for ever.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStory } from '../../src/content/story.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { lineOf, sampleProject, thrownDiagnostics, type Project } from '../project.ts';

const P02 = 'layouts/sample/p02.yaml';
const posix = process.platform !== 'win32';

/** Where `key: value` is on the line of p02.yaml that has `on`: [line, column of the value]. */
function at(p: Project, on: string, key: string): { line: number; col: number } {
  const line = lineOf(p.path(P02), on);
  const text = execFileSync('sed', ['-n', `${line}p`, p.path(P02)], { encoding: 'utf8' });
  return { line, col: text.indexOf(`${key}: `) + key.length + 3 };
}

const replaceWith = (p: Project, rel: string, make: (file: string) => void) => { rmSync(p.path(rel)); make(p.path(rel)); };

describe('a story that is no article file: reported at the page\'s story: key', () => {
  it.each([
    ['a folder', (f: string) => mkdirSync(f), 'NOT_A_FILE', /story "glass" .*glass\.md is a folder, not a file/],
    ['/dev/zero through a symbolic link', (f: string) => symlinkSync('/dev/zero', f), 'UNREADABLE_FILE', /is a device, not a file/],
    ['a named pipe', (f: string) => execFileSync('mkfifo', [f]), 'UNREADABLE_FILE', /is a named pipe \(FIFO\), not a file/],
    ['5 MB', (f: string) => { writeFileSync(f, ''); truncateSync(f, 5 * 1024 * 1024); }, 'FILE_TOO_LARGE', /is 5\.0 MB, more than the 4\.0 MB banmian reads for an article/],
  ] as const)('%s', (_, make, code, message) => {
    if (!posix) return;
    const p = sampleProject();
    replaceWith(p, 'content/sample/glass.md', make);
    expect(thrownDiagnostics(() => loadTarget(p.edition))).toMatchObject([{ code, file: p.path(P02), ...at(p, 'id: glass,', 'story'), message: expect.stringMatching(message) }]);
  });

  it.runIf(posix)('read directly (banmian lint, an article named on the command line), a pipe is refused at once', () => {
    const p = sampleProject();
    replaceWith(p, 'content/sample/glass.md', (f) => execFileSync('mkfifo', [f]));
    expect(thrownDiagnostics(() => loadStory('glass', p.path('content/sample/glass.md')))).toMatchObject([{ code: 'UNREADABLE_FILE', file: p.path('content/sample/glass.md') }]);
  });
});

describe('a photo that is no image file: reported at its file: key', () => {
  const PHOTO = 'content/sample/photos/site.jpg';
  it.each([
    ['/dev/urandom through a symbolic link', (f: string) => symlinkSync('/dev/urandom', f), 'UNREADABLE_FILE', /photo "photos\/site\.jpg" .* is a device, not a file/],
    ['a named pipe', (f: string) => execFileSync('mkfifo', [f]), 'UNREADABLE_FILE', /is a named pipe \(FIFO\)/],
    ['a folder', (f: string) => mkdirSync(f), 'NOT_A_FILE', /is a folder/],
    ['201 MB', (f: string) => { writeFileSync(f, ''); truncateSync(f, 201 * 1024 * 1024); }, 'FILE_TOO_LARGE', /is 201 MB, more than the 200 MB banmian reads for a photo/],
  ] as const)('%s', (_, make, code, message) => {
    if (!posix) return;
    const p = sampleProject();
    replaceWith(p, PHOTO, make);
    expect(thrownDiagnostics(() => loadTarget(p.edition))).toMatchObject([{ code, file: p.path(P02), ...at(p, 'id: site,', 'file'), message: expect.stringMatching(message) }]);
  });

  it('more pixels than the image library decodes: its own message and hint, not "damaged"', () => {
    const p = sampleProject();
    // a PNG header for 20000 × 20000 pixels: the size is read from it, the pixels never
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(png);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(20000, 16);
    png.writeUInt32BE(20000, 20);
    png.set([8, 2, 0, 0, 0], 24);
    writeFileSync(p.path(PHOTO), png);
    const [d] = thrownDiagnostics(() => loadTarget(p.edition));
    expect(d).toMatchObject({ code: 'IMAGE_TOO_LARGE', ...at(p, 'id: site,', 'file'), message: 'site.jpg is 20000 × 20000 pixels (400 megapixels); banmian reads photos of up to 268 megapixels' });
    expect(d!.hint).toMatch(/resize it/);
  });
});

describe('manifests', () => {
  it.runIf(posix)('a page that is a named pipe, or over 1 MB: at the edition\'s pages: line', () => {
    const p = sampleProject();
    const pages = { file: p.edition, line: lineOf(p.edition, 'pages:') };
    replaceWith(p, P02, (f) => execFileSync('mkfifo', [f]));
    expect(thrownDiagnostics(() => loadTarget(p.edition))).toMatchObject([{ code: 'UNREADABLE_FILE', ...pages }]);
    replaceWith(p, P02, (f) => writeFileSync(f, `number: 2\n# ${'x'.repeat(1024 * 1024)}\n`));
    expect(thrownDiagnostics(() => loadTarget(p.edition))).toMatchObject([{ code: 'FILE_TOO_LARGE', ...pages, message: expect.stringMatching(/more than the 1\.0 MB banmian reads for a YAML file/) }]);
  });
});
