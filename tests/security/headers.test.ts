import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { apiToken, signInCookie } from '../collab/clients';
import { startConcord, type RunningConcord } from '../e2e/harness';

/**
 * Issue 11, "Headers": before, the signed-in editor could be framed by any page, and no
 * response carried a CSP, nosniff or a Referrer-Policy. Every page and API response of a
 * started server is checked here, signed in and not, answers and errors alike.
 */
let server: RunningConcord;
let cookie: string;
let token: string;
let resolutionId: string;

beforeAll(async () => {
  server = await startConcord();
  cookie = await signInCookie(server.url, 'chair@example.org');
  token = await apiToken(server.url, cookie);
  const list = await fetch(`${server.url}/api/v1/committees/peace-security/resolutions`, {
    headers: { authorization: `Bearer ${token}` },
  });
  resolutionId = ((await list.json()) as { resolutions: { id: string }[] }).resolutions[0].id;
});
afterAll(() => server?.stop());

function expectSecurityHeaders(res: Response, what: string) {
  const csp = res.headers.get('content-security-policy');
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const directives = new Map(
    csp!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
  expect(scripts, `${what}: scripts`).not.toContain("'unsafe-inline'");
  expect(
    scripts.some((s) => s.startsWith("'nonce-") || s === "'none'" || s === "'self'"),
    what,
  ).toBe(true);
  expect(directives.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(directives.get('object-src') ?? directives.get('default-src'), `${what}: object-src`).toEqual(["'none'"]);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toMatch(/^(same-origin|no-referrer|strict-origin)/);
  expect(res.headers.get('permissions-policy'), what).toMatch(/camera=\(\)/);
  // Served over plain HTTP here: HSTS would be meaningless (and is ignored) on it.
  expect(res.headers.get('strict-transport-security'), what).toBeNull();
}

describe('security headers on every response', () => {
  it('pages, signed in and not, carry a strict CSP with a fresh nonce on every request', async () => {
    const pages = [
      ['/', cookie],
      ['/signin', ''],
      ['/committees/peace-security', cookie],
      [`/resolutions/${resolutionId}`, cookie],
      [`/resolutions/${resolutionId}/amendments`, cookie],
      ['/settings/tokens', cookie],
      ['/no-such-page', cookie],
    ] as const;
    const nonces = new Set<string>();
    for (const [path, who] of pages) {
      const res = await fetch(`${server.url}${path}`, { headers: who ? { cookie: who } : {}, redirect: 'manual' });
      expectSecurityHeaders(res, `${path} (${res.status})`);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      if (res.status === 200) {
        const html = await res.text();
        // Every script Next renders carries this response's nonce: none runs without it.
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, path).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      }
    }
    expect(nonces.size).toBe(pages.length);
  });

  it('API answers (successes and errors) and the sign-in endpoints carry them too', async () => {
    const calls: [string, RequestInit][] = [
      ['/api/v1/me', { headers: { authorization: `Bearer ${token}` } }],
      ['/api/v1/me', {}],
      [`/api/v1/resolutions/${resolutionId}/text`, { headers: { authorization: `Bearer ${token}` } }],
      ['/api/v1/openapi.json', {}],
      ['/api/auth/csrf', {}],
      ['/api/auth/session', { headers: { cookie } }],
      [
        `/api/v1/resolutions/${resolutionId}/reservations`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{',
        },
      ],
    ];
    for (const [path, init] of calls) {
      const res = await fetch(`${server.url}${path}`, { ...init, redirect: 'manual' });
      expectSecurityHeaders(res, `${init.method ?? 'GET'} ${path} (${res.status})`);
      await res.arrayBuffer();
    }
  });

  it("a body refused before Next sees it (413) carries them, with Next's own scripts locked out", async () => {
    const res = await fetch(`${server.url}/api/v1/resolutions/${resolutionId}/reservations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: 'x'.repeat(4 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expectSecurityHeaders(res, '413');
  });

  it('static assets carry nosniff and may not be framed', async () => {
    const html = await (await fetch(`${server.url}/signin`)).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const res = await fetch(`${server.url}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });
});

describe('HSTS', () => {
  const saved = process.env.NEXTAUTH_URL;
  afterAll(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
  });

  it('is sent only when Concord is served over HTTPS', () => {
    process.env.NEXTAUTH_URL = 'https://concord.example.org';
    const secure = proxy(new NextRequest('https://concord.example.org/resolutions/x'));
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(secure.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);

    process.env.NEXTAUTH_URL = 'http://localhost:3000';
    const plain = proxy(new NextRequest('http://localhost:3000/resolutions/x'));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });
});
