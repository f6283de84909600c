import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { act, signedInPage, type SignedInOptions } from './harness';

export { act };

/** Shared steps of the plenary suites (issue 13): people signed in, and acts taken through the API. */
export const DOCS_SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const TEST_SCREENSHOTS = path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots');

/** Signed in on the plenary suites' screen size (their screenshots are taken at it). */
export function signedIn(
  browser: Browser,
  url: string,
  email: string,
  { viewport = { width: 1400, height: 900 }, at }: SignedInOptions = {},
): Promise<Page> {
  return signedInPage(browser, url, email, { viewport, at });
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

/**
 * A screenshot for the README: the viewport, as a person sees it. Written into
 * docs/screenshots only with CONCORD_DOC_SCREENSHOTS=1 (to refresh README's pictures); else
 * into tests/.tmp/screenshots, so that a test run leaves every tracked file as it was.
 */
export async function docScreenshot(page: Page, name: string) {
  const folder = process.env.CONCORD_DOC_SCREENSHOTS === '1' ? DOCS_SCREENSHOTS : TEST_SCREENSHOTS;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`) });
}
