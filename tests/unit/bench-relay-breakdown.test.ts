import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  histogramDelta,
  parseSamples,
  quantile,
  relayBreakdown,
  shareAbove,
} from '../../bench/measure/relay-breakdown';

/**
 * B1's "server's own part" rows (bench/measure/relay-breakdown.ts): Concord's /metrics read
 * before and after the measured phase, summed over processes, each histogram's observations
 * in between, and quantiles estimated from its buckets as Prometheus does.
 */
const BUCKETS = [0.01, 0.02, 0.03, 0.05, 0.1];

function exposition(name: string, values: number[]) {
  const registry = new Registry();
  const h = new Histogram({ name, help: 'test', buckets: BUCKETS, registers: [registry] });
  for (const v of values) h.observe(v);
  return registry.metrics();
}

describe('relay breakdown from /metrics', () => {
  it('parses prom-client text, summing the same sample over processes and skipping comments', async () => {
    const one = await exposition('concord_collab_relay_seconds', [0.005, 0.015]);
    const two = await exposition('concord_collab_relay_seconds', [0.025]);
    const samples = parseSamples(two, parseSamples(one));
    expect(samples.get('concord_collab_relay_seconds_count')).toBe(3);
    expect(samples.get('concord_collab_relay_seconds_sum')).toBeCloseTo(0.045, 9);
    expect(samples.get('concord_collab_relay_seconds_bucket{le="0.01"}')).toBe(1);
    expect(samples.get('concord_collab_relay_seconds_bucket{le="+Inf"}')).toBe(3);
    expect([...samples.keys()].some((k) => k.startsWith('#'))).toBe(false);
    expect(parseSamples('garbage line\nname{le="x"} notanumber\n').size).toBe(0);
  });

  it('takes only what was observed between the two scrapes', async () => {
    const before = parseSamples(await exposition('concord_collab_relay_seconds', [0.2, 0.2, 0.2]));
    const after = parseSamples(
      await exposition('concord_collab_relay_seconds', [0.2, 0.2, 0.2, 0.012, 0.018, 0.025, 0.04]),
    );
    const h = histogramDelta(before, after, 'concord_collab_relay_seconds');
    expect(h.count).toBe(4);
    expect(h.sum).toBeCloseTo(0.095, 9);
    expect(h.bounds).toEqual([...BUCKETS, Number.POSITIVE_INFINITY]);
    expect(h.cumulative).toEqual([0, 2, 3, 4, 4, 4]);
    expect(shareAbove(h, 0.03)).toBe(0.25);
    expect(shareAbove(h, 0.031)).toBeNull();
  });

  it('interpolates a quantile inside its bucket, like histogram_quantile', () => {
    const h = {
      count: 100,
      sum: 2,
      bounds: [0.01, 0.02, 0.05, Number.POSITIVE_INFINITY],
      cumulative: [50, 90, 100, 100],
    };
    expect(quantile(h, 0.5)).toBeCloseTo(0.01, 9);
    expect(quantile(h, 0.7)).toBeCloseTo(0.015, 9);
    expect(quantile(h, 0.95)).toBeCloseTo(0.035, 9);
    expect(quantile({ ...h, count: 0 }, 0.5)).toBeNull();
    // Past the last finite bound, the estimate is that bound: no figure beyond what was bucketed.
    const tail = { count: 10, sum: 5, bounds: [0.01, Number.POSITIVE_INFINITY], cumulative: [5, 10] };
    expect(quantile(tail, 0.99)).toBe(0.01);
  });

  it('puts the relay, the guard, the commit and the broadcasts together', async () => {
    const registry = new Registry();
    const make = (name: string, buckets: number[]) =>
      new Histogram({ name, help: 't', buckets, registers: [registry] });
    const relay = make('concord_collab_relay_seconds', BUCKETS);
    const guard = make('concord_collab_guard_check_seconds', BUCKETS);
    const commit = make('concord_collab_group_commit_seconds', BUCKETS);
    const broadcasts = make('concord_collab_broadcast_updates', [1, 2, 4, 8]);
    const before = parseSamples(await registry.metrics());
    for (const v of [0.008, 0.012, 0.022, 0.045]) relay.observe(v);
    for (const v of [0.001, 0.003]) guard.observe(v);
    commit.observe(0.004);
    for (const v of [3, 1]) broadcasts.observe(v);
    const b = relayBreakdown(before, parseSamples(await registry.metrics()), 2);
    expect(b.updates).toBe(4);
    expect(b.meanMs).toBeCloseTo(21.75, 6);
    expect(b.over30ms).toBe(0.25);
    expect(b.guardMeanMs).toBeCloseTo(2, 6);
    expect(b.commitMeanMs).toBeCloseTo(4, 6);
    expect(b.broadcastsPerSecond).toBe(1);
    expect(b.updatesPerBroadcast).toBe(2);
    expect(b.p99Ms).toBeGreaterThan(30);
    expect(b.p99Ms).toBeLessThanOrEqual(50);
  });
});
