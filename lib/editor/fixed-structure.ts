import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * A language version's structure comes only from the original (its room puts back any
 * paragraph a client adds, removes or re-kinds), so the version's editor never makes such a
 * change: Enter does not split, Backspace and Delete at a paragraph's edge do not join, a
 * paste goes in as words of the current paragraph. Changes from the room itself (the
 * original's structure reaching the version) pass.
 */
const key = new PluginKey('fixedStructure');

/** The paragraphs' kinds and ids, in order: what only the original may change. */
export function structureOf(doc: PmNode): string {
  const parts: string[] = [];
  doc.forEach((node) => {
    parts.push(`${node.type.name}:${String(node.attrs.id ?? '')}`);
  });
  return parts.join('\n');
}

/** Pasted or dropped text, as words of one paragraph. */
export function asOneParagraph(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export const FixedStructure = Extension.create({
  name: 'fixedStructure',
  // Before the other keymaps: Enter must not reach the split command.
  priority: 1000,
  addKeyboardShortcuts() {
    const swallow = () => true;
    return { Enter: swallow, 'Shift-Enter': swallow, 'Mod-Enter': swallow, 'Alt-Enter': swallow };
  },
  addProseMirrorPlugins() {
    return [fixedStructurePlugin()];
  },
});

/** The plugin alone (no keymap): refuses every local change of structure, flattens pastes. */
export function fixedStructurePlugin(): Plugin {
  return new Plugin({
    key,
    filterTransaction: (tr, state) => {
      if (!tr.docChanged) return true;
      const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
      if (sync?.isChangeOrigin) return true;
      return structureOf(tr.doc) === structureOf(state.doc);
    },
    props: {
      handlePaste: (view, event) => {
        const text = asOneParagraph(event.clipboardData?.getData('text/plain') ?? '');
        if (text) view.dispatch(view.state.tr.insertText(text).scrollIntoView());
        return true;
      },
      handleDrop: () => true,
    },
  });
}
