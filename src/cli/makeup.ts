/** `banmian makeup`: the desk's plan → page manifests (edition.yaml, pNN.yaml) beside it. */
import { relative } from 'node:path';
import { DiagnosticError } from '../diagnostic.ts';
import type { Command } from './command.ts';
import type { PageLayout } from '../layout/types.ts';
import type { HouseStyle } from '../manifest/types.ts';
import { printDiagnostics } from './report.ts';
import { writeLaidOut } from './build.ts';

export const makeupCommand: Command = {
  name: 'makeup',
  summary: 'make up pages from the desk\'s plan: writes edition.yaml and pNN.yaml beside plan.yaml',
  usage: 'makeup PLAN.yaml [--seed N] [--alternatives N] [--build [--out DIR]] [--json]',
  help: `Reads the plan (pages with their masthead, ads and credits; the stories in order of
importance, each fixed to a page or not, the lead, a photo, whether it may jump), finds the best
layout of each page, builds it to check that every story fits with no overflow and the page is
covered, and writes ordinary page manifests, each block with a comment on its choice.
Prints each page's score, term by term. Exits 1 when the plan cannot be made up (the error
names what did not fit and how much to cut).

  --seed N          breaks ties between equal layouts (default 1); same plan and seed, same files
  --alternatives N  also write the N next-best layouts of each page to alternatives/pNN-K.yaml;
                    banmian build alternatives/pNN-K.yaml builds one in place of its page
                    (after the pages before it) into out/<edition>/alternatives/pNN-K/
  --build           then write the PDFs of the pages as it made them, as \`banmian build\` of the
                    files written would (the same PDFs, with no second start-up or layout);
                    --out DIR as for build
  --json            the result as one JSON document`,
  examples: [
    'banmian makeup layouts/demo/plan.yaml                    # edition.yaml, p01.yaml … beside the plan',
    'banmian makeup layouts/demo/plan.yaml --alternatives 3   # and the 3 next-best of each page',
    'banmian makeup layouts/demo/plan.yaml --seed 7           # another tie-break; same seed, same files',
    'banmian makeup layouts/demo/plan.yaml --build            # and the PDFs → out/demo/',
  ],
  options: { seed: { type: 'string' }, alternatives: { type: 'string' }, build: { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }) {
    const whole = (name: string, v: unknown, min: number) => {
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(String(v)) || Number(v) < min || Number(v) > 1e6) throw new RangeError(`--${name} is a whole number from ${min}, not "${String(v)}"`);
      return Number(v);
    };
    let seed: number | undefined, alternatives: number | undefined;
    try {
      seed = whole('seed', values.seed, 0);
      alternatives = whole('alternatives', values.alternatives, 1);
    } catch (e) {
      process.stderr.write(`banmian makeup: ${(e as Error).message}\n`);
      return 2;
    }
    if (positionals.length !== 1) {
      process.stderr.write('banmian makeup: name one plan, e.g. banmian makeup layouts/demo/plan.yaml\n');
      return 2;
    }
    if (values.out !== undefined && values.build !== true) {
      process.stderr.write('banmian makeup: --out names where --build writes the PDFs; add --build\n');
      return 2;
    }
    const { makeup, scoreLine } = await import('../makeup/makeup.ts'); // the search only when making up
    try {
      // with --build, each page's photos are converted to print colours (on libuv's threads, cached
      // for the render) while the search goes on with the next page; without, the build converts
      // them beside its own layout (converting them here made this command wait for the last one)
      const warm = values.build === true ? (await import('../render/furniture.ts')).warmImages : undefined;
      const settled = warm && ((page: PageLayout, house: HouseStyle) => warm(page.furniture, house.print.colour));
      const r = makeup(positionals[0]!, { ...(seed !== undefined ? { seed } : {}), ...(alternatives !== undefined ? { alternatives } : {}), ...(settled ? { settled } : {}) });
      if (values.json) {
        process.stdout.write(JSON.stringify({ files: r.files, alternatives: r.alternatives, pages: r.pages }, null, 2) + '\n');
      } else {
        for (const p of r.pages) process.stdout.write(`page ${p.number}: ${p.blocks} blocks, searched in ${p.searchMs.toFixed(0)} ms, built ${p.built} layout${p.built > 1 ? 's' : ''}; score ${scoreLine(p.score)}\n`);
        for (const f of [...r.files, ...r.alternatives]) process.stdout.write(`wrote ${relative(process.cwd(), f)}\n`);
        if (values.build !== true) printDiagnostics(r.layout.diagnostics.filter((d) => d.severity !== 'info'), false); // else the build prints them
      }
      // the pages as made, written as `banmian build` writes them: the PDFs a separate build of the files writes
      if (values.build === true) return (await writeLaidOut(r.layout, { out: values.out, json: values.json })) ? 0 : 1;
      return 0;
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      printDiagnostics(e.diagnostics, values.json === true);
      return 1;
    }
  },
};
