import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDelegation, addMember, createCommittee } from '../../db/commands/committee-roster';
import { issueApiToken } from '../../db/commands/token-issuer';
import { importResolution } from '../../db/commands/resolution-importer';
import { HttpConnection } from '../load/http-connection';
import { percentileOf } from '../load/stats';
import {
  api,
  buildNote,
  ApiError,
  prepareDataDir,
  preparePostgres,
  startAppServer,
  type AppServer,
} from '../servers/app-server';
import type { Db } from '../../db/client';
import { DELEGATIONS, EXAMPLE_PATH } from '../servers/concord-fixture';
import { openEventStream, type EventStream } from './event-stream';
import { fmt, log, type BenchContext, type ScenarioResult } from './context';

/**
 * B4: a committee of 190 delegations, one member each with an API token; the chair opens an
 * electronic vote on the whole text and every member POSTs a ballot at the same moment.
 * Then all of them change their ballot, again at once. Measured on the whole app server.
 */

type Choice = 'yes' | 'no' | 'abstain';
/**
 * Round 0: half yes, half abstain. Round 1: everyone changes to no. The final tally of each
 * round is then reached only by its last ballot (round 1's 0/190/0 by no earlier state), so
 * "the final tally is shown" cannot be met by a passing coincidence of counts.
 */
const choiceIn = (round: number, i: number): Choice => (round === 0 ? (i % 2 === 0 ? 'yes' : 'abstain') : 'no');

interface BallotFixture {
  resolutionId: string;
  chairToken: string;
  observerToken: string;
  members: { delegationId: string; token: string }[];
}

async function fillBallotCommittee(db: Db): Promise<BallotFixture> {
  const people = await db.transaction(async (tx) => {
    const committee = await createCommittee(tx, {
      slug: 'bench-ballots',
      name: 'Ballot Committee',
      sessionLabel: 'Benchmark Assembly',
      place: 'Geneva',
    });
    const chair = await addMember(tx, committee.id, {
      email: 'chair@bench.invalid',
      name: 'Bench chair',
      role: 'chair',
    });
    const observer = await addMember(tx, committee.id, {
      email: 'observer@bench.invalid',
      name: 'Bench observer',
      role: 'observer',
    });
    const members: BallotFixture['members'] = [];
    for (let i = 0; i < DELEGATIONS; i++) {
      const delegation = await addDelegation(tx, committee.id, {
        name: `Delegation ${String(i + 1).padStart(3, '0')}`,
      });
      const m = await addMember(tx, committee.id, {
        email: `delegate-${i}@bench.invalid`,
        name: `Delegate ${i}`,
        role: 'member',
        delegationId: delegation.id,
      });
      members.push({ delegationId: delegation.id, token: (await issueApiToken(tx, m.userId, 'benchmark')).token });
    }
    return {
      committeeId: committee.id,
      chairId: chair.userId,
      chairToken: (await issueApiToken(tx, chair.userId, 'benchmark')).token,
      observerToken: (await issueApiToken(tx, observer.userId, 'benchmark')).token,
      members,
    };
  });
  const { resolution } = await importResolution(db, {
    committeeId: people.committeeId,
    actorId: people.chairId,
    text: fs.readFileSync(EXAMPLE_PATH, 'utf8'),
    title: 'Benchmark resolution',
  });
  return {
    resolutionId: resolution.id,
    chairToken: people.chairToken,
    observerToken: people.observerToken,
    members: people.members,
  };
}

interface PresentedVote {
  id: string;
  status: string;
  eligible: number;
  ballotsCast: number;
  tally: { yes: number; no: number; abstain: number } | null;
  ballots: { delegationId: string; choice: Choice }[];
}

interface RoundResult {
  sentSpreadMs: number;
  accepted: number;
  refused: string[];
  replaced: number;
  latency: { p50: number; p99: number; max: number };
  allAnsweredMs: number;
  /** First ballot sent → the observer's event stream shows the final tally. */
  tallyShownMs: number | null;
  eventsSeen: number;
  recorded: {
    ballotsCast: number;
    tallySum: number;
    distinctDelegations: number;
    choicesAsCast: boolean;
    tallyAsExpected: boolean;
    /** ballot.cast entries added to the audit log by this round (one per ballot). */
    auditEntries: number;
  };
}

/**
 * How the delegates' ballots are sent: `lean` (default), each delegate its own kept-alive
 * connection speaking HTTP/1.1 through bench/load/http-connection.ts; `fetch`
 * (BENCH_BALLOT_CLIENT=fetch), Node's fetch and its shared connection pool, what B4 used
 * before — for an A/B of what the client itself costs.
 */
type BallotClient = 'lean' | 'fetch';
const ballotClient = (): BallotClient => (process.env.BENCH_BALLOT_CLIENT === 'fetch' ? 'fetch' : 'lean');

/**
 * One delegate's ballot, answered: whether it replaced an earlier one. `connections` holds
 * each delegate's own connection (lean client); a missing one is opened here, inside the
 * time measured, as a browser opening its connection to vote.
 */
async function castOne(
  server: AppServer,
  connections: (HttpConnection | null)[],
  i: number,
  token: string,
  voteId: string,
  choice: Choice,
): Promise<{ replaced: boolean }> {
  const route = `/votes/${voteId}/ballots`;
  if (ballotClient() === 'fetch') return api<{ replaced: boolean }>(server.url, token, 'POST', route, { choice });
  connections[i] ??= await HttpConnection.open(server.url);
  const answer = await connections[i].request(
    'POST',
    `/api/v1${route}`,
    { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    JSON.stringify({ choice }),
  );
  let parsed: unknown = answer.body;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    // not JSON: kept as text for the error
  }
  if (answer.status >= 300) throw new ApiError(answer.status, parsed, `POST ${route}`);
  return parsed as { replaced: boolean };
}

/** Each delegate's page reads the vote when it is announced, over its own connection (lean client). */
async function announce(server: AppServer, fixture: BallotFixture, voteId: string): Promise<(HttpConnection | null)[]> {
  if (ballotClient() === 'fetch') {
    await Promise.all(fixture.members.map((m) => api(server.url, m.token, 'GET', `/votes/${voteId}`)));
    return fixture.members.map(() => null);
  }
  return Promise.all(
    fixture.members.map(async (m) => {
      const connection = await HttpConnection.open(server.url);
      const answer = await connection.request('GET', `/api/v1/votes/${voteId}`, { authorization: `Bearer ${m.token}` });
      if (answer.status !== 200) throw new ApiError(answer.status, answer.body, `GET /votes/${voteId}`);
      return connection;
    }),
  );
}

async function castRound(
  server: AppServer,
  fixture: BallotFixture,
  voteId: string,
  stream: EventStream,
  round: number,
  connections: (HttpConnection | null)[],
): Promise<RoundResult> {
  const choiceOf = (i: number) => choiceIn(round, i);
  const expected = { yes: 0, no: 0, abstain: 0 };
  fixture.members.forEach((_, i) => {
    expected[choiceOf(i)]++;
  });
  const isFinal = (t: PresentedVote['tally']) =>
    !!t && t.yes === expected.yes && t.no === expected.no && t.abstain === expected.abstain;
  const shown = stream.waitFor(
    (e) =>
      e.type === 'ballot.cast' &&
      (e.data as { voteId?: string }).voteId === voteId &&
      isFinal((e.data as { tally?: PresentedVote['tally'] }).tally ?? null),
    60_000,
  );
  const eventsBefore = stream.count;
  const auditBefore = await ballotAuditEntries(server, fixture);

  const latencies: number[] = [];
  const refused: string[] = [];
  let replaced = 0;
  const sendTimes: number[] = [];
  const first = performance.now();
  // All 190 requests leave in the same tick: the "same second" of the issue, as tight as one client process can make it.
  const answers = fixture.members.map(async (m, i) => {
    const t0 = performance.now();
    sendTimes.push(t0);
    try {
      const res = await castOne(server, connections, i, m.token, voteId, choiceOf(i));
      if (res.replaced) replaced++;
    } catch (e) {
      refused.push(e instanceof ApiError ? `${e.status}` : String(e));
    } finally {
      latencies.push(performance.now() - t0);
    }
  });
  await Promise.all(answers);
  const allAnsweredMs = performance.now() - first;
  const shownAt = await shown.catch(() => null);
  const vote = await api<PresentedVote>(server.url, fixture.observerToken, 'GET', `/votes/${voteId}`);
  const byDelegation = new Map(vote.ballots.map((b) => [b.delegationId, b.choice]));
  const tally = vote.tally ?? { yes: 0, no: 0, abstain: 0 };
  const auditEntries = (await ballotAuditEntries(server, fixture)) - auditBefore;
  return {
    sentSpreadMs: Math.max(...sendTimes) - Math.min(...sendTimes),
    accepted: fixture.members.length - refused.length,
    refused,
    replaced,
    latency: { p50: percentileOf(latencies, 0.5), p99: percentileOf(latencies, 0.99), max: Math.max(...latencies) },
    allAnsweredMs,
    tallyShownMs: shownAt === null ? null : shownAt - first,
    eventsSeen: stream.count - eventsBefore,
    recorded: {
      ballotsCast: vote.ballotsCast,
      tallySum: tally.yes + tally.no + tally.abstain,
      distinctDelegations: byDelegation.size,
      choicesAsCast: fixture.members.every((m, i) => byDelegation.get(m.delegationId) === choiceOf(i)),
      tallyAsExpected: isFinal(vote.tally),
      auditEntries,
    },
  };
}

async function ballotAuditEntries(server: AppServer, fixture: BallotFixture): Promise<number> {
  const { events } = await api<{ events: { action: string }[] }>(
    server.url,
    fixture.chairToken,
    'GET',
    `/resolutions/${fixture.resolutionId}/audit?limit=5000`,
  );
  return events.filter((e) => e.action === 'ballot.cast').length;
}

type Engine = 'PGlite' | 'PostgreSQL';

/**
 * How the delegates' clients reach the server when they vote. `new`: each ballot opens its
 * own connection (a browser speaking HTTP/1.1 straight to Node, whose page has made no
 * request for a while). `open`: each client already holds a connection — its page read the
 * vote when it was announced a moment before (GET /votes/{id}), as a browser does behind the
 * nginx recipe (HTTP/2 to the browser, kept-alive connections to Node) or within the
 * server's keep-alive time.
 */
type Connections = 'new' | 'open';

interface EngineRun {
  engine: Engine;
  connections: Connections;
  rounds: RoundResult[];
  build: AppServer['build'];
}

/** Prepares the committee on one engine, starts the app server on it, and plays both rounds. */
async function runOn(engine: Engine, connections: Connections): Promise<EngineRun> {
  log(`B4 (${engine}): preparing a committee of ${DELEGATIONS} delegations, a member and a token each…`);
  let server: AppServer;
  let fixture: BallotFixture;
  let drop = async () => {};
  if (engine === 'PGlite') {
    const prepared = await prepareDataDir(fillBallotCommittee);
    fixture = prepared.value;
    log(`B4 (${engine}): starting the app server (server/start.ts)…`);
    server = await startAppServer(prepared.dataDir);
  } else {
    const prepared = await preparePostgres(fillBallotCommittee);
    fixture = prepared.value;
    drop = prepared.drop;
    log(`B4 (${engine}): starting the app server (server/start.ts)…`);
    server = await startAppServer(fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-app-')), {
      databaseUrl: prepared.url,
    }).catch(async (e) => {
      await drop();
      throw e;
    });
  }
  let stream: EventStream | null = null;
  let delegateConnections: (HttpConnection | null)[] = [];
  try {
    const { resolutionId, chairToken } = fixture;
    await api(server.url, chairToken, 'POST', `/resolutions/${resolutionId}/stage`, { to: 'amendments' });
    await api(server.url, chairToken, 'POST', `/resolutions/${resolutionId}/stage`, { to: 'voting' });
    const opened = await api<{ id: string }>(server.url, chairToken, 'POST', `/resolutions/${resolutionId}/votes`, {
      subject: { kind: 'resolution' },
      method: 'electronic',
    });
    const voteId = opened.id;
    stream = await openEventStream(server.url, fixture.observerToken, resolutionId);
    // Next loads a route's code on its first request: a refused ballot (invalid choice,
    // changes nothing) loads it, so the first real ballot is not the one paying for that.
    await api(server.url, fixture.members[0].token, 'POST', `/votes/${voteId}/ballots`, { choice: 'maybe' }).catch(
      () => undefined,
    );
    await api(server.url, fixture.observerToken, 'GET', `/votes/${voteId}`);
    await ballotAuditEntries(server, fixture);
    let held: (HttpConnection | null)[] = fixture.members.map(() => null);
    if (connections === 'open') {
      // The vote is announced; every delegate's page reads it; they vote a moment later.
      held = await announce(server, fixture, voteId);
      await new Promise((r) => setTimeout(r, 1000));
    }
    delegateConnections = held;

    log(`B4 (${engine}, connections ${connections}): round 1 — 190 first ballots at once…`);
    const first = await castRound(server, fixture, voteId, stream, 0, held);
    log(`B4 (${engine}, connections ${connections}): round 2 — 190 changed ballots at once…`);
    const second = await castRound(server, fixture, voteId, stream, 1, held);
    return { engine, connections, rounds: [first, second], build: server.build };
  } finally {
    for (const c of delegateConnections) c?.close();
    stream?.close();
    await server.stop();
    await drop();
  }
}

export async function ballotsScenario(_ctx: BenchContext): Promise<ScenarioResult> {
  const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
  const runs: EngineRun[] = [];
  for (const engine of engines)
    for (const connections of ['open', 'new'] as const) runs.push(await runOn(engine, connections));
  const rounds = runs.flatMap((run) =>
    run.rounds.map((r, i) => ({
      engine: `${run.engine} (connections ${run.connections})`,
      connections: run.connections,
      round: i + 1,
      r,
    })),
  );

  const ok = (r: RoundResult) =>
    r.accepted === DELEGATIONS &&
    r.recorded.ballotsCast === DELEGATIONS &&
    r.recorded.tallySum === DELEGATIONS &&
    r.recorded.distinctDelegations === DELEGATIONS &&
    r.recorded.choicesAsCast &&
    r.recorded.tallyAsExpected &&
    r.recorded.auditEntries === DELEGATIONS;
  const row = (metric: string, f: (r: RoundResult) => string) => [metric, ...rounds.map(({ r }) => f(r))];
  const eachOf = (list: typeof rounds, f: (x: (typeof rounds)[number]) => string) => list.map(f).join('; ');
  const judged = rounds.filter((x) => x.connections === 'open');
  const opening = rounds.filter((x) => x.connections === 'new');
  return {
    id: 'B4',
    title: `B4 ballots: ${DELEGATIONS} delegations cast ballots at the same moment (electronic vote, whole app server, 1 process)`,
    columns: [
      'metric',
      ...runs.flatMap((run) => [
        `${run.engine}, connections ${run.connections}: first ballots`,
        `${run.engine}, connections ${run.connections}: all changed at once`,
      ]),
    ],
    rows: [
      row('requests sent within', (r) => fmt.ms(r.sentSpreadMs)),
      row(
        'accepted (201) / refused',
        (r) =>
          `${r.accepted} / ${r.refused.length}${r.refused.length ? ` (${[...new Set(r.refused)].join(', ')})` : ''}`,
      ),
      row('answered "replaced an earlier ballot"', (r) => String(r.replaced)),
      row(
        'ballot request latency p50 / p99 / max',
        (r) => `${fmt.ms(r.latency.p50)} / ${fmt.ms(r.latency.p99)} / ${fmt.ms(r.latency.max)}`,
      ),
      row('all 190 answered after', (r) => fmt.ms(r.allAnsweredMs)),
      row("first ballot sent → final tally on the observer's event stream", (r) => fmt.ms(r.tallyShownMs)),
      row('ballot.cast events the observer received', (r) => String(r.eventsSeen)),
      row(
        'GET /votes/{id}: ballots cast / tally sum / distinct delegations',
        (r) => `${r.recorded.ballotsCast} / ${r.recorded.tallySum} / ${r.recorded.distinctDelegations}`,
      ),
      row("every delegation's recorded choice = what it sent last", (r) => (r.recorded.choicesAsCast ? 'yes' : 'NO')),
      row('ballot.cast audit entries added', (r) => String(r.recorded.auditEntries)),
    ],
    verdicts: [
      {
        criterion: 'each ballot recorded exactly once, with its audit entry',
        pass: rounds.every(({ r }) => ok(r)),
        detail: eachOf(
          rounds,
          ({ engine, round, r }) =>
            `${engine} round ${round}: ${r.recorded.ballotsCast} ballots, tally sums to ${r.recorded.tallySum}, ${r.recorded.distinctDelegations} delegations, ${r.recorded.auditEntries} audit entries, choices ${r.recorded.choicesAsCast ? 'as cast' : 'DIFFER'}`,
        ),
      },
      {
        criterion: "every ballot request answered with p99 ≤ 250 ms (delegates' connections open)",
        pass: judged.every(({ r }) => r.latency.p99 <= 250),
        detail: eachOf(judged, ({ engine, round, r }) => `${engine} round ${round}: p99 ${fmt.ms(r.latency.p99)}`),
      },
      {
        criterion: "the final tally on the observer's event stream ≤ 400 ms after the first ballot (connections open)",
        pass: judged.every(({ r }) => r.tallyShownMs !== null && r.tallyShownMs <= 400),
        detail: eachOf(judged, ({ engine, round, r }) => `${engine} round ${round}: ${fmt.ms(r.tallyShownMs)}`),
      },
      {
        criterion: 'the same with a new connection for every first ballot (shown, not judged: see the notes)',
        pass: null,
        detail: eachOf(
          opening,
          ({ engine, round, r }) =>
            `${engine} round ${round}: p99 ${fmt.ms(r.latency.p99)}, tally after ${fmt.ms(r.tallyShownMs)}`,
        ),
      },
    ],
    notes: [
      buildNote(runs[0].build),
      ...(engines.length === 1 ? ['PostgreSQL not measured: TEST_DATABASE_URL is not set.'] : []),
      "The observer watches GET /api/v1/resolutions/{id}/events (Server-Sent Events); each ballot.cast event carries the live tally, and the time is until the first event whose tally is the final one. The ballots are checked afterwards with GET /api/v1/votes/{id} (an electronic vote lists every delegation's ballot) and the audit log (GET /api/v1/resolutions/{id}/audit).",
      `Clients and server share the machine: 190 concurrent requests from one Node process, ${
        ballotClient() === 'fetch'
          ? "sent with Node's fetch and its shared connection pool (BENCH_BALLOT_CLIENT=fetch), whose own CPU on these two cores counts in every latency"
          : "each delegate on a connection of its own through B4's lean HTTP/1.1 client (bench/load/http-connection.ts; BENCH_BALLOT_CLIENT=fetch for Node's fetch, which spends 150–460 ms of CPU per round of 190 on the same cores)"
      }. "Connections open": each delegate's client read the vote (GET /votes/{id}) when it was announced, a second before voting, so its ballot goes over that kept-alive connection — what a browser does behind the nginx recipe (HTTP/2 to the browser, kept-alive connections to Node) or within the server's keep-alive time (CONCORD_HTTP_KEEPALIVE_SECONDS). "Connections new": every first ballot opens its own connection (its TCP connect counted in its time), 190 at once from one client process on the same two cores; the changed round reuses them.`,
    ],
    data: { delegations: DELEGATIONS, client: ballotClient(), runs },
  };
}
