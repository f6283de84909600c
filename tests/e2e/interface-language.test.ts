import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { DEMO_PASSWORD, launchBrowser, screenshot, startConcord, type RunningConcord } from './harness';
import { act, docScreenshot, firstResolutionId } from './plenary-helpers';

/**
 * Issue 16.6, the interface in the user's language: a browser that asks for French gets the
 * sign-in page and the resolution page in French (html lang="fr", dates and counts written
 * the French way); a user who chooses English in the switcher keeps English after a reload
 * although the browser still asks for French; axe finds nothing serious on the French page.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

describe.skipIf(skip)('the interface in the user’s language', () => {
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

  async function frenchBrowser(): Promise<Page> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    return context.newPage();
  }

  async function signInInFrench(page: Page, email: string) {
    await page.goto(`${concord.url}/signin`);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(`${concord.url}/`);
  }

  it('shows the sign-in page in French to a French browser, and in English to an English one', async () => {
    const fr = await frenchBrowser();
    await fr.goto(`${concord.url}/signin`);
    expect(await fr.locator('html').getAttribute('lang')).toBe('fr');
    expect(await fr.getByRole('heading', { level: 1 }).textContent()).toBe('Se connecter à Concord');
    await fr.getByLabel('Adresse électronique').fill('chair@example.org');
    await fr.getByLabel('Mot de passe').fill('not-the-password');
    await fr.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect.poll(() => fr.getByTestId('signin-error').textContent()).toContain('mot de passe incorrect');
    await fr.context().close();

    const en = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await en.goto(`${concord.url}/signin`);
    expect(await en.locator('html').getAttribute('lang')).toBe('en');
    expect(await en.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Concord');
    await en.context().close();
  });

  it('keeps a signed-out visitor’s choice in the locale cookie', async () => {
    const fr = await frenchBrowser();
    await fr.goto(`${concord.url}/signin`);
    await fr.getByTestId('locale-switcher').selectOption('en');
    await expect.poll(() => fr.locator('html').getAttribute('lang')).toBe('en');
    expect(await fr.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Concord');
    await fr.context().close();
  });

  it('shows the resolution page in French, with French numbers and no serious axe finding', {
    timeout: 180_000,
  }, async () => {
    const chair = await frenchBrowser();
    await signInInFrench(chair, 'chair@example.org');
    expect(await chair.getByRole('heading', { level: 1 }).textContent()).toBe('Vos commissions');
    const id = await firstResolutionId(chair, concord.url);
    // A vote under way, so that the tally and the ballot counts are on the page.
    await act(chair, 'POST', `${concord.url}/api/v1/resolutions/${id}/stage`, { to: 'amendments' });
    await act(chair, 'POST', `${concord.url}/api/v1/resolutions/${id}/stage`, { to: 'voting' });
    await act(chair, 'POST', `${concord.url}/api/v1/resolutions/${id}/votes`, {
      subject: { kind: 'resolution' },
      method: 'electronic',
      majority: 'simple',
      quorum: 1234,
      weighted: false,
    });
    await chair.goto(`${concord.url}/resolutions/${id}`);
    expect(await chair.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => chair.getByTestId('stage-banner').textContent()).toContain('Vote');
    expect(await chair.getByTestId('stage-now').textContent()).toContain('La présidence ouvre les votes');
    await expect.poll(() => chair.getByTestId('connection-status').textContent()).toBe('Connecté');
    expect(await chair.getByRole('heading', { name: 'Procédure' }).count()).toBe(1);
    expect(await chair.getByRole('heading', { name: 'Réserves' }).count()).toBe(1);
    const card = chair.getByTestId('vote-card');
    // "quorum de 1 234": thousands separated by a (narrow) non-breaking space.
    expect(await card.textContent()).toMatch(/Vote électronique · majorité simple · quorum de 1\s234/u);
    expect(await chair.getByTestId('ballots-cast').textContent()).toMatch(/^0 délégations sur \d+ ont voté\.$/);
    expect(await chair.getByTestId('tally-chart').getAttribute('aria-label')).toBe('Pour 0, Contre 0, Abstention 0');
    expect(await chair.getByRole('button', { name: 'Clore le vote' }).count()).toBe(1);
    expect(await chair.getByTestId('amendments-panel').textContent()).toContain(
      'Aucun amendement n’est soumis à la commission.',
    );
    // Dates the French way, from the same month names as the French published text.
    expect(await chair.getByTestId('versions').textContent()).toMatch(
      /\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4} à \d\d:\d\d UTC/,
    );
    await chair.waitForLoadState('networkidle').catch(() => {});
    await screenshot(chair, 'interface-fr-resolution');
    await docScreenshot(chair, 'interface-fr-resolution');

    const axe = await new AxeBuilder({ page: chair })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.passes.length).toBeGreaterThan(10);
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
    ).toEqual([]);

    // The language versions page and the published page's chrome follow too.
    await chair.goto(`${concord.url}/resolutions/${id}/languages`);
    expect(await chair.getByRole('heading', { level: 1 }).textContent()).toBe('Versions linguistiques');
    await chair.context().close();
  });

  it('follows the user’s choice of English after a reload, while the browser says French', async () => {
    const iran = await frenchBrowser();
    await signInInFrench(iran, 'iran@example.org');
    expect(await iran.locator('html').getAttribute('lang')).toBe('fr');
    await iran.getByTestId('locale-switcher').selectOption('en');
    await expect.poll(() => iran.locator('html').getAttribute('lang')).toBe('en');
    await iran.reload();
    expect(await iran.locator('html').getAttribute('lang')).toBe('en');
    expect(await iran.getByRole('heading', { level: 1 }).textContent()).toBe('Your committees');
    const me = await act<{ user: { locale: string | null } }>(iran, 'GET', `${concord.url}/api/v1/me`);
    expect(me.user.locale).toBe('en');
    // Another browser of the same user, with no cookie of this one, follows the stored choice.
    const other = await frenchBrowser();
    await signInInFrench(other, 'iran@example.org');
    expect(await other.locator('html').getAttribute('lang')).toBe('en');
    await iran.context().close();
    await other.context().close();
  });
});
