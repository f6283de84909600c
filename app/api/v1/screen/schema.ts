import { z } from 'zod';
import { freeText } from '@/lib/text/free-text';
import type { Operation } from '../_lib/openapi';
import { resolutionParams } from '../resolutions/schema';

/** What the chair or the secretariat puts on the room's screen (see lib/screen/content.ts). */
export const screenContentBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('blank') }),
  z.strictObject({ kind: z.literal('paragraph'), paragraphId: freeText().min(1).max(100) }),
  z.strictObject({ kind: z.literal('amendment'), amendmentId: z.uuid() }),
  z.strictObject({ kind: z.literal('voting-order') }),
  z.strictObject({ kind: z.literal('vote'), voteId: z.uuid() }),
  z.strictObject({ kind: z.literal('adopted-text') }),
]);

const screenState = z.object({ content: screenContentBody, setAt: z.string() });

export const screenOperations: Operation[] = [
  {
    method: 'get',
    path: '/resolutions/{id}/screen',
    summary: "What the room's screen shows now",
    tag: 'screen',
    params: resolutionParams,
    response: screenState,
    allowed: 'everyone with a role in the committee',
  },
  {
    method: 'put',
    path: '/resolutions/{id}/screen',
    summary: "Put a paragraph, an amendment, the voting order, a vote or the adopted text on the room's screen",
    tag: 'screen',
    params: resolutionParams,
    body: screenContentBody,
    response: screenState,
    allowed: 'chair, secretariat',
  },
];
