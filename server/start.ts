import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { buildIsCurrent, distDir, markBuilt, sourceHash } from './build-check';
import { projectRoot } from './config';

/** `npm start`: build the app when its sources changed since the last build, then serve. */
// CONCORD_SKIP_BUILD=1 serves an existing build as it is (the test suites build once, up
// front, and must not rebuild per server while sources are being edited).
const skipBuild =
  process.env.CONCORD_SKIP_BUILD === '1' && fs.existsSync(path.join(projectRoot, distDir(), 'BUILD_ID'));
if (process.env.CONCORD_DEV !== '1' && !skipBuild && !buildIsCurrent(projectRoot)) {
  const hash = sourceHash(projectRoot);
  console.log('[concord] building the web app (first start or sources changed; takes a minute or two)…');
  const result = spawnSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) {
    console.error('[concord] the build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
  markBuilt(projectRoot, hash);
}

const { startServer } = await import('./index');
const running = await startServer().catch((e: unknown) => {
  console.error(`[concord] could not start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`[concord] ${signal}: closing`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
