/**
 * place: one page manifest + its stories → PageLayout. Each block gets its headline, its frames
 * (text columns), and its story flowed through them; overflow and underflow are reported.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import type { BlockSpec, HouseStyle, PageSpec, Style } from '../manifest/types.ts';
import type { Story } from '../content/story.ts';
import { composeParagraph, type TextRun } from '../text/compose.ts';
import { flowBalanced, flowStory, type FlowItem } from './flow.ts';
import { blockBox, frameColumns, pageGrid, rowBaseline, rowsHeight } from './grid.ts';
import { setHeadline, type HeadlineDeck } from './headline.ts';
import type { BlockLayout, GridInfo, PageLayout } from './types.ts';

const CLOSERS = /[）】」』”’》〉]$/;

export function layoutPage(page: PageSpec, stories: ReadonlyMap<string, Story>, house: HouseStyle, fonts: FontRegistry): PageLayout {
  const g = pageGrid(house);
  const diagnostics: Diagnostic[] = [];
  const blocks: BlockLayout[] = [];
  const marks: PageLayout['marks'] = [];
  const taken: { spec: BlockSpec }[] = [];
  for (const spec of page.blocks) {
    const where = { file: spec.at.file, line: spec.at.line, col: spec.at.col, page: page.number, block: spec.id } as const;
    if (spec.col + spec.cols - 1 > g.columns || spec.line + spec.lines - 1 > g.lines) {
      diagnostics.push(diag('error', 'BLOCK_OFF_GRID', `block "${spec.id}" (col ${spec.col}+${spec.cols}, line ${spec.line}+${spec.lines}) runs off the page grid of ${g.columns} columns × ${g.lines} lines`, { ...where, hint: `keep col + cols − 1 ≤ ${g.columns} and line + lines − 1 ≤ ${g.lines}` }));
      continue;
    }
    const other = taken.find(({ spec: o }) => o.col < spec.col + spec.cols && spec.col < o.col + o.cols && o.line < spec.line + spec.lines && spec.line < o.line + o.lines);
    if (other) diagnostics.push(diag('error', 'BLOCK_OVERLAP', `block "${spec.id}" overlaps block "${other.spec.id}"`, { ...where, hint: 'blocks are rectangles on the grid; move or shrink one of them' }));
    taken.push({ spec });
    const story = stories.get(spec.story.file);
    if (!story) continue; // its load error is already reported
    blocks.push(layoutBlock(spec, story, house, fonts, g, diagnostics, marks, where));
  }
  return { number: page.number, file: page.file, width: house.page.width, height: house.page.height, grid: g, blocks, marks, diagnostics };
}

function style(house: HouseStyle, name: string, diagnostics: Diagnostic[]): Style {
  const s = house.styles[name];
  if (s) return s;
  if (!diagnostics.some((d) => d.code === 'UNKNOWN_STYLE' && d.message.includes(`"${name}"`))) {
    diagnostics.push(diag('warning', 'UNKNOWN_STYLE', `house style has no "${name}" style; using the body style`, { file: house.file, line: 1, col: 1, hint: `add styles.${name} to the house style` }));
  }
  return house.body;
}

function layoutBlock(
  spec: BlockSpec, story: Story, house: HouseStyle, fonts: FontRegistry, g: GridInfo,
  diagnostics: Diagnostic[], marks: PageLayout['marks'], where: { file: string; line?: number | undefined; col?: number | undefined; page: number; block: string },
): BlockLayout {
  const box = blockBox(g, spec);
  const decks: HeadlineDeck[] = ([['kicker', story.kicker], ['title', story.title], ['deck', story.deck]] as const)
    .filter(([, lines]) => lines.length)
    .map(([role, lines]) => ({ role, style: spec.headline.styles[role] ?? style(house, role, diagnostics), lines }));
  const head = setHeadline(decks, fonts, g, box.width, spec.headline.lines);
  if (head.wrapped) diagnostics.push(diag('warning', 'HEADLINE_WRAPPED', `a headline line of story "${story.id}" is wider than block "${spec.id}" and was wrapped`, { file: story.file, line: 2, col: 1, page: where.page, block: spec.id, hint: 'shorten it, add a line break (a list or |), or use a smaller title size' }));
  if (spec.headline.lines !== undefined && head.height > rowsHeight(g, head.rows) + 0.01) {
    diagnostics.push(diag('error', 'HEADLINE_TOO_TALL', `the headline of block "${spec.id}" needs ${Math.ceil(head.height / g.pitch) + 1} lines but has ${spec.headline.lines}`, { ...where, hint: 'raise headline.lines or shorten the headline' }));
  }
  for (const l of head.lines) { l.x += box.x; l.baseline += box.y; }
  const capacity = spec.lines - head.rows;
  const slots = capacity > 0 ? frameColumns(g, box, spec.columns).map((c) => ({ x: c.x, width: c.width, firstLine: spec.line + head.rows, capacity })) : [];
  const measure = slots[0]?.width ?? box.width;
  const body = house.body;
  const bodyFace = fonts.face(body.family, body.weight);
  const items: FlowItem[] = [];
  let para = 0;
  for (const [i, blk] of story.blocks.entries()) {
    if (blk.kind === 'subhead') {
      const st = style(house, 'subhead', diagnostics);
      const face = fonts.face(st.family, st.weight);
      const rows = Math.ceil((st.size - g.em) / g.pitch - 1e-6) + 1;
      const shift = (rowsHeight(g, rows) - st.size) / 2 + face.ascent * st.size - face.ascent * g.em;
      const lines = blk.lines.flatMap((t) => composeParagraph([{ text: t, face, size: st.size }], { measure, em: st.size, align: st.align === 'left' ? 'left' : st.align }).lines);
      items.push({ kind: 'subhead', lines, rows, baselineShift: shift });
      continue;
    }
    const runs: TextRun[] = [];
    if (i === story.blocks.findIndex((b) => b.kind === 'paragraph') && story.dateline) {
      const ds = style(house, 'dateline', diagnostics);
      runs.push({ text: story.dateline + (CLOSERS.test(story.dateline) ? '' : '\u3000'), face: fonts.face(ds.family, ds.weight), size: ds.size });
    }
    runs.push({ text: blk.text, face: bodyFace, size: body.size });
    const set = composeParagraph(runs, { measure, em: g.em, indent: house.indent * g.em });
    for (const m of set.missing) {
      diagnostics.push(diag('warning', 'MISSING_GLYPH', `no glyph for "${m.text}" (U+${m.text.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) in font ${m.face}`, { ...blk.at, page: where.page, block: spec.id, hint: 'replace the character, or add a font that has it' }));
    }
    items.push({ kind: 'paragraph', para: para++, lines: set.lines });
  }
  const flowed = (spec.balance ? flowBalanced : flowStory)(items, slots, (row) => rowBaseline(g, row));
  if (flowed.overflow > 0) {
    diagnostics.push(diag('error', 'BLOCK_OVERFLOW', `story "${story.id}" overflows block "${spec.id}" by ${flowed.overflow} line${flowed.overflow > 1 ? 's' : ''}`, { ...where, hint: 'cut the copy, or give the block more lines or columns' }));
    marks.push({ kind: 'overset', x: box.x + box.width, y: box.y + box.height, size: g.em, block: spec.id });
  } else if (flowed.underflow > 0) {
    // a last column one line short is normal practice (TYPOGRAPHY.md §6.3); more is a hole
    diagnostics.push(diag(flowed.underflow > 1 ? 'warning' : 'info', 'BLOCK_UNDERFLOW', `block "${spec.id}" has ${flowed.underflow} empty line${flowed.underflow > 1 ? 's' : ''} after story "${story.id}"`, { ...where, hint: 'add copy, or give the block fewer lines' }));
  }
  return { id: spec.id, story: story.id, x: box.x, y: box.y, width: box.width, height: box.height, headline: head.lines, frames: flowed.frames, overflow: flowed.overflow, underflow: flowed.underflow };
}
