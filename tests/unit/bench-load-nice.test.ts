import os from 'node:os';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNice, niceLoad, schedulingNote } from '@/bench/load/pin';

/** BENCH_LOAD_NICE: what it accepts, what it refuses, and that it really lowers a process's priority. */
const saved = { nice: process.env.BENCH_LOAD_NICE, pin: process.env.BENCH_PIN };
afterEach(() => {
  for (const [key, value] of [
    ['BENCH_LOAD_NICE', saved.nice],
    ['BENCH_PIN', saved.pin],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('BENCH_LOAD_NICE', () => {
  it('is off unless set to 1–19, and refuses anything else saying what it got', () => {
    delete process.env.BENCH_PIN;
    for (const off of [undefined, '', '0']) {
      if (off === undefined) delete process.env.BENCH_LOAD_NICE;
      else process.env.BENCH_LOAD_NICE = off;
      expect(loadNice()).toBeNull();
      expect(schedulingNote()).toBeNull();
    }
    process.env.BENCH_LOAD_NICE = '10';
    expect(loadNice()).toBe(10);
    expect(schedulingNote()).toBe('BENCH_LOAD_NICE=10: the load generators ran at nice 10.');
    for (const bad of ['-5', '20', '2.5', 'high', '10 ']) {
      process.env.BENCH_LOAD_NICE = bad;
      expect(() => loadNice()).toThrow(`BENCH_LOAD_NICE must be an integer 1–19, got "${bad}"`);
    }
  });

  it('lowers the priority of the process it is given', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      process.env.BENCH_LOAD_NICE = '7';
      niceLoad(child.pid);
      expect(os.getPriority(child.pid)).toBe(7);
    } finally {
      child.kill();
    }
  });
});
