/**
 * Lengths in the manifests: `pt`, `mm`, `Q` (0.25 mm), `zw` (one body character), `em` (the
 * style's own size, for pitches), bare numbers (pt), and the Chinese 字号 names.
 * Everything inside the engine is points.
 */
import { MM } from '../types.ts';

/** 字号 → pt, the modern DTP table (docs/typography.md §6). */
export const HAO: Readonly<Record<string, number>> = {
  初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15,
  四号: 14, 小四: 12, 五号: 10.5, 小五: 9, 新五号: 9, 六号: 7.5, 小六: 6.5, 七号: 5.5, 八号: 5,
};

export { MM };

export type LengthUnit = 'pt' | 'mm' | 'Q' | 'zw' | 'em';

export interface Length {
  value: number;
  unit: LengthUnit;
}

const LENGTH_RE = /^(-?\d+(?:\.\d+)?)\s*(pt|mm|Q|q|zw|em)?$/;

/** Parses a length; returns an error message instead of throwing, so the schema can report it. */
export function parseLength(input: unknown, allowed: readonly LengthUnit[]): Length | string {
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input, unit: 'pt' } : 'not a finite number';
  if (typeof input !== 'string') return 'expected a length such as 9pt, 3mm, 12Q, 1zw or a 字号 such as 小五';
  const s = input.trim();
  const hao = HAO[s.endsWith('号') || s in HAO ? s : `${s}号`];
  if (hao !== undefined && allowed.includes('pt')) return { value: hao, unit: 'pt' };
  const m = LENGTH_RE.exec(s);
  if (!m) return `"${input}" is not a length; use a number with one of ${allowed.join(', ')}${allowed.includes('pt') ? ', or a 字号 name (小五, 三号, …)' : ''}`;
  const unit = (m[2] === 'q' ? 'Q' : (m[2] ?? 'pt')) as LengthUnit;
  if (!allowed.includes(unit)) return `unit "${unit}" is not allowed here; use ${allowed.join(', ')}`;
  return { value: Number(m[1]), unit };
}

/**
 * The string lengths `parseLength` accepts with `allowed`, as a regular expression (for the JSON
 * Schemas of docs/manifest.md: the editor flags `9px` as banmian does). Numbers are points.
 */
export function lengthPattern(allowed: readonly LengthUnit[], signed = true): string {
  const units = allowed.flatMap((u) => (u === 'Q' ? ['Q', 'q'] : [u]));
  // a 字号 with or without its 号 (五号, 五), unless the name is not one of a 号 (小五)
  const hao = allowed.includes('pt') ? Object.keys(HAO).flatMap((h) => (h.endsWith('号') ? [h, h.slice(0, -1)] : [h])) : [];
  const number = `${signed ? '-?' : ''}\\d+(?:\\.\\d+)?\\s*(?:${units.join('|')})${allowed.includes('pt') ? '?' : ''}`;
  return `^\\s*(?:${[number, ...hao].join('|')})\\s*$`;
}

/** Converts to points; `zw` is one body character, `em` the size of the style it belongs to. */
export function toPt(len: Length, ctx: { zw?: number; em?: number }): number {
  switch (len.unit) {
    case 'pt': return len.value;
    case 'mm': return len.value * MM;
    case 'Q': return len.value * 0.25 * MM;
    case 'zw': return len.value * (ctx.zw ?? NaN);
    case 'em': return len.value * (ctx.em ?? NaN);
  }
}
