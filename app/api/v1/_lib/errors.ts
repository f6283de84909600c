import type { z } from 'zod';
import { DomainError, type ErrorKind, type FieldIssue } from '@/lib/errors';
import { log } from '@/server/log';

/** The one place where domain error kinds become HTTP statuses. */
const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
};

export function errorResponse(code: string, message: string, status: number, issues?: FieldIssue[]): Response {
  return Response.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status });
}

export function zodIssues(error: z.ZodError, root: string): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [root, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return errorResponse(error.code, error.message, STATUS[error.kind], error.issues);
  }
  // The cause goes to the log, never to the client.
  log('api').error({ err: error }, 'unexpected error');
  return errorResponse('internal', 'Something went wrong on the server; nothing was changed.', 500);
}
