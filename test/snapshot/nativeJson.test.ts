/** Rasterising keeps Node's own JSON.stringify: pdfjs-dist's polyfill made it 25 times slower. */
import { expect, it } from 'vitest';

it('JSON.stringify is still the native one once the rasteriser has loaded pdfjs', async () => {
  const native = JSON.stringify;
  await import('../../src/preview/raster.ts');
  expect(JSON.stringify).toBe(native);
  expect(JSON.stringify({ s: '\ud800' })).toBe('{"s":"\\ud800"}'); // well-formed, as ES2019 wants
});
