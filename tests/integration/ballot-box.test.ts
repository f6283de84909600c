import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, ballots, committees, delegations } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { openVote } from '@/db/commands/vote-opener';
import { castBallot, type BallotCast } from '@/db/commands/ballot-caster';
import { batchTransactions } from '@/db/batched-transactions';
import { verifyAuditChain } from '@/db/queries/audit';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { resolutionAtVoting, userId } from './procedure-fixtures';

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
  const delegationIds: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    await seedDemo(db);
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
});
