/**
 * A PDF content-stream lexer (ISO 32000-1 §7.2, §8.9.7): operands and operators, with inline
 * images skipped over. String contents are not kept: no preflight check reads them. Its memory is
 * bounded whatever the stream holds: operands per level, nesting, names and words are capped far
 * above anything a real stream has (PDF's own limits are 127-byte names and a few dozen operands).
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

const MAX_OPERANDS = 65_536; // per operator, array or dictionary: more are dropped
const MAX_NESTING = 256; // arrays and dictionaries in operands: deeper ones are read flat
const MAX_NAME = 4096; // bytes of a name kept
const MAX_WORD = 400; // a longer token is neither a number nor an operator

// Byte classes (§7.2.2), looked up for every byte: anything else is a regular character.
const REGULAR = 0, WHITE = 1, DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const b of [0, 9, 10, 12, 13, 32]) CLASS[b] = WHITE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIMITER;

/** Yields every operator of a content stream with its operands. */
export function* operations(data: Uint8Array): Generator<Op> {
  let i = 0;
  const n = data.length;
  const stack: Operand[][] = [[]]; // operands, then one level per open array or dictionary
  const open: ('[' | '<<')[] = [];
  let top = stack[0]!; // the innermost level: where operands go
  let flat = 0; // levels opened beyond MAX_NESTING, not kept
  const push = (v: Operand) => { if (top.length < MAX_OPERANDS) top.push(v); };

  const readName = (): string => {
    let name = '';
    while (i < n && CLASS[data[i]!] === REGULAR) {
      let b = data[i++]!;
      if (b === 0x23 && i + 1 < n) { // #xx
        // parseInt, lenient as it is: "#4G" reads 4, "#-1" reads -1 (the byte 0xff)
        const hex = parseInt(String.fromCharCode(data[i]!, data[i + 1]!), 16);
        if (!Number.isNaN(hex)) { b = hex & 0xff; i += 2; }
      }
      if (name.length < MAX_NAME) name += String.fromCharCode(b); // one char per byte, as pdf-lib keys names
    }
    return name;
  };

  while (i < n) {
    const b = data[i]!;
    const cls = CLASS[b];
    if (cls === WHITE) { i++; continue; }
    if (cls === REGULAR) { // a number, true, false, null or an operator: most tokens, so tested first
      const start = i;
      while (i < n && CLASS[data[i]!] === REGULAR) i++;
      if (top.length >= MAX_OPERANDS && ((b >= 0x30 && b <= 0x39) || b === 0x2b || b === 0x2d || b === 0x2e)) continue; // a number with no room left
      const long = i - start > MAX_WORD;
      const value = long ? undefined : numberIn(data, start, i);
      if (value !== undefined) { push(value); continue; }
      const word = long ? '?' : OPERATORS.get(keyOf(data, start, i)) ?? latin1(data, start, i);
      if (word === 'true' || word === 'false') { push(word === 'true'); continue; }
      if (word === 'null') { push(null); continue; }
      if (open.length) continue; // an operator inside an array is malformed: drop it
      const args = top;
      stack[0] = top = [];
      if (word === 'ID') {
        const inline = toDict(args);
        i = skipInlineData(data, i + 1, inline);
        yield { op: 'BI', args: [], inline };
        continue;
      }
      if (word === 'BI') continue; // its dictionary follows as operands of ID
      yield { op: word, args };
      continue;
    }
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
    if (b === 0x3c && data[i + 1] === 0x3c) { i += 2; openLevel('<<'); continue; }
    if (b === 0x3e && data[i + 1] === 0x3e) { i += 2; closeLevel('<<'); continue; }
    if (b === 0x3c) { while (i < n && data[i] !== 0x3e) i++; i++; push(STRING); continue; } // <hex>
    if (b === 0x5b) { i++; openLevel('['); continue; }
    if (b === 0x5d) { i++; closeLevel('['); continue; }
    i++; // stray ) > { }: not content syntax
  }

  function openLevel(kind: '[' | '<<'): void {
    if (open.length >= MAX_NESTING) { flat++; return; }
    stack.push(top = []);
    open.push(kind);
  }

  function closeLevel(kind: '[' | '<<'): void {
    if (flat) { flat--; return; }
    if (open[open.length - 1] !== kind) return; // unbalanced: ignore
    open.pop();
    const items = stack.pop()!;
    top = stack[stack.length - 1]!;
    push(kind === '[' ? items : toDict(items));
  }
}

// The operators (ISO 32000-1 Annex A), by their bytes: yielding these literals spares building a string
// per operator, and a caller's `switch (op)` compares interned strings by reference.
const OPERATORS = new Map<number, string>();
for (const op of 'b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y \' "'.split(' ')) {
  OPERATORS.set(keyOf(Buffer.from(op, 'latin1'), 0, op.length), op);
}

/** Up to three bytes as one number, distinct for each (no byte is 0 in a token); -1 if longer. */
function keyOf(data: Uint8Array, start: number, end: number): number {
  if (end - start > 3) return -1;
  let key = 0;
  for (let k = start; k < end; k++) key = key * 256 + data[k]!;
  return key;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]; // exact doubles

/** A token's value if it is a number, `[+-]?(\d+\.?\d*|\.\d+)`, exactly as Number(token) reads it. */
function numberIn(data: Uint8Array, start: number, end: number): number | undefined {
  let k = start;
  const negative = data[k] === 0x2d;
  if (negative || data[k] === 0x2b) k++;
  let m = 0; // the digits, without the point, as an integer
  let digits = 0;
  let point = -1; // digits before the point, if there is one
  for (; k < end; k++) {
    const c = data[k]!;
    if (c >= 0x30 && c <= 0x39) { m = m * 10 + (c - 0x30); digits++; }
    else if (c === 0x2e && point < 0) point = digits;
    else return undefined;
  }
  if (digits === 0) return undefined;
  if (digits > 15) return Number(latin1(data, start, end));
  // m < 10^15 and 10^(digits after the point) are exact doubles, so the one correctly rounded division
  // gives the double nearest the decimal value: what Number() gives (ECMA-262 rounds exactly up to 20 digits).
  const v = m / POW10[point < 0 ? 0 : digits - point]!;
  return negative ? -v : v;
}

/** One char per byte. */
function latin1(data: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let k = start; k < end; k++) s += String.fromCharCode(data[k]!);
  return s;
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
    if (data[at] === 0x45 && data[at + 1] === 0x49 && (at === 0 || CLASS[data[at - 1]!] === WHITE) && (at + 2 >= data.length || CLASS[data[at + 2]!] !== REGULAR)) return at + 2;
  }
  return data.length;
}
