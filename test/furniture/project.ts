/** A scratch edition for the furniture tests: the house style, a few sample articles, generated photos. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { parse, stringify } from 'yaml';

export const ROOT = join(import.meta.dirname, '../..');

export interface Scratch {
  dir: string;
  edition: string;
  content: string; // content/t: the articles and photos
  page(n: number, yaml: string, section?: string): string; // writes layouts/t/pNN.yaml (section 要闻), returns its path
}

/**
 * layouts/t/edition.yaml listing `pages` (numbers), over layouts/house.yaml changed by `house`;
 * the articles finance, glass, xi and villages of the sample edition in content/t.
 */
export function scratch(pages: number[], o: { house?: (h: Record<string, any>) => void; edition?: string } = {}): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-furniture-'));
  const content = join(dir, 'content/t');
  mkdirSync(content, { recursive: true });
  mkdirSync(join(dir, 'layouts/t'), { recursive: true });
  for (const s of ['finance', 'glass', 'xi', 'villages']) copyFileSync(join(ROOT, 'content/sample', `${s}.md`), join(content, `${s}.md`));
  const house = parse(readFileSync(join(ROOT, 'layouts/house.yaml'), 'utf8')) as Record<string, any>;
  house.fonts = join(ROOT, 'fonts/fonts.yaml');
  o.house?.(house);
  writeFileSync(join(dir, 'layouts/house.yaml'), stringify(house));
  const edition = join(dir, 'layouts/t/edition.yaml');
  const name = (n: number) => `p${String(n).padStart(2, '0')}.yaml`;
  writeFileSync(edition, `paper: 荆州日报\ndate: 2024-12-06\nhouse: ../house.yaml\npages: [${pages.map(name).join(', ')}]\n${o.edition ?? ''}`);
  const page = (n: number, yaml: string, section = '要闻') => {
    const file = join(dir, 'layouts/t', name(n));
    writeFileSync(file, `number: ${n}\nsection: ${section}\n${yaml}`);
    return file;
  };
  return { dir, edition, content, page };
}

/**
 * A photo of `w` × `h` px: mid-grey, with a black square of `mark.size` px centred at
 * (mark.x, mark.y) px, so a test can find where the crop put it.
 */
export async function testPhoto(file: string, w: number, h: number, mark?: { x: number; y: number; size: number }, format: 'jpeg' | 'png' | 'tiff' | 'webp' | 'gif' = 'jpeg', o: { alpha?: boolean; orientation?: number } = {}): Promise<void> {
  const channels = o.alpha ? 4 : 3;
  let img = sharp({ create: { width: w, height: h, channels, background: { r: 150, g: 160, b: 170, alpha: 0.5 } } });
  if (mark) {
    const square = await sharp({ create: { width: mark.size, height: mark.size, channels, background: { r: 0, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    img = sharp(await img.composite([{ input: square, left: Math.round(mark.x - mark.size / 2), top: Math.round(mark.y - mark.size / 2) }]).png().toBuffer());
  }
  if (o.orientation) img = img.withMetadata({ orientation: o.orientation });
  await img.toFormat(format).toFile(file);
}
