import * as roster from '@/usecases/roster';
import { act } from '../../../_lib/act';
import { committeeForUser, listDelegations } from '@/db/queries/committees';
import { endpoint } from '../../../_lib/endpoint';
import { committeeParams, delegationBody } from '../../schema';

export const GET = endpoint({ params: committeeParams }, async ({ db, user, params }) => {
  const { committee } = await committeeForUser(db, user.id, params.committee);
  return { delegations: await listDelegations(db, committee.id) };
});

export const POST = endpoint({ params: committeeParams, body: delegationBody }, async (ctx) => {
  const { delegation } = await act(roster.addDelegation, ctx, { ...ctx.body, committee: ctx.params.committee });
  return delegation;
});
