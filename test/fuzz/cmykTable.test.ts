/**
 * Fuzzing photos' sRGB → CMYK through the table (src/render/cmykTable.ts): any pixels, any number
 * of photos converted at once, some larger than a call into the WebAssembly takes. Each photo's
 * CMYK is the same bytes as converting it alone in a fresh process, and within 13/255 of sharp's
 * own conversion (the worst over all 16.7 million colours) on every ink of every pixel.
 */
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, it, vi } from 'vitest';
import { FUZZ, survives } from './hostile.ts';

const fresh = async () => {
  vi.resetModules();
  return import('../../src/render/cmykTable.ts');
};

/** A photo's pixels: runs of one colour or of noise, so that cells are shared between photos and not. */
const photoArb = fc.array(fc.record({ rgb: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)), noise: fc.nat(255), n: fc.integer({ min: 1, max: 40_000 }) }), { minLength: 1, maxLength: 6 })
  .map((runs) => {
    const px = new Uint8Array(runs.reduce((s, r) => s + r.n, 0) * 3);
    let at = 0, seed = 1;
    for (const r of runs) {
      for (let i = 0; i < r.n; i++, at += 3) {
        for (let k = 0; k < 3; k++) {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          px[at + k] = Math.min(255, Math.max(0, r.rgb[k]! + (((seed >>> 24) * r.noise) >> 8) - (r.noise >> 1)));
        }
      }
    }
    return px;
  });

describe('fuzz: photos to CMYK through the table', () => {
  it('gives each photo the bytes it has alone, within 13/255 of sharp, however many are converted at once', async () => {
    await survives('cmyk table', fc.array(photoArb, { minLength: 1, maxLength: 4 }), async (photos) => {
      const together = await fresh();
      const all = await Promise.all(photos.map((p) => together.srgbToCmyk(p)));
      for (const [i, p] of photos.entries()) {
        const alone = await (await fresh()).srgbToCmyk(p);
        if (!Buffer.from(alone).equals(Buffer.from(all[i]!))) throw new Error(`photo ${i} of ${photos.length} converted with others differs from alone`);
        const theirs = await sharp(p, { raw: { width: p.length / 3, height: 1, channels: 3 } }).toColourspace('cmyk').raw().toBuffer();
        for (let k = 0; k < theirs.length; k++) {
          if (Math.abs(theirs[k]! - alone[k]!) > 13) throw new Error(`pixel ${k >> 2} ink ${k & 3}: ${alone[k]} against sharp's ${theirs[k]}`);
        }
      }
    }, { quick: 12, long: 1000, ms: 20000 }, 86);
  }, FUZZ ? 3_600_000 : 60_000);
});
