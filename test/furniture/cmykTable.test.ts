/**
 * Photos' sRGB → CMYK through a table of sharp's own transform (src/render/cmykTable.ts): exact
 * on the table's nodes, within 2/255 of ink for nearly every colour, the same bytes whatever was converted
 * before, and handed to sharp's JPEG encoder as CMYK it does not convert again; the committed
 * WebAssembly is what its text assembles to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../../src/packageRoot.ts';
import { cmykTiff, srgbToCmyk } from '../../src/render/cmykTable.ts';
import { assemble, WAT_FILES } from '../../scripts/wasm.ts';

/** sharp's own conversion of each colour: what the table stands for. */
const direct = (rgb: Uint8Array) => sharp(rgb, { raw: { width: rgb.length / 3, height: 1, channels: 3 } }).toColourspace('cmyk').raw().toBuffer();

function randomColours(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < out.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out[i] = seed >>> 24;
  }
  return out;
}

/** The table's modules afresh: no node known yet. */
async function freshTable(): Promise<typeof import('../../src/render/cmykTable.ts')> {
  vi.resetModules();
  return import('../../src/render/cmykTable.ts');
}

describe('sRGB → CMYK through the table', () => {
  it('gives sharp\'s own CMYK on every level the table holds (multiples of 3), greys and primaries among them', async () => {
    const nodes = randomColours(20_000, 7).map((v) => Math.round(v / 3) * 3);
    const extremes = Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0, 129, 129, 129]);
    for (const rgb of [nodes, extremes]) expect(Buffer.from(await srgbToCmyk(rgb)).equals(await direct(rgb))).toBe(true);
  });

  it('is within 2/255 of sharp\'s CMYK for all but a few colours, and 0.11/255 on average', async () => {
    // over all 16.7 million colours (measured once, 8 s): 89.5 % exact, 99.98 % within 2/255, the worst 13/255 in a few dark ones
    const rgb = randomColours(300_000, 11);
    const [ours, theirs] = [await srgbToCmyk(rgb), await direct(rgb)];
    let max = 0, sum = 0, near = 0;
    for (let i = 0; i < ours.length; i++) {
      const d = Math.abs(ours[i]! - theirs[i]!);
      sum += d;
      if (d <= 2) near++;
      max = Math.max(max, d);
    }
    expect(max).toBeLessThanOrEqual(13);
    expect(near / ours.length).toBeGreaterThan(0.999);
    expect(sum / ours.length).toBeLessThan(0.12);
  });

  it('gives the same bytes whatever was converted before, and for photos converted at once', async () => {
    const [a, b] = [randomColours(50_000, 3), randomColours(50_000, 5)];
    const alone = await (await freshTable()).srgbToCmyk(b);
    const after = await freshTable();
    await after.srgbToCmyk(a);
    expect(Buffer.from(await after.srgbToCmyk(b)).equals(Buffer.from(alone))).toBe(true);
    const together = await freshTable(); // the second asks for nodes the first is still converting
    const [ta, tb] = await Promise.all([together.srgbToCmyk(a), together.srgbToCmyk(b)]);
    expect(Buffer.from(tb).equals(Buffer.from(alone))).toBe(true);
    expect(Buffer.from(ta).equals(Buffer.from(await (await freshTable()).srgbToCmyk(a)))).toBe(true);
  });

  it('hands sharp CMYK pixels it encodes as they are', async () => {
    const [w, h] = [37, 23];
    const pixels = randomColours((w * h * 4) / 3 + 1, 13).subarray(0, w * h * 4);
    const read = sharp(cmykTiff(pixels, w, h)).pipelineColourspace('cmyk').toColourspace('cmyk');
    expect(await read.metadata()).toMatchObject({ width: w, height: h, channels: 4, space: 'cmyk' });
    expect((await read.raw().toBuffer()).equals(Buffer.from(pixels))).toBe(true);
  });

  it('runs the WebAssembly its text assembles to (npm run wasm makes it again)', async () => {
    for (const f of WAT_FILES) {
      const committed = readFileSync(join(PACKAGE_ROOT, f.replace(/\.wat$/, '.wasm')));
      expect(Buffer.from(await assemble(join(PACKAGE_ROOT, f))).equals(committed), `${f} changed: run npm run wasm`).toBe(true);
    }
  });
});
