/**
 * The command line: `banmian build [EDITION_OR_PAGE.yaml ...] [--out DIR] [--json]`.
 * Prints one summary line per page and every diagnostic; exits 1 when there are errors.
 */
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DiagnosticError, formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostic.ts';
import { layoutTarget, writeEdition, type EditionLayout } from '../build.ts';
import { PACKAGE_ROOT } from '../manifest/load.ts';

const USAGE = `usage: banmian build [EDITION_OR_PAGE.yaml ...] [--out DIR] [--json]

  build    lay out an edition (or single pages of it) and write one PDF per page
           to DIR/pNN.pdf (default out/<edition folder>/); with no file, builds
           the sample edition layouts/sample/edition.yaml

options:
  --out DIR   where to write the PDFs
  --json      print diagnostics as JSON lines instead of compiler-style messages
  -h, --help  show this help`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    process.stderr.write(`banmian: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [cmd, ...files] = parsed.positionals;
  if (parsed.values.help || !cmd) {
    process.stdout.write(USAGE + '\n');
    return cmd || parsed.values.help ? 0 : 2;
  }
  if (cmd !== 'build') {
    process.stderr.write(`banmian: unknown command "${cmd}"\n\n${USAGE}\n`);
    return 2;
  }
  const targets = files.length ? files : [join(PACKAGE_ROOT, 'layouts/sample/edition.yaml')];
  const print = (ds: readonly Diagnostic[]) => {
    for (const d of ds) process.stderr.write((parsed.values.json ? JSON.stringify(d) : formatDiagnostic(d)) + '\n');
  };
  let failed = false;
  for (const target of targets) {
    let layout: EditionLayout;
    try {
      layout = layoutTarget(target);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      print(e.diagnostics);
      process.stderr.write(`${target}: nothing written\n`);
      failed = true;
      continue;
    }
    const outDir = resolve(parsed.values.out ?? join('out', layout.edition.name));
    print(layout.diagnostics);
    const written = await writeEdition(layout, outDir);
    for (const w of written) {
      const lines = w.page.blocks.reduce((s, b) => s + b.frames.reduce((t, f) => t + f.lines.length, 0), 0);
      const chars = w.page.blocks.reduce((s, b) => s + b.frames.reduce((t, f) => t + f.lines.reduce((u, l) => u + [...l.text].length, 0), 0), 0);
      const over = w.page.blocks.reduce((s, b) => s + b.overflow, 0);
      const errs = w.page.diagnostics.filter((d) => d.severity === 'error').length;
      const warns = w.page.diagnostics.length - errs;
      process.stdout.write(
        `${basename(w.file, '.pdf')}  ${w.page.blocks.length} blocks  ${lines} lines  ${chars} chars  ` +
        `${over ? `OVERFLOW ${over} lines` : 'no overflow'}  ${errs} errors  ${warns} warnings  → ${relative(process.cwd(), w.file) || w.file} (${Math.round(w.bytes / 1024)} KB)\n`,
      );
    }
    if (hasErrors(layout.diagnostics)) failed = true;
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // Not a user mistake: a bug in banmian. Say so plainly; the stack only on request.
    process.stderr.write(`banmian: internal error: ${(e as Error)?.message ?? String(e)}\n  please report this with the command you ran${process.env.BANMIAN_DEBUG ? `\n${(e as Error)?.stack}` : ' (set BANMIAN_DEBUG=1 for details)'}\n`);
    process.exitCode = 70;
  },
);
