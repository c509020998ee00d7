/**
 * `banmian grid`: the page grid a designer places blocks on — trim, type area, basic columns,
 * grid lines and pitch, in mm and pt — and where each block, photo and masthead of a page sits,
 * in mm from the trim's top left and in grid coordinates. Measured with the same geometry
 * (layout/geometry.ts) the layout uses, so what it prints is where the text goes.
 */
import { basename, relative } from 'node:path';
import { DiagnosticError } from '../diagnostic.ts';
import { layoutTarget } from '../build.ts';
import { loadFontRegistry } from '../fonts/registry.ts';
import { blockBox, pageGrid, rowBaseline, rowsHeight, spanChars, type GridRect } from '../layout/geometry.ts';
import type { GridInfo, PageLayout } from '../layout/types.ts';
import { loadHouse, targetFile } from '../manifest/load.ts';
import type { HouseStyle, PageSpec } from '../manifest/types.ts';
import { MM } from '../manifest/units.ts';
import { readYaml } from '../manifest/yamlSource.ts';
import { defaultEdition } from './build.ts';
import type { Command } from './command.ts';
import { printDiagnostics } from './report.ts';

export const grid: Command = {
  name: 'grid',
  summary: 'print the page grid (trim, type area, columns, grid lines, pitch) and where each block sits',
  usage: 'grid [EDITION_OR_PAGE.yaml | HOUSE.yaml] [--json]',
  help: `Prints the grid of the house style: the trim and bleed, the margins, the type area (whole
characters, centred between the side margins), the basic columns (columns × characters and the
gutter), the grid lines per page and their pitch (baseline to baseline), in mm and pt. For an
edition or a page, then each page's blocks, photos and masthead: their grid rectangle (col, cols,
line, lines) and where that puts them on the page, in mm from the trim's top left edge. With no
file, the sample edition; a house style alone gives its grid.

  --json    the same as one JSON document (lengths in pt)`,
  examples: [
    'banmian grid                                    # the sample edition\'s grid and blocks',
    'banmian grid layouts/house.yaml                 # the house grid only',
    'banmian grid layouts/demo/p02.yaml --json',
  ],
  options: { json: { type: 'boolean' } },
  async run({ positionals, values }) {
    if (positionals.length > 1) {
      process.stderr.write('banmian grid: name one edition, page or house style\n');
      return 2;
    }
    const json = values.json === true;
    let house: HouseStyle, pages: PageOnGrid[] = [], g: GridInfo;
    try {
      const file = targetFile(positionals[0] ?? defaultEdition());
      if (isHouse(file)) {
        house = loadHouse(file);
        g = pageGrid(house, loadFontRegistry(house.fontsFile).face(house.body.family, house.body.weight).ascent);
      } else {
        // laid out, so blocks placed below: others or with lines: auto are where their copy puts them
        const layout = layoutTarget(file);
        house = layout.edition.house;
        g = layout.pages[0]?.grid ?? pageGrid(house, layout.fonts.face(house.body.family, house.body.weight).ascent);
        pages = layout.pages.map((page) => ({ page, spec: layout.edition.pages.find((p) => p.number === page.number)! }));
      }
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      printDiagnostics(e.diagnostics, json);
      return 1;
    }
    const facts = gridFacts(house, g, pages);
    process.stdout.write(json ? `${JSON.stringify(facts, null, 2)}\n` : formatGrid(facts));
    return 0;
  },
};

/** A house style named directly: it has styles and neither pages nor blocks. */
function isHouse(file: string): boolean {
  const { src } = readYaml(file, 'manifest');
  return !!src && src.doc.has('styles') && !src.doc.has('pages') && !src.doc.has('blocks');
}

/** A page as laid out (its blocks where they were placed) and as written (its photos and masthead). */
interface PageOnGrid { page: PageLayout; spec: PageSpec }

interface Placed { kind: 'block' | 'photo' | 'masthead'; id: string; rect: GridRect; x: number; y: number; width: number; height: number; chars: number }

interface GridFacts {
  house: string;
  trim: { width: number; height: number; bleed: number };
  margins: HouseStyle['page']['margins'];
  typeArea: { x: number; y: number; width: number; height: number };
  body: { size: number; pitch: number };
  columns: number; chars: number; gutter: { chars: number; width: number }; columnWidth: number;
  lines: number; firstBaseline: number; lastBaseline: number;
  pages: { number: number; file: string; placed: Placed[] }[];
}

function gridFacts(house: HouseStyle, g: GridInfo, pages: PageOnGrid[]): GridFacts {
  const place = (kind: Placed['kind'], id: string, rect: GridRect): Placed => ({ kind, id, rect: { col: rect.col, cols: rect.cols, line: rect.line, lines: rect.lines }, ...blockBox(g, rect) });
  return {
    house: house.file,
    trim: { width: house.page.width, height: house.page.height, bleed: house.page.bleed },
    margins: house.page.margins,
    typeArea: { x: g.x0, y: g.y0, width: g.width, height: rowsHeight(g, g.lines) },
    body: { size: g.em, pitch: g.pitch },
    columns: g.columns, chars: g.colChars, gutter: { chars: g.gutterChars, width: g.gutterChars * g.em }, columnWidth: g.colChars * g.em,
    lines: g.lines, firstBaseline: rowBaseline(g, 1), lastBaseline: rowBaseline(g, g.lines),
    pages: pages.map(({ page, spec }) => ({
      number: page.number, file: page.file,
      placed: [
        ...(spec.furniture.masthead ? [place('masthead', 'masthead', spec.furniture.masthead)] : []),
        // a package's own block is its head; its items follow it
        ...page.blocks.map((b): Placed => ({
          kind: 'block', id: b.parent ? `${b.parent}/${b.id}` : b.id, rect: { ...b.grid },
          x: b.x, y: b.y, width: b.width, height: b.height, chars: spanChars(g.colChars, g.gutterChars, b.grid.cols),
        })),
        ...spec.furniture.photos.map((ph) => place('photo', ph.id, ph)),
      ],
    })),
  };
}

const mm = (pt: number): string => (pt / MM).toFixed(2);
const both = (pt: number): string => `${mm(pt)} mm (${+pt.toFixed(2)} pt)`;

function formatGrid(f: GridFacts): string {
  const rel = (file: string) => relative(process.cwd(), file) || basename(file);
  const m = f.margins;
  const out = [
    `${rel(f.house)}: the page grid`,
    `  trim          ${mm(f.trim.width)} × ${mm(f.trim.height)} mm (${+f.trim.width.toFixed(2)} × ${+f.trim.height.toFixed(2)} pt), bleed ${both(f.trim.bleed)}`,
    `  margins       top ${mm(m.top)}, bottom ${mm(m.bottom)}, left ${mm(m.left)}, right ${mm(m.right)} mm`,
    `  type area     ${mm(f.typeArea.width)} × ${mm(f.typeArea.height)} mm (${+f.typeArea.width.toFixed(2)} × ${+f.typeArea.height.toFixed(2)} pt), at ${mm(f.typeArea.x)}, ${mm(f.typeArea.y)} mm from the trim's top left`,
    `  body          ${+f.body.size.toFixed(2)} pt characters (${mm(f.body.size)} mm)`,
    `  columns       ${f.columns} × ${f.chars} characters, each ${both(f.columnWidth)}`,
    `  gutter        ${+f.gutter.chars.toFixed(3)} character${f.gutter.chars === 1 ? '' : 's'}, ${both(f.gutter.width)}`,
    `  grid lines    ${f.lines} per page, line pitch ${both(f.body.pitch)}`,
    `  baselines     line 1 at ${mm(f.firstBaseline)} mm, line ${f.lines} at ${mm(f.lastBaseline)} mm from the trim's top`,
  ];
  for (const p of f.pages) {
    out.push('', `p${String(p.number).padStart(2, '0')}  ${rel(p.file)}`);
    if (!p.placed.length) { out.push('  nothing placed'); continue; }
    const w = Math.max(8, ...p.placed.map((x) => x.id.length));
    out.push(`  ${'what'.padEnd(9)}${'id'.padEnd(w)}  col cols line lines   chars     x mm     y mm     w mm     h mm`);
    for (const x of p.placed) {
      const r = x.rect;
      out.push(`  ${x.kind.padEnd(9)}${x.id.padEnd(w)}  ${String(r.col).padStart(3)} ${String(r.cols).padStart(4)} ${String(r.line).padStart(4)} ${String(r.lines).padStart(5)}   ${String(x.chars).padStart(5)}  ` +
        [x.x, x.y, x.width, x.height].map((v) => mm(v).padStart(7)).join('  '));
    }
  }
  return out.join('\n') + '\n';
}
