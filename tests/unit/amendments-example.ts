/**
 * Shared by the amendments-*.test.ts specifications: the 122nd IPU Assembly resolution as
 * published, and builders for amendments to it as a delegation would table them.
 */
import { readFileSync } from 'node:fs';
import { hashText } from '@/lib/amendments/hash';
import type { Amendment, AnchorPosition } from '@/lib/amendments/types';
import { numberParagraphs } from '@/lib/resolution/numbering';
import { parseResolutionText } from '@/lib/resolution/parse';
import type { Paragraph, ParagraphKind } from '@/lib/resolution/types';

const source = readFileSync(new URL('../../data/ipu-122nd-assembly-resolution.txt', import.meta.url), 'utf8');

/** A fresh copy of the resolution's paragraphs (ids differ per call, as after an import). */
export function exampleParagraphs(): Paragraph[] {
  const result = parseResolutionText(source);
  if (!result.ok) throw new Error(`the example does not parse: ${JSON.stringify(result.errors)}`);
  return result.resolution.paragraphs;
}

/** The paragraph labelled `label` ("OP 8", "PP 3"). */
export function paragraph(paragraphs: readonly Paragraph[], label: string): Paragraph {
  const found = numberParagraphs(paragraphs).find((p) => p.label === label);
  if (!found) throw new Error(`no ${label}`);
  return paragraphs.find((p) => p.id === found.id)!;
}

export const labels = (paragraphs: readonly Paragraph[]) => numberParagraphs(paragraphs).map((p) => p.label);

function tabled(number: string, fields: Partial<Amendment> & Pick<Amendment, 'kind'>): Amendment {
  const baseText = fields.baseText ?? '';
  return {
    id: `amendment-${number}`,
    number,
    targetParagraphId: null,
    anchorParagraphId: null,
    position: null,
    newKind: null,
    proposedText: '',
    baseText,
    baseHash: hashText(baseText),
    rationale: '',
    sponsorDelegationId: 'delegation-thailand',
    coSponsorDelegationIds: [],
    parentAmendmentId: null,
    status: 'tabled',
    statusReason: null,
    ...fields,
  };
}

export const modify = (number: string, target: Paragraph, proposedText: string, fields: Partial<Amendment> = {}) =>
  tabled(number, { kind: 'modify', targetParagraphId: target.id, baseText: target.text, proposedText, ...fields });

export const deletion = (number: string, target: Paragraph, fields: Partial<Amendment> = {}) =>
  tabled(number, { kind: 'delete', targetParagraphId: target.id, baseText: target.text, ...fields });

export const insertion = (
  number: string,
  anchor: Paragraph,
  position: AnchorPosition,
  newKind: ParagraphKind,
  proposedText: string,
) => tabled(number, { kind: 'insert', anchorParagraphId: anchor.id, position, newKind, proposedText });

export const move = (number: string, target: Paragraph, anchor: Paragraph, position: AnchorPosition) =>
  tabled(number, {
    kind: 'move',
    targetParagraphId: target.id,
    baseText: target.text,
    anchorParagraphId: anchor.id,
    position,
  });

export const subAmendment = (
  number: string,
  parent: Amendment,
  proposedText: string,
  fields: Partial<Amendment> = {},
) =>
  tabled(number, {
    kind: 'modify',
    targetParagraphId: parent.targetParagraphId,
    baseText: parent.proposedText,
    proposedText,
    parentAmendmentId: parent.id,
    ...fields,
  });

/** Sequential ids for new paragraphs, so tests can name them. */
export function idSequence(prefix = 'new'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** The three competing amendments to OP 8 used throughout. */
export function op8Amendments(paragraphs: readonly Paragraph[]) {
  const op8 = paragraph(paragraphs, 'OP 8');
  return {
    op8,
    /** A/1: delete operative paragraph 8. */
    deleteOp8: deletion('A/1', op8),
    /** A/2: "gender equality concerns" → "the rights of women and girls" (6 of 54 units). */
    replaceWords: modify('A/2', op8, op8.text.replace('gender equality concerns', 'the rights of women and girls')),
    /** A/3: a clause added at the end, before the semicolon (11 of 54 units). */
    addClause: modify(
      'A/3',
      op8,
      op8.text.replace(/;$/, ', including psychosocial support and safe shelter for victims of trafficking;'),
    ),
  };
}
