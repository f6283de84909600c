import { describe, expect, it } from 'vitest';
import { DEFAULT_PACE, eventLoopPace, nextStretch, STEADY_PACE } from '../../server/collab/broadcast-pace';

const bounds = { ...DEFAULT_PACE, maxStretch: 3 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the broadcast pace', () => {
  it('stretches step by step while busy, up to its bound; holds in between; shrinks back to 1 when idle', () => {
    let s = 1;
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      s = nextStretch(s, 0.95, bounds);
      seen.push(s);
    }
    // Up in three samples, at most the bound; down in a dozen.
    expect(seen.slice(0, 3)).toEqual([1.5, 2.25, 3]);
    expect(seen.at(-1)).toBe(3);
    expect(nextStretch(2, 0.8, bounds)).toBe(2);
    expect(nextStretch(3, 0.3, bounds)).toBeCloseTo(3 / 1.1);
    for (let i = 0; i < 11; i++) s = nextStretch(s, 0.3, bounds);
    expect(s).toBeGreaterThan(1);
    s = nextStretch(s, 0.3, bounds);
    expect(s).toBe(1);
  });

  it('never stretches when the longest wait is the configured one', () => {
    expect(eventLoopPace({ ...bounds, maxStretch: 1 })).toBe(STEADY_PACE);
  });

  it("follows this thread's own utilisation: stretched while it is kept busy, back to 1 once it idles", async () => {
    const pace = eventLoopPace({ ...bounds, sampleMs: 20 });
    try {
      // Busy: synchronous work in 30 ms turns, for about 300 ms.
      const until = performance.now() + 300;
      while (performance.now() < until) {
        const end = performance.now() + 30;
        while (performance.now() < end) {}
        await new Promise((r) => setImmediate(r));
      }
      expect(pace.stretch).toBeGreaterThan(1);
      await sleep(400);
      expect(pace.stretch).toBe(1);
    } finally {
      pace.stop();
    }
  });
});
