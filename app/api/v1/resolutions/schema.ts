import { z } from 'zod';
import { freeText } from '@/lib/text/free-text';
import { PARAGRAPH_KINDS, STAGES } from '@/lib/resolution/types';
import { committeeParams } from '../committees/schema';
import { listWithYouCan, type Operation } from '../_lib/openapi';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export const resolutionParams = z.object({ id: z.uuid().meta({ description: 'Resolution id' }) });

const importSource = {
  text: freeText().max(MAX_IMPORT_BYTES, `The text is longer than the limit of 2 MB.`).optional(),
  file: z
    .strictObject({
      name: freeText()
        .max(255)
        .regex(/\.(txt|docx)$/i, 'Only .txt and .docx files can be imported.'),
      contentBase64: z
        .string()
        .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8, 'The file is larger than the limit of 2 MB.'),
    })
    .optional(),
};

export const importPreviewBody = z
  .strictObject(importSource)
  .refine((b) => (b.text === undefined) !== (b.file === undefined), 'Give either text or file.');

export const createResolutionBody = z
  .strictObject({
    title: freeText().trim().min(3).max(300).optional(),
    ...importSource,
    asAdopted: z.boolean().optional().meta({
      description:
        'Record the adoption, the statements (on the exact paragraph or sub-paragraph named) and the footnotes as printed (archiving an adopted text).',
    }),
    createDelegations: z.boolean().optional().meta({
      description:
        'With asAdopted: create the delegations the footnotes name that the committee lacks. Without it such an import is refused (422) naming them.',
    }),
  })
  .refine((b) => !(b.text !== undefined && b.file !== undefined), 'Give text or file, not both.')
  .refine((b) => b.text !== undefined || b.file !== undefined || b.title !== undefined, 'A blank draft needs a title.');

export const stageBody = z.strictObject({ to: z.enum(STAGES) });

export const versionParams = resolutionParams.extend({ versionId: z.uuid() });
export const versionBody = z.strictObject({ name: freeText().trim().min(1).max(200) });
import { compareVersionsQuery } from '@/usecases/reads/version-comparison';
export { compareVersionsQuery };

export const exportQuery = z.object({
  format: z.enum(['text', 'html', 'pdf', 'docx', 'akn']).default('text').meta({
    description:
      'text: the draft, or the published text once adopted; html, pdf, docx, akn (Akoma Ntoso 3.0 XML): the published text, once adopted',
  }),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/)
    .optional()
    .meta({
      description: 'A language version ("fr"): the published text in that language, with its own heading and footnotes',
    }),
});

export const textQuery = z.object({
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/)
    .optional()
    .meta({ description: 'A language version: each paragraph in its words, with translationStatus' }),
});

const paragraph = z.object({
  id: z.string(),
  kind: z.enum(PARAGRAPH_KINDS),
  label: z.string().meta({ example: 'OP 8' }),
  printedNumber: z.string(),
  text: z.string(),
});
export const textResponse = z.object({ resolutionId: z.string(), paragraphs: z.array(paragraph) });

export const resolutionOperations: Operation[] = [
  {
    method: 'get',
    path: '/committees/{committee}/resolutions',
    summary: "A committee's resolutions",
    tag: 'resolutions',
    params: committeeParams,
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/committees/{committee}/resolutions',
    summary: 'Create a resolution: blank (title only) or by import (text, or a .txt/.docx file as base64)',
    tag: 'resolutions',
    params: committeeParams,
    body: createResolutionBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'post',
    path: '/committees/{committee}/imports/preview',
    summary: 'Parse a text or file and show its structure without saving; errors name lines',
    tag: 'resolutions',
    params: committeeParams,
    body: importPreviewBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'get',
    path: '/resolutions/{id}',
    summary: 'A resolution: metadata, stage and numbered text',
    tag: 'resolutions',
    params: resolutionParams,
    allowed: 'any role in its committee',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/text',
    summary:
      'The structured text: paragraphs with stable ids and computed numbers, read from the live document (?lang=fr: a language version, each paragraph with translationStatus)',
    tag: 'resolutions',
    params: resolutionParams,
    query: textQuery,
    response: textResponse,
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/resolutions/{id}/stage',
    summary: 'Move to another stage (a version is kept automatically)',
    tag: 'resolutions',
    params: resolutionParams,
    body: stageBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/versions',
    summary: 'Named versions with author and time',
    tag: 'versions',
    params: resolutionParams,
    allowed: 'any role',
    response: listWithYouCan('versions', { restore: 'make it the current text again (presiding officers)' }),
  },
  {
    method: 'post',
    path: '/resolutions/{id}/versions',
    summary: 'Keep the current text as a named version',
    tag: 'versions',
    params: resolutionParams,
    body: versionBody,
    allowed: 'chair, secretariat, members',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/versions/{versionId}',
    summary: 'One version: its numbered paragraphs',
    tag: 'versions',
    params: versionParams,
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/resolutions/{id}/versions/{versionId}/restore',
    summary:
      'Make this version the current text again: one change that open editors see live, the text before kept as a version, recorded in the audit',
    tag: 'versions',
    params: versionParams,
    allowed: 'chair, secretariat (until adoption)',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/versions/compare',
    summary: 'Compare two versions (or a version and the current text) as a paragraph-aware redline',
    tag: 'versions',
    params: resolutionParams,
    query: compareVersionsQuery,
    allowed: 'any role',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/events',
    summary: 'Server-Sent Events: tabling, decisions, votes, stage and adoption as they happen',
    tag: 'resolutions',
    params: resolutionParams,
    produces: 'text/event-stream',
    allowed: 'any role',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/export',
    summary:
      'Export the text: draft as plain text; once adopted, the published text as text, HTML, PDF, DOCX or Akoma Ntoso XML',
    tag: 'resolutions',
    params: resolutionParams,
    query: exportQuery,
    produces: 'text/plain',
    allowed: 'any role',
  },
];
