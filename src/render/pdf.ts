/**
 * render: PageLayout → PDF bytes with pdfkit. Glyphs go where the composer put them (pdfText.ts);
 * fonts are embedded as subsets; metadata and ids are fixed so identical input gives identical bytes.
 */
import PDFDocument from 'pdfkit';
import type { FontRegistry } from '../fonts/registry.ts';
import type { PageLayout } from '../layout/types.ts';
import { registerFace, writeGlyphRuns, type TextRunOut } from './pdfText.ts';

export interface PdfMeta {
  paper: string;
  date: string; // YYYY-MM-DD: also the PDF's creation date, for byte-identical rebuilds
}

const K100: [number, number, number, number] = [0, 0, 0, 100];
const OVERSET: [number, number, number, number] = [0, 100, 100, 0];

export function renderPagePdf(page: PageLayout, fonts: FontRegistry, meta: PdfMeta): Promise<Buffer> {
  const when = new Date(`${meta.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: [page.width, page.height], margin: 0, autoFirstPage: false, pdfVersion: '1.4', lang: 'zh-CN',
    font: null as unknown as string, // no default Helvetica
    info: {
      Title: `${meta.paper} ${meta.date} 第${page.number}版`.replace(/[&<>]/g, ' '),
      Producer: 'banmian', Creator: 'banmian', CreationDate: when, ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res, rej) => { doc.on('end', () => res(Buffer.concat(chunks))); doc.on('error', rej); });
  doc.addPage({ size: [page.width, page.height], margin: 0 });
  const dict = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
  dict.TrimBox = [0, 0, page.width, page.height];

  const runs: TextRunOut[] = [];
  const used = new Set<string>();
  for (const block of page.blocks) {
    for (const line of [...block.headline, ...block.frames.flatMap((f) => f.lines)]) {
      let run: TextRunOut | undefined;
      for (const g of line.glyphs) {
        if (!run || run.fontKey !== g.face || run.size !== g.size) {
          run = { fontKey: g.face, size: g.size, baseline: line.baseline, glyphs: [] };
          runs.push(run);
          if (!used.has(g.face)) { used.add(g.face); registerFace(doc, g.face, fonts.byKey(g.face).font); }
        }
        run.glyphs.push({ gid: g.gid, x: line.x + g.x, text: g.text });
      }
    }
  }
  doc.fillColor(K100);
  writeGlyphRuns(doc, runs);

  for (const m of page.marks) {
    // overset marker: a boxed plus at the block's end, as InDesign and 飞腾 show it
    const s = m.size;
    doc.save().lineWidth(0.75).strokeColor(OVERSET)
      .rect(m.x - s, m.y - s, s, s).moveTo(m.x - s * 0.8, m.y - s / 2).lineTo(m.x - s * 0.2, m.y - s / 2)
      .moveTo(m.x - s / 2, m.y - s * 0.8).lineTo(m.x - s / 2, m.y - s * 0.2).stroke().restore();
  }
  doc.end();
  return done;
}
