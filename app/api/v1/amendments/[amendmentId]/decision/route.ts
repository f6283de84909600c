import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { amendmentParams, decisionBody } from '../../schema';

export const POST = endpoint({ params: amendmentParams, body: decisionBody }, async (ctx) => {
  const result = await act(amendments.decide, ctx, { amendmentId: ctx.params.amendmentId, ...ctx.body });
  return Response.json(
    {
      id: result.amendment.id,
      number: result.amendment.number,
      status: result.amendment.status,
      fallen: result.fallen,
      rebased: result.rebased,
      textChanged: result.paragraphs !== null,
    },
    { status: 201 },
  );
});
