import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { installDatabase, type Db } from '@/db/client';
import { amendments, ballots, committees, delegations, resolutions, votes } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { openVote, type VoteOpening } from '@/db/commands/vote-opener';
import { castBallot } from '@/db/commands/ballot-caster';
import { closeVote } from '@/db/commands/vote-closer';
import { importResolution } from '@/db/commands/resolution-importer';
import { presentVote } from '@/db/queries/votes';
import { publishedDocumentOf } from '@/db/queries/publication';
import type { Choice } from '@/lib/votes/types';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from './route-caller';
import {
  SHORT_DRAFT,
  delegationIds,
  paragraphsOf,
  resolutionAtVoting,
  stateOf,
  storedSnapshot,
  tokenFor,
  userId,
} from './procedure-fixtures';

/** Votes and adoption (issue 5 §2, §3 and "Bad input"), against the real database. */
for (const kind of testDatabaseKinds()) {
  describe(`votes and adoption on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    let committeeId: string;
    let chairId: string;
    let d: Record<string, string>;
    const token: Record<string, string> = {};

    beforeAll(async () => {
      database = await openTestDatabase(kind);
      db = database.db;
      await installDatabase(Promise.resolve(database));
      process.env.NEXTAUTH_SECRET ||= 'test-secret';
      ({ committeeId } = await seedDemo(db));
      chairId = await userId(db, 'chair');
      d = await delegationIds(db, committeeId);
      for (const who of ['chair', 'secretariat', 'iran', 'observer']) token[who] = await tokenFor(db, who);
    });
    afterAll(() => database?.close());

    async function voteWith(opening: Partial<VoteOpening>, choices: Record<string, Choice>) {
      const resolution = await resolutionAtVoting(db, committeeId);
      const paragraphIds = (await paragraphsOf(db, resolution.id)).map((p) => p.id);
      const vote = await openVote(db, {
        resolution,
        subject: { kind: 'paragraph', paragraphId: paragraphIds[1] },
        method: 'recorded',
        majority: 'simple',
        actorId: chairId,
        paragraphIds,
        ...opening,
      });
      for (const [name, choice] of Object.entries(choices))
        await castBallot(db, { voteId: vote.id, delegationId: d[name], choice, actorId: chairId });
      return { resolution, vote };
    }
    const close = (voteId: string, extra: { counts?: { yes: number; no: number; abstain: number } } = {}) =>
      closeVote(db, { voteId, actorId: chairId, ...extra });

    it('a show of hands is closed with the counts the chair announces, and those are stored', async () => {
      const { vote } = await voteWith({ method: 'show_of_hands' }, {});
      await expect(
        castBallot(db, { voteId: vote.id, delegationId: d.Canada, choice: 'yes', actorId: chairId }),
      ).rejects.toThrow(/show of hands/);
      await expect(close(vote.id)).rejects.toThrow(/counts/);
      const { result } = await close(vote.id, { counts: { yes: 120, no: 30, abstain: 15 } });
      expect(result).toMatchObject({
        outcome: 'adopted',
        totals: { yes: 120, no: 30, abstain: 15 },
        ballotsCast: null,
      });
      expect(result.explanation).toBe(
        'Adopted: 120 in favour, 30 against, with 15 abstentions; a simple majority of the 150 votes cast was 76.',
      );
    });

    it("a recorded vote keeps each delegation's choice and lists the delegations by choice", async () => {
      const { vote } = await voteWith(
        {},
        { Canada: 'yes', Kenya: 'yes', 'Iran (Islamic Rep. of)': 'no', Thailand: 'abstain' },
      );
      const { result } = await close(vote.id);
      expect(result.byChoice).toEqual({
        yes: ['Canada', 'Kenya'],
        no: ['Iran (Islamic Rep. of)'],
        abstain: ['Thailand'],
      });
      const shown = await presentVote(db, (await db.select().from(votes).where(eq(votes.id, vote.id)))[0], {
        delegationId: null,
        committeeId,
      });
      expect(shown.ballots.map((b) => `${b.delegation}:${b.choice}`)).toEqual([
        'Canada:yes',
        'Iran (Islamic Rep. of):no',
        'Kenya:yes',
        'Thailand:abstain',
      ]);
    });

    it('a roll call runs in alphabetical order from the delegation drawn by lot', async () => {
      const { vote } = await voteWith({ method: 'roll_call', random: () => 0.5 }, {});
      const shown = await presentVote(db, vote, { delegationId: null, committeeId });
      expect(shown.rollCall?.drawnFirst).toBe('Japan');
      expect(shown.rollCall?.order).toEqual([
        'Japan',
        'Kenya',
        'Mexico',
        'South Africa',
        'Switzerland',
        'Thailand',
        'Brazil',
        'Canada',
        'France',
        'India',
        'Indonesia',
        'Iran (Islamic Rep. of)',
      ]);
    });

    it('draws by lot exactly once, whatever the next random numbers would have drawn', async () => {
      // A generator that never repeats itself: a second draw would name another delegation.
      const draws = [0.95, 0.0, 0.3, 0.6];
      const { vote } = await voteWith({ method: 'roll_call', random: () => draws.shift() ?? 0.1 }, {});
      const shown = await presentVote(db, vote, { delegationId: null, committeeId });
      expect(shown.rollCall?.drawnFirst).toBe('Thailand');
      expect(draws).toEqual([0.0, 0.3, 0.6]);
    });

    it('a secret vote shows no tally while open and keeps only the totals once closed', async () => {
      const { vote } = await voteWith({ method: 'secret' }, { Canada: 'yes', Kenya: 'no', Brazil: 'yes' });
      const open = await presentVote(db, vote, { delegationId: d.Kenya, committeeId });
      // Nothing stored says what Kenya chose: only that it has voted.
      expect(open).toMatchObject({ tally: null, ballots: [], ballotsCast: 3, ownChoice: null, ownBallotCast: true });
      await expect(
        castBallot(db, { voteId: vote.id, delegationId: d.Kenya, choice: 'yes', actorId: chairId }),
      ).rejects.toMatchObject({
        code: 'conflict:ballot',
        message: expect.stringMatching(/secret ballot cannot be changed/),
      });
      const { result } = await close(vote.id);
      expect(result.totals).toEqual({ yes: 2, no: 1, abstain: 0 });
      expect(result.byChoice).toBeUndefined();
      const stored = await db.select({ choice: ballots.choice }).from(ballots).where(eq(ballots.voteId, vote.id));
      expect(stored.map((b) => b.choice)).toEqual([null, null, null]);
    });

    it('an electronic vote shows the tally moving as delegations vote', async () => {
      const { vote } = await voteWith({ method: 'electronic' }, { Canada: 'yes' });
      expect((await presentVote(db, vote, { delegationId: null, committeeId })).tally).toEqual({
        yes: 1,
        no: 0,
        abstain: 0,
      });
      await castBallot(db, { voteId: vote.id, delegationId: d.Kenya, choice: 'no', actorId: chairId });
      expect((await presentVote(db, vote, { delegationId: null, committeeId })).tally).toEqual({
        yes: 1,
        no: 1,
        abstain: 0,
      });
    });

    it('a tie fails', async () => {
      const { vote } = await voteWith({}, { Canada: 'yes', Kenya: 'yes', Brazil: 'no', India: 'no', Japan: 'abstain' });
      const { result } = await close(vote.id);
      expect(result.outcome).toBe('rejected');
      expect(result.explanation).toContain('(a tie fails)');
    });

    it('two thirds of those voting, abstentions not counted', async () => {
      const yes8 = {
        Brazil: 'yes',
        Canada: 'yes',
        France: 'yes',
        India: 'yes',
        Indonesia: 'yes',
        Japan: 'yes',
        Kenya: 'yes',
        Mexico: 'yes',
      } as const;
      const no4 = { 'South Africa': 'no', Switzerland: 'no', Thailand: 'no', 'Iran (Islamic Rep. of)': 'no' } as const;
      const carried = await voteWith({ majority: 'two_thirds' }, { ...yes8, ...no4 });
      expect((await close(carried.vote.id)).result.outcome).toBe('adopted'); // 8 of 12 cast = exactly two thirds
      const short = await voteWith({ majority: 'two_thirds' }, { ...yes8, Mexico: 'abstain', ...no4 });
      expect((await close(short.vote.id)).result.outcome).toBe('rejected'); // 7 of 11 cast
    });

    it('an absolute majority counts the whole membership, present or not', async () => {
      const six = {
        Brazil: 'yes',
        Canada: 'yes',
        France: 'yes',
        India: 'yes',
        Indonesia: 'yes',
        Japan: 'yes',
      } as const;
      const { vote } = await voteWith({ majority: 'absolute' }, six);
      const { result } = await close(vote.id);
      expect(result).toMatchObject({ outcome: 'rejected', membership: 12, required: 7 });
    });

    it('without the quorum no decision is taken', async () => {
      const { vote } = await voteWith({ quorum: 5 }, { Canada: 'yes', Kenya: 'yes', Brazil: 'yes' });
      const { result } = await close(vote.id);
      expect(result.outcome).toBe('no_quorum');
    });

    it('weights change the outcome when the vote is weighted', async () => {
      await db.update(delegations).set({ voteWeight: 10 }).where(eq(delegations.id, d.India));
      try {
        const choices = { Canada: 'yes', Kenya: 'yes', Brazil: 'yes', India: 'no' } as const;
        const plain = await voteWith({}, choices);
        const weighted = await voteWith({ weighted: true }, choices);
        expect((await close(plain.vote.id)).result).toMatchObject({ outcome: 'adopted', totals: { yes: 3, no: 1 } });
        expect((await close(weighted.vote.id)).result).toMatchObject({
          outcome: 'rejected',
          totals: { yes: 3, no: 10 },
        });
      } finally {
        await db.update(delegations).set({ voteWeight: 1 }).where(eq(delegations.id, d.India));
      }
    });

    it('a second ballot replaces the first; after closing, ballots are refused and nothing changes', async () => {
      const { vote } = await voteWith({}, { Canada: 'yes' });
      expect(
        await castBallot(db, { voteId: vote.id, delegationId: d.Canada, choice: 'no', actorId: chairId }),
      ).toMatchObject({ replaced: true });
      await close(vote.id);
      const before = await db.select().from(ballots).where(eq(ballots.voteId, vote.id));
      await expect(
        castBallot(db, { voteId: vote.id, delegationId: d.Canada, choice: 'yes', actorId: chairId }),
      ).rejects.toThrow(/closed/);
      const res = await callRoute('POST', '/votes/{voteId}/ballots', {
        token: token.iran,
        params: { voteId: vote.id },
        body: { choice: 'yes' },
      });
      expect(res.status).toBe(409);
      expect(await db.select().from(ballots).where(eq(ballots.voteId, vote.id))).toEqual(before);
      expect(before).toMatchObject([{ choice: 'no' }]);
    });

    it('190 delegations voting in the same second are recorded exactly once each', async () => {
      const [big] = await db
        .insert(committees)
        .values({ slug: `general-assembly-${kind}`, name: 'A very large committee' })
        .returning();
      const many = await db
        .insert(delegations)
        .values(
          Array.from({ length: 190 }, (_, i) => ({
            committeeId: big.id,
            name: `Delegation ${String(i + 1).padStart(3, '0')}`,
          })),
        )
        .returning();
      const { resolution } = await importResolution(db, { committeeId: big.id, actorId: chairId, text: SHORT_DRAFT });
      const [atVoting] = await db
        .update(resolutions)
        .set({ stage: 'voting' })
        .where(eq(resolutions.id, resolution.id))
        .returning();
      const vote = await openVote(db, {
        resolution: atVoting,
        subject: { kind: 'resolution' },
        method: 'electronic',
        majority: 'simple',
        actorId: chairId,
        paragraphIds: [],
      });

      const first = await Promise.all(
        many.map((m) => castBallot(db, { voteId: vote.id, delegationId: m.id, choice: 'yes', actorId: chairId })),
      );
      expect(first.filter((o) => o.replaced)).toHaveLength(0);
      // Every delegation changes its vote, each twice at the same moment: still one ballot each.
      const second = await Promise.all(
        many.flatMap((m) =>
          [0, 1].map(() => castBallot(db, { voteId: vote.id, delegationId: m.id, choice: 'no', actorId: chairId })),
        ),
      );
      expect(second.every((o) => o.replaced)).toBe(true);
      const rows = await db.select().from(ballots).where(eq(ballots.voteId, vote.id));
      expect(rows).toHaveLength(190);
      expect(new Set(rows.map((r) => r.delegationId)).size).toBe(190);
      const { result } = await close(vote.id);
      expect(result.totals).toEqual({ yes: 0, no: 190, abstain: 0 });
      expect(result.ballotsCast).toBe(190);
    });

    it('ballots racing the close are either counted in the stored result or refused, never lost or added after', async () => {
      const { vote } = await voteWith({ method: 'electronic' }, {});
      const names = Object.keys(d);
      const casts = names.map((name) =>
        castBallot(db, { voteId: vote.id, delegationId: d[name], choice: 'yes', actorId: chairId }).then(
          () => 'counted',
          (e: Error) => (/closed/.test(e.message) ? 'refused' : Promise.reject(e)),
        ),
      );
      const closing = close(vote.id);
      const outcomes = await Promise.all(casts);
      const { result } = await closing;
      const stored = await db.select().from(ballots).where(eq(ballots.voteId, vote.id));
      expect(stored).toHaveLength(result.ballotsCast!);
      expect(outcomes.filter((o) => o === 'counted')).toHaveLength(result.totals.yes);
    });

    it('a member opening or closing a vote, or declaring adoption, gets 403 and nothing changes', async () => {
      const { resolution, vote } = await voteWith({ method: 'electronic' }, { Canada: 'yes' });
      const before = await storedSnapshot(db, resolution.id);
      const paragraphId = (await paragraphsOf(db, resolution.id))[1].id;
      const attempts = [
        callRoute('POST', '/resolutions/{id}/votes', {
          token: token.iran,
          params: { id: resolution.id },
          body: { subject: { kind: 'paragraph', paragraphId }, method: 'electronic' },
        }),
        callRoute('POST', '/votes/{voteId}/close', { token: token.iran, params: { voteId: vote.id }, body: {} }),
        callRoute('POST', '/resolutions/{id}/adoption', {
          token: token.iran,
          params: { id: resolution.id },
          body: { method: 'consensus' },
        }),
        callRoute('POST', '/votes/{voteId}/close', { token: token.secretariat, params: { voteId: vote.id }, body: {} }),
      ];
      for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
      expect(await storedSnapshot(db, resolution.id)).toEqual(before);
    });

    it('adoption is refused while a vote is open, saying so, and nothing changes', async () => {
      const { resolution } = await voteWith({ method: 'electronic' }, {});
      const before = await storedSnapshot(db, resolution.id);
      const res = await callRoute('POST', '/resolutions/{id}/adoption', {
        token: token.chair,
        params: { id: resolution.id },
        body: { method: 'consensus' },
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toMatch(/vote is still open/);
      expect(await storedSnapshot(db, resolution.id)).toEqual(before);
    });

    it('adoption is refused while amendments are undecided, naming them, and nothing changes', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      const [op1] = (await paragraphsOf(db, resolution.id)).filter((p) => p.kind === 'operative');
      // Inserted directly: the amendment commands are another part's; "undecided" = tabled, not decided.
      await db.insert(amendments).values([
        {
          resolutionId: resolution.id,
          number: 3,
          kind: 'delete',
          targetParagraphId: op1.id,
          sponsorDelegationId: d.Canada,
          status: 'tabled',
        },
        {
          resolutionId: resolution.id,
          number: 5,
          kind: 'delete',
          targetParagraphId: op1.id,
          sponsorDelegationId: d.Kenya,
          status: 'tabled',
        },
        {
          resolutionId: resolution.id,
          number: 4,
          kind: 'delete',
          targetParagraphId: op1.id,
          sponsorDelegationId: d.Brazil,
          status: 'rejected',
        },
      ]);
      const before = await storedSnapshot(db, resolution.id);
      const res = await callRoute('POST', '/resolutions/{id}/adoption', {
        token: token.chair,
        params: { id: resolution.id },
        body: { method: 'consensus' },
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toBe(
        'Amendments A/3, A/5 are tabled but not decided; decide, withdraw or rule on them before adoption.',
      );
      const whole = await callRoute('POST', '/resolutions/{id}/votes', {
        token: token.chair,
        params: { id: resolution.id },
        body: { subject: { kind: 'resolution' }, method: 'recorded' },
      });
      expect(whole.status).toBe(409);
      expect(await storedSnapshot(db, resolution.id)).toEqual(before);
    });

    it('a recorded vote on the whole text that carries adopts the resolution, with the counts in the heading', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      const vote = await okJson<{ id: string }>(
        callRoute('POST', '/resolutions/{id}/votes', {
          token: token.chair,
          params: { id: resolution.id },
          body: { subject: { kind: 'resolution' }, method: 'recorded' },
        }),
      );
      for (const [name, choice] of [
        ['Canada', 'yes'],
        ['Kenya', 'yes'],
        ['Brazil', 'yes'],
        ['India', 'no'],
        ['Japan', 'abstain'],
      ] as const) {
        await okJson(
          callRoute('POST', '/votes/{voteId}/ballots', {
            token: token.secretariat,
            params: { voteId: vote.id },
            body: { choice, delegationId: d[name] },
          }),
        );
      }
      await okJson(
        callRoute('POST', '/votes/{voteId}/ballots', {
          token: token.iran,
          params: { voteId: vote.id },
          body: { choice: 'no' },
        }),
      );
      const closed = await okJson<{ adopted: boolean; vote: { result: { byChoice: Record<string, string[]> } } }>(
        callRoute('POST', '/votes/{voteId}/close', {
          token: token.chair,
          params: { voteId: vote.id },
          body: { adoption: { date: '2010-04-01', place: 'Bangkok' } },
        }),
      );
      expect(closed.adopted).toBe(true);
      expect(closed.vote.result.byChoice.no).toEqual(['India', 'Iran (Islamic Rep. of)']);
      const [row] = await db.select().from(resolutions).where(eq(resolutions.id, resolution.id));
      expect(row.stage).toBe('adopted');
      const doc = await publishedDocumentOf(db, row);
      expect(doc.headingLines).toEqual([
        'Resolution adopted by a recorded vote of 3 to 2, with 1 abstention, by the 122nd IPU Assembly',
        '(Bangkok, 1 April 2010)',
      ]);
      // The adopted text is frozen: it is the version kept at adoption.
      expect(doc.operative.map((o) => o.number)).toEqual([1, 2, 3]);
      expect(await stateOf(db, resolution.id)).toBeInstanceOf(Uint8Array);
    });

    it('a vote on the whole text that fails leaves the resolution at the voting stage', async () => {
      const { resolution, vote } = await voteWith({ subject: { kind: 'resolution' } }, { Canada: 'no' });
      const { adopted, result } = await closeVote(db, {
        voteId: vote.id,
        actorId: chairId,
        state: await stateOf(db, resolution.id),
      });
      expect(result.outcome).toBe('rejected');
      expect(adopted).toBeNull();
      const [row] = await db.select().from(resolutions).where(eq(resolutions.id, resolution.id));
      expect(row.stage).toBe('voting');
    });

    it('a vote on an amendment that carries decides it: the amendment is adopted and the text changed', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      await db.update(resolutions).set({ stage: 'amendments' }).where(eq(resolutions.id, resolution.id));
      const op1 = (await paragraphsOf(db, resolution.id)).find((p) => p.label === 'OP 1')!;
      const drafted = await okJson<{ id: string }>(
        callRoute('POST', '/resolutions/{id}/amendments', {
          token: token.iran,
          params: { id: resolution.id },
          body: { kind: 'modify', targetParagraphId: op1.id, proposedText: 'Decides to act at once;' },
        }),
      );
      await okJson(
        callRoute('POST', '/amendments/{amendmentId}/table', {
          token: token.iran,
          params: { amendmentId: drafted.id },
        }),
      );
      await db.update(resolutions).set({ stage: 'voting' }).where(eq(resolutions.id, resolution.id));
      const vote = await okJson<{ id: string }>(
        callRoute('POST', '/resolutions/{id}/votes', {
          token: token.chair,
          params: { id: resolution.id },
          body: { subject: { kind: 'amendment', amendmentId: drafted.id }, method: 'show_of_hands' },
        }),
      );
      const closed = await okJson<{ amendment: unknown }>(
        callRoute('POST', '/votes/{voteId}/close', {
          token: token.chair,
          params: { voteId: vote.id },
          body: { counts: { yes: 8, no: 3, abstain: 1 } },
        }),
      );
      expect(closed.amendment).toEqual({ amendmentId: drafted.id, status: 'adopted' });
      expect((await paragraphsOf(db, resolution.id)).find((p) => p.id === op1.id)!.text).toBe(
        'Decides to act at once;',
      );
    });

    it('one question at a time: a second vote is refused while one is open', async () => {
      const { resolution } = await voteWith({ method: 'electronic' }, {});
      const res = await callRoute('POST', '/resolutions/{id}/votes', {
        token: token.chair,
        params: { id: resolution.id },
        body: { subject: { kind: 'resolution' }, method: 'electronic' },
      });
      expect(res.status).toBe(409);
      const open = await db
        .select()
        .from(votes)
        .where(and(eq(votes.resolutionId, resolution.id), eq(votes.status, 'open')));
      expect(open).toHaveLength(1);
    });
  });
}
