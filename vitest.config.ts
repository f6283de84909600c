import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration, collab and browser suites start servers and databases: one file at a
    // time per worker keeps a 2-core machine responsive.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    // What a browser or a second process is waited for: 1 s (vitest's default) failed e2e
    // steps that took 2 s on a shared machine at load average 40. A deadline, not a speed bar.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
    globalSetup: ['tests/global-setup.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
