/** `banmian preflight`: check written PDFs the way a print shop does before plating them. */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { diag, DiagnosticError } from '../diagnostic.ts';
import { recoverOutput } from '../output.ts';
import type { PrintSettings } from '../types.ts';
import { DEFAULT_PROFILE, formatReport, summaryLine, type Profile } from '../preflight/report.ts';
import type { Command } from './command.ts';
import { printDiagnostics } from './report.ts';

export const preflight: Command = {
  name: 'preflight',
  summary: 'check PDFs for print: page boxes, colour spaces, fonts, image resolution, marks',
  usage: 'preflight FILE.pdf|FOLDER ... [--colour cmyk|gray] [--marks] [--min-ppi N] [--json]',
  help: `Reads each PDF back and reports its page boxes, the colour spaces and colour operators
of its content, its fonts and whether they are embedded, the resolution of its images, and the
printer's marks it carries. A folder stands for the PDF files in it (not in its subfolders), in
name order. Exits 1 if any file fails: RGB or device-independent colour, a font not embedded,
transparency, encryption, no TrimBox, boxes not nested, images below the minimum resolution, crop
marks not in the registration colour or inside the bleed, an incomplete PDF/X declaration; and a
file that is not a whole PDF: cut short, damaged, without pages, a form that draws itself, or a
stream that decodes to more than the preflight limits (64 MB for one stream; for all of a file's
streams together 64 MB, or 16 times the file's size if that is more).

  --colour gray   the page prints in black only: DeviceCMYK fails too (spot inks are allowed)
  --marks         crop marks are required
  --min-ppi N     least effective resolution of placed images (default ${DEFAULT_PROFILE.minPpi}; line art 4×)
  --json          the facts of each file as one JSON line, diagnostics as JSON lines`,
  examples: [
    'banmian preflight out/sample/p02.pdf',
    'banmian preflight out/demo                      # every PDF in the folder, edition.pdf too',
    'banmian preflight ad.pdf --colour gray --min-ppi 200',
  ],
  options: { colour: { type: 'string' }, marks: { type: 'boolean' }, 'min-ppi': { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }) {
    if (!positionals.length) {
      process.stderr.write(`banmian preflight: name the PDF files to check\n\nusage: banmian ${preflight.usage}\n`);
      return 2;
    }
    const colour = values.colour ?? DEFAULT_PROFILE.colour;
    if (colour !== 'cmyk' && colour !== 'gray') {
      process.stderr.write(`banmian preflight: --colour is cmyk or gray, not "${String(colour)}"\n`);
      return 2;
    }
    const minPpi = values['min-ppi'] === undefined ? DEFAULT_PROFILE.minPpi : Number(values['min-ppi']);
    if (!(minPpi > 0)) {
      process.stderr.write(`banmian preflight: --min-ppi is a positive number, not "${String(values['min-ppi'])}"\n`);
      return 2;
    }
    const profile: Profile = { colour, marks: values.marks === true, minPpi };
    const json = values.json === true;
    let failed = false;
    const recovered = new Set<string>();
    for (const arg of positionals) {
      const files = pdfFiles(arg);
      // a build killed while writing this folder is finished or undone first, as any command does
      for (const folder of new Set(files.map((f) => dirname(f)))) {
        if (recovered.has(folder)) continue;
        recovered.add(folder);
        try {
          await recoverOutput(folder);
        } catch (e) {
          if (!(e instanceof DiagnosticError)) throw e;
          printDiagnostics(e.diagnostics, json);
          failed = true;
        }
      }
      if (!files.length) {
        printDiagnostics([diag('error', 'MISSING_FILE', `no PDF files in the folder ${arg}`, { file: arg, hint: 'name the PDF files, or the folder that holds them' })], json);
        failed = true;
      }
      for (const file of files) {
        const { facts, diagnostics } = await (await loadPreflight()).preflightFile(file, profile);
        if (facts) process.stdout.write((json ? JSON.stringify(facts) : formatReport(facts, diagnostics)) + '\n');
        printDiagnostics(diagnostics, json);
        if (diagnostics.some((d) => d.severity === 'error')) failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};

/** A folder's PDF files in name order (p2 before p10; none if it has none), or the argument itself. */
function pdfFiles(arg: string): string[] {
  try {
    if (!statSync(arg).isDirectory()) return [arg];
    return readdirSync(arg).filter((n) => /\.pdf$/i.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((n) => join(arg, n));
  } catch {
    return [arg]; // missing or unreadable: preflightFile says which
  }
}

/** The check `banmian build` runs on a page it wrote, against the house's print settings; true if it failed. */
export async function preflightWritten(file: string, print: PrintSettings, json: boolean): Promise<boolean> {
  const { facts, diagnostics } = await (await loadPreflight()).preflightFile(file, { ...DEFAULT_PROFILE, colour: print.colour, marks: print.marks });
  if (facts) process.stdout.write(`     ${summaryLine(facts, diagnostics)}\n`);
  printDiagnostics(diagnostics, json);
  return diagnostics.some((d) => d.severity === 'error');
}

/** The preflight reader (pdf-lib) loads when a file is checked, not with every command. */
const loadPreflight = () => import('../preflight/preflight.ts');
