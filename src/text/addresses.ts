/**
 * Web and e-mail addresses in running text. An address is one Latin word to the composer, but a
 * long one: it may break after `/` or `//` and before `.` `?` `&` (and an e-mail address's `@`), with
 * no hyphen added, so that a line need not be stretched to keep it whole.
 */

// a scheme or www., or name@domain; the ASCII characters an address is written with
const ADDRESS = /(?:https?:\/\/|ftp:\/\/|www\.)[!#$%&'*+,\-./0-9:;=?@A-Z_a-z~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
// sentence punctuation after an address is not part of it
const TRAILING = /[.,;:!?'*]+$/;

/** [start, end) of each address in `text`. */
export function addressSpans(text: string): [number, number][] {
  if (!text.includes('://') && !text.includes('www.') && !text.includes('@')) return [];
  const out: [number, number][] = [];
  for (const m of text.matchAll(ADDRESS)) {
    const end = m.index + m[0].replace(TRAILING, '').length;
    if (end - m.index > 4) out.push([m.index, end]);
  }
  return out;
}

/** Whether a line may break before text[i], i inside an address of [start, end). */
export function addressBreak(text: string, i: number, start: number, end: number): boolean {
  if (i <= start || i >= end) return false;
  const before = text[i - 1], at = text[i]!;
  return (before === '/' && at !== '/') || ((at === '.' || at === '?' || at === '&' || at === '@') && before !== '/' && before !== '.');
}

/** Whether the break between two lines falls inside an address (`end`: the first line's text, `next`: the next's). */
export function breaksAddress(end: string, next: string): boolean {
  const tail = /[!-~]*$/.exec(end)![0], head = /^[!-~]*/.exec(next)![0];
  if (!tail || !head) return false;
  const joined = tail + head;
  return addressSpans(joined).some(([s, e]) => addressBreak(joined, tail.length, s, e));
}
