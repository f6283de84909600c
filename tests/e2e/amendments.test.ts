import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, screenshot, signedInPage, startConcord, type RunningConcord } from './harness';

/**
 * The amendment procedure in Chromium: Iran tables an amendment to OP 8 (and a new
 * paragraph before it) from the amendments panel; Thailand, in another browser, sees both
 * appear with their redlines without reloading; the chair adopts them and both browsers
 * show the amended text, renumbered: the old OP 8 is now OP 9.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');
const OLD_WORDS = 'gender equality concerns';
const NEW_WORDS = 'the rights of women and girls';

describe.skipIf(skip)('amendments in the browser', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let resolutionUrl = '';
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  const editor = (page: Page) => page.getByTestId('resolution-editor');
  const paragraph = (page: Page, label: string) => editor(page).locator(`p[data-label="${label}"]`);
  const card = (page: Page, number: string) =>
    page.getByTestId('amendments-panel').locator(`[data-testid="amendment-card"][data-number="${number}"]`);

  /** The part of the page a person would look at: the panel, or the viewport. */
  async function shot(page: Page, name: string, what: 'panel' | 'view' = 'panel') {
    const dir = path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}-${what}.png`);
    if (what === 'panel') await page.getByTestId('amendments-panel').screenshot({ path: file });
    else await page.screenshot({ path: file });
  }

  async function open(email: string): Promise<Page> {
    // The first finds the draft as a person does, from the committee's page.
    const page = await signedInPage(browser, concord.url, email, {
      viewport: { width: 1400, height: 1000 },
      at: resolutionUrl || '/committees/peace-security',
    });
    page.on('dialog', (d) => void d.accept());
    if (!resolutionUrl) {
      await page.getByTestId('stage-drafting').getByRole('link').first().click();
      await page.getByTestId('stage-banner').waitFor();
      resolutionUrl = page.url();
    }
    await page.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor').waitFor({ timeout: 30_000 });
    await page.getByTestId('amendments-panel').waitFor();
    pages[email] = page;
    return page;
  }

  it('while drafting, Ctrl+Alt+A in a paragraph opens the amendment form on it', async () => {
    const chair = await open('chair@example.org');
    const op2 = paragraph(chair, 'OP 2');
    await op2.click();
    await chair.keyboard.press('Control+Alt+A');
    await chair.getByTestId('amendment-form').waitFor();
    expect(await chair.getByTestId('amend-paragraph').inputValue()).toBe(await op2.getAttribute('data-id'));
    await chair.getByTestId('amendment-form').getByRole('button', { name: 'Cancel' }).click();
  });

  it('the chair opens the amendments stage', async () => {
    const chair = pages['chair@example.org'];
    await chair.getByTestId('stage-to-amendments').click();
    await chair.getByTestId('confirm-ok').click(); // the in-app confirmation dialog
    await expect
      .poll(() => chair.getByTestId('stage-banner').textContent(), { timeout: 15_000 })
      .toContain('Amendments');
  });

  // Two browsers open the 50-paragraph text: slow on a loaded machine, hence the longer budget.
  it('Iran tables an amendment to OP 8; Thailand sees it appear with its redline, live', {
    timeout: 90_000,
  }, async () => {
    const iran = await open('iran@example.org');
    const thailand = await open('thailand@example.org');
    const op8 = await paragraph(iran, 'OP 8').getAttribute('data-id');
    const text = (await paragraph(iran, 'OP 8').textContent())!;
    expect(text).toContain(OLD_WORDS);

    await iran.getByTestId('amend-start').click();
    await iran.getByTestId('amend-paragraph').selectOption(op8!);
    // The paragraph's words in a tracked-changes editor: the old words struck through, the
    // new ones underlined, in the editor itself as you type.
    const wording = iran.getByTestId('amend-text');
    expect(await wording.textContent()).toBe(text);
    await wording.fill(text.replace(OLD_WORDS, NEW_WORDS));
    await expect.poll(() => wording.locator('del').first().textContent()).toBe(OLD_WORDS);
    expect(await wording.locator('ins').first().textContent()).toBe(NEW_WORDS);
    await iran.getByTestId('amend-rationale').fill('Names those the paragraph protects.');
    await screenshot(iran, 'amendments-drafting');
    await shot(iran, 'amendments-drafting');
    await iran.getByTestId('amend-submit').click();
    await expect
      .poll(async () => (await iran.getByTestId('toast').allTextContents()).join(' | '), { timeout: 15_000 })
      .toContain('Amendment A/1 tabled');

    // Thailand did not reload.
    await card(thailand, 'A/1').waitFor({ timeout: 10_000 });
    expect(await card(thailand, 'A/1').locator('del').textContent()).toBe(OLD_WORDS);
    expect(await card(thailand, 'A/1').locator('ins').textContent()).toBe(NEW_WORDS);
    expect(await card(thailand, 'A/1').textContent()).toContain('Iran (Islamic Rep. of)');
    await screenshot(thailand, 'amendments-seen-live');
    await shot(thailand, 'amendments-seen-live');
  });

  it('Iran also proposes a new paragraph before OP 8', async () => {
    const iran = pages['iran@example.org'];
    const op8 = await paragraph(iran, 'OP 8').getAttribute('data-id');
    await iran.getByTestId('amend-start').click();
    await iran.getByTestId('amend-paragraph').selectOption(op8!);
    const form = iran.getByTestId('amendment-form');
    await setChecked(form.getByLabel('Insert a paragraph'), true);
    await form.getByLabel('Where', { exact: true }).selectOption('before');
    await iran.getByTestId('amend-text').fill('Calls on parliaments to protect victims of trafficking;');
    await iran.getByTestId('amend-submit').click();
    await card(pages['thailand@example.org'], 'A/2').waitFor({ timeout: 10_000 });
  });

  it('the chair adopts both; both browsers show the amended, renumbered text', async () => {
    const chair = pages['chair@example.org'];
    await card(chair, 'A/2').waitFor({ timeout: 10_000 });
    await card(chair, 'A/2').getByTestId('amendment-adopt').click();
    await expect.poll(() => card(chair, 'A/1').getAttribute('data-status'), { timeout: 10_000 }).toBe('tabled');
    await card(chair, 'A/1').getByTestId('amendment-adopt').click();

    for (const page of [pages['iran@example.org'], pages['thailand@example.org'], chair]) {
      await expect
        .poll(() => paragraph(page, 'OP 8').textContent(), { timeout: 15_000 })
        .toBe('Calls on parliaments to protect victims of trafficking;');
      await expect
        .poll(() => paragraph(page, 'OP 9').textContent(), { timeout: 15_000 })
        .toContain(`mainstream ${NEW_WORDS} in all legislation`);
      expect(await editor(page).locator('p[data-kind="operative"]').count()).toBe(36);
    }
    const thailand = pages['thailand@example.org'];
    await thailand.getByRole('button', { name: /decided or withdrawn/ }).click();
    await expect.poll(() => card(thailand, 'A/1').getAttribute('data-status')).toBe('adopted');
    expect(await card(thailand, 'A/1').textContent()).toContain('OP 9');
    await paragraph(thailand, 'OP 9').evaluate((p) => p.scrollIntoView({ block: 'center' }));
    await screenshot(thailand, 'amendments-adopted');
    await shot(thailand, 'amendments-adopted', 'view');
    await shot(thailand, 'amendments-adopted');
    await expect.poll(() => chair.getByTestId('versions').textContent(), { timeout: 10_000 }).toContain('A/1 adopted');
  });

  it('the compilation lists both, with filters and exports', async () => {
    const thailand = pages['thailand@example.org'];
    await thailand.goto(`${resolutionUrl}/amendments`);
    await thailand.getByTestId('compilation-table').waitFor();
    expect(await thailand.getByTestId('compilation-row').count()).toBe(2);
    await thailand.getByTestId('filter-status').selectOption('adopted');
    expect(await thailand.getByTestId('compilation-row').count()).toBe(2);
    await thailand.getByTestId('filter-status').selectOption('tabled');
    expect(await thailand.getByTestId('compilation-row').count()).toBe(0);
    await thailand.getByTestId('filter-status').selectOption('');
    await screenshot(thailand, 'amendments-compilation');
    await shot(thailand, 'amendments-compilation', 'view');
    const docx = await thailand.request.get(
      `${resolutionUrl.replace('/resolutions/', '/api/v1/resolutions/')}/amendments/export?format=docx`,
    );
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
  });
  it('a draft is seen by its delegations only; inviting a co-sponsor shows it to them, live', async () => {
    const kenya = await open('kenya@example.org');
    const canada = await open('canada@example.org');
    const thailand = pages['thailand@example.org'];
    await thailand.goto(resolutionUrl);
    await thailand.getByTestId('amendments-panel').waitFor();
    await kenya.getByTestId('amend-start').click();
    await kenya.getByTestId('amend-paragraph').selectOption((await paragraph(kenya, 'OP 12').getAttribute('data-id'))!);
    await setChecked(kenya.getByTestId('amendment-form').getByLabel('Delete it'), true);
    await setChecked(kenya.getByTestId('amend-table-now'), false);
    await kenya.getByTestId('amend-submit').click();
    const draft = kenya.getByTestId('amendments-panel').locator('[data-testid="amendment-card"][data-status="draft"]');
    await draft.waitFor({ timeout: 10_000 });
    await draft.getByLabel('Invite a co-sponsor to Draft').selectOption({ label: 'Canada' });
    await expect.poll(() => draft.textContent(), { timeout: 10_000 }).toContain('with Canada');
    const seenByCanada = canada
      .getByTestId('amendments-panel')
      .locator('[data-testid="amendment-card"][data-status="draft"]');
    await seenByCanada.waitFor({ timeout: 10_000 });
    await shot(canada, 'amendments-cosponsored-draft');
    expect(await thailand.getByTestId('amendments-panel').locator('[data-status="draft"]').count()).toBe(0);
    // Kenya drops Canada again: the draft leaves Canada's panel without a reload.
    await draft.getByRole('button', { name: 'Remove Canada as co-sponsor of Draft' }).click();
    await kenya.getByTestId('confirm-ok').click();
    await expect.poll(() => seenByCanada.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => draft.textContent(), { timeout: 10_000 }).not.toContain('with Canada');
  });

  it('an invited delegation consents on the card: Canada accepts and is printed, Thailand declines and loses sight of the draft', async () => {
    const kenya = await open('kenya@example.org');
    const canada = await open('canada@example.org');
    const thailand = pages['thailand@example.org'];
    await thailand.goto(resolutionUrl);
    await thailand.getByTestId('amendments-panel').waitFor();
    const draftOf = (page: Page) =>
      page.getByTestId('amendments-panel').locator('[data-testid="amendment-card"][data-status="draft"]');
    const toasts = (page: Page) =>
      page
        .getByTestId('toast')
        .allTextContents()
        .then((t) => t.join(' | '));
    await draftOf(kenya).waitFor({ timeout: 10_000 });

    await draftOf(kenya).getByLabel('Invite a co-sponsor to Draft').selectOption({ label: 'Canada' });
    await draftOf(canada).waitFor({ timeout: 10_000 });
    await expect.poll(() => draftOf(canada).textContent(), { timeout: 10_000 }).toContain('Canada (invited)');
    // Only the invited delegation answers: Kenya, the sponsor, has no such button.
    expect(await draftOf(kenya).getByTestId('cosponsorship-accept').count()).toBe(0);
    await draftOf(canada).getByRole('button', { name: 'Accept co-sponsorship' }).click();
    await expect.poll(() => toasts(canada), { timeout: 10_000 }).toContain('Canada co-sponsors Draft');
    // The card is fetched again: Canada is printed as co-sponsor, no longer as invited.
    await expect.poll(() => draftOf(canada).textContent(), { timeout: 10_000 }).not.toContain('(invited)');
    expect(await draftOf(canada).textContent()).toContain('with Canada');
    expect(await draftOf(canada).getByTestId('cosponsorship-accept').count()).toBe(0);
    await expect.poll(() => draftOf(kenya).textContent(), { timeout: 10_000 }).not.toContain('(invited)');
    await shot(canada, 'amendments-cosponsorship-accepted');

    await draftOf(kenya).getByLabel('Invite a co-sponsor to Draft').selectOption({ label: 'Thailand' });
    await draftOf(thailand).waitFor({ timeout: 10_000 });
    await expect.poll(() => draftOf(thailand).textContent(), { timeout: 10_000 }).toContain('Thailand (invited)');
    await draftOf(thailand).getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => toasts(thailand), { timeout: 10_000 }).toContain('Invitation to co-sponsor Draft declined');
    // Declined, the draft is Kenya's and Canada's again: gone from Thailand's panel, Thailand off Kenya's card.
    await expect.poll(() => draftOf(thailand).count(), { timeout: 10_000 }).toBe(0);
    const listedOnKenyas = (name: string) => draftOf(kenya).getByTestId('cosponsor').filter({ hasText: name }).count();
    await expect.poll(() => listedOnKenyas('Thailand'), { timeout: 10_000 }).toBe(0);
    expect(await listedOnKenyas('Canada')).toBe(1);
  });

  it('from a paragraph of the text, Iran drafts an amendment that Thailand, co-sponsoring, edits with Iran live', async () => {
    const iran = pages['iran@example.org'];
    const thailand = pages['thailand@example.org'];
    await iran.goto(resolutionUrl);
    await iran.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor').waitFor({ timeout: 30_000 });
    // "Amend" in the margin of OP 3 opens the form on OP 3.
    const op3 = paragraph(iran, 'OP 3');
    const op3Id = await op3.getAttribute('data-id');
    await op3.hover();
    await op3.evaluate((p) => p.scrollIntoView({ block: 'center' }));
    await op3.hover();
    await shot(iran, 'amend-from-paragraph', 'view');
    await op3.getByTestId('paragraph-amend').click();
    const form = iran.getByTestId('amendment-form');
    await form.waitFor();
    expect(await iran.getByTestId('amend-paragraph').inputValue()).toBe(op3Id);
    const wording = iran.getByTestId('amend-text');
    const original = (await wording.textContent())!;
    await wording.fill(`${original.replace(/;$/, '')} without delay;`);
    await expect.poll(() => wording.locator('ins').first().textContent()).toContain('without delay');
    await form.locator('summary', { hasText: 'Co-sponsors' }).click();
    await setChecked(form.getByLabel('Thailand', { exact: true }), true);
    await setChecked(iran.getByTestId('amend-table-now'), false);
    await iran.getByTestId('amend-submit').click();
    await expect
      .poll(async () => (await iran.getByTestId('toast').allTextContents()).join(' | '), { timeout: 15_000 })
      .toContain('Draft amendment saved');

    const draftOf = (page: Page) =>
      page
        .getByTestId('amendments-panel')
        .locator('[data-testid="amendment-card"][data-status="draft"]', { hasText: 'OP 3' });
    await draftOf(iran).getByTestId('amendment-edit-live').click();
    await draftOf(thailand).waitFor({ timeout: 10_000 });
    await draftOf(thailand).getByTestId('amendment-edit-live').click();
    /** The wording itself: without the struck-through deletions and carets drawn in it. */
    const wordingIn = (editor: ReturnType<Page['getByTestId']>) =>
      editor.evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[contenteditable="false"], .collab-caret').forEach((n) => {
          n.remove();
        });
        return copy.textContent;
      });
    const iranLive = draftOf(iran).getByTestId('amendment-live-text');
    const thailandLive = draftOf(thailand).getByTestId('amendment-live-text');
    await expect.poll(() => thailandLive.getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => iranLive.getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true');

    // Iran types at the end; Thailand sees the words arrive, underlined, and Iran's caret.
    await iranLive.focus();
    await iran.keyboard.press('Control+End');
    await iran.keyboard.type(' Jointly.');
    await expect.poll(() => wordingIn(thailandLive), { timeout: 10_000 }).toMatch(/without delay; Jointly\.$/);
    expect(await thailandLive.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Jointly.')]),
    );
    await expect
      .poll(() => draftOf(thailand).getByTestId('remote-caret').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await draftOf(thailand).getByTestId('remote-caret').first().textContent()).toContain('Iran');
    // And Thailand's words reach Iran.
    await thailandLive.focus();
    await thailand.keyboard.press('Control+Home');
    await thailand.keyboard.press('Shift+Control+ArrowRight');
    await thailand.keyboard.type('Further');
    await expect.poll(() => wordingIn(iranLive), { timeout: 10_000 }).toMatch(/^Further reaffirms/);
    expect(await iranLive.locator('del').first().textContent()).toBe('Also');
    await screenshot(thailand, 'amendments-live-draft');
    await shot(thailand, 'amendments-live-draft');
    // Thailand, done, sees the card's redline follow Iran's typing (announced every second or two).
    await draftOf(thailand).getByTestId('amendment-live-done').click();
    await iranLive.focus();
    await iran.keyboard.press('Control+End');
    await iran.keyboard.type(' Now.');
    await expect
      .poll(() => draftOf(thailand).getByTestId('amendment-redline').textContent(), { timeout: 10_000 })
      .toMatch(/^AlsoFurther reaffirms.*Jointly\. Now\.$/);

    // What they wrote together is the amendment's proposed text.
    await draftOf(iran).getByTestId('amendment-live-done').click();
    await expect
      .poll(() => draftOf(iran).getByTestId('amendment-redline').textContent(), { timeout: 10_000 })
      .toContain('Jointly. Now.');
    expect(await draftOf(iran).getByTestId('amendment-redline').locator('ins').first().textContent()).toBe('Further');
  });

  it('Thailand proposes moving OP 5 after OP 6, from the same form', async () => {
    const thailand = pages['thailand@example.org'];
    const op5 = await paragraph(thailand, 'OP 5').getAttribute('data-id');
    const op6 = await paragraph(thailand, 'OP 6').getAttribute('data-id');
    await thailand.getByTestId('amend-start').click();
    await thailand.getByTestId('amend-paragraph').selectOption(op5!);
    const form = thailand.getByTestId('amendment-form');
    await setChecked(form.getByLabel('Move it'), true);
    await form.getByLabel('Where to').selectOption('after');
    await thailand.getByTestId('amend-destination').selectOption(op6!);
    await thailand.getByTestId('amend-submit').click();
    await expect
      .poll(async () => (await thailand.getByTestId('toast').allTextContents()).join(' | '), { timeout: 15_000 })
      .toContain('Amendment A/3 tabled');
    await card(thailand, 'A/3').waitFor({ timeout: 10_000 });
    expect(await card(thailand, 'A/3').textContent()).toContain('OP 5');
  });
});

/**
 * Ticks or unticks the way a delegate does: looks again, and clicks again if the page was
 * too busy to take the first click (seen under the full suite on two cores: the click
 * landed while React re-rendered the form and the box stayed as it was).
 */
async function setChecked(box: Locator, value: boolean) {
  await expect
    .poll(
      async () => {
        if ((await box.isChecked()) !== value) await box.click();
        return box.isChecked();
      },
      { timeout: 10_000 },
    )
    .toBe(value);
}
