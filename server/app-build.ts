import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { buildIsCurrent, distDir, markBuilt, sourceHash } from './build-check';
import { log } from './log';

/**
 * `npm start` builds the web app when its sources changed since the last build. Several
 * `npm start`s in one folder at the same moment must not build at once (Next refuses, and
 * two builds into one folder would mix): one takes the build lock and builds, the others
 * wait for it and serve what it built. The lock is a directory beside the build
 * (proper-lockfile), refreshed while the build runs, so a crashed builder's lock goes stale
 * in seconds instead of blocking every later start.
 *
 * A build never rewrites tracked files: Next adds its build folder's type paths to
 * tsconfig.json when they are missing (for a CONCORD_NEXT_DIST it has not seen), so the
 * file is put back as it was.
 */
const logger = log('build');
const WAIT_LIMIT_MS = 20 * 60_000;
const STALE_MS = 20_000;

export class BuildFailed extends Error {}

export interface BuildControl {
  /** Resolves once a current build exists (built here or by the process holding the lock). */
  done: Promise<void>;
  /** Stops a build under way (a signal arrived): kills `next build`, gives the lock back. */
  abort(): void;
}

export function ensureBuilt(root: string): BuildControl {
  let child: ReturnType<typeof spawn> | null = null;
  let aborted = false;
  const done = (async () => {
    if (buildIsCurrent(root)) return;
    const target = path.join(root, `${distDir()}.build`);
    const release = await acquire(target, () => aborted);
    try {
      // Whoever held the lock before us may have built exactly these sources.
      if (buildIsCurrent(root)) {
        logger.info('the build another start made is current: serving it');
        return;
      }
      const hash = sourceHash(root);
      const tsconfig = path.join(root, 'tsconfig.json');
      const tsconfigBefore = fs.existsSync(tsconfig) ? fs.readFileSync(tsconfig, 'utf8') : null;
      logger.info('building the web app (first start or sources changed; takes a minute or two)…');
      const status = await new Promise<number | null>((resolve, reject) => {
        child = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
          cwd: root,
          stdio: 'inherit',
          env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
        });
        child.once('error', reject);
        child.once('exit', (code) => resolve(code));
      });
      if (tsconfigBefore !== null && fs.readFileSync(tsconfig, 'utf8') !== tsconfigBefore)
        fs.writeFileSync(tsconfig, tsconfigBefore);
      if (aborted) throw new BuildFailed('the build was interrupted');
      if (status !== 0)
        throw new BuildFailed(`the build failed (next build exited with ${status}); see the messages above`);
      markBuilt(root, hash);
    } finally {
      await release().catch(() => {});
    }
  })();
  return {
    done,
    abort() {
      aborted = true;
      (child as ReturnType<typeof spawn> | null)?.kill('SIGTERM');
    },
  };
}

/** Takes the build lock, waiting (and saying so once) while another process holds it. */
async function acquire(target: string, aborted: () => boolean): Promise<() => Promise<void>> {
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      return await lockfile.lock(target, {
        realpath: false,
        stale: STALE_MS,
        update: STALE_MS / 4,
        // A lost lock (the folder deleted under us) must not crash the process mid-build.
        onCompromised: (e) => logger.warn({ err: e }, 'the build lock was taken from this process'),
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    }
    if (aborted()) throw new BuildFailed('stopped while waiting for the build lock');
    if (Date.now() - started > WAIT_LIMIT_MS)
      throw new BuildFailed(
        `the build lock ${target}.lock has been held for ${WAIT_LIMIT_MS / 60_000} minutes by another start in this folder; if no build is running, delete it`,
      );
    if (!told) {
      logger.info(`another start in this folder is building the web app (lock ${target}.lock): waiting for it`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
