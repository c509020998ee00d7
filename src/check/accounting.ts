/**
 * Copy accounting (掉尾巴 is a tail lost in make-up): every character a story has must be on
 * the pages, in order, across all its parts — headline decks, dateline, paragraphs and subheads,
 * through threads and jump lines. The one copy allowed to be missing is an overset tail, which
 * BLOCK_OVERFLOW names (or the part of a block that could not be placed, which its error names).
 * Anything else is a bug in banmian, reported as COPY_LOST at the paragraph where the copy
 * differs, so the edition is not written. Text is compared without white space, which the
 * composer may drop at line ends and soft line breaks join away.
 */
import { diag, type Diagnostic, type SourcePos } from '../diagnostic.ts';
import type { BlockLayout, JumpWords, StoryThread, TextLine, ThreadPart } from '../layout/types.ts';

const bare = (s: string): string => s.replace(/\s+/gu, '');

/** Text with, for each stretch of it, whose it is. */
class Ledger<T> {
  text = '';
  private ends: number[] = [];
  private owners: T[] = [];
  add(s: string, owner: T): void {
    const t = bare(s);
    if (!t) return;
    this.text += t;
    this.ends.push(this.text.length);
    this.owners.push(owner);
  }
  /** The owner of the character at `k` (the last one past the end); undefined when empty. */
  owner(k: number): T | undefined {
    let lo = 0, hi = this.ends.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.ends[mid]! > k) hi = mid; else lo = mid + 1; }
    return this.owners[lo];
  }
}

type Part = ThreadPart;

/** Where the story's text is: a paragraph or subhead, or a front-matter field. */
interface Place { what: string; at: SourcePos }

/**
 * COPY_LOST diagnostics for every story of the edition whose laid-out copy is not its text
 * (`threads`: each story's parts on all pages laid out, built or not: layout/threads.ts storyThreads).
 */
export function accountCopy(threads: readonly StoryThread[], words: JumpWords): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { story, parts, start, continuedFrom, continuedTo } of threads) {
    const lost = (where: Place, part: Part | undefined, want: string, got: string) => out.push(diag('error', 'COPY_LOST',
      `copy accounting: ${where.what} of story "${story.id}" reads "${want}", but block "${part?.block.id ?? start.block}" on page ${part?.page ?? start.page} has "${got}" — copy would be lost`, {
        ...where.at, page: part?.page ?? start.page, block: part?.block.id ?? start.block,
        hint: 'this is a bug in banmian: please report it with the article and the page files; the edition is not written',
      }));

    // headline decks, on the first part
    const first = parts[0];
    if (first && continuedFrom === undefined) { // a part continued from outside the edition has a 转版题 instead
      for (const role of ['kicker', 'title', 'deck'] as const) {
        const want = bare(story[role].join('')), got = bare(first.block.headline.filter((l) => l.role === role).map((l) => l.text).join(''));
        // a headline over its rows keeps the lines that fit: HEADLINE_TOO_TALL names the rest
        if (want !== got && !(first.block.headlineOverset && want.startsWith(got))) lost({ what: `the ${role}`, at: story.headAt?.[role] ?? { file: story.file, line: 1, col: 1 } }, first, excerpt(want, 0), excerpt(got, 0));
      }
    }

    // the body, dateline included, part after part
    const want = new Ledger<Place>();
    let paragraph = 0;
    const firstPara = story.blocks.findIndex((b) => b.kind === 'paragraph');
    story.blocks.forEach((b, i) => {
      if (b.kind === 'paragraph') {
        paragraph++;
        if (i === firstPara && story.dateline) want.add(story.dateline, { what: 'the dateline', at: story.headAt?.dateline ?? b.at });
        want.add(b.text, { what: `paragraph ${paragraph}`, at: b.at });
      } else want.add(b.lines.join(''), { what: `the subhead "${b.lines.join(' ')}"`, at: b.at });
    });
    const got = new Ledger<Part>();
    for (const part of parts) if (part) for (const t of bodyText(part.block, words)) got.add(t, part);

    if (want.text === got.text) continue;
    const k = common(want.text, got.text);
    // an overset tail, or a part not placed, is named by its own error; a story may go on in a page outside the edition
    const named = parts.some((p) => !p || p.block.overflow > 0) || continuedTo !== undefined;
    if (k === got.text.length && named) continue;
    lost(want.owner(k) ?? { what: 'the end', at: { file: story.file } }, got.owner(k) ?? parts.find(Boolean), excerpt(want.text, k), excerpt(got.text, k));
  }
  return out;
}

/** The body copy of a part as it reads: body and subhead lines, the house's jump words taken out. */
function bodyText(b: BlockLayout, { runOn, from: jumpFrom, to: jumpTo }: JumpWords): string[] {
  const lines: TextLine[] = b.frames.flatMap((f) => f.lines).filter((l) => l.role === 'body' || l.role === 'subhead');
  const texts = lines.map((l) => l.text);
  if (runOn && b.jump?.from !== undefined && lines[0]?.role === 'body') {
    const jump = jumpFrom(b.jump.from);
    if (texts[0]!.startsWith(jump)) texts[0] = texts[0]!.slice(jump.length);
  }
  const ownLine = b.frames.some((f) => f.lines.some((l) => l.role === 'jump' && b.jump?.to !== undefined && l.text === jumpTo(b.jump.to)));
  if (runOn && b.jump?.to !== undefined && !ownLine && texts.length) {
    const jump = jumpTo(b.jump.to);
    if (texts.at(-1)!.endsWith(jump)) texts[texts.length - 1] = texts.at(-1)!.slice(0, -jump.length);
  }
  return texts;
}

/** The length of the common start of two strings. */
function common(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return k;
}

const excerpt = (s: string, k: number): string => (k > 8 ? '…' : '') + s.slice(Math.max(0, k - 8), k + 12) + (k + 12 < s.length ? '…' : '');
