import path from 'node:path';
import fs from 'node:fs';
import { BuildFailed, ensureBuilt, type BuildControl } from './app-build';
import { distDir } from './build-check';
import { projectRoot } from './config';
import { log } from './log';
import { startupFailure } from './startup-errors';

/**
 * `npm start` (package.json: `exec node server/launch.mjs`, which runs this file's bundle,
 * so npm's child is this process and npm's forwarded SIGTERM reaches it): build the app
 * when its sources changed since the last build, then serve. SIGTERM or SIGINT at any
 * point stops cleanly: a build under way is stopped, a running server closes (see
 * server/index.ts); a second signal exits at once.
 */
const logger = log('concord');
const SHUTDOWN_LIMIT_MS = Number(process.env.CONCORD_SHUTDOWN_TIMEOUT_MS) || 15_000;

let build: BuildControl | null = null;
let running: { close(): Promise<void> } | null = null;
let stopping = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: closing`);
    build?.abort();
    if (!running) return; // still starting: the start sees `stopping` and exits
    const deadline = setTimeout(() => {
      logger.error(`not closed within ${SHUTDOWN_LIMIT_MS} ms: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    deadline.unref();
    running.close().then(
      () => {
        logger.info('closed');
        process.exit(0);
      },
      (e: unknown) => {
        logger.error({ err: e }, 'closing failed');
        process.exit(1);
      },
    );
  });
}

async function main() {
  // CONCORD_SKIP_BUILD=1 serves an existing build as it is (the test suites build once, up
  // front, and must not rebuild per server while sources are being edited).
  const skipBuild =
    process.env.CONCORD_SKIP_BUILD === '1' && fs.existsSync(path.join(projectRoot, distDir(), 'BUILD_ID'));
  if (process.env.CONCORD_DEV !== '1' && !skipBuild) {
    build = ensureBuilt(projectRoot);
    await build.done;
    build = null;
  }
  if (stopping) process.exit(0);
  const { startServer } = await import('./index');
  running = await startServer();
  if (stopping) {
    await running.close();
    process.exit(0);
  }
}

main().catch((e: unknown) => {
  if (stopping) process.exit(0);
  logger.fatal(e instanceof BuildFailed ? e.message : `could not start: ${startupFailure(e)}`);
  process.exit(1);
});
