import { Node, mergeAttributes, getSchema, type Extensions } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Text from '@tiptap/extension-text';
import Bold from '@tiptap/extension-bold';
import Italic from '@tiptap/extension-italic';
import { PARAGRAPH_KINDS, type ParagraphKind } from '../resolution/types';

/**
 * The resolution schema, shared by the browser editor and the server (import, API reads,
 * exports), so both sides read the same Yjs document the same way.
 *
 * The document is a flat list of paragraph nodes; numbering comes from position and is
 * drawn by CSS counters in the editor, so nobody can type a number into the text.
 */

/** The Y.XmlFragment of the resolution's Y.Doc that holds the text. */
export const TEXT_FIELD = 'resolution';

function paragraphNode(kind: ParagraphKind, className: string) {
  return Node.create({
    name: kind,
    group: 'block',
    content: 'inline*',
    defining: true,
    addAttributes() {
      return {
        id: {
          default: null,
          parseHTML: (el: HTMLElement) => el.getAttribute('data-id'),
          renderHTML: (attrs: { id?: string | null }) => (attrs.id ? { 'data-id': attrs.id } : {}),
        },
      };
    },
    parseHTML() {
      return [{ tag: `p[data-kind="${kind}"]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return ['p', mergeAttributes(HTMLAttributes, { 'data-kind': kind, class: className }), 0];
    },
  });
}

export const Preambular = paragraphNode('preambular', 'para para-pp');
export const Operative = paragraphNode('operative', 'para para-op');
export const Subparagraph = paragraphNode('subparagraph', 'para para-sub');
export const Subsubparagraph = paragraphNode('subsubparagraph', 'para para-sub para-subsub');

export const ResolutionDocument = Document.extend({
  content: '(preambular | operative | subparagraph | subsubparagraph)+',
});

/** Extensions that define the stored shape; the browser adds collaboration and UI ones. */
export const resolutionSchemaExtensions: Extensions = [
  ResolutionDocument,
  Text,
  Bold,
  Italic,
  Preambular,
  Operative,
  Subparagraph,
  Subsubparagraph,
];

export const PARAGRAPH_NODE_TYPES: readonly ParagraphKind[] = PARAGRAPH_KINDS;

let cached: ReturnType<typeof getSchema> | undefined;
/** The ProseMirror schema of a resolution. */
export function resolutionSchema() {
  cached ??= getSchema(resolutionSchemaExtensions);
  return cached;
}
