import { z } from 'zod';
import { freeText } from '@/lib/text/free-text';
import { listWithYouCan, type Operation } from '../_lib/openapi';

export const tokenBody = z.strictObject({ name: freeText().trim().min(1).max(100) });
export const tokenParams = z.object({ tokenId: z.uuid() });

export const tokenOperations: Operation[] = [
  {
    method: 'get',
    path: '/tokens',
    summary: 'Your API tokens (never the tokens themselves)',
    tag: 'account',
    response: listWithYouCan('tokens', { revoke: 'revoke it' }),
  },
  {
    method: 'post',
    path: '/tokens',
    summary: 'Create an API token; the response holds it once',
    tag: 'account',
    body: tokenBody,
  },
  {
    method: 'delete',
    path: '/tokens/{tokenId}',
    summary: 'Revoke one of your API tokens',
    tag: 'account',
    params: tokenParams,
  },
];
