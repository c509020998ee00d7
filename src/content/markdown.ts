/**
 * Markdown parsing, remembered for the last few bodies: the story loader and the copy lint read the
 * same article, so the second parse of a body is free (Markdown is most of loading an article).
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

const recent = new Map<string, Root>();

/** The syntax tree of `body`; callers must not change it (it is shared). */
export function parseMarkdown(body: string): Root {
  let tree = recent.get(body);
  if (!tree) {
    tree = fromMarkdown(body);
    if (recent.size >= 32) recent.delete(recent.keys().next().value!);
    recent.set(body, tree);
  }
  return tree;
}
