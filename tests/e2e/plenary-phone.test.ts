import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, startConcord, type RunningConcord } from './harness';
import { act, docScreenshot, firstResolutionId, signedIn } from './plenary-helpers';

/**
 * Issue 13 §4: a ballot in every hand. On a 390×844 phone, a delegate at the top of a
 * 50-paragraph text gets the ballot sheet in view when the chair opens a vote (the toast
 * links to it), sees what the delegation voted until the close, then the result. And every
 * page of the app fits 390 px without sideways scrolling.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');
const PHONE = { width: 390, height: 844 };

describe.skipIf(skip)('on a phone', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let id = '';
  let api = '';

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
    api = `${concord.url}/api/v1`;
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  /** Whether the page is wider than the screen (the whole page would scroll sideways). */
  const overflow = (page: Page) =>
    page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      // For the failure message: the outermost elements sticking out (inside no scroll box).
      widest: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => {
          for (let up = el.parentElement; up; up = up.parentElement) {
            const o = getComputedStyle(up).overflowX;
            if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
          }
          return true;
        })
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80)),
    }));

  it('a vote opens: the ballot sheet is in view without scrolling, and says what was voted, then the result', {
    timeout: 180_000,
  }, async () => {
    const chair = await signedIn(browser, concord.url, 'chair@example.org');
    id = await firstResolutionId(chair, concord.url);
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'amendments' });
    const iran = await signedIn(browser, concord.url, 'iran@example.org', { viewport: PHONE });
    // An amendment, so the compilation table has a row with a long redline to fit on a phone.
    const text = await act<{ paragraphs: { id: string; label: string; text: string }[] }>(
      iran,
      'GET',
      `${api}/resolutions/${id}/text`,
    );
    const op8 = text.paragraphs.find((p) => p.label === 'OP 8')!;
    const drafted = await act<{ id: string }>(iran, 'POST', `${api}/resolutions/${id}/amendments`, {
      kind: 'modify',
      targetParagraphId: op8.id,
      proposedText: op8.text.replace('gender equality concerns', 'the rights of women and girls'),
    });
    await act(iran, 'POST', `${api}/amendments/${drafted.id}/table`);
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'voting' });

    await iran.goto(`${concord.url}/resolutions/${id}`);
    await iran.getByTestId('procedure-panel').waitFor();
    // The page hears the procedure stream before the chair acts.
    await expect.poll(() => iran.locator('.procedure-panel .live-dot.on').count(), { timeout: 15_000 }).toBe(1);
    expect(await iran.evaluate(() => window.scrollY)).toBe(0);

    const vote = await act<{ id: string }>(chair, 'POST', `${api}/resolutions/${id}/votes`, {
      subject: { kind: 'amendment', amendmentId: drafted.id },
      method: 'roll_call',
      majority: 'simple',
      quorum: null,
      weighted: false,
    });
    const sheet = iran.getByTestId('ballot-sheet');
    await sheet.waitFor({ timeout: 10_000 });
    const inView = () =>
      sheet.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight + 1 && r.height > 0;
      });
    expect(await inView()).toBe(true);
    expect(await iran.evaluate(() => window.scrollY)).toBe(0);
    for (const choice of ['yes', 'no', 'abstain'])
      expect(await iran.getByTestId(`sheet-cast-${choice}`).isVisible()).toBe(true);

    // The toast links to the ballot: following it puts the focus on the sheet.
    const link = iran.getByTestId('toast-link');
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    expect(await sheet.evaluate((el) => el === document.activeElement)).toBe(true);
    // Followed, the toast goes: on a phone it covered the header.
    expect(await iran.getByTestId('toast').count()).toBe(0);

    await iran.getByTestId('sheet-cast-yes').click();
    await expect
      .poll(() => iran.getByTestId('ballot-sheet-own').textContent(), { timeout: 10_000 })
      .toContain('voted Yes');
    expect(await iran.getByTestId('sheet-cast-yes').getAttribute('aria-pressed')).toBe('true');
    // The sheet's own line says it (and is read out); no toast over the header repeats it.
    expect(await iran.getByTestId('toast').count()).toBe(0);
    await docScreenshot(iran, 'phone-ballot');

    await act(chair, 'POST', `${api}/votes/${vote.id}/close`, {});
    await expect.poll(() => sheet.getAttribute('data-status'), { timeout: 10_000 }).toBe('closed');
    expect(await iran.getByTestId('ballot-sheet-result').textContent()).toContain('Yes 1');
    expect(await inView()).toBe(true);
    await docScreenshot(iran, 'phone-ballot-result');
    await iran.getByTestId('ballot-sheet-toggle').click();
    expect(await sheet.count()).toBe(0);
  });

  it('no page scrolls sideways at 390 px', { timeout: 180_000 }, async () => {
    const anonymous = await (await browser.newContext({ viewport: PHONE })).newPage();
    await anonymous.goto(`${concord.url}/signin`);
    expect((await overflow(anonymous)).scrollWidth).toBeLessThanOrEqual(PHONE.width);

    const chair = await signedIn(browser, concord.url, 'chair@example.org', { viewport: PHONE });
    const pages = [
      '/',
      '/committees/peace-security',
      '/committees/peace-security/import',
      `/resolutions/${id}`,
      `/resolutions/${id}/amendments`,
      `/resolutions/${id}/screen`,
      `/resolutions/${id}/versions/compare`,
      '/settings/tokens',
    ];
    for (const path of pages) {
      await chair.goto(`${concord.url}${path}`);
      await chair.waitForLoadState('networkidle').catch(() => {});
      const seen = await overflow(chair);
      expect({ path, wider: seen.scrollWidth > seen.width, widest: seen.widest }).toEqual({
        path,
        wider: false,
        widest: [],
      });
    }
  });
});
