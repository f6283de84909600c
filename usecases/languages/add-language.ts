import { addLanguageVersion, updateLanguageVersion, type VersionFrame } from '../../db/commands/language-versions';
import { badRequest } from '../../lib/errors';
import { normaliseLanguageCode } from '../../lib/languages/codes';
import { authorize, defineUseCase, userIdOf } from '../kernel/use-case';
import { languageActing, versionOf } from './context';

/** The chair or the secretariat adds a language version (every paragraph missing at first). */
export const addLanguage = defineUseCase(
  'language.add',
  async ({ db }, actor, input: { resolutionId: string; language: string } & VersionFrame) => {
    const actorId = userIdOf(actor);
    const { resolution, access } = await languageActing(db, actorId, input.resolutionId);
    authorize(
      access.actor,
      'language:add',
      { stage: access.stage },
      'The chair or the secretariat adds language versions.',
    );
    const language = normaliseLanguageCode(input.language);
    if (!language) throw badRequest('language', `"${input.language}" is not a language code such as "fr" or "ar".`);
    if (language === resolution.language)
      throw badRequest('language', `"${language}" is already the resolution's original language.`);
    const { resolutionId, language: _, ...frame } = input;
    const version = await addLanguageVersion(
      db,
      { committeeId: access.committeeId, resolutionId, language, actorId },
      frame,
    );
    return {
      result: version,
      events: [{ type: 'language.added' as const, resolutionId, data: { language } }],
    };
  },
);

/**
 * Changes a version's frame (title, the body's name, the enacting formula in that language:
 * the translators' work) or whether it is official (the chair's or secretariat's call).
 */
export const updateLanguage = defineUseCase(
  'language.update',
  async ({ db }, actor, input: { resolutionId: string; language: string } & VersionFrame) => {
    const actorId = userIdOf(actor);
    const { resolution, access } = await languageActing(db, actorId, input.resolutionId);
    const { resolutionId, language, ...frame } = input;
    await versionOf(db, resolution, language);
    if (frame.official !== undefined)
      authorize(
        access.actor,
        'language:add',
        { stage: access.stage },
        'The chair or the secretariat decides which versions are official.',
      );
    if (frame.title !== undefined || frame.sessionLabel !== undefined || frame.enactingFormula !== undefined)
      authorize(
        access.actor,
        'language:edit',
        { stage: access.stage },
        'The secretariat and translators edit language versions.',
      );
    const version = await updateLanguageVersion(
      db,
      { committeeId: access.committeeId, resolutionId, language, actorId },
      frame,
    );
    return {
      result: version,
      events: [{ type: 'language.changed' as const, resolutionId, data: { language } }],
    };
  },
);
