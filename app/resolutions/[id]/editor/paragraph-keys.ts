import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

/**
 * The text is one Tab stop: the editor itself takes the focus (also when read-only), the
 * per-paragraph "Amend" buttons do not (Ctrl+Alt+A amends the current paragraph), and the
 * arrow keys move between paragraphs — in a read-only text too, where there is no caret:
 * the current paragraph is then outlined and announced by its number.
 */
const key = new PluginKey<number | null>('paragraphKeys');

function paragraphStarts(view: EditorView): number[] {
  const starts: number[] = [];
  view.state.doc.forEach((_node, pos) => {
    starts.push(pos);
  });
  return starts;
}

function move(view: EditorView, by: 1 | -1): boolean {
  const starts = paragraphStarts(view);
  if (starts.length === 0) return false;
  const { $from } = view.state.selection;
  const here = $from.depth >= 1 ? $from.before(1) : starts[0];
  const at = Math.max(0, starts.indexOf(here));
  const to = starts[Math.min(starts.length - 1, Math.max(0, at + by))];
  const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, to + 1)).setMeta(key, to);
  view.dispatch(tr.scrollIntoView());
  const dom = view.nodeDOM(to);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'nearest' });
  return true;
}

export const ParagraphKeys = Extension.create({
  name: 'paragraphKeys',
  addProseMirrorPlugins() {
    return [
      new Plugin<number | null>({
        key,
        state: {
          init: () => null,
          apply: (tr, old) => {
            const meta = tr.getMeta(key) as number | undefined;
            if (meta !== undefined) return meta;
            return old === null ? null : tr.mapping.map(old);
          },
        },
        props: {
          attributes: { tabindex: '0' },
          handleDOMEvents: {
            // A DOM handler: ProseMirror gives handleKeyDown nothing while the view is read-only.
            keydown: (view, event) => {
              // Editable: the caret already moves between paragraphs.
              if (view.editable || event.altKey || event.ctrlKey || event.metaKey) return false;
              const by = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
              if (!by || !move(view, by)) return false;
              event.preventDefault();
              return true;
            },
          },
          decorations: (state) => {
            const at = key.getState(state);
            if (at === null || at === undefined || at >= state.doc.content.size) return null;
            const node = state.doc.nodeAt(at);
            if (!node) return null;
            return DecorationSet.create(state.doc, [
              Decoration.node(at, at + node.nodeSize, { class: 'para-current' }),
            ]);
          },
        },
        view: (view) => {
          // The margin's "Amend" buttons stay clickable but out of the Tab order.
          const untab = () => {
            for (const b of view.dom.querySelectorAll<HTMLElement>('.para-amend')) b.tabIndex = -1;
          };
          untab();
          return { update: untab };
        },
      }),
    ];
  },
});
