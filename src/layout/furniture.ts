/**
 * Page furniture around the stories: photos of their own, 栏线 and rules between stories,
 * boxes (边框) and tints (底纹), page 1's masthead (报头) and the folio line (报眉) of later pages.
 * Rules and boxes sit in the gutters and in the half line of leading between grid rows, so they
 * never take a character or a line from the text; a boxed block's text is inset by whole
 * characters and lines (insetRows, insetBox) so it stays on the grid.
 */
import { diag, type DiagnosticSink, type SourcePos } from '../diagnostic.ts';
import type { FontRegistry } from '../fonts/registry.ts';
import type { AdSpec, MastheadInfo } from '../manifest/furniture.ts';
import type { BlockSpec, EditionSpec, PageSpec, Style } from '../manifest/types.ts';
import { BLACK } from '../types.ts';
import { MM } from '../manifest/units.ts';
import { composeParagraph, type LineAlign } from '../text/compose.ts';
import { basicColumns, blockBox, cell, type GridRect, rowBaseline, rowsFor, rowsHeight, rowTop, textRowTop, type BlockBox } from './geometry.ts';
import { reportMissing } from './glyphs.ts';
import { styleOf, textLine } from './line.ts';
import { setPhoto, type FurnitureContext } from './photo.ts';
import type { Placement } from './place.ts';
import type { Furniture, GridInfo, PageLayout, TextLine } from './types.ts';

/** A boxed block's padding in grid lines and characters (a package's box is drawn round its items, not inset). */
export const boxPadding = (spec: BlockSpec): number => (spec.box && !spec.package ? spec.box.padding : 0);

/** A boxed block's grid rows less its padding: the rows its headline and text are laid out in. */
export function insetRows(spec: BlockSpec): BlockSpec {
  const pad = boxPadding(spec);
  return pad ? { ...spec, line: spec.line + pad, lines: spec.lines - 2 * pad } : spec;
}

/** A block's whole rectangle on the grid, its box's padding included (what insetRows took off). */
export function blockRect(spec: BlockSpec): GridRect {
  const pad = boxPadding(spec);
  return { col: spec.col, cols: spec.cols, line: spec.line - pad, lines: spec.lines + 2 * pad };
}

/** A boxed block's area less its padding of whole characters at the sides. */
export function insetBox(box: BlockBox, spec: BlockSpec, g: GridInfo): BlockBox {
  const pad = boxPadding(spec);
  return pad ? { ...box, x: box.x + pad * g.em, width: box.width - 2 * pad * g.em, chars: box.chars - 2 * pad } : box;
}

/** Adds the page's furniture to its layout: photos, boxes, tints, rules, masthead, folio line; photos and masthead where `placed` found them on the grid. */
export function addPageFurniture(layout: PageLayout, page: PageSpec, ed: EditionSpec, fonts: FontRegistry, placed: Placement, sink: DiagnosticSink): void {
  const g = layout.grid;
  const ctx: FurnitureContext = { g, house: ed.house, fonts, sink, furniture: layout.furniture, marks: layout.marks, page: page.number };
  const { rules } = ed.house.furniture;
  for (const p of placed.photos) setPhoto(p, basicColumns(g, p), p.line, p.lines, ctx, { col: p.col, cols: p.cols, line: p.line, lines: p.lines });
  for (const a of placed.ads) placeAd(a, ctx);
  const m = page.furniture.masthead;
  if (m && placed.masthead) masthead(m, ed, ctx);
  if (ed.house.furniture.folio && page.number >= 2) folio(page, ed, ctx);

  // boxes and tints: round the block (a package: the whole package), in its gutters and leading
  for (const b of page.blocks) {
    const c = cell(g, b.package ?? b);
    const rect = { block: b.id, x: c.left, y: c.top, width: c.right - c.left, height: c.bottom - c.top };
    if (b.tint) layout.furniture.push({ kind: 'tint', ...rect, colour: b.tint });
    if (b.box) layout.furniture.push({ kind: 'box', ...rect, weight: rules.box, colour: rules.colour });
  }
  const rule = (role: 'column' | 'story', x1: number, y1: number, x2: number, y2: number): Furniture => ({ kind: 'rule', role, x1, y1, x2, y2, weight: rules.weight, colour: rules.colour });
  if (page.furniture.rules.columns) {
    // 栏线: centred in each gutter between a block's text columns, as deep as both columns go
    for (const b of layout.blocks) {
      const frames = [...b.frames].sort((a, c) => a.x - c.x);
      for (let i = 1; i < frames.length; i++) {
        const [a, c] = [frames[i - 1]!, frames[i]!];
        const first = Math.max(a.firstLine, c.firstLine), last = Math.min(a.firstLine + a.capacity, c.firstLine + c.capacity) - 1;
        const t = b.text; // the block's own text rows, when its body has them
        if (last >= first) layout.furniture.push(rule('column', (a.x + a.width + c.x) / 2, t ? textRowTop(t, first) : rowTop(g, first), (a.x + a.width + c.x) / 2, t ? textRowTop(t, last) + t.em : rowTop(g, last) + g.em));
      }
    }
  }
  if (page.furniture.rules.stories) {
    const units = [
      ...page.blocks.map((b) => ({ rect: b.package ?? b, scope: b.parent ?? '', boxed: !!b.box })),
      ...page.blocks.filter((b) => b.package).map((b) => ({ rect: b as GridRect, scope: b.id, boxed: false })), // a package's head among its items
      ...page.furniture.photos.map((p) => ({ rect: p as GridRect, scope: '', boxed: false })),
      ...page.furniture.ads.map((a) => ({ rect: a as GridRect, scope: '', boxed: false })),
      ...(m ? [{ rect: m, scope: '', boxed: false }] : []),
    ];
    for (const s of storyRules(g, units)) layout.furniture.push(rule('story', s.x1, s.y1, s.x2, s.y2));
  }
}

/** An ad on its rectangle: an image through the photo path (cropped to the rectangle), a PDF placed whole by the renderer. */
function placeAd(a: AdSpec, ctx: FurnitureContext): void {
  const grid = { col: a.col, cols: a.cols, line: a.line, lines: a.lines };
  if (a.kind === 'image') {
    setPhoto({ id: a.id, at: a.at, fileAt: a.fileAt, source: a.source, focus: [0.5, 0.5], caption: '', credit: '', captionPlace: 'below' }, basicColumns(ctx.g, a), a.line, a.lines, ctx, grid);
    return;
  }
  const box = blockBox(ctx.g, a);
  ctx.furniture.push({ kind: 'ad', id: a.id, file: a.file, hash: a.hash, x: box.x, y: box.y, width: box.width, height: box.height, grid, at: a.fileAt });
}

type Segment = { x1: number; y1: number; x2: number; y2: number };

/** Empty grid lines under a block, above the next one down, that still count as the block's. */
const SLACK = 2;

/**
 * Rules between neighbouring rectangles of one scope (the page, or one package): in the middle
 * of the gutter between side-by-side ones, of the leading between stacked ones; each as long as
 * the two share an edge, clipped to the type area, and collinear pieces joined into one rule.
 * A block's last empty line or two above the next block count as its own, so the rules still
 * meet there. A boxed block has its own frame instead.
 */
function storyRules(g: GridInfo, given: { rect: GridRect; scope: string; boxed: boolean }[]): Segment[] {
  const colsMeet = (p: GridRect, q: GridRect) => p.col < q.col + q.cols && q.col < p.col + p.cols;
  const units = given.map((u) => {
    const end = u.rect.line + u.rect.lines;
    const next = Math.min(...given.filter((o) => o.scope === u.scope && o.rect.line >= end && colsMeet(o.rect, u.rect)).map((o) => o.rect.line));
    return next - end <= SLACK ? { ...u, rect: { ...u.rect, lines: next - u.rect.line } } : u;
  });
  const area = { left: g.x0, right: g.x0 + g.width, top: g.y0, bottom: g.y0 + rowsHeight(g, g.lines) };
  type Line = { at: number; spans: [number, number][] };
  const vertical = new Map<number, Line>(), horizontal = new Map<number, Line>();
  const add = (map: Map<number, Line>, at: number, from: number, to: number) => {
    const key = Math.round(at * 100); // one line per gutter, whatever the float noise
    if (to - from > 0.01) map.set(key, { at, spans: [...(map.get(key)?.spans ?? []), [from, to]] });
  };
  for (const a of units) {
    for (const b of units) {
      if (a === b || a.scope !== b.scope || a.boxed || b.boxed) continue;
      const ca = cell(g, a.rect), cb = cell(g, b.rect);
      const rowsMeet = a.rect.line < b.rect.line + b.rect.lines && b.rect.line < a.rect.line + a.rect.lines;
      if (a.rect.col + a.rect.cols === b.rect.col && rowsMeet) add(vertical, ca.right, Math.max(ca.top, cb.top, area.top), Math.min(ca.bottom, cb.bottom, area.bottom));
      if (a.rect.line + a.rect.lines === b.rect.line && colsMeet(a.rect, b.rect)) add(horizontal, ca.bottom, Math.max(ca.left, cb.left, area.left), Math.min(ca.right, cb.right, area.right));
    }
  }
  const join = (spans: [number, number][]) => spans.sort((p, q) => p[0] - q[0]).reduce<[number, number][]>((out, s) => {
    const last = out.at(-1);
    if (last && s[0] <= last[1] + 0.01) last[1] = Math.max(last[1], s[1]);
    else out.push([...s]);
    return out;
  }, []);
  return [
    ...[...vertical.values()].flatMap(({ at: x, spans }) => join(spans).map(([y1, y2]) => ({ x1: x, y1, x2: x, y2 }))),
    ...[...horizontal.values()].flatMap(({ at: y, spans }) => join(spans).map(([x1, x2]) => ({ x1, y1: y, x2, y2: y }))),
  ];
}

const WEEKDAYS = '日一二三四五六';

/** 2024年12月6日 星期五 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日　星期${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

const DAY_TENS = ['初', '十', '廿', '三'];
const DIGITS = '〇一二三四五六七八九十';

/** 农历甲辰年十一月初六, from the ICU Chinese calendar. */
export function lunarDate(date: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).formatToParts(new Date(`${date}T00:00:00Z`));
  const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = Number(part('day'));
  const name = day === 10 ? '初十' : day === 20 ? '二十' : day === 30 ? '三十' : DAY_TENS[Math.floor(day / 10)]! + DIGITS[day % 10];
  return `农历${part('yearName')}年${part('month')}${name}`;
}

/** A run of furniture text; `at` is where its words are in a manifest (none: banmian's own words, reported at the style). */
type Run = { text: string; style: Style; size: number; weight?: number; at?: SourcePos | undefined };

/** One line of furniture text across `measure` from `x`, in the folio style's colour; none when the runs are empty. Missing glyphs are reported at each run's source. */
function setLineOf(ctx: FurnitureContext, runs: Run[], x: number, measure: number, baseline: number, align: LineAlign, folio: Style): TextLine | undefined {
  const used = runs.filter((r) => r.text);
  const set = composeParagraph(used.map((r) => ({ text: r.text, face: ctx.fonts.face(r.style.family, r.weight ?? r.style.weight), size: r.size })), { measure, em: runs[0]!.size, align });
  for (const m of set.missing) {
    let o = m.src, i = 0;
    while (i < used.length - 1 && o >= used[i]!.text.length) o -= used[i++]!.text.length;
    const r = used[i]!;
    reportMissing(ctx.sink, [m.text], { ...(r.at ?? r.style.at ?? { file: ctx.house.file }), page: ctx.page });
  }
  return set.lines[0] && textLine('folio', set.lines[0], x, baseline, folio);
}

/**
 * 报头: the paper's name large in the masthead style, centred in the rows above the facts —
 * date and weekday (and the lunar date), issue number and pages today, the publication numbers —
 * which take the last rows, one line each in the folio style, under a rule.
 */
function masthead(rect: GridRect & { at: SourcePos }, ed: EditionSpec, ctx: FurnitureContext): void {
  const { g, fonts } = ctx;
  const info: MastheadInfo = ed.masthead ?? { lunar: false };
  const name = styleOf(ctx.house, 'masthead', ctx.sink), small = styleOf(ctx.house, 'folio', ctx.sink);
  const { x, width } = blockBox(g, rect);
  const facts = [
    [chineseDate(ed.date), info.lunar ? lunarDate(ed.date) : ''],
    [info.issue ? `总第${info.issue}期` : '', `今日${ed.pagesToday ?? ed.pages.length}版`],
    [info.serial ? `国内统一连续出版物号 ${info.serial}` : '', info.postal ? `邮发代号 ${info.postal}` : ''],
    [info.publisher ?? ''],
  ].map((parts) => parts.filter(Boolean).join('　')).filter(Boolean);
  const nameRows = rowsFor(g, name.size, fonts.face(name.family, name.weight).ascent);
  const factRows = rowsFor(g, small.size, fonts.face(small.family, small.weight).ascent);
  const above = rect.lines - facts.length * factRows.rows; // rows for the name
  const set = composeParagraph([{ text: ed.paper, face: fonts.face(name.family, name.weight), size: name.size }], { measure: width, em: name.size, align: 'center' });
  reportMissing(ctx.sink, set.missing.map((m) => m.text), { ...(ed.paperAt ?? { file: ed.file }), page: ctx.page, block: 'masthead' });
  if (above < nameRows.rows + 1 || set.lines.length > 1) { // the name on one line: its lines' widths together
    ctx.sink.report(diag('error', 'MASTHEAD_TOO_BIG', `the masthead needs ${nameRows.rows + 1 + facts.length * factRows.rows} lines and ${Math.ceil(set.lines.reduce((w, l) => w + l.end, 0) / g.em)} characters of width; it has ${rect.lines} lines and ${Math.round(width / g.em)} characters`, { ...rect.at, page: ctx.page, block: 'masthead', hint: 'give masthead: more lines or columns, or a smaller size to styles.masthead' }));
    return;
  }
  const nameRow = rect.line + Math.floor((above - 1 - nameRows.rows) / 2); // centred over the line of space above the facts
  const lines = set.lines.map((l) => textLine('masthead', l, x, rowBaseline(g, nameRow) + nameRows.shift, name));
  const firstFact = rect.line + above;
  facts.forEach((f, i) => lines.push(setLineOf(ctx, [{ text: f, style: small, size: small.size, at: ed.mastheadAt }], x, width, rowBaseline(g, firstFact + i * factRows.rows) + factRows.shift, 'center', small)!));
  const ruleY = rowTop(g, firstFact) - (g.pitch - g.em) / 2 - g.pitch / 2;
  ctx.furniture.push({ kind: 'rule', role: 'masthead', x1: x, y1: ruleY, x2: x + width, y2: ruleY, weight: ed.house.furniture.rules.box, colour: name.colour ?? BLACK });
  ctx.furniture.push({ kind: 'text', id: 'masthead', lines, grid: { col: rect.col, cols: rect.cols, line: rect.line, lines: rect.lines } });
}

/**
 * 报眉: in the top margin, above a rule `gap` over the type area, across its width. The page
 * number (第N版, bold, in the `label` size) and the date at the outer edge (left on even pages),
 * the section (bold) and the editors' credits at the inner edge, the paper's name in the middle.
 */
function folio(page: PageSpec, ed: EditionSpec, ctx: FurnitureContext): void {
  const { g } = ctx;
  const f = ed.house.furniture.folio!;
  const st = styleOf(ctx.house, 'folio', ctx.sink), name = styleOf(ctx.house, 'masthead', ctx.sink);
  const ruleY = g.y0 - f.gap;
  const baseline = ruleY - 1.5 * MM;
  const label = (text: string): Run => ({ text, style: st, size: f.label, weight: 700 });
  const small = (text: string, at?: SourcePos): Run => ({ text, style: st, size: st.size, at });
  const credits = page.furniture.credits.map(([t, n]) => `${t}：${n}`).join('　');
  const { sectionAt, creditsAt } = page.furniture;
  const even = page.number % 2 === 0;
  // the outer edge first on an even (left-hand) page, last on an odd one
  const outer = even ? [label(`第${page.number}版`), small(`　${chineseDate(ed.date)}`)] : [small(`${chineseDate(ed.date)}　`), label(`第${page.number}版`)];
  const section: Run = { ...label(page.section ?? ''), at: sectionAt };
  const inner = even ? [small(credits && `${credits}　　`, creditsAt), section] : [section, small(credits && `　　${credits}`, creditsAt)];
  const left = setLineOf(ctx, even ? outer : inner, g.x0, g.width, baseline, 'left', st);
  const right = setLineOf(ctx, even ? inner : outer, g.x0, g.width, baseline, 'right', st);
  // the masthead's face in the folio's colour: an inner page may print in black alone
  const middle = setLineOf(ctx, [{ text: ed.paper, style: name, size: f.paper, at: ed.paperAt }], g.x0, g.width, baseline, 'center', st);
  const lines = [left, middle, right].filter((l) => l !== undefined);
  // all three are set across the type area: each must end an em before the next one starts
  if (lines.some((l, i) => i > 0 && lines[i - 1]!.end + st.size > l.glyphs[0]!.x)) {
    ctx.sink.report(diag('warning', 'FOLIO_CROWDED', `the folio line of page ${page.number} runs into the paper's name in its middle`, { ...page.furniture.folioAt, page: page.number, hint: 'shorten the section name or the credits, or make folio.paper smaller in the house style' }));
  }
  ctx.furniture.push({ kind: 'rule', role: 'folio', x1: g.x0, y1: ruleY, x2: g.x0 + g.width, y2: ruleY, weight: f.rule, colour: ed.house.furniture.rules.colour });
  ctx.furniture.push({ kind: 'text', id: 'folio', lines });
}
