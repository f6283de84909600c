import { tableAmendment as storeTabling } from '../../db/commands/amendment-tabler';
import { authorize, defineUseCase } from '../kernel/use-case';
import { readNumberedParagraphs } from '../kernel/text-store';
import { amendmentActing } from './access';

/**
 * Tabling: the draft becomes the committee's business. It gets the next number (A/3) and
 * is fixed against the text as it reads now; the tabling deadline and the stage are
 * checked (lib/permissions.ts STAGE_RULES, db/commands/amendment-tabler.ts).
 *
 * Its event, "amendment.tabled", is what turns open draft editors read-only
 * (server/events/collab-access.ts) and refreshes every open page (server/events/procedure-stream.ts).
 */
export const tableAmendment = defineUseCase(
  'amendment.table',
  async ({ db, text }, actor, input: { amendmentId: string }) => {
    const { access, subject, scope } = await amendmentActing(db, actor, input.amendmentId);
    authorize(
      access.actor,
      'amendment:table',
      subject,
      'Only the sponsoring or a co-sponsoring delegation (or the secretariat) may table this amendment.',
    );
    const tabled = await storeTabling(db, {
      ...scope,
      paragraphs: await readNumberedParagraphs(text, scope.resolutionId),
    });
    return {
      result: tabled,
      events: [
        {
          type: 'amendment.tabled',
          resolutionId: scope.resolutionId,
          data: { amendmentId: tabled.id, number: tabled.number },
        },
      ],
    };
  },
);
