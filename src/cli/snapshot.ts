/** `banmian snapshot`: compare every page with its committed layout dump and picture, or accept them. */
import { join, resolve } from 'node:path';
import { DiagnosticError } from '../diagnostic.ts';
import { layoutTarget, snapshotSubject, type EditionLayout } from '../build.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { printDiagnostics } from './report.ts';
import type { Command } from './command.ts';

export const snapshot: Command = {
  name: 'snapshot',
  summary: 'compare every page with its layout and picture snapshots (--update accepts the new state)',
  usage: 'snapshot [EDITION_OR_PAGE.yaml ...] [--update]',
  help: `For every page, writes a text dump of its layout (block → column → line, pt) and a 50 dpi
grayscale picture, and compares them with layouts/<edition>/snapshots/pNN.txt and pNN.png. A
difference is reported line by line and written to out/snapshots/<edition>/ (the new dump, the
new picture and pNN.diff.png: changed ink in red and blue over the faded page); exit status 1.
With no file, checks every edition under layouts/ that has a snapshots/ folder.

  --update    make the current state the reference (creates the snapshots/ folder; removes
              references of pages the edition no longer has)`,
  examples: [
    'banmian snapshot                                # every edition with a snapshots/ folder',
    'banmian snapshot layouts/demo/edition.yaml --update   # accept the demo\'s current pages',
  ],
  options: { update: { type: 'boolean' } },
  async run({ positionals, values }) {
    const update = values.update === true;
    // the rasteriser and pixel diff (pdfjs, sharp) load with this command only
    const { editionsWithSnapshots, formatSnapshot, snapshotEdition, snapshotFailed } = await import('../snapshot/edition.ts');
    const targets = positionals.length ? positionals : editionsWithSnapshots(join(PACKAGE_ROOT, 'layouts'));
    if (!targets.length) {
      process.stderr.write('banmian snapshot: no edition under layouts/ has a snapshots/ folder; name one, with --update to start its snapshots\n');
      return 2;
    }
    let failed = false, differs = false;
    for (const target of targets) {
      let layout: EditionLayout;
      try {
        layout = layoutTarget(target);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        printDiagnostics(e.diagnostics, false);
        failed = true;
        continue;
      }
      const s = await snapshotEdition(snapshotSubject(layout), {
        update,
        outDir: resolve('out/snapshots', layout.edition.name),
        prune: resolve(target) === layout.edition.file, // an edition, not some of its pages
      });
      process.stdout.write(`${formatSnapshot(s)}\n`);
      if (snapshotFailed(s)) differs = true;
    }
    if (differs) process.stdout.write('accept the new state with: npx banmian snapshot --update\n');
    return failed || differs ? 1 : 0;
  },
};
