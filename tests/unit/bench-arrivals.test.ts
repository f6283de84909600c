import { describe, expect, it } from 'vitest';
import { ArrivalLedger } from '../../bench/load/arrivals';
import { editText } from '../../bench/load/marker';

/**
 * The load processes' arrival accounting (bench/load/arrivals.ts): B1 and B2's latencies,
 * losses and duplicates are counted here, one message scan shared by the receivers that get
 * the same bytes.
 */
const RUN = 7;
const message = (...edits: [editor: number, seq: number, sentUs: number][]) =>
  Buffer.from(`\u0000\u0002${edits.map(([e, s, t]) => editText(RUN, e, s, t)).join('')}`);

describe('ArrivalLedger', () => {
  // Receivers: slot 0 types as editor 0, slots 1 and 2 only watch.
  const ledger = () => new ArrivalLedger(RUN, 2, 10, [0, -1, -1], [], 1, 0, 2);

  it('counts each receiver’s arrivals from one shared scan, skipping a receiver’s own edits', () => {
    const l = ledger();
    const m = message([0, 0, 1_000], [1, 0, 1_500]);
    l.record(0, m, 11_000);
    l.record(1, Buffer.from(m), 12_000);
    l.record(2, m, 13_000);
    // Editor 0's update reached slots 1 and 2; editor 1's reached all three.
    expect(l.firstArrivals).toBe(5);
    expect(l.reached[0 * 10 + 0]).toBe(2);
    expect(l.reached[1 * 10 + 0]).toBe(3);
    expect(l.slowest[1 * 10 + 0]).toBe(13_000 - 1_500);
    expect(l.latency.count).toBe(5);
    expect(l.tally(Int32Array.from([1, 1]))).toEqual({ lost: 0, duplicated: 0 });
  });

  it('sees a different message in reused bytes, and counts repeats and gaps', () => {
    const l = ledger();
    // ws may hand out views of a buffer it then reuses: same object, new content.
    const reused = message([1, 0, 1_000]);
    l.record(1, reused, 5_000);
    message([1, 1, 2_000]).copy(reused);
    l.record(1, reused, 6_000);
    l.record(1, reused, 7_000); // the same update twice: a duplicate
    expect(l.firstArrivals).toBe(2);
    // Editor 1 sent three updates; slot 1 missed the third, slots 0 and 2 got none.
    expect(l.tally(Int32Array.from([0, 3]))).toEqual({ lost: 3 + 3 + 1, duplicated: 1 });
  });

  it('counts markers of another run as stale and out-of-range ones as unknown', () => {
    const l = ledger();
    l.record(1, Buffer.from(editText(RUN - 1, 1, 0, 1)), 10);
    l.record(1, message([1, 10, 1]), 10);
    l.record(1, message([5, 0, 1]), 10);
    expect([l.stale, l.unknown, l.firstArrivals]).toEqual([1, 2, 0]);
  });
});
