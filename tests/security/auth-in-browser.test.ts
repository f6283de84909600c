import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, signIn, startConcord, type RunningConcord } from '../e2e/harness';
import { request, signInFrom } from './auth-http';

/**
 * What a browser sees (issues 11.6 and 11.8): after sign-in only same-origin paths are
 * followed (`/signin?callbackUrl=/%5Cevil.example` used to land on another site); every
 * response carries the security headers; and the app still works under its CSP, with no
 * violation reported on the main pages.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

describe.skipIf(skip)('sign-in and headers in the browser', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let resolutionId: string;

  beforeAll(async () => {
    concord = await startConcord({ CONCORD_BCRYPT_COST: '4' });
    browser = await launchBrowser();
    const chair = await signInFrom(concord.url, 'chair@example.org', 'concord-demo');
    if (!chair.ok) throw new Error(chair.error);
    const list = await request(`${concord.url}/api/v1/committees/peace-security/resolutions`, {
      headers: { cookie: chair.cookie },
    });
    resolutionId = (JSON.parse(list.body) as { resolutions: { id: string }[] }).resolutions[0].id;
    // A reservation, so that the pages also render its mark under the paragraph (a <style>).
    const iran = await signInFrom(concord.url, 'iran@example.org', 'concord-demo');
    if (!iran.ok) throw new Error(iran.error);
    const text = await request(`${concord.url}/api/v1/resolutions/${resolutionId}/text`, {
      headers: { cookie: iran.cookie },
    });
    const paragraphId = (JSON.parse(text.body) as { paragraphs: { id: string }[] }).paragraphs[20].id;
    const recorded = await request(`${concord.url}/api/v1/resolutions/${resolutionId}/reservations`, {
      method: 'POST',
      headers: { cookie: iran.cookie, origin: concord.url, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'reservation',
        paragraphId,
        text: 'in relation to the concept of "gender equality".',
      }),
    });
    if (recorded.status !== 201) throw new Error(`reservation: ${recorded.status} ${recorded.body}`);
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  it('before its scripts run, the sign-in form cannot be sent, and never with the password in an address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const addresses: string[] = [];
    page.on('request', (r) => addresses.push(r.url()));
    let release = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_next/static/**/*.js', async (route) => {
      await scriptsHeld;
      await route.continue().catch(() => {});
    });
    await page.goto(`${concord.url}/signin`, { waitUntil: 'commit' });
    await page.getByLabel('Password').fill('concord-demo');
    await page.getByLabel('E-mail').fill('chair@example.org');
    const button = page.getByRole('button', { name: 'Sign in', exact: true });
    expect(await button.isDisabled()).toBe(true);
    // Enter in a field submits a form natively unless its submit button is disabled.
    await page.getByLabel('Password').press('Enter');
    await page.waitForTimeout(500);
    expect(addresses.filter((a) => a.includes('/signin?'))).toEqual([]);
    // The browser's own submission, forced: a POST, the fields in its body, not its address.
    const sent = page.waitForRequest((r) => r.isNavigationRequest());
    await page
      .locator('form')
      .first()
      .evaluate((form: HTMLFormElement) => form.requestSubmit());
    const submission = await sent;
    expect(submission.method()).toBe('POST');
    expect(addresses.filter((a) => a.includes('concord-demo'))).toEqual([]);
    release();
    await page.unrouteAll({ behavior: 'wait' });
    await context.close();
  });

  describe('the path followed after sign-in', () => {
    // One context for every case, its cookies cleared before each: a signed-out browser
    // each time, without paying for a new context's first page (a second apiece here).
    let context: BrowserContext;
    const foreign: string[] = [];
    beforeAll(async () => {
      context = await browser.newContext();
      const own = new URL(concord.url).host;
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.host === own) return route.continue();
        foreign.push(route.request().url());
        return route.abort();
      });
    });
    afterAll(() => context?.close());

    /** A signed-out page that signs in as the chair from /signin?callbackUrl=… */
    async function signInAsChairFrom(callbackUrl: string): Promise<Page> {
      await context.clearCookies();
      foreign.length = 0;
      const page = await context.newPage();
      await page.goto(`${concord.url}/signin?callbackUrl=${callbackUrl}`);
      expect(page.url()).toContain('/signin'); // signed out: the form, not a redirect past it
      await page.getByLabel('E-mail').fill('chair@example.org');
      await page.getByLabel('Password').fill('concord-demo');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      return page;
    }

    // As they appear in the address bar (the query is decoded once by the page).
    const attacks = [
      '/%5Cevil.example',
      '/%5cevil.example/committees',
      '//evil.example',
      '%2F%2Fevil.example',
      'https://evil.example/',
      '/\\evil.example',
      '/%09/evil.example',
      '/%255Cevil.example',
      'javascript:alert(document.domain)',
    ];
    for (const attack of attacks) {
      it(`stays on Concord for callbackUrl=${attack}`, async () => {
        const page = await signInAsChairFrom(attack);
        await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
        await page.waitForLoadState('load');
        expect(new URL(page.url()).origin).toBe(concord.url);
        expect(foreign).toEqual([]);
        await page.close();
      });
    }

    it('keeps a same-origin path', async () => {
      const page = await signInAsChairFrom(encodeURIComponent('/committees/peace-security'));
      await page.waitForURL(`${concord.url}/committees/peace-security`);
      await page.close();
    });

    it('next-auth itself answers with a same-origin URL for a foreign callbackUrl', async () => {
      const csrf = await request(`${concord.url}/api/auth/csrf`);
      const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
      for (const callbackUrl of ['https://evil.example/', '/\\evil.example', '//evil.example']) {
        const res = await request(`${concord.url}/api/auth/callback/credentials`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookies.join('; ') },
          body: new URLSearchParams({
            csrfToken,
            email: 'chair@example.org',
            password: 'concord-demo',
            callbackUrl,
            json: 'true',
          }).toString(),
        });
        expect(JSON.parse(res.body).url).toBe(`${concord.url}/`);
      }
    });
  });

  describe('security headers', () => {
    it('every page, API answer and static file carries them; each page its own nonce', async () => {
      const signin = await request(`${concord.url}/signin`);
      const again = await request(`${concord.url}/signin`);
      const api = await request(`${concord.url}/api/v1/me`);
      const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(signin.body)?.[1];
      expect(script).toBeTruthy();
      const asset = await request(`${concord.url}${script}`);
      for (const res of [signin, api, asset]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['permissions-policy']).toContain('camera=()');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['strict-transport-security']).toBeUndefined(); // plain http here
      }
      const csp = signin.headers['content-security-policy'] as string;
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain(`connect-src 'self' ws://localhost:${concord.port} wss://localhost:${concord.port}`);
      expect(again.headers['content-security-policy']).not.toContain(nonce);
      // Every script of the page carries this response's nonce; none is inline without it.
      const scripts = [...signin.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    });

    it('no other site can frame Concord', async () => {
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/frame-ancestors/.test(m.text())) refused.push(m.text());
      });
      await page.setContent(`<iframe src="${concord.url}/signin" title="framed"></iframe>`);
      await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
      await page.close();
    });
  });

  describe('the app under its CSP', () => {
    /** Signs in and collects every CSP violation and CSP console error on the way. */
    async function watched(email: string): Promise<{ page: Page; violations: string[] }> {
      const context = await browser.newContext();
      const violations: string[] = [];
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __csp?: string[] }).__csp ??= [];
          (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text()))
          violations.push(m.text());
      });
      await signIn(page, concord.url, email);
      await page.waitForURL(`${concord.url}/`);
      return { page, violations };
    }
    const reported = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

    it('the main pages load, hydrate and connect with no violation', async () => {
      for (const email of ['secretariat@example.org', 'iran@example.org']) {
        const { page, violations } = await watched(email);
        const visits: [string, () => Promise<void>][] = [
          ['/', () => page.getByRole('link', { name: /Peace and International Security/ }).waitFor()],
          ['/committees/peace-security', () => page.getByTestId('my-role').waitFor()],
          [
            `/resolutions/${resolutionId}`,
            async () => {
              // Scripts ran (hydrated) and the collaboration socket got through connect-src.
              await expect
                .poll(() => page.getByTestId('access-badge').getAttribute('data-access'), { timeout: 20_000 })
                .toBe('write');
              // The editor's injected <style> and the reservation mark's applied.
              const ligatures = await page.evaluate(
                () => getComputedStyle(document.querySelector('.ProseMirror') as Element).fontVariantLigatures,
              );
              expect(ligatures).toBe('none');
              const mark = await page.evaluate(() => {
                const marked = [...document.querySelectorAll('.with-sidebar [data-id]')].find(
                  (el) => getComputedStyle(el, '::after').content !== 'none',
                );
                return marked ? getComputedStyle(marked, '::after').content : null;
              });
              expect(mark).toContain('Reservation: Iran (Islamic Rep. of)');
            },
          ],
          [`/resolutions/${resolutionId}/amendments`, () => page.locator('main h1').first().waitFor()],
          ['/settings/tokens', () => page.getByTestId('session-count').waitFor()],
        ];
        for (const [path, ready] of visits) {
          await page.goto(`${concord.url}${path}`);
          await ready();
          expect(await reported(page), `${email} on ${path}`).toEqual([]);
        }
        expect(violations, email).toEqual([]);
        await page.context().close();
      }
    });
  });
});

describe.skipIf(skip)('served over HTTPS', () => {
  let concord: RunningConcord;
  beforeAll(async () => {
    concord = await startConcord({ NEXTAUTH_URL: 'https://concord.example.org' });
  });
  afterAll(() => concord?.stop());

  it('adds HSTS and upgrades insecure requests', async () => {
    const res = await request(`${concord.url}/signin`);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
