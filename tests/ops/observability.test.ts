import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollabFixture, type CollabFixture } from '../collab/server';
import { api } from '../collab/clients';

/**
 * What an operator relies on: /healthz and /readyz, /metrics behind its token, and JSON log
 * lines that carry a request id and the user, and never a ballot's choice.
 */
const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';

describe('operator endpoints and logs', () => {
  let fixture: CollabFixture;

  beforeAll(async () => {
    fixture = await startCollabFixture({ CONCORD_METRICS_TOKEN: METRICS_TOKEN }, ['chair', 'iran', 'observer']);
  });
  afterAll(async () => {
    await fixture?.server.stop();
  });

  it('/healthz says the process is alive; /readyz checks the database and the migrations', async () => {
    const health = await fetch(`${fixture.server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${fixture.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', shutdown: 'ok' },
    });
  });

  it('/metrics answers only with its token, in Prometheus format, with route durations and process metrics', async () => {
    expect((await fetch(`${fixture.server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${fixture.server.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    await api(fixture.server.url, fixture.tokens.iran, `/resolutions/${fixture.resolutionId}`);
    const res = await fetch(`${fixture.server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toMatch(
      /concord_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/resolutions\/:id",status="200"\} [1-9]/,
    );
    expect(body).toContain('process_cpu_seconds_total');
    expect(body).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(body).toContain('concord_event_stream_clients');
  });

  it('logs JSON lines with the request id and user, and no ballot choice', async () => {
    const { url } = fixture.server;
    const chair = fixture.tokens.chair;
    const id = fixture.resolutionId;
    await api(url, chair, `/resolutions/${id}/stage`, { method: 'POST', body: { to: 'amendments' } });
    await api(url, chair, `/resolutions/${id}/stage`, { method: 'POST', body: { to: 'voting' } });
    const vote = await api<{ id: string }>(url, chair, `/resolutions/${id}/votes`, {
      method: 'POST',
      body: { subject: { kind: 'resolution' }, method: 'roll_call' },
    });
    const res = await fetch(`${url}/api/v1/votes/${vote.id}/ballots`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fixture.tokens.iran}`,
        'content-type': 'application/json',
        'x-request-id': 'ballot-request-1',
      },
      body: JSON.stringify({ choice: 'abstain' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('ballot-request-1');
    const { user: me } = await api<{ user: { id: string } }>(url, fixture.tokens.iran, '/me');

    const lines = fixture.server
      .output()
      .split('\n')
      .filter((l) => l.trim());
    const parsed = lines.map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return null;
      }
    });
    // Next writes a line or two of its own at start; everything Concord writes is JSON.
    const notJson = lines.filter((_, i) => !parsed[i]);
    expect(notJson.length, notJson.join('\n')).toBeLessThanOrEqual(2);
    const ballotLine = parsed.find((p) => p?.reqId === 'ballot-request-1' && p.msg === 'request');
    expect(ballotLine).toMatchObject({
      method: 'POST',
      route: '/api/v1/votes/:id/ballots',
      status: 201,
      userId: me.id,
    });
    // Generated ids when the client sends none.
    const others = parsed.filter((p) => p?.msg === 'request' && p.reqId !== 'ballot-request-1');
    expect(others.length).toBeGreaterThan(3);
    for (const line of others) expect(line!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    // The choice is nowhere in the log, nor the bearer tokens.
    const output = fixture.server.output();
    expect(output).not.toContain('abstain');
    expect(output).not.toContain('"choice"');
    for (const token of Object.values(fixture.tokens)) expect(output).not.toContain(token);
  });
});
