import type { Queryable } from '../client';

/**
 * A lookup asked for many keys in the same turn of the event loop answered by one query:
 * `run` gets every distinct key asked for meanwhile on one connection (or transaction) and
 * returns what it found by key; each caller gets its own key's answer (undefined when none).
 * Nothing is kept between turns: every request still reads the database, so a revocation
 * committed before a lookup is seen by it.
 */
export function sameTickLookup<K, V>(
  run: (db: Queryable, keys: K[]) => Promise<Map<K, V>>,
): (db: Queryable, key: K) => Promise<V | undefined> {
  const pending = new WeakMap<Queryable, Map<K, Waiter<V>[]>>();
  return (db, key) => {
    let batch = pending.get(db);
    if (!batch) {
      const asked = new Map<K, Waiter<V>[]>();
      batch = asked;
      pending.set(db, asked);
      setImmediate(() => {
        pending.delete(db);
        run(db, [...asked.keys()]).then(
          (found) => {
            for (const [k, waiters] of asked) for (const w of waiters) w.resolve(found.get(k));
          },
          (e: unknown) => {
            for (const waiters of asked.values()) for (const w of waiters) w.reject(e);
          },
        );
      });
    }
    const waiters = batch.get(key) ?? [];
    batch.set(key, waiters);
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(e: unknown): void;
}
