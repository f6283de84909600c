import type { z } from 'zod';
import type { Db } from '@/db/client';
import { getDb } from '@/db/client';
import type { User } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { MAX_REQUEST_BODY_BYTES, tooLargeMessage } from '@/lib/http/body-limit';
import { userFromCredentials } from '@/server/auth/request-user';
import { noteRequestUser } from '@/server/observability/request-context';
import { errorResponse, toErrorResponse, zodIssues } from './errors';

/**
 * Every API route handler is: parse (zod) → authenticate → authorize → call the domain →
 * respond. This wrapper does the parsing, authentication and error mapping, so a handler
 * reads as the two lines that are its own.
 */

/** A 2 MB resolution text (or a 2 MB file as base64) plus JSON overhead; the server's limit too. */
const MAX_JSON_BYTES = MAX_REQUEST_BODY_BYTES;

export interface EndpointSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params?: P;
  query?: Q;
  body?: B;
  /** Default true: anonymous requests get 401. */
  auth?: boolean;
}

export interface EndpointContext<P, Q, B> {
  user: User;
  db: Db;
  params: P;
  query: Q;
  body: B;
  request: Request;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function endpoint<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(
  spec: EndpointSpec<P, Q, B>,
  handler: (ctx: EndpointContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const db = await getDb();
      const user = await userFromCredentials(db, {
        authorization: request.headers.get('authorization'),
        cookie: request.headers.get('cookie'),
      });
      if (user) noteRequestUser(user.id);
      if (!user && spec.auth !== false) {
        return errorResponse('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer <token>".', 401);
      }
      if (user && isUnsafe(request) && !request.headers.get('authorization') && !sameOrigin(request)) {
        return errorResponse('forbidden:origin', 'Cross-site requests are not accepted.', 403);
      }
      const params = parse(spec.params, await context.params, 'params');
      const query = parse(spec.query, Object.fromEntries(new URL(request.url).searchParams), 'query');
      const body = spec.body ? parse(spec.body, await readJson(request), 'body') : undefined;
      const result = await handler({ user: user!, db, params, query, body: body as z.infer<B>, request });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true }, { status: request.method === 'POST' ? 201 : 200 });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, root: string): z.infer<T> {
  if (!schema) return value as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DomainError(
      `bad_request:${root}`,
      `Invalid ${root}: ${describeIssues(result.error, root)}`,
      zodIssues(result.error, root),
    );
  }
  return result.data;
}

function describeIssues(error: z.ZodError, root: string): string {
  return zodIssues(error, root)
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}

export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new DomainError('bad_request:content_type', 'Send the body as JSON with "Content-Type: application/json".');
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) throw tooLarge();
  const bytes = await readBounded(request, MAX_JSON_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('bad_request:encoding', 'The request body is not UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('bad_request:json', 'The request body is not valid JSON.');
  }
}

/**
 * The body, read chunk by chunk and given up as soon as it passes `limit`: a chunked body
 * declares no length, and must not be buffered whole before it is measured.
 */
async function readBounded(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const tooLarge = () => new DomainError('too_large:body', tooLargeMessage(MAX_JSON_BYTES));

const isUnsafe = (r: Request) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method);

/** Session-authenticated writes must come from our own pages (CSRF). */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true; // not a browser form/fetch from another site
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
