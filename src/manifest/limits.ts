/**
 * Length limits of the short texts a page prints on one line or a few: headline lines, dateline,
 * subheads, section, folio credits, paper name, photo captions. Setting one is linear only in
 * lines of its own width; a runaway value (a paste into the wrong key) would take minutes and
 * gigabytes to set at full width, so it is refused, generously above any real one.
 */
import { z } from 'zod';

/** A headline line, dateline, subhead line, section, credit or name: a few dozen characters in practice. */
export const LABEL_MAX = 200;
/** A photo caption (图片说明): a paragraph at most. */
export const CAPTION_MAX = 2000;

/** Text of at most `max` characters; the schema diagnostics report a longer one as TEXT_TOO_LONG. */
export const shortText = (max = LABEL_MAX) => z.string().max(max);

/** The TEXT_TOO_LONG message and hint for `name` (a key) of `length` characters. */
export function tooLong(name: string, length: number, max: number): { message: string; hint: string } {
  return {
    message: `${name} is ${length.toLocaleString('en')} characters long; the most it may have is ${max.toLocaleString('en')}`,
    hint: max >= CAPTION_MAX
      ? 'a caption is a sentence or two; was the article pasted here? Long text belongs in the body of an article'
      : 'a headline line, dateline, subhead, section or credit is a few dozen characters; was the copy pasted into the wrong key? Long text belongs in the body',
  };
}
