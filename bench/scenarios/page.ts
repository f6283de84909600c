import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { loadScreenOnce, screenPlan, type ScreenLoad } from './screen-view';
import { benchMoment, captureShipped, withFailureShot, type Shipped } from './page-scripts';

/**
 * B5: the editor page of the example resolution with 100 tabled amendments, loaded in
 * Chromium by a signed-in member (read-only at the amendments stage: the text must show,
 * synced) and by the secretariat (who may still correct the text: a typed character must
 * appear). Peer: the same page of a copy of the example with no amendments. Then the room's
 * screen of both, as the projector opens it and follows the chair (screen-view.ts).
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

interface Load extends Shipped {
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
    return await withFailureShot(context, 'page', async () => {
      const page = await context.newPage();
      await signIn(page, server.url, email, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
      const route = `/resolutions/${resolutionId}`;
      const shipped = await captureShipped(context, page, route);

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
      await page.goto(`${server.url}${route}`, { waitUntil: 'commit' });
      const syncedMs = await benchMoment(page, 'synced');
      let editableMs: number | null = null;
      let typedMs: number | null = null;
      if (typing) {
        editableMs = await benchMoment(page, 'editable');
        // The end of the document (after "terrorism."): typing there leaves SYNCED_MARK whole for
        // the next runs (a plain End stops at the end of the visual line, maybe inside it).
        await page.locator('[data-testid=resolution-editor]').getByText(SYNCED_MARK).click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type(TYPED);
        typedMs = await benchMoment(page, 'typed');
      }
      const amendmentsShownMs = lastNumber ? await benchMoment(page, 'shown', 20_000).catch(() => null) : null;
      return { ...(await shipped.finish()), syncedMs, editableMs, typedMs, amendmentsShownMs };
    });
  } finally {
    await context.close();
  }
}

/** Who opens the room's screen: the projector's laptop signed in with a role that may only read. */
const SCREEN_VIEWER = 'observer@example.org';

type Measured = Shipped & Partial<Omit<Load, keyof Shipped>> & Partial<Omit<ScreenLoad, keyof Shipped>>;

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
    // One unmeasured load of each page: Next loads a page's server code on its first request.
    await loadOnce(browser, server, f.resolutionId, 'iran@example.org', false, null);
    const pageCases = [
      {
        key: 'member100',
        label: 'page: member, 100 amendments',
        id: f.resolutionId,
        email: 'iran@example.org',
        typing: false,
        last: `A/${AMENDMENTS}`,
      },
      {
        key: 'secretariat100',
        label: 'page: secretariat, 100 amendments',
        id: f.resolutionId,
        email: 'secretariat@example.org',
        typing: true,
        last: `A/${AMENDMENTS}`,
      },
      {
        key: 'member0',
        label: 'page: member, peer with 0 amendments',
        id: f.peerId,
        email: 'iran@example.org',
        typing: false,
        last: null,
      },
    ];
    const screenCases = [
      {
        key: 'screen100',
        label: `screen: 100 amendments, A/${AMENDMENTS} on it`,
        id: f.resolutionId,
        plan: await screenPlan(server, f.chairToken, f.resolutionId),
      },
      {
        key: 'screen0',
        label: 'screen: peer, a paragraph on it',
        id: f.peerId,
        plan: await screenPlan(server, f.chairToken, f.peerId),
      },
    ];
    const screenLoad = (c: (typeof screenCases)[number], screenshot?: string) =>
      loadScreenOnce(browser!, server, {
        resolutionId: c.id,
        email: SCREEN_VIEWER,
        chairToken: f.chairToken,
        initial: c.plan.initial,
        changes: c.plan.changes,
        screenshot,
      });
    await screenLoad(screenCases[0]);
    const loads: Record<string, Measured[]> = Object.fromEntries(
      [...pageCases, ...screenCases].map((c) => [c.key, []]),
    );
    const screenshots: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const c of pageCases) {
        log(`B5: run ${run + 1}/${RUNS}: ${c.label}…`);
        loads[c.key].push(await loadOnce(browser, server, c.id, c.email, c.typing, c.last));
      }
      for (const c of screenCases) {
        log(`B5: run ${run + 1}/${RUNS}: ${c.label}…`);
        const shot = run === 0 ? path.join(os.tmpdir(), `concord-bench-B5-${c.key}.png`) : undefined;
        loads[c.key].push(await screenLoad(c, shot));
        if (shot) screenshots.push(shot);
      }
    }
    if (screenshots.length) log(`B5: the screens as loaded: ${screenshots.join(', ')}`);
    const cases = [...pageCases, ...screenCases];
    const med = (key: string, pick: (l: Measured) => number | null | undefined) => {
      const values = loads[key].map(pick).filter((v): v is number => typeof v === 'number');
      return values.length > 0 && values.length === loads[key].length ? median(values) : null;
    };
    const row = (
      metric: string,
      pick: (l: Measured) => number | null | undefined,
      show: (v: number | null) => string,
    ) => [metric, ...cases.map((c) => show(med(c.key, pick)))];
    /** Every change of every load of a case: median and max. */
    const changes = (key: string, pick: (l: Measured) => number[] | undefined) => {
      const all = loads[key].flatMap((l) => pick(l) ?? []);
      return all.length ? `${fmt.ms(median(all))} (max ${fmt.ms(Math.max(...all))})` : '–';
    };
    const changeRow = (metric: string, pick: (l: Measured) => number[] | undefined) => [
      metric,
      ...cases.map((c) => changes(c.key, pick)),
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
    const screenShown = med('screen100', (l) => l.shownMs);
    const followed = loads.screen100.flatMap((l) => l.changeMs ?? []);
    const changesPerLoad = screenCases[0].plan.changes.length;
    const size = (v: number | null) => (v === null ? '–' : kib(v));
    return {
      id: 'B5',
      title: `B5 page and screen: the editor page and the room's screen of the example with ${AMENDMENTS} tabled amendments, in Chromium (median of ${RUNS} cold loads)`,
      columns: ['metric', ...cases.map((c) => c.label)],
      rows: [
        row(
          'JavaScript files',
          (l) => l.jsFiles,
          (v) => (v === null ? '–' : String(v)),
        ),
        row('JavaScript shipped, gzip (level 6, computed here)', (l) => l.jsGzipBytes, size),
        row(`JavaScript on the wire as served (content-encoding: ${encodings.join(', ')})`, (l) => l.jsWireBytes, size),
        row('JavaScript uncompressed', (l) => l.jsRawBytes, size),
        row('HTML of the page on the wire', (l) => l.htmlWireBytes, size),
        row('navigation → editor shows the synced text', (l) => l.syncedMs, fmt.ms),
        row('navigation → editor editable (secretariat)', (l) => l.editableMs, fmt.ms),
        row('navigation → a typed character is in the editor', (l) => l.typedMs, fmt.ms),
        row(`navigation → "A/${AMENDMENTS}" shown on the page`, (l) => l.amendmentsShownMs, fmt.ms),
        row('navigation → the screen shows what is on it (server-rendered)', (l) => l.shownMs, fmt.ms),
        row("navigation → the screen is live (its event stream's ready)", (l) => l.liveMs, fmt.ms),
        changeRow(
          `chair's PUT sent → the screen shows the new item (median of ${RUNS}×${changesPerLoad} changes)`,
          (l) => l.changeMs,
        ),
        changeRow("the chair's PUT /resolutions/{id}/screen, round trip", (l) => l.putMs),
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
        {
          criterion: "the room's screen shows what the chair put on it, and follows every change",
          pass: screenShown !== null && followed.length === RUNS * changesPerLoad,
          detail: `A/${AMENDMENTS} on the screen after ${fmt.ms(screenShown)} (median, from navigation start); ${followed.length} of ${RUNS * changesPerLoad} changes followed`,
        },
      ],
      notes: [
        buildNote(server.build),
        'Each load is a new browser context that signs in first, then clears and disables the cache and navigates to /resolutions/{id} (the page) or /resolutions/{id}/screen (the screen, 1920×1080, as the observer): every script is fetched as on a first visit. JavaScript = responses of type Script or a JavaScript MIME type; "on the wire" is the sum of CDP encodedDataLength (headers included) as the server sent them; "gzip" fetches each of those scripts again and gzips it in the bench at level 6.',
        "Times are performance.now() in the page (from navigation start), taken on the first animation frame where the condition holds. Typing (secretariat): as soon as the editor is editable, Playwright clicks into the last operative paragraph, presses Ctrl+End and types one character; the time is when it is in the editor's DOM, so it includes those driver round trips (tens of ms). Chromium, server and bench share the machine.",
        `The screen: before each load the chair puts A/${AMENDMENTS} (or, on the peer, a middle paragraph) on it through the API. Once the screen is live, the chair changes it ${changesPerLoad} times through PUT /resolutions/{id}/screen (what the chair's "Show on screen" sends): a paragraph, the voting order, then the first amendment (the peer: the whole text); each change is timed from just before the PUT (the bench's Date.now()) to the first animation frame where the screen shows it (the page's Date.now(), same machine): the server's use case, the "screen.changed" event on the resolution's event stream (SSE), React's render.`,
      ],
      data: {
        amendments: AMENDMENTS,
        runs: RUNS,
        cases: [...pageCases, ...screenCases.map((c) => ({ ...c, viewer: SCREEN_VIEWER }))],
        loads,
        build: server.build,
      },
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}
