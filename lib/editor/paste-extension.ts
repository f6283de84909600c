import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as PmNode, type Schema } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { isResolutionEditorHtml, PAGE_OF_TEXT, pastedLength, pastedParagraphs, type PastedParagraph } from './paste';
import { kindAtSelection } from './paragraph-kinds';

/**
 * Paste from Word, web pages or plain text as resolution paragraphs (see paste.ts). HTML
 * copied inside Concord is left to ProseMirror, which reads our own kinds back; UniqueID
 * then gives the copies new ids.
 */

function inline(schema: Schema, p: PastedParagraph): PmNode[] {
  return p.runs.map((r) => {
    const marks = [];
    if (r.bold) marks.push(schema.marks.bold.create());
    if (r.italic) marks.push(schema.marks.italic.create());
    return schema.text(r.text, marks);
  });
}

export interface ResolutionPasteOptions {
  /**
   * Asked before more than a page's worth of text goes in (a whole resolution pasted into a
   * draft is rarely meant); resolves true to insert. Without it, every paste goes in.
   */
  confirmLarge: ((paragraphs: number, characters: number) => Promise<boolean>) | null;
}

/** Puts the pasted paragraphs at the selection of the view's state as it is now. */
function insert(view: EditorView, paragraphs: PastedParagraph[]): void {
  const { schema, tr } = view.state;
  const $from = tr.selection.$from;
  const intoEmpty = tr.selection.empty && $from.parent.content.size === 0 && $from.depth === 1;
  if (paragraphs.length === 1) {
    // One paragraph is text dropped into the current one; into an empty paragraph
    // it also brings its kind ("8." pasted into a blank line makes it operative).
    if (intoEmpty && paragraphs[0].kind !== $from.parent.type.name) {
      tr.setNodeMarkup($from.before(), schema.nodes[paragraphs[0].kind], $from.parent.attrs);
    }
    tr.replaceSelection(new Slice(Fragment.from(inline(schema, paragraphs[0])), 0, 0));
  } else if (intoEmpty) {
    // Replace the blank paragraph; the first pasted one keeps its id.
    const nodes = paragraphs.map((p, i) =>
      schema.nodes[p.kind].create({ id: i === 0 ? $from.parent.attrs.id : null }, inline(schema, p)),
    );
    tr.replaceWith($from.before(), $from.after(), nodes);
  } else {
    // Open on both sides: the first pasted paragraph continues the one at the cursor
    // and the text after the cursor ends the last one, as in any word processor.
    const nodes = paragraphs.map((p) => schema.nodes[p.kind].create({ id: null }, inline(schema, p)));
    tr.replaceSelection(new Slice(Fragment.from(nodes), 1, 1));
  }
  view.dispatch(tr.scrollIntoView().setMeta('paste', true).setMeta('uiEvent', 'paste'));
}

export const ResolutionPaste = Extension.create<ResolutionPasteOptions>({
  name: 'resolutionPaste',
  addOptions: () => ({ confirmLarge: null }),
  addProseMirrorPlugins() {
    const confirmLarge = this.options.confirmLarge;
    return [
      new Plugin({
        key: new PluginKey('resolutionPaste'),
        props: {
          handlePaste: (view, event) => {
            const data = event.clipboardData;
            if (!data) return false;
            const html = data.getData('text/html');
            if (isResolutionEditorHtml(html)) return false;
            const contextKind = kindAtSelection(view.state) ?? 'preambular';
            const paragraphs = pastedParagraphs({ html, text: data.getData('text/plain') }, contextKind);
            if (!paragraphs.length) return false;
            const characters = pastedLength(paragraphs);
            if (confirmLarge && characters > PAGE_OF_TEXT) {
              // Asked in the app's dialog; the text goes in where the selection is then.
              void confirmLarge(paragraphs.length, characters).then((yes) => {
                if (yes && !view.isDestroyed) insert(view, paragraphs);
              });
              return true;
            }
            insert(view, paragraphs);
            return true;
          },
        },
      }),
    ];
  },
});
