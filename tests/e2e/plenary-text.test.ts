import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, skipUnless } from '../helpers/services';
import { launchBrowser, startConcord, type RunningConcord } from './harness';
import { act, docScreenshot, firstResolutionId, paragraphsOf, signedIn } from './plenary-helpers';

/**
 * Issue 13 §1: amendments where the text is. OP 8 carries marks for A/1 (Iran) and A/2
 * (Thailand), flagged as changing the same words before any decision; opening A/1 shows its
 * redline under the paragraph with sponsor, co-sponsor and rationale, and "as amended";
 * A/3, adopted by a roll call, says so with the tally — in the text and in the compilation.
 */
const skip = skipUnless(chromiumAvailable(), 'Chromium');

describe.skipIf(skip)('amendments in the text', () => {
  let concord: RunningConcord;
  let browser: Browser;
  let id = '';
  let api = '';
  let proposedA1 = '';

  beforeAll(async () => {
    concord = await startConcord();
    browser = await launchBrowser();
    api = `${concord.url}/api/v1`;
  });
  afterAll(async () => {
    await browser?.close();
    await concord?.stop();
  });

  const editor = (page: Page) => page.locator('[data-testid="resolution-text"]:not([hidden]) #resolution-editor');
  const paragraph = (page: Page, label: string) => editor(page).locator(`p[data-label="${label}"]`);

  it('tables A/1 and A/2 on the same words of OP 8, and A/3 on OP 3, adopted by a roll call', {
    timeout: 120_000,
  }, async () => {
    const chair = await signedIn(browser, concord.url, 'chair@example.org');
    const iran = await signedIn(browser, concord.url, 'iran@example.org');
    const thailand = await signedIn(browser, concord.url, 'thailand@example.org');
    const kenya = await signedIn(browser, concord.url, 'kenya@example.org');
    id = await firstResolutionId(chair, concord.url);
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'amendments' });
    const paragraphs = await paragraphsOf(chair, concord.url, id);
    const op8 = paragraphs.find((p) => p.label === 'OP 8')!;
    const op3 = paragraphs.find((p) => p.label === 'OP 3')!;
    const [thai] = (
      await act<{ delegations: { id: string; name: string }[] }>(
        chair,
        'GET',
        `${api}/committees/peace-security/delegations`,
      )
    ).delegations.filter((d) => d.name === 'Thailand');
    const table = async (page: Page, body: Record<string, unknown>, coSponsor?: Page) => {
      const drafted = await act<{ id: string }>(page, 'POST', `${api}/resolutions/${id}/amendments`, body);
      // Only an accepted co-sponsor is listed: the invited delegation consents first.
      if (coSponsor)
        await act(coSponsor, 'POST', `${api}/amendments/${drafted.id}/cosponsorship`, { answer: 'accept' });
      return (await act<{ number: string }>(page, 'POST', `${api}/amendments/${drafted.id}/table`)).number;
    };
    proposedA1 = op8.text.replace('gender equality concerns', 'the rights of women and girls');
    expect(
      await table(
        iran,
        {
          kind: 'modify',
          targetParagraphId: op8.id,
          proposedText: proposedA1,
          rationale: 'Names those the paragraph protects.',
          coSponsorDelegationIds: thai ? [thai.id] : undefined,
        },
        thailand,
      ),
    ).toBe('A/1');
    expect(
      await table(thailand, {
        kind: 'modify',
        targetParagraphId: op8.id,
        proposedText: op8.text.replace('gender equality', 'equality between women and men'),
      }),
    ).toBe('A/2');
    expect(
      await table(kenya, {
        kind: 'modify',
        targetParagraphId: op3.id,
        proposedText: `${op3.text.replace(/[;.]$/, '')} without delay;`,
      }),
    ).toBe('A/3');
    await act(chair, 'POST', `${api}/resolutions/${id}/stage`, { to: 'voting' });
    const a3 = (
      await act<{ amendments: { id: string; number: string }[] }>(chair, 'GET', `${api}/resolutions/${id}/amendments`)
    ).amendments.find((a) => a.number === 'A/3')!;
    const vote = await act<{ id: string }>(chair, 'POST', `${api}/resolutions/${id}/votes`, {
      subject: { kind: 'amendment', amendmentId: a3.id },
      method: 'roll_call',
      majority: 'simple',
      quorum: null,
      weighted: false,
    });
    for (const member of [iran, thailand])
      await act(member, 'POST', `${api}/votes/${vote.id}/ballots`, { choice: 'yes' });
    await act(kenya, 'POST', `${api}/votes/${vote.id}/ballots`, { choice: 'abstain' });
    await act(chair, 'POST', `${api}/votes/${vote.id}/close`, {});
    for (const p of [chair, iran, thailand, kenya]) await p.close();
  });

  it('OP 8 shows its amendments as marks; A/1 opens in place with its redline, conflict and "as amended"', {
    timeout: 120_000,
  }, async () => {
    const iran = await signedIn(browser, concord.url, 'iran@example.org', { at: `/resolutions/${id}` });
    const op8 = paragraph(iran, 'OP 8');
    await op8.waitFor({ timeout: 30_000 });
    const marks = op8.getByTestId('amend-mark');
    await expect.poll(() => marks.count(), { timeout: 15_000 }).toBe(2);
    expect(await marks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Amendment A/1 by Iran (Islamic Rep. of), tabled; A/1 and A/2 change the same words',
      'Amendment A/2 by Thailand, tabled; A/2 and A/1 change the same words',
    ]);
    // The marks are not words of the paragraph.
    expect(await op8.textContent()).not.toContain('A/1');

    await op8.evaluate((p) => p.scrollIntoView({ block: 'start' }));
    await marks.first().click();
    const detail = editor(iran).getByTestId('amend-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-number')).toBe('A/1');
    // Full width of the text, not a 242 px sidebar.
    const width = await detail.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(600);
    expect(await detail.getByTestId('amend-detail-redline').locator('ins').first().textContent()).toBe(
      'the rights of women and girls',
    );
    expect(await detail.textContent()).toContain('Iran (Islamic Rep. of), with Thailand');
    expect(await detail.textContent()).toContain('Rationale: Names those the paragraph protects.');
    expect(await detail.getByTestId('amend-detail-conflict').textContent()).toContain(
      'A/1 and A/2 change the same words',
    );
    await docScreenshot(iran, 'resolution-amendments-in-text');

    await detail.getByTestId('amend-detail-toggle').click();
    await expect
      .poll(() => editor(iran).getByTestId('amend-detail-amended').textContent(), { timeout: 5_000 })
      .toBe(proposedA1);

    // A/3 on OP 3, decided by the roll call: the mark says adopted, the detail says how.
    const op3mark = paragraph(iran, 'OP 3').getByTestId('amend-mark');
    await expect.poll(() => op3mark.getAttribute('aria-label'), { timeout: 10_000 }).toContain('adopted');
    await op3mark.click();
    await expect
      .poll(() => editor(iran).getByTestId('amend-detail-decided').textContent(), { timeout: 10_000 })
      .toBe('Decided by vote: 2 yes, 0 no, 1 abstention.');
    await iran.close();
  });

  it('the compilation flags the conflict and gives the tally', { timeout: 60_000 }, async () => {
    const chair = await signedIn(browser, concord.url, 'chair@example.org', { at: `/resolutions/${id}/amendments` });
    const row = (n: string) => chair.locator(`[data-testid="compilation-row"][data-number="${n}"]`);
    await row('A/1').waitFor();
    expect(await row('A/1').getByTestId('compilation-conflict').textContent()).toContain(
      'A/1 and A/2 change the same words',
    );
    await expect
      .poll(() => row('A/3').getByTestId('compilation-tally').textContent(), { timeout: 10_000 })
      .toBe('by vote: 2 yes, 0 no, 1 abstention');
    await chair.close();
  });
});
