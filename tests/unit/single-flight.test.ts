import { describe, expect, it } from 'vitest';
import { freshResult } from '@/server/single-flight';

describe('freshResult', () => {
  it('answers every caller with a run that started after its call, in about two runs', async () => {
    let value = 0;
    let runs = 0;
    const compute = async () => {
      runs++;
      const seen = value;
      await new Promise((r) => setTimeout(r, 20));
      return seen;
    };
    const answers: Promise<number>[] = [];
    for (let i = 1; i <= 50; i++) {
      value = i; // "the write" before the call
      answers.push(
        freshResult('k', compute).then((seen) => {
          expect(seen).toBeGreaterThanOrEqual(i);
          return seen;
        }),
      );
    }
    const seen = await Promise.all(answers);
    expect(seen.at(-1)).toBe(50);
    expect(runs).toBe(2);
  });

  it('passes errors to the callers of that run and recovers', async () => {
    await expect(freshResult('e', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await expect(freshResult('e', async () => 7)).resolves.toBe(7);
  });
});
