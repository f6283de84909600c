import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { resolutionSchema, TEXT_FIELD, PARAGRAPH_NODE_TYPES } from '../editor/schema';
import type { Paragraph, ParagraphKind, TextRun } from '../resolution/types';

/**
 * Reading and writing a resolution's text in its Y.Doc, through the editor's schema, so
 * the server sees exactly what the editor shows.
 */

interface PmMark {
  type: string;
}
interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: PmMark[];
}

export function paragraphsToProsemirrorJSON(paragraphs: readonly Paragraph[]): PmNode {
  return {
    type: 'doc',
    content: paragraphs.map((p) => {
      const runs = p.runs ?? (p.text ? [{ text: p.text }] : []);
      return {
        type: p.kind,
        attrs: { id: p.id },
        content: runs
          .filter((r) => r.text.length > 0)
          .map((r) => {
            const marks: PmMark[] = [];
            if (r.bold) marks.push({ type: 'bold' });
            if (r.italic) marks.push({ type: 'italic' });
            return marks.length ? { type: 'text', text: r.text, marks } : { type: 'text', text: r.text };
          }),
      };
    }),
  };
}

export function prosemirrorJSONToParagraphs(json: PmNode): Paragraph[] {
  const out: Paragraph[] = [];
  for (const node of json.content ?? []) {
    if (!PARAGRAPH_NODE_TYPES.includes(node.type as ParagraphKind)) continue;
    const runs: TextRun[] = (node.content ?? [])
      .filter((c) => c.type === 'text' && c.text)
      .map((c) => {
        const run: TextRun = { text: c.text! };
        if (c.marks?.some((m) => m.type === 'bold')) run.bold = true;
        if (c.marks?.some((m) => m.type === 'italic')) run.italic = true;
        return run;
      });
    const p: Paragraph = {
      id: String(node.attrs?.id ?? ''),
      kind: node.type as ParagraphKind,
      text: runs.map((r) => r.text).join(''),
    };
    if (runs.some((r) => r.bold || r.italic)) p.runs = runs;
    out.push(p);
  }
  return out;
}

/** Replaces the whole text of a fresh document (import). Never used on a live document. */
export function writeParagraphs(doc: Y.Doc, paragraphs: readonly Paragraph[]): void {
  const fragment = doc.getXmlFragment(TEXT_FIELD);
  doc.transact(() => {
    if (fragment.length) fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(resolutionSchema(), paragraphsToProsemirrorJSON(paragraphs), fragment);
  });
}

/**
 * The paragraphs as the editor shows them, read straight from the Yjs types one level deep
 * (paragraph elements, then their text nodes) rather than through y-prosemirror's
 * recursive conversion: a document holding what the editor cannot (3,000 nested elements
 * sent by a hostile client to an older server) is read in bounded depth and time, never
 * overflowing the stack. What the editor would not show is skipped, as before: unknown
 * top-level nodes, and anything but text inside a paragraph.
 */
export function readParagraphs(doc: Y.Doc): Paragraph[] {
  const out: Paragraph[] = [];
  for (const node of doc.getXmlFragment(TEXT_FIELD).toArray()) {
    if (!(node instanceof Y.XmlElement) || !PARAGRAPH_NODE_TYPES.includes(node.nodeName as ParagraphKind)) continue;
    const runs: TextRun[] = [];
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlText)) continue;
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
        const run: TextRun = { text: op.insert };
        if (op.attributes && 'bold' in op.attributes) run.bold = true;
        if (op.attributes && 'italic' in op.attributes) run.italic = true;
        runs.push(run);
      }
    }
    const id = node.getAttribute('id') as unknown;
    const p: Paragraph = {
      id: String(id ?? ''),
      kind: node.nodeName as ParagraphKind,
      text: runs.map((r) => r.text).join(''),
    };
    if (runs.some((r) => r.bold || r.italic)) p.runs = runs;
    out.push(p);
  }
  return out;
}

/** A Yjs update holding the given text, ready to store as a new resolution's first state. */
export function encodeParagraphs(paragraphs: readonly Paragraph[]): Uint8Array {
  const doc = new Y.Doc();
  writeParagraphs(doc, paragraphs);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export function decodeParagraphs(state: Uint8Array): Paragraph[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const paragraphs = readParagraphs(doc);
  doc.destroy();
  return paragraphs;
}
