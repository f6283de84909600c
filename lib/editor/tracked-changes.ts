import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import { diffWords } from '../amendments/diff';

/**
 * Tracked-changes display for an amendment's wording: the editor holds the paragraph as
 * amended, and every keystroke redraws the difference from the paragraph as it stands:
 * insertions underlined in the text itself, deletions shown struck through where they
 * were (as widgets, not text: they cannot be typed into, and are not part of the wording).
 */
export const trackedChangesKey = new PluginKey<DecorationSet>('trackedChanges');

export interface TrackedChangesOptions {
  /** The text the amendment changes (the paragraph now, or the parent's proposed text). */
  base: string;
}

/** Document positions of each character of the text, in order (text nodes only). */
function characterPositions(doc: PmNode): { text: string; positions: number[] } {
  let text = '';
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (node.isText && node.text) {
      for (let i = 0; i < node.text.length; i++) positions.push(pos + i);
      text += node.text;
    }
    return true;
  });
  return { text, positions };
}

export function trackedDecorations(doc: PmNode, base: string): DecorationSet {
  const { text, positions } = characterPositions(doc);
  const end = positions.length ? positions[positions.length - 1] + 1 : 1;
  const at = (offset: number) => (offset < positions.length ? positions[offset] : end);
  const decorations: Decoration[] = [];
  let offset = 0;
  diffWords(base, text).forEach((segment, i) => {
    if (segment.op === 'equal') offset += segment.text.length;
    else if (segment.op === 'insert') {
      decorations.push(
        Decoration.inline(at(offset), at(offset + segment.text.length - 1) + 1, {
          class: 'tracked-ins',
          nodeName: 'ins',
        }),
      );
      offset += segment.text.length;
    } else {
      const removed = segment.text;
      decorations.push(
        Decoration.widget(
          at(offset),
          () => {
            const del = document.createElement('del');
            del.className = 'tracked-del';
            del.contentEditable = 'false';
            del.textContent = removed;
            return del;
          },
          { side: -1, key: `del-${i}-${removed}`, ignoreSelection: true },
        ),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

export const TrackedChanges = Extension.create<TrackedChangesOptions>({
  name: 'trackedChanges',
  addOptions: () => ({ base: '' }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: trackedChangesKey,
        state: {
          init: (_config, state: EditorState) => trackedDecorations(state.doc, options.base),
          // Recomputed per change: a paragraph is short, and the diff must follow every
          // keystroke, remote ones included. A transaction whose meta under this key is a
          // string brings a new base (the paragraph changed meanwhile).
          apply: (tr, old, _before, state) => {
            const base = tr.getMeta(trackedChangesKey) as string | undefined;
            if (base !== undefined) options.base = base;
            return tr.docChanged || base !== undefined ? trackedDecorations(state.doc, options.base) : old;
          },
        },
        props: {
          decorations: (state) => trackedChangesKey.getState(state),
        },
      }),
    ];
  },
});
