import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { installDatabase } from '@/db/client';
import { delegations, users } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import * as amendments from '@/usecases/amendments';
import * as reservations from '@/usecases/reservations';
import * as resolutions from '@/usecases/resolutions';
import * as votes from '@/usecases/votes';
import { execute } from '@/usecases/kernel/use-case';
import { userActor } from '@/usecases/kernel/actor';
import { loadCompilation } from '@/usecases/reads/amendments';
import { loadProcedure } from '@/usecases/reads/procedure';
import { resolutionOverview } from '@/usecases/reads/resolution-page';
import { resolutionForUser } from '@/usecases/reads/resolutions';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import { tokensOf } from '@/usecases/reads/tokens';
import { issueApiToken, revokeApiToken } from '@/db/commands/token-issuer';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * What the viewer may do is decided once, on the server, in the read models (`youCan`), and
 * the pages and the API render it. Here for the roles that differ: a member of the proposing
 * delegation (Iran), a member of the invited one (Thailand), another member (Kenya), the
 * chair, the secretariat and an observer, at the drafting, amendments and voting stages.
 */
type Who = 'iran' | 'thailand' | 'kenya' | 'chair' | 'secretariat' | 'observer';
const EMAILS: Record<Who, string> = {
  iran: 'iran@example.org',
  thailand: 'thailand@example.org',
  kenya: 'kenya@example.org',
  chair: 'chair@example.org',
  secretariat: 'secretariat@example.org',
  observer: 'observer@example.org',
};

describe.each(testDatabaseKinds())('youCan in the read models (%s)', (kind) => {
  let database: TestDatabase;
  let resolutionId: string;
  let amendmentId: string;
  const userOf = {} as Record<Who, string>;
  const delegationOf = {} as Record<string, string>;

  const as = (who: Who) => ({ db: database.db, actor: userActor(userOf[who]) });
  const seen = async (who: Who) => {
    const { resolution, access } = await resolutionForUser(database.db, userOf[who], resolutionId);
    return { resolution, access };
  };
  /** The amendment as `who` sees it in the compilation (undefined when they do not see it). */
  const amendmentAs = async (who: Who) => {
    const { resolution, access } = await seen(who);
    const { amendments: listed } = await loadCompilation(database.db, resolution, access.actor);
    return listed.find((a) => a.id === amendmentId);
  };
  const procedureAs = async (who: Who) => {
    const { resolution, access } = await seen(who);
    return loadProcedure(database.db, resolution, access);
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await installDatabase(Promise.resolve(database));
    const seeded = await seedDemo(database.db);
    resolutionId = seeded.resolutionId;
    for (const [who, email] of Object.entries(EMAILS)) {
      const [user] = await database.db.select().from(users).where(eq(users.email, email));
      userOf[who as Who] = user.id;
    }
    for (const d of await database.db.select().from(delegations).where(eq(delegations.committeeId, seeded.committeeId)))
      delegationOf[d.name] = d.id;
  });
  afterAll(() => database?.close());

  it('a draft: its delegation edits it, the invited one answers, the chair only reads, others do not see it', async () => {
    const op8 = (await currentParagraphs(database.db, resolutionId)).find((p) => p.label === 'OP 8')!;
    const drafted = await execute(amendments.draft, as('iran'), {
      resolutionId,
      kind: 'modify',
      targetParagraphId: op8.id,
      proposedText: `${op8.text.replace(/;\s*$/, '')}, in particular for girls;`,
      coSponsorDelegationIds: [delegationOf.Thailand],
    });
    amendmentId = drafted.id;

    const iran = (await amendmentAs('iran'))!;
    expect(iran.youCan).toMatchObject({ edit: true, table: false, withdraw: true, answerCoSponsorship: false });
    expect(iran.youCan.inviteCoSponsor).toBe(true);
    expect(iran.youCan.removeCoSponsor).toEqual([delegationOf.Thailand]);
    expect(iran.invitedCoSponsors.map((c) => c.id)).toEqual([delegationOf.Thailand]);
    expect(iran.coSponsors).toEqual([]);

    const thailand = (await amendmentAs('thailand'))!;
    expect(thailand.youCan.answerCoSponsorship).toBe(true);
    expect(thailand.youCan.withdraw).toBe(false);
    // It may take its own delegation off (decline by withdrawing), no one else.
    expect(thailand.youCan.removeCoSponsor).toEqual([delegationOf.Thailand]);

    const chair = (await amendmentAs('chair'))!;
    expect(chair.youCan).toEqual({
      edit: false,
      rewrite: false,
      table: false,
      withdraw: false,
      rule: false,
      answerCoSponsorship: false,
      removeCoSponsor: [],
      inviteCoSponsor: false,
      decide: false,
      subAmend: false,
    });
    expect(chair.invitedCoSponsors).toEqual([]);

    expect(await amendmentAs('kenya')).toBeUndefined();
    expect(await amendmentAs('observer')).toBeUndefined();
  });

  it('tabled at the amendments stage: the sponsor withdraws, the chair rules and decides, members sub-amend, the observer nothing', async () => {
    await execute(resolutions.changeStage, as('chair'), { resolutionId, to: 'amendments' });
    expect((await amendmentAs('iran'))!.youCan.table).toBe(true);
    await execute(amendments.table, as('iran'), { amendmentId });

    const iran = (await amendmentAs('iran'))!;
    expect(iran.youCan).toMatchObject({ edit: false, table: false, withdraw: true, rule: false, decide: false });
    expect(iran.youCan.inviteCoSponsor).toBe(false);

    const kenya = (await amendmentAs('kenya'))!;
    expect(kenya.youCan).toMatchObject({ withdraw: false, rule: false, decide: false, subAmend: true });
    expect(kenya.youCan.removeCoSponsor).toEqual([]);
    expect(kenya.invitedCoSponsors).toEqual([]);

    const chair = (await amendmentAs('chair'))!;
    expect(chair.youCan).toMatchObject({ rule: true, decide: true, withdraw: false, answerCoSponsorship: false });

    const secretariat = (await amendmentAs('secretariat'))!;
    expect(secretariat.youCan).toMatchObject({ rule: false, decide: true, answerCoSponsorship: false });
    expect(secretariat.youCan.removeCoSponsor).toEqual([delegationOf.Thailand]);

    const compilationAs = async (who: Who) => {
      const { resolution, access } = await seen(who);
      return (await loadCompilation(database.db, resolution, access.actor)).youCan;
    };
    expect(await compilationAs('kenya')).toEqual({ draft: true, setVotingOrder: false });
    expect(await compilationAs('chair')).toEqual({ draft: true, setVotingOrder: true });
    expect(await compilationAs('observer')).toEqual({ draft: false, setVotingOrder: false });

    const observer = (await amendmentAs('observer'))!;
    expect(Object.values(observer.youCan).every((v) => v === false || (Array.isArray(v) && v.length === 0))).toBe(true);
  });

  it('once Thailand accepts, it is listed and has nothing left to answer', async () => {
    await execute(amendments.answerCoSponsorship, as('thailand'), { amendmentId, accept: true });
    const thailand = (await amendmentAs('thailand'))!;
    expect(thailand.youCan.answerCoSponsorship).toBe(false);
    expect(thailand.coSponsors.map((c) => c.id)).toEqual([delegationOf.Thailand]);
    expect(thailand.invitedCoSponsors).toEqual([]);
    expect((await amendmentAs('kenya'))!.coSponsors.map((c) => c.name)).toEqual(['Thailand']);
  });

  it('votes: members cast for their own delegation, the chair enters recorded ballots and closes, the observer watches', async () => {
    await execute(resolutions.changeStage, as('chair'), { resolutionId, to: 'voting' });
    await execute(votes.openVote, as('chair'), {
      resolutionId,
      subject: { kind: 'amendment', amendmentId },
      method: 'recorded',
      majority: 'simple',
    });
    const youCan = async (who: Who) => (await procedureAs(who)).votes[0].youCan;
    expect(await youCan('kenya')).toEqual({ cast: true, recordBallots: false, close: false });
    expect(await youCan('chair')).toEqual({ cast: false, recordBallots: true, close: true });
    expect(await youCan('secretariat')).toEqual({ cast: false, recordBallots: true, close: false });
    expect(await youCan('observer')).toEqual({ cast: false, recordBallots: false, close: false });
    expect((await procedureAs('chair')).youCan).toMatchObject({ openVote: true, closeVote: true, adopt: true });
    expect((await procedureAs('kenya')).youCan).toMatchObject({ openVote: false, castOwn: true });
  });

  it('reservations: withdrawn by their delegation or the secretariat, by no one else', async () => {
    await execute(reservations.recordReservation, as('kenya'), {
      resolutionId,
      paragraphId: null,
      kind: 'reservation',
      text: 'Kenya reserves its position on the text as a whole.',
    });
    const withdraw = async (who: Who) => (await procedureAs(who)).reservations.map((r) => r.youCan.withdraw);
    expect(await withdraw('kenya')).toEqual([true]);
    expect(await withdraw('secretariat')).toEqual([true]);
    expect(await withdraw('iran')).toEqual([false]);
    expect(await withdraw('chair')).toEqual([false]);
    expect(await withdraw('observer')).toEqual([false]);
  });

  it('the resolution page: who moves the stage, saves and restores versions', async () => {
    const overview = async (who: Who) => {
      const { resolution, access } = await seen(who);
      return resolutionOverview(database.db, resolution, access.actor);
    };
    const chair = await overview('chair');
    expect(chair.youCan.changeStageTo.length).toBeGreaterThan(0);
    expect(chair.versions.every((v) => v.youCan.restore)).toBe(true);
    expect(chair.versions.length).toBeGreaterThan(0);
    const kenya = await overview('kenya');
    expect(kenya.youCan).toMatchObject({ changeStageTo: [], editText: false, saveVersion: true });
    expect(kenya.versions.some((v) => v.youCan.restore)).toBe(false);
    const observer = await overview('observer');
    expect(observer.youCan).toMatchObject({ changeStageTo: [], saveVersion: false, draftAmendment: false });
  });

  it('tokens: an active one may be revoked, a revoked one not', async () => {
    const active = await issueApiToken(database.db, userOf.kenya, 'script');
    const old = await issueApiToken(database.db, userOf.kenya, 'old script');
    await revokeApiToken(database.db, userOf.kenya, old.id);
    const listed = await tokensOf(database.db, userOf.kenya);
    expect(listed.find((t) => t.id === active.id)?.youCan).toEqual({ revoke: true });
    expect(listed.find((t) => t.id === old.id)?.youCan).toEqual({ revoke: false });
  });
});
