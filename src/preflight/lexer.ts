/**
 * A PDF content-stream lexer (ISO 32000-1 §7.2, §8.9.7): operands and operators, with inline
 * images skipped over. String contents are not kept: no preflight check reads them.
 */

export class Name {
  constructor(readonly name: string) {}
}

/** A string operand; its bytes are skipped. */
export const STRING = Object.freeze({ string: true });

export type Operand = number | boolean | null | Name | typeof STRING | Operand[] | Map<string, Operand>;

export interface Op {
  op: string;
  args: Operand[];
  inline?: Map<string, Operand>; // BI … ID … EI: the inline image's dictionary
}

const WS = new Set([0, 9, 10, 12, 13, 32]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
const regular = (b: number) => !WS.has(b) && !DELIM.has(b);

/** Yields every operator of a content stream with its operands. */
export function* operations(data: Uint8Array): Generator<Op> {
  let i = 0;
  const n = data.length;
  const stack: Operand[][] = [[]]; // operands, then one level per open array or dictionary
  const open: ('[' | '<<')[] = [];
  const push = (v: Operand) => stack[stack.length - 1]!.push(v);

  const readName = (): string => {
    const bytes: number[] = [];
    while (i < n && regular(data[i]!)) {
      if (data[i] === 0x23 && i + 2 < n) { // #xx
        const hex = parseInt(String.fromCharCode(data[i + 1]!, data[i + 2]!), 16);
        if (!Number.isNaN(hex)) { bytes.push(hex); i += 3; continue; }
      }
      bytes.push(data[i++]!);
    }
    return Buffer.from(bytes).toString('latin1'); // one char per byte, as pdf-lib keys names
  };

  while (i < n) {
    const b = data[i]!;
    if (WS.has(b)) { i++; continue; }
    if (b === 0x25) { while (i < n && data[i] !== 10 && data[i] !== 13) i++; continue; } // % comment
    if (b === 0x2f) { i++; push(new Name(readName())); continue; } // /
    if (b === 0x28) { // ( literal string: nested parentheses, backslash escapes
      let depth = 0;
      for (; i < n; i++) {
        const c = data[i]!;
        if (c === 0x5c) i++;
        else if (c === 0x28) depth++;
        else if (c === 0x29 && --depth === 0) { i++; break; }
      }
      push(STRING);
      continue;
    }
    if (b === 0x3c && data[i + 1] === 0x3c) { i += 2; stack.push([]); open.push('<<'); continue; }
    if (b === 0x3e && data[i + 1] === 0x3e) { i += 2; closeLevel('<<'); continue; }
    if (b === 0x3c) { while (i < n && data[i] !== 0x3e) i++; i++; push(STRING); continue; } // <hex>
    if (b === 0x5b) { i++; stack.push([]); open.push('['); continue; }
    if (b === 0x5d) { i++; closeLevel('['); continue; }
    if (b === 0x7b || b === 0x7d || b === 0x29 || b === 0x3e) { i++; continue; } // stray delimiters: not content syntax
    const start = i;
    while (i < n && regular(data[i]!)) i++;
    const word = Buffer.from(data.subarray(start, i)).toString('latin1');
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) { push(Number(word)); continue; }
    if (word === 'true' || word === 'false') { push(word === 'true'); continue; }
    if (word === 'null') { push(null); continue; }
    if (open.length) continue; // an operator inside an array is malformed: drop it
    const args = stack[0]!;
    stack[0] = [];
    if (word === 'ID') {
      const inline = toDict(args);
      i = skipInlineData(data, i + 1, inline);
      yield { op: 'BI', args: [], inline };
      continue;
    }
    if (word === 'BI') continue; // its dictionary follows as operands of ID
    yield { op: word, args };
  }

  function closeLevel(kind: '[' | '<<'): void {
    if (open[open.length - 1] !== kind) return; // unbalanced: ignore
    open.pop();
    const items = stack.pop()!;
    push(kind === '[' ? items : toDict(items));
  }
}

function toDict(items: Operand[]): Map<string, Operand> {
  const d = new Map<string, Operand>();
  for (let k = 0; k + 1 < items.length; k += 2) {
    const key = items[k];
    if (key instanceof Name) d.set(key.name, items[k + 1]!);
  }
  return d;
}

/** The offset just after an inline image's EI: whitespace-delimited EI after the data. */
function skipInlineData(data: Uint8Array, from: number, dict: Map<string, Operand>): number {
  let at = from;
  const filtered = dict.has('F') || dict.has('Filter');
  const w = dict.get('W') ?? dict.get('Width');
  const h = dict.get('H') ?? dict.get('Height');
  const bpc = dict.get('BPC') ?? dict.get('BitsPerComponent') ?? 8;
  const mask = dict.get('IM') === true || dict.get('ImageMask') === true;
  const cs = dict.get('CS') ?? dict.get('ColorSpace');
  const comps = mask ? 1 : cs instanceof Name ? ({ G: 1, DeviceGray: 1, RGB: 3, DeviceRGB: 3, CMYK: 4, DeviceCMYK: 4, I: 1, Indexed: 1 } as Record<string, number>)[cs.name] : undefined;
  // unfiltered data has a known length: jump over it, since binary data may contain " EI "
  if (!filtered && typeof w === 'number' && typeof h === 'number' && typeof bpc === 'number' && comps) {
    at += Math.ceil((w * comps * (mask ? 1 : bpc)) / 8) * h;
  }
  for (; at + 1 < data.length; at++) {
    if (data[at] === 0x45 && data[at + 1] === 0x49 && (at === 0 || WS.has(data[at - 1]!)) && (at + 2 >= data.length || WS.has(data[at + 2]!) || DELIM.has(data[at + 2]!))) return at + 2;
  }
  return data.length;
}
