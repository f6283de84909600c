import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';

/**
 * Next's proxy (formerly middleware) runs before every request Next serves: it sets the
 * security headers, with a fresh CSP nonce that Next reads from the request's policy and
 * puts on the scripts it renders (pages are rendered per request, so every one gets it).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    host: request.headers.get('host'),
    https: (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    dev: process.env.NODE_ENV === 'development',
  });
  const forwarded = new Headers(request.headers);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
