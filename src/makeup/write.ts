/**
 * Made-up pages as ordinary manifests: edition.yaml and pNN.yaml, one block a line in flow style
 * as the hand-made ones are, each with a comment saying why it is where it is and how it is made
 * up, so a designer can open the page and adjust it. Same input, same bytes.
 */
import type { GridRect } from '../layout/geometry.ts';
import { TERM_NAMES, TERMS, scoreLine, type Score } from './score.ts';
import type { Placed } from './search.ts';
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
}

export interface MadePage {
  page: PlanPage;
  blocks: MadeBlock[];
  score: Score;
  fixed: GridRect[];
}

export function pageYaml(plan: Plan, p: MadePage, seed: number, note = ''): string {
  const out: string[] = [
    `# 第${p.page.number}版${p.page.section ? ` ${p.page.section}` : ''}: made up by banmian makeup from plan.yaml (seed ${seed})${note}`,
    `# score ${scoreLine(p.score)}`,
    ...TERMS.filter((t) => p.score[t]).map((t) => `#   ${t}: ${TERM_NAMES[t]}`),
    `number: ${p.page.number}`,
  ];
  if (p.page.section !== undefined) out.push(`section: ${flow(p.page.section)}`);
  if (p.page.masthead) out.push(`masthead: ${flow({ ...p.page.masthead })}`);
  if (p.page.ads?.length) out.push('ads:', ...p.page.ads.map((a) => `  - ${flow({ ...a })}`));
  if (p.page.credits) out.push(`credits: ${flow({ ...p.page.credits })}`);
  if (p.page.rules) out.push(`rules: ${flow({ ...p.page.rules })}`);
  out.push('blocks:');
  for (const b of [...p.blocks].sort((x, y) => x.placed.line - y.placed.line || x.placed.col - y.placed.col)) {
    out.push(`  # ${b.why}`, `  - ${flow(blockValue(b))}`);
  }
  return out.join('\n') + '\n';
}

function blockValue(b: MadeBlock): Value {
  const { placed: p, story: s } = b;
  const sh = p.shape;
  const photo = s.photo && sh.photoRows > 0 && !b.continues;
  return {
    id: b.id, story: s.ref, fit: 'auto',
    ...(b.continues ? { continues: b.continues } : {}),
    ...(b.continuedTo !== undefined ? { 'continued-to': b.continuedTo } : {}),
    ...(b.jumpTitle?.length ? { 'jump-title': b.jumpTitle } : {}),
    col: p.col, cols: p.cols, line: p.line, lines: p.lines,
    ...(sh.headRows ? { headline: { lines: sh.headRows, ...(sh.title ? { title: { size: sh.title } } : {}) } } : {}),
    ...(photo ? { image: { file: s.photo!.file, cols: p.cols, lines: sh.photoRows, place: 'top-left', ...(s.photo!.focus ? { focus: [...s.photo!.focus] } : {}), ...(s.photo!.caption ? { caption: s.photo!.caption } : {}), ...(s.photo!.credit ? { credit: s.photo!.credit } : {}) } } : {}),
  };
}

export function editionYaml(plan: Plan, pages: readonly number[], seed: number): string {
  const e = plan.input;
  const out = [
    `# made up by banmian makeup from plan.yaml (seed ${seed}); make it again with: banmian makeup ${plan.dir.split(/[\\/]/).slice(-2).join('/')}/plan.yaml`,
    `paper: ${flow(e.paper)}`, `date: ${e.date}`, `house: ${flow(e.house)}`,
    `pages: [${pages.map((n) => `p${String(n).padStart(2, '0')}.yaml`).join(', ')}]`,
  ];
  if (e.masthead) out.push(`masthead: ${flow({ ...e.masthead } as Value)}`);
  return out.join('\n') + '\n';
}
