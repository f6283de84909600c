import fs from 'node:fs';
import zlib from 'node:zlib';
import { and, eq, inArray } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { seedDemo, DEMO_PASSWORD } from '../../db/commands/demo-seeder';
import { issueApiToken } from '../../db/commands/token-issuer';
import { importResolution } from '../../db/commands/resolution-importer';
import { delegations, users } from '../../db/schema';
import { launchBrowser, signIn } from '../../tests/e2e/harness';
import { median } from '../load/stats';
import { api, buildNote, prepareDataDir, startAppServer, type AppServer } from '../servers/app-server';
import { EXAMPLE_PATH } from '../servers/concord-fixture';
import { fmt, log, type BenchContext, type ScenarioResult } from './context';

/**
 * B5: the editor page of the example resolution with 100 tabled amendments, loaded in
 * Chromium by a signed-in member (read-only at the amendments stage: the text must show,
 * synced) and by the secretariat (who may still correct the text: a typed character must
 * appear). Peer: the same page of a copy of the example with no amendments.
 */

const AMENDMENTS = 100;
const RUNS = 3;
/** Words of the last operative paragraph: present once the live text has synced. */
const SYNCED_MARK = 'call on the United Nations General Assembly in cases related to crime prevention';
const TYPED = '¤';

interface PageFixture {
  resolutionId: string;
  peerId: string;
  secretariatToken: string;
  chairToken: string;
  delegationIds: string[];
}

async function prepare(): Promise<{ dataDir: string; value: PageFixture }> {
  return prepareDataDir(async (db) => {
    const demo = await seedDemo(db);
    const people = await db
      .select()
      .from(users)
      .where(inArray(users.email, ['chair@example.org', 'secretariat@example.org']));
    const id = (email: string) => people.find((u) => u.email === email)!.id;
    const peer = await importResolution(db, {
      committeeId: demo.committeeId,
      actorId: id('chair@example.org'),
      text: fs.readFileSync(EXAMPLE_PATH, 'utf8'),
      title: 'Peer: the example without amendments',
    });
    const rows = await db
      .select({ id: delegations.id })
      .from(delegations)
      .where(and(eq(delegations.committeeId, demo.committeeId)));
    return {
      resolutionId: demo.resolutionId,
      peerId: peer.resolution.id,
      secretariatToken: (await issueApiToken(db, id('secretariat@example.org'), 'benchmark')).token,
      chairToken: (await issueApiToken(db, id('chair@example.org'), 'benchmark')).token,
      delegationIds: rows.map((r) => r.id),
    };
  });
}

/** 100 amendments drafted and tabled through the API, spread over every paragraph. */
async function tableAmendments(server: AppServer, f: PageFixture): Promise<number> {
  const { paragraphs } = await api<{ paragraphs: { id: string; text: string }[] }>(
    server.url,
    f.secretariatToken,
    'GET',
    `/resolutions/${f.resolutionId}/text`,
  );
  let tabled = 0;
  for (let i = 0; i < AMENDMENTS; i++) {
    const p = paragraphs[i % paragraphs.length];
    const draft = await api<{ id: string }>(
      server.url,
      f.secretariatToken,
      'POST',
      `/resolutions/${f.resolutionId}/amendments`,
      {
        kind: 'modify',
        targetParagraphId: p.id,
        proposedText: `${p.text.replace(/[;.,]$/, '')}, as proposed in benchmark amendment ${i + 1};`,
        rationale: `Benchmark amendment ${i + 1}.`,
        sponsorDelegationId: f.delegationIds[i % f.delegationIds.length],
      },
    );
    await api(server.url, f.secretariatToken, 'POST', `/amendments/${draft.id}/table`);
    tabled++;
  }
  return tabled;
}

interface Load {
  jsFiles: number;
  /** Sum of encodedDataLength of the JS responses: the bytes on the wire as served. */
  jsWireBytes: number;
  contentEncodings: string[];
  /** The same scripts, decoded, gzipped here at level 6. */
  jsGzipBytes: number;
  jsRawBytes: number;
  /** The page's HTML (server-rendered, amendments included), on the wire. */
  htmlWireBytes: number;
  /** Navigation start → the editor holds the synced text. */
  syncedMs: number;
  /** Navigation start → the editor is editable (secretariat) … */
  editableMs: number | null;
  /** … → a typed character is in the DOM. */
  typedMs: number | null;
  /** Navigation start → the last tabled amendment's number is on the page. */
  amendmentsShownMs: number | null;
}

async function loadOnce(
  browser: Browser,
  server: AppServer,
  resolutionId: string,
  email: string,
  typing: boolean,
  lastNumber: string | null,
): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, server.url, email, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    // Every script comes over the network, as on a first visit to this page.
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const scripts = new Map<string, { url: string; encoding: string; bytes: number }>();
    let documentId: string | null = null;
    let htmlWireBytes = 0;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Document' && e.response.url.includes('/resolutions/')) documentId = e.requestId;
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

    // Every moment is taken in the page itself, on the first animation frame where it holds,
    // so one measurement never waits for another.
    // A string, not a function: tsx compiles functions with name helpers the page lacks.
    await page.addInitScript(`(() => {
      const mark = ${JSON.stringify(SYNCED_MARK)}, typed = ${JSON.stringify(TYPED)}, last = ${JSON.stringify(lastNumber)};
      const b = (window.__bench = {});
      const frame = () => {
        const now = performance.now();
        const editor = document.querySelector('[data-testid=resolution-editor]');
        const article = document.querySelector('[data-testid=resolution-text]');
        const text = editor ? editor.textContent : '';
        if (b.synced === undefined && editor && article && !article.hidden && text.includes(mark)) {
          b.synced = now;
          b.typedBase = text.split(typed).length;
        }
        if (b.synced !== undefined && b.editable === undefined && editor.getAttribute('contenteditable') === 'true') b.editable = now;
        if (b.synced !== undefined && b.typed === undefined && text.split(typed).length > b.typedBase) b.typed = now;
        if (last && b.shown === undefined && document.querySelector('[data-testid=amendment-card][data-number="' + last + '"]')) b.shown = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })()`);
    await page.goto(`${server.url}/resolutions/${resolutionId}`, { waitUntil: 'commit' });
    const moment = (key: string, timeout = 60_000) =>
      page
        // A function, not a string: the page's CSP (no 'unsafe-eval') refuses predicates Playwright evals in it.
        .waitForFunction((k) => (window as unknown as { __bench?: Record<string, number> }).__bench?.[k], key, {
          timeout,
        })
        .then((h) => h.jsonValue() as Promise<number>);
    const syncedMs = await moment('synced');
    let editableMs: number | null = null;
    let typedMs: number | null = null;
    if (typing) {
      editableMs = await moment('editable');
      // The end of the document (after "terrorism."): typing there leaves SYNCED_MARK whole for
      // the next runs (a plain End stops at the end of the visual line, maybe inside it).
      await page.locator('[data-testid=resolution-editor]').getByText(SYNCED_MARK).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(TYPED);
      typedMs = await moment('typed');
    }
    const amendmentsShownMs = lastNumber ? await moment('shown', 20_000).catch(() => null) : null;
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
      syncedMs,
      editableMs,
      typedMs,
      amendmentsShownMs,
    };
  } catch (e) {
    const shot = `/tmp/concord-bench-B5-failure-${Date.now()}.png`;
    await context
      .pages()[0]
      ?.screenshot({ path: shot, fullPage: true })
      .catch(() => undefined);
    throw new Error(`${e instanceof Error ? e.message : e} (screenshot: ${shot})`);
  } finally {
    await context.close();
  }
}

const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

export async function pageScenario(_ctx: BenchContext): Promise<ScenarioResult> {
  log('B5: preparing the demo committee, the example and a peer copy…');
  const { dataDir, value: f } = await prepare();
  log('B5: starting the app server (server/start.ts)…');
  const server = await startAppServer(dataDir);
  let browser: Browser | null = null;
  try {
    for (const id of [f.resolutionId, f.peerId])
      await api(server.url, f.chairToken, 'POST', `/resolutions/${id}/stage`, { to: 'amendments' });
    log(`B5: drafting and tabling ${AMENDMENTS} amendments through the API…`);
    const t0 = performance.now();
    const tabled = await tableAmendments(server, f);
    log(`B5: ${tabled} tabled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const compilation = await api<unknown[] | { amendments: unknown[] }>(
      server.url,
      f.chairToken,
      'GET',
      `/resolutions/${f.resolutionId}/amendments?status=tabled`,
    );
    const tabledListed = Array.isArray(compilation) ? compilation.length : compilation.amendments.length;

    browser = await launchBrowser();
    // One unmeasured load: Next loads a page's server code on its first request.
    await loadOnce(browser, server, f.resolutionId, 'iran@example.org', false, null);
    const cases = [
      {
        key: 'member100',
        label: 'member, 100 amendments',
        id: f.resolutionId,
        email: 'iran@example.org',
        typing: false,
        last: `A/${AMENDMENTS}`,
      },
      {
        key: 'secretariat100',
        label: 'secretariat, 100 amendments',
        id: f.resolutionId,
        email: 'secretariat@example.org',
        typing: true,
        last: `A/${AMENDMENTS}`,
      },
      {
        key: 'member0',
        label: 'member, peer with 0 amendments',
        id: f.peerId,
        email: 'iran@example.org',
        typing: false,
        last: null,
      },
    ];
    const loads: Record<string, Load[]> = Object.fromEntries(cases.map((c) => [c.key, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const c of cases) {
        log(`B5: run ${run + 1}/${RUNS}: ${c.label}…`);
        loads[c.key].push(await loadOnce(browser, server, c.id, c.email, c.typing, c.last));
      }
    }
    const med = (key: string, pick: (l: Load) => number | null) => {
      const values = loads[key].map(pick).filter((v): v is number => v !== null);
      return values.length === loads[key].length ? median(values) : null;
    };
    const row = (metric: string, pick: (l: Load) => number | null, show: (v: number | null) => string) => [
      metric,
      ...cases.map((c) => show(med(c.key, pick))),
    ];
    const encodings = [
      ...new Set(
        Object.values(loads)
          .flat()
          .flatMap((l) => l.contentEncodings),
      ),
    ];
    const member = med('member100', (l) => l.syncedMs);
    const typed = med('secretariat100', (l) => l.typedMs);
    return {
      id: 'B5',
      title: `B5 page: the editor page of the example with ${AMENDMENTS} tabled amendments, in Chromium (median of ${RUNS} cold loads)`,
      columns: ['metric', ...cases.map((c) => c.label)],
      rows: [
        row(
          'JavaScript files',
          (l) => l.jsFiles,
          (v) => (v === null ? '–' : String(v)),
        ),
        row(
          'JavaScript shipped, gzip (level 6, computed here)',
          (l) => l.jsGzipBytes,
          (v) => (v === null ? '–' : kib(v)),
        ),
        row(
          `JavaScript on the wire as served (content-encoding: ${encodings.join(', ')})`,
          (l) => l.jsWireBytes,
          (v) => (v === null ? '–' : kib(v)),
        ),
        row(
          'JavaScript uncompressed',
          (l) => l.jsRawBytes,
          (v) => (v === null ? '–' : kib(v)),
        ),
        row(
          'HTML of the page on the wire',
          (l) => l.htmlWireBytes,
          (v) => (v === null ? '–' : kib(v)),
        ),
        row('navigation → editor shows the synced text', (l) => l.syncedMs, fmt.ms),
        row('navigation → editor editable (secretariat)', (l) => l.editableMs, fmt.ms),
        row('navigation → a typed character is in the editor', (l) => l.typedMs, fmt.ms),
        row(`navigation → "A/${AMENDMENTS}" shown on the page`, (l) => l.amendmentsShownMs, fmt.ms),
      ],
      verdicts: [
        {
          criterion: `${AMENDMENTS} amendments tabled`,
          pass: tabledListed === AMENDMENTS,
          detail: `${tabled} tabled through the API; the compilation lists ${tabledListed} with status tabled`,
        },
        {
          criterion:
            'the editor accepts typing (secretariat) and shows the synced text (member, read-only at the amendments stage)',
          pass: member !== null && typed !== null,
          detail: `member: synced text after ${fmt.ms(member)}; secretariat: typed character in the DOM after ${fmt.ms(typed)} (medians, from navigation start)`,
        },
      ],
      notes: [
        buildNote(server.build),
        'Each load is a new browser context that signs in first, then clears and disables the cache and navigates to /resolutions/{id}: every script is fetched as on a first visit. JavaScript = responses of type Script or a JavaScript MIME type; "on the wire" is the sum of CDP encodedDataLength (headers included) as the server sent them; "gzip" fetches each of those scripts again and gzips it in the bench at level 6.',
        "Times are performance.now() in the page (from navigation start), taken on the first animation frame where the condition holds. Typing (secretariat): as soon as the editor is editable, Playwright clicks into the last operative paragraph, presses Ctrl+End and types one character; the time is when it is in the editor's DOM, so it includes those driver round trips (tens of ms). Chromium, server and bench share the machine.",
      ],
      data: { amendments: AMENDMENTS, runs: RUNS, cases, loads, build: server.build },
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}
