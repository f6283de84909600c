import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installDatabase, openDatabase } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { cases } from './permission-cases';
import { EMAIL, WHO, type Ctx, type Who } from './permission-cases/types';
import { users } from '@/db/schema';
import { operations } from '@/app/api/v1/_lib/operations';
import { pgliteDump } from '../helpers/database';

/**
 * The role × action matrix: every operation of /api/v1, called through its real route
 * handler against a real database, by every role — and by a member of another committee,
 * who must get 404 (never data), and by nobody, who gets 401.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const routeFile = (p: string) => path.join(root, 'app/api/v1', p.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');

let ctx: Ctx;
const tokens: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  const database = await installDatabase(openDatabase({ fromDump: pgliteDump() }));
  process.env.NEXTAUTH_SECRET ||= 'test-secret';
  const { committeeId, resolutionId } = await seedDemo(database.db);
  const userIds: Record<string, string> = {};
  for (const u of await database.db.select().from(users)) userIds[u.email] = u.id;
  ctx = { db: database.db, committeeId, resolutionId, userIds, tokenIds: {} };
  for (const who of WHO) {
    if (who === 'anonymous') continue;
    tokens[who] = (await issueApiToken(database.db, userIds[EMAIL[who]], 'matrix')).token;
  }
});

describe('every API operation, with every role', () => {
  it('has a case for every operation in the OpenAPI registry', () => {
    const registered = operations.map((o) => `${o.method} ${o.path}`).sort();
    expect(Object.keys(cases).sort()).toEqual(registered);
  });

  for (const op of operations) {
    const key = `${op.method} ${op.path}`;
    for (const who of WHO) {
      const allowed = cases[key]?.allowed.includes(who) ?? false;
      const expectation = allowed
        ? 'is allowed'
        : who === 'anonymous'
          ? 'gets 401'
          : who === 'outsider'
            ? 'gets 404 and no data'
            : 'gets 403';
      it(`${key} — ${who} ${expectation}`, async () => {
        const call = await cases[key].call(ctx, who);
        const mod = await import(routeFile(op.path));
        const url = new URL(`http://localhost/api/v1${op.path}`);
        for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
        const headers: Record<string, string> = {};
        if (tokens[who]) headers.authorization = `Bearer ${tokens[who]}`;
        if (call.body !== undefined) headers['content-type'] = 'application/json';
        const request = new Request(url, {
          method: op.method.toUpperCase(),
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
        });
        const res: Response = await mod[op.method.toUpperCase()](request, {
          params: Promise.resolve(call.params ?? {}),
        });
        // An event stream never ends by itself: check its status and hang up.
        const streaming = res.headers.get('content-type')?.includes('text/event-stream');
        let text = '';
        if (streaming) await res.body?.cancel();
        else text = await res.text();
        if (allowed) {
          expect(res.status, text).toBeLessThan(300);
        } else if (who === 'anonymous') {
          expect(res.status).toBe(401);
        } else if (who === 'outsider' && key.includes('{')) {
          expect([403, 404]).toContain(res.status);
          // Never a trace of the other committee's resolution or members.
          expect(text).not.toContain('Encourages parliaments');
          expect(text).not.toContain('iran@example.org');
        } else {
          expect(res.status, text).toBe(403);
        }
      });
    }
  }
});

describe('outsiders asking by id', () => {
  it('a member of another committee asking for a resolution by id gets 404, like an unknown id', async () => {
    const mod = await import(routeFile('/resolutions/{id}'));
    const ask = (id: string) =>
      mod.GET(
        new Request(`http://localhost/api/v1/resolutions/${id}`, {
          headers: { authorization: `Bearer ${tokens.outsider}` },
        }),
        {
          params: Promise.resolve({ id }),
        },
      );
    const theirs: Response = await ask(ctx.resolutionId);
    const unknown: Response = await ask('00000000-0000-4000-8000-000000000000');
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await theirs.json()).toEqual(await unknown.json());
  });
});
