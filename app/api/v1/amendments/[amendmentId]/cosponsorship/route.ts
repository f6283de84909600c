import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { amendmentParams, coSponsorshipAnswerBody } from '../../schema';

/** A member answers their delegation's invitation to co-sponsor: listed once accepted, gone once declined. */
export const POST = endpoint({ params: amendmentParams, body: coSponsorshipAnswerBody }, async (ctx) => {
  const { amendment, delegationId } = await act(amendments.answerCoSponsorship, ctx, {
    amendmentId: ctx.params.amendmentId,
    accept: ctx.body.answer === 'accept',
  });
  return Response.json(
    {
      id: amendment.id,
      delegationId,
      answer: ctx.body.answer,
      coSponsorDelegationIds: amendment.coSponsorDelegationIds,
    },
    { status: 201 },
  );
});
