import { Node, mergeAttributes, type Extensions } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Text from '@tiptap/extension-text';

/**
 * The schema of an amendment's wording: exactly one paragraph of plain text, since an
 * amendment proposes the wording of one paragraph (lib/amendments/draft-text.ts reads the
 * same shape on the server). No marks: the proposed text is stored as plain text.
 */
export const DraftParagraph = Node.create({
  name: 'paragraph',
  group: 'block',
  content: 'text*',
  parseHTML: () => [{ tag: 'p' }],
  renderHTML: ({ HTMLAttributes }) => ['p', mergeAttributes(HTMLAttributes, { class: 'draft-paragraph' }), 0],
});

export const DraftDocument = Document.extend({ content: 'paragraph' });

export const draftSchemaExtensions: Extensions = [DraftDocument, Text, DraftParagraph];
