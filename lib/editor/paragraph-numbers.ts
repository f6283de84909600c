import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { numberParagraphs } from '../resolution/numbering';
import { PARAGRAPH_NODE_TYPES } from './schema';
import type { ParagraphKind } from '../resolution/types';

/**
 * Paragraph numbers in the editor's margin (PP 3, OP 8, 8 (b)), computed from position by
 * the same numberParagraphs() the API, exports and amendments use, so the editor can never
 * disagree with them. They are node decorations (a data-label attribute drawn by CSS), not
 * text: nobody can type, select or delete a number, and a move renumbers at once.
 */

export const paragraphNumbersKey = new PluginKey<DecorationSet>('paragraphNumbers');

function numberDecorations(doc: PmNode): DecorationSet {
  const positions: { pos: number; size: number; kind: ParagraphKind }[] = [];
  doc.forEach((node, pos) => {
    if (PARAGRAPH_NODE_TYPES.includes(node.type.name as ParagraphKind))
      positions.push({ pos, size: node.nodeSize, kind: node.type.name as ParagraphKind });
  });
  const labels = numberParagraphs(positions.map((p, i) => ({ id: String(i), kind: p.kind, text: '' })));
  return DecorationSet.create(
    doc,
    positions.map((p, i) => Decoration.node(p.pos, p.pos + p.size, { 'data-label': labels[i].label })),
  );
}

export const ParagraphNumbers = Extension.create({
  name: 'paragraphNumbers',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: paragraphNumbersKey,
        state: {
          init: (_, state) => numberDecorations(state.doc),
          // Any change can renumber everything after it; a resolution has at most a few
          // hundred paragraphs, so recounting is cheaper than being clever.
          apply: (tr, old) => (tr.docChanged ? numberDecorations(tr.doc) : old),
        },
        props: {
          decorations: (state) => paragraphNumbersKey.getState(state),
        },
      }),
    ];
  },
});
