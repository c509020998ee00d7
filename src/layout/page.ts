/**
 * place: one page manifest + its stories → PageLayout. Each block gets its headline, its frames
 * (text columns), and its story flowed through them; overflow and underflow are reported.
 */
import { diag, type Diagnostic } from '../diagnostic.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import type { BlockSpec, HouseStyle, PageSpec, Style } from '../manifest/types.ts';
import type { Story } from '../content/story.ts';
import { composeParagraph, composeParagraphInLines, type ComposedLine, type TextRun } from '../text/compose.ts';
import { copyfit } from './copyfit.ts';
import { flowBalanced, flowStory, type FlowItem } from './flow.ts';
import { blockBox, frameColumns, pageGrid, rowBaseline, rowsHeight } from './grid.ts';
import { setHeadline, type HeadlineDeck } from './headline.ts';
import type { BlockLayout, GridInfo, PageLayout } from './types.ts';

const CLOSERS = /[）】」』”’》〉]$/;

export interface LayoutOptions {
  fit?: boolean; // copyfit every block, as if each had fit: auto (banmian build --fit)
}

export function layoutPage(page: PageSpec, stories: ReadonlyMap<string, Story>, house: HouseStyle, fonts: FontRegistry, o: LayoutOptions = {}): PageLayout {
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
    blocks.push(layoutBlock(spec, story, house, fonts, g, diagnostics, marks, where, o.fit === true));
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
  fit: boolean,
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
  const opts = (tracking: number) => ({ measure, em: g.em, settings: { ...spec.composition, tracking } });
  // paragraphs as styled runs: the dateline runs in at the start of the first one
  const firstPara = story.blocks.findIndex((b) => b.kind === 'paragraph');
  const sources = new Map<number, TextRun[]>();
  story.blocks.forEach((blk, i) => {
    if (blk.kind !== 'paragraph') return;
    const runs: TextRun[] = [];
    if (i === firstPara && story.dateline) {
      const ds = style(house, 'dateline', diagnostics);
      runs.push({ text: story.dateline + (CLOSERS.test(story.dateline) ? '' : '\u3000'), face: fonts.face(ds.family, ds.weight), size: ds.size });
    }
    runs.push({ text: blk.text, face: bodyFace, size: body.size });
    sources.set(i, runs);
  });
  const normal = new Map<number, ComposedLine[]>();
  for (const [i, runs] of sources) {
    const set = composeParagraph(runs, opts(0));
    normal.set(i, set.lines);
    const at = story.blocks[i]!.at;
    for (const m of set.missing) {
      diagnostics.push(diag('warning', 'MISSING_GLYPH', `no glyph for "${m.text}" (U+${m.text.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) in font ${m.face}`, { ...at, page: where.page, block: spec.id, hint: 'replace the character, or add a font that has it' }));
    }
  }
  const subheads = new Map<number, FlowItem>();
  story.blocks.forEach((blk, i) => {
    if (blk.kind !== 'subhead') return;
    const st = style(house, 'subhead', diagnostics);
    const face = fonts.face(st.family, st.weight);
    const rows = Math.ceil((st.size - g.em) / g.pitch - 1e-6) + 1;
    const shift = (rowsHeight(g, rows) - st.size) / 2 + face.ascent * st.size - face.ascent * g.em;
    const lines = blk.lines.flatMap((t) => composeParagraph([{ text: t, face, size: st.size }], { measure, em: st.size, align: st.align === 'left' ? 'left' : st.align }).lines);
    subheads.set(i, { kind: 'subhead', lines, rows, baselineShift: shift });
  });
  const paraIndex = [...sources.keys()];
  const items = (replaced: ReadonlyMap<number, ComposedLine[]>): FlowItem[] => story.blocks.map((blk, i) =>
    subheads.get(i) ?? { kind: 'paragraph', para: paraIndex.indexOf(i), lines: replaced.get(i) ?? normal.get(i)!, at: blk.at });
  const flowFn = spec.balance ? flowBalanced : flowStory;
  const baselineOf = (row: number) => rowBaseline(g, row);
  const flowWith = (widows: boolean) => (replaced: ReadonlyMap<number, ComposedLine[]>) => flowFn(items(replaced), slots, baselineOf, { widows });
  const strict = flowWith(spec.composition.widows), loose = flowWith(false);
  let flowed = strict(new Map());
  const before = flowed;
  let fitted: ReturnType<typeof copyfit> = null;
  const fitting = (spec.fit || fit) && slots.length > 0;
  if (fitting) {
    const paras = [...sources].map(([i, runs]) => ({
      para: i, label: paraIndex.indexOf(i) + 1, lines: normal.get(i)!,
      variant: (n: number, tracking: number) => composeParagraphInLines(runs, opts(tracking), n),
    }));
    const all = (tracking: number) => new Map([...sources].map(([i, runs]) => [i, composeParagraph(runs, opts(tracking)).lines]));
    // fit with 孤行 kept off the column ends if possible, else without that rule
    fitted = copyfit(paras, strict, all, spec.composition.fitTracking) ?? (spec.composition.widows ? copyfit(paras, loose, all, spec.composition.fitTracking) : null);
    if (fitted) {
      flowed = fitted.flowed;
      if (fitted.changed) diagnostics.push(diag('info', 'COPYFIT', `block "${spec.id}": ${before.overflow ? `${before.overflow} line${before.overflow > 1 ? 's' : ''} over` : `${before.underflow} lines short`}, fitted: ${fitted.changed}`, { ...where }));
    }
  }
  // avoiding 孤行 costs rows; never at the price of an overflow
  if (!fitted && flowed.overflow > 0 && spec.composition.widows) flowed = loose(new Map());
  const lines = (n: number) => `${n} line${n > 1 ? 's' : ''}`;
  if (flowed.overflow > 0) {
    diagnostics.push(diag('error', 'BLOCK_OVERFLOW', `story "${story.id}" overflows block "${spec.id}" by ${lines(flowed.overflow)}${fitting ? ', even after copyfitting' : ''}`, {
      ...where, hint: `cut ${lines(flowed.overflow)} of copy, or give the block more lines or columns${fitting ? '' : ', or let it copyfit: fit: auto on the block, or banmian build --fit'}`,
    }));
    marks.push({ kind: 'overset', x: box.x + box.width, y: box.y + box.height, size: g.em, block: spec.id });
  } else if (flowed.underflow > 0) {
    // a last column one line short is normal practice (TYPOGRAPHY.md §6.3); more is a hole
    diagnostics.push(diag(flowed.underflow > 1 ? 'warning' : 'info', 'BLOCK_UNDERFLOW', `block "${spec.id}" has ${flowed.underflow} empty line${flowed.underflow > 1 ? 's' : ''} after story "${story.id}"${fitting && flowed.underflow > 1 ? ', even after copyfitting' : ''}`, {
      ...where, hint: `add copy, or give the block fewer lines${fitting ? '' : ', or let it copyfit: fit: auto'}`,
    }));
  }
  return { id: spec.id, story: story.id, x: box.x, y: box.y, width: box.width, height: box.height, headline: head.lines, frames: flowed.frames, overflow: flowed.overflow, underflow: flowed.underflow,
    punctuation: spec.composition.punctuation, indent: spec.composition.indent, balanced: spec.balance,
  };
}
