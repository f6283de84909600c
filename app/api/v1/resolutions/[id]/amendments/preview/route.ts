import { resolutionForUser } from '@/db/queries/resolutions';
import { previewAsAmended } from '@/lib/amendments/apply';
import { numberParagraphs } from '@/lib/resolution/numbering';
import { DomainError } from '@/lib/errors';
import { endpoint } from '../../../../_lib/endpoint';
import { resolutionParams } from '../../../../resolutions/schema';
import { presentParagraph } from '@/usecases/reads/resolutions';
import { previewQuery } from '../../../../amendments/schema';
import { loadCompilation } from '@/usecases/reads/amendments';

/** "Preview as amended": nothing is stored; the text as it would read after these. */
export const GET = endpoint({ params: resolutionParams, query: previewQuery }, async ({ db, user, params, query }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const { all, paragraphs } = await loadCompilation(db, resolution, access.actor);
  const chosen = query.ids.map((id) => all.find((a) => a.id === id));
  const missing = query.ids.filter((_, i) => !chosen[i]);
  if (missing.length) {
    throw new DomainError(
      'not_found:amendment',
      `No amendment ${missing.join(', ')} in this resolution.`,
      missing.map((id) => ({ path: 'query.ids', message: `unknown amendment ${id}` })),
    );
  }
  const preview = previewAsAmended(
    paragraphs,
    chosen.map((a) => ({ ...a!, status: 'tabled' as const })),
  );
  const numbers = new Map(all.map((a) => [a.id, a.number]));
  return {
    resolutionId: resolution.id,
    paragraphs: numberParagraphs(preview.paragraphs).map(presentParagraph),
    applied: preview.applied.map((id) => ({ id, number: numbers.get(id) ?? null })),
    skipped: preview.skipped.map((s) => ({
      id: s.amendmentId,
      number: numbers.get(s.amendmentId) ?? null,
      reason: s.reason,
    })),
  };
});
