import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn, startConcord, type RunningConcord } from '../e2e/harness';
import { chromiumAvailable, postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import {
  api,
  apiToken,
  connect,
  paragraphsOf,
  signInCookie,
  typeAt,
  waitFor,
  type TestClient,
} from '../collab/clients';
import { emptyDatabase, projectRoot } from './processes';
import { freePort } from '../../bench/servers/child';

/**
 * README's load-balancer recipe, run as written (deploy/nginx.conf): nginx as the current
 * user on a free port in front of two Concord processes on PostgreSQL and Redis; the stock
 * y-websocket client and a Chromium page work through it.
 */
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const skip = skipUnless(
  !!NGINX && !!postgresUrl() && !!redisUrl() && chromiumAvailable(),
  'nginx, PostgreSQL, Redis and Chromium',
);

describe.skipIf(skip)('two processes behind nginx (README recipe)', () => {
  const servers: RunningConcord[] = [];
  const clients: TestClient[] = [];
  let nginx: ChildProcess | null = null;
  let browser: Browser | null = null;
  let prefix = '';
  let url = '';
  let drop = async () => {};

  beforeAll(async () => {
    const database = await emptyDatabase();
    drop = database.drop;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Every process has the public origin as NEXTAUTH_URL (and the same secret).
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl()!,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: 'a-secret-every-process-behind-the-balancer-shares',
    };
    servers.push(await startConcord(env));
    servers.push(await startConcord(env));

    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-nginx-'));
    const conf = fs
      .readFileSync(path.join(projectRoot, 'deploy', 'nginx.conf'), 'utf8')
      .replaceAll('__PREFIX__', prefix)
      .replaceAll('__LISTEN__', `127.0.0.1:${port}`)
      .replace(/^(\s*)__UPSTREAMS__$/m, (_, indent: string) =>
        servers.map((s) => `${indent}server 127.0.0.1:${s.port};`).join('\n'),
      )
      // As root, nginx would hand its workers to "nobody", who cannot use this folder.
      .replace('worker_processes auto;', `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;`);
    fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf);
    const args = ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')];
    const check = spawnSync(NGINX!, [...args, '-t'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(NGINX!, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const started = Date.now();
    for (;;) {
      const res = await fetch(`${url}/healthz`).catch(() => null);
      if (res?.ok) break;
      if (Date.now() - started > 15_000)
        throw new Error(`nginx did not answer:\n${fs.readFileSync(path.join(prefix, 'error.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await browser?.close();
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
    if (prefix) fs.rmSync(prefix, { recursive: true, force: true });
  });

  it('balances requests over both processes and is ready', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id, kept
    }
    for (const server of servers) expect(server.output()).toContain('"route":"/readyz"');
  });

  it('the stock y-websocket client co-edits through nginx, across the two processes', async () => {
    const iran = await apiToken(url, await signInCookie(url, 'iran@example.org'));
    const thailand = await apiToken(url, await signInCookie(url, 'thailand@example.org'));
    const { resolutions } = await api<{ resolutions: { id: string }[] }>(
      url,
      iran,
      '/committees/peace-security/resolutions',
    );
    const port = Number(new URL(url).port);
    const a = connect(port, resolutions[0].id, { token: iran });
    const b = connect(port, resolutions[0].id, { token: thailand });
    clients.push(a, b);
    await waitFor(() => a.provider.synced && b.provider.synced, 15_000, 'sync through nginx');
    typeAt(a.doc, 0, 'THROUGH-NGINX ');
    await waitFor(() => paragraphsOf(b.doc)[0].includes('THROUGH-NGINX'), 10_000, 'the edit through nginx');
  });

  it('a browser signs in, opens the resolution and edits live through nginx', async () => {
    browser = await launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, url, 'kenya@example.org');
    await page.waitForURL(`${url}/`);
    await page.goto(`${url}/committees/peace-security`);
    await page.getByTestId('stage-drafting').getByRole('link').first().click();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('connected');
    const editor = page.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor');
    await editor.waitFor({ timeout: 20_000 });
    await editor.locator('p[data-label="PP 2"]').click();
    await page.keyboard.type('KENYA-VIA-NGINX ');
    const watcher = clients[0];
    await waitFor(() => paragraphsOf(watcher.doc).join().includes('KENYA-VIA-NGINX'), 10_000, 'the browser edit');
  }, 90_000);
});
