import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import { emptyDatabase } from '../ops/processes';
import { launchBrowser, startConcord, type RunningConcord } from './harness';
import { act, docScreenshot, firstResolutionId, paragraphsOf, signedIn } from './plenary-helpers';

/**
 * Issue 13 §3: the screen for the room. Two Concord processes share PostgreSQL and Redis;
 * the chair steers from the resolution page on one, and a 1920×1080 screen on the other and
 * a 1280×720 screen on the first follow: a paragraph, an amendment as a redline with the
 * paragraph as it would read, the voting order, a vote with its live tally, the whole text.
 */
const skip = skipUnless(chromiumAvailable() && !!postgresUrl() && !!redisUrl(), 'Chromium, PostgreSQL and Redis');

describe.skipIf(skip)('the screen for the room follows the chair, on every process', () => {
  const servers: RunningConcord[] = [];
  let drop = async () => {};
  let browser: Browser;
  let id = '';
  let chair: Page;
  let big: Page;
  let small: Page;
  let api = '';
  let amendmentId = '';

  beforeAll(async () => {
    const database = await emptyDatabase();
    drop = database.drop;
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl()! };
    servers.push(await startConcord(env));
    servers.push(await startConcord(env));
    browser = await launchBrowser();
    api = `${servers[0].url}/api/v1`;
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
  });

  const show = async (value: string) => {
    await chair.getByTestId('screen-choice').selectOption(value);
    await chair.getByTestId('screen-show').click();
  };
  const kindOn = (screen: Page) => screen.getByTestId('room-screen').getAttribute('data-kind');

  it('opens on two processes and follows a paragraph put on it', { timeout: 120_000 }, async () => {
    const [a, b] = servers;
    chair = await signedIn(browser, a.url, 'chair@example.org');
    id = await firstResolutionId(chair, a.url);
    // Until the page's scripts run, its controls have no handlers: they are disabled, not dead.
    let release = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await chair.route('**/_next/static/**/*.js', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await chair.goto(`${a.url}/resolutions/${id}`, { waitUntil: 'commit' });
    await chair.getByTestId('screen-control').waitFor();
    expect(await chair.getByTestId('screen-show').isDisabled()).toBe(true);
    expect(await chair.getByTestId('screen-choice').isDisabled()).toBe(true);
    release();
    await chair.unrouteAll({ behavior: 'wait' });
    await expect.poll(() => chair.getByTestId('screen-show').isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await chair.getByTestId('screen-choice').isEnabled()).toBe(true);
    big = await signedIn(browser, b.url, 'observer@example.org', {
      viewport: { width: 1920, height: 1080 },
      at: `/resolutions/${id}/screen`,
    });
    small = await signedIn(browser, a.url, 'observer@example.org', {
      viewport: { width: 1280, height: 720 },
      at: `/resolutions/${id}/screen`,
    });
    for (const screen of [big, small]) await screen.getByTestId('room-blank').waitFor();
    // The screens hear the stream before the chair acts.
    for (const screen of [big, small])
      await expect.poll(() => screen.locator('.room-head .live-dot.on').count(), { timeout: 15_000 }).toBe(1);

    const op8 = (await paragraphsOf(chair, a.url, id)).find((p) => p.label === 'OP 8')!;
    await show(`paragraph:${op8.id}`);
    for (const screen of [big, small]) {
      await expect.poll(() => kindOn(screen), { timeout: 5_000 }).toBe('paragraph');
      expect(await screen.getByTestId('room-paragraph').textContent()).toContain(op8.text);
    }
    // Large type: the paragraph reads from the back of the room.
    const size = await big.locator('.room-text').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    // A member may not steer it.
    const iran = await signedIn(browser, a.url, 'iran@example.org');
    const refused = await iran.request.put(`${api}/resolutions/${id}/screen`, {
      headers: { 'content-type': 'application/json' },
      data: JSON.stringify({ kind: 'blank' }),
    });
    expect(refused.status()).toBe(403);
    await iran.close();
  });

  it('shows an amendment as a redline and the paragraph as it would read', { timeout: 120_000 }, async () => {
    const iran = await signedIn(browser, servers[0].url, 'iran@example.org');
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'amendments' });
    const op8 = (await paragraphsOf(chair, servers[0].url, id)).find((p) => p.label === 'OP 8')!;
    const proposed = op8.text.replace('gender equality concerns', 'the rights of women and girls');
    const drafted = await act<{ id: string }>(iran, 'POST', `${api}/resolutions/${id}/amendments`, {
      kind: 'modify',
      targetParagraphId: op8.id,
      proposedText: proposed,
      rationale: 'Names those the paragraph protects.',
    });
    await act(iran, 'POST', `${api}/amendments/${drafted.id}/table`);
    amendmentId = drafted.id;
    await chair.reload();
    await show(`amendment:${drafted.id}`);
    for (const screen of [big, small]) {
      await expect.poll(() => kindOn(screen), { timeout: 5_000 }).toBe('amendment');
      expect(await screen.getByTestId('room-redline').locator('ins').first().textContent()).toBe(
        'the rights of women and girls',
      );
      expect(await screen.getByTestId('room-as-amended').textContent()).toBe(proposed);
    }
    await docScreenshot(big, 'screen-amendment-1920');
    await docScreenshot(small, 'screen-amendment-1280');

    await show('voting-order');
    for (const screen of [big, small]) {
      await expect.poll(() => kindOn(screen), { timeout: 5_000 }).toBe('voting-order');
      expect(await screen.getByTestId('room-voting-order').textContent()).toContain('A/1');
    }
    await iran.close();
  });

  it('shows an open vote with its live tally, then the result', { timeout: 120_000 }, async () => {
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'voting' });
    const vote = await act<{ id: string }>(chair, 'POST', `${api}/resolutions/${id}/votes`, {
      subject: { kind: 'amendment', amendmentId },
      method: 'roll_call',
      majority: 'simple',
      quorum: null,
      weighted: false,
    });
    await chair.reload();
    await show(`vote:${vote.id}`);
    for (const screen of [big, small]) await expect.poll(() => kindOn(screen), { timeout: 5_000 }).toBe('vote');
    const tallyOf = (screen: Page) => screen.locator('.room-chart svg').getAttribute('aria-label');
    const before = await tallyOf(big);
    expect(before).toContain('Yes 0');
    for (const email of ['iran@example.org', 'thailand@example.org']) {
      const member = await signedIn(browser, servers[1].url, email);
      await act(member, 'POST', `${servers[1].url}/api/v1/votes/${vote.id}/ballots`, { choice: 'yes' });
      await member.close();
    }
    for (const screen of [big, small]) await expect.poll(() => tallyOf(screen), { timeout: 5_000 }).toContain('Yes 2');
    await docScreenshot(big, 'screen-vote-1920');
    await act(chair, 'POST', `${api}/votes/${vote.id}/close`, {});
    for (const screen of [big, small])
      await expect
        .poll(() => screen.getByTestId('room-vote').getAttribute('data-status'), { timeout: 5_000 })
        .toBe('closed');
    expect(await big.getByTestId('room-outcome').textContent()).toBeTruthy();

    await show('adopted-text');
    for (const screen of [big, small]) {
      await expect.poll(() => kindOn(screen), { timeout: 5_000 }).toBe('adopted-text');
      expect(await screen.getByTestId('room-adopted').textContent()).toContain('OP 35');
    }
  });
});
