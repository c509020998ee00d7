/**
 * Draws the sample page's photo, content/sample/photos/site.jpg: a generated picture of a
 * building site with tower cranes (not a news photo), 2400 × 800 px, so the repository ships no
 * third-party image. Run once: node --import tsx test/furniture/make-sample-photo.ts
 * With `taipei`, the Taipei demo's copy at twice the pixels (4800 × 1600), enough for its squarer frame.
 */
import { join } from 'node:path';
import sharp from 'sharp';

const W = 2400, H = 800, HORIZON = 560;

/** A tower crane: lattice mast, jib to the right, counter-jib with its weights, cab, hook. */
function crane(x: number, top: number, jib: number, colour: string): string {
  const mast = [];
  for (let y = top + 40; y < HORIZON + 30; y += 24) mast.push(`M${x - 9},${y} L${x + 9},${y + 24} M${x + 9},${y} L${x - 9},${y + 24}`);
  const lattice = [];
  for (let i = 0; i < jib; i += 30) lattice.push(`M${x + i},${top + 40} L${x + i + 15},${top + 26} L${x + i + 30},${top + 40}`);
  return `<g stroke="${colour}" fill="none" stroke-width="5">
    <path d="M${x - 9},${top + 40} V${HORIZON + 30} M${x + 9},${top + 40} V${HORIZON + 30} ${mast.join(' ')}"/>
    <path d="M${x - jib * 0.3},${top + 40} H${x + jib} M${x},${top + 26} H${x + jib} ${lattice.join(' ')}" stroke-width="2.5"/>
    <path d="M${x},${top - 20} L${x + jib * 0.7},${top + 26} M${x},${top - 20} L${x - jib * 0.3},${top + 34}" stroke-width="1.5" stroke="#555"/>
    <rect x="${x - 6}" y="${top - 20}" width="12" height="60" fill="${colour}"/>
    <rect x="${x - 30}" y="${top + 42}" width="34" height="26" fill="#eee" stroke="#333" stroke-width="2"/>
    <rect x="${x - jib * 0.3}" y="${top + 40}" width="${jib * 0.12}" height="34" fill="#777" stroke="none"/>
    <path d="M${x + jib * 0.62},${top + 40} V${top + 190}" stroke="#222" stroke-width="1.5"/>
    <rect x="${x + jib * 0.62 - 40}" y="${top + 190}" width="80" height="14" fill="#4a6a8a" stroke="none"/>
  </g>`;
}

/** A concrete frame going up: floors, columns, scaffolding on the open side. */
function building(x: number, w: number, floors: number): string {
  const fh = 34, base = HORIZON + 20, parts = [];
  for (let f = 0; f <= floors; f++) parts.push(`<rect x="${x}" y="${base - f * fh - 8}" width="${w}" height="8" fill="#d8d2c6"/>`);
  for (let c = 0; c <= w; c += 48) parts.push(`<rect x="${x + c - 4}" y="${base - floors * fh}" width="8" height="${floors * fh}" fill="#c4bdb0"/>`);
  for (let c = 0; c <= w; c += 24) parts.push(`<path d="M${x + w + 6 + (c % 48)},${base} V${base - floors * fh - 20}" stroke="#6d6a64" stroke-width="1.2"/>`);
  for (let f = 0; f <= floors + 1; f++) parts.push(`<path d="M${x + w + 4},${base - f * fh + 8} H${x + w + 56}" stroke="#6d6a64" stroke-width="1.2"/>`);
  parts.push(`<rect x="${x}" y="${base - floors * fh}" width="${w}" height="${floors * fh}" fill="#2a2622" opacity="0.55"/>`);
  return parts.join('');
}

function skyline(): string {
  let x = 0, d = `M0,${HORIZON}`;
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  while (x < W) {
    const w = 40 + rnd() * 90, h = 30 + rnd() * 110;
    d += ` V${HORIZON - h} H${x + w}`;
    x += w;
  }
  return `<path d="${d} V${HORIZON} Z" fill="#8a98a6"/>`;
}

function flags(): string {
  const out = [];
  for (let i = 0; i < 26; i++) {
    const x = 140 + i * 88, y = HORIZON + 150 + (i % 2) * 6;
    out.push(`<path d="M${x},${y} V${y - 70}" stroke="#444" stroke-width="2"/><path d="M${x},${y - 70} L${x + 30},${y - 60} L${x},${y - 50} Z" fill="#d2232a"/>`);
  }
  return out.join('');
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3f6a98"/><stop offset="1" stop-color="#b9c9d6"/></linearGradient>
    <linearGradient id="ground" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7a6a52"/><stop offset="1" stop-color="#4a3e30"/></linearGradient>
  </defs>
  <rect width="${W}" height="${HORIZON}" fill="url(#sky)"/>
  ${skyline()}
  <rect y="${HORIZON}" width="${W}" height="${H - HORIZON}" fill="url(#ground)"/>
  ${building(420, 380, 6)}${building(1250, 520, 9)}${building(1980, 300, 4)}
  ${crane(600, 150, 520, '#e3b126')}${crane(1500, 60, 640, '#d9a21c')}${crane(2150, 210, 380, '#e3b126')}
  <rect x="0" y="${HORIZON + 160}" width="${W}" height="8" fill="#c8c2b4"/>
  ${flags()}
</svg>`;

// grain, so the picture compresses and prints like a photograph rather than a flat drawing
const taipei = process.argv[2] === 'taipei';
const scale = taipei ? 2 : 1;
const noise = Buffer.alloc(W * H * scale * scale);
let s = 1;
for (let i = 0; i < noise.length; i++) noise[i] = 128 + (((s = (s * 48271) % 2147483647) % 25) - 12);
const grain = await sharp(noise, { raw: { width: W * scale, height: H * scale, channels: 1 } }).png().toBuffer();
const out = join(import.meta.dirname, `../../content/${taipei ? 'taipei' : 'sample'}/photos/site.jpg`);
await sharp(Buffer.from(svg), { density: 72 * scale }).composite([{ input: grain, blend: 'overlay' }]).jpeg({ quality: 78 }).toFile(out);
console.log(out);
