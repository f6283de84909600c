import { spawnSync } from 'node:child_process';
import path from 'node:path';
import net from 'node:net';
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildIsCurrent, distDir, markBuilt, sourceHash } from '../server/build-check';
import { buildBundle, bundleIsCurrent } from '../server/bundled-launch.mjs';
import { SERVER_BUNDLE } from '../server/launch.mjs';
import { makeDataTemplate } from './helpers/data-template';
import { makePgliteDump } from './helpers/pglite-dump';
import { chromiumAvailable, postgresUrl, redisUrl, servicesRequired } from './helpers/services';

const root = path.resolve(import.meta.dirname, '..');

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A seeded PGlite data folder servers start from (tests/helpers/data-template.ts); '' when none. */
    concordDataTemplate: string;
    /** A migrated in-memory PGlite database, dumped (tests/helpers/pglite-dump.ts); '' when none. */
    pgliteDump: string;
  }
}

/**
 * Once per run: check the services the suites need (mandatory in CI), build the web app when
 * the browser suite will run, so parallel browser tests never build at the same time, and make
 * the data folder their servers start from.
 */
export default async function setup(project: TestProject) {
  const problems: string[] = [];
  const pg = postgresUrl();
  const redis = redisUrl();
  if (pg && !(await reachable(pg))) problems.push(`PostgreSQL at TEST_DATABASE_URL (${pg}) is not reachable`);
  if (redis && !(await reachable(redis))) problems.push(`Redis at TEST_REDIS_URL (${redis}) is not reachable`);
  if (servicesRequired()) {
    if (!pg) problems.push('TEST_DATABASE_URL is not set');
    if (!redis) problems.push('TEST_REDIS_URL is not set');
    if (!chromiumAvailable()) problems.push('Chromium is not installed at /usr/bin/chromium');
  }
  if (problems.length) throw new Error(`Test services missing:\n- ${problems.join('\n- ')}`);
  if (!pg) console.warn('[tests] TEST_DATABASE_URL not set: PostgreSQL suites skip (PGlite suites run)');
  if (!chromiumAvailable()) console.warn('[tests] Chromium not found: browser suites skip');

  // The collaboration and browser suites run the real server, which serves the built app.
  const keepBuild = process.env.CONCORD_SKIP_BUILD === '1' && fs.existsSync(path.join(root, distDir(), 'BUILD_ID'));
  if (process.env.CONCORD_E2E !== '0' && !keepBuild && !buildIsCurrent(root)) {
    const hash = sourceHash(root);
    console.log('[tests] building the web app for the browser suite…');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) throw new Error('next build failed');
    markBuilt(root, hash);
  }

  // The servers the suites start run from one bundle (server/launch.mjs): built here once,
  // not by the first few of them at the same moment.
  if (!bundleIsCurrent(SERVER_BUNDLE)) await buildBundle(SERVER_BUNDLE);

  // The dump is made on this thread while the template's server starts in its own process.
  const [dumped, templated] = await Promise.allSettled([
    makePgliteDump(),
    process.env.CONCORD_E2E === '0' ? Promise.resolve('') : makeDataTemplate(),
  ]);
  // One failing fails the run; the other's files (a 40 MB dump, a data folder) go with it.
  if (dumped.status === 'rejected' || templated.status === 'rejected') {
    if (dumped.status === 'fulfilled') dumped.value.remove();
    if (templated.status === 'fulfilled' && templated.value)
      fs.rmSync(templated.value, { recursive: true, force: true });
    throw dumped.status === 'rejected' ? dumped.reason : (templated as PromiseRejectedResult).reason;
  }
  const dump = dumped.value;
  const template = templated.value;
  project.provide('pgliteDump', dump.file);
  project.provide('concordDataTemplate', template);
  if (!template) return dump.remove;
  return () => {
    dump.remove();
    fs.rmSync(template, { recursive: true, force: true });
  };
}
