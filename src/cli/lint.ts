/** `banmian lint`: the copy lint of articles (标点与格式检查); `--fix` rewrites them in the standard forms. */
import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { diag, DiagnosticError, type Diagnostic } from '../diagnostic.ts';
import { writeAtomic } from '../output.ts';
import { fixCopy, lintCopy, unifiedDiff, type CopyStyle } from '../content/lint.ts';
import { loadTarget } from '../manifest/load.ts';
import { missingFile, readText } from '../manifest/yamlSource.ts';
import { defaultEdition } from './build.ts';
import type { Command } from './command.ts';
import { printDiagnostics } from './report.ts';

export const lint: Command = {
  name: 'lint',
  summary: 'check the copy of articles (标点与格式) and, with --fix, rewrite it in the standard forms',
  usage: 'lint [EDITION_OR_PAGE.yaml | ARTICLE.md | FOLDER ...] [--fix] [--space full|half] [--json]',
  help: `Checks the articles an edition or page uses (with no file: the sample edition), or the
Markdown files named or found in a folder: half-width , ; : ? ! ( ) . in Chinese text, ASCII
quotes, doubled marks, stray spaces between Chinese characters, full-width digits, a single —
meant as ——, a single …, small-form marks, invisible characters; the spaces of datelines and
bylines (新华社北京12月8日电　…, 本报记者 张三 李四) in the house form. docs/lint.md lists the
rules with an example each. \`banmian build\` prints the same warnings.

  --fix    rewrite the files with every fix that keeps the meaning, printing each change as a
           unified diff first; suggestions (a single — that may be a range) and what only a
           person can decide are listed after
  --space  the house space after a dateline and between names: full (U+3000) or half; by
           default one space of either kind is accepted and --fix writes a full-width one
  --json   findings as JSON lines

Exits 1 while findings remain.`,
  examples: [
    'banmian lint                                    # the articles of the sample edition',
    'banmian lint content/sample/finance.md --fix    # rewrite one article in the standard forms',
    'banmian lint content/ --json',
    'banmian lint --fix --space full                 # datelines and names spaced with U+3000',
  ],
  options: { fix: { type: 'boolean' }, json: { type: 'boolean' }, space: { type: 'string' } },
  async run({ positionals, values }) {
    const json = values.json === true;
    const space = values.space;
    if (space !== undefined && space !== 'full' && space !== 'half') {
      process.stderr.write(`banmian lint: --space is full (U+3000) or half (U+0020), not "${String(space)}"\n`);
      return 2;
    }
    const style: CopyStyle = space ? { space } : {};
    const errors: Diagnostic[] = [];
    const files = new Set<string>();
    for (const t of positionals.length ? positionals : [defaultEdition()]) articles(resolve(t), files, errors);
    let remaining = 0, fixable = 0, fixed = 0, changed = 0;
    for (const file of files) {
      const { text, diagnostics } = readText(file, 'article');
      if (text === undefined) {
        errors.push(...diagnostics);
        continue;
      }
      if (values.fix === true) {
        const r = fixCopy(file, text, style);
        if (r.fixed) {
          process.stdout.write(unifiedDiff(relative(process.cwd(), file) || file, text, r.text));
          writeAtomic(file, Buffer.from(r.text, 'utf8'));
          fixed += r.fixed;
          changed++;
        }
        printDiagnostics(r.remaining.map((f) => f.diagnostic), json);
        remaining += r.remaining.length;
      } else {
        const found = lintCopy(file, text, style);
        printDiagnostics(found.map((f) => f.diagnostic), json);
        remaining += found.length;
        fixable += found.filter((f) => f.fixes.length && f.kind === 'keeps-meaning').length;
      }
    }
    printDiagnostics(errors, json);
    if (!json) {
      const summary = values.fix === true
        ? `${files.size} article${files.size === 1 ? '' : 's'}: ${fixed} fix${fixed === 1 ? '' : 'es'} written to ${changed} file${changed === 1 ? '' : 's'}; ${remaining} finding${remaining === 1 ? '' : 's'} left for a person`
        : `${files.size} article${files.size === 1 ? '' : 's'}: ${remaining} finding${remaining === 1 ? '' : 's'}${fixable ? ` (${fixable} fixable with banmian lint --fix)` : ''}`;
      process.stderr.write(summary + '\n');
    }
    return errors.length || remaining ? 1 : 0;
  },
};

/** The article files a target names: a manifest's stories, a Markdown file, or the Markdown files under a folder. */
function articles(target: string, files: Set<string>, errors: Diagnostic[]): void {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    errors.push(missingFile(target, 'file'));
    return;
  }
  if (isDir) {
    for (const name of readdirSync(target, { recursive: true }) as string[]) if (name.endsWith('.md')) files.add(join(target, name));
  } else if (extname(target) === '.md') {
    files.add(target);
  } else if (extname(target) === '.yaml' || extname(target) === '.yml') {
    try {
      for (const p of loadTarget(target).pages) for (const b of p.blocks) files.add(b.story.file);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      errors.push(...e.diagnostics);
    }
  } else {
    errors.push(diag('error', 'UNKNOWN_TARGET', `${target} is not a manifest (.yaml), an article (.md) or a folder`, { file: target, hint: 'banmian lint layouts/EDITION/edition.yaml, or content/EDITION/ARTICLE.md' }));
  }
}
