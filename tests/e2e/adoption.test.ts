import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, screenshot, signedInPage, startConcord, type RunningConcord } from './harness';

/**
 * Issue 5 §5 in the browser: what the 122nd Assembly did, done through the pages. Iran's
 * delegate records the reservation on OP 8; the chair takes a separate vote (the tally moves
 * live on the chair's screen as Iran votes), then declares adoption by consensus on 1 April
 * 2010 in Bangkok; the published view shows the heading and the footnote of the example.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');
const shots = path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots');

/** The top of the page as a person sees it (the full page of a 50-paragraph text is too tall to look at). */
const viewShot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}-view.png`) });

describe.skipIf(skip)('from the draft to the published text, in the browser', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let resolutionId: string;

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  async function pageAs(email: string, at?: string): Promise<Page> {
    const page = await signedInPage(browser, concord.url, email, { viewport: { width: 1400, height: 1000 }, at });
    page.on('dialog', (d) => void d.accept()); // the confirm() of stage changes and closing
    return page;
  }

  it('Iran reserves OP 8, a separate vote is taken live, the chair adopts by consensus and the published text matches', async () => {
    const chair = await pageAs('chair@example.org');
    const list = await (await chair.request.get(`${concord.url}/api/v1/committees/peace-security/resolutions`)).json();
    resolutionId = (list.resolutions ?? list)[0].id;
    const resolutionUrl = `${concord.url}/resolutions/${resolutionId}`;

    // The chair moves the draft through the amendment stage to the vote.
    await chair.goto(resolutionUrl);
    await chair.getByTestId('stage-to-amendments').click();
    await chair.getByTestId('confirm-ok').click(); // the in-app confirmation dialog
    await expect.poll(() => chair.getByTestId('stage-banner').textContent()).toContain('Amendments');
    await chair.getByTestId('stage-to-voting').click();
    await chair.getByTestId('confirm-ok').click(); // the in-app confirmation dialog
    await expect.poll(() => chair.getByTestId('stage-banner').textContent()).toContain('Voting');

    // Iran's delegate records the reservation in the example's words.
    const iran = await pageAs('iran@example.org', `/resolutions/${resolutionId}`);
    await iran.getByTestId('reservation-new').click();
    const form = iran.getByTestId('reservation-form');
    const op8 = await form.locator('select[name="paragraph"] option', { hasText: /^OP 8 — / }).getAttribute('value');
    await form.locator('select[name="paragraph"]').selectOption(op8!);
    await form.locator('select[name="kind"]').selectOption('reservation');
    await form.locator('textarea[name="text"]').fill('in relation to the concept of "gender equality".');
    await form.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => iran.getByTestId('reservations').textContent()).toContain('OP 8');
    // …and it reaches the chair's open page without a reload.
    await expect
      .poll(() => chair.getByTestId('reservations').textContent(), { timeout: 10_000 })
      .toContain('Iran (Islamic Rep. of)');
    // …and shows under OP 8 in the text column itself.
    const markUnderOp8 = (page: Page) =>
      page.evaluate((id) => {
        const el = document.querySelector(`.with-sidebar [data-id="${id}"]`);
        return el ? getComputedStyle(el, '::after').content : null;
      }, op8);
    await expect.poll(() => markUnderOp8(chair), { timeout: 10_000 }).toContain('Reservation: Iran (Islamic Rep. of)');
    await chair
      .locator(`.with-sidebar [data-id="${op8}"]`)
      .first()
      .screenshot({ path: path.join(shots, 'adoption-op8-reservation-mark.png') });

    // A separate electronic vote on OP 8: the chair's chart moves when Iran votes.
    await chair.getByTestId('vote-new').click();
    const voteForm = chair.getByTestId('vote-form');
    await voteForm.locator('select[name="subject"]').selectOption(`paragraph:${op8}`);
    await voteForm.locator('select[name="method"]').selectOption('electronic');
    await voteForm.getByRole('button', { name: 'Open the vote' }).click();
    await expect.poll(() => chair.getByTestId('vote-card').first().getAttribute('data-status')).toBe('open');
    await expect.poll(() => iran.getByTestId('cast-yes').count(), { timeout: 10_000 }).toBe(1);
    await iran.getByTestId('cast-yes').click();
    await expect
      .poll(() => chair.locator('[data-testid="tally-chart"] g[data-choice="yes"]').getAttribute('data-count'), {
        timeout: 10_000,
      })
      .toBe('1');
    await expect.poll(() => chair.getByTestId('ballots-cast').textContent()).toContain('1 of 12');
    await screenshot(chair, 'adoption-live-tally');
    await viewShot(chair, 'adoption-live-tally');
    await chair.getByTestId('vote-close').click();
    await chair.getByTestId('confirm-ok').click(); // the in-app confirmation dialog
    await expect.poll(() => chair.getByTestId('vote-result').getAttribute('data-outcome')).toBe('adopted');
    await expect.poll(() => iran.getByTestId('vote-result').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(iran, 'adoption-vote-result-member');
    await viewShot(iran, 'adoption-vote-result-member');

    // The chair declares adoption by consensus.
    await chair.getByTestId('adopt-open').click();
    const dialog = chair.getByTestId('adoption-dialog');
    await dialog.locator('input[name="date"]').fill('2010-04-01');
    await dialog.locator('input[name="place"]').fill('Bangkok');
    await dialog.locator('input[name="session"]').fill('122nd IPU Assembly');
    await dialog.getByTestId('adopt-confirm').click();
    await expect.poll(() => chair.getByTestId('stage-banner').textContent(), { timeout: 10_000 }).toContain('Adopted');
    await expect.poll(() => iran.getByTestId('adopted-note').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(chair, 'adoption-adopted');
    await viewShot(chair, 'adoption-adopted');

    // The published view: heading and footnote as in the example.
    const observer = await pageAs('observer@example.org', `/resolutions/${resolutionId}/published`);
    const heading = observer.getByTestId('published-heading');
    await heading.waitFor();
    expect((await heading.locator('p').allTextContents()).map((l) => l.trim()).filter(Boolean)).toEqual([
      'Resolution adopted by consensus* by the 122nd IPU Assembly',
      '(Bangkok, 1 April 2010)',
    ]);
    expect((await observer.getByTestId('published-footnotes').textContent())?.trim()).toBe(
      '* The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 8 in relation to the concept of "gender equality".',
    );
    expect(await observer.locator('.pub-operative').count()).toBe(35);
    await screenshot(observer, 'adoption-published');
    await viewShot(observer, 'adoption-published');
    expect(await observer.getByTestId('publish').count()).toBe(0);
    // The chair publishes it; from then on reservations are final.
    await chair.goto(`${resolutionUrl}/published`);
    await chair.getByTestId('publish').click();
    await chair.getByTestId('confirm-ok').click(); // the in-app confirmation dialog
    await expect
      .poll(() => chair.locator('.published-toolbar').textContent(), { timeout: 10_000 })
      .toContain('Published ');
    const late = await iran.request.post(`${concord.url}/api/v1/resolutions/${resolutionId}/reservations`, {
      headers: { origin: concord.url },
      data: { kind: 'reservation', paragraphId: null, text: 'too late.' },
    });
    expect(late.status()).toBe(409);
    const text = await (
      await observer.request.get(`${concord.url}/api/v1/resolutions/${resolutionId}/export?format=text`)
    ).text();
    expect(
      text.startsWith('Resolution adopted by consensus* by the 122nd IPU Assembly\n(Bangkok, 1 April 2010)\n'),
    ).toBe(true);
    // The whole session in one test, three browsers on two cores: more than the default 30 s.
  }, 90_000);
});
