/** What the output files are called, and how one is written so that a reader never sees half of it. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export const pageFileName = (n: number): string => `p${String(n).padStart(2, '0')}.pdf`;

/** All pages of an edition in order, written beside the page PDFs. */
export const EDITION_PDF = 'edition.pdf';

export function writeAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
