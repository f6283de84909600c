import { resolutionForUser } from '@/db/queries/resolutions';
import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams } from '../../../resolutions/schema';
import { compilationQuery, draftBody } from '../../../amendments/schema';
import { loadCompilation } from '@/usecases/reads/amendments';

export const GET = endpoint(
  { params: resolutionParams, query: compilationQuery },
  async ({ db, user, params, query }) => {
    const { resolution, access } = await resolutionForUser(db, user.id, params.id);
    const { amendments: compiled, votingOrder } = await loadCompilation(
      db,
      resolution,
      access.actor,
      { status: query.status as never, delegationId: query.delegation, paragraphId: query.paragraph },
      { language: query.lang },
    );
    return {
      resolutionId: resolution.id,
      stage: resolution.stage,
      tablingDeadline: resolution.tablingDeadline,
      amendments: compiled,
      votingOrder,
    };
  },
);

export const POST = endpoint({ params: resolutionParams, body: draftBody }, async (ctx) => {
  const amendment = await act(amendments.draft, ctx, { ...ctx.body, resolutionId: ctx.params.id });
  return Response.json({ id: amendment.id, status: amendment.status, kind: amendment.kind }, { status: 201 });
});
