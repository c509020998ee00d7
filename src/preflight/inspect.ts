/**
 * preflight: what a written PDF contains, read back with pdf-lib (MIT) the way a print shop's
 * preflight reads it: page boxes, colour spaces and the operators that use them, fonts and
 * their embedding, image resolutions, transparency, and the printer's marks found in the
 * content. Facts only; report.ts judges them.
 */
import {
  decodePDFRawStream, PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber,
  PDFRawStream, PDFRef, PDFStream, PDFString, type PDFObject, type PDFPageLeaf,
} from 'pdf-lib';
import { Name, operations, type Operand } from './lexer.ts';

export type Box = [number, number, number, number]; // x0 y0 x1 y1, PDF user space

export type SpaceKind = 'gray' | 'cmyk' | 'rgb' | 'calibrated' | 'spot' | 'pattern' | 'unknown';

export interface Space {
  label: string; // DeviceCMYK, Separation 报红, ICCBased RGB, Indexed DeviceRGB …
  kind: SpaceKind; // what a press can do with it: rgb and calibrated need converting
  n: number; // components
  alternate?: Space; // of a Separation or DeviceN
}

export interface ColourUse {
  space: Space;
  ops: Record<string, number>; // operator (or "image", "inline image", "shading") → count
}

export interface FontFact {
  name: string; // BaseFont
  type: string; // Type0/TrueType, Type1, Type3 …
  embedded?: 'FontFile' | 'FontFile2' | 'FontFile3' | 'Type3';
  subset: boolean; // ABCDEF+Name
}

export interface ImageFact {
  name: string;
  pixels: [number, number];
  space: string;
  bits: number;
  placed: [number, number]; // pt
  ppi: number; // the lower of the two directions
}

export type MarkColour = 'registration' | 'black only' | 'other';

export interface MarkFacts {
  crop: number; // stroked straight segments on the trim lines extended, outside the trim
  cropInBleed: number; // of those, reaching into the BleedBox
  registration: number; // stroked curved paths (targets) outside the trim
  colourBar: number; // filled rectangles outside the trim
  colours: MarkColour[]; // of the crop marks, distinct
}

export interface PageFacts {
  number: number;
  media: Box;
  trim?: Box;
  bleed?: Box;
  art?: Box;
  colours: ColourUse[];
  fonts: FontFact[];
  images: ImageFact[];
  transparency: string[];
  overprint: boolean;
  annotations: number; // other than printer's marks, inside the bleed (or trim) box
  marks: MarkFacts;
  problems: string[]; // content that could not be read
}

export interface PdfFacts {
  file: string;
  version: string;
  encrypted: boolean;
  id: boolean;
  info: Record<string, string>; // Title, Producer, CreationDate, Trapped, GTS_PDFXVersion …
  outputIntents: { subtype: string; condition: string; profile: boolean }[];
  pages: PageFacts[];
}

export class UnreadablePdf extends Error {}

export async function inspectPdf(bytes: Uint8Array, file: string): Promise<PdfFacts> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch (e) {
    throw new UnreadablePdf((e as Error).message);
  }
  const header = /^%PDF-(\d\.\d)/.exec(Buffer.from(bytes.subarray(0, 16)).toString('latin1'))?.[1] ?? '?';
  const catalogVersion = doc.catalog.lookupMaybe(PDFName.of('Version'), PDFName)?.decodeText();
  const trailer = doc.context.trailerInfo;
  const info: Record<string, string> = {};
  const infoDict = trailer.Info ? doc.context.lookupMaybe(trailer.Info, PDFDict) : undefined;
  for (const [k, v] of infoDict?.entries() ?? []) {
    const val = infoDict!.context.lookup(v);
    info[k.decodeText()] = val instanceof PDFName ? `/${nameOf(val)}` : val instanceof PDFString || val instanceof PDFHexString ? val.decodeText() : String(val);
  }
  const outputIntents = (doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)?.asArray() ?? []).flatMap((ref) => {
    const d = doc.context.lookupMaybe(ref, PDFDict);
    if (!d) return [];
    const text = (key: string) => { const v = d.lookup(PDFName.of(key)); return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : v instanceof PDFName ? nameOf(v)! : ''; };
    return [{ subtype: text('S'), condition: text('OutputConditionIdentifier'), profile: d.has(PDFName.of('DestOutputProfile')) }];
  });
  return {
    file,
    version: catalogVersion && catalogVersion > header ? catalogVersion : header,
    encrypted: doc.isEncrypted || trailer.Encrypt !== undefined,
    id: trailer.ID !== undefined,
    info,
    outputIntents,
    pages: doc.getPages().map((p, i) => inspectPage(p.node, i + 1)),
  };
}

// ---------------------------------------------------------------------------------------------

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** m × n: apply m, then n (the PDF convention, CTM' = M × CTM). */
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

interface Paint { space: Space; comps: number[] }
interface GState { ctm: Matrix; fill: Paint; stroke: Paint }
interface Subpath { pts: [number, number][]; curved: boolean }

const DEVICE: Record<string, Space> = {
  DeviceGray: { label: 'DeviceGray', kind: 'gray', n: 1 },
  DeviceRGB: { label: 'DeviceRGB', kind: 'rgb', n: 3 },
  DeviceCMYK: { label: 'DeviceCMYK', kind: 'cmyk', n: 4 },
  Pattern: { label: 'Pattern', kind: 'pattern', n: 1 },
};
const ABBREVIATED: Record<string, string> = { G: 'DeviceGray', RGB: 'DeviceRGB', CMYK: 'DeviceCMYK' };
const UNKNOWN: Space = { label: 'an unresolvable colour space', kind: 'unknown', n: 1 };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** A name's text: its bytes as UTF-8 (spot ink names are often Chinese), else one char per byte. */
const nameOf = (v: PDFObject | undefined): string | undefined => {
  if (!(v instanceof PDFName)) return undefined;
  try { return UTF8.decode(v.asBytes()); } catch { return v.decodeText(); }
};
const numberOf = (v: PDFObject | undefined): number | undefined => (v instanceof PDFNumber ? v.asNumber() : undefined);
const boxOf = (v: PDFObject | undefined): Box | undefined => {
  if (!(v instanceof PDFArray) || v.size() !== 4) return undefined;
  const n = v.asArray().map((_, i) => numberOf(v.lookup(i)) ?? NaN);
  return n.some(Number.isNaN) ? undefined : [Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)];
};

function inspectPage(node: PDFPageLeaf, number: number): PageFacts {
  const get = (key: string) => node.lookup(PDFName.of(key));
  const media = boxOf(node.MediaBox()) ?? [0, 0, 612, 792];
  const page: PageFacts = {
    number, media, trim: boxOf(get('TrimBox')), bleed: boxOf(get('BleedBox')), art: boxOf(get('ArtBox')),
    colours: [], fonts: [], images: [], transparency: [], overprint: false, annotations: 0,
    marks: { crop: 0, cropInBleed: 0, registration: 0, colourBar: 0, colours: [] },
    problems: [],
  };
  const group = get('Group');
  if (group instanceof PDFDict && nameOf(group.lookup(PDFName.of('S'))) === 'Transparency') page.transparency.push('the page has a transparency group');
  const reach = page.bleed ?? page.trim ?? media;
  const annots = get('Annots');
  for (const a of annots instanceof PDFArray ? annots.asArray() : []) {
    const annot = node.context.lookup(a);
    if (!(annot instanceof PDFDict) || ['PrinterMark', 'TrapNet'].includes(nameOf(annot.lookup(PDFName.of('Subtype'))) ?? '')) continue;
    const r = boxOf(annot.lookup(PDFName.of('Rect')));
    if (r && r[0] < reach[2] && r[2] > reach[0] && r[1] < reach[3] && r[3] > reach[1]) page.annotations++;
  }
  const gray = { space: DEVICE.DeviceGray!, comps: [0] };
  new Interpreter(page, node.context).run(contentBytes(node.Contents(), page), node.Resources(), { ctm: IDENTITY, fill: gray, stroke: gray }, 0);
  return page;
}

function contentBytes(contents: PDFObject | undefined, page: PageFacts): Uint8Array {
  const streams = contents instanceof PDFArray ? contents.asArray().map((_, i) => contents.lookup(i)) : [contents];
  const parts: Uint8Array[] = [];
  for (const s of streams) {
    const bytes = s && streamBytes(s, page);
    if (bytes) parts.push(bytes, new Uint8Array([10])); // streams of an array split only between tokens
  }
  return Buffer.concat(parts);
}

function streamBytes(s: PDFObject, page: PageFacts): Uint8Array | undefined {
  try {
    if (s instanceof PDFRawStream) return decodePDFRawStream(s).decode();
    if (s instanceof PDFStream) return s.getContents();
  } catch (e) {
    page.problems.push(`a content stream could not be decoded: ${(e as Error).message}`);
  }
  return undefined;
}

/** Walks a content stream (and the forms and patterns it uses) with the graphics state a RIP would keep. */
class Interpreter {
  private readonly fontSeen = new Set<PDFObject>();
  private readonly stateSeen = new Set<PDFObject>(); // graphics states: judged once per page, however often set
  private readonly colourIndex = new Map<string, ColourUse>();
  private readonly visiting = new Set<PDFObject>(); // forms and patterns being walked: no cycles

  constructor(private readonly page: PageFacts, private readonly ctx: PDFDict['context']) {}

  /** `state`: the graphics state at the start; a form or pattern inherits the caller's. */
  run(data: Uint8Array, res: PDFDict | undefined, state: GState, depth: number): void {
    if (depth > 12) { this.page.problems.push('forms nested more than 12 deep'); return; }
    let gs = state;
    const saved: GState[] = [];
    let path: Subpath[] = [];
    let cur: Subpath | undefined;
    const point = (x: Operand | undefined, y: Operand | undefined) => apply(gs.ctm, typeof x === 'number' ? x : 0, typeof y === 'number' ? y : 0);
    const nums = (args: Operand[]) => args.filter((a): a is number => typeof a === 'number');
    const resource = (kind: string, name: Operand | undefined) => (name instanceof Name ? res?.lookupMaybe(PDFName.of(kind), PDFDict)?.lookup(PDFName.of(name.name)) : undefined);

    for (const { op, args, inline } of operations(data)) {
      switch (op) {
        case 'q': saved.push(gs); gs = { ...gs }; break;
        case 'Q': gs = saved.pop() ?? gs; break;
        case 'cm': { const m = nums(args); if (m.length === 6) gs = { ...gs, ctm: mul(m as Matrix, gs.ctm) }; break; }
        case 'm': cur = { pts: [point(args[0], args[1])], curved: false }; path.push(cur); break;
        case 'l': cur?.pts.push(point(args[0], args[1])); break;
        case 'c': case 'v': case 'y':
          if (cur) { for (let k = 0; k + 1 < args.length; k += 2) cur.pts.push(point(args[k], args[k + 1])); cur.curved = true; }
          break;
        case 're': {
          const [x, y, w, h] = nums(args);
          if (h === undefined) break;
          path.push({ pts: [point(x, y), point(x! + w!, y), point(x! + w!, y! + h), point(x, y! + h)], curved: false });
          cur = undefined;
          break;
        }
        case 'S': case 's': this.painted(path, gs, true, false); path = []; break;
        case 'f': case 'F': case 'f*': this.painted(path, gs, false, true); path = []; break;
        case 'B': case 'B*': case 'b': case 'b*': this.painted(path, gs, true, true); path = []; break;
        case 'n': path = []; break;
        case 'g': case 'G': case 'rg': case 'RG': case 'k': case 'K': {
          const space = DEVICE[{ g: 'DeviceGray', rg: 'DeviceRGB', k: 'DeviceCMYK' }[op.toLowerCase() as 'g' | 'rg' | 'k']]!;
          this.use(space, op);
          const p = { space, comps: nums(args) };
          gs = op === op.toLowerCase() ? { ...gs, fill: p } : { ...gs, stroke: p };
          break;
        }
        case 'cs': case 'CS': {
          const space = this.space(args[0] instanceof Name ? PDFName.of(args[0].name) : undefined, res);
          this.use(space, op);
          const p = { space, comps: [space.kind === 'spot' ? 1 : 0] };
          gs = op === 'cs' ? { ...gs, fill: p } : { ...gs, stroke: p };
          break;
        }
        case 'sc': case 'scn': case 'SC': case 'SCN': {
          const fill = op[0] === 's';
          const p = { space: (fill ? gs.fill : gs.stroke).space, comps: nums(args) };
          this.use(p.space, op);
          if (p.space.kind === 'pattern') this.pattern(resource('Pattern', args[args.length - 1]), gs, depth);
          gs = fill ? { ...gs, fill: p } : { ...gs, stroke: p };
          break;
        }
        case 'sh': {
          const sh = resource('Shading', args[0]);
          if (sh instanceof PDFDict || sh instanceof PDFStream) this.use(this.space((sh instanceof PDFStream ? sh.dict : sh).get(PDFName.of('ColorSpace')), res), 'shading');
          break;
        }
        case 'gs': this.extGState(resource('ExtGState', args[0]), args[0] instanceof Name ? args[0].name : '?'); break;
        case 'Tf': this.font(resource('Font', args[0])); break;
        case 'Do': this.xobject(resource('XObject', args[0]), args[0] instanceof Name ? args[0].name : '?', gs, res, depth); break;
        case 'BI': this.inlineImage(inline!, gs.ctm, res); break;
      }
    }
  }

  private use(space: Space, op: string): void {
    let u = this.colourIndex.get(space.label);
    if (!u) { u = { space, ops: {} }; this.colourIndex.set(space.label, u); this.page.colours.push(u); }
    u.ops[op] = (u.ops[op] ?? 0) + 1;
  }

  /** A colour space from a name (device, or a resource) or an array (ICCBased, Separation …). */
  private space(obj: PDFObject | undefined, res: PDFDict | undefined, depth = 0): Space {
    if (depth > 4) return UNKNOWN;
    const v = obj instanceof PDFRef ? this.ctx.lookup(obj) : obj;
    if (v instanceof PDFName) {
      const n = v.decodeText();
      const device = DEVICE[ABBREVIATED[n] ?? n];
      if (device) return device;
      return this.space(res?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)?.get(PDFName.of(n)), res, depth + 1);
    }
    if (!(v instanceof PDFArray) || v.size() === 0) return UNKNOWN;
    const family = nameOf(v.lookup(0)) ?? '';
    const part = (i: number) => v.lookup(i);
    switch (family) {
      case 'ICCBased': {
        const s = part(1);
        const n = s instanceof PDFStream ? numberOf(s.dict.lookup(PDFName.of('N'))) ?? 0 : 0;
        return { label: `ICCBased ${({ 1: 'gray', 3: 'RGB', 4: 'CMYK' } as Record<number, string>)[n] ?? n}`, kind: n === 3 ? 'rgb' : 'calibrated', n };
      }
      case 'CalRGB': return { label: 'CalRGB', kind: 'rgb', n: 3 };
      case 'CalGray': return { label: 'CalGray', kind: 'calibrated', n: 1 };
      case 'Lab': return { label: 'Lab', kind: 'calibrated', n: 3 };
      case 'Indexed': case 'I': {
        const base = this.space(v.get(1), res, depth + 1);
        return { label: `Indexed ${base.label}`, kind: base.kind, n: 1 };
      }
      case 'Pattern': return DEVICE.Pattern!;
      case 'Separation': {
        const alternate = this.space(v.get(2), res, depth + 1);
        return { label: `Separation ${nameOf(part(1)) ?? '?'}`, kind: 'spot', n: 1, alternate };
      }
      case 'DeviceN': {
        const names = part(1) instanceof PDFArray ? (part(1) as PDFArray).asArray().map((x) => nameOf(x) ?? '?') : [];
        const alternate = this.space(v.get(2), res, depth + 1);
        return { label: `DeviceN ${names.join('+')}`, kind: 'spot', n: names.length, alternate };
      }
      default: return DEVICE[ABBREVIATED[family] ?? family] ?? UNKNOWN;
    }
  }

  /** A painted path: content, unless it lies wholly outside the trim, where it is a printer's mark. */
  private painted(path: Subpath[], gs: GState, stroke: boolean, fill: boolean): void {
    const trim = this.page.trim;
    if (!trim) return;
    const marks = this.page.marks;
    for (const sp of path) {
      if (!sp.pts.length || this.touches(sp.pts, trim)) continue;
      const xs = sp.pts.map((p) => p[0]);
      const ys = sp.pts.map((p) => p[1]);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const on = (v: number, a: number, b: number) => Math.abs(v - a) < 0.5 || Math.abs(v - b) < 0.5;
      const straight = !sp.curved && sp.pts.length === 2;
      if (stroke && straight && ((y1 - y0 < 0.01 && on(y0, trim[1], trim[3])) || (x1 - x0 < 0.01 && on(x0, trim[0], trim[2])))) {
        marks.crop++;
        if (this.page.bleed && this.touches(sp.pts, this.page.bleed)) marks.cropInBleed++;
        const c = markColour(gs.stroke);
        if (!marks.colours.includes(c)) marks.colours.push(c);
      } else if (stroke && sp.curved) {
        marks.registration++;
      } else if (fill && !sp.curved && sp.pts.length >= 4) {
        marks.colourBar++;
      }
    }
  }

  /** Whether a path's bounding box reaches inside a box (a hairline on its edge does not). */
  private touches(pts: [number, number][], b: Box): boolean {
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const e = 0.01;
    return Math.min(...xs) < b[2] - e && Math.max(...xs) > b[0] + e && Math.min(...ys) < b[3] - e && Math.max(...ys) > b[1] + e;
  }

  private extGState(g: PDFObject | undefined, name: string): void {
    if (!(g instanceof PDFDict) || this.stateSeen.has(g)) return;
    this.stateSeen.add(g);
    const why: string[] = [];
    const smask = g.lookup(PDFName.of('SMask'));
    if (smask && nameOf(smask) !== 'None') why.push('a soft mask (SMask)');
    for (const key of ['CA', 'ca']) {
      const a = numberOf(g.lookup(PDFName.of(key)));
      if (a !== undefined && a < 1) why.push(`${key === 'CA' ? 'stroke' : 'fill'} opacity ${a}`);
    }
    const bm = g.lookup(PDFName.of('BM'));
    const modes = bm instanceof PDFArray ? bm.asArray().map((x) => nameOf(x)) : [nameOf(bm)];
    if (bm && !modes.some((m) => m === 'Normal' || m === 'Compatible')) why.push(`blend mode ${modes.join(', ')}`);
    if (why.length) this.page.transparency.push(`graphics state ${name}: ${why.join(', ')}`);
    for (const key of ['OP', 'op']) if (g.lookup(PDFName.of(key)) === PDFBool.True) this.page.overprint = true;
  }

  private font(f: PDFObject | undefined): void {
    if (!(f instanceof PDFDict) || this.fontSeen.has(f)) return;
    this.fontSeen.add(f);
    const type = nameOf(f.lookup(PDFName.of('Subtype'))) ?? '?';
    const name = nameOf(f.lookup(PDFName.of('BaseFont'))) ?? nameOf(f.lookup(PDFName.of('Name'))) ?? '(unnamed)';
    let desc = f;
    let shown = type;
    if (type === 'Type0') {
      const d = f.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0);
      if (d instanceof PDFDict) { desc = d; shown = `Type0/${nameOf(d.lookup(PDFName.of('Subtype'))) ?? '?'}`; }
    }
    const fd = desc.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embedded = type === 'Type3' ? 'Type3' : (['FontFile', 'FontFile2', 'FontFile3'] as const).find((k) => fd?.has(PDFName.of(k)));
    this.page.fonts.push({ name, type: shown, ...(embedded ? { embedded } : {}), subset: /^[A-Z]{6}\+/.test(name) });
  }

  private xobject(x: PDFObject | undefined, name: string, gs: GState, res: PDFDict | undefined, depth: number): void {
    if (!(x instanceof PDFStream)) return;
    const d = x.dict;
    const subtype = nameOf(d.lookup(PDFName.of('Subtype')));
    if (subtype === 'Image') {
      const mask = d.lookup(PDFName.of('ImageMask')) === PDFBool.True;
      const space = mask ? undefined : this.space(d.get(PDFName.of('ColorSpace')), res);
      if (space) this.use(space, 'image');
      if (d.has(PDFName.of('SMask'))) this.page.transparency.push(`image ${name} has a soft mask (SMask)`);
      if ((numberOf(d.lookup(PDFName.of('SMaskInData'))) ?? 0) > 0) this.page.transparency.push(`image ${name} has alpha in its data (SMaskInData)`);
      this.image(name, numberOf(d.lookup(PDFName.of('Width'))) ?? 0, numberOf(d.lookup(PDFName.of('Height'))) ?? 0,
        space?.label ?? 'image mask', mask ? 1 : numberOf(d.lookup(PDFName.of('BitsPerComponent'))) ?? 8, gs.ctm);
    } else if (subtype === 'Form') {
      if (this.visiting.has(x)) return;
      const matrix = d.lookupMaybe(PDFName.of('Matrix'), PDFArray);
      const m = matrix?.asArray().map((_, i) => numberOf(matrix.lookup(i)) ?? 0);
      const group = d.lookupMaybe(PDFName.of('Group'), PDFDict);
      if (group && nameOf(group.lookup(PDFName.of('S'))) === 'Transparency') this.page.transparency.push(`form ${name} is a transparency group`);
      const bytes = streamBytes(x, this.page);
      if (!bytes) return;
      this.visiting.add(x);
      this.run(bytes, d.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? res, { ...gs, ctm: mul((m?.length === 6 ? m : IDENTITY) as Matrix, gs.ctm) }, depth + 1);
      this.visiting.delete(x);
    }
  }

  /** A tiling pattern's cell is content too; a shading pattern contributes its colour space. */
  private pattern(p: PDFObject | undefined, gs: GState, depth: number): void {
    if (!(p instanceof PDFDict || p instanceof PDFStream) || this.visiting.has(p)) return;
    const d = p instanceof PDFStream ? p.dict : p;
    if (numberOf(d.lookup(PDFName.of('PatternType'))) === 2) {
      const sh = d.lookup(PDFName.of('Shading'));
      const shd = sh instanceof PDFStream ? sh.dict : sh;
      if (shd instanceof PDFDict) this.use(this.space(shd.get(PDFName.of('ColorSpace')), undefined), 'shading');
      return;
    }
    const bytes = p instanceof PDFStream ? streamBytes(p, this.page) : undefined;
    if (!bytes) return;
    this.visiting.add(p);
    this.run(bytes, d.lookupMaybe(PDFName.of('Resources'), PDFDict), gs, depth + 1);
    this.visiting.delete(p);
  }

  private inlineImage(d: Map<string, Operand>, ctm: Matrix, res: PDFDict | undefined): void {
    const get = (a: string, b: string) => d.get(a) ?? d.get(b);
    const mask = get('IM', 'ImageMask') === true;
    const cs = get('CS', 'ColorSpace');
    const space = mask ? undefined : cs instanceof Name ? this.space(PDFName.of(cs.name), res) : UNKNOWN;
    if (space) this.use(space, 'inline image');
    const w = get('W', 'Width');
    const h = get('H', 'Height');
    const bpc = get('BPC', 'BitsPerComponent');
    this.image('(inline)', typeof w === 'number' ? w : 0, typeof h === 'number' ? h : 0, space?.label ?? 'image mask', mask ? 1 : typeof bpc === 'number' ? bpc : 8, ctm);
  }

  /** The unit square maps to the placed image: its sides' lengths give the size on the page. */
  private image(name: string, w: number, h: number, space: string, bits: number, ctm: Matrix): void {
    const pw = Math.hypot(ctm[0], ctm[1]);
    const ph = Math.hypot(ctm[2], ctm[3]);
    const ppi = Math.min(pw ? (w * 72) / pw : Infinity, ph ? (h * 72) / ph : Infinity);
    this.page.images.push({ name, pixels: [w, h], space, bits, placed: [pw, ph], ppi });
  }
}

/** Registration colour prints on every plate: Separation All, or all four process inks full. */
function markColour(p: Paint): MarkColour {
  const { space, comps } = p;
  if (space.label === 'Separation All' && (comps[0] ?? 1) > 0) return 'registration';
  if (space.kind === 'cmyk' && comps.length === 4 && comps.every((v) => v >= 0.99)) return 'registration';
  if (space.kind === 'gray' || (space.kind === 'cmyk' && comps.slice(0, 3).every((v) => v === 0))) return 'black only';
  return 'other';
}
