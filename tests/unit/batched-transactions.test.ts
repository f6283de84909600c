import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { batchSetTransactions } from '@/db/batched-transactions';

/**
 * The queue of db/batched-transactions.ts on a stand-in database that records each
 * transaction's inputs: what forms one batch and what waits for the next.
 */
function recordingBox(holdMs: number) {
  const batches: number[][] = [];
  const db = { transaction: (fn: (tx: unknown) => Promise<unknown>) => fn({}) } as unknown as Db;
  const box = batchSetTransactions(
    async () => db,
    async (_tx, inputs: readonly number[]) => {
      batches.push([...inputs]);
      // A write that takes a while: what arrives meanwhile waits for the next batch.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return inputs.map((value) => ({ ok: true as const, value }));
    },
    { holdMs },
  );
  return { box, batches };
}

/** A request that first does its own reads (a lookup that takes `ms`), then runs its command. */
const afterLookup = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batched transactions: holding the next batch for requests on their way', () => {
  it('a request still in its lookups joins the batch of one that is already queued', async () => {
    // A hold far longer than the test may take: only the requests' own progress ends it.
    const { box, batches } = recordingBox(60_000);
    const answers = await Promise.all([
      box.arriving(() => box.run(1)),
      box.arriving(async () => {
        await afterLookup(20);
        return box.run(2);
      }),
      box.arriving(async () => {
        await afterLookup(40);
        return box.run(3);
      }),
    ]);
    expect(answers).toEqual([1, 2, 3]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('without a hold, the same requests form a batch each', async () => {
    const { box, batches } = recordingBox(0);
    await Promise.all([
      box.arriving(() => box.run(1)),
      box.arriving(async () => {
        await afterLookup(20);
        return box.run(2);
      }),
    ]);
    expect(batches).toEqual([[1], [2]]);
  });

  it('a request that ends without a command (refused in its lookups) releases the hold', async () => {
    const { box, batches } = recordingBox(60_000);
    const refused = box.arriving(async () => {
      await afterLookup(20);
      throw new Error('401');
    });
    const [one] = await Promise.all([box.arriving(() => box.run(1)), refused.catch(() => 'refused')]);
    expect(one).toBe(1);
    await expect(refused).rejects.toThrow('401');
    expect(batches).toEqual([[1]]);
  });

  it('a command run outside `arriving` (the CLI, Next’s own route) neither waits nor is waited for', async () => {
    const { box, batches } = recordingBox(60_000);
    expect(await box.run(7)).toBe(7);
    expect(batches).toEqual([[7]]);
  });
});
