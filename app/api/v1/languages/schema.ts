import { z } from 'zod';
import { freeText } from '@/lib/text/free-text';
import type { Operation } from '../_lib/openapi';
import { resolutionParams } from '../resolutions/schema';

/** Language versions (issue 16): aligned with the original by paragraph id. */

/** A paragraph's wording may not be longer than a draft amendment's (collab limits alike). */
export const MAX_TRANSLATION_CHARS = 20_000;
const MAX_FILE_CHARS = 2 * 1024 * 1024;

export const languageCode = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'a language code such as "fr", "ar" or "pt-BR"')
  .meta({ example: 'fr' });

export const languageParams = resolutionParams.extend({ language: languageCode });
export const languageParagraphParams = languageParams.extend({
  paragraphId: freeText().min(1).max(100).meta({ description: "The original's stable paragraph id" }),
});
export const reservationTranslationParams = languageParams.extend({ reservationId: z.uuid() });
export const amendmentTranslationParams = z.object({ amendmentId: z.uuid(), language: languageCode });

const frame = {
  title: freeText().trim().max(500).optional().meta({ description: 'The title in this language' }),
  sessionLabel: freeText().trim().max(200).optional().meta({
    description: "The adopting body as this language's heading prints it",
    example: '122e Assemblée de l’UIP',
  }),
  enactingFormula: freeText()
    .trim()
    .max(1000)
    .optional()
    .meta({ example: 'La 122e Assemblée de l’Union interparlementaire,' }),
};

export const addLanguageBody = z.strictObject({
  language: freeText().trim().min(2).max(10).meta({ example: 'fr' }),
  official: z.boolean().default(false).meta({ description: 'Must be complete and up to date before publication' }),
  ...frame,
});
export const updateLanguageBody = z.strictObject({ official: z.boolean().optional(), ...frame });
export const paragraphTranslationBody = z.strictObject({ text: freeText().max(MAX_TRANSLATION_CHARS) });
export const importTranslationBody = z.strictObject({
  text: freeText()
    .min(1)
    .max(MAX_FILE_CHARS)
    .meta({ description: 'The translated text, paragraphs numbered as printed' }),
});
export const reservationTranslationBody = z.strictObject({
  text: freeText().max(MAX_TRANSLATION_CHARS),
  delegationName: freeText().trim().max(200).optional().meta({
    description: "The delegation's name as this language writes it",
    example: 'l’Iran (République islamique d’)',
  }),
});
export const amendmentTranslationBody = z.strictObject({ proposedText: freeText().max(MAX_TRANSLATION_CHARS) });

const status = z.enum(['missing', 'up_to_date', 'needs_translation']);
const counts = z.object({
  total: z.number(),
  upToDate: z.number(),
  needsTranslation: z.number(),
  missing: z.number(),
});
export const versionSummary = z.object({
  language: z.string(),
  official: z.boolean(),
  direction: z.enum(['ltr', 'rtl']),
  counts,
  summary: z.string().meta({ example: 'fr: 47 up to date, 3 need translation' }),
});
export const translatedParagraph = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  printedNumber: z.string(),
  text: z.string().meta({ description: "The version's wording ('' when missing)" }),
  originalText: z.string(),
  translationStatus: status,
  originalChange: z
    .string()
    .optional()
    .meta({ description: "The original's change since the wording was confirmed, as [-removed-][+added+]" }),
});

const allowedEdit = 'secretariat, translator';
export const languageOperations: Operation[] = [
  {
    method: 'get',
    path: '/resolutions/{id}/languages',
    summary: 'The language versions, each with its counts (up to date, needs translation, missing)',
    tag: 'languages',
    params: resolutionParams,
    response: z.object({ original: z.string(), versions: z.array(versionSummary) }),
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/resolutions/{id}/languages',
    summary: 'Add a language version (every paragraph missing at first)',
    tag: 'languages',
    params: resolutionParams,
    body: addLanguageBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/languages/{language}',
    summary: "One version: every paragraph of the original with the version's wording and status, and the statements",
    tag: 'languages',
    params: languageParams,
    allowed: 'any role',
  },
  {
    method: 'patch',
    path: '/resolutions/{id}/languages/{language}',
    summary:
      "A version's title, body and enacting formula (translators), or whether it is official (chair, secretariat)",
    tag: 'languages',
    params: languageParams,
    body: updateLanguageBody,
    allowed: 'chair, secretariat (official); secretariat, translator (wording)',
  },
  {
    method: 'put',
    path: '/resolutions/{id}/languages/{language}/paragraphs/{paragraphId}',
    summary: "A paragraph's wording in the version: up to date until the original paragraph changes",
    tag: 'languages',
    params: languageParagraphParams,
    body: paragraphTranslationBody,
    response: translatedParagraph,
    allowed: allowedEdit,
  },
  {
    method: 'post',
    path: '/resolutions/{id}/languages/{language}/paragraphs/{paragraphId}/confirm',
    summary:
      "Confirm a paragraph's wording as up to date without changing it (the original's change does not affect it)",
    tag: 'languages',
    params: languageParagraphParams,
    response: translatedParagraph,
    allowed: allowedEdit,
  },
  {
    method: 'post',
    path: '/resolutions/{id}/languages/{language}/import',
    summary: 'Import a translated text as the version, matched to the original by paragraph numbers',
    tag: 'languages',
    params: languageParams,
    body: importTranslationBody,
    allowed: allowedEdit,
  },
  {
    method: 'put',
    path: '/resolutions/{id}/reservations/{reservationId}/translations/{language}',
    summary: "A statement's words (and the delegation's name) in a language version",
    tag: 'languages',
    params: reservationTranslationParams,
    body: reservationTranslationBody,
    allowed: `${allowedEdit}, the delegation that made it`,
  },
  {
    method: 'put',
    path: '/amendments/{amendmentId}/translations/{language}',
    summary: "A tabled amendment's proposed text in a language version, shown to its readers",
    tag: 'languages',
    params: amendmentTranslationParams,
    body: amendmentTranslationBody,
    allowed: allowedEdit,
  },
];
