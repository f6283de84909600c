import { and, eq } from 'drizzle-orm';
import { delegations } from '@/db/schema';
import { importResolution } from '@/db/commands/resolution-importer';
import { addLanguageVersion, storeParagraphWordings } from '@/db/commands/language-versions';
import { recordReservation } from '@/db/commands/reservation-recorder';
import { loadDocState } from '@/db/queries/doc-state';
import { confirmWording } from '@/lib/languages/alignment';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { iransAmendment } from './amendments';
import { unique, type Cases, type Ctx } from './types';

/**
 * Language versions (issue 16). Every call builds its own resolution with a French version
 * (and a wording, a reservation of Iran's, or a tabled amendment where the case needs one).
 */
const DRAFT =
  'The Assembly,\n\nRecalling its earlier work,\n\n  1. Decides to act;\n\n  2. Invites parliaments to report.\n';
const everyone = ['chair', 'secretariat', 'member', 'observer', 'translator'] as const;
const translators = ['secretariat', 'translator'] as const;

async function withFrench(c: Ctx) {
  const actorId = c.userIds['chair@example.org'];
  const { resolution } = await importResolution(c.db, {
    committeeId: c.committeeId,
    actorId,
    text: DRAFT,
    title: unique('Bilingual'),
  });
  const paragraphs = decodeParagraphs((await loadDocState(c.db, resolution.id)).update);
  const scope = { committeeId: c.committeeId, resolutionId: resolution.id, language: 'fr', actorId };
  await addLanguageVersion(c.db, scope, { official: true });
  const op1 = paragraphs.find((p) => p.kind === 'operative')!;
  await storeParagraphWordings(c.db, scope, [confirmWording(op1.id, 'Décide d’agir;', op1.text)]);
  return { id: resolution.id, op1 };
}

/** Language codes reserved for local use (qaa–qtz): a fresh one for each version added. */
let next = 0;
const freshCode = () => `q${String.fromCharCode(97 + Math.floor(next / 26))}${String.fromCharCode(97 + (next++ % 26))}`;

export const languageCases: Cases = {
  'get /resolutions/{id}/languages': {
    allowed: [...everyone],
    call: async (c) => ({ params: { id: (await withFrench(c)).id } }),
  },
  'post /resolutions/{id}/languages': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => ({ params: { id: c.resolutionId }, body: { language: freshCode(), official: true } }),
  },
  'get /resolutions/{id}/languages/{language}': {
    allowed: [...everyone],
    call: async (c) => ({ params: { id: (await withFrench(c)).id, language: 'fr' } }),
  },
  'patch /resolutions/{id}/languages/{language}': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => ({ params: { id: (await withFrench(c)).id, language: 'fr' }, body: { official: false } }),
  },
  'put /resolutions/{id}/languages/{language}/paragraphs/{paragraphId}': {
    allowed: [...translators],
    call: async (c) => {
      const { id, op1 } = await withFrench(c);
      return { params: { id, language: 'fr', paragraphId: op1.id }, body: { text: 'Décide d’agir sans tarder;' } };
    },
  },
  'post /resolutions/{id}/languages/{language}/paragraphs/{paragraphId}/confirm': {
    allowed: [...translators],
    call: async (c) => {
      const { id, op1 } = await withFrench(c);
      return { params: { id, language: 'fr', paragraphId: op1.id } };
    },
  },
  'post /resolutions/{id}/languages/{language}/import': {
    allowed: [...translators],
    call: async (c) => ({
      params: { id: (await withFrench(c)).id, language: 'fr' },
      body: { text: 'Rappelant ses travaux,\n\n1. Décide d’agir;\n\n2. Invite les parlements à faire rapport.' },
    }),
  },
  'put /resolutions/{id}/reservations/{reservationId}/translations/{language}': {
    // The delegation that made the statement gives its own words too.
    allowed: ['secretariat', 'translator', 'member'],
    call: async (c) => {
      const { id, op1 } = await withFrench(c);
      const [iran] = await c.db
        .select({ id: delegations.id })
        .from(delegations)
        .where(and(eq(delegations.committeeId, c.committeeId), eq(delegations.name, 'Iran (Islamic Rep. of)')));
      const reservation = await recordReservation(c.db, {
        resolutionId: id,
        delegationId: iran.id,
        paragraphId: op1.id,
        kind: 'reservation',
        text: 'in relation to acting.',
        actorId: c.userIds['iran@example.org'],
        paragraphIds: [op1.id],
      });
      return {
        params: { id, reservationId: reservation.id, language: 'fr' },
        body: { text: 'en ce qui concerne l’action.', delegationName: 'l’Iran (République islamique d’)' },
      };
    },
  },
  'put /amendments/{amendmentId}/translations/{language}': {
    allowed: [...translators],
    call: async (c) => {
      const { resolutionId, amendmentId } = await iransAmendment(c, 'tabled');
      await addLanguageVersion(
        c.db,
        { committeeId: c.committeeId, resolutionId, language: 'fr', actorId: c.userIds['chair@example.org'] },
        {},
      );
      return { params: { amendmentId, language: 'fr' }, body: { proposedText: 'Décide d’agir immédiatement;' } };
    },
  },
};
