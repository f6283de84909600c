import { isSubordinate, type Paragraph } from '../resolution/types';

/**
 * The paragraphs that go together with one paragraph: an operative paragraph and the
 * sub-paragraphs (and their (i), (ii)…) under it, a sub-paragraph and its sub-sub-paragraphs,
 * or a single paragraph otherwise. In the flat paragraph
 * list, deleting or moving OP 8 alone would leave its (a), (b) lettered under OP 7.
 *
 * Returns the half-open index range [start, end) in `paragraphs`.
 */
export function blockAt(paragraphs: readonly Paragraph[], index: number): { start: number; end: number } {
  let end = index + 1;
  if (paragraphs[index].kind === 'operative') {
    while (end < paragraphs.length && isSubordinate(paragraphs[end].kind)) end++;
  } else if (paragraphs[index].kind === 'subparagraph') {
    while (end < paragraphs.length && paragraphs[end].kind === 'subsubparagraph') end++;
  }
  return { start: index, end };
}

/** The ids of the block of paragraph `id` (empty when the paragraph does not exist). */
export function blockIds(paragraphs: readonly Paragraph[], id: string): string[] {
  const index = paragraphs.findIndex((p) => p.id === id);
  if (index < 0) return [];
  const { start, end } = blockAt(paragraphs, index);
  return paragraphs.slice(start, end).map((p) => p.id);
}
