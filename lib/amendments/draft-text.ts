import * as Y from 'yjs';

/**
 * A draft amendment's wording as a shared document: one paragraph, plain text, in the
 * Y.XmlFragment `draft`, the shape y-prosemirror gives a TipTap document with a single
 * paragraph node. Co-sponsors edit it live; the server reads its text back into
 * amendments.proposed_text.
 */
export const DRAFT_FIELD = 'draft';

/** The collaboration room of a draft amendment (also its relay key): "amendment/<id>". */
export const draftRoomName = (amendmentId: string) => `amendment/${amendmentId}`;

const paragraphOf = (doc: Y.Doc): Y.XmlElement | null => {
  const first = doc.getXmlFragment(DRAFT_FIELD).get(0);
  return first instanceof Y.XmlElement ? first : null;
};

const textOf = (element: Y.XmlElement): string =>
  element
    .toArray()
    .map((child) =>
      child instanceof Y.XmlText ? deltaText(child) : child instanceof Y.XmlElement ? textOf(child) : '',
    )
    .join('');

const deltaText = (text: Y.XmlText): string =>
  (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

/**
 * The wording: the paragraphs' text joined by a space (the editor allows one paragraph,
 * but a client could send more; an amendment proposes one paragraph's wording).
 */
export function readDraftText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(DRAFT_FIELD)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? textOf(node) : node instanceof Y.XmlText ? deltaText(node) : ''))
    .join(' ');
}

/**
 * Makes the document read `wanted` with the smallest edit (common prefix and suffix kept),
 * so the carets of co-sponsors typing elsewhere in the paragraph stay where they are.
 * Call inside a transaction to attribute the change.
 */
export function writeDraftText(doc: Y.Doc, wanted: string): void {
  const fragment = doc.getXmlFragment(DRAFT_FIELD);
  let paragraph = paragraphOf(doc);
  // The editor leaves an emptied paragraph without a text node.
  if (paragraph && fragment.length === 1 && paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()]);
  if (!paragraph || fragment.length !== 1 || paragraph.length !== 1 || !(paragraph.get(0) instanceof Y.XmlText)) {
    // Not the shape the editor makes (a first write, or a client sent more): start over.
    if (fragment.length) fragment.delete(0, fragment.length);
    paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(0, [paragraph]);
  }
  const text = paragraph.get(0) as Y.XmlText;
  const current = deltaText(text);
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
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = wanted.slice(start, wanted.length - end);
  if (inserted) text.insert(start, inserted);
}
