/** Pages rendered on several threads are the same bytes as a serial build's. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTarget, renderEditionInParallel, renderEditionPage } from '../../src/build.ts';
import { defaultJobs } from '../../src/render/parallel.ts';
import { ROOT } from '../project.ts';

describe('parallel rendering', () => {
  it('gives byte-identical PDFs with two threads, in page order', async () => {
    const layout = layoutTarget(join(ROOT, 'layouts/threads/edition.yaml'));
    const serial: Buffer[] = [];
    for (const p of layout.pages) serial.push(await renderEditionPage(layout, p));
    const parallel = await renderEditionInParallel(layout, 2);
    expect(parallel).toHaveLength(3);
    parallel.forEach((pdf, i) => expect(pdf.equals(serial[i]!), `page ${i + 1}`).toBe(true));
  });

  it('stays serial for a few pages, where starting threads costs more than it saves', () => {
    expect(defaultJobs(3)).toBe(1);
  });
});
