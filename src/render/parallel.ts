/**
 * Rendering an edition's pages on several threads. Layout stays one job (threads of stories cross
 * pages); each page's PDF depends only on its display list, so the main thread and N−1 worker
 * threads take pages from a shared counter and the bytes are the same as a serial build's.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadFontRegistry } from '../fonts/registry.ts';
import type { PageLayout } from '../layout/types.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { renderPagePdf, type PdfMeta } from './pdf.ts';

/**
 * Threads by default: each worker pays its own start-up (the sources through tsx, fonts: about
 * 0.7 s of CPU), which on this project's 2-core machines outweighs what it saves even for 16 pages
 * (npm run bench: 1.45 s on 2 threads against 1.09 s serial, without preflight), so only machines
 * with more cores and long editions gain; there `--jobs` turns it on.
 */
export function defaultJobs(pages: number): number {
  return availableParallelism() >= 4 && pages >= 16 ? Math.min(availableParallelism(), 4) : 1;
}

interface Task { pages: PageLayout[]; meta: PdfMeta; fontsFile: string; next: Int32Array }

/** Renders one page in any thread (the renderer opens the faces its glyphs name). */
function renderOne(page: PageLayout, meta: PdfMeta, fontsFile: string): Promise<Buffer> {
  return renderPagePdf(page, loadFontRegistry(fontsFile), meta);
}

/** Takes page indexes from the shared counter until none is left. */
async function drain(t: Task, out: (i: number, pdf: Buffer) => void): Promise<void> {
  for (let i = Atomics.add(t.next, 0, 1); i < t.pages.length; i = Atomics.add(t.next, 0, 1)) out(i, await renderOne(t.pages[i]!, t.meta, t.fontsFile));
}

/** Every page's PDF, in page order, rendered by `jobs` threads (the main one included) with the fonts of `fontsFile`. */
export async function renderPagesInParallel(pages: PageLayout[], meta: PdfMeta, fontsFile: string, jobs: number): Promise<Buffer[]> {
  const task: Task = { pages, meta, fontsFile, next: new Int32Array(new SharedArrayBuffer(4)) };
  const result: Buffer[] = [];
  const workers = Array.from({ length: Math.max(0, Math.min(jobs, pages.length) - 1) }, () => new Promise<void>((res, rej) => {
    // from the sources even when this runs precompiled (bin/bundle.js)
    const w = new Worker(join(PACKAGE_ROOT, 'src/render/parallelBoot.mjs'), { workerData: task });
    w.on('message', (m: { i: number; pdf: Uint8Array } | 'done') => { if (m === 'done') { res(); void w.terminate(); } else result[m.i] = Buffer.from(m.pdf); });
    w.on('error', rej);
  }));
  await drain(task, (i, pdf) => { result[i] = pdf; });
  await Promise.all(workers);
  return result;
}

export { drain, type Task };
