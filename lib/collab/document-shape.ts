import { getSchema } from '@tiptap/core';
import { resolutionSchema, TEXT_FIELD, PARAGRAPH_NODE_TYPES } from '../editor/schema';
import { draftSchemaExtensions } from '../editor/draft-schema';
import { DRAFT_FIELD } from '../amendments/draft-text';

/**
 * What a collaborative document may hold, in the terms Yjs stores it (y-prosemirror's
 * mapping of the editor's schema): one root XmlFragment; in it, paragraph elements of the
 * listed node names with the listed attributes; in each, text nodes whose formatting keys
 * are the editor's marks. Nothing nests deeper. Derived from the editor's own schema, so a
 * node, attribute or mark added there is accepted here without a second list to keep.
 * Plain data: it is handed to the update guard's worker thread.
 */
export interface DocumentShape {
  /** Which document this is, for messages ("resolution", "draft amendment"). */
  name: string;
  /** The Y.XmlFragment holding the text; no other root may hold anything. */
  root: string;
  /** Paragraph node name → the attributes it may carry. */
  paragraphs: Record<string, string[]>;
  /** Formatting keys a text node may carry (the editor's marks). */
  marks: string[];
  /** Characters a paragraph may hold. */
  maxParagraphChars: number;
}

export interface ShapeLimits {
  maxParagraphChars: number;
}

type PmSchema = ReturnType<typeof getSchema>;

function paragraphsOf(schema: PmSchema, names: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of names) out[name] = Object.keys(schema.nodes[name]?.spec.attrs ?? {});
  return out;
}

/** A resolution's text: preambular, operative, sub- and sub-sub-paragraphs with an id; bold and italic. */
export function resolutionShape(limits: ShapeLimits): DocumentShape {
  const schema = resolutionSchema();
  return {
    name: 'resolution',
    root: TEXT_FIELD,
    paragraphs: paragraphsOf(schema, PARAGRAPH_NODE_TYPES),
    marks: Object.keys(schema.marks),
    maxParagraphChars: limits.maxParagraphChars,
  };
}

let draftSchema: PmSchema | undefined;
/** A draft amendment's wording: paragraphs of plain text (the editor makes one). */
export function draftShape(limits: ShapeLimits): DocumentShape {
  draftSchema ??= getSchema(draftSchemaExtensions);
  const blocks = Object.values(draftSchema.nodes)
    .filter((type) => type.isBlock && type.name !== draftSchema!.topNodeType.name)
    .map((type) => type.name);
  return {
    name: 'draft amendment',
    root: DRAFT_FIELD,
    paragraphs: paragraphsOf(draftSchema, blocks),
    marks: Object.keys(draftSchema.marks),
    maxParagraphChars: limits.maxParagraphChars,
  };
}
