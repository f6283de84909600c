import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { act, launchBrowser, screenshot, signedInPage, startConcord, type RunningConcord } from './harness';

/**
 * Issue 16 step 2 in the browser: a language version is co-edited live on its languages page
 * (room `<resolution id>/<language>`). The translator and the secretariat both have the
 * French version open: what one types in OP 3 the other sees, Enter and Backspace at a
 * paragraph's edge change no paragraph (structure comes from the original), the words are
 * stored (the side-by-side shows them after a reload), a member reads without an editor, and
 * an Arabic version is edited right to left.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

interface Para {
  id: string;
  label: string;
  text: string;
}

describe.skipIf(skip)('a language version translated live, in the browser', () => {
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
  const call = <T>(page: Page, method: string, path: string, data?: unknown) =>
    act<T>(page, method, `${concord.url}/api/v1${path}`, data);

  const editor = (page: Page) => page.locator('#language-editor');
  const paragraph = (page: Page, label: string) => editor(page).locator(`p[data-label="${label}"]`);
  /** A paragraph's words without the carets of others drawn in it. */
  const wordsOf = (page: Page, label: string) =>
    paragraph(page, label).evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const c of copy.querySelectorAll('.collab-caret')) c.remove();
      return copy.textContent;
    });
  /** Puts the cursor at the start or end of a paragraph's words. */
  async function placeCursor(page: Page, label: string, where: 'start' | 'end') {
    await paragraph(page, label).click();
    await paragraph(page, label).evaluate((p, atStart) => {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) =>
          n.parentElement?.closest('.collab-caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      });
      const texts: Text[] = [];
      while (walker.nextNode()) texts.push(walker.currentNode as Text);
      const node = atStart ? texts[0] : texts[texts.length - 1];
      // A paragraph not translated yet has no words: the cursor goes into it.
      if (!node) getSelection()!.collapse(p, 0);
      else getSelection()!.collapse(node, atStart ? 0 : node.length);
    }, where === 'start');
    await page.waitForTimeout(100); // ProseMirror reads the DOM selection on selectionchange
  }
  /** Opens a version's page and waits for its live editor, connected and loaded. */
  async function openLive(page: Page, url: string) {
    await page.goto(url);
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('connected');
    await page.locator('[data-testid="language-text"]:not([hidden]) #language-editor').waitFor({ timeout: 20_000 });
    await expect.poll(() => editor(page).getAttribute('contenteditable')).toBe('true');
  }

  it('two translators see each other type; Enter splits nothing; the words are stored; readers have no editor', async () => {
    const chair = await pageAs('chair@example.org');
    const list = await call<{ resolutions?: { id: string }[] }>(chair, 'GET', '/committees/peace-security/resolutions');
    const resolutionId = (list.resolutions ?? (list as unknown as { id: string }[]))[0].id;
    const r = `/resolutions/${resolutionId}`;
    await call(chair, 'POST', `${r}/languages`, { language: 'fr', official: true });

    const translator = await pageAs('translator@example.org');
    const { paragraphs } = await call<{ paragraphs: Para[] }>(translator, 'GET', `${r}/text`);
    const file = paragraphs
      .map((p) =>
        p.label.startsWith('OP') ? `${p.label.slice(3)}. Paragraphe ${p.label.slice(3)};` : `Alinéa ${p.label},`,
      )
      .join('\n\n');
    await call(translator, 'POST', `${r}/languages/fr/import`, { text: file });
    const op3 = paragraphs.find((p) => p.label === 'OP 3')!;

    const secretariat = await pageAs('secretariat@example.org');
    const url = `${concord.url}${r}/languages?lang=fr`;
    await openLive(translator, url);
    await openLive(secretariat, url);
    expect(await editor(translator).getAttribute('lang')).toBe('fr');
    expect(await editor(translator).getAttribute('dir')).toBe('ltr');
    for (const page of [translator, secretariat]) {
      await expect.poll(() => editor(page).locator('p[data-kind]').count()).toBe(paragraphs.length);
      // Both are present in the version's room (not the original's).
      await expect.poll(() => page.getByTestId('present-user').count(), { timeout: 10_000 }).toBe(2);
    }
    // No kinds to change in a version: the original decides them.
    expect(await translator.getByTestId('kind-operative').count()).toBe(0);
    // The original's words stand above each paragraph, in English, and are not text of the version.
    const original3 = editor(translator).locator(`[data-testid="original-beside"][data-id="${op3.id}"]`);
    expect(await editor(translator).getByTestId('original-beside').count()).toBe(paragraphs.length);
    expect(await original3.textContent()).toBe(`Original (en): ${op3.text}`);
    expect(await original3.getAttribute('lang')).toBe('en');
    expect(await original3.getAttribute('contenteditable')).toBe('false');
    expect(await original3.evaluate((el) => el.nextElementSibling?.getAttribute('data-label'))).toBe('OP 3');
    expect(await original3.evaluate((el) => el.classList.contains('needs-work'))).toBe(false);
    expect(await wordsOf(secretariat, 'OP 3')).toBe('Paragraphe 3;');

    // The translator types at the end of OP 3; the secretariat sees it live.
    await placeCursor(translator, 'OP 3', 'end');
    await translator.keyboard.type(' sans délai');
    await expect.poll(() => wordsOf(secretariat, 'OP 3'), { timeout: 10_000 }).toBe('Paragraphe 3; sans délai');

    // Enter does not split OP 3, Backspace at the start of OP 4 does not join it to OP 3.
    await translator.keyboard.press('Enter');
    await placeCursor(translator, 'OP 4', 'start');
    await translator.keyboard.press('Backspace');
    // A word typed afterwards reaches the other side: everything before it has too.
    await placeCursor(translator, 'OP 4', 'end');
    await translator.keyboard.type(' (vu)');
    await expect.poll(() => wordsOf(secretariat, 'OP 4'), { timeout: 10_000 }).toBe('Paragraphe 4; (vu)');
    for (const page of [translator, secretariat]) {
      expect(await editor(page).locator('p[data-kind]').count()).toBe(paragraphs.length);
      expect(await wordsOf(page, 'OP 3')).toBe('Paragraphe 3; sans délai');
    }
    await screenshot(translator, 'language-live');
    // What the translator sees on screen (the full page is very long).
    await translator.getByTestId('live-version').scrollIntoViewIfNeeded();
    await translator.getByTestId('live-version').screenshot({ path: 'tests/.tmp/screenshots/language-live-view.png' });

    // Stored before relayed: after a reload the side-by-side shows the words, up to date.
    await translator.reload();
    const row3 = translator.locator(`[data-testid="aligned-row"][data-id="${op3.id}"]`);
    expect(await row3.getByTestId('translation').textContent()).toBe('Paragraphe 3; sans délai');
    expect(await row3.getAttribute('data-status')).toBe('up_to_date');
    expect(await translator.getByTestId('aligned-row').count()).toBe(paragraphs.length);
    await openLive(translator, url);
    expect(await editor(translator).locator('p[data-kind]').count()).toBe(paragraphs.length);

    const axe = await new AxeBuilder({ page: translator })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);

    // A member reads the side-by-side, without a live editor.
    const thailand = await pageAs('thailand@example.org', `${r}/languages?lang=fr`);
    await expect.poll(() => thailand.getByTestId('aligned-row').count()).toBe(paragraphs.length);
    expect(await thailand.getByTestId('live-version').count()).toBe(0);

    // An Arabic version is edited right to left.
    await call(chair, 'POST', `${r}/languages`, { language: 'ar' });
    await openLive(secretariat, `${concord.url}${r}/languages?lang=ar`);
    expect(await editor(secretariat).getAttribute('dir')).toBe('rtl');
    expect(await editor(secretariat).getAttribute('lang')).toBe('ar');
    expect(await editor(secretariat).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // Nothing is translated yet: every original stands out, and reads left to right in English.
    await expect
      .poll(() => editor(secretariat).locator('[data-testid="original-beside"].needs-work').count())
      .toBe(paragraphs.length);
    expect(await editor(secretariat).getByTestId('original-beside').first().getAttribute('dir')).toBe('ltr');
    await placeCursor(secretariat, 'OP 3', 'start');
    await secretariat.keyboard.type('يقرر');
    await expect.poll(() => wordsOf(secretariat, 'OP 3')).toBe('يقرر');
    await secretariat.getByTestId('live-version').screenshot({ path: 'tests/.tmp/screenshots/language-live-ar.png' });
  }, 240_000);

  it('where WebSockets are blocked, the translator writes each paragraph in the table instead', async () => {
    const chair = await pageAs('chair@example.org');
    const list = await call<{ resolutions: { id: string }[] }>(chair, 'GET', '/committees/peace-security/resolutions');
    const r = `/resolutions/${list.resolutions[0].id}`;
    await call(chair, 'POST', `${r}/languages`, { language: 'es' });
    const { paragraphs } = await call<{ paragraphs: Para[] }>(chair, 'GET', `${r}/text`);
    const op3 = paragraphs.find((p) => p.label === 'OP 3')!;
    const url = `${concord.url}${r}/languages?lang=es`;

    // A proxy that refuses WebSockets: every attempt to open the live room closes at once.
    const translator = await pageAs('translator@example.org');
    await translator.routeWebSocket(/\/collab/, (ws) => ws.close({ code: 1011, reason: 'blocked' }));
    await translator.goto(url);
    await translator.getByTestId('live-unreachable').waitFor({ timeout: 20_000 });
    const row = translator.locator(`[data-testid="aligned-row"][data-id="${op3.id}"]`);
    expect(await translator.getByRole('button', { name: /in the live text/ }).count()).toBe(0);
    await row.getByRole('button', { name: 'Translate OP 3' }).click();
    await row.getByRole('textbox').fill('Decide actuar sin demora;');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getByTestId('translation').textContent()).toBe('Decide actuar sin demora;');
    await translator.evaluate(() => window.scrollTo(0, 0));
    await translator.screenshot({ path: 'tests/.tmp/screenshots/language-live-unreachable.png' });

    // Where the live text works, the same translator writes there again, and finds the words.
    const elsewhere = await pageAs('translator@example.org');
    await openLive(elsewhere, url);
    await expect.poll(() => wordsOf(elsewhere, 'OP 3')).toBe('Decide actuar sin demora;');
    expect(await elsewhere.getByRole('button', { name: 'Translate OP 3' }).count()).toBe(0);
    expect(await elsewhere.getByRole('button', { name: 'Edit OP 3 in the live text above' }).count()).toBe(1);
    expect(await elsewhere.getByTestId('live-unreachable').count()).toBe(0);
  }, 120_000);
});
