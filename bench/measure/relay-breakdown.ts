/**
 * The server's own part of B1's latency, read from Concord's /metrics before and after the
 * measured phase: from an update's arrival on the socket until the broadcast carrying it has
 * been written to the last peer (concord_collab_relay_seconds), and what that includes (the
 * update guard's check, the group commit, how many updates each broadcast merged). What the
 * clients measure beyond it is the way there and back: the editor's send, the kernel, the
 * receiving process waiting for a core and reading its sockets.
 */

/** Samples of a Prometheus text exposition: "name{labels}" → value, summed over processes. */
export type Samples = Map<string, number>;

const SAMPLE = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (-?[\d.e+-]+|NaN|\+Inf|-Inf)$/;

export function parseSamples(text: string, into: Samples = new Map()): Samples {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const value = Number(m[2]);
    if (Number.isFinite(value)) into.set(m[1], (into.get(m[1]) ?? 0) + value);
  }
  return into;
}

/** Every process's /metrics, summed (one process per origin). */
export async function scrapeMetrics(origins: readonly string[], token: string): Promise<Samples> {
  const samples: Samples = new Map();
  for (const origin of new Set(origins)) {
    const response = await fetch(`${origin}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${origin}/metrics answered ${response.status}`);
    parseSamples(await response.text(), samples);
  }
  return samples;
}

export interface HistogramDelta {
  count: number;
  sum: number;
  /** Upper bounds (seconds, ascending, +Inf last) and the cumulative counts at each. */
  bounds: number[];
  cumulative: number[];
}

/** One histogram's observations between two scrapes. */
export function histogramDelta(before: Samples, after: Samples, name: string): HistogramDelta {
  const diff = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const prefix = `${name}_bucket{le="`;
  const bounds = [...after.keys()]
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length, -2))
    .map((le) => (le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le)))
    .sort((a, b) => a - b);
  const label = (b: number) => (b === Number.POSITIVE_INFINITY ? '+Inf' : String(b));
  return {
    count: diff(`${name}_count`),
    sum: diff(`${name}_sum`),
    bounds,
    cumulative: bounds.map((b) => diff(`${prefix}${label(b)}"}`)),
  };
}

/**
 * The q-quantile, interpolated linearly inside its bucket as Prometheus's
 * histogram_quantile does: an estimate as good as the buckets, never finer.
 */
export function quantile(h: HistogramDelta, q: number): number | null {
  if (h.count <= 0) return null;
  const rank = q * h.count;
  for (let i = 0; i < h.bounds.length; i++) {
    if (h.cumulative[i] < rank) continue;
    const upper = h.bounds[i];
    const lower = i === 0 ? 0 : h.bounds[i - 1];
    if (upper === Number.POSITIVE_INFINITY) return lower;
    const below = i === 0 ? 0 : h.cumulative[i - 1];
    const inBucket = h.cumulative[i] - below;
    return inBucket > 0 ? lower + ((upper - lower) * (rank - below)) / inBucket : upper;
  }
  return null;
}

/** Share of the observations above `bound` seconds (which must be one of the buckets' bounds). */
export function shareAbove(h: HistogramDelta, bound: number): number | null {
  const i = h.bounds.indexOf(bound);
  if (h.count <= 0 || i === -1) return null;
  return (h.count - h.cumulative[i]) / h.count;
}

export interface RelayBreakdown {
  updates: number;
  /** Arrival → written to the last peer (ms). */
  meanMs: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Share of updates whose relay alone took longer than 30 ms. */
  over30ms: number | null;
  guardMeanMs: number | null;
  commitMeanMs: number | null;
  broadcastsPerSecond: number;
  updatesPerBroadcast: number | null;
}

const RELAY = 'concord_collab_relay_seconds';
const mean = (h: HistogramDelta) => (h.count > 0 ? (h.sum / h.count) * 1000 : null);
const ms = (s: number | null) => (s === null ? null : s * 1000);

export function relayBreakdown(before: Samples, after: Samples, seconds: number): RelayBreakdown {
  const relay = histogramDelta(before, after, RELAY);
  const broadcasts = histogramDelta(before, after, 'concord_collab_broadcast_updates');
  return {
    updates: relay.count,
    meanMs: mean(relay),
    p50Ms: ms(quantile(relay, 0.5)),
    p99Ms: ms(quantile(relay, 0.99)),
    over30ms: shareAbove(relay, 0.03),
    guardMeanMs: mean(histogramDelta(before, after, 'concord_collab_guard_check_seconds')),
    commitMeanMs: mean(histogramDelta(before, after, 'concord_collab_group_commit_seconds')),
    broadcastsPerSecond: seconds > 0 ? broadcasts.count / seconds : 0,
    updatesPerBroadcast: broadcasts.count > 0 ? broadcasts.sum / broadcasts.count : null,
  };
}
