/**
 * The desk's plan (`layouts/<edition>/plan.yaml`): paper, date and house as an edition has them,
 * each page's fixed items (masthead, ads, credits) and the stories in order of importance, each
 * fixed to a page or not, the lead, a photo, whether it may jump. Read and checked here, each
 * mistake at its file:line:col; `banmian makeup` turns it into page manifests.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { diag, DiagnosticError, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import { EditionSchema, PageSchema } from '../manifest/schema.ts';
import { contentDir } from '../manifest/load.ts';
import { CAPTION_MAX, shortText } from '../manifest/limits.ts';
import { AdSchema } from '../manifest/furniture.ts';
import { missingFile, posAt, readYaml, schemaDiagnostics, yamlData, type YamlSource } from '../manifest/yamlSource.ts';

const PlanPhotoSchema = z.strictObject({
  file: z.string().min(1, 'file names the photo: a path in content/<edition>/'),
  caption: shortText(CAPTION_MAX).optional(),
  credit: shortText().optional(),
  focus: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
});

// an article's file name in content/<edition>/ without .md, or a path ending in .md from the plan
const StoryName = z.string().refine((s) => s.endsWith('.md') || /^[^\s/\\:*?"<>|\p{Cc}\p{Cf}]+$/u.test(s), 'story is an article\'s file name in content/<edition>/ without .md, or a path ending in .md');

const PlanStorySchema = z.strictObject({
  story: StoryName,
  page: z.number().int().positive().optional(), // fixed to this page; else the stories fill the pages in order
  lead: z.boolean().optional(), // 头条: top of its page, the biggest headline
  photo: PlanPhotoSchema.optional(),
  jump: z.boolean().optional(), // may go on on a later page, with jump lines
  package: z.boolean().optional(), // 集纳: this story is the package's head (flag and intro), `items` its items
  items: z.array(StoryName).min(1, 'a package needs at least one item').optional(),
});

const PlanPageSchema = PageSchema.pick({ number: true, section: true, masthead: true, credits: true, rules: true }).extend({
  ads: z.array(AdSchema).optional(),
});

export const PlanSchema = EditionSchema.omit({ pages: true }).extend({
  pages: z.array(PlanPageSchema).min(1, 'a plan needs at least one page'),
  stories: z.array(PlanStorySchema).min(1, 'a plan needs at least one story'),
});

export type PlanInput = z.output<typeof PlanSchema>;
export type PlanPage = PlanInput['pages'][number];

export interface PlanStory {
  id: string; // the article's name
  ref: string; // as the plan names it, and the page manifests will (the pages are written beside the plan)
  file: string; // content/<edition>/<id>.md
  rank: number; // 0: most important
  page?: number;
  lead: boolean;
  photo?: z.output<typeof PlanPhotoSchema>;
  jump: boolean;
  items?: PlanItem[]; // a package (集纳): this story heads it, these are set under it
  at: SourcePos;
}

/** An item of a package: an article, as the plan names it. */
export interface PlanItem { id: string; ref: string; file: string; at: SourcePos }

export interface Plan {
  file: string;
  dir: string; // where edition.yaml and the pages are written
  contentDir: string;
  input: PlanInput;
  stories: PlanStory[];
  pageAt: (i: number) => SourcePos;
}

const pos = (d: SourcePos): SourcePos => ({ file: d.file, line: d.line, col: d.col });

export function loadPlan(file: string): Plan {
  file = resolve(file);
  const { src, diagnostics } = readYaml(file, 'plan');
  if (!src) throw new DiagnosticError(diagnostics);
  const input = validate(src);
  const dir = dirname(file);
  const storyDir = contentDir(join(dir, 'edition.yaml'));
  const errors: Diagnostic[] = [];
  const at = (path: PropertyKey[]) => pos(posAt(src, path));
  const numbers = new Set<number>();
  input.pages.forEach((p, i) => {
    if (numbers.has(p.number)) errors.push(diag('error', 'DUPLICATE_PAGE', `page number ${p.number} is planned twice`, { ...at(['pages', i, 'number']), hint: 'give each page of the plan its own number' }));
    numbers.add(p.number);
  });
  const seen = new Set<string>();
  const article = (name: string, path: PropertyKey[], what: string): { id: string; file: string } => {
    const storyFile = name.endsWith('.md') ? resolve(dir, name) : join(storyDir, `${name}.md`);
    const id = name.endsWith('.md') ? basename(name, '.md') : name;
    if (seen.has(id)) errors.push(diag('error', 'DUPLICATE_BLOCK', `${what} "${id}" is planned twice`, { ...at(path), hint: 'plan each story once, as a story or as an item of one package; a story allowed to jump (jump: true) gets its continuation by itself' }));
    seen.add(id);
    if (!existsSync(storyFile)) errors.push({ ...missingFile(storyFile, `${what} "${name}"`, at(path)), hint: `the plan names articles in ${storyDir} by their file name without .md` });
    return { id, file: storyFile };
  };
  const stories: PlanStory[] = input.stories.map((s, i) => {
    const here = at(['stories', i]);
    const { id, file: storyFile } = article(s.story, ['stories', i, 'story'], 'story');
    if (s.page !== undefined && !numbers.has(s.page)) errors.push(diag('error', 'PLAN_NO_PAGE', `story "${s.story}" is planned for page ${s.page}, which the plan does not have`, { ...at(['stories', i, 'page']), hint: `the plan's pages are ${[...numbers].join(', ')}` }));
    if (s.package && !s.items) errors.push(diag('error', 'BAD_VALUE', `package "${s.story}" names no items`, { ...at(['stories', i, 'package']), hint: 'list the articles set under the package\'s flag: items: [a, b, c] (this story is its flag and intro)' }));
    if (s.items && !s.package) errors.push(diag('error', 'BAD_VALUE', `story "${s.story}" has items but is not a package`, { ...at(['stories', i, 'items']), hint: 'add package: true to set them as a 集纳 under this story\'s flag, or plan them as stories of their own' }));
    if (s.package && s.jump) errors.push(diag('error', 'MAKEUP_UNSUPPORTED', `package "${s.story}" cannot jump: a package is made up whole on one page`, { ...at(['stories', i, 'jump']), hint: 'remove jump: true, or plan its items as stories of their own' }));
    if (s.package && s.photo) errors.push(diag('error', 'MAKEUP_UNSUPPORTED', `package "${s.story}": a photo on a package is not made up automatically yet`, { ...at(['stories', i, 'photo']), hint: 'leave the photo out of the plan and place it by hand in the page manifest after makeup' }));
    const items = s.package && s.items ? s.items.map((name, j) => ({ ...article(name, ['stories', i, 'items', j], 'item'), ref: name, at: at(['stories', i, 'items', j]) })) : undefined;
    return { id, ref: s.story, file: storyFile, rank: i, ...(s.page !== undefined ? { page: s.page } : {}), lead: s.lead ?? false, ...(s.photo ? { photo: s.photo } : {}), jump: s.jump ?? false, ...(items ? { items } : {}), at: here };
  });
  const leads = new Map<number | undefined, number>();
  stories.forEach((s, i) => {
    if (!s.lead) return;
    if (s.page === undefined) errors.push(diag('error', 'BAD_VALUE', `lead story "${s.id}" has no page`, { ...at(['stories', i, 'lead']), hint: 'a lead (头条) leads a page: give it page: N' }));
    else if (leads.has(s.page)) errors.push(diag('error', 'BAD_VALUE', `page ${s.page} has two leads, "${stories[leads.get(s.page)!]!.id}" and "${s.id}"`, { ...at(['stories', i, 'lead']), hint: 'a page has one lead (头条)' }));
    leads.set(s.page, i);
  });
  if (errors.length) throw new DiagnosticError(errors);
  return { file, dir, contentDir: storyDir, input, stories, pageAt: (i) => at(['pages', i]) };
}

function validate(src: YamlSource): PlanInput {
  const { data, diagnostics } = yamlData(src);
  if (diagnostics.length) throw new DiagnosticError(diagnostics);
  const r = PlanSchema.safeParse(data);
  if (!r.success) throw new DiagnosticError(schemaDiagnostics(src, r.error, 'plan', PlanSchema));
  return r.data;
}

/** The page file a plan's page is written to: p01.yaml. */
export const pageFile = (n: number): string => `p${String(n).padStart(2, '0')}.yaml`;

export const planName = (plan: Plan): string => basename(plan.dir);
