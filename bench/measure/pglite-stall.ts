/**
 * What PGlite's worker thread saves the relay: the main thread's event-loop delay while the
 * database writes large snapshots (a ~1 MB document state, as B1's document grows to) and
 * answers a burst of API-sized queries — once with PGlite on the main thread, once in its
 * worker, alternating rounds in one run so machine load hits both alike.
 *
 *   node --import tsx bench/measure/pglite-stall.ts [rounds=6]
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client';
import { snapshotLiveState } from '../../db/commands/doc-compactor';
import { populate } from '../servers/concord-fixture';

const rounds = Number(process.argv[2] ?? 6);

/**
 * Gaps between ticks of a 1 ms timer: how long the thread could not run anything else. (A
 * loop blocked from start to end of a round gives monitorEventLoopDelay no sample at all,
 * hence this ticker, closed by one last gap at the end.)
 */
function gapMeter() {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  return () => {
    clearInterval(timer);
    gaps.push(performance.now() - last);
    gaps.sort((a, b) => a - b);
    return { maxMs: gaps.at(-1)!, p99Ms: gaps[Math.floor(gaps.length * 0.99)] };
  };
}

async function round(database: Database, resolutionId: string) {
  const stop = gapMeter();
  const started = performance.now();
  // A snapshot like a large live document's, written the way the server's compaction does.
  for (let i = 0; i < 3; i++) await snapshotLiveState(database.db, resolutionId, randomBytes(1_000_000), 1_000 + i);
  // 200 small reads at once, like a page load per delegation.
  await Promise.all(Array.from({ length: 200 }, () => database.db.execute(sql`select count(*) from audit_events`)));
  return { ms: performance.now() - started, ...stop() };
}

async function main() {
  const modes = [
    { name: 'PGlite on the main thread', inThread: true },
    { name: 'PGlite in its worker thread', inThread: false },
  ];
  const opened = await Promise.all(
    modes.map(async (m) => {
      const database = await openDatabase({ inThread: m.inThread });
      const { resolutionId } = await populate(database, { editors: 1, watchers: 1, tag: m.inThread ? 'a' : 'b' });
      return { ...m, database, resolutionId, results: [] as Awaited<ReturnType<typeof round>>[] };
    }),
  );
  for (let r = 0; r < rounds; r++)
    for (const m of r % 2 ? [...opened].reverse() : opened) m.results.push(await round(m.database, m.resolutionId));
  for (const m of opened) {
    const max = m.results.map((x) => x.maxMs);
    const p99 = m.results.map((x) => x.p99Ms);
    const f = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
    console.log(
      `${m.name}: longest main-thread stall per round ${f(max)} ms; p99 ${f(p99)} ms; work ${f(m.results.map((x) => x.ms))} ms`,
    );
    await m.database.close();
  }
}

await main();
