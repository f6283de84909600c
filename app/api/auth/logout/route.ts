import { z } from 'zod';
import { clearedSessionCookies, signOut } from '@/server/auth/sign-out';
import { readJson, sameOrigin } from '@/app/api/v1/_lib/endpoint';
import { errorResponse, toErrorResponse, zodIssues } from '@/app/api/v1/_lib/errors';

/**
 * POST /api/auth/logout {"everywhere"?: boolean} — the sign-out button. Answers where the
 * browser goes next (the provider's logout, or the sign-in page) and clears the cookie.
 * next-auth's own /api/auth/signout also ends the session, but cannot end the provider's.
 */
const body = z.strictObject({ everywhere: z.boolean().optional() });

export async function POST(request: Request): Promise<Response> {
  try {
    // Browsers send Origin on every POST: a foreign page may not sign anyone out.
    if (!sameOrigin(request)) return errorResponse('forbidden:origin', 'Sign out from Concord itself.', 403);
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) {
      return errorResponse(
        'bad_request:body',
        'Send {} or {"everywhere": true}.',
        400,
        zodIssues(parsed.error, 'body'),
      );
    }
    const cookie = request.headers.get('cookie');
    const siteUrl = (process.env.NEXTAUTH_URL ?? new URL(request.url).origin).replace(/\/$/, '');
    const result = await signOut({ cookie, everywhere: parsed.data.everywhere === true }, siteUrl);
    const headers = new Headers({ 'cache-control': 'no-store' });
    for (const c of clearedSessionCookies(cookie)) headers.append('set-cookie', c);
    return Response.json(result, { headers });
  } catch (error) {
    return toErrorResponse(error);
  }
}
