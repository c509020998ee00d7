/**
 * The manifest contract (DESIGN.md "Manifests"): house style, edition and page YAML.
 * Strict objects, so a mistyped key is an error with a "did you mean" hint, never ignored.
 */
import { z } from 'zod';
import { parseLength, type LengthUnit } from './units.ts';

const length = (units: readonly LengthUnit[]) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const r = parseLength(v, units);
    if (typeof r === 'string') {
      ctx.addIssue({ code: 'custom', message: r });
      return z.NEVER;
    }
    return r;
  });

const pageLen = length(['pt', 'mm', 'Q']);
const styleLen = length(['pt', 'mm', 'Q', 'zw']);
const count = (what: string) => z.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`).positive(`${what} must be at least 1`);

const weight = z.union([
  z.number().int().min(100).max(900),
  z.enum(['light', 'regular', 'medium', 'bold', 'heavy']),
]);
const align = z.enum(['left', 'center', 'right']);

export const StyleSchema = z.strictObject({
  font: z.string().optional(),
  weight: weight.optional(),
  size: styleLen.optional(),
  pitch: length(['pt', 'mm', 'Q', 'zw', 'em']).optional(),
  align: align.optional(),
});

export const HouseSchema = z.strictObject({
  fonts: z.string().optional(),
  page: z.strictObject({
    size: z.tuple([pageLen, pageLen]),
    margins: z.strictObject({ top: pageLen, bottom: pageLen, left: pageLen, right: pageLen }),
    bleed: pageLen.optional(),
  }),
  grid: z.strictObject({
    columns: count('grid.columns'),
    chars: count('grid.chars').optional(),
    gutter: length(['zw']).optional(),
    body: z.string().optional(),
  }),
  styles: z.record(z.string(), StyleSchema),
  composition: z.strictObject({
    indent: length(['zw']).optional(),
  }).optional(),
});

export const EditionSchema = z.strictObject({
  paper: z.string(),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d), 'date must be YYYY-MM-DD'),
  house: z.string(),
  pages: z.array(z.string()).min(1, 'an edition needs at least one page'),
});

export const HeadlineSchema = z.strictObject({
  place: z.enum(['top']).optional(),
  lines: count('headline.lines').optional(),
  // per-block overrides of the house kicker/title/deck styles (a lead story's title is bigger)
  kicker: StyleSchema.optional(),
  title: StyleSchema.optional(),
  deck: StyleSchema.optional(),
});

export const BlockSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'a block id uses letters, digits, - and _'),
  story: z.string(),
  col: count('col'),
  cols: count('cols'),
  line: count('line'),
  lines: count('lines'),
  columns: count('columns').optional(),
  balance: z.boolean().optional(),
  headline: HeadlineSchema.optional(),
});

export const PageSchema = z.strictObject({
  number: count('number'),
  section: z.string().optional(),
  blocks: z.array(BlockSchema),
});

export type HouseInput = z.output<typeof HouseSchema>;
export type EditionInput = z.output<typeof EditionSchema>;
export type PageInput = z.output<typeof PageSchema>;
