/**
 * The house style's `print:` section and style colours: what the plate-setter gets (colour mode,
 * marks, PDF/X output intent, spot inks). Kept apart from schema.ts so the print keys live in one place.
 */
import { z } from 'zod';
import { DEFAULT_PRINT, type Cmyk, type Colour, type PrintSettings } from '../types.ts';
import { doc, KEY_DOCS } from './keyDoc.ts';

const percent = z.number({ error: 'a colour value is a percentage, 0 to 100' }).min(0, 'a colour value is a percentage, 0 to 100').max(100, 'a colour value is a percentage, 0 to 100');
export const CmykSchema = z.tuple([percent, percent, percent, percent], { error: 'a process colour is [cyan, magenta, yellow, black] in percent, e.g. [0, 100, 100, 0]' });

/** `[c, m, y, k]` (percent), or a spot ink of print.spot with an optional tint: `报红` or `报红 60%`. */
export const ColourSchema = z.union([
  CmykSchema.transform((cmyk): Colour => ({ cmyk })),
  z.string().transform((s, ctx): Colour => {
    const m = /^\s*(.+?)(?:\s+(\d+(?:\.\d+)?)%)?\s*$/.exec(s);
    const tint = m?.[2] === undefined ? 100 : Number(m[2]);
    if (!m || tint > 100) {
      ctx.addIssue({ code: 'custom', message: `colour "${s}" is neither [c, m, y, k] nor a spot ink name with an optional tint (e.g. 报红 60%)` });
      return z.NEVER;
    }
    return { spot: m[1]!, tint };
  }),
]);

export const PrintSchema = z.strictObject({
  colour: z.enum(['cmyk', 'gray']).optional().register(KEY_DOCS, doc('cmyk, or gray: DeviceGray only (plus spot inks), for a page printed in black', { default: 'cmyk' })),
  marks: z.boolean().optional().register(KEY_DOCS, doc('crop marks and registration targets in a slug round the bleed; false when the printer imposes the pages', { default: true })),
  'colour-bars': z.boolean().optional().register(KEY_DOCS, doc('solid and tint patches of every ink in the slug, below the trim', { default: false })),
  'output-intent': z.string().regex(/^[\x20-\x7e]+$/, 'output-intent is a registered printing condition name (ASCII), e.g. IFRA26, or none').optional()
    .register(KEY_DOCS, doc('declare PDF/X-1a:2003 for this registered printing condition, or none: no declaration', { default: 'IFRA26', examples: ['IFRA26', 'none'] })),
  spot: z.record(z.string(), CmykSchema).superRefine((inks, ctx) => {
    for (const name of Object.keys(inks)) {
      // checked here, not on the key schema, so the message reaches the user (zod words key errors generically)
      if (name === 'All' || name === 'None') ctx.addIssue({ code: 'custom', path: [name], message: `${name}: All and None are not ink names, PDF reserves them (All is the registration colour)` });
      else if (!/^\S(.*\S)?$/.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: `"${name}": a spot ink name has no leading or trailing spaces` });
    }
  }).optional().register(KEY_DOCS, doc('spot inks: name → the CMYK equivalent in per cent (proofs, fallback)', { examples: [{ 报红: [0, 100, 100, 0] }] })),
});

/** A printer-ready default: CMYK, marks outside the bleed, PDF/X-1a for coldset newsprint (ISO 12647-3). */

export function resolvePrint(p: z.output<typeof PrintSchema> | undefined): PrintSettings {
  const intent = p?.['output-intent'] ?? DEFAULT_PRINT.outputIntent;
  return {
    colour: p?.colour ?? DEFAULT_PRINT.colour,
    marks: p?.marks ?? DEFAULT_PRINT.marks,
    colourBars: p?.['colour-bars'] ?? DEFAULT_PRINT.colourBars,
    outputIntent: intent === 'none' ? undefined : intent,
    spot: Object.fromEntries(Object.entries(p?.spot ?? {}).map(([name, v]) => [name, v as Cmyk])),
  };
}

/** Why a colour cannot be used with these print settings, or undefined when it can. */
export function colourProblem(c: Colour, print: PrintSettings): { message: string; hint: string } | undefined {
  if ('spot' in c && !(c.spot in print.spot)) {
    const known = Object.keys(print.spot);
    return {
      message: `colour "${c.spot}" is not a spot ink of print.spot`,
      hint: known.length ? `spot inks: ${known.join(', ')}; or give a process colour [c, m, y, k]` : `define it under print.spot in the house style, e.g. ${c.spot}: [0, 100, 100, 0]`,
    };
  }
  return undefined;
}
