import type { Queryable } from '../client';

/**
 * A lookup that many requests ask for at once (190 delegations voting in the same second),
 * answered by one query for all of them: `run` gets every distinct key asked for since the
 * last query started, on one connection (or transaction), and returns what it found by key;
 * each caller gets its own key's answer (undefined when none). One query at a time per
 * connection: keys asked for while one is running wait for it to finish and go together in
 * the next — on PGlite's single connection they would queue behind it anyway, and a burst
 * that trickles in (new connections, a loaded machine) costs a few queries, not one per
 * request. A key never joins a query already started, and nothing is kept between queries:
 * every request reads the database after it arrived, so a revocation committed before it
 * is seen.
 */
export function sameTickLookup<K, V>(
  run: (db: Queryable, keys: K[]) => Promise<Map<K, V>>,
): (db: Queryable, key: K) => Promise<V | undefined> {
  const states = new WeakMap<Queryable, State<K, V>>();
  const flush = (db: Queryable, state: State<K, V>) => {
    state.scheduled = false;
    if (state.running || state.asked.size === 0) return;
    const asked = state.asked;
    state.asked = new Map();
    state.running = true;
    run(db, [...asked.keys()])
      .then(
        (found) => {
          for (const [k, waiters] of asked) for (const w of waiters) w.resolve(found.get(k));
        },
        (e: unknown) => {
          for (const waiters of asked.values()) for (const w of waiters) w.reject(e);
        },
      )
      .finally(() => {
        state.running = false;
        schedule(db, state);
      });
  };
  const schedule = (db: Queryable, state: State<K, V>) => {
    if (state.scheduled || state.running || state.asked.size === 0) return;
    state.scheduled = true;
    setImmediate(() => flush(db, state));
  };
  return (db, key) => {
    let state = states.get(db);
    if (!state) {
      state = { asked: new Map(), running: false, scheduled: false };
      states.set(db, state);
    }
    const waiters = state.asked.get(key) ?? [];
    state.asked.set(key, waiters);
    const answer = new Promise<V | undefined>((resolve, reject) => waiters.push({ resolve, reject }));
    schedule(db, state);
    return answer;
  };
}

interface State<K, V> {
  /** Asked since the last query started. */
  asked: Map<K, Waiter<V>[]>;
  running: boolean;
  scheduled: boolean;
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(e: unknown): void;
}
