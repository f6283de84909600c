import type { Browser } from 'playwright-core';
import type { ScreenContent } from '../../lib/screen/content';
import { DEMO_PASSWORD, signIn } from '../../tests/e2e/harness';
import { api, type AppServer } from '../servers/app-server';
import { benchMoment, captureShipped, withFailureShot, type Shipped } from './page-scripts';

/**
 * B5's second half: the room's screen (/resolutions/{id}/screen), as a projector opens it
 * (1920×1080, signed in, cold cache), showing what the chair put on it; then the chair
 * changes it through the API (PUT /resolutions/{id}/screen, what ScreenControl sends) and
 * the screen follows over its event stream ("screen.changed").
 */

/** Something on the screen, and how to recognise it there. */
export interface ScreenItem {
  content: ScreenContent;
  /** The room screen's data-kind once it shows it … */
  kind: ScreenContent['kind'];
  /** … and words of its body that only it shows. */
  mark: string;
}

export interface ScreenLoad extends Shipped {
  /** Navigation start → the item put on the screen before the load is visible. */
  shownMs: number;
  /** Navigation start → the screen's event stream is open (its live dot is on). */
  liveMs: number;
  /** Per change: the chair's PUT sent → the screen shows the new item (wall clock). */
  changeMs: number[];
  /** Per change: the PUT's own round trip. */
  putMs: number[];
}

/**
 * The watcher, run in the page before its own scripts: on every animation frame it notes
 * when `initial` shows, when the stream is live and, for the item the bench says it is
 * about to put on the screen (`__bench.want`), when that shows (Date.now(), comparable with
 * the bench's clock on the same machine). A string: see page.ts.
 */
function watcher(initial: ScreenItem): string {
  return `(() => {
    const initial = ${JSON.stringify({ kind: initial.kind, mark: initial.mark })};
    const b = (window.__bench = { seen: {} });
    const shows = (item) => {
      const screen = document.querySelector('[data-testid=room-screen]');
      const body = document.querySelector('[data-testid=room-body]');
      return !!screen && !!body && screen.getAttribute('data-kind') === item.kind && body.textContent.includes(item.mark);
    };
    const frame = () => {
      const now = performance.now();
      if (b.shown === undefined && shows(initial)) b.shown = now;
      if (b.live === undefined && document.querySelector('[data-testid=room-screen] .live-dot.on')) b.live = now;
      const want = b.want;
      if (want && b.seen[want.id] === undefined && shows(want)) b.seen[want.id] = Date.now();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`;
}

export async function putOnScreen(server: AppServer, chairToken: string, resolutionId: string, item: ScreenItem) {
  await api(server.url, chairToken, 'PUT', `/resolutions/${resolutionId}/screen`, item.content);
}

export async function loadScreenOnce(
  browser: Browser,
  server: AppServer,
  options: {
    resolutionId: string;
    email: string;
    chairToken: string;
    initial: ScreenItem;
    changes: ScreenItem[];
    /** Where to save a screenshot of the screen once it shows `initial`, if anywhere. */
    screenshot?: string;
  },
): Promise<ScreenLoad> {
  const { resolutionId, chairToken, initial } = options;
  await putOnScreen(server, chairToken, resolutionId, initial);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    return await withFailureShot(context, 'screen', async () => {
      const page = await context.newPage();
      await signIn(page, server.url, options.email, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
      const path = `/resolutions/${resolutionId}/screen`;
      const shipped = await captureShipped(context, page, path);
      await page.addInitScript(watcher(initial));
      await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
      const shownMs = await benchMoment(page, 'shown');
      const liveMs = await benchMoment(page, 'live');
      if (options.screenshot) await page.screenshot({ path: options.screenshot });

      const changeMs: number[] = [];
      const putMs: number[] = [];
      for (const [i, item] of options.changes.entries()) {
        const id = `change${i}`;
        await page.evaluate(
          (want) => {
            (window as unknown as { __bench: { want: unknown } }).__bench.want = want;
          },
          { id, kind: item.kind, mark: item.mark },
        );
        const sent = Date.now();
        await putOnScreen(server, chairToken, resolutionId, item);
        putMs.push(Date.now() - sent);
        const seen = await page
          .waitForFunction(
            (k) => (window as unknown as { __bench: { seen: Record<string, number> } }).__bench.seen[k],
            id,
            { timeout: 20_000 },
          )
          .then((h) => h.jsonValue() as Promise<number>);
        changeMs.push(seen - sent);
      }
      return { ...(await shipped.finish()), shownMs, liveMs, changeMs, putMs };
    });
  } finally {
    await context.close();
  }
}

/**
 * What B5 puts on a resolution's screen: before each load, its last tabled amendment (the
 * redline, as in the room) or, with none, a paragraph from the middle; then three changes.
 */
export async function screenPlan(
  server: AppServer,
  token: string,
  resolutionId: string,
): Promise<{ initial: ScreenItem; changes: ScreenItem[] }> {
  const { paragraphs } = await api<{ paragraphs: { id: string; label: string; text: string }[] }>(
    server.url,
    token,
    'GET',
    `/resolutions/${resolutionId}/text`,
  );
  const { amendments } = await api<{ amendments: { id: string; number: string | null; status: string }[] }>(
    server.url,
    token,
    'GET',
    `/resolutions/${resolutionId}/amendments?status=tabled`,
  );
  const paragraph = (i: number): ScreenItem => {
    const p = paragraphs[i];
    return { content: { kind: 'paragraph', paragraphId: p.id }, kind: 'paragraph', mark: p.text.slice(0, 60) };
  };
  const amendment = (a: { id: string; number: string | null }): ScreenItem => ({
    content: { kind: 'amendment', amendmentId: a.id },
    kind: 'amendment',
    mark: `Amendment ${a.number} ·`,
  });
  const numbered = amendments
    .filter((a) => a.number)
    .sort((x, y) => Number(x.number!.replace(/\D/g, '')) - Number(y.number!.replace(/\D/g, '')));
  const votingOrder: ScreenItem = { content: { kind: 'voting-order' }, kind: 'voting-order', mark: '' };
  if (numbered.length > 0)
    return { initial: amendment(numbered.at(-1)!), changes: [paragraph(0), votingOrder, amendment(numbered[0])] };
  return {
    initial: paragraph(Math.floor(paragraphs.length / 2)),
    changes: [paragraph(0), votingOrder, { content: { kind: 'adopted-text' }, kind: 'adopted-text', mark: '' }],
  };
}
