import * as Y from 'yjs';
import { TEXT_FIELD } from '../editor/schema';

/**
 * Paragraph ids must be unique: amendments, reservations and votes point at paragraphs by
 * id. Two clients can still produce the same one (both split the same paragraph offline and
 * their editors copied the id). The first paragraph in document order keeps the id; later
 * ones, and any without an id, get a new one. Returns how many were repaired.
 */
export function repairParagraphIds(doc: Y.Doc, newId: () => string, origin: unknown = null): number {
  const fragment = doc.getXmlFragment(TEXT_FIELD);
  const seen = new Set<string>();
  const fixes: Y.XmlElement[] = [];
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const id = child.getAttribute('id');
    if (typeof id !== 'string' || id === '' || seen.has(id)) fixes.push(child);
    else seen.add(id);
  }
  if (fixes.length)
    doc.transact(() => {
      for (const el of fixes) el.setAttribute('id', newId());
    }, origin);
  return fixes.length;
}
