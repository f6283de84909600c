import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { act, signedInPage } from './harness';

export { act };

/** Shared steps of the plenary suites (issue 13): people signed in, and acts taken through the API. */
export const DOCS_SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** Signed in on the plenary suites' screen size (their screenshots are taken at it). */
export function signedIn(
  browser: Browser,
  url: string,
  email: string,
  viewport = { width: 1400, height: 900 },
): Promise<Page> {
  return signedInPage(browser, url, email, viewport);
}

export async function firstResolutionId(page: Page, base: string): Promise<string> {
  const list = await act<{ resolutions?: { id: string }[] }>(
    page,
    'GET',
    `${base}/api/v1/committees/peace-security/resolutions`,
  );
  return (list.resolutions ?? (list as unknown as { id: string }[]))[0].id;
}

export async function paragraphsOf(page: Page, base: string, id: string) {
  return (
    await act<{ paragraphs: { id: string; label: string; text: string }[] }>(
      page,
      'GET',
      `${base}/api/v1/resolutions/${id}/text`,
    )
  ).paragraphs;
}

/** A screenshot for the README: the viewport, as a person sees it. */
export async function docScreenshot(page: Page, name: string) {
  fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, `${name}.png`) });
}
