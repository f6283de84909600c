import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, ballots, committees, delegations, users, voteTallies } from '@/db/schema';
import { voteForUser, voteForUserSoon } from '@/db/queries/votes';
import { seedDemo } from '@/db/commands/demo-seeder';
import { openVote } from '@/db/commands/vote-opener';
import { castBallot, castBallots, type BallotCast } from '@/db/commands/ballot-caster';
import { closeVote } from '@/db/commands/vote-closer';
import { batchSetTransactions, batchTransactions } from '@/db/batched-transactions';
import type { VoteMethod } from '@/lib/votes/types';
import { verifyAuditChain } from '@/db/queries/audit';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { paragraphsOf, resolutionAtVoting, userId } from './procedure-fixtures';

/**
 * The ballot box: ballots arriving together are written in one transaction, each still in
 * its own savepoint — one ballot per delegation, its own audit entry, a refused one refused
 * alone, and nobody answered before the COMMIT.
 */
describe.each(testDatabaseKinds())('ballot box on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let chairId: string;
  let committeeId: string;
  let demoCommitteeId: string;
  const delegationIds: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    ({ committeeId: demoCommitteeId } = await seedDemo(db));
    chairId = await userId(db, 'chair');
    const [big] = await db
      .insert(committees)
      .values({ slug: `ballot-box-${kind}`, name: 'Large committee' })
      .returning();
    committeeId = big.id;
    const rows = await db
      .insert(delegations)
      .values(Array.from({ length: 190 }, (_, i) => ({ committeeId, name: `Delegation ${i + 1}` })))
      .returning();
    delegationIds.push(...rows.map((r) => r.id));
  });
  afterAll(() => database?.close());

  it('190 ballots at once: few transactions, each ballot once with its audit entry; a refused one alone', async () => {
    const resolution = await resolutionAtVoting(db, committeeId);
    const vote = await openVote(db, {
      resolution,
      subject: { kind: 'resolution' },
      method: 'roll_call',
      majority: 'simple',
      actorId: chairId,
      paragraphIds: [],
    });
    let transactions = 0;
    const box = batchTransactions(
      async () => db,
      (tx, cast: BallotCast) => castBallot(tx, cast),
    );
    const counting = new Proxy(db, {
      get(target, key, receiver) {
        if (key === 'transaction') transactions++;
        return Reflect.get(target, key, receiver);
      },
    });
    // As the server's box: castBallot's own transaction is its savepoint.
    const countingBox = batchTransactions(
      async () => counting,
      (tx, cast: BallotCast) => castBallot(tx, cast),
      {
        ownTransaction: true,
      },
    );
    const cast = (delegationId: string, choice: 'yes' | 'no') =>
      countingBox.run({ voteId: vote.id, delegationId, choice, actorId: chairId });
    const outcomes = await Promise.allSettled([
      ...delegationIds.map((id, i) => cast(id, i % 2 ? 'yes' : 'no')),
      // Not a delegation of this committee: refused, and only this one.
      cast('00000000-0000-4000-8000-000000000000', 'yes'),
    ]);
    expect(outcomes.slice(0, 190).every((o) => o.status === 'fulfilled')).toBe(true);
    expect(outcomes[190]).toMatchObject({ status: 'rejected', reason: { code: 'bad_request:delegation' } });
    expect(transactions).toBeGreaterThan(0);
    expect(transactions).toBeLessThan(20); // not one per ballot

    // Everyone changes their ballot at once: still one row per delegation.
    const changed = await Promise.all(
      delegationIds.map((id) => box.run({ voteId: vote.id, delegationId: id, choice: 'no', actorId: chairId })),
    );
    expect(changed.every((o) => o.replaced)).toBe(true);
    const rows = await db.select().from(ballots).where(eq(ballots.voteId, vote.id));
    expect(rows).toHaveLength(190);
    expect(new Set(rows.map((r) => r.delegationId)).size).toBe(190);
    expect(rows.every((r) => r.choice === 'no')).toBe(true);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resolutionId, resolution.id), eq(auditEvents.action, 'ballot.cast')));
    expect(audit).toHaveLength(380);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  /** The server's box: set-based batches (db/commands/ballot-box.ts), counting transactions. */
  function setBasedBox() {
    const counter = { transactions: 0 };
    const counting = new Proxy(db, {
      get(target, key, receiver) {
        if (key === 'transaction') counter.transactions++;
        return Reflect.get(target, key, receiver);
      },
    });
    return {
      counter,
      box: batchSetTransactions(
        async () => counting,
        (tx, casts: readonly BallotCast[]) => castBallots(tx, casts, { withStanding: true }),
      ),
    };
  }

  async function openOne(method: VoteMethod) {
    const resolution = await resolutionAtVoting(db, committeeId);
    // A separate vote on a paragraph: closing it adopts nothing.
    const paragraphIds = (await paragraphsOf(db, resolution.id)).map((p) => p.id);
    const vote = await openVote(db, {
      resolution,
      subject: { kind: 'paragraph', paragraphId: paragraphIds[1] },
      method,
      majority: 'simple',
      actorId: chairId,
      paragraphIds,
    });
    const audit = async () =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.resolutionId, resolution.id), eq(auditEvents.action, 'ballot.cast')));
    return { vote, audit };
  }

  it('set-based: 190 at once, then all changed twice at once: one row each, every ballot audited once, in order', async () => {
    const { vote, audit } = await openOne('electronic');
    const { counter, box } = setBasedBox();
    const cast = (delegationId: string, choice: 'yes' | 'no' | 'abstain') =>
      box.run({ voteId: vote.id, delegationId, choice, actorId: chairId });
    const first = await Promise.allSettled([
      ...delegationIds.map((id, i) => cast(id, i % 2 ? 'yes' : 'abstain')),
      cast('00000000-0000-4000-8000-000000000000', 'yes'),
    ]);
    expect(first.slice(0, 190).map((o) => o.status === 'fulfilled' && o.value.replaced)).toEqual(
      Array(190).fill(false),
    );
    expect(first[190]).toMatchObject({ status: 'rejected', reason: { code: 'bad_request:delegation' } });
    expect(counter.transactions).toBeLessThan(20);

    // Each delegation sends two changes in the same burst: both answered "replaced", the second stands.
    const changed = await Promise.all(delegationIds.flatMap((id) => [cast(id, 'yes'), cast(id, 'no')]));
    expect(changed.every((o) => o.replaced && !o.secret)).toBe(true);
    // The live tally each batch announces: the last one is the final count.
    const last = changed.at(-1)!.standing;
    expect(last).toMatchObject({ ballotsCast: 190, eligible: 190, tally: { yes: 0, no: 190, abstain: 0 } });
    const rows = await db.select().from(ballots).where(eq(ballots.voteId, vote.id));
    expect(rows).toHaveLength(190);
    expect(new Set(rows.map((r) => r.delegationId)).size).toBe(190);
    expect(rows.every((r) => r.choice === 'no')).toBe(true);
    const entries = await audit();
    expect(entries).toHaveLength(190 * 3);
    // Per delegation, the audit holds its ballots in the order they were cast.
    const byDelegation = new Map<string, string[]>();
    for (const e of entries.sort((a, b) => a.seq - b.seq)) {
      const d = e.details as { delegationId: string; choice: string };
      byDelegation.set(d.delegationId, [...(byDelegation.get(d.delegationId) ?? []), d.choice]);
    }
    expect(delegationIds.map((id) => byDelegation.get(id))).toEqual(
      delegationIds.map((_, i) => [i % 2 ? 'yes' : 'abstain', 'yes', 'no']),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('set-based, two boxes at once (two processes): each secret ballot counted exactly once, a second refused', async () => {
    const { vote, audit } = await openOne('secret');
    const a = setBasedBox().box;
    const b = setBasedBox().box;
    // Every delegation casts from both boxes in the same instant, and twice from the first.
    const outcomes = await Promise.allSettled(
      delegationIds.flatMap((id, i) => {
        const choice = (['yes', 'no', 'abstain'] as const)[i % 3];
        const cast = { voteId: vote.id, delegationId: id, choice, actorId: chairId };
        return [a.run(cast), b.run(cast), a.run(cast)];
      }),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    // A secret vote's standing says how many have voted, never a tally.
    expect(accepted.every((o) => o.value.standing?.tally === null)).toBe(true);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(accepted).toHaveLength(190);
    expect(refused).toHaveLength(380);
    expect(refused.every((o) => (o.reason as { code: string }).code === 'conflict:ballot')).toBe(true);
    for (let i = 0; i < 190; i++) {
      expect(outcomes.slice(i * 3, i * 3 + 3).filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    }
    const rows = await db.select().from(ballots).where(eq(ballots.voteId, vote.id));
    expect(rows).toHaveLength(190);
    // Each choice sealed in its row, and no running totals to diff around a transaction.
    expect(rows.every((r) => r.choice === null && r.seal !== null)).toBe(true);
    expect(await db.select().from(voteTallies).where(eq(voteTallies.voteId, vote.id))).toEqual([]);
    const entries = await audit();
    expect(entries).toHaveLength(190);
    expect(entries.every((e) => !('choice' in (e.details as object)))).toBe(true);
    const { result } = await closeVote(db, { voteId: vote.id, actorId: chairId });
    expect(result).toMatchObject({ totals: { yes: 64, no: 63, abstain: 63 }, ballotsCast: 190 });
    // Counted, the seals are erased: only the totals remain.
    const after = await db.select().from(ballots).where(eq(ballots.voteId, vote.id));
    expect(after.every((r) => r.seal === null)).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('set-based ballots racing the close: counted in the stored result or refused, never lost or added after', async () => {
    const { vote, audit } = await openOne('electronic');
    const { box } = setBasedBox();
    const casts = delegationIds.map((id) =>
      box.run({ voteId: vote.id, delegationId: id, choice: 'yes', actorId: chairId }).then(
        () => 'counted',
        (e: Error) => (/closed/.test(e.message) ? 'refused' : Promise.reject(e)),
      ),
    );
    const closing = closeVote(db, { voteId: vote.id, actorId: chairId });
    const outcomes = await Promise.all(casts);
    const { result } = await closing;
    const counted = outcomes.filter((o) => o === 'counted').length;
    expect(result.totals.yes).toBe(counted);
    expect(await db.select().from(ballots).where(eq(ballots.voteId, vote.id))).toHaveLength(counted);
    expect(await audit()).toHaveLength(counted);
  });

  it('the vote looked up for many requests at once: the same answers as one by one, 404 for a stranger', async () => {
    const resolution = await resolutionAtVoting(db, demoCommitteeId);
    const paragraphIds = (await paragraphsOf(db, resolution.id)).map((p) => p.id);
    const vote = await openVote(db, {
      resolution,
      subject: { kind: 'paragraph', paragraphId: paragraphIds[1] },
      method: 'electronic',
      majority: 'simple',
      actorId: chairId,
      paragraphIds,
    });
    const iranId = await userId(db, 'iran');
    const [stranger] = await db
      .insert(users)
      .values({ email: `stranger-${kind}@example.org`, name: 'Stranger' })
      .returning();
    const [chair, iran, none, unknown] = await Promise.allSettled([
      voteForUserSoon(db, chairId, vote.id),
      voteForUserSoon(db, iranId, vote.id),
      voteForUserSoon(db, stranger.id, vote.id),
      voteForUserSoon(db, iranId, '00000000-0000-4000-8000-000000000000'),
    ]);
    expect(chair).toEqual({ status: 'fulfilled', value: await voteForUser(db, chairId, vote.id) });
    expect(iran).toEqual({ status: 'fulfilled', value: await voteForUser(db, iranId, vote.id) });
    expect(none).toMatchObject({ status: 'rejected', reason: { code: 'not_found:vote' } });
    expect(unknown).toMatchObject({ status: 'rejected', reason: { code: 'not_found:vote' } });
  });

  it('a secret vote open at the upgrade: its unsealed ballots counted from the totals kept then, the sealed ones added', async () => {
    const { vote } = await openOne('secret');
    // Cast before choices were sealed: a participation row and the totals (migration 0004).
    await db
      .insert(ballots)
      .values(delegationIds.slice(0, 3).map((id) => ({ voteId: vote.id, delegationId: id, castBy: chairId })));
    await db.insert(voteTallies).values({ voteId: vote.id, yes: 2, no: 1, abstain: 0 });
    const { box } = setBasedBox();
    await Promise.all(
      delegationIds
        .slice(3, 7)
        .map((id) => box.run({ voteId: vote.id, delegationId: id, choice: 'abstain', actorId: chairId })),
    );
    const { result } = await closeVote(db, { voteId: vote.id, actorId: chairId });
    expect(result).toMatchObject({ totals: { yes: 2, no: 1, abstain: 4 }, ballotsCast: 7 });
  });

  it('a secret vote is not closed under another ballot key: refused, saying so, and nothing is lost', async () => {
    const { vote } = await openOne('secret');
    const { box } = setBasedBox();
    await box.run({ voteId: vote.id, delegationId: delegationIds[0], choice: 'no', actorId: chairId });
    const saved = process.env.CONCORD_BALLOT_KEY;
    process.env.CONCORD_BALLOT_KEY = 'another-installation-ballot-key-0123456789';
    try {
      await expect(closeVote(db, { voteId: vote.id, actorId: chairId })).rejects.toMatchObject({
        code: 'conflict:vote',
        message: expect.stringMatching(/ballot key/),
      });
    } finally {
      if (saved === undefined) delete process.env.CONCORD_BALLOT_KEY;
      else process.env.CONCORD_BALLOT_KEY = saved;
    }
    const { result } = await closeVote(db, { voteId: vote.id, actorId: chairId });
    expect(result).toMatchObject({ totals: { yes: 0, no: 1, abstain: 0 }, ballotsCast: 1 });
  });
});
