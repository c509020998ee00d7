/**
 * Hostile PDFs for the preflight tests, written byte by byte: a PDF is a few objects, an xref table
 * of their offsets and a trailer, so each structural attack (cycles, fan-outs, deep nesting,
 * decompression bombs, truncation) is a few lines here and costs milliseconds to make.
 */
import { deflateSync } from 'node:zlib';

export type Body = string | Buffer;

/** A stream object's body: its dictionary (without Length) and data. */
export const stream = (dict: string, data: Buffer | string): Buffer => {
  const d = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${d.length} >>\nstream\n`, 'latin1'), d, Buffer.from('\nendstream', 'latin1')]);
};

/** A form XObject drawing `content`, with `xobjects` (name → object number) as its resources. */
export const form = (content: string, xobjects: Record<string, number> = {}): Buffer =>
  stream(`/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << ${Object.entries(xobjects).map(([k, n]) => `/${k} ${n} 0 R`).join(' ')} >> >>`, content);

/** Objects 1…n (bodies), the xref table with their offsets, the trailer (Root 1 0 R unless given) and %%EOF. */
export function pdf(bodies: Body[], trailer = '/Root 1 0 R'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof b === 'string' ? Buffer.from(b, 'latin1') : b, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${bodies.length + 1} ${trailer} >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const PAGE_BOXES = '/MediaBox [0 0 200 200] /TrimBox [10 10 190 190] /BleedBox [5 5 195 195]';

/**
 * One page (objects 1 catalog, 2 pages, 3 page, 4 contents) whose resources name `xobjects`, followed by `more`
 * (objects 5…): a CMYK rectangle unless other content is given.
 */
export function onePage(more: Body[] = [], opts: { content?: Buffer; xobjects?: Record<string, number> } = {}): Buffer {
  const xo = Object.entries(opts.xobjects ?? {}).map(([k, n]) => `/${k} ${n} 0 R`).join(' ');
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R ${PAGE_BOXES} /Contents 4 0 R /Resources << /XObject << ${xo} >> >> >>`,
    opts.content ?? stream('', '0 0 0 1 k 20 20 50 50 re f'),
    ...more,
  ]);
}

/**
 * A chain of `levels` forms (objects 5…), each drawing the next `fanOut` times, `place(level, j)` (a cm, say)
 * before the j-th; the page draws the first.
 */
export function fanOut(levels: number, fanOut: number, place: (level: number, j: number) => string = () => ''): Buffer {
  const forms: Body[] = [];
  for (let k = 0; k < levels; k++) {
    const last = k === levels - 1;
    forms.push(last ? form('1 0 0 rg 0 0 10 10 re f') : form(Array.from({ length: fanOut }, (_, j) => `q ${place(k, j)} /X Do Q`).join('\n'), { X: 6 + k }));
  }
  return onePage(forms, { content: stream('', '/X Do'), xobjects: { X: 5 } });
}

/** A zlib stream of `n` zero bytes made without deflating them: a 1 MB block of matches repeated, so a gigabyte costs a millisecond. */
export function zeros(n: number): Buffer {
  const MB = 1 << 20;
  // A raw deflate of 1 MB of zeros ending in a sync flush is a run of non-final blocks that end on a byte boundary;
  // its back references stay inside zeros, so the same bytes repeated inflate to more zeros.
  const block = deflateSync(Buffer.alloc(MB), { finishFlush: 2 /* Z_SYNC_FLUSH */, level: 9 }).subarray(2); // no zlib header
  const whole = Math.floor(n / MB);
  const rest = n - whole * MB;
  const parts = [Buffer.from([0x78, 0x9c]), ...Array.from({ length: whole }, () => block)];
  if (rest) parts.push(deflateSync(Buffer.alloc(rest), { finishFlush: 2, level: 9 }).subarray(2));
  const a32 = (((n % 65521) << 16) | 1) >>> 0; // Adler-32 of zeros: A stays 1, B adds A per byte
  const tail = Buffer.alloc(6);
  tail[0] = 0x03; tail[1] = 0x00; // a final empty fixed block
  tail.writeUInt32BE(a32, 2);
  return Buffer.concat([...parts, tail]);
}
