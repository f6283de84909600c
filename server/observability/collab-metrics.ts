import { Counter, Gauge, Histogram } from 'prom-client';
import { CloseCode } from '../../lib/collab/close-codes';
import { REFUSAL_REASONS, type RefusalReason } from '../collab/refusal';
import { metric } from './metrics';

/**
 * The collaboration service's metrics (concord_collab_*), beside metrics.ts's on the same
 * registry. The relay calls these on its hot path (every update, every broadcast), so each
 * call is O(1): deliveries are counted once per broadcast (its peer count), never per peer,
 * and labelled series are children made once, so no call builds a label object.
 */

/** Close codes counted by their own label; any other code counts as "other". */
const CLOSE_CODES = [1000, 1005, 1006, ...Object.values(CloseCode)];

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Finer where the relay's targets are (30 ms warm, 50 ms from a cold start). */
const RELAY_SECONDS = [
  0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** What the service has open now; read at each scrape, summed over the services of the process. */
export interface CollabStats {
  documents: number;
  connections: number;
  /** How many times the configured broadcast wait rooms now wait (server/collab/broadcast-pace.ts). */
  broadcastStretch: number;
}
const slot = globalThis as unknown as { __concordCollabStats?: Set<() => CollabStats> };
slot.__concordCollabStats ??= new Set();
const statsSources = slot.__concordCollabStats;

const openGauge = (name: string, help: string, pick: (s: CollabStats) => number) =>
  metric(
    name,
    () =>
      new Gauge({
        name,
        help,
        collect() {
          let total = 0;
          for (const stats of statsSources) total += pick(stats());
          this.set(total);
        },
      }),
  );

/**
 * A histogram without labels, as its one child: observing through the child skips building
 * and hashing an empty label set on every call (about 40 % of an observation's cost).
 */
const histogram = (name: string, help: string, buckets: number[]) =>
  metric(name, () => new Histogram({ name, help, buckets })).labels();

const counter = (name: string, help: string) => metric(name, () => new Counter({ name, help }));

function createInstruments() {
  const refusals = metric(
    'concord_collab_refusals_total',
    () =>
      new Counter({
        name: 'concord_collab_refusals_total',
        help: 'Client messages refused, by reason (all but read_only close the socket)',
        labelNames: ['reason'] as const,
      }),
  );
  const closes = metric(
    'concord_collab_closes_total',
    () =>
      new Counter({
        name: 'concord_collab_closes_total',
        help: 'Collaboration sockets closed, by close code (refused admissions included)',
        labelNames: ['code'] as const,
      }),
  );
  return {
    documents: openGauge(
      'concord_collab_documents',
      'Rooms loaded: resolution texts, draft amendments, language versions',
      (s) => s.documents,
    ),
    connections: openGauge(
      'concord_collab_connections',
      'Collaboration sockets joined to a room',
      (s) => s.connections,
    ),
    broadcastStretch: metric(
      'concord_collab_broadcast_stretch',
      () =>
        new Gauge({
          name: 'concord_collab_broadcast_stretch',
          help: 'Times the configured broadcast wait that rooms wait now: above 1 while the relay thread is saturated',
          collect() {
            let most = 1;
            for (const stats of statsSources) most = Math.max(most, stats().broadcastStretch);
            this.set(most);
          },
        }),
    ),
    updatesIn: counter(
      'concord_collab_updates_received_total',
      'Document updates received from clients (before the guard: refused ones included)',
    ),
    deliveries: counter(
      'concord_collab_deliveries_total',
      'Update messages written to sockets: each broadcast counts its peers',
    ),
    broadcastUpdates: histogram(
      'concord_collab_broadcast_updates',
      'Stored updates merged into one broadcast (its count is the number of broadcasts)',
      [1, 2, 4, 8, 16, 32, 64, 128],
    ),
    relay: histogram(
      'concord_collab_relay_seconds',
      "A client's update from its arrival on the socket until the broadcast carrying it has been written to the last peer (guard, storage, batching and the writes)",
      RELAY_SECONDS,
    ),
    commitSeconds: histogram(
      'concord_collab_group_commit_seconds',
      'Time to store one group-commit batch, retries included',
      SECONDS,
    ),
    commitUpdates: histogram(
      'concord_collab_group_commit_updates',
      'Updates stored together in one group-commit batch',
      [1, 2, 4, 8, 16, 32, 64, 128, 256],
    ),
    guardSeconds: histogram(
      'concord_collab_guard_check_seconds',
      "An update's check by the guard's worker, from submission to its verdict (queueing included)",
      SECONDS,
    ),
    foldSeconds: histogram(
      'concord_collab_fold_seconds',
      "A state-folder job (merging updates into a document's state off the relay's thread)",
      SECONDS,
    ),
    refusals: Object.fromEntries(REFUSAL_REASONS.map((r) => [r, refusals.labels(r)])) as Record<
      RefusalReason,
      { inc(): void }
    >,
    closes: new Map(CLOSE_CODES.map((code) => [code, closes.labels(String(code))])),
    otherClose: closes.labels('other'),
  };
}

let instruments: ReturnType<typeof createInstruments> | null = null;
function m() {
  instruments ??= createInstruments();
  return instruments;
}

/**
 * Registers the metrics (a scrape lists them at 0 before the first socket) and counts what
 * `stats` says is open until the returned function is called.
 */
export function observeCollabService(stats: () => CollabStats): () => void {
  m();
  statsSources.add(stats);
  return () => statsSources.delete(stats);
}

/**
 * When each client update arrived (performance.now()), until it is broadcast; collected with
 * the update. A copy or a merge carries theirs (carryArrivals): wording rooms store the copy
 * their document makes of each edit, several at a time.
 */
const arrivals = new WeakMap<Uint8Array, number | number[]>();

export function updateArrived(update: Uint8Array, arrivedAt: number): void {
  m().updatesIn.inc();
  arrivals.set(update, arrivedAt);
}

/**
 * `copy` stands for the client updates `parts` (a document's re-encoding of one, or a merge
 * of several): its broadcast ends the relay latency of each of them.
 */
export function carryArrivals(copy: Uint8Array, parts: readonly Uint8Array[]): void {
  const times = parts.flatMap((part) => arrivals.get(part) ?? []);
  if (times.length > 0) arrivals.set(copy, times);
}

/**
 * A broadcast of `updates` (merged) starts, to every peer but `except`. Returns what to call
 * once its last peer has been written to: the relay latency ends there (a broadcast to many
 * peers is written over several turns of the event loop).
 */
export function broadcastStarting(
  updates: readonly Uint8Array[],
  peers: ReadonlySet<unknown>,
  except: unknown,
): () => void {
  const { deliveries, broadcastUpdates, relay } = m();
  const written = peers.size - (except !== null && peers.has(except) ? 1 : 0);
  if (written > 0) deliveries.inc(written);
  broadcastUpdates.observe(updates.length);
  const arrived: number[] = [];
  for (const update of updates) {
    const arrivedAt = arrivals.get(update);
    if (typeof arrivedAt === 'number') arrived.push(arrivedAt);
    else if (arrivedAt) arrived.push(...arrivedAt);
  }
  return () => {
    const now = performance.now();
    for (const arrivedAt of arrived) relay.observe((now - arrivedAt) / 1000);
  };
}

export function batchStored(updates: number, startedAt: number): void {
  const { commitSeconds, commitUpdates } = m();
  commitSeconds.observe((performance.now() - startedAt) / 1000);
  commitUpdates.observe(updates);
}

export function guardChecked(startedAt: number): void {
  m().guardSeconds.observe((performance.now() - startedAt) / 1000);
}

export function folded(startedAt: number): void {
  m().foldSeconds.observe((performance.now() - startedAt) / 1000);
}

export function refused(reason: RefusalReason): void {
  m().refusals[reason].inc();
}

export function socketClosed(code: number): void {
  const { closes, otherClose, refusals } = m();
  (closes.get(code) ?? otherClose).inc();
  // ws closes an oversized frame's socket itself: this is the only place it is seen.
  if (code === CloseCode.tooLarge) refusals.frame_too_large.inc();
}
