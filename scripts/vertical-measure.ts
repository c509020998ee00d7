/**
 * Vertical text (直排) read back from a PDF, as a reader sees it: mupdf's structured text gives each
 * glyph's origin and quad; the glyphs inside a tier are grouped into lines by where they stand
 * across the page, the lines read right to left, the tiers top to bottom. Reported per block:
 * 禁则 at the lines' tops and feet, the stretch between neighbouring ideographs, how far each line
 * is off its pitch from the tier's right edge, and whether the text in reading order is the text set.
 *
 *   npx tsx scripts/vertical-measure.ts layouts/taipei/edition.yaml            banmian's vertical blocks
 *   npx tsx scripts/vertical-measure.ts layouts/taipei/edition.yaml --chromium the same blocks' text set by Chromium
 *                                                                              (writing-mode: vertical-rl, CSS columns as tiers)
 *
 * mupdf is AGPL: a dev tool, never part of the CLI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as mupdf from 'mupdf';
import { layoutTarget, renderEditionPage } from '../src/build.ts';
import { mayNotEnd, mayNotStart } from '../src/text/classes.ts';
import type { BlockLayout, Furniture } from '../src/layout/types.ts';

/** A tier on the PDF page (pt, y down from the MediaBox's top): its lines stand `pitch` apart, right to left. */
export interface Tier { left: number; right: number; top: number; bottom: number; em: number; pitch: number; hole?: Rect }

/** A rectangle on the PDF page (pt, y down): a block's photo and caption, left out of its tiers. */
interface Rect { left: number; right: number; top: number; bottom: number }

interface Glyph { c: string; x: number; top: number; bottom: number; centre: number }

export interface Measured {
  text: string; // reading order: tiers top to bottom, lines right to left, characters top to bottom
  lines: number;
  kinsoku: string[]; // lines that start with a mark that may not start one, or end with one that may not end one
  loose: number; // lines with a gap between ideographs wider than 1/8 em
  worstGap: number; // em
  offPitch: number; // lines more than 0.1 pt off their pitch
  worstPitch: number; // pt
}

const HAN = /\p{Script=Han}/u;

/** The glyphs of page 1 with where each stands: its em box down the page (upright: from the baseline by the ascent; turned: its quad) and its centre across. */
function glyphs(pdf: Uint8Array, ascent: number): Glyph[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const page = doc.loadPage(0);
  const st = page.toStructuredText('preserve-whitespace');
  const out: Glyph[] = [];
  st.walk({
    onChar: (c, origin, _font, size, q) => {
      const xs = [q[0], q[2], q[4], q[6]], ys = [q[1], q[3], q[5], q[7]];
      const turned = Math.abs(q[3] - q[1]) > Math.abs(q[2] - q[0]); // its baseline runs down the page
      const top = turned ? Math.min(...ys) : origin[1] - ascent * size;
      const bottom = turned ? Math.max(...ys) : top + size;
      out.push({ c, x: origin[0], top, bottom, centre: (Math.min(...xs) + Math.max(...xs)) / 2 });
    },
  });
  st.destroy(); page.destroy(); doc.destroy();
  return out;
}

/** The tiers' glyphs as lines in reading order, and what they measure. */
export function measureTiers(pdf: Uint8Array, tiers: readonly Tier[], ascent = 0.88): Measured {
  const all = glyphs(pdf, ascent);
  let firstCentre: number | undefined; // the pitch is counted from the first line (Chromium centres a line in its pitch, banmian sets it at the edge)
  const m: Measured = { text: '', lines: 0, kinsoku: [], loose: 0, worstGap: 0, offPitch: 0, worstPitch: 0 };
  for (const t of tiers) {
    // an opening mark's trimmed blank may stand above the tier's top (as it stands left of a horizontal column)
    const within = (g: Glyph, r: Rect, pad: number) => g.centre > r.left && g.centre < r.right && (g.top + g.bottom) / 2 > r.top - pad && (g.top + g.bottom) / 2 < r.bottom + pad;
    const inside = all.filter((g) => within(g, t, t.em / 2) && !(t.hole && within(g, t.hole, 0)));
    // lines: glyphs whose centres are near across (a 縱中橫 cell's digits stand either side of its line's middle), right to left
    const lines: Glyph[][] = [];
    const middle = (l: Glyph[]) => l.reduce((s, g) => s + g.centre, 0) / l.length;
    for (const g of [...inside].sort((a, b) => b.centre - a.centre)) {
      const line = lines.find((l) => Math.abs(middle(l) - g.centre) < Math.min(0.6 * t.em, t.pitch / 2));
      if (line) line.push(g); else lines.push([g]);
    }
    for (const raw of lines) {
      const line = raw.sort((a, b) => a.top - b.top || a.x - b.x);
      // a 縱中橫 cell: glyphs side by side on one baseline are one cell
      const cells: Glyph[] = [];
      for (const g of line) {
        const prev = cells[cells.length - 1];
        if (prev && Math.abs(prev.top - g.top) < 0.01 * t.em && prev.bottom - prev.top > 0.9 * t.em && g.c < '\u3000') prev.c += g.c;
        else cells.push({ ...g });
      }
      const text = cells.map((c) => c.c).join('').replace(/\s+/g, ''); // a space stays a cell: the ideographs either side are not neighbours
      m.text += text;
      m.lines++;
      const first = [...text][0] ?? '', last = [...text].at(-1) ?? '';
      if (mayNotStart(first) || mayNotEnd(last)) m.kinsoku.push(text);
      let worst = 0;
      for (let i = 0; i + 1 < cells.length; i++) {
        if (HAN.test(cells[i]!.c) && HAN.test(cells[i + 1]!.c)) worst = Math.max(worst, (cells[i + 1]!.top - cells[i]!.bottom) / t.em);
      }
      if (worst > 0.125 + 1e-3) m.loose++;
      m.worstGap = Math.max(m.worstGap, worst);
      const han = line.filter((g) => HAN.test(g.c)); // an ideograph stands in the middle of its line
      const centre = middle(han.length ? han : line);
      firstCentre ??= centre;
      const k = (firstCentre - centre) / t.pitch;
      const off = Math.abs(k - Math.round(k)) * t.pitch;
      if (off > 0.1) m.offPitch++;
      m.worstPitch = Math.max(m.worstPitch, off);
    }
  }
  return m;
}

/** A vertical block's tiers on the PDF page (its lines' positions are trim coordinates; the sheet adds the slug). */
export function blockTiers(b: BlockLayout, slug: number, furniture: readonly Furniture[] = []): Tier[] {
  // the block's photo (image:) and its caption: their furniture has the block's id
  const rects = furniture.flatMap((f) => f.kind === 'image' && f.id === b.id ? [{ left: f.x, right: f.x + f.width, top: f.y, bottom: f.y + f.height }]
    : f.kind === 'text' && f.id === b.id ? f.lines.map((l) => ({ left: l.x, right: l.x + l.measure, top: l.baseline - l.glyphs[0]!.size, bottom: l.baseline + l.glyphs[0]!.size / 2 })) : []);
  const hole = rects.length ? {
    left: Math.min(...rects.map((r) => r.left)) + slug, right: Math.max(...rects.map((r) => r.right)) + slug,
    top: Math.min(...rects.map((r) => r.top)) + slug, bottom: Math.max(...rects.map((r) => r.bottom)) + slug,
  } : undefined;
  return b.frames.filter((f) => f.tier).map((f) => ({
    left: f.x + slug, right: f.x + f.width + slug, top: f.tier!.y + slug, bottom: f.tier!.y + f.tier!.height + slug, em: f.tier!.em, pitch: f.tier!.pitch, ...(hole ? { hole } : {}),
  }));
}

/** The copy a block set, in reading order, without spaces. */
export const setText = (b: BlockLayout): string => b.frames.flatMap((f) => f.lines).map((l) => l.text).join('').replace(/\s+/g, '');

const pct = (m: Measured): string =>
  `${m.lines} lines, kinsoku ${m.kinsoku.length}, loose ${m.loose} (worst gap ${m.worstGap.toFixed(3)} em), off pitch ${m.offPitch} (worst ${m.worstPitch.toFixed(2)} pt)`;

/** The same paragraphs in Chromium: vertical-rl, the block's tiers as CSS columns, the same font, size, pitch and measure. */
async function chromium(b: BlockLayout, fontFile: string, dir: string): Promise<{ pdf: Uint8Array; tiers: Tier[]; text: string }> {
  const f = b.frames.find((x) => x.tier)!;
  const { em, pitch, height } = f.tier!;
  const tiers = b.frames.filter((x) => x.tier).length;
  const gap = tiers > 1 ? (b.frames[1]!.tier!.y - f.tier!.y - height) : 0;
  const lines = Math.floor((f.width - em) / pitch + 1e-6) + 1;
  const paras: string[] = [];
  for (const l of b.frames.flatMap((x) => x.lines).filter((x) => x.role === 'body')) {
    if (l.first || !paras.length) paras.push(l.text); else paras[paras.length - 1] += l.text;
  }
  const tcy = (s: string) => s.replace(/(^|[^0-9.])([0-9]{1,2})(?![0-9.])/g, '$1<span class="tcy">$2</span>');
  const x0 = 36, y0 = 36, w = (lines - 1) * pitch + em, h = tiers * height + (tiers - 1) * gap;
  const html = `<!doctype html><meta charset="utf-8"><style>
@font-face { font-family: body; src: url(${pathToFileURL(fontFile).href}); }
@page { size: ${w + 72}pt ${h + 72}pt; margin: 0; }
body { margin: 0; }
div { position: absolute; left: ${x0}pt; top: ${y0}pt; width: ${w}pt; height: ${h}pt; writing-mode: vertical-rl; column-count: ${tiers}; column-gap: ${gap}pt; column-fill: auto;
  font: ${em}pt/${pitch}pt body; text-align: justify; line-break: strict; -webkit-locale: "zh-TW"; }
p { margin: 0; text-indent: 2em; } .tcy { text-combine-upright: all; }
</style><div lang="zh-Hant-TW">${paras.map((p) => `<p>${tcy(p)}</p>`).join('')}</div>`;
  const file = join(dir, `${b.id}.html`), out = join(dir, `${b.id}.pdf`);
  writeFileSync(file, html);
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${out}`, pathToFileURL(file).href], { stdio: 'ignore' });
  const column = (t: number) => ({ left: x0, right: x0 + w, top: y0 + t * (height + gap), bottom: y0 + t * (height + gap) + height, em, pitch });
  return { pdf: readFileSync(out), tiers: Array.from({ length: tiers }, (_, t) => column(t)), text: paras.join('').replace(/\s+/g, '') };
}

async function main(): Promise<void> {
  const [target, ...flags] = process.argv.slice(2);
  if (!target) throw new Error('usage: npx tsx scripts/vertical-measure.ts <edition.yaml> [--chromium]');
  const layout = layoutTarget(target);
  const dir = mkdtempSync(join(tmpdir(), 'banmian-vertical-'));
  for (const page of layout.pages) {
    const blocks = page.blocks.filter((b) => b.frames.some((f) => f.tier));
    if (!blocks.length) continue;
    const pdf = await renderEditionPage(layout, page);
    const media = (mupdf.Document.openDocument(pdf, 'application/pdf').loadPage(0).getBounds() as number[]);
    const slug = (media[2]! - media[0]! - page.width) / 2;
    for (const b of blocks) {
      const want = setText(b);
      const ours = measureTiers(pdf, blockTiers(b, slug, page.furniture));
      console.log(`p${page.number} ${b.id.padEnd(10)} banmian   ${pct(ours)}, text ${ours.text === want ? 'exact' : 'DIFFERS'}`);
      if (flags.includes('--chromium')) {
        const face = layout.fonts.byKey(b.frames.flatMap((f) => f.lines).find((l) => l.role === 'body')!.glyphs[0]!.face);
        const c = await chromium(b, face.file, dir);
        const theirs = measureTiers(c.pdf, c.tiers);
        // what does not fit the tiers goes on past them: the text is exact when it is the copy's beginning
        const fits = theirs.text === c.text ? 'exact' : c.text.startsWith(theirs.text) ? `exact, ${[...c.text].length - [...theirs.text].length} characters past the tiers` : 'DIFFERS';
        console.log(`p${page.number} ${b.id.padEnd(10)} chromium  ${pct(theirs)}, text ${fits}`);
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
