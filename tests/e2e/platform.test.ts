import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, screenshot, signedInPage, signIn, startConcord, type RunningConcord } from './harness';

/**
 * A new user's first session: start Concord with no configuration, sign in with each demo
 * role, see what that role may do, and import the example resolution through the UI.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');
const example = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../data/ipu-122nd-assembly-resolution.txt'),
  'utf8',
);

describe.skipIf(skip)('platform in the browser', () => {
  let concord: RunningConcord;
  let browser: Browser;

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  const pageAs = (email: string, at?: string) => signedInPage(browser, concord.url, email, { at });

  it('prints the demo accounts and their password at start', () => {
    expect(concord.output()).toContain('demo accounts (password concord-demo)');
    for (const email of [
      'chair@example.org',
      'secretariat@example.org',
      'iran@example.org',
      'thailand@example.org',
      'observer@example.org',
    ]) {
      expect(concord.output()).toContain(email);
    }
  });

  it('a wrong password gets a clear message and no session', async () => {
    const page = await browser.newPage();
    await signIn(page, concord.url, 'chair@example.org', 'not-the-password');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toContain('Wrong e-mail or password');
    await page.goto(`${concord.url}/`);
    expect(page.url()).toContain('/signin');
    await page.close();
  });

  it('the chair sees the committee, can import, manage members and move stages', async () => {
    const page = await pageAs('chair@example.org');
    await page.getByRole('link', { name: 'Standing Committee on Peace and International Security' }).click();
    await expect.poll(() => page.getByTestId('my-role').textContent()).toBe('chair');
    expect(await page.getByTestId('import-link').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Add a member' }).count()).toBe(1);
    expect(await page.getByTestId('stage-drafting').textContent()).toContain('Combating transnational organized crime');
    await screenshot(page, 'platform-chair-dashboard');
    await page.getByTestId('stage-drafting').getByRole('link').first().click();
    await page.getByTestId('stage-banner').waitFor();
    expect(await page.getByTestId('stage-to-amendments').count()).toBe(1);
    await page.context().close();
  });

  it('a member sees the draft with computed numbers but cannot import, manage or change the stage', async () => {
    const page = await pageAs('iran@example.org', '/committees/peace-security');
    await expect.poll(() => page.getByTestId('my-role').textContent()).toBe('a member');
    expect(await page.getByTestId('import-link').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Add a member' }).count()).toBe(0);
    await page.getByTestId('stage-drafting').getByRole('link').first().click();
    await page.getByTestId('stage-banner').waitFor();
    expect(await page.getByTestId('stage-to-amendments').count()).toBe(0);
    const text = page.getByTestId('resolution-text');
    await expect.poll(() => text.locator('[data-kind="operative"]').count()).toBe(35);
    expect(await text.locator('[data-kind="preambular"]').count()).toBe(15);
    await screenshot(page, 'platform-member-resolution');
    await page.context().close();
  });

  it('an observer reads, read only', async () => {
    const page = await pageAs('observer@example.org', '/committees/peace-security');
    await expect.poll(() => page.getByTestId('my-role').textContent()).toBe('an observer');
    expect(await page.getByTestId('import-link').count()).toBe(0);
    await page.context().close();
  });

  it('a member of another committee gets "not found" for this committee and its resolution', async () => {
    const chair = await pageAs('chair@example.org');
    const list = await chair.request.get(`${concord.url}/api/v1/committees/peace-security/resolutions`);
    const { resolutions } = (await list.json()) as { resolutions: { id: string }[] };
    await chair.context().close();

    const page = await pageAs('democracy@example.org');
    const committee = await page.goto(`${concord.url}/committees/peace-security`);
    expect(committee?.status()).toBe(404);
    const resolution = await page.goto(`${concord.url}/resolutions/${resolutions[0].id}`);
    expect(resolution?.status()).toBe(404);
    const api = await page.request.get(`${concord.url}/api/v1/resolutions/${resolutions[0].id}`);
    expect(api.status()).toBe(404);
    expect(await api.text()).not.toContain('Encourages');
    await page.context().close();
  });

  it('the secretariat imports the example: the preview shows 15 PP and 35 OP, then the saved draft does too', async () => {
    const page = await pageAs('secretariat@example.org', '/committees/peace-security/import');
    await page.getByTestId('import-text').fill(example);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toContain(
      '15 preambular paragraphs, 35 operative paragraphs',
    );
    await screenshot(page, 'platform-import-preview');
    // The example carries no title line: the form asks for one before it saves.
    await page.getByTestId('import-needs-title').waitFor();
    expect(await page.getByTestId('import-save').isDisabled()).toBe(true);
    await page.getByTestId('import-title').fill('Combating transnational organized crime');
    await page.getByTestId('import-save').click();
    await page.waitForURL(/\/resolutions\/[0-9a-f-]{36}$/);
    const text = page.getByTestId('resolution-text');
    await expect.poll(() => text.locator('[data-kind="operative"]').count()).toBe(35);
    expect(await text.locator('[data-kind="preambular"]').count()).toBe(15);
    expect(await text.textContent()).toContain('Encourages parliaments to mainstream gender equality concerns');
    await page.context().close();
  });

  it('the preview of a General Assembly text tells title, symbol, adoption with its counts, and every guess', async () => {
    const page = await pageAs('secretariat@example.org', '/committees/peace-security/import');
    await page
      .getByTestId('import-text')
      .fill(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/shapes/un-general-assembly.txt'), 'utf8'));
    await page.getByRole('button', { name: 'Preview' }).click();
    const facts = page.getByTestId('import-facts');
    await facts.waitFor();
    const told = await facts.textContent();
    expect(told).toContain('Protection of coastal wetlands for present and future generations');
    expect(told).toContain('78/233');
    expect(await page.getByTestId('import-adoption').textContent()).toBe(
      'Adopted by a recorded vote (112 in favour, 9 against, 44 abstentions) by the General Assembly, 2023-12-14',
    );
    expect(await page.getByTestId('import-warnings').textContent()).toContain(
      'cover line skipped: "Seventy-eighth session"',
    );
    expect(await page.getByTestId('import-footnotes').textContent()).toContain(
      '* Adopted by a recorded vote of 112 to 9, with 44 abstentions.',
    );
    await screenshot(page, 'platform-import-preview-general-assembly');
    await page.context().close();
  });

  it('import of text that is not a resolution names the lines and saves nothing', async () => {
    const page = await pageAs('secretariat@example.org');
    const before = await (await page.request.get(`${concord.url}/api/v1/committees/peace-security/resolutions`)).json();
    await page.goto(`${concord.url}/committees/peace-security/import`);
    await page.getByTestId('import-text').fill('{"shopping": ["milk", "eggs"]}\nfunction x() { return 1; }\n');
    await page.getByRole('button', { name: 'Preview' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toMatch(/Line \d+/);
    await screenshot(page, 'platform-import-error');
    const after = await (await page.request.get(`${concord.url}/api/v1/committees/peace-security/resolutions`)).json();
    expect(after.resolutions.length).toBe(before.resolutions.length);
    await page.context().close();
  });
});
