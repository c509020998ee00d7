/** `banmian import`: reporters' Word and text files → articles in content/<edition>/, with a report of what was decided. */
import { relative, resolve } from 'node:path';
import type { Command } from './command.ts';
import { printDiagnostics } from './report.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'turn Word (.docx) and plain-text (.txt) copy into articles in content/<edition>/',
  usage: 'import FILE... [--edition NAME] [--force] [--json]',
  help: `Writes each file as content/<edition>/<id>.md, the id made from the file name
(抓紧建立工作机制.docx → 抓紧建立工作机制.md, Report 12-08.txt → report-12-08.md), and prints what
it decided: the headline (a Word Title, Subtitle or Heading 1 style, or the first short lines
before the body; a line starting with —— is a deck), the dateline taken from the first paragraph
into the front matter, subheads (a Heading style, or a short line all in bold), bold elsewhere
written as plain text. Plain text may be UTF-8, GBK/GB18030 or UTF-16. What is not copy is
named: images, comments and footnotes (kept in the article as editor's notes), tables (each row
a paragraph), tracked changes (accepted), list numbers. The same file gives the same article.

  --edition NAME  the folder under content/ (default: sample)
  --force         replace an article that exists (by default it is left alone, with an error)
  --json          diagnostics as JSON lines

Exits 1 when a file could not be imported.`,
  examples: [
    'banmian import 稿件/抓紧建立工作机制.docx           # → content/sample/抓紧建立工作机制.md',
    'banmian import wire1.txt wire2.txt --edition demo  # GBK or UTF-8 text, into content/demo/',
    'banmian import test/fixtures/import/jinrong.docx --force  # again, over the article it wrote',
  ],
  options: { edition: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ positionals, values }) {
    const edition = typeof values.edition === 'string' ? values.edition : 'sample';
    if (!/^[\p{L}\p{N}_.-]+$/u.test(edition) || /^\.+$/.test(edition)) {
      process.stderr.write(`banmian import: --edition is the name of a folder under content/, not "${edition}"\n`);
      return 2;
    }
    if (!positionals.length) {
      process.stderr.write(`banmian import: name the .docx or .txt files to import\n\nusage: banmian ${importCommand.usage}\n`);
      return 2;
    }
    const json = values.json === true;
    const { importArticle } = await import('../import/import.ts'); // mammoth loads with this command only
    const dir = resolve('content', edition);
    const taken = new Set<string>();
    let failed = 0;
    for (const file of positionals) {
      const r = await importArticle(resolve(file), dir, { force: values.force === true, taken });
      if (r.out && !json) {
        process.stderr.write(`${file} → ${relative(process.cwd(), r.out)}\n${r.decided.map((l) => `  ${l}\n`).join('')}`);
      }
      if (!r.out) failed++;
      printDiagnostics(r.diagnostics, json);
    }
    if (!json && positionals.length > 1) process.stderr.write(`${positionals.length - failed} of ${positionals.length} files imported\n`);
    return failed ? 1 : 0;
  },
};
