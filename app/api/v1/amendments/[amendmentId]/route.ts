import * as amendments from '@/usecases/amendments';
import { amendmentActing } from '@/usecases/amendments/access';
import { userActor } from '@/usecases/kernel/actor';
import { endpoint } from '../../_lib/endpoint';
import { act } from '../../_lib/act';
import { amendmentParams, updateDraftBody } from '../schema';
import { loadCompilation, presentHistory } from '@/usecases/reads/amendments';

export const GET = endpoint({ params: amendmentParams }, async ({ db, user, params }) => {
  const { amendment, resolution, access } = await amendmentActing(db, userActor(user.id), params.amendmentId);
  const { amendments: compiled } = await loadCompilation(db, resolution, access.actor);
  const presented = compiled.find((a) => a.id === amendment.id)!;
  return { ...presented, history: await presentHistory(db, amendment.id) };
});

export const PATCH = endpoint({ params: amendmentParams, body: updateDraftBody }, async (ctx) => {
  const updated = await act(amendments.edit, ctx, { amendmentId: ctx.params.amendmentId, ...ctx.body });
  return { id: updated.id, status: updated.status, proposedText: updated.proposedText, rationale: updated.rationale };
});
