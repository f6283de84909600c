import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';

/** What one cold load of a page of the app shipped: its JavaScript and its HTML. */
export interface Shipped {
  jsFiles: number;
  /** Sum of encodedDataLength of the JS responses: the bytes on the wire as served. */
  jsWireBytes: number;
  contentEncodings: string[];
  /** The same scripts, decoded, gzipped here at level 6. */
  jsGzipBytes: number;
  jsRawBytes: number;
  /** The page's server-rendered HTML, on the wire. */
  htmlWireBytes: number;
  /** The scripts' paths, for seeing what a page ships. */
  jsPaths: string[];
}

/**
 * Clears and disables the cache of `page` (every script comes over the network, as on a
 * first visit) and records every script and the document whose URL contains `documentPath`.
 * `finish` (after the load settled) fetches each script again to weigh it raw and gzipped.
 */
export async function captureShipped(
  context: BrowserContext,
  page: Page,
  documentPath: string,
): Promise<{ finish(): Promise<Shipped> }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map<string, { url: string; encoding: string; bytes: number }>();
  let documentId: string | null = null;
  let htmlWireBytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Document' && new URL(e.response.url).pathname === documentPath) documentId = e.requestId;
    const isJs = e.type === 'Script' || /javascript/.test(e.response.mimeType);
    if (isJs)
      scripts.set(e.requestId, {
        url: e.response.url,
        encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'none',
        bytes: 0,
      });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.bytes = e.encodedDataLength;
    if (e.requestId === documentId) htmlWireBytes = e.encodedDataLength;
  });
  return {
    async finish() {
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const list = [...scripts.values()];
      let raw = 0;
      let gz = 0;
      for (const s of list) {
        // Static chunks need no session; fetched again uncompressed and gzipped here.
        const body = Buffer.from(
          await (await fetch(s.url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer(),
        );
        raw += body.length;
        gz += zlib.gzipSync(body, { level: 6 }).length;
      }
      return {
        jsFiles: list.length,
        jsWireBytes: list.reduce((a, s) => a + s.bytes, 0),
        contentEncodings: [...new Set(list.map((s) => s.encoding))],
        jsGzipBytes: gz,
        jsRawBytes: raw,
        htmlWireBytes,
        jsPaths: list.map((s) => new URL(s.url).pathname).sort(),
      };
    },
  };
}

/**
 * Waits until the in-page watcher (an init script filling `window.__bench`) has recorded
 * `key`, and returns its value.
 */
export function benchMoment(page: Page, key: string, timeout = 60_000): Promise<number> {
  return (
    page
      // A function, not a string: the page's CSP (no 'unsafe-eval') refuses predicates Playwright evals in it.
      .waitForFunction((k) => (window as unknown as { __bench?: Record<string, number> }).__bench?.[k], key, {
        timeout,
      })
      .then((h) => h.jsonValue() as Promise<number>)
  );
}

/** On failure: a screenshot of the page for a person to look at, named in the error. */
export async function withFailureShot<T>(context: BrowserContext, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const shot = `/tmp/concord-bench-B5-${what}-failure-${Date.now()}.png`;
    await context
      .pages()[0]
      ?.screenshot({ path: shot, fullPage: true })
      .catch(() => undefined);
    throw new Error(`${e instanceof Error ? e.message : e} (screenshot: ${shot})`);
  }
}
