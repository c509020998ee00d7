/**
 * preflight: the checks a print shop runs on a PDF before plating it, over the facts inspect.ts
 * read: every failure is a Diagnostic naming the file and page, with a hint; and the report,
 * one block per file, the way preflight tools print it.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import { MM } from '../manifest/units.ts';
import type { Box, PageFacts, PdfFacts } from './inspect.ts';

export interface Profile {
  colour: 'cmyk' | 'gray'; // gray: DeviceCMYK fails too; spot inks are always allowed
  marks?: boolean; // true: crop marks required
  minPpi: number; // images below this effective resolution fail (line art: four times this)
}

export const DEFAULT_PROFILE: Profile = { colour: 'cmyk', minPpi: 150 };

const mm = (pt: number) => (pt / MM).toFixed(1).replace(/\.0$/, '');
const inside = (a: Box, b: Box, e = 0.01) => a[0] >= b[0] - e && a[1] >= b[1] - e && a[2] <= b[2] + e && a[3] <= b[3] + e;

export function preflightChecks(f: PdfFacts, profile: Profile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (code: string, message: string, hint: string, page?: number) => out.push(diag('error', code, page ? `page ${page}: ${message}` : message, { file: f.file, hint, ...(page ? { page } : {}) }));
  const warn = (code: string, message: string, hint: string, page?: number) => out.push(diag('warning', code, page ? `page ${page}: ${message}` : message, { file: f.file, hint, ...(page ? { page } : {}) }));

  for (const { code, message } of f.flaws) {
    if (code === 'PDF_NO_PAGES') err('PDF_NO_PAGES', message, 'a PDF for print has at least one page: export it again');
    else if (code === 'DECODE_LIMIT') err('DECODE_LIMIT', message, DECODE_HINT);
    else err('PDF_DAMAGED', message, 'the file is damaged: export it again from the program that made it');
  }
  if (f.encrypted) err('PDF_ENCRYPTED', 'the file is encrypted', 'send the file unencrypted; a RIP cannot be given a password');
  const pdfx = f.info.GTS_PDFXVersion;
  if (pdfx) {
    if (!f.outputIntents.some((o) => o.subtype === 'GTS_PDFX' && o.condition)) err('PDFX_NO_OUTPUT_INTENT', `declares ${pdfx} but has no GTS_PDFX output intent with a printing condition`, 'add an OutputIntent with S /GTS_PDFX and an OutputConditionIdentifier');
    if (f.info.Trapped !== '/True' && f.info.Trapped !== '/False') err('PDFX_TRAPPED', `declares ${pdfx} but Trapped is ${f.info.Trapped ?? 'missing'}`, 'PDF/X needs /Trapped /True or /False (a name) in the document information');
    if (!f.info.Title) err('PDFX_NO_TITLE', `declares ${pdfx} but has no Title`, 'PDF/X needs a Title in the document information');
    if (!f.id) err('PDFX_NO_ID', `declares ${pdfx} but the trailer has no ID`, 'PDF/X needs a file identifier');
  }

  for (const p of f.pages) {
    const n = p.number;
    if (!p.trim && !p.art) err('NO_TRIMBOX', 'no TrimBox', 'the printer needs the trim (TrimBox) to position and cut the page', n);
    if (p.trim && p.bleed && !inside(p.trim, p.bleed)) err('BOXES_NOT_NESTED', 'the TrimBox is not inside the BleedBox', 'TrimBox ⊆ BleedBox ⊆ MediaBox', n);
    if (p.bleed && !inside(p.bleed, p.media)) err('BOXES_NOT_NESTED', 'the BleedBox is not inside the MediaBox', 'TrimBox ⊆ BleedBox ⊆ MediaBox', n);
    if (p.trim && (!p.bleed || p.bleed.every((v, i) => Math.abs(v - p.trim![i]!) < 0.01))) warn('NO_BLEED', 'no bleed beyond the trim', 'give the house style a page.bleed (3 mm is usual) so trimming never shows paper', n);

    for (const u of p.colours) {
      const ops = Object.entries(u.ops).map(([op, c]) => `${op} ×${c}`).join(', ');
      const s = u.space;
      if (s.kind === 'rgb') err('RGB_COLOUR', `RGB colour (${s.label}: ${ops})`, 'a press prints CMYK and spot inks: convert every colour and image to DeviceCMYK or DeviceGray', n);
      else if (s.kind === 'calibrated') err('CALIBRATED_COLOUR', `device-independent colour ${s.label} (${ops})`, 'PDF/X-1a allows only DeviceCMYK, DeviceGray and spot colours: convert it for the printing condition', n);
      else if (s.kind === 'unknown') err('UNKNOWN_COLOUR', `${s.label} (${ops})`, 'a RIP cannot tell what this prints: use DeviceCMYK, DeviceGray or a spot colour', n);
      else if (s.kind === 'cmyk' && profile.colour === 'gray') err('CMYK_ON_GRAY_PAGE', `CMYK colour on a gray page (${ops})`, 'the house prints this page in black only (print.colour: gray): use gray values', n);
      if (s.alternate && (s.alternate.kind === 'rgb' || s.alternate.kind === 'calibrated')) err('SPOT_ALTERNATE', `${s.label} falls back to ${s.alternate.label}`, 'give a spot ink a DeviceCMYK or DeviceGray alternate', n);
    }
    for (const font of p.fonts) {
      if (!font.embedded) err('FONT_NOT_EMBEDDED', `font ${font.name} (${font.type}) is not embedded`, 'embed every font (a subset is enough): a RIP without it substitutes another font and the glyphs come out wrong', n);
    }
    for (const t of p.transparency) err('TRANSPARENCY', `transparency: ${t}`, 'PDF/X-1a has no transparency: flatten it, or draw opaque', n);
    for (const img of p.images) {
      const min = img.bits === 1 ? profile.minPpi * 4 : profile.minPpi;
      if (img.ppi < min) err('LOW_RESOLUTION', `image ${img.name} is ${Math.floor(img.ppi)} ppi at its placed size (${mm(img.placed[0])} × ${mm(img.placed[1])} mm from ${img.pixels[0]} × ${img.pixels[1]} px); at least ${min} needed${img.count > 1 ? ` (×${img.count})` : ''}`, 'use a larger original or place it smaller', n);
    }
    if (p.annotations) warn('ANNOTATIONS', `${p.annotations} annotation(s) on the printed area`, 'annotations are not part of the printed page; remove them', n);
    const m = p.marks;
    if (profile.marks && !m.crop) err('NO_CROP_MARKS', 'no crop marks', 'the house asks for marks (print.marks); they are drawn outside the bleed', n);
    if (m.crop && m.colours.some((c) => c !== 'registration')) err('MARKS_NOT_REGISTRATION', `crop marks in ${m.colours.filter((c) => c !== 'registration').join(' and ')} colour`, 'crop marks must print on every plate: use the registration colour (Separation All, or 100/100/100/100)', n);
    if (m.cropInBleed) err('MARKS_IN_BLEED', `${m.cropInBleed} crop mark(s) reach into the bleed`, 'start crop marks beyond the BleedBox, or they print on the trimmed page', n);
    for (const { code, message, count } of p.problems) {
      const m = count > 1 ? `${message} (×${count})` : message;
      if (code === 'FORM_CYCLE') err('FORM_CYCLE', m, 'a form that draws itself never ends: a RIP stops on it or loops; export the page again', n);
      else if (code === 'DECODE_LIMIT') err('DECODE_LIMIT', m, DECODE_HINT, n);
      else if (code === 'PREFLIGHT_LIMIT') warn('PREFLIGHT_LIMIT', m, 'colours, fonts and transparency were checked in every form; check the resolution of images in repeated forms by eye', n);
      else err('UNREADABLE_CONTENT', m, 'the page content could not be checked; re-export the file', n);
    }
  }
  return counted(out);
}

const DECODE_HINT = 'data this large is a decompression bomb or a damaged file: export the page again (flatten very heavy vector art)';

/** One diagnostic per distinct problem: the same one again adds to its count, "(×N)". */
function counted(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, { d: Diagnostic; n: number }>();
  for (const d of ds) {
    const key = `${d.severity} ${d.code} ${d.page ?? 0} ${d.message}`;
    const s = seen.get(key);
    if (s) s.n++;
    else seen.set(key, { d, n: 1 });
  }
  return [...seen.values()].map(({ d, n }) => (n > 1 ? { ...d, message: `${d.message} (×${n})` } : d));
}

/** The report of one file: document facts, then per page boxes, colours, fonts, images and marks. */
export function formatReport(f: PdfFacts, ds: readonly Diagnostic[]): string {
  const lines: string[] = [];
  const intent = f.outputIntents.find((o) => o.subtype === 'GTS_PDFX');
  lines.push(`${f.file}: PDF ${f.version}${f.info.GTS_PDFXVersion ? `, ${f.info.GTS_PDFXVersion}` : ', no PDF/X declaration'}` +
    `${intent ? ` (output intent ${intent.condition}${intent.profile ? ', profile embedded' : ''})` : ''}, ${f.pages.length} page${f.pages.length === 1 ? '' : 's'}` +
    `${f.encrypted ? ', ENCRYPTED' : ''}`);
  const info = ['Title', 'Producer', 'CreationDate', 'Trapped'].filter((k) => f.info[k]).map((k) => `${k.toLowerCase()} ${f.info[k]}`);
  if (info.length) lines.push(`  info    ${info.join(' · ')}`);
  for (const p of f.pages) {
    const size = (b: Box) => `${mm(b[2] - b[0])} × ${mm(b[3] - b[1])} mm`;
    const boxes = [`media ${size(p.media)}`];
    if (p.trim) boxes.push(`trim ${size(p.trim)}`);
    if (p.trim && p.bleed) {
      const sides = [p.trim[0] - p.bleed[0], p.trim[1] - p.bleed[1], p.bleed[2] - p.trim[2], p.bleed[3] - p.trim[3]].map(mm);
      boxes.push(`bleed ${new Set(sides).size === 1 ? `${sides[0]} mm` : `${sides.join('/')} mm (left/bottom/right/top)`}`);
    } else if (!p.trim) boxes.push('no TrimBox');
    lines.push(`  page ${p.number}  ${boxes.join(' · ')}`);
    lines.push(`    colour  ${p.colours.map((u) => `${u.space.label}${u.space.alternate ? ` (alternate ${u.space.alternate.label})` : ''}: ${Object.entries(u.ops).map(([op, c]) => `${op} ×${c}`).join(', ')}`).join('; ') || 'none set (default black)'}${p.overprint ? '; overprint' : ''}`);
    lines.push(`    fonts   ${p.fonts.map((x) => `${x.name} ${x.type} ${x.embedded ? `embedded (${x.embedded})${x.subset ? ' subset' : ''}` : 'NOT EMBEDDED'}`).join('; ') || 'none'}`);
    lines.push(`    images  ${p.images.map((i) => `${i.name} ${i.pixels[0]}×${i.pixels[1]} px ${i.space} → ${mm(i.placed[0])}×${mm(i.placed[1])} mm, ${Math.floor(i.ppi)} ppi${i.count > 1 ? ` ×${i.count}` : ''}`).join('; ') || 'none'}`);
    const m = p.marks;
    lines.push(`    marks   ${m.crop || m.registration || m.colourBar
      ? `${m.crop} crop${m.colours.length ? ` (${m.colours.join(', ')})` : ''}, ${m.registration} registration, ${m.colourBar ? `colour bar of ${m.colourBar} patches` : 'no colour bar'}`
      : 'none'}`);
  }
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.filter((d) => d.severity === 'warning').length;
  lines.push(`  ${errors ? 'FAILED' : 'passed'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** One line for `banmian build`: the verdict and what was checked. */
export function summaryLine(f: PdfFacts, ds: readonly Diagnostic[]): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const spaces = [...new Set(f.pages.flatMap((p) => p.colours.map((u) => u.space.label)))];
  const fonts = f.pages.flatMap((p) => p.fonts);
  const crop = f.pages.reduce((s, p) => s + p.marks.crop, 0);
  return `preflight ${errors ? `FAILED (${errors} error${errors === 1 ? '' : 's'})` : 'passed'}: ${f.info.GTS_PDFXVersion ?? `PDF ${f.version}`}, ` +
    `${spaces.join(' + ') || 'no colour set'}, ${fonts.filter((x) => x.embedded).length}/${fonts.length} fonts embedded, ${crop} crop marks`;
}
