/** preflight: one PDF file → its facts and the diagnostics of the checks (inspect.ts, report.ts). */
import { readFileSync, statSync } from 'node:fs';
import { diag, type Diagnostic } from '../diagnostic.ts';
import { UnreadablePdf } from './document.ts';
import { inspectPdf, type PdfFacts } from './inspect.ts';
import { preflightChecks, type Profile } from './report.ts';

export interface PreflightResult {
  facts?: PdfFacts; // absent when the file could not be read at all
  diagnostics: Diagnostic[];
}

export const MAX_PDF_BYTES = 2 ** 30; // an edition with its photos is a few hundred MB

const HINTS: Record<UnreadablePdf['code'], string> = {
  PDF_UNREADABLE: 'the file is damaged or not a PDF; export it again',
  PDF_TRUNCATED: 'copy or download the file again, or wait until the program writing it has finished: a transfer that stopped early leaves a file like this',
};

export async function preflightFile(file: string, profile: Profile): Promise<PreflightResult> {
  const refuse = (code: string, message: string, hint: string) => ({ diagnostics: [diag('error', code, message, { file, hint })] });
  let bytes: Buffer;
  try {
    const st = statSync(file); // before opening: opening a pipe would wait for a writer
    if (st.isDirectory()) return refuse('NOT_A_FILE', `${file} is a folder, not a PDF`, 'name the PDF files, or give the folder to banmian preflight to check the PDFs in it');
    if (!st.isFile()) return refuse('UNREADABLE_FILE', `${file} is not a regular file (a device, pipe or socket)`, 'preflight reads PDF files: copy it to a file first');
    if (st.size > MAX_PDF_BYTES) return refuse('FILE_TOO_LARGE', `PDF ${file} is ${(st.size / 2 ** 20).toFixed(1)} MB, more than the ${MAX_PDF_BYTES / 2 ** 20} MB preflight reads`, 'split it into pages (one PDF each) and check those');
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return refuse('MISSING_FILE', `PDF not found: ${file}`, 'check the path');
    return refuse('UNREADABLE_FILE', `${file} cannot be read: ${(e as Error).message}`, 'check its permissions (chmod u+r), or copy the file');
  }
  let facts: PdfFacts;
  try {
    facts = await inspectPdf(bytes, file);
  } catch (e) {
    if (!(e instanceof UnreadablePdf)) throw e;
    return refuse(e.code, `${e.code === 'PDF_TRUNCATED' ? 'an incomplete' : 'not a readable'} PDF: ${e.message}`, HINTS[e.code]);
  }
  return { facts, diagnostics: preflightChecks(facts, profile) };
}
