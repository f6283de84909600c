import { z } from 'zod';
import { clearedSessionCookies, signOut } from '@/server/auth/sign-out';

/**
 * POST /api/auth/logout {"everywhere"?: boolean} — the sign-out button. Answers where the
 * browser goes next (the provider's logout, or the sign-in page) and clears the cookie.
 * next-auth's own /api/auth/signout also ends the session, but cannot end the provider's.
 */
const body = z.strictObject({ everywhere: z.boolean().optional() });

export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request)) {
    return Response.json(
      { error: { code: 'forbidden:origin', message: 'Sign out from Concord itself.' } },
      { status: 403 },
    );
  }
  const text = await request.text();
  if (text.length > 1024) {
    return Response.json(
      { error: { code: 'too_large:body', message: 'The request body is too large.' } },
      { status: 413 },
    );
  }
  let parsed: z.infer<typeof body>;
  try {
    parsed = body.parse(text ? JSON.parse(text) : {});
  } catch {
    return Response.json(
      { error: { code: 'bad_request:body', message: 'Send {} or {"everywhere": true} as JSON.' } },
      { status: 400 },
    );
  }
  const cookie = request.headers.get('cookie');
  const siteUrl = (process.env.NEXTAUTH_URL ?? new URL(request.url).origin).replace(/\/$/, '');
  const result = await signOut({ cookie, everywhere: parsed.everywhere === true }, siteUrl);
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const c of clearedSessionCookies(cookie)) headers.append('set-cookie', c);
  return Response.json(result, { headers });
}

/** Browsers send Origin on every POST: a foreign page may not sign anyone out. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true; // not a browser
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
