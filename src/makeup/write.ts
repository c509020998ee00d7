/**
 * Made-up pages as ordinary manifests: edition.yaml and pNN.yaml, one block a line in flow style
 * as the hand-made ones are, each with a comment saying why it is where it is and how it is made
 * up, so a designer can open the page and adjust it. Same input, same bytes.
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { GridRect } from '../layout/geometry.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { SIDE_DECK, SIDE_KICKER } from './measure.ts';
import { TERM_NAMES, TERMS, scoreLine, type Score } from './score.ts';
import type { PackItem, Placed, Shape } from './search.ts';
import type { Plan, PlanPage, PlanStory } from './plan.ts';

type Value = string | number | boolean | Value[] | { [k: string]: Value | undefined };

/** A YAML flow value: plain where plain is safe, else double-quoted (JSON is valid YAML). */
export function flow(v: Value): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return /^[\p{L}\p{N}_][\p{L}\p{N}_./-]*$/u.test(v) && !/^(true|false|null|yes|no|on|off|~|\d.*)$/i.test(v) ? v : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  return `{ ${Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${flow(k)}: ${flow(x!)}`).join(', ')} }`;
}

/** A made-up block: where it is, what it sets, and the thread it belongs to. */
export interface MadeBlock {
  placed: Placed;
  story: PlanStory;
  id: string; // block id
  continues?: string; // the block of the earlier part
  continuedTo?: number; // goes on on this page (its continuation not made yet)
  jumpTitle?: string[];
  why: string; // the comment over the block
  below?: string; // written below: this block instead of at its line (the same line)
  auto?: boolean; // written lines: auto (the same lines: those its headline and copy need as set)
}

export interface MadePage {
  page: PlanPage;
  blocks: MadeBlock[];
  score: Score;
  fixed: GridRect[];
}

/**
 * The manifest of a made-up page written to `file`: paths the plan wrote relative to itself
 * rebased when the file is not beside the plan (alternatives/), the schema line for editors that
 * read it.
 */
export function pageYaml(plan: Plan, p: MadePage, seed: number, file: string, note = ''): string {
  const paths = rebase(plan.dir, dirname(file));
  const out: string[] = [
    `# yaml-language-server: $schema=${relative(dirname(file), join(PACKAGE_ROOT, 'schema/page.schema.json')).replaceAll('\\', '/')}`,
    `# 第${p.page.number}版${p.page.section ? ` ${p.page.section}` : ''}: made up by banmian makeup from plan.yaml (seed ${seed})${note}`,
    `# score ${scoreLine(p.score)}`,
    ...TERMS.filter((t) => p.score[t]).map((t) => `#   ${t}: ${TERM_NAMES[t]}`),
    `number: ${p.page.number}`,
  ];
  if (p.page.section !== undefined) out.push(`section: ${flow(p.page.section)}`);
  if (p.page.masthead) out.push(`masthead: ${flow({ ...p.page.masthead })}`);
  if (p.page.ads?.length) out.push('ads:', ...p.page.ads.map((a) => `  - ${flow({ ...a, file: paths.file(a.file) })}`));
  if (p.page.credits) out.push(`credits: ${flow({ ...p.page.credits })}`);
  if (p.page.rules) out.push(`rules: ${flow({ ...p.page.rules })}`);
  out.push('blocks:');
  for (const b of [...p.blocks].sort((x, y) => x.placed.line - y.placed.line || x.placed.col - y.placed.col)) {
    out.push(`  # ${b.why}`, `  - ${flow(blockValue(b, paths))}`);
  }
  return out.join('\n') + '\n';
}

/** How the plan's paths are written in a file in `to`: those relative to the plan rebased, names in the content folder as they are. */
interface Paths { story: (p: string) => string; file: (p: string) => string }

/**
 * A story ending in .md is relative to the file that names it (with ./ or without), a photo or an
 * ad only with ./ or ../ (else it is in the content folder): the paths of the plan as a file in
 * `to` must write them.
 */
function rebase(from: string, to: string): Paths {
  const moved = (p: string) => {
    if (from === to) return p;
    const r = relative(to, resolve(from, p)).replaceAll('\\', '/');
    return r.startsWith('../') ? r : `./${r}`;
  };
  return {
    story: (p) => (p.endsWith('.md') && !isAbsolute(p) ? moved(p) : p),
    file: (p) => (/^\.\.?[\\/]/.test(p) ? moved(p) : p),
  };
}

function blockValue(b: MadeBlock, paths: Paths): Value {
  const { placed: p, story: s } = b;
  const sh = p.shape;
  const photo = s.photo && sh.photoRows > 0 && !b.continues;
  return {
    id: b.id, story: paths.story(s.ref), fit: 'auto',
    ...(b.continues ? { continues: b.continues } : {}),
    ...(b.continuedTo !== undefined ? { 'continued-to': b.continuedTo } : {}),
    ...(b.jumpTitle?.length ? { 'jump-title': b.jumpTitle } : {}),
    col: p.col, cols: p.cols, ...(b.below ? { below: b.below } : { line: p.line }), lines: b.auto ? 'auto' : p.lines,
    ...headline(sh),
    ...(photo ? { image: { file: paths.file(s.photo!.file), cols: sh.photoCols ?? p.cols, lines: sh.photoRows, place: 'top-left', ...(s.photo!.focus ? { focus: [...s.photo!.focus] } : {}), ...(s.photo!.caption ? { caption: s.photo!.caption } : {}), ...(s.photo!.credit ? { credit: s.photo!.credit } : {}) } } : {}),
    // 集纳: the flag and intro across the package in one text column, framed with its items
    ...(sh.pack ? { columns: 1, box: { padding: 0 }, package: { head: sh.pack.head, items: sh.pack.items.map((it) => packItem(it, s, paths)) } } : {}),
  };
}

const headline = (sh: Shape): { headline?: Value; columns?: number } => sh.side
  // 竖题: the strip at the right as wide as its decks need, kicker and deck smaller than at the top (as measured), the text in its columns beside it
  ? { columns: sh.side.columns, headline: { place: 'right', kicker: { size: SIDE_KICKER }, title: { size: sh.title! }, deck: { size: SIDE_DECK } } }
  : sh.headRows ? { headline: { lines: sh.headRows, ...(sh.title ? { title: { size: sh.title } } : {}) } } : {};

function packItem(it: PackItem, s: PlanStory, paths: Paths): Value {
  const ref = s.items!.find((x) => x.id === it.key)!.ref;
  return { id: blockId(it.key), story: paths.story(ref), fit: 'auto', col: it.col, cols: it.cols, line: it.line, lines: it.lines, ...headline(it.shape) };
}

/** A block's id: the story's name when it is a plain one, else from its place in the plan. */
export const blockId = (id: string, rank?: number): string => (/^[A-Za-z0-9_-]+$/.test(id) ? id : `story-${rank !== undefined ? rank + 1 : [...id].map((c) => c.codePointAt(0)!.toString(36)).join('')}`);

export function editionYaml(plan: Plan, pages: readonly number[], seed: number): string {
  const e = plan.input;
  const out = [
    `# yaml-language-server: $schema=${relative(plan.dir, join(PACKAGE_ROOT, 'schema/edition.schema.json')).replaceAll('\\', '/')}`,
    `# made up by banmian makeup from plan.yaml (seed ${seed}); make it again with: banmian makeup ${plan.dir.split(/[\\/]/).slice(-2).join('/')}/plan.yaml`,
    `paper: ${flow(e.paper)}`, `date: ${e.date}`, `house: ${flow(e.house)}`,
    `pages: [${pages.map((n) => `p${String(n).padStart(2, '0')}.yaml`).join(', ')}]`,
  ];
  if (e.masthead) out.push(`masthead: ${flow({ ...e.masthead } as Value)}`);
  return out.join('\n') + '\n';
}
