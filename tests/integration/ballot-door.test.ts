import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { installDatabase, type Db } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { endSession, startSession } from '@/db/commands/session-keeper';
import { issueApiToken, revokeApiToken } from '@/db/commands/token-issuer';
import { MAX_REQUEST_BODY_BYTES, refuseOversizedBody } from '@/lib/http/body-limit';
import { ballotDoor } from '@/server/ballot-door';
import { POST } from '@/app/api/v1/votes/[voteId]/ballots/route';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { projectGraph } from '../architecture/import-graph';
import { callRoute, okJson } from './route-caller';
import { resolutionAtVoting, tokenFor, userId } from './procedure-fixtures';

/**
 * The ballot box's own door (server/ballot-door.ts) answers exactly as the Next route does:
 * the same status, body and content type for a ballot and for every refusal, with the
 * headers Next's proxy adds. The door is served here as server/index.ts serves it — behind
 * the streaming body limit — and the route is called the way Next calls it.
 */
process.env.NEXTAUTH_SECRET ||= 'test-secret';

interface Asked {
  voteId: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  type: string | null;
  body: unknown;
}

const json = (value: unknown) => JSON.stringify(value);

describe.each(testDatabaseKinds())('the ballot door on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let server: http.Server;
  let origin = '';
  let voteId = '';
  const token: Record<string, string> = {};
  let cookie = '';

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    await installDatabase(Promise.resolve(database));
    const { committeeId } = await seedDemo(db);
    for (const who of ['chair', 'iran', 'thailand', 'observer']) token[who] = await tokenFor(db, who);
    const session = await startSession(db, {
      userId: await userId(db, 'canada'),
      method: 'credentials',
      maxAgeSeconds: 600,
    });
    cookie = `next-auth.session-token=${await encode({
      token: { sub: await userId(db, 'canada'), sid: session.id },
      secret: process.env.NEXTAUTH_SECRET!,
    })}`;
    const resolution = await resolutionAtVoting(db, committeeId);
    ({ id: voteId } = await okJson<{ id: string }>(
      callRoute('POST', '/resolutions/{id}/votes', {
        token: token.chair,
        params: { id: resolution.id },
        body: { subject: { kind: 'resolution' }, method: 'electronic' },
      }),
    ));
    const door = ballotDoor({ enabled: true });
    server = http.createServer((req, res) => {
      if (refuseOversizedBody(req, res)) return;
      if (door(req, res)) return;
      res.writeHead(599).end(); // not the door's: Next would have it
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.close().catch(() => {});
  });

  const ballots = (voteId: string) => `/api/v1/votes/${voteId}/ballots`;

  async function viaDoor(asked: Asked): Promise<Answer & { headers: Headers }> {
    const res = await fetch(origin + ballots(asked.voteId), {
      method: 'POST',
      headers: asked.headers,
      body: asked.body,
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(text), headers: res.headers };
  }

  async function viaRoute(asked: Asked): Promise<Answer> {
    const host = new URL(origin).host;
    const res = await POST(
      new Request(origin + ballots(asked.voteId), {
        method: 'POST',
        headers: { host, ...asked.headers },
        body: asked.body,
      }),
      { params: Promise.resolve({ voteId: asked.voteId }) },
    );
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  }

  /** The same request through both; returns the door's answer. */
  async function same(asked: Asked): Promise<Answer> {
    const route = await viaRoute(asked);
    const { headers, ...door } = await viaDoor(asked);
    expect(door).toEqual(route);
    // What Next's proxy adds to every answer (proxy.ts).
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    return door;
  }

  const bearer = (who: string) => ({ authorization: `Bearer ${token[who]}`, 'content-type': 'application/json' });

  it('a ballot: the same answer, 201 with the standing', async () => {
    // The first through the door; then the same ballot again through each, both replacing it.
    const first = await viaDoor({ voteId, headers: bearer('iran'), body: json({ choice: 'yes' }) });
    expect(first).toMatchObject({ status: 201, body: { voteId, choice: 'yes', replaced: false, ballotsCast: 1 } });
    const again = await same({ voteId, headers: bearer('iran'), body: json({ choice: 'yes' }) });
    expect(again).toMatchObject({ status: 201, body: { replaced: true, ballotsCast: 1, tally: { yes: 1 } } });
  });

  it('401 without credentials, and at once for a revoked token', async () => {
    expect(
      await same({ voteId, headers: { 'content-type': 'application/json' }, body: json({ choice: 'no' }) }),
    ).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const issued = await issueApiToken(db, await userId(db, 'thailand'), 'door');
    const asked = {
      voteId,
      headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' },
      body: json({ choice: 'no' }),
    };
    expect((await viaDoor(asked)).status).toBe(201);
    await revokeApiToken(db, await userId(db, 'thailand'), issued.id);
    expect(await same(asked)).toMatchObject({ status: 401 });
  });

  it('403 for a role that does not vote (the observer)', async () => {
    expect(await same({ voteId, headers: bearer('observer'), body: json({ choice: 'yes' }) })).toMatchObject({
      status: 403,
    });
  });

  it('403 for a signed-in page of another origin (CSRF); the same session from its own origin votes', async () => {
    const headers = { cookie, 'content-type': 'application/json', origin: 'http://evil.example' };
    expect(await same({ voteId, headers, body: json({ choice: 'abstain' }) })).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden:origin' } },
    });
    const own = { ...headers, origin };
    expect((await viaDoor({ voteId, headers: own, body: json({ choice: 'abstain' }) })).status).toBe(201);
  });

  it('401 at once for a session that was signed out', async () => {
    const id = await userId(db, 'kenya');
    const session = await startSession(db, { userId: id, method: 'credentials', maxAgeSeconds: 600 });
    const kenya = `next-auth.session-token=${await encode({ token: { sub: id, sid: session.id }, secret: process.env.NEXTAUTH_SECRET! })}`;
    const asked = {
      voteId,
      headers: { cookie: kenya, 'content-type': 'application/json' },
      body: json({ choice: 'no' }),
    };
    expect((await viaDoor(asked)).status).toBe(201);
    await endSession(db, session.id);
    expect(await same(asked)).toMatchObject({ status: 401 });
  });

  it('404 for a vote that does not exist; 400 naming the parameter for an id that is not one', async () => {
    const unknown = '3f0c1a52-8d7e-4b6a-9c1d-2e3f4a5b6c7d';
    expect(await same({ voteId: unknown, headers: bearer('iran'), body: json({ choice: 'yes' }) })).toMatchObject({
      status: 404,
    });
    const malformed = await same({ voteId: 'not-a-vote', headers: bearer('iran'), body: json({ choice: 'yes' }) });
    expect(malformed.status).toBe(400);
    expect(json(malformed.body)).toContain('params.voteId');
  });

  it('400 naming the field for a bad body; 400 for a body that is not JSON', async () => {
    const bad = await same({ voteId, headers: bearer('iran'), body: json({ choice: 'maybe' }) });
    expect(bad.status).toBe(400);
    expect(json(bad.body)).toContain('body.choice');
    expect(await same({ voteId, headers: bearer('iran'), body: '{"choice":' })).toMatchObject({ status: 400 });
    expect(
      await same({ voteId, headers: { authorization: bearer('iran').authorization }, body: json({ choice: 'yes' }) }),
    ).toMatchObject({ status: 400 });
  });

  it('413 for a body over the limit', async () => {
    const body = json({ choice: 'yes', padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES) });
    expect(await same({ voteId, headers: bearer('iran'), body })).toMatchObject({
      status: 413,
      body: { error: { code: 'too_large:body' } },
    });
  });

  it('409 once the vote is closed', async () => {
    await okJson(callRoute('POST', '/votes/{voteId}/close', { token: token.chair, params: { voteId }, body: {} }));
    expect(await same({ voteId, headers: bearer('iran'), body: json({ choice: 'no' }) })).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict:vote' } },
    });
  });

  it('leaves every other request to Next', async () => {
    for (const [method, path] of [
      ['GET', ballots(voteId)],
      ['POST', `${ballots(voteId)}/`],
      ['POST', `/api/v1/votes/${voteId}/close`],
      ['POST', `/api/v1/votes/${voteId}%2Fx/ballots`],
    ]) {
      const res = await fetch(origin + path, {
        method,
        headers: bearer('iran'),
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(res.status).toBe(599);
    }
  });
});

/**
 * The door calls the route handler outside Next, where Next's request scope (next/headers,
 * next-intl's server functions, after()) does not exist: nothing the handler imports may
 * use it, or ballots would fail through the door while the route's own tests pass.
 */
it("uses nothing of Next's request scope in the ballot route's imports", () => {
  const graph = projectGraph();
  const root = path.resolve(import.meta.dirname, '..', '..');
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const edge of graph.get(file) ?? []) walk(edge.to);
  };
  walk('app/api/v1/votes/[voteId]/ballots/route.ts');
  expect(seen.size).toBeGreaterThan(20);
  const scoped = [...seen].filter((file) =>
    /from ['"](next\/headers|next-intl(\/server)?|next\/server)['"]/.test(
      fs.readFileSync(path.join(root, file), 'utf8'),
    ),
  );
  expect(scoped).toEqual([]);
});
