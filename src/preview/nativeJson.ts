/**
 * JSON.stringify as Node has it, taken before pdfjs-dist loads: its legacy build replaces the
 * global with core-js's polyfill, 25 times slower, which made every JSON.stringify of a process
 * that rasterises (watch's render keys of a 31-page edition: 1.3 s → 5.3 s) crawl. Node's own is
 * already well-formed (ES2019), so raster.ts puts it back.
 */
export const nativeStringify = JSON.stringify;
