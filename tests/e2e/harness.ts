import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, inject, vi } from 'vitest';
import { signInCookie } from '../collab/clients';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnConcord, type RunningConcord, type SpawnOptions } from '../helpers/concord-process';
import { copyDataTemplate } from '../helpers/data-template';
import { CHROMIUM_PATH } from '../helpers/services';

const root = path.resolve(import.meta.dirname, '..', '..');

export type { RunningConcord };

export interface StartOptions extends SpawnOptions {
  /** An empty data folder, as on a first start, instead of a copy of the run's seeded template. */
  fresh?: boolean;
}

/**
 * The folder a server starts from: the caller's; else a copy of the run's seeded PGlite
 * template (tests/helpers/data-template.ts) when the server will use PGlite and the demo;
 * else an empty one, as on a first start.
 */
function dataFolderFor(env: Record<string, string>, dataDir: string | undefined, options: StartOptions): string {
  if (dataDir) return dataDir;
  const template = underVitest ? inject('concordDataTemplate') : '';
  const seen = { ...process.env, ...env };
  const firstStart = options.fresh || options.npm || seen.DATABASE_URL || seen.CONCORD_SEED_DEMO === '0';
  if (template && !firstStart) return copyDataTemplate(template);
  return fs.mkdtempSync(path.join(os.tmpdir(), 'concord-e2e-'));
}

/**
 * Starts Concord the way a user does (`npm start` = node server/launch.mjs) on a
 * free port with its own data folder, and waits for "ready on http://localhost:<port>".
 */
export async function startConcord(
  env: Record<string, string> = {},
  dataDir?: string,
  options: StartOptions = {},
): Promise<RunningConcord> {
  const dir = dataFolderFor(env, dataDir, options);
  if (!dataDir) foldersMade.set(dir, []);
  const server = await spawnConcord(env, dir, options);
  foldersMade.get(dir)?.push(server.process);
  return server;
}

// The benchmarks (bench/scenarios/page.ts) use this harness outside vitest: no hooks there.
const underVitest = !!process.env.VITEST;

// A browser test opens several pages, each loading and syncing the editor: 10–20 s alone on
// a middling host, and 30 s (vitest.config.ts's deadline) was reached twice in a run while
// another load shared the two cores. A deadline, not a speed bar: the browser suites get 90 s.
if (underVitest) vi.setConfig({ testTimeout: 90_000 });

/**
 * Data folders this harness made (a seeded copy is 40 MB; a full run starts some thirty
 * servers) and the servers that used them: removed when the file is done, if those servers
 * have exited. A caller's own folder is the caller's.
 */
const foldersMade = new Map<string, ChildProcess[]>();

if (underVitest)
  afterAll(() => {
    for (const [dir, children] of foldersMade) {
      if (children.some((c) => c.exitCode === null && c.signalCode === null)) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      foldersMade.delete(dir);
    }
  });

/** Browsers the file's tests launched, for what a failure left on their screens. */
const browsers = new Set<Browser>();

/**
 * A failed browser step says little by itself ("waiting for getByTestId('reservations')"):
 * after a failed test, every open page's address, the alerts and toasts it shows and a
 * screenshot (tests/.tmp/failures) go to the log, for a failure on a CI machine to be read.
 */
if (underVitest)
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const dir = path.join(root, 'tests', '.tmp', 'failures');
    fs.mkdirSync(dir, { recursive: true });
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    let n = 0;
    for (const browser of browsers)
      for (const page of browser.contexts().flatMap((c) => c.pages())) {
        const file = path.join(dir, `${name}-${++n}.png`);
        const said = await page
          .locator('[role="alert"], [data-testid="toast"]')
          .allTextContents()
          .then((texts) => texts.map((x) => x.trim()).filter(Boolean))
          .catch(() => []);
        await page.screenshot({ path: file, timeout: 5000 }).catch(() => {});
        console.error(
          `[failure] page ${n}: ${page.url()}\n  says: ${said.join(' | ') || '(no alert or toast)'}\n  screenshot: ${file}`,
        );
      }
  });

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  return browser;
}

export const DEMO_PASSWORD = 'concord-demo';

export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export interface SignedInOptions {
  viewport?: { width: number; height: number };
  /** The page it opens: a path under baseUrl, or a whole address (the home page by default). */
  at?: string;
}

/** A browser context of its own, signed in as `email` and on the page `at`. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  { viewport = { width: 1300, height: 1000 }, at = '/' }: SignedInOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  // Through next-auth's endpoints, as the sign-in form's script posts them: the form itself
  // is tested where it is the subject (signIn above); loading it, and the home page it leads
  // to, for every page a test opens is time spent on what the test is not about.
  const session = await signInCookie(baseUrl, email);
  await context.addCookies(
    session.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
    }),
  );
  await page.goto(new URL(at, baseUrl).href);
  return page;
}

/**
 * An act through the JSON API with the page's session (what the page's own buttons send);
 * anything but a 2xx throws with the answer's status and body.
 */
export async function act<T = Record<string, unknown>>(page: Page, method: string, url: string, body?: unknown) {
  const res = await page.request.fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${url} → ${res.status()}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/**
 * Saves a screenshot under tests/.tmp/screenshots for a person to look at: what the window
 * shows, or the whole page with CONCORD_FULL_SCREENSHOTS=1. A resolution page is many
 * screens tall, and drawing all of it took the browser about as long as loading the page.
 */
export async function screenshot(page: Page, name: string) {
  const dir = path.join(root, 'tests', '.tmp', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const fullPage = process.env.CONCORD_FULL_SCREENSHOTS === '1';
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}
