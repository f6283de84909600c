import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { PARAGRAPH_NODE_TYPES } from './schema';
import type { ParagraphKind } from '../resolution/types';

/**
 * "Amend" on every paragraph of the text: a button in the margin under its number (shown
 * on hover, reachable with Tab) and Mod-Alt-A for the paragraph holding the caret. Both hand the
 * paragraph's stable id to `onAmend`; the amendments panel opens its form on it. A widget,
 * not text: it is not part of the document and nobody can type into it.
 */
export interface AmendActionOptions {
  onAmend: ((paragraphId: string) => void) | null;
}

export const amendActionKey = new PluginKey<DecorationSet>('amendAction');

function amendButtons(doc: PmNode, onAmend: (id: string) => void): DecorationSet {
  const decorations: Decoration[] = [];
  doc.forEach((node, pos) => {
    const id = node.attrs.id as string | null;
    if (!id || !PARAGRAPH_NODE_TYPES.includes(node.type.name as ParagraphKind)) return;
    decorations.push(
      Decoration.widget(
        pos + 1,
        () => {
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'para-amend';
          button.contentEditable = 'false';
          // The word comes from CSS (::after): as text it would be read as the paragraph's.
          button.title = 'Propose an amendment to this paragraph (Ctrl+Alt+A)';
          button.setAttribute('data-testid', 'paragraph-amend');
          button.setAttribute('aria-label', 'Amend this paragraph');
          // mousedown would move the caret into the paragraph and scroll; the click is enough.
          button.addEventListener('mousedown', (e) => e.preventDefault());
          button.addEventListener('click', (e) => {
            e.preventDefault();
            onAmend(id);
          });
          return button;
        },
        { side: -1, key: `amend-${id}`, ignoreSelection: true, stopEvent: () => true },
      ),
    );
  });
  return DecorationSet.create(doc, decorations);
}

export const AmendAction = Extension.create<AmendActionOptions>({
  name: 'amendAction',
  addOptions: () => ({ onAmend: null }),
  addKeyboardShortcuts() {
    return {
      'Mod-Alt-a': () => {
        const onAmend = this.options.onAmend;
        if (!onAmend) return false;
        const { $from } = this.editor.state.selection;
        const paragraph = $from.depth >= 1 ? $from.node(1) : null;
        const id = paragraph?.attrs.id as string | undefined;
        if (!id) return false;
        onAmend(id);
        return true;
      },
    };
  },
  addProseMirrorPlugins() {
    const onAmend = this.options.onAmend;
    if (!onAmend) return [];
    return [
      new Plugin<DecorationSet>({
        key: amendActionKey,
        state: {
          init: (_, state) => amendButtons(state.doc, onAmend),
          apply: (tr, old) => (tr.docChanged ? amendButtons(tr.doc, onAmend) : old),
        },
        props: { decorations: (state) => amendActionKey.getState(state) },
      }),
    ];
  },
});
