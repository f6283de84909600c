import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { together } from '@/db/together';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * Statements sent together in a transaction (db/together.ts), and on PGlite right behind the
 * transaction's BEGIN (db/pglite-thread.ts): they run in the order given, inside the
 * transaction, and one that fails rolls the whole transaction back.
 */
describe.each(testDatabaseKinds())('statements sent together on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  const rows = async () =>
    (await db.execute(sql`select n from sent_together order by seq`)) as unknown as
      | { n: number }[]
      | { rows: { n: number }[] };
  const values = async () => {
    const r = await rows();
    return (Array.isArray(r) ? r : r.rows).map((x) => Number(x.n));
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    await db.execute(sql`create table sent_together (seq serial primary key, n int not null check (n >= 0))`);
  });
  afterAll(() => database?.close());

  it('run in the order given, inside the transaction, the first ones right behind BEGIN', async () => {
    const seen = await db.transaction(async (tx) => {
      const [, , count] = await together(
        tx.execute(sql`insert into sent_together (n) values (1)`),
        tx.execute(sql`insert into sent_together (n) values (2)`),
        tx.execute(sql`select count(*)::int as c from sent_together`),
      );
      return count;
    });
    const r = seen as unknown as { c: number }[] | { rows: { c: number }[] };
    expect((Array.isArray(r) ? r : r.rows)[0].c).toBe(2);
    expect(await values()).toEqual([1, 2]);
  });

  it('one that fails rolls back those sent with it, and the next transaction goes on', async () => {
    await expect(
      db.transaction(async (tx) => {
        await together(
          tx.execute(sql`insert into sent_together (n) values (3)`),
          tx.execute(sql`insert into sent_together (n) values (-1)`),
          tx.execute(sql`insert into sent_together (n) values (4)`),
        );
      }),
    ).rejects.toThrow();
    expect(await values()).toEqual([1, 2]);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into sent_together (n) values (5)`);
    });
    expect(await values()).toEqual([1, 2, 5]);
  });

  it('a transaction whose work throws before any statement is rolled back, and the next goes on', async () => {
    await expect(
      db.transaction(async () => {
        throw new Error('refused before writing');
      }),
    ).rejects.toThrow('refused before writing');
    await db.transaction((tx) => tx.execute(sql`insert into sent_together (n) values (6)`));
    expect(await values()).toEqual([1, 2, 5, 6]);
  });
});
