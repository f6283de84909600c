import * as Y from 'yjs';
import { TEXT_FIELD } from '../editor/schema';
import type { Paragraph } from '../resolution/types';

/**
 * Brings a live document's text to a new paragraph list with the smallest change: the
 * paragraphs that stay keep their Yjs nodes (so open editors keep their cursors and every
 * id keeps pointing at the same node), a changed wording replaces only the words that
 * differ, removed paragraphs are deleted, new ones inserted. A moved paragraph is deleted
 * and re-created with the same id and formatting: Yjs has no move.
 *
 * Call it inside one `doc.transact`, so the whole change reaches every client as one update.
 */
export function updateParagraphs(doc: Y.Doc, target: readonly Paragraph[]): void {
  const fragment = doc.getXmlFragment(TEXT_FIELD);
  const nodes = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  const targetIndex = new Map(target.map((p, i) => [p.id, i]));

  // The nodes that can stay where they are: the longest run, in document order, of nodes
  // whose paragraphs keep their relative order. Everything else is deleted (and re-created
  // further down if it was only moved).
  const surviving = nodes.filter(
    (n) => targetIndex.has(idOf(n)) && n.nodeName === target[targetIndex.get(idOf(n))!].kind,
  );
  const keep = new Set(longestIncreasing(surviving, (n) => targetIndex.get(idOf(n))!));
  const removedDeltas = new Map<string, unknown[]>();
  for (let i = fragment.length - 1; i >= 0; i--) {
    const node = fragment.get(i);
    if (node instanceof Y.XmlElement && keep.has(node)) continue;
    if (node instanceof Y.XmlElement) removedDeltas.set(idOf(node), textOf(node)?.toDelta() ?? []);
    fragment.delete(i, 1);
  }

  target.forEach((paragraph, index) => {
    const existing = fragment.get(index);
    if (existing instanceof Y.XmlElement && idOf(existing) === paragraph.id) {
      replaceWording(existing, paragraph.text);
      return;
    }
    const element = new Y.XmlElement(paragraph.kind);
    element.setAttribute('id', paragraph.id);
    const text = new Y.XmlText();
    element.insert(0, [text]);
    fragment.insert(index, [element]);
    const moved = removedDeltas.get(paragraph.id);
    if (moved && deltaText(moved) === paragraph.text) text.applyDelta(moved);
    else if (paragraph.runs) {
      let at = 0;
      for (const run of paragraph.runs) {
        const marks = { ...(run.bold ? { bold: {} } : {}), ...(run.italic ? { italic: {} } : {}) };
        text.insert(at, run.text, marks);
        at += run.text.length;
      }
    } else if (paragraph.text) text.insert(0, paragraph.text);
  });
}

const idOf = (node: Y.XmlElement): string => String(node.getAttribute('id') ?? '');

function textOf(element: Y.XmlElement): Y.XmlText | null {
  const first = element.get(0);
  return first instanceof Y.XmlText ? first : null;
}

function deltaText(delta: unknown[]): string {
  return delta
    .map((op) => (typeof (op as { insert?: unknown }).insert === 'string' ? (op as { insert: string }).insert : ''))
    .join('');
}

/** Replaces only the differing middle of the wording: the common start and end stay untouched. */
function replaceWording(element: Y.XmlElement, wanted: string): void {
  let text = textOf(element);
  if (!text) {
    text = new Y.XmlText();
    element.insert(0, [text]);
  }
  const current = text.toString() === '' ? '' : deltaText(text.toDelta());
  if (current === wanted) return;
  let start = 0;
  while (start < current.length && start < wanted.length && current[start] === wanted[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < wanted.length - start &&
    current[current.length - 1 - end] === wanted[wanted.length - 1 - end]
  )
    end++;
  if (current.length - start - end > 0) text.delete(start, current.length - start - end);
  if (wanted.length - start - end > 0) text.insert(start, wanted.slice(start, wanted.length - end));
}

/** The items forming the longest subsequence whose keys increase (O(n²): texts have ~100 paragraphs). */
function longestIncreasing<T>(items: readonly T[], key: (item: T) => number): T[] {
  const length = items.map(() => 1);
  const previous = items.map(() => -1);
  for (let i = 0; i < items.length; i++) {
    for (let j = 0; j < i; j++) {
      if (key(items[j]) < key(items[i]) && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
  }
  let best = length.indexOf(Math.max(0, ...length));
  const out: T[] = [];
  while (best >= 0) {
    out.unshift(items[best]);
    best = previous[best];
  }
  return out;
}
