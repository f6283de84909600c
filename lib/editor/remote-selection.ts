import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * Keeps your cursor where it belongs while others type in the same paragraph.
 *
 * @tiptap/y-tiptap 3.0.9 restores the local selection after a remote change from Yjs
 * relative positions, but then second-guesses the result whenever the paragraph's text
 * changed ("misresolved after a structural change") and falls back to the old character
 * offset. So when a colleague types before your cursor in your paragraph, your cursor does
 * not move with the text: your next keystrokes land in the middle of a word, and typing at
 * the end of a paragraph while someone types at its start comes out reversed. (Upstream:
 * ueberdosis/tiptap issues 7213 and 7332.)
 *
 * This plugin records the selection as Yjs relative positions before each remote update
 * and, after y-tiptap has applied it, puts the selection back exactly there. When a
 * position cannot be resolved (its paragraph was deleted or replaced), y-tiptap's own
 * recovery stands.
 */

interface SavedSelection {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

const key = new PluginKey('remoteSelection');

type Binding = { type: Y.XmlFragment; mapping: Map<unknown, unknown>; doc: Y.Doc };
const bindingOf = (state: EditorState): Binding | null =>
  (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null;

export const RemoteSelection = Extension.create<{ document: Y.Doc | null }>({
  name: 'remoteSelection',
  addOptions() {
    return { document: null };
  },
  addProseMirrorPlugins() {
    const doc = this.options.document;
    if (!doc) return [];
    let saved: SavedSelection | null = null;
    return [
      new Plugin({
        key,
        view: (view) => {
          const before = (transaction: Y.Transaction) => {
            // Our own edits and undo/redo place the selection themselves.
            if (
              transaction.origin === ySyncPluginKey ||
              transaction.origin instanceof Y.UndoManager ||
              transaction.local
            )
              return;
            const binding = bindingOf(view.state);
            const selection = view.state.selection;
            if (!binding || !(selection instanceof TextSelection)) return;
            saved = {
              anchor: absolutePositionToRelativePosition(selection.anchor, binding.type, binding.mapping as never),
              head: absolutePositionToRelativePosition(selection.head, binding.type, binding.mapping as never),
            };
          };
          const after = () => {
            saved = null;
          };
          doc.on('beforeTransaction', before);
          doc.on('afterAllTransactions', after);
          return {
            destroy() {
              doc.off('beforeTransaction', before);
              doc.off('afterAllTransactions', after);
            },
          };
        },
        appendTransaction: (transactions, _old, state) => {
          if (!saved) return null;
          const remote = transactions.some((tr) => {
            const meta = tr.getMeta(ySyncPluginKey) as
              | { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean }
              | undefined;
            return meta?.isChangeOrigin && !meta.isUndoRedoOperation;
          });
          const binding = bindingOf(state);
          if (!remote || !binding) return null;
          const anchor = relativePositionToAbsolutePosition(doc, binding.type, saved.anchor, binding.mapping as never);
          const head = relativePositionToAbsolutePosition(doc, binding.type, saved.head, binding.mapping as never);
          const size = state.doc.content.size;
          if (anchor === null || head === null || anchor > size || head > size) return null;
          if (state.selection.anchor === anchor && state.selection.head === head) return null;
          const $anchor = state.doc.resolve(anchor);
          const $head = state.doc.resolve(head);
          if (!$anchor.parent.isTextblock || !$head.parent.isTextblock) return null;
          return state.tr.setSelection(TextSelection.between($anchor, $head)).setMeta('addToHistory', false);
        },
      }),
    ];
  },
});
