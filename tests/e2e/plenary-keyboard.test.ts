import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, startConcord, type RunningConcord } from './harness';
import { act, firstResolutionId, signedIn } from './plenary-helpers';

/**
 * Issue 13 §7 by keyboard and screen reader: a skip link to the text; the text is one Tab
 * stop (not one per paragraph) and the arrow keys move between paragraphs even when it is
 * read-only; what others do (stage changes, votes opened, results) is announced.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

describe.skipIf(skip)('the text by keyboard, the procedure by ear', () => {
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

  const active = (page: Page) =>
    page.evaluate(() => ({
      id: document.activeElement?.id ?? '',
      inText: !!document.activeElement?.closest('#resolution-editor'),
    }));

  it('pasting a whole resolution reads its structure, and asks first: it is more than a page', {
    timeout: 120_000,
  }, async () => {
    const example = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../data/ipu-122nd-assembly-resolution.txt'),
      'utf8',
    );
    const chair = await signedIn(browser, concord.url, 'chair@example.org');
    const id = await firstResolutionId(chair, concord.url);
    await chair.goto(`${concord.url}/resolutions/${id}`);
    const editor = chair.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor');
    await editor.locator('p[data-label="OP 35"]').click();
    await chair.keyboard.press('Control+End');
    await chair.keyboard.press('Enter');
    await chair.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      document.querySelector('#resolution-editor')!.dispatchEvent(paste);
    }, example);
    const dialog = chair.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain('Insert 50 paragraphs?');
    await chair.getByTestId('confirm-ok').click();
    await expect.poll(() => editor.locator('p[data-kind="operative"]').count(), { timeout: 10_000 }).toBe(70);
    expect(await editor.locator('p[data-kind="preambular"]').count()).toBe(30);
    // The heading and the footnote stayed out; the typed numbers too.
    const text = (await editor.textContent()) ?? '';
    expect(text).not.toContain('Resolution adopted by consensus');
    expect(await editor.locator('p[data-label="OP 36"]').textContent()).toMatch(/^[A-Z]/);
    await chair.close();
  });

  it('skip link, one Tab stop, arrow keys between paragraphs, and live announcements', {
    timeout: 180_000,
  }, async () => {
    const chair = await signedIn(browser, concord.url, 'chair@example.org');
    const id = await firstResolutionId(chair, concord.url);
    const observer = await signedIn(browser, concord.url, 'observer@example.org', { at: `/resolutions/${id}` });
    const editor = observer.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor');
    await editor.waitFor({ timeout: 30_000 });
    await expect.poll(() => observer.locator('.procedure-panel .live-dot.on').count(), { timeout: 15_000 }).toBe(1);

    // The skip link: first the page's own, then "Skip to the text", which lands in the text.
    const skipToText = observer.getByRole('link', { name: 'Skip to the text' });
    await skipToText.focus();
    await observer.keyboard.press('Enter');
    await expect.poll(() => active(observer)).toEqual({ id: 'resolution-editor', inText: true });

    // One Tab stop: nothing inside the text takes the focus by Tab.
    const tabStops = await editor.evaluate(
      (el) =>
        [...el.querySelectorAll<HTMLElement>('button, a[href], [tabindex]')].filter((x) => x.tabIndex >= 0).length,
    );
    expect(tabStops).toBe(0);
    await observer.keyboard.press('Tab');
    expect((await active(observer)).inText).toBe(false);

    // Arrow keys in the read-only text: paragraph by paragraph.
    await editor.focus();
    await observer.keyboard.press('ArrowDown');
    await observer.keyboard.press('ArrowDown');
    await expect.poll(() => editor.locator('p.para-current').getAttribute('data-label')).toBe('PP 3');
    await observer.keyboard.press('ArrowUp');
    await expect.poll(() => editor.locator('p.para-current').getAttribute('data-label')).toBe('PP 2');

    // Others' acts, announced.
    const announcer = observer.getByTestId('live-announcer');
    const api = `${concord.url}/api/v1`;
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'amendments' });
    await expect
      .poll(() => announcer.textContent(), { timeout: 10_000 })
      .toBe('The resolution moved to the amendment stage.');
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'voting' });
    const vote = await act<{ id: string }>(chair, 'POST', `${api}/resolutions/${id}/votes`, {
      subject: { kind: 'resolution' },
      method: 'electronic',
      majority: 'simple',
      quorum: null,
      weighted: false,
    });
    await expect.poll(() => announcer.textContent(), { timeout: 10_000 }).toBe('A vote is open.');
    await act(chair, 'POST', `${api}/votes/${vote.id}/close`, {});
    await expect.poll(() => announcer.textContent(), { timeout: 10_000 }).toContain('The vote is closed');
  });
});
