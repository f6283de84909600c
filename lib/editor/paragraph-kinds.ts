import { Extension } from '@tiptap/core';
import { TextSelection, type Transaction } from '@tiptap/pm/state';
import { PARAGRAPH_NODE_TYPES } from './schema';
import type { ParagraphKind } from '../resolution/types';

/**
 * Editing the structure of a resolution: change a paragraph's kind, and split paragraphs
 * so that Enter continues the same kind (ProseMirror's default would start a preambular
 * paragraph, the first kind the document allows, after every operative one).
 *
 * Ids: a kind change keeps the paragraph's id (it is the same paragraph, renumbered); a
 * split gives the new half no id, and UniqueID assigns a fresh one, moving the old id along
 * with the text when the split happens at the very start.
 */

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    paragraphKinds: {
      /** Turns the paragraphs in the selection into the given kind, keeping their ids. */
      setParagraphKind: (kind: ParagraphKind) => ReturnType;
      /** Splits the paragraph at the cursor into two of the same kind. */
      splitParagraph: () => ReturnType;
    };
  }
}

const isParagraphKind = (name: string): name is ParagraphKind => PARAGRAPH_NODE_TYPES.includes(name as ParagraphKind);

/** The kind of the paragraph holding the cursor (or the selection's start). */
export function kindAtSelection(tr: {
  selection: { $from: { parent: { type: { name: string } } } };
}): ParagraphKind | null {
  const name = tr.selection.$from.parent.type.name;
  return isParagraphKind(name) ? name : null;
}

function setKind(tr: Transaction, kind: ParagraphKind): boolean {
  const type = tr.doc.type.schema.nodes[kind];
  const { from, to } = tr.selection;
  let changed = false;
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!isParagraphKind(node.type.name)) return true;
    if (node.type !== type) {
      tr.setNodeMarkup(pos, type, node.attrs, node.marks);
      changed = true;
    }
    return false;
  });
  return changed || kindAtSelection(tr) === kind;
}

export const ParagraphKinds = Extension.create({
  name: 'paragraphKinds',
  // Before the core keymap, whose Enter would split into the document's default kind.
  priority: 1000,

  addCommands() {
    return {
      setParagraphKind:
        (kind) =>
        ({ tr, dispatch }) => {
          if (!dispatch) return !!kindAtSelection(tr);
          return setKind(tr, kind);
        },
      splitParagraph:
        () =>
        ({ tr, dispatch }) => {
          if (!(tr.selection instanceof TextSelection) || !kindAtSelection(tr)) return false;
          if (!dispatch) return true;
          if (!tr.selection.empty) tr.deleteSelection();
          const $pos = tr.selection.$from;
          // An empty sub-paragraph + Enter steps back out to an operative paragraph, as an
          // empty list item does in a word processor.
          if ($pos.parent.type.name === 'subparagraph' && $pos.parent.content.size === 0) {
            tr.setNodeMarkup($pos.before(), tr.doc.type.schema.nodes.operative, $pos.parent.attrs);
            return true;
          }
          if ($pos.parent.type.name === 'subsubparagraph' && $pos.parent.content.size === 0) {
            tr.setNodeMarkup($pos.before(), tr.doc.type.schema.nodes.subparagraph, $pos.parent.attrs);
            return true;
          }
          const marks = tr.storedMarks ?? ($pos.parentOffset ? $pos.marks() : null);
          tr.split($pos.pos, 1, [{ type: $pos.parent.type, attrs: { ...$pos.parent.attrs, id: null } }]);
          if (marks) tr.ensureMarks(marks);
          tr.scrollIntoView();
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitParagraph(),
      'Mod-Alt-1': () => this.editor.commands.setParagraphKind('preambular'),
      'Mod-Alt-2': () => this.editor.commands.setParagraphKind('operative'),
      'Mod-Alt-3': () => this.editor.commands.setParagraphKind('subparagraph'),
      'Mod-Alt-4': () => this.editor.commands.setParagraphKind('subsubparagraph'),
      // Tab indents an operative paragraph into a sub-paragraph of the one before, Shift-Tab
      // brings it back; elsewhere Tab keeps its usual job of moving focus.
      // One level deeper or shallower: operative → (a) → (i), and back.
      Tab: () => {
        const deeper = { operative: 'subparagraph', subparagraph: 'subsubparagraph' } as const;
        const kind = kindAtSelection(this.editor.state);
        return kind === 'operative' || kind === 'subparagraph'
          ? this.editor.commands.setParagraphKind(deeper[kind])
          : false;
      },
      'Shift-Tab': () => {
        const shallower = { subparagraph: 'operative', subsubparagraph: 'subparagraph' } as const;
        const kind = kindAtSelection(this.editor.state);
        return kind === 'subparagraph' || kind === 'subsubparagraph'
          ? this.editor.commands.setParagraphKind(shallower[kind])
          : false;
      },
      // Since Tab can be taken by the editor, Escape leaves it for keyboard users.
      Escape: () => this.editor.commands.blur(),
    };
  },
});
