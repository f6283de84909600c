import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { installDatabase } from '@/db/client';
import { delegations, users } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { callRoute } from '../integration/route-caller';

/**
 * Issue 11.7: a member could name another delegation as co-sponsor without its consent, and
 * the tabled amendment showed it. An invited delegation is now "invited" until one of its
 * own members accepts; only accepted co-sponsors are listed (API, page) or printed (exports).
 */
describe('co-sponsorship needs the invited delegation’s consent', () => {
  let database: TestDatabase;
  let resolutionId: string;
  let amendmentId: string;
  const tokens: Record<string, string> = {};
  const delegationIds: Record<string, string> = {};

  const listed = async (who: string) => {
    const res = await callRoute('GET', '/resolutions/{id}/amendments', {
      token: tokens[who],
      params: { id: resolutionId },
    });
    const body = (await res.json()) as {
      amendments: { id: string; coSponsors: { name: string }[]; invitedCoSponsors: { name: string }[] }[];
    };
    return body.amendments.find((a) => a.id === amendmentId)!;
  };
  const printed = async () => {
    const res = await callRoute('GET', '/resolutions/{id}/amendments/export', {
      token: tokens.observer,
      params: { id: resolutionId },
      query: { format: 'html' },
    });
    expect(res.status).toBe(200);
    return res.text();
  };
  const answer = (who: string, answer: 'accept' | 'decline') =>
    callRoute('POST', '/amendments/{amendmentId}/cosponsorship', {
      token: tokens[who],
      params: { amendmentId },
      body: { answer },
    });

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await installDatabase(Promise.resolve(database));
    process.env.NEXTAUTH_SECRET ||= 'test-secret';
    const seeded = await seedDemo(database.db);
    resolutionId = seeded.resolutionId;
    for (const who of ['chair', 'iran', 'kenya', 'thailand', 'observer']) {
      const [user] = await database.db
        .select()
        .from(users)
        .where(eq(users.email, `${who}@example.org`));
      tokens[who] = (await issueApiToken(database.db, user.id, 'consent')).token;
    }
    const own = await database.db.select().from(delegations).where(eq(delegations.committeeId, seeded.committeeId));
    for (const d of own) delegationIds[d.name] = d.id;
    await callRoute('POST', '/resolutions/{id}/stage', {
      token: tokens.chair,
      params: { id: resolutionId },
      body: { to: 'amendments' },
    });
    const op8 = (await currentParagraphs(database.db, resolutionId)).find((p) => p.label === 'OP 8')!;
    // Iran names Kenya as co-sponsor without asking, and tables at once.
    const drafted = await callRoute('POST', '/resolutions/{id}/amendments', {
      token: tokens.iran,
      params: { id: resolutionId },
      body: { kind: 'delete', targetParagraphId: op8.id, coSponsorDelegationIds: [delegationIds.Kenya] },
    });
    const draftBody = await drafted.text();
    expect(drafted.status, draftBody).toBe(201);
    amendmentId = (JSON.parse(draftBody) as { id: string }).id;
    const tabled = await callRoute('POST', '/amendments/{amendmentId}/table', {
      token: tokens.iran,
      params: { amendmentId },
    });
    expect(tabled.status).toBe(201);
  });
  afterAll(() => database?.close());

  it('lists and prints no co-sponsor that has not accepted', async () => {
    expect((await listed('observer')).coSponsors).toEqual([]);
    expect((await listed('observer')).invitedCoSponsors).toEqual([]);
    // The sponsor sees its invitation as such.
    expect((await listed('iran')).invitedCoSponsors.map((c) => c.name)).toEqual(['Kenya']);
    expect(await printed()).not.toContain('co-sponsored by');
  });

  it('lets no other delegation answer for the invited one, not even the sponsor', async () => {
    expect((await answer('thailand', 'accept')).status).toBe(403);
    expect((await answer('iran', 'accept')).status).toBe(403);
    expect((await answer('chair', 'accept')).status).toBe(403);
    expect((await listed('observer')).coSponsors).toEqual([]);
  });

  it('lists and prints the delegation once one of its members accepts', async () => {
    expect((await answer('kenya', 'accept')).status).toBe(201);
    expect((await listed('observer')).coSponsors.map((c) => c.name)).toEqual(['Kenya']);
    expect(await printed()).toContain('co-sponsored by Kenya');
    // Answered once: no second answer to give.
    expect((await answer('kenya', 'decline')).status).toBe(403);
  });
});
