import type { Sql } from 'postgres';

/**
 * Migrations and first-start data (auth secret, demo) run in one process at a time: the
 * others wait on a PostgreSQL advisory lock, then find the work done. Waiting is bounded,
 * and a start that gives up names the process holding the lock.
 */
const START_LOCK = 7263514;
const WAIT_LIMIT_MS = Number(process.env.CONCORD_START_LOCK_TIMEOUT_MS) || 120_000;

export class StartLockHeld extends Error {}

export async function holdingStartLock<T>(client: Sql, work: () => Promise<T>): Promise<T> {
  // Advisory locks belong to a session: reserve one connection for lock, work's own
  // queries may use the pool, and unlock.
  const session = await client.reserve();
  try {
    const started = Date.now();
    for (;;) {
      const [{ locked }] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(${START_LOCK}) as locked`;
      if (locked) break;
      if (Date.now() - started > WAIT_LIMIT_MS) throw new StartLockHeld(await heldBy(session));
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      return await work();
    } finally {
      await session`select pg_advisory_unlock(${START_LOCK})`;
    }
  } finally {
    session.release();
  }
}

async function heldBy(session: Sql): Promise<string> {
  const rows = await session<{ application_name: string; state: string; since: string }[]>`
    select a.application_name, a.state, a.backend_start::text as since
    from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.objid = ${START_LOCK} and l.granted`;
  const holder = rows[0]
    ? `"${rows[0].application_name || 'an unnamed client'}" (connected since ${rows[0].since}, ${rows[0].state})`
    : 'another process';
  return `the start-up lock (PostgreSQL advisory lock ${START_LOCK}) has been held for over ${WAIT_LIMIT_MS / 1000} s by ${holder}: it is migrating or seeding, or hangs; stop it or raise CONCORD_START_LOCK_TIMEOUT_MS`;
}
