import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateParagraphs } from '@/lib/text/paragraph-edits';
import { readParagraphs, writeParagraphs } from '@/lib/text/ydoc';
import { TEXT_FIELD } from '@/lib/editor/schema';
import type { Paragraph } from '@/lib/resolution/types';

/** Applying an adopted amendment to a live document: the smallest change, ids kept. */
const start: Paragraph[] = [
  { id: 'pp1', kind: 'preambular', text: 'Recalling its earlier work,' },
  { id: 'op1', kind: 'operative', text: 'Decides to act;' },
  {
    id: 'op2',
    kind: 'operative',
    text: 'Encourages parliaments to mainstream gender equality concerns;',
    runs: [
      { text: 'Encourages ' },
      { text: 'parliaments', italic: true },
      { text: ' to mainstream gender equality concerns;' },
    ],
  },
  { id: 'sub', kind: 'subparagraph', text: 'in all legislation;' },
  { id: 'op3', kind: 'operative', text: 'Invites reports.' },
];

function docWith(paragraphs: Paragraph[]) {
  const doc = new Y.Doc();
  writeParagraphs(doc, paragraphs);
  return doc;
}
const nodes = (doc: Y.Doc) => doc.getXmlFragment(TEXT_FIELD).toArray();

describe('updateParagraphs', () => {
  it('changes only the words that differ, keeping the node, its id and the marks elsewhere', () => {
    const doc = docWith(start);
    const before = nodes(doc)[2];
    const target = start.map((p) =>
      p.id === 'op2'
        ? { ...p, text: 'Encourages parliaments to mainstream the rights of women and girls;', runs: undefined }
        : p,
    );
    doc.transact(() => updateParagraphs(doc, target));
    expect(nodes(doc)[2]).toBe(before);
    const op2 = readParagraphs(doc)[2];
    expect(op2.text).toBe('Encourages parliaments to mainstream the rights of women and girls;');
    expect(op2.runs?.find((r) => r.italic)?.text).toBe('parliaments');
  });

  it('deletes, inserts and moves paragraphs as one update another client can apply', () => {
    const doc = docWith(start);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const target: Paragraph[] = [
      { id: 'op3', kind: 'operative', text: 'Invites reports.' },
      start[0],
      { id: 'new', kind: 'operative', text: 'Calls for cooperation;' },
      start[1],
    ];
    doc.transact(() => updateParagraphs(doc, target));
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, updates[0]);
    expect(readParagraphs(other).map((p) => [p.id, p.kind, p.text])).toEqual(target.map((p) => [p.id, p.kind, p.text]));
  });
});
