/** preflight: one PDF file → its facts and the diagnostics of the checks (inspect.ts, report.ts). */
import { readFileSync } from 'node:fs';
import { diag, type Diagnostic } from '../diagnostic.ts';
import { inspectPdf, UnreadablePdf, type PdfFacts } from './inspect.ts';
import { preflightChecks, type Profile } from './report.ts';

export interface PreflightResult {
  facts?: PdfFacts; // absent when the file could not be read at all
  diagnostics: Diagnostic[];
}

export async function preflightFile(file: string, profile: Profile): Promise<PreflightResult> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { diagnostics: [diag('error', 'MISSING_FILE', `PDF not found: ${file}`, { file, hint: 'check the path' })] };
  }
  let facts: PdfFacts;
  try {
    facts = await inspectPdf(bytes, file);
  } catch (e) {
    if (!(e instanceof UnreadablePdf)) throw e;
    return { diagnostics: [diag('error', 'PDF_UNREADABLE', `not a readable PDF: ${e.message}`, { file, hint: 'the file is damaged or not a PDF; export it again' })] };
  }
  return { facts, diagnostics: preflightChecks(facts, profile) };
}
