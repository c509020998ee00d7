/**
 * Paragraphs of filed copy → an article (Markdown with front matter), and what was decided:
 * the headline from the lines the document marks (a Title, Subtitle or Heading 1 style) or,
 * unmarked, from the first short lines before the body (a line starting with —— is a deck); the
 * dateline from the first paragraph (dateline.ts) into the front matter; the body as
 * paragraphs, a Heading style or a short line wholly in bold as a subhead. Bold inside a
 * paragraph is written as plain text: body text is not set in bold, and `**` would only bring
 * MARKUP_NOT_SET. Every character is written so that the Markdown reader gives it back: Markdown
 * syntax is escaped, and `|`, which breaks headline and subhead lines, is written as ｜.
 */
import { stringify } from 'yaml';
import { isByline, leadingDateline } from '../content/dateline.ts';

export interface SourcePara {
  text: string;
  style?: 'title' | 'subtitle' | 'heading';
  level?: number; // of a heading
  bold: boolean; // all its text in bold
  boldRuns: number; // stretches in bold inside a paragraph that is not all bold
  notes: string[]; // editor's notes to keep with it: images, comments, footnotes
  from?: string; // a table row
}

/** Something in the document that is not plain copy, named in the report. */
export interface Found {
  what: 'image' | 'comment' | 'note' | 'table' | 'tracked' | 'list' | 'link';
  left: boolean; // something of it is not in the copy (a warning), or only a fact to note
  detail: string;
}

/** Headline lines are short: the longest real ones are about 30 characters. */
const SHORT = 40;
const cut = (s: string): string => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

/** The article's Markdown and the decisions taken, one line each. */
export function writeArticle(source: readonly SourcePara[]): { markdown: string; decided: string[]; empty: boolean } {
  const paras = source.flatMap((p) => p.text.split(/\r\n?|\n/).map((t, i, all) => ({ ...p, text: t.trim(), notes: i === all.length - 1 ? p.notes : [] })))
    .filter((p) => p.text || p.notes.length);
  const decided: string[] = [];
  const texts = paras.filter((p) => p.text);

  // the headline: styled lines, or the short lines before the body; at least one paragraph stays body
  const headish = (p: SourcePara) => p.style === 'title' || p.style === 'subtitle' || (p.style === 'heading' && p.level === 1) ||
    (!p.style && !p.from && p.text.length <= SHORT && !/[。；]$/.test(p.text) && !leadingDateline(p.text) && !isByline(p.text));
  let n = 0;
  while (n < Math.min(4, texts.length - 1) && headish(texts[n]!)) n++;
  const styled = texts.slice(0, n).map((p) => !!p.style).lastIndexOf(true);
  if (styled >= 0) n = styled + 1; // a styled headline ends with its last styled line
  const zone = texts.slice(0, n);
  let t = zone.findIndex((p) => p.style === 'title');
  if (t < 0) t = zone.findIndex((p) => p.style === 'heading');
  const why = t >= 0 ? `Word style ${zone[t]!.style === 'title' ? 'Title' : 'Heading 1'}` : '';
  if (t < 0 && zone.length) {
    const dash = zone.findIndex((p, i) => i > 0 && /^[—–-]/.test(p.text));
    t = dash > 0 ? dash - 1 : Math.min(1, zone.length - 1);
  }
  const bars = (s: string) => s.replace(/\|/g, '｜');
  const fm: Record<string, string | string[]> = {};
  if (t > 0) {
    fm.kicker = zone.slice(0, t).map((p) => bars(p.text));
    decided.push(`kicker    ${cut(zone.slice(0, t).map((p) => p.text).join(' / '))}   (the line${t > 1 ? 's' : ''} above the title)`);
  }
  if (t >= 0) {
    fm.title = bars(zone[t]!.text);
    decided.push(`title     ${cut(zone[t]!.text)}   (${why || (zone.length === 1 ? 'the short first line' : 'the short lines before the body')})`);
  } else decided.push('title     none found: write it in the front matter (title:)');
  if (t >= 0 && t < zone.length - 1) {
    const deck = zone.slice(t + 1);
    fm.deck = deck.map((p) => bars(p.text));
    decided.push(`deck      ${cut(deck.map((p) => p.text).join(' / '))}   (${deck.some((p) => p.style === 'subtitle') ? 'Word style Subtitle' : 'the line below the title'})`);
  }
  for (const k of ['kicker', 'deck'] as const) if (fm[k]?.length === 1) fm[k] = fm[k][0]!;

  // the body; notes of the headline lines go before it
  const bodyStart = paras.indexOf(texts[n]!) < 0 ? paras.length : paras.indexOf(texts[n]!);
  const headNotes = paras.slice(0, bodyStart).flatMap((p) => p.notes);
  const body = paras.slice(bodyStart).map((p) => ({ ...p }));
  const lead = body.findIndex((p) => p.text && !isByline(p.text));
  for (const p of body.slice(0, Math.max(0, lead))) if (p.text) decided.push(`byline    ${cut(p.text)}   (kept as a paragraph: there is no byline field)`);
  const first = body[lead];
  const d = first && leadingDateline(first.text);
  if (first && d) {
    fm.dateline = d.text;
    first.text = first.text.slice(d.body);
    decided.push(`dateline  ${d.text}   (from the first paragraph)`);
  }

  const out: string[] = [];
  if (headNotes.length) out.push(headNotes.map(note).join(''));
  let paragraphs = 0, subheads = 0, bold = 0;
  const why2 = new Set<string>();
  for (const p of body) {
    const notes = p.notes.map(note).join('');
    const subhead = p.text && p !== first && !p.from && (p.style !== undefined || (p.bold && p.text.length <= SHORT && !/[。；]$/.test(p.text) && !isByline(p.text)));
    if (subhead) {
      subheads++;
      why2.add(p.style ? 'Heading style' : 'a short line in bold');
      out.push(`## ${bars(p.text).replace(/[\\`*_[\]<>&~#]/g, '\\$&')}`); // after ##, only inline syntax and a closing # matter
      if (notes) out.push(notes);
      continue;
    }
    if (p.text) paragraphs++;
    bold += p.boldRuns + (p.bold && p.text ? 1 : 0);
    if (p.text || notes) out.push(escapeMarkdown(p.text) + notes);
  }
  decided.push(`body      ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}${subheads ? `, ${subheads} subhead${subheads === 1 ? '' : 's'} (${[...why2].join(', ')})` : ''}`);
  if (bold) decided.push(`bold      in ${bold} place${bold === 1 ? '' : 's'}, written as plain text: body text is not set in bold`);
  if ([...zone, ...body].some((p) => p.text.includes('|'))) decided.push('|         written as ｜ in headline lines and subheads, where | breaks the line');

  const yaml = Object.keys(fm).length ? stringify(fm, { lineWidth: 0 }) : '';
  return { markdown: `---\n${yaml}---\n${out.join('\n\n')}\n`, decided, empty: !texts.length };
}

/** An editor's note: not printed, named by the loader (HTML_COMMENT) at every build. */
const note = (s: string): string => `<!-- ${s.replace(/-{2,}/g, '—').replace(/\s+/g, ' ').trim()} -->`;

/**
 * Text that the Markdown reader gives back as it is: the characters that can start inline syntax
 * escaped, and a line start that would make a heading, list, rule or setext underline.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>&~]/g, '\\$&').replace(/^(?:[#+=-]|(\d{1,9})([.)]))/, (m, digits: string | undefined, mark: string | undefined) => (digits ? `${digits}\\${mark}` : `\\${m}`));
}
