/**
 * The `loca` table (where each glyph's outline starts in `glyf`) read with a plain loop. fontkit
 * decodes it value by value through restructure: 31,000 offsets for a CJK font, 10–20 ms of a
 * cold build per face before its first glyph can be read. The result is what fontkit's decoder
 * gives — `version` (head.indexToLocFormat) and the byte `offsets`, short offsets doubled — put
 * into fontkit's table cache before anyone asks; a table it would fail on is left to fontkit.
 */
import type { Font } from 'fontkit';

interface FontInternals {
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  head?: { indexToLocFormat?: number };
  stream: { buffer: Uint8Array };
  _tables: Record<string, unknown>;
}

export function fastLoca(font: Font): void {
  const f = font as unknown as FontInternals;
  const table = f.directory?.tables?.loca;
  if (!table || 'loca' in f._tables) return;
  const version = f.head?.indexToLocFormat;
  if (version !== 0 && version !== 1) return;
  const bytes = f.stream.buffer;
  const width = version === 0 ? 2 : 4, end = table.offset + table.length;
  // restructure reads whole values while it is inside the table, the last one past its end if need be
  if (end + width - 1 > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  if (version === 0) for (let p = table.offset; p < end; p += 2) offsets.push(view.getUint16(p) << 1);
  else for (let p = table.offset; p < end; p += 4) offsets.push(view.getUint32(p));
  // the hidden fields restructure gives every decoded struct
  const loca = Object.defineProperties({}, {
    parent: { value: font }, _startOffset: { value: table.offset }, _currentOffset: { value: 0, writable: true }, _length: { value: table.length },
  }) as { version: number; offsets: number[]; _processed?: boolean };
  loca.version = version;
  loca.offsets = offsets;
  if (version === 0) loca._processed = true;
  f._tables.loca = loca;
}
