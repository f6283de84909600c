import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, screenshot, signedInPage, startConcord, type RunningConcord } from './harness';

/**
 * Live co-editing in Chromium against the real server (`npm start`): two delegations type in
 * the same paragraph and see each other, an observer watches and cannot type, versions are
 * kept and compared, and closing the drafting stage makes members read-only without reload.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

const IRAN = { email: 'iran@example.org', caret: 'Delegate of Iran · Iran (Islamic Rep. of)' };
const THAILAND = { email: 'thailand@example.org', caret: 'Delegate of Thailand · Thailand' };

describe.skipIf(skip)('co-editing a draft in the browser', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let resolutionUrl: string;
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  const editor = (page: Page) => page.locator('#resolution-editor');
  const paragraph = (page: Page, label: string) => editor(page).locator(`p[data-label="${label}"]`);
  /** A paragraph's text as stored: other people's caret labels sit inside it but are not text. */
  const textOf = (page: Page, label: string) =>
    paragraph(page, label).evaluate((p) => {
      const copy = p.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collab-caret').forEach((c) => {
        c.remove();
      });
      return copy.textContent;
    });
  /** A paragraph's words without the carets of others drawn in it. */
  const wordsOf = (p: ReturnType<typeof paragraph>) =>
    p.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const c of copy.querySelectorAll('.collab-caret')) c.remove();
      return copy.textContent;
    });
  /** Puts the cursor at the start or end of a paragraph (Home/End only reach the visual line). */
  async function placeCursor(page: Page, label: string, where: 'start' | 'end') {
    await paragraph(page, label).click();
    await paragraph(page, label).evaluate((p, atStart) => {
      // Inside the first or last text node (not after it): where a click would put the cursor.
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) =>
          n.parentElement?.closest('.collab-caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      });
      const texts: Text[] = [];
      while (walker.nextNode()) texts.push(walker.currentNode as Text);
      const node = atStart ? texts[0] : texts[texts.length - 1];
      getSelection()!.collapse(node, atStart ? 0 : node.length);
    }, where === 'start');
    await page.waitForTimeout(100); // ProseMirror reads the DOM selection on selectionchange
  }
  /** What a person sees on screen (the full-page shots are very long). */
  const screenshotView = async (page: Page, name: string, label?: string) => {
    if (label?.startsWith('['))
      await page
        .locator(label)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    else if (label) await paragraph(page, label).evaluate((p) => p.scrollIntoView({ block: 'center' }));
    else await page.evaluate(() => window.scrollTo(0, 0));
    const dir = path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}-view.png`) });
  };

  /** Signs in and opens the demo draft with its live editor loaded. */
  async function openDraft(email: string): Promise<Page> {
    // The first finds the draft as a person does, from the committee's page.
    const page = await signedInPage(browser, concord.url, email, {
      viewport: { width: 1280, height: 900 },
      at: resolutionUrl || '/committees/peace-security',
    });
    if (!resolutionUrl) {
      await page.getByTestId('stage-drafting').getByRole('link').first().click();
      await page.getByTestId('stage-banner').waitFor();
      resolutionUrl = page.url();
    }
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('connected');
    // The editor is shown once the server's text has arrived (until then, the read view).
    await page.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor').waitFor({ timeout: 20_000 });
    pages[email] = page;
    return page;
  }

  it('opens the imported text once: 50 paragraphs, numbered in the margin, with unique ids', async () => {
    const page = await openDraft(IRAN.email);
    const count = async () => editor(page).locator('p[data-kind]').count();
    expect(await count()).toBe(50);
    expect(await editor(page).locator('p[data-kind="preambular"]').count()).toBe(15);
    expect(await editor(page).locator('p[data-kind="operative"]').count()).toBe(35);
    const labels = await editor(page)
      .locator('p[data-kind]')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-label')));
    expect(labels.slice(0, 2)).toEqual(['PP 1', 'PP 2']);
    expect(labels[15]).toBe('OP 1');
    expect(labels[49]).toBe('OP 35');
    const ids = await editor(page)
      .locator('p[data-kind]')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(50);
    // The number is drawn beside the text, never part of it.
    expect(await paragraph(page, 'OP 8').textContent()).toMatch(/^Encourages parliaments/);
    expect(await page.getByTestId('access-badge').getAttribute('data-access')).toBe('write');
    expect(await editor(page).getAttribute('contenteditable')).toBe('true');

    // Opening again (a reload) must not add the text a second time.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('connected');
    await expect.poll(count, { timeout: 20_000 }).toBe(50);
    await page.waitForTimeout(500);
    expect(await count()).toBe(50);
    await screenshot(page, 'coediting-opened');
    await screenshotView(page, 'coediting-opened');
  });

  it('a member saves a named version from the sidebar', async () => {
    const page = pages[IRAN.email];
    await page.getByLabel('Save the current text as').fill('Before the Bangkok consultations');
    await page.getByTestId('save-version').click();
    await expect.poll(() => page.getByTestId('versions').textContent()).toContain('Before the Bangkok consultations');
  });

  it('two delegations type in the same paragraph, see each other’s caret and end with the same text; the observer sees it live and cannot type', async () => {
    const iran = pages[IRAN.email];
    const thailand = await openDraft(THAILAND.email);
    const observer = await openDraft('observer@example.org');

    // Presence: everyone is listed, once, with their delegation.
    for (const page of [iran, thailand, observer]) {
      await expect
        .poll(() => page.getByTestId('presence-list').textContent(), { timeout: 10_000 })
        .toContain('Delegate of Thailand');
      await expect.poll(() => page.getByTestId('presence-list').textContent()).toContain('Delegate of Iran');
      await expect.poll(() => page.getByTestId('presence-list').textContent()).toContain('Observer');
    }

    const before = (await textOf(iran, 'OP 1'))!;
    await placeCursor(iran, 'OP 1', 'end');
    await placeCursor(thailand, 'OP 1', 'start');
    // Both at once, in the same paragraph.
    await Promise.all([
      iran.keyboard.type(' Iran adds this.', { delay: 40 }),
      thailand.keyboard.type('Thailand opens. ', { delay: 40 }),
    ]);

    const op1 = (page: Page) => textOf(page, 'OP 1');
    await expect.poll(() => op1(iran), { timeout: 10_000 }).toBe(`Thailand opens. ${before} Iran adds this.`);
    await expect.poll(() => op1(thailand), { timeout: 10_000 }).toBe(`Thailand opens. ${before} Iran adds this.`);
    await expect.poll(() => op1(observer), { timeout: 10_000 }).toBe(`Thailand opens. ${before} Iran adds this.`);
    for (const page of [iran, thailand, observer]) expect(await editor(page).locator('p[data-kind]').count()).toBe(50);

    // Carets with name and delegation, in each other's page and in the observer's.
    await expect
      .poll(() => thailand.locator('.collab-caret-label').allTextContents(), { timeout: 10_000 })
      .toContain(IRAN.caret);
    await expect
      .poll(() => iran.locator('.collab-caret-label').allTextContents(), { timeout: 10_000 })
      .toContain(THAILAND.caret);
    await expect
      .poll(() => observer.locator('.collab-caret-label').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([IRAN.caret, THAILAND.caret]));
    // One colour per delegation.
    const colours = await thailand
      .locator('.collab-caret-label')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.backgroundColor));
    const iranColour = await iran
      .locator('.collab-caret-label')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.backgroundColor));
    expect(colours[0]).not.toBe(iranColour[0]);
    await screenshot(thailand, 'coediting-thailand-sees-iran');
    await screenshotView(thailand, 'coediting-thailand-sees-iran', 'OP 1');
    await screenshotView(iran, 'coediting-iran-sees-thailand', 'OP 1');

    // The observer: read only, says so, and typing changes nothing anywhere.
    expect(await observer.getByTestId('access-badge').getAttribute('data-access')).toBe('read');
    expect(await editor(observer).getAttribute('contenteditable')).toBe('false');
    // Nothing to format when one may only read: no toolbar at all (issue 13 §8).
    expect(await observer.getByRole('toolbar', { name: 'Text formatting' }).count()).toBe(0);
    await paragraph(observer, 'OP 2').click();
    await observer.keyboard.type('observer was here');
    await observer.waitForTimeout(800);
    expect(await textOf(observer, 'OP 2')).not.toContain('observer was here');
    expect(await textOf(iran, 'OP 2')).not.toContain('observer was here');
    await screenshotView(observer, 'coediting-observer', 'OP 1');
  });

  it('Enter splits a paragraph into two of the same kind with a new id; the toolbar changes its kind and undo reverts only my own change', async () => {
    const iran = pages[IRAN.email];
    const thailand = pages[THAILAND.email];
    const op3 = paragraph(iran, 'OP 3');
    const op3Id = await op3.getAttribute('data-id');
    await placeCursor(iran, 'OP 3', 'end');
    await iran.keyboard.press('Enter');
    await iran.keyboard.type('A new operative paragraph from Iran.');
    await expect.poll(() => textOf(thailand, 'OP 4'), { timeout: 10_000 }).toBe('A new operative paragraph from Iran.');
    expect(await paragraph(iran, 'OP 3').getAttribute('data-id')).toBe(op3Id);
    const newId = await paragraph(iran, 'OP 4').getAttribute('data-id');
    expect(newId).toBeTruthy();
    expect(newId).not.toBe(op3Id);

    await iran.waitForTimeout(700); // so undo sees the kind change as its own step, not part of the typing
    await iran.getByTestId('kind-subparagraph').click();
    await expect
      .poll(() => textOf(thailand, '3 (a)'), { timeout: 10_000 })
      .toBe('A new operative paragraph from Iran.');
    expect(await paragraph(iran, '3 (a)').getAttribute('data-id')).toBe(newId);

    // Thailand types elsewhere; Iran's undo takes back Iran's change only.
    const thailandsId = await paragraph(thailand, 'OP 10').getAttribute('data-id');
    const byId = (page: Page) => editor(page).locator(`p[data-id="${thailandsId}"]`);
    await placeCursor(thailand, 'OP 10', 'end');
    await thailand.keyboard.type(' (Thailand)');
    await expect.poll(() => wordsOf(byId(iran)), { timeout: 10_000 }).toMatch(/\(Thailand\)$/);
    await paragraph(iran, '3 (a)').click();
    await iran.getByRole('button', { name: 'Undo my last change' }).click();
    await expect.poll(() => textOf(thailand, 'OP 4'), { timeout: 10_000 }).toBe('A new operative paragraph from Iran.');
    // Thailand's words stay; the paragraph is OP 11 again now that OP 4 is back.
    expect(await wordsOf(byId(thailand))).toMatch(/\(Thailand\)$/);
    expect(await byId(thailand).getAttribute('data-label')).toBe('OP 11');
    await screenshotView(iran, 'coediting-structure', 'OP 3');
  });

  it('pasting from Word or plain text keeps the paragraphs, their kinds, bold and italic; typed numbers are dropped', async () => {
    const iran = pages[IRAN.email];
    const thailand = pages[THAILAND.email];
    await placeCursor(iran, 'OP 6', 'end');
    await iran.keyboard.press('Enter'); // a blank operative paragraph: OP 7
    await editor(iran).evaluate((el) => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<p class=MsoNormal><i>Welcoming</i> the report of the <b>Secretary General</b>,</p><p class=MsoListParagraph><span style="mso-list:Ignore">1.&nbsp;&nbsp; </span>Decides to act;</p><p class=MsoListParagraph><span style="mso-list:Ignore">(a)&nbsp; </span>promptly;</p>',
      );
      data.setData('text/plain', 'Welcoming the report of the Secretary General,\n1. Decides to act;\n(a) promptly;');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => textOf(thailand, 'OP 8'), { timeout: 10_000 }).toBe('Decides to act;');
    expect(await textOf(thailand, 'OP 7')).toBe('Welcoming the report of the Secretary General,');
    expect(await textOf(thailand, '8 (a)')).toBe('promptly;');
    expect(await paragraph(thailand, 'OP 7').locator('em').textContent()).toBe('Welcoming');
    expect(await paragraph(thailand, 'OP 7').locator('strong').textContent()).toBe('Secretary General');
    const ids = await editor(thailand)
      .locator('p[data-kind]')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(ids.length);
    await screenshotView(thailand, 'coediting-paste', 'OP 7');
  });

  it('edits made offline are kept and merge when the connection returns', async () => {
    const iran = pages[IRAN.email];
    const thailand = pages[THAILAND.email];
    await iran.context().setOffline(true);
    await expect
      .poll(() => iran.getByTestId('connection-status').getAttribute('data-status'), { timeout: 10_000 })
      .toMatch(/offline|reconnecting/);
    await placeCursor(iran, 'OP 12', 'end');
    await iran.keyboard.type(' Typed offline by Iran.');
    await placeCursor(thailand, 'OP 12', 'start');
    await thailand.keyboard.type('Thailand online. ');
    await iran.waitForTimeout(1000);
    expect(await textOf(thailand, 'OP 12')).not.toContain('Typed offline by Iran.');
    await screenshotView(iran, 'coediting-offline', 'OP 12');
    await iran.context().setOffline(false);
    await expect
      .poll(() => iran.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('connected');
    await expect
      .poll(() => textOf(thailand, 'OP 12'), { timeout: 10_000 })
      .toMatch(/^Thailand online\. .* Typed offline by Iran\.$/);
    await expect.poll(() => textOf(iran, 'OP 12'), { timeout: 10_000 }).toBe(await textOf(thailand, 'OP 12'));
  });

  it('compares the saved version with the current text as a redline', { timeout: 60_000 }, async () => {
    const iran = pages[IRAN.email];
    await iran.goto(resolutionUrl);
    // A saved version opens read only, as it was.
    await iran.getByTestId('versions').getByRole('link', { name: 'Before the Bangkok consultations' }).click();
    await iran.getByTestId('version-text').waitFor();
    expect(await iran.getByRole('heading', { level: 1 }).textContent()).toBe('Before the Bangkok consultations');
    expect(await iran.getByTestId('version-text').locator('p[data-kind]').count()).toBe(50);
    expect(await iran.getByTestId('version-text').textContent()).not.toContain('Iran adds this.');
    await iran.goBack();
    await iran.getByTestId('compare-versions').click();
    await iran.waitForURL(/\/versions\/compare\?/);
    const summary = await iran.getByTestId('compare-summary').textContent();
    expect(summary).toContain('Before the Bangkok consultations');
    expect(summary).toMatch(/changed/);
    const op1 = iran.locator('[data-testid="redline"] li').filter({ hasText: 'Iran adds this.' });
    expect(await op1.getAttribute('data-change')).toBe('changed');
    expect(await op1.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Iran adds this.')]),
    );
    await screenshot(iran, 'coediting-compare');
    await screenshotView(iran, 'coediting-compare', '[data-change="inserted"]');
  });

  it('when the chair closes drafting, members turn read-only within seconds, without reloading', async () => {
    const iran = pages[IRAN.email];
    await iran.goto(resolutionUrl);
    await expect
      .poll(() => iran.getByTestId('access-badge').getAttribute('data-access'), { timeout: 20_000 })
      .toBe('write');
    const chair = await openDraft('chair@example.org');
    chair.on('dialog', (d) => void d.accept());
    const started = Date.now();
    await chair.getByTestId('stage-to-amendments').click();
    await chair.getByTestId('confirm-ok').click(); // the in-app confirmation dialog
    await expect
      .poll(() => iran.getByTestId('access-badge').getAttribute('data-access'), { timeout: 5_000, interval: 100 })
      .toBe('read');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await editor(iran).getAttribute('contenteditable')).toBe('false');
    // The rest of the page follows too: the banner, and the version kept at the stage change.
    await expect
      .poll(() => iran.getByTestId('stage-banner').textContent(), { timeout: 10_000 })
      .toContain('Amendments');
    await expect
      .poll(() => iran.getByTestId('versions').textContent(), { timeout: 10_000 })
      .toContain('At the start of amendments');
    await screenshotView(iran, 'coediting-read-only-after-stage');
  });

  it('the chair restores the version saved before the consultations: the text is as it was then, everywhere; members see no Restore', async () => {
    const iran = pages[IRAN.email];
    const chair = pages['chair@example.org'];
    const count = (page: Page) => editor(page).locator('p[data-kind]').count();
    // Paragraphs were split and pasted since: the saved version had the imported 50.
    expect(await count(chair)).toBeGreaterThan(50);
    expect(await iran.getByTestId('version-restore').count()).toBe(0);
    await chair.getByRole('button', { name: 'Restore “Before the Bangkok consultations”' }).click();
    await chair.getByTestId('confirm-ok').click();
    await expect
      .poll(async () => (await chair.getByTestId('toast').allTextContents()).join(' | '), { timeout: 10_000 })
      .toContain('“Before the Bangkok consultations” restored');
    await expect
      .poll(() => chair.getByTestId('versions').textContent(), { timeout: 10_000 })
      .toContain('Before restoring “Before the Bangkok consultations”');
    // Iran's open page follows without a reload.
    await expect.poll(() => count(iran), { timeout: 15_000 }).toBe(50);
    await expect.poll(() => count(chair), { timeout: 15_000 }).toBe(50);
  });
});
