import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import { emptyDatabase, projectRoot } from './processes';

/**
 * Two `npm start`s in one project folder at the same moment, with no build yet and an empty
 * database: one builds while the other waits for that build, both come up, and the build
 * leaves every tracked file as it was. (A build of its own folder, so the suite's build is
 * untouched; it takes minutes.)
 */
const skip = skipUnless(!!postgresUrl() && !!redisUrl(), 'PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL)');
const DIST = '.next-fresh-test';

// With CONCORD_DOC_SCREENSHOTS=1 the plenary suites rewrite docs/screenshots while this one
// runs beside them: what a start must not touch is then everything else.
const pathspec = process.env.CONCORD_DOC_SCREENSHOTS === '1' ? ['.', ':(exclude)docs/screenshots'] : ['.'];
const gitStatus = () =>
  execFileSync('git', ['status', '--porcelain', '--', ...pathspec], {
    cwd: projectRoot,
    encoding: 'utf8',
  });

describe.skipIf(skip)('starting on a fresh build', () => {
  const servers: RunningConcord[] = [];
  let drop = async () => {};
  const removeBuild = () => {
    fs.rmSync(path.join(projectRoot, DIST), { recursive: true, force: true });
    fs.rmSync(path.join(projectRoot, `${DIST}.build.lock`), { recursive: true, force: true });
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
    removeBuild();
  });

  it('two npm starts in the same second: one build, both up, no tracked file rewritten', async () => {
    removeBuild();
    const database = await emptyDatabase();
    drop = database.drop;
    const statusBefore = gitStatus();
    const tsconfigBefore = fs.readFileSync(path.join(projectRoot, 'tsconfig.json'), 'utf8');
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl()!,
      CONCORD_NEXT_DIST: DIST,
      CONCORD_SKIP_BUILD: '0',
    };
    const started = await Promise.allSettled(
      [0, 1].map(() => startConcord(env, undefined, { npm: true, timeoutMs: 900_000 })),
    );
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason).slice(0, 3000) : 'up'))).toEqual([
      'up',
      'up',
    ]);
    const outputs = servers.map((s) => s.output()).join('\n');
    expect(outputs.match(/"msg":"building the web app/g)).toHaveLength(1);
    expect(outputs.match(/another start in this folder is building the web app/g)).toHaveLength(1);
    expect(fs.existsSync(path.join(projectRoot, DIST, 'BUILD_ID'))).toBe(true);
    for (const server of servers) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(fs.readFileSync(path.join(projectRoot, 'tsconfig.json'), 'utf8')).toBe(tsconfigBefore);
    expect(gitStatus()).toBe(statusBefore);
  }, 960_000);
});
