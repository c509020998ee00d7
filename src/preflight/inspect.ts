/**
 * preflight: what a written PDF contains, read back with pdf-lib (MIT) the way a print shop's
 * preflight reads it: page boxes, colour spaces and the operators that use them, fonts and
 * their embedding, image resolutions, transparency, and the printer's marks found in the
 * content. Facts only; report.ts judges them.
 *
 * Bounded on any file: the page tree is walked once (document.ts), streams decode within limits
 * (decode.ts), a form or pattern is followed again only when drawn in a new way (another matrix or
 * colour), a loop of forms is named and not followed, content read again for new placements has a
 * budget per file, and what repeats in the facts is counted, not listed again.
 */
import {
  PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, type PDFObject,
} from 'pdf-lib';
import { DecodeBudget, DecodeLimit } from './decode.ts';
import { readPdf, type Flaw, type PageNode } from './document.ts';
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
  count: number; // placements of this image at this size
}

export type MarkColour = 'registration' | 'black only' | 'other';

export interface MarkFacts {
  crop: number; // stroked straight segments on the trim lines extended, outside the trim
  cropInBleed: number; // of those, reaching into the BleedBox
  registration: number; // stroked curved paths (targets) outside the trim
  colourBar: number; // filled rectangles outside the trim
  colours: MarkColour[]; // of the crop marks, distinct
}

/** Content preflight could not check, or not all of it: report.ts gives each code its severity and hint. */
export interface Problem {
  code: 'UNREADABLE_CONTENT' | 'FORM_CYCLE' | 'DECODE_LIMIT' | 'PREFLIGHT_LIMIT';
  message: string;
  count: number;
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
  problems: Problem[];
}

export interface PdfFacts {
  file: string;
  version: string;
  encrypted: boolean;
  id: boolean;
  info: Record<string, string>; // Title, Producer, CreationDate, Trapped, GTS_PDFXVersion …
  outputIntents: { subtype: string; condition: string; profile: boolean }[];
  flaws: Flaw[]; // what makes the file not a whole PDF: damaged objects, a broken page tree, no pages
  pages: PageFacts[];
}

/**
 * The content preflight reads again for forms and patterns drawn again in a new way, per file, in
 * bytes, each such walk counting WALK_COST more for setting it up: a fraction of a second.
 */
export const REPEAT_BUDGET = 4 * 2 ** 20;
const WALK_COST = 256;

/** The facts of a PDF; UnreadablePdf (document.ts) when it cannot be read at all. */
export async function inspectPdf(bytes: Uint8Array, file: string, budget = DecodeBudget.forFile(bytes.length)): Promise<PdfFacts> {
  const doc = await readPdf(bytes, budget);
  const ctx = doc.context;
  const header = /^%PDF-(\d\.\d)/.exec(Buffer.from(bytes.subarray(0, 16)).toString('latin1'))?.[1] ?? '?';
  const catalogVersion = nameOf(doc.catalog.lookup(PDFName.of('Version')));
  const trailer = ctx.trailerInfo;
  const info: Record<string, string> = {};
  const infoDict = ctx.lookup(trailer.Info);
  if (infoDict instanceof PDFDict) {
    for (const [k, v] of infoDict.entries()) info[k.decodeText()] = text(ctx.lookup(v));
  }
  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
  const outputIntents = (intents instanceof PDFArray ? intents.asArray() : []).flatMap((ref) => {
    const d = ctx.lookup(ref);
    if (!(d instanceof PDFDict)) return [];
    const t = (key: string) => { const v = d.lookup(PDFName.of(key)); return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : nameOf(v) ?? ''; };
    return [{ subtype: t('S'), condition: t('OutputConditionIdentifier'), profile: d.has(PDFName.of('DestOutputProfile')) }];
  });
  const work: Work = { budget, repeats: REPEAT_BUDGET };
  return {
    file,
    version: catalogVersion && catalogVersion > header ? catalogVersion : header,
    encrypted: trailer.Encrypt !== undefined,
    id: trailer.ID !== undefined,
    info,
    outputIntents,
    flaws: doc.flaws,
    pages: doc.pages.map((p, i) => inspectPage(p, i + 1, work)),
  };
}

/** An information value as text: names as /Name, strings decoded, anything else by its kind (never printed whole: it may nest without end). */
function text(v: PDFObject | undefined): string {
  if (v instanceof PDFName) return `/${nameOf(v)}`;
  if (v instanceof PDFString || v instanceof PDFHexString) return v.decodeText();
  if (v instanceof PDFNumber || v instanceof PDFBool) return String(v);
  return v instanceof PDFDict ? '(dictionary)' : v instanceof PDFArray ? '(array)' : v instanceof PDFStream ? '(stream)' : String(v);
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
/** A subpath as its bounding box and number of points: all the marks check needs, in constant room. */
interface Subpath { x0: number; y0: number; x1: number; y1: number; n: number; curved: boolean }
interface Work { budget: DecodeBudget; repeats: number } // shared by the pages of a file

const DEVICE: Record<string, Space> = {
  DeviceGray: { label: 'DeviceGray', kind: 'gray', n: 1 },
  DeviceRGB: { label: 'DeviceRGB', kind: 'rgb', n: 3 },
  DeviceCMYK: { label: 'DeviceCMYK', kind: 'cmyk', n: 4 },
  Pattern: { label: 'Pattern', kind: 'pattern', n: 1 },
};
const ABBREVIATED: Record<string, string> = { G: 'DeviceGray', RGB: 'DeviceRGB', CMYK: 'DeviceCMYK' };
const UNKNOWN: Space = { label: 'an unresolvable colour space', kind: 'unknown', n: 1 };

const MAX_DEPTH = 12; // forms and patterns inside forms
const MAX_SAVED = 1000; // graphics states saved (q) and not restored
const MAX_SUBPATHS = 100_000; // of one path, looked at for marks: a path of more is artwork

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** A name's text: its bytes as UTF-8 (spot ink names are often Chinese), else one char per byte. */
const names = new Map<PDFName, string>(); // PDFName.of interns names: each is decoded once
const nameOf = (v: PDFObject | undefined): string | undefined => {
  if (!(v instanceof PDFName)) return undefined;
  let s = names.get(v);
  if (s === undefined) {
    try { s = UTF8.decode(v.asBytes()); } catch { s = v.decodeText(); }
    names.set(v, s);
  }
  return s;
};
const numberOf = (v: PDFObject | undefined): number | undefined => (v instanceof PDFNumber ? v.asNumber() : undefined);
const dictOf = (d: PDFDict, key: string): PDFDict | undefined => { const v = d.lookup(PDFName.of(key)); return v instanceof PDFDict ? v : undefined; };
const boxOf = (v: PDFObject | undefined): Box | undefined => {
  if (!(v instanceof PDFArray) || v.size() !== 4) return undefined;
  const n = v.asArray().map((_, i) => numberOf(v.lookup(i)) ?? NaN);
  return n.some(Number.isNaN) ? undefined : [Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)];
};

function inspectPage(p: PageNode, number: number, work: Work): PageFacts {
  const { node } = p;
  const ctx = node.context;
  const get = (key: string) => node.lookup(PDFName.of(key));
  const media = boxOf(ctx.lookup(p.media)) ?? [0, 0, 612, 792];
  const page: PageFacts = {
    number, media, trim: boxOf(get('TrimBox')), bleed: boxOf(get('BleedBox')), art: boxOf(get('ArtBox')),
    colours: [], fonts: [], images: [], transparency: [], overprint: false, annotations: 0,
    marks: { crop: 0, cropInBleed: 0, registration: 0, colourBar: 0, colours: [] },
    problems: [],
  };
  const it = new Interpreter(page, ctx, work);
  const group = get('Group');
  if (group instanceof PDFDict && nameOf(group.lookup(PDFName.of('S'))) === 'Transparency') it.transparent('the page has a transparency group');
  const reach = page.bleed ?? page.trim ?? media;
  const annots = get('Annots');
  for (const a of annots instanceof PDFArray ? annots.asArray() : []) {
    const annot = ctx.lookup(a);
    if (!(annot instanceof PDFDict) || ['PrinterMark', 'TrapNet'].includes(nameOf(annot.lookup(PDFName.of('Subtype'))) ?? '')) continue;
    const r = boxOf(annot.lookup(PDFName.of('Rect')));
    if (r && r[0] < reach[2] && r[2] > reach[0] && r[1] < reach[3] && r[3] > reach[1]) page.annotations++;
  }
  const gray = { space: DEVICE.DeviceGray!, comps: [0] };
  const res = ctx.lookup(p.resources);
  it.run(it.contents(get('Contents')), res instanceof PDFDict ? res : undefined, { ctm: IDENTITY, fill: gray, stroke: gray }, 0);
  it.finish();
  return page;
}

/** Walks a content stream (and the forms and patterns it uses) with the graphics state a RIP would keep. */
class Interpreter {
  private readonly fontSeen = new Set<PDFObject>();
  private readonly stateSeen = new Set<PDFObject>(); // graphics states: judged once per page, however often set
  private readonly colourIndex = new Map<string, ColourUse>();
  private readonly spaces = new Map<PDFDict | undefined, Map<PDFObject, Space>>(); // colour space arrays, resolved once per resources
  private readonly visiting = new Set<PDFObject>(); // forms and patterns being walked: a loop if met again
  private readonly walked = new Map<PDFObject, Set<string>>(); // form or pattern → the states it was walked in
  private readonly decoded = new Map<PDFObject, Uint8Array | undefined>(); // their data, decoded once per page
  private readonly images = new Map<string, ImageFact>();
  private readonly seeThrough = new Map<string, number>(); // transparency found → how often
  private readonly problems = new Map<string, Problem>();

  constructor(private readonly page: PageFacts, private readonly ctx: PDFDict['context'], private readonly work: Work) {}

  /** The page's content: its streams (one or an array) decoded and joined, at most one stream's limit in all. */
  contents(contents: PDFObject | undefined): Uint8Array {
    const streams = contents instanceof PDFArray ? contents.asArray().map((_, i) => contents.lookup(i)) : [contents];
    const parts: Uint8Array[] = [];
    let size = 0;
    for (const s of streams) {
      if (!(s instanceof PDFStream)) continue;
      const bytes = this.decode(s, 'the page\'s content stream');
      if (!bytes) continue;
      size += bytes.length + 1;
      if (size > this.work.budget.perStream) {
        this.problem('DECODE_LIMIT', `the page's content streams decode to more than ${this.work.budget.perStream / 2 ** 20} MB (the limit for one stream): the rest was not checked`);
        break;
      }
      parts.push(bytes, new Uint8Array([10])); // streams of an array split only between tokens
    }
    return parts.length === 2 ? parts[0]! : Buffer.concat(parts);
  }

  /** `state`: the graphics state at the start; a form or pattern inherits the caller's. */
  run(data: Uint8Array, res: PDFDict | undefined, state: GState, depth: number): void {
    if (depth > MAX_DEPTH) { this.problem('UNREADABLE_CONTENT', `forms nested more than ${MAX_DEPTH} deep`); return; }
    let gs = state;
    const saved: GState[] = [];
    let unsaved = 0; // q beyond MAX_SAVED, not kept
    let lost = false;
    let path: Subpath[] = [];
    let cur: Subpath | undefined;
    const point = (x: Operand | undefined, y: Operand | undefined) => apply(gs.ctm, typeof x === 'number' ? x : 0, typeof y === 'number' ? y : 0);
    const extend = (s: Subpath, [x, y]: [number, number]) => {
      if (x < s.x0) s.x0 = x; if (x > s.x1) s.x1 = x;
      if (y < s.y0) s.y0 = y; if (y > s.y1) s.y1 = y;
      s.n++;
    };
    const subpath = (p: [number, number]) => {
      cur = path.length < MAX_SUBPATHS ? { x0: p[0], y0: p[1], x1: p[0], y1: p[1], n: 1, curved: false } : undefined;
      if (cur) path.push(cur);
    };
    const nums = (args: Operand[]) => args.filter((a): a is number => typeof a === 'number');
    const resource = (kind: string, name: Operand | undefined) => (name instanceof Name && res ? dictOf(res, kind)?.lookup(PDFName.of(name.name)) : undefined);

    for (const { op, args, inline } of operations(data)) {
      switch (op) {
        case 'q':
          if (saved.length < MAX_SAVED) { saved.push(gs); gs = { ...gs }; }
          else { unsaved++; lost = true; }
          break;
        case 'Q': if (unsaved) unsaved--; else gs = saved.pop() ?? gs; break;
        case 'cm': { const m = nums(args); if (m.length === 6) gs = { ...gs, ctm: mul(m as Matrix, gs.ctm) }; break; }
        case 'm': subpath(point(args[0], args[1])); break;
        case 'l': if (cur) extend(cur, point(args[0], args[1])); break;
        case 'c': case 'v': case 'y':
          if (cur) { for (let k = 0; k + 1 < args.length; k += 2) extend(cur, point(args[k], args[k + 1])); cur.curved = true; }
          break;
        case 're': {
          const [x, y, w, h] = nums(args);
          if (h === undefined) break;
          subpath(point(x, y));
          if (cur) { extend(cur, point(x! + w!, y)); extend(cur, point(x! + w!, y! + h)); extend(cur, point(x, y! + h)); }
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
          if (p.space.kind === 'pattern') this.pattern(resource('Pattern', args[args.length - 1]), args[args.length - 1], gs, depth);
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
    if (lost) this.problem('UNREADABLE_CONTENT', `graphics states saved (q) more than ${MAX_SAVED} deep`);
  }

  /** Counted facts into the page: transparency and problems with how often they were met. */
  finish(): void {
    const times = (m: string, n: number) => (n > 1 ? `${m} (×${n})` : m);
    this.page.transparency = [...this.seeThrough].map(([m, n]) => times(m, n));
    this.page.problems = [...this.problems.values()];
  }

  transparent(why: string): void {
    this.seeThrough.set(why, (this.seeThrough.get(why) ?? 0) + 1);
  }

  private problem(code: Problem['code'], message: string): void {
    const key = `${code} ${message}`;
    const p = this.problems.get(key);
    if (p) p.count++;
    else this.problems.set(key, { code, message, count: 1 });
  }

  private overBudget(): void {
    this.problem('PREFLIGHT_LIMIT', `forms and patterns are drawn again in new places more often than preflight follows (${REPEAT_BUDGET / 2 ** 20} MB of content per file): ` +
      'the placements past the limit were not checked for image resolution and marks');
  }

  /** A stream's data within the file's budget, once per page; undefined (and a problem) if it cannot be decoded. */
  private decode(s: PDFStream, what: string): Uint8Array | undefined {
    if (this.decoded.has(s)) return this.decoded.get(s);
    let bytes: Uint8Array | undefined;
    try {
      bytes = this.work.budget.decode(s);
    } catch (e) {
      if (e instanceof DecodeLimit) this.problem('DECODE_LIMIT', `${what} ${e.message}: it was not checked`);
      else this.problem('UNREADABLE_CONTENT', `${what} could not be decoded: ${(e as Error).message}`);
    }
    this.decoded.set(s, bytes);
    return bytes;
  }

  private use(space: Space, op: string): void {
    let u = this.colourIndex.get(space.label);
    if (!u) { u = { space, ops: {} }; this.colourIndex.set(space.label, u); this.page.colours.push(u); }
    u.ops[op] = (u.ops[op] ?? 0) + 1;
  }

  /** A colour space from a name (device, or a resource) or an array (ICCBased, Separation …); arrays resolved once. */
  private space(obj: PDFObject | undefined, res: PDFDict | undefined, depth = 0): Space {
    if (depth > 4) return UNKNOWN;
    const v = obj instanceof PDFRef ? this.ctx.lookup(obj) : obj;
    if (v instanceof PDFName) {
      const n = v.decodeText();
      const device = DEVICE[ABBREVIATED[n] ?? n];
      if (device) return device;
      const named = res && dictOf(res, 'ColorSpace');
      return this.space(named?.get(PDFName.of(n)), res, depth + 1);
    }
    if (!(v instanceof PDFArray) || v.size() === 0) return UNKNOWN;
    let known = this.spaces.get(res);
    if (!known) this.spaces.set(res, known = new Map());
    let s = known.get(v);
    if (!s) known.set(v, s = this.family(v, res, depth));
    return s;
  }

  private family(v: PDFArray, res: PDFDict | undefined, depth: number): Space {
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
        const inks = part(1);
        const names = inks instanceof PDFArray ? inks.asArray().map((x) => nameOf(x instanceof PDFRef ? this.ctx.lookup(x) : x) ?? '?') : [];
        const alternate = this.space(v.get(2), res, depth + 1);
        const shown = names.length > 32 ? [...names.slice(0, 32), `… ${names.length} inks`] : names;
        return { label: `DeviceN ${shown.join('+')}`, kind: 'spot', n: names.length, alternate };
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
      if (this.touches(sp, trim)) continue;
      const { x0, x1, y0, y1 } = sp;
      const on = (v: number, a: number, b: number) => Math.abs(v - a) < 0.5 || Math.abs(v - b) < 0.5;
      const straight = !sp.curved && sp.n === 2;
      if (stroke && straight && ((y1 - y0 < 0.01 && on(y0, trim[1], trim[3])) || (x1 - x0 < 0.01 && on(x0, trim[0], trim[2])))) {
        marks.crop++;
        if (this.page.bleed && this.touches(sp, this.page.bleed)) marks.cropInBleed++;
        const c = markColour(gs.stroke);
        if (!marks.colours.includes(c)) marks.colours.push(c);
      } else if (stroke && sp.curved) {
        marks.registration++;
      } else if (fill && !sp.curved && sp.n >= 4) {
        marks.colourBar++;
      }
    }
  }

  /** Whether a path's bounding box reaches inside a box (a hairline on its edge does not). */
  private touches(s: Subpath, b: Box): boolean {
    const e = 0.01;
    return s.x0 < b[2] - e && s.x1 > b[0] + e && s.y0 < b[3] - e && s.y1 > b[1] + e;
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
    if (bm && !modes.some((m) => m === 'Normal' || m === 'Compatible')) why.push(`blend mode ${modes.slice(0, 8).join(', ')}`);
    if (why.length) this.transparent(`graphics state ${name}: ${why.join(', ')}`);
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
      const fonts = f.lookup(PDFName.of('DescendantFonts'));
      const d = fonts instanceof PDFArray && fonts.size() ? fonts.lookup(0) : undefined;
      if (d instanceof PDFDict) { desc = d; shown = `Type0/${nameOf(d.lookup(PDFName.of('Subtype'))) ?? '?'}`; }
    }
    const fd = dictOf(desc, 'FontDescriptor');
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
      if (d.has(PDFName.of('SMask'))) this.transparent(`image ${name} has a soft mask (SMask)`);
      if ((numberOf(d.lookup(PDFName.of('SMaskInData'))) ?? 0) > 0) this.transparent(`image ${name} has alpha in its data (SMaskInData)`);
      this.image(name, numberOf(d.lookup(PDFName.of('Width'))) ?? 0, numberOf(d.lookup(PDFName.of('Height'))) ?? 0,
        space?.label ?? 'image mask', mask ? 1 : numberOf(d.lookup(PDFName.of('BitsPerComponent'))) ?? 8, gs.ctm);
    } else if (subtype === 'Form') {
      const matrix = d.lookup(PDFName.of('Matrix'));
      const m = matrix instanceof PDFArray && matrix.size() === 6 ? matrix.asArray().map((_, i) => numberOf(matrix.lookup(i)) ?? 0) as Matrix : IDENTITY;
      const group = dictOf(d, 'Group');
      if (group && nameOf(group.lookup(PDFName.of('S'))) === 'Transparency') this.transparent(`form ${name} is a transparency group`);
      this.walk(x, `form /${name}`, dictOf(d, 'Resources') ?? res, { ...gs, ctm: mul(m, gs.ctm) }, depth);
    }
  }

  /** A tiling pattern's cell is content too; a shading pattern contributes its colour space. */
  private pattern(p: PDFObject | undefined, name: Operand | undefined, gs: GState, depth: number): void {
    if (!(p instanceof PDFDict || p instanceof PDFStream)) return;
    const d = p instanceof PDFStream ? p.dict : p;
    if (numberOf(d.lookup(PDFName.of('PatternType'))) === 2) {
      const sh = d.lookup(PDFName.of('Shading'));
      const shd = sh instanceof PDFStream ? sh.dict : sh;
      if (shd instanceof PDFDict) this.use(this.space(shd.get(PDFName.of('ColorSpace')), undefined), 'shading');
      return;
    }
    if (p instanceof PDFStream) this.walk(p, `pattern /${name instanceof Name ? name.name : '?'}`, dictOf(d, 'Resources'), gs, depth);
  }

  /**
   * A form or pattern's content, followed once per way it is drawn (matrix, colours): drawn again the
   * same way it can show nothing new. Met inside itself, it is a loop a RIP would never finish.
   */
  private walk(x: PDFStream, what: string, res: PDFDict | undefined, gs: GState, depth: number): void {
    if (this.visiting.has(x)) { this.problem('FORM_CYCLE', `${what} is drawn inside itself`); return; }
    const key = `${gs.ctm.join(' ')}|${gs.fill.space.label}|${gs.stroke.space.label} ${gs.stroke.comps.join(' ')}`;
    const ways = this.walked.get(x);
    if (ways?.has(key)) return;
    if (ways && this.work.repeats < 0) { this.overBudget(); return; }
    const bytes = this.decode(x, what);
    if (!bytes) return;
    if (ways) {
      ways.add(key);
      if ((this.work.repeats -= WALK_COST + bytes.length) < 0) { this.overBudget(); return; }
    } else {
      this.walked.set(x, new Set([key]));
    }
    this.visiting.add(x);
    this.run(bytes, res, gs, depth + 1);
    this.visiting.delete(x);
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

  /** The unit square maps to the placed image: its sides' lengths give the size on the page. The same image placed alike is counted. */
  private image(name: string, w: number, h: number, space: string, bits: number, ctm: Matrix): void {
    const pw = Math.hypot(ctm[0], ctm[1]);
    const ph = Math.hypot(ctm[2], ctm[3]);
    const key = `${name}|${w}|${h}|${space}|${bits}|${pw}|${ph}`;
    const seen = this.images.get(key);
    if (seen) { seen.count++; return; }
    const ppi = Math.min(pw ? (w * 72) / pw : Infinity, ph ? (h * 72) / ph : Infinity);
    const fact: ImageFact = { name, pixels: [w, h], space, bits, placed: [pw, ph], ppi, count: 1 };
    this.images.set(key, fact);
    this.page.images.push(fact);
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
