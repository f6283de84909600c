import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { act, launchBrowser, screenshot, signedInPage, startConcord, type RunningConcord } from './harness';

/**
 * Issue 16 §3 in the browser: the original and the French version side by side. An adopted
 * amendment to OP 3 makes its French wording "needs translation", shown with the change as a
 * redline; the filter leaves only that row; the translator rewrites it on the page and the
 * counts follow. An Arabic version is written right to left.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

interface Para {
  id: string;
  label: string;
  text: string;
}

describe.skipIf(skip)('language versions side by side, in the browser', () => {
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

  const pageAs = (email: string) => signedInPage(browser, concord.url, email);
  const call = <T>(page: Page, method: string, path: string, data?: unknown) =>
    act<T>(page, method, `${concord.url}/api/v1${path}`, data);

  it('shows statuses, filters what needs translation, lets the translator update it, and writes Arabic right to left', async () => {
    const chair = await pageAs('chair@example.org');
    const list = await call<{ resolutions?: { id: string }[] }>(chair, 'GET', '/committees/peace-security/resolutions');
    const resolutionId = (list.resolutions ?? (list as unknown as { id: string }[]))[0].id;
    const r = `/resolutions/${resolutionId}`;

    // The chair adds the official French version from the page.
    await chair.goto(`${concord.url}${r}`);
    await chair.getByTestId('languages-link').click();
    await chair.waitForURL(`${concord.url}${r}/languages`);
    await expect.poll(() => chair.getByTestId('no-languages').count()).toBe(1);
    await chair.getByLabel('Language code').fill('fr');
    await chair.getByLabel(/Official/).check();
    await chair.getByRole('button', { name: 'Add version' }).click();
    await chair.waitForURL(`${concord.url}${r}/languages?lang=fr`);
    await expect
      .poll(() => chair.getByTestId('language-fr').textContent())
      .toBe('fr: 0 up to date, 50 missing · official');

    // The translator's file arrives (API), then an amendment to OP 3 is adopted.
    const translator = await pageAs('translator@example.org');
    const { paragraphs } = await call<{ paragraphs: Para[] }>(translator, 'GET', `${r}/text`);
    const file = paragraphs
      .map((p) =>
        p.label.startsWith('OP') ? `${p.label.slice(3)}. Paragraphe ${p.label.slice(3)};` : `Alinéa ${p.label},`,
      )
      .join('\n\n');
    await call(translator, 'POST', `${r}/languages/fr/import`, { text: file });
    const op3 = paragraphs.find((p) => p.label === 'OP 3')!;
    await call(chair, 'POST', `${r}/stage`, { to: 'amendments' });
    const thailand = await pageAs('thailand@example.org');
    const drafted = await call<{ id: string }>(thailand, 'POST', `${r}/amendments`, {
      kind: 'modify',
      targetParagraphId: op3.id,
      proposedText: op3.text.replace(/;$/, ', without delay;'),
    });
    await call(thailand, 'POST', `/amendments/${drafted.id}/table`);
    await call(chair, 'POST', `${r}/stage`, { to: 'voting' });
    await call(chair, 'POST', `/amendments/${drafted.id}/decision`, { outcome: 'adopted' });

    // Side by side: OP 3 needs translation, with the original's change as a redline.
    await translator.goto(`${concord.url}${r}/languages?lang=fr`);
    await expect
      .poll(() => translator.getByTestId('language-fr').textContent())
      .toBe('fr: 49 up to date, 1 needs translation · official');
    const rows = translator.getByTestId('aligned-row');
    expect(await rows.count()).toBe(50);
    const row3 = translator.locator(`[data-testid="aligned-row"][data-id="${op3.id}"]`);
    expect(await row3.getAttribute('data-status')).toBe('needs_translation');
    expect(await row3.getByTestId('translation-status').textContent()).toBe('Needs translation');
    expect(await row3.locator('ins').textContent()).toBe(', without delay');
    expect(await row3.getByTestId('translation').textContent()).toBe('Paragraphe 3;');
    expect(await row3.locator('th').textContent()).toBe('OP 3');
    await screenshot(translator, 'languages-side-by-side');

    // The filter leaves only what needs translation.
    await translator.getByTestId('filter-needs-translation').check();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-id')).toBe(op3.id);

    // The axe check on the page as a translator sees it.
    const axe = await new AxeBuilder({ page: translator })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // The translator rewrites OP 3 in the live text above (the row's button takes the caret
    // there: no second form to write a paragraph in); the row and the counts follow.
    expect(await translator.getByRole('button', { name: 'Translate OP 3' }).count()).toBe(0);
    const liveOp3 = translator.locator('#language-editor p[data-label="OP 3"]');
    await expect.poll(() => liveOp3.textContent(), { timeout: 20_000 }).toBe('Paragraphe 3;');
    await translator.getByRole('button', { name: 'Edit OP 3 in the live text above' }).click();
    // The caret is at the start of OP 3: select its words and type over them.
    const caretIn = () =>
      translator.evaluate(() => {
        const node = getSelection()?.anchorNode;
        const element = node instanceof Element ? node : node?.parentElement;
        return element?.closest('p')?.getAttribute('data-label') ?? null;
      });
    await expect.poll(caretIn).toBe('OP 3');
    await translator.keyboard.press('Shift+End');
    await translator.keyboard.type('Paragraphe 3, sans délai;');
    await expect.poll(() => liveOp3.textContent()).toBe('Paragraphe 3, sans délai;');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => translator.getByTestId('nothing-to-translate').count()).toBe(1);
    await expect.poll(() => translator.getByTestId('language-fr').textContent()).toBe('fr: 50 up to date · official');
    // The adopted amendment's proposed text, for French readers: the translator writes it here.
    const amendmentRow = (page: Page) => page.locator(`[data-testid="amendment-translation"][data-id="${drafted.id}"]`);
    expect(await amendmentRow(translator).getAttribute('data-status')).toBe('missing');
    await amendmentRow(translator)
      .getByRole('button', { name: /^Translate / })
      .click();
    await amendmentRow(translator).getByRole('textbox').fill('Paragraphe 3, sans délai;');
    await amendmentRow(translator).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => amendmentRow(translator).getAttribute('data-status')).toBe('up_to_date');
    // A member sees the versions, and the amendment in French, but cannot translate.
    await thailand.goto(`${concord.url}${r}/languages?lang=fr`);
    await expect.poll(() => thailand.getByTestId('aligned-row').count()).toBe(50);
    expect(await amendmentRow(thailand).getByTestId('amendment-translation-text').textContent()).toBe(
      'Paragraphe 3, sans délai;',
    );
    expect(await thailand.getByRole('button', { name: /^Translate/ }).count()).toBe(0);
    expect(await thailand.getByRole('button', { name: /in the live text/ }).count()).toBe(0);

    // An Arabic version: its column is written right to left.
    await chair.goto(`${concord.url}${r}/languages`);
    await chair.getByLabel('Language code').fill('ar');
    await chair.getByRole('button', { name: 'Add version' }).click();
    await chair.waitForURL(`${concord.url}${r}/languages?lang=ar`);
    await call(translator, 'PUT', `${r}/languages/ar/paragraphs/${op3.id}`, { text: 'يقرر' });
    await chair.reload();
    const arabic = chair.locator(`[data-testid="aligned-row"][data-id="${op3.id}"] [data-testid="translation"]`);
    await expect.poll(() => arabic.getAttribute('dir')).toBe('rtl');
    expect(await arabic.getAttribute('lang')).toBe('ar');
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // Four browsers and an amendment's whole procedure on two shared cores: more than 30 s.
  }, 240_000);
});
