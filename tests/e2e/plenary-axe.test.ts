import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, startConcord, type RunningConcord } from './harness';
import { act, firstResolutionId, signedIn } from './plenary-helpers';

/**
 * Issue 13 §7: WCAG 2.2 AA as axe checks it, on every page: no serious or critical
 * violation. The resolution page is checked as each role (what each sees differs).
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

describe.skipIf(skip)('accessibility of every page (axe)', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let id = '';

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  async function violations(page: Page, path: string) {
    await page.goto(`${concord.url}${path}`);
    await page.waitForLoadState('networkidle').catch(() => {});
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    // axe really looked at the page (a check that ran on nothing would pass anything).
    expect(result.passes.length).toBeGreaterThan(10);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ path, id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }

  it('sign-in, home, committee, import and tokens', { timeout: 180_000 }, async () => {
    const anonymous = await (await browser.newContext()).newPage();
    expect(await violations(anonymous, '/signin')).toEqual([]);
    const chair = await signedIn(browser, concord.url, 'chair@example.org');
    id = await firstResolutionId(chair, concord.url);
    for (const path of ['/', '/committees/peace-security', '/committees/peace-security/import', '/settings/tokens'])
      expect(await violations(chair, path)).toEqual([]);
  });

  it('the resolution page as each role, the compilation, the screen and the comparison', {
    timeout: 240_000,
  }, async () => {
    for (const email of ['chair@example.org', 'secretariat@example.org', 'iran@example.org', 'observer@example.org']) {
      const page = await signedIn(browser, concord.url, email);
      expect(await violations(page, `/resolutions/${id}`)).toEqual([]);
      await page.close();
    }
    const chair = await signedIn(browser, concord.url, 'chair@example.org');
    for (const path of [
      `/resolutions/${id}/amendments`,
      `/resolutions/${id}/screen`,
      `/resolutions/${id}/versions/compare`,
    ])
      expect(await violations(chair, path)).toEqual([]);
  });

  it('the published text', { timeout: 120_000 }, async () => {
    const chair = await signedIn(browser, concord.url, 'chair@example.org');
    const api = `${concord.url}/api/v1/resolutions/${id}`;
    await act(chair, 'POST', `${api}/stage`, { to: 'amendments' });
    await act(chair, 'POST', `${api}/stage`, { to: 'voting' });
    await act(chair, 'POST', `${api}/adoption`, { method: 'consensus', date: '2010-04-01', place: 'Bangkok' });
    expect(await violations(chair, `/resolutions/${id}/published`)).toEqual([]);
  });
});
