import type { Operation } from '../_lib/openapi';

export const sessionOperations: Operation[] = [
  {
    method: 'get',
    path: '/sessions',
    summary: 'Your signed-in browsers (live sessions): how each signed in, when, until when',
    tag: 'account',
  },
  {
    method: 'delete',
    path: '/sessions',
    summary: 'Sign out everywhere: end every session of your account (pages, API and sockets); API tokens stay',
    tag: 'account',
  },
];
