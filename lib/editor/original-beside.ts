import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/**
 * In a language version's live editor, the original's words above each paragraph being
 * translated: a translator reads the source where they type, not in a table further down.
 * They are widget decorations between the paragraphs, not text: nobody can type into,
 * select or delete them, and the version's document never holds them.
 *
 * The page hands the originals in (and again after a refresh, when the original changed)
 * with a transaction whose meta is `{ originals }` under `originalBesideKey`.
 */

export interface OriginalParagraph {
  /** The paragraph's id, the same in the original and in every version. */
  id: string;
  text: string;
  /** Whether the version's wording still needs (re)translating: such originals stand out. */
  needsWork: boolean;
}

export interface OriginalBesideWords {
  /** Read before each original by screen readers, e.g. "Original (en):". */
  prefix: string;
  /** The original's language code, for spelling and speech. */
  language: string;
  direction: 'ltr' | 'rtl';
}

interface State {
  originals: Map<string, OriginalParagraph>;
  decorations: DecorationSet;
}

export const originalBesideKey = new PluginKey<State>('originalBeside');

function originalWidget(p: OriginalParagraph, words: OriginalBesideWords): HTMLElement {
  const box = document.createElement('div');
  box.className = p.needsWork ? 'original-beside needs-work' : 'original-beside';
  box.contentEditable = 'false';
  box.setAttribute('data-testid', 'original-beside');
  box.setAttribute('data-id', p.id);
  box.lang = words.language;
  box.dir = words.direction;
  const prefix = document.createElement('span');
  prefix.className = 'sr-only';
  prefix.textContent = `${words.prefix} `;
  box.append(prefix, document.createTextNode(p.text));
  return box;
}

function decorate(doc: PmNode, originals: Map<string, OriginalParagraph>, words: OriginalBesideWords): DecorationSet {
  if (originals.size === 0) return DecorationSet.empty;
  const widgets: Decoration[] = [];
  doc.forEach((node, pos) => {
    const original = typeof node.attrs.id === 'string' ? originals.get(node.attrs.id) : undefined;
    if (!original) return;
    widgets.push(
      Decoration.widget(pos, () => originalWidget(original, words), {
        side: -1,
        ignoreSelection: true,
        // Redrawn only when the original's words or status change.
        key: `${original.id}:${original.needsWork ? 1 : 0}:${original.text}`,
      }),
    );
  });
  return DecorationSet.create(doc, widgets);
}

export const OriginalBeside = Extension.create<OriginalBesideWords>({
  name: 'originalBeside',
  addOptions() {
    return { prefix: 'Original:', language: 'en', direction: 'ltr' };
  },
  addProseMirrorPlugins() {
    const words = this.options;
    return [
      new Plugin<State>({
        key: originalBesideKey,
        state: {
          init: () => ({ originals: new Map(), decorations: DecorationSet.empty }),
          apply: (tr, old) => {
            const given = tr.getMeta(originalBesideKey) as { originals: OriginalParagraph[] } | undefined;
            if (given) {
              const originals = new Map(given.originals.map((p) => [p.id, p]));
              return { originals, decorations: decorate(tr.doc, originals, words) };
            }
            // Paragraphs only move when the original's structure does; positions are
            // recomputed on any change (a few hundred paragraphs at most).
            return tr.docChanged ? { ...old, decorations: decorate(tr.doc, old.originals, words) } : old;
          },
        },
        props: {
          decorations: (state) => originalBesideKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
