import http from 'node:http';

/**
 * HTTP as different clients would send it: each request may leave from its own loopback
 * address (127.0.0.2, 127.0.0.3, … are all this machine on Linux), so sign-in throttling is
 * tested against real socket addresses, not against headers a client writes.
 */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** name=value of each Set-Cookie. */
  cookies: string[];
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.from },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

export type SignInOutcome = { ok: true; cookie: string } | { ok: false; error: string };

/** The browser's credentials sign-in (csrf, then the callback), from one address. */
export async function signInFrom(
  baseUrl: string,
  email: string,
  password: string,
  options: { from?: string; headers?: Record<string, string> } = {},
): Promise<SignInOutcome> {
  const csrf = await request(`${baseUrl}/api/auth/csrf`, { from: options.from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await request(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    from: options.from,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrf.cookies.join('; '),
      ...options.headers,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
  });
  const session = res.cookies.filter((c) => c.includes('session-token=') && !c.endsWith('=')).join('; ');
  if (session) return { ok: true, cookie: session };
  const { url } = JSON.parse(res.body) as { url: string };
  return { ok: false, error: new URL(url).searchParams.get('error') ?? url };
}

export const THROTTLED = /^Too many failed sign-ins/;
