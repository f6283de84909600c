import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, signedInPage, startConcord, type RunningConcord } from './harness';

/**
 * Issue 13 §2 and §5 in Chromium: the Amend form comes to the delegate (in view and focused
 * after "Amend" on a paragraph far down the page; on the current wording of a paragraph
 * another user wrote after the page loaded; Escape back to the paragraph), and the app's own
 * dialogs (focus inside, Escape returns focus, refusals shown inside), plain-word validation
 * next to the field, and the stage banner saying what comes next.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

describe.skipIf(skip)('the Amend form and the dialogs, in the browser', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let resolutionUrl = '';

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  const editor = (page: Page) => page.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor');
  const paragraph = (page: Page, label: string) => editor(page).locator(`p[data-label="${label}"]`);

  async function open(email: string): Promise<Page> {
    const page = await signedInPage(browser, concord.url, email, {
      viewport: { width: 1400, height: 900 },
      at: resolutionUrl || '/',
    });
    // A native confirm() would be a failure of this issue: refuse any, and remember it.
    page.on('dialog', (d) => {
      nativeDialogs.push(d.message());
      void d.dismiss();
    });
    if (!resolutionUrl) {
      const list = await (await page.request.get(`${concord.url}/api/v1/committees/peace-security/resolutions`)).json();
      resolutionUrl = `${concord.url}/resolutions/${(list.resolutions ?? list)[0].id}`;
      await page.goto(resolutionUrl);
    }
    await editor(page).waitFor({ timeout: 30_000 });
    await page.getByTestId('amendments-panel').waitFor();
    return page;
  }
  const nativeDialogs: string[] = [];
  /** A paragraph's words, without other people's caret labels. */
  const wordsOf = (p: ReturnType<typeof paragraph>) =>
    p.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const c of copy.querySelectorAll('.collab-caret, .para-amend')) c.remove();
      return copy.textContent;
    });

  /** Whether the element's box lies inside the viewport (what a person can see without scrolling). */
  const inViewport = (page: Page, testId: string) =>
    page.getByTestId(testId).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top > -2 && r.top < window.innerHeight && r.bottom > 0;
    });
  const focusInside = (page: Page, testId: string) =>
    page.getByTestId(testId).evaluate((el) => el.contains(document.activeElement));

  it('"Amend" on a paragraph 3,000 px down brings the form into view with the focus in it; Escape goes back', async () => {
    const iran = await open('iran@example.org');
    const last = editor(iran).locator('p[data-label^="OP"]').last();
    await last.evaluate((p) => p.scrollIntoView({ block: 'center' }));
    const scrolled = await iran.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(3000);
    await last.hover();
    await last.getByTestId('paragraph-amend').click();
    await iran.getByTestId('amendment-form').waitFor();
    await expect.poll(() => inViewport(iran, 'amendment-form')).toBe(true);
    await expect.poll(() => focusInside(iran, 'amendment-form')).toBe(true);
    expect(await iran.getByTestId('amend-paragraph').inputValue()).toBe(await last.getAttribute('data-id'));
    expect(await iran.getByTestId('amend-text').textContent()).toBe(await last.textContent());

    // Escape: the form closes and the caret is back in that paragraph, in view.
    await iran.keyboard.press('Escape');
    await expect.poll(() => iran.getByTestId('amendment-form').count()).toBe(0);
    await expect
      .poll(() =>
        iran.evaluate(() => {
          const node = window.getSelection()?.anchorNode;
          const p = node instanceof Element ? node.closest('p') : node?.parentElement?.closest('p');
          return p?.getAttribute('data-label') ?? null;
        }),
      )
      .toBe(await last.getAttribute('data-label'));
    expect(await last.evaluate((p) => p.getBoundingClientRect().top < window.innerHeight)).toBe(true);

    // Ctrl+Alt+A in a paragraph moves the focus into the form, too.
    await paragraph(iran, 'OP 20').click();
    await iran.keyboard.press('Control+Alt+A');
    await expect.poll(() => focusInside(iran, 'amendment-form')).toBe(true);
    expect(await iran.getByTestId('amend-paragraph').inputValue()).toBe(
      await paragraph(iran, 'OP 20').getAttribute('data-id'),
    );
    await iran.keyboard.press('Escape');
    await iran.close();
  });

  it('the form opens on a paragraph another delegate wrote after the page loaded, with its wording', async () => {
    const iran = await open('iran@example.org');
    const chair = await open('chair@example.org');
    const words = 'Requests the Secretary General to report on progress at the next Assembly;';
    await paragraph(chair, 'OP 35').click();
    await chair.keyboard.press('Control+End');
    await chair.keyboard.press('Enter');
    await chair.keyboard.type(words);
    await expect.poll(() => wordsOf(paragraph(iran, 'OP 36')), { timeout: 15_000 }).toBe(words);
    const added = paragraph(iran, 'OP 36');
    await added.evaluate((p) => p.scrollIntoView({ block: 'center' }));
    await added.hover();
    await added.getByTestId('paragraph-amend').click();
    await expect.poll(() => focusInside(iran, 'amendment-form')).toBe(true);
    expect(await iran.getByTestId('amend-paragraph').inputValue()).toBe(await added.getAttribute('data-id'));
    expect(await iran.getByTestId('amend-text').textContent()).toBe(words);

    // An empty new paragraph is refused in plain words next to the wording, with no toast.
    const form = iran.getByTestId('amendment-form');
    await form.getByLabel('Insert a paragraph').check();
    await iran.getByTestId('amend-submit').click();
    const error = iran.getByTestId('field-error-proposedText');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).not.toContain('body.');
    expect(await error.textContent()).not.toContain('proposedText');
    expect(await iran.getByTestId('toast').count()).toBe(0);
    await iran.close();
    await chair.close();
  });

  it("stage changes are asked in the app's dialog: focus inside, Escape returns it, the banner says what is next", async () => {
    const chair = await open('chair@example.org');
    expect(await chair.getByTestId('stage-next').textContent()).toContain('amendment stage');
    const button = chair.getByTestId('stage-to-amendments');
    await button.focus();
    await chair.keyboard.press('Enter');
    await chair.getByTestId('confirm-dialog').waitFor();
    expect(await focusInside(chair, 'confirm-dialog')).toBe(true);
    // Tab stays inside the modal dialog.
    for (let i = 0; i < 4; i++) {
      await chair.keyboard.press('Tab');
      expect(await focusInside(chair, 'confirm-dialog')).toBe(true);
    }
    await chair.keyboard.press('Escape');
    await expect.poll(() => chair.getByTestId('confirm-dialog').count()).toBe(0);
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await chair.getByTestId('stage-banner').textContent()).toContain('Drafting');

    await button.click();
    await chair.getByTestId('confirm-ok').click();
    await expect
      .poll(() => chair.getByTestId('stage-next').textContent(), { timeout: 15_000 })
      .toContain('Votes are opened at the voting stage');
    expect(await chair.getByTestId('votes-later').textContent()).toContain('voting stage');
    expect(nativeDialogs).toEqual([]);
  });

  it('a refusal is shown inside the dialog that asked, not behind it', { timeout: 120_000 }, async () => {
    const chair = await open('chair@example.org');
    // Voting: open a vote on the whole text, then try to declare adoption while it is open.
    await chair.getByTestId('stage-to-voting').click();
    await chair.getByTestId('confirm-ok').click();
    await chair.getByTestId('vote-new').waitFor({ timeout: 15_000 });
    await chair.getByTestId('vote-new').click();
    await chair.getByTestId('vote-form').getByRole('button', { name: 'Open the vote' }).click();
    await chair.getByTestId('vote-card').waitFor();
    await chair.getByTestId('adopt-open').click();
    const dialog = chair.getByTestId('adoption-dialog');
    await dialog.locator('input[name="date"]').fill('2010-04-01');
    expect(await chair.getByTestId('adoption-date-words').textContent()).toContain('1 April 2010');
    await dialog.getByTestId('adopt-confirm').click();
    await chair.getByTestId('adoption-problem').waitFor({ timeout: 10_000 });
    expect(await chair.getByTestId('adoption-problem').isVisible()).toBe(true);
    // One outcome, said once: in the dialog, not also as an error toast behind its backdrop.
    expect(await chair.locator('.toast-error').count()).toBe(0);
    expect(nativeDialogs).toEqual([]);
  });
});
