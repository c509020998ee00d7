/**
 * Colour as the plate-setter sees it: every colour the engine writes goes through Inks, which
 * turns a house colour into DeviceCMYK or DeviceGray operators (the house's print.colour) or a
 * Separation for a spot ink, so no other colour space can reach the PDF. Images must be
 * converted to the page's mode before they are placed: `Inks.mode` cmyk → DeviceCMYK (sharp
 * 'cmyk'), gray → DeviceGray (sharp 'b-w').
 */
import { BLACK, type Cmyk, type Colour, type PrintSettings } from '../types.ts';
import { num } from './pdfText.ts';
import { addPageColourSpace, pdfName, writeObject } from './pdfkitDoc.ts';

export type ColourMode = PrintSettings['colour'];

/** What can be painted: a house colour, or the registration colour that prints on every plate. */
export type Paint = Colour | 'registration';

/** DeviceCMYK → DeviceGray as ISO 32000-1 §10.3.5 converts it; 1 is white, 0 is solid black. */
export function grayOf([c, m, y, k]: Cmyk): number {
  return 1 - Math.min(1, (0.3 * c + 0.59 * m + 0.11 * y + k) / 100);
}

/** One page's colour writer: operator strings for fill and stroke, with the resources they need. */
export class Inks {
  private readonly spaces = new Map<string, string>(); // ink name → resource key on this page

  constructor(private readonly doc: PDFKit.PDFDocument, readonly print: PrintSettings) {}

  get mode(): ColourMode { return this.print.colour; }

  fill(p: Paint): string { return this.op(p, false); }
  stroke(p: Paint): string { return this.op(p, true); }

  private op(p: Paint, stroke: boolean): string {
    if (p === 'registration') return `/${this.separation('All')} ${stroke ? 'CS' : 'cs'} 1 ${stroke ? 'SC' : 'sc'}`;
    if ('spot' in p) return `/${this.separation(p.spot)} ${stroke ? 'CS' : 'cs'} ${num(p.tint / 100)} ${stroke ? 'SC' : 'sc'}`;
    if (this.mode === 'gray') return `${num(grayOf(p.cmyk))} ${stroke ? 'G' : 'g'}`;
    return `${p.cmyk.map((v) => num(v / 100)).join(' ')} ${stroke ? 'K' : 'k'}`;
  }

  /**
   * A Separation colour space for a spot ink, or `All` (registration: every plate). Its
   * alternate, used by proofs and by devices without the plate, is the ink's process colour in
   * the house mode, so even the fallback never leaves DeviceCMYK or DeviceGray.
   */
  private separation(ink: string): string {
    let key = this.spaces.get(ink);
    if (key) return key;
    key = ink === 'All' ? 'Reg' : `Ink${this.spaces.size}`;
    const cmyk = ink === 'All' ? [100, 100, 100, 100] as const : this.print.spot[ink];
    if (!cmyk) throw new Error(`spot ink "${ink}" is not in print.spot`); // the manifest loader rejects such a style
    const [alt, c1] = this.mode === 'gray' ? ['DeviceGray', [ink === 'All' ? 0 : grayOf(cmyk)]] : ['DeviceCMYK', cmyk.map((v) => v / 100)];
    const tint = { FunctionType: 2, Domain: [0, 1], C0: alt === 'DeviceGray' ? [1] : [0, 0, 0, 0], C1: c1, N: 1 };
    addPageColourSpace(this.doc, key, writeObject(this.doc, ['Separation', pdfName(ink), alt, tint]));
    this.spaces.set(ink, key);
    return key;
  }
}

/** A stable key for a colour: the page writer starts a new text object where it changes. */
export const paintKey = (p: Paint): string => (p === 'registration' ? 'registration' : 'spot' in p ? `spot:${p.spot}:${p.tint}` : `cmyk:${p.cmyk.join(',')}`);
