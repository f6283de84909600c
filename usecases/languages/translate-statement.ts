import { storeAmendmentTranslation, storeReservationTranslation } from '../../db/commands/language-versions';
import { getReservation } from '../../db/queries/reservations';
import { findAmendment } from '../../db/queries/amendments';
import { conflict, notFound } from '../../lib/errors';
import { confirmWording, translationStatus } from '../../lib/languages/alignment';
import type { TranslationStatus } from '../../lib/languages/types';
import { authorize, defineUseCase, userIdOf, type Outcome } from '../kernel/use-case';
import { languageActing, refuseIfPublishedOfficial, versionOf } from './context';

/**
 * A statement's words in a language version: the delegation's own or the secretariat's
 * translation, with the delegation's name as that language writes it. Same status logic
 * as paragraphs: it needs translation again when the statement's original words change.
 */
export const translateReservation = defineUseCase(
  'language.translate-statement',
  async (
    { db },
    actor,
    input: { resolutionId: string; reservationId: string; language: string; text: string; delegationName?: string },
  ): Promise<Outcome<{ reservationId: string; language: string; status: TranslationStatus }>> => {
    const actorId = userIdOf(actor);
    const { resolution, access } = await languageActing(db, actorId, input.resolutionId);
    const reservation = await getReservation(db, resolution.id, input.reservationId);
    // The delegation that made the statement may give its own words, as it gave the original.
    const ownDelegation = access.actor.role === 'member' && access.actor.delegationId === reservation.delegationId;
    if (!ownDelegation)
      authorize(
        access.actor,
        'language:edit',
        { stage: access.stage },
        'The secretariat, translators and the delegation that made the statement translate it.',
      );
    const version = await versionOf(db, resolution, input.language);
    refuseIfPublishedOfficial(resolution, version);
    const written = confirmWording(reservation.id, input.text, reservation.text);
    await storeReservationTranslation(db, {
      reservationId: reservation.id,
      language: input.language,
      actorId,
      delegationName: input.delegationName?.trim() ?? '',
      text: written.text,
      confirmedHash: written.confirmedHash,
      confirmedText: written.confirmedText,
    });
    return {
      result: {
        reservationId: reservation.id,
        language: input.language,
        status: translationStatus(reservation.text, written),
      },
      events: [
        {
          type: 'language.changed' as const,
          resolutionId: resolution.id,
          data: { language: input.language, reservationId: reservation.id },
        },
      ],
    };
  },
);

/** An amendment's proposed text in a language, shown to readers of that language. */
export const translateAmendment = defineUseCase(
  'language.translate-amendment',
  async (
    { db },
    actor,
    input: { amendmentId: string; language: string; proposedText: string },
  ): Promise<Outcome<{ amendmentId: string; language: string; status: TranslationStatus }>> => {
    const actorId = userIdOf(actor);
    const amendment = await findAmendment(db, input.amendmentId);
    const { resolution, access } = await languageActing(db, actorId, amendment.resolutionId);
    // A draft is its sponsors' alone: it is translated once tabled.
    if (amendment.status === 'draft') throw notFound('amendment');
    authorize(
      access.actor,
      'language:edit',
      { stage: access.stage },
      'The secretariat and translators translate amendments.',
    );
    await versionOf(db, resolution, input.language);
    if (amendment.proposedText === '' && input.proposedText.trim() !== '')
      throw conflict(
        'amendment',
        'This amendment proposes no words (a deletion or a move): there is nothing to translate.',
      );
    const written = confirmWording(amendment.id, input.proposedText, amendment.proposedText);
    await storeAmendmentTranslation(db, {
      amendmentId: amendment.id,
      language: input.language,
      actorId,
      text: written.text,
      confirmedHash: written.confirmedHash,
      confirmedText: written.confirmedText,
    });
    return {
      result: {
        amendmentId: amendment.id,
        language: input.language,
        status: translationStatus(amendment.proposedText, written),
      },
      events: [
        {
          type: 'language.changed' as const,
          resolutionId: resolution.id,
          data: { language: input.language, amendmentId: amendment.id },
        },
      ],
    };
  },
);
