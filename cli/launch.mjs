/**
 * `npm run concord`: runs cli/concord.ts from one bundled file, built on first use and
 * again whenever one of its sources changed (server/bundled-launch.mjs says why).
 *
 * Plain JavaScript, so that nothing has to be compiled before this file runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBundled, root } from '../server/bundled-launch.mjs';

// Inside the project, so that the bundle's imports of packages resolve from node_modules.
const cacheDir = path.resolve(
  process.env.CONCORD_CLI_CACHE_DIR || path.join(root, 'node_modules', '.cache', 'concord-cli'),
);
if (!cacheDir.startsWith(root + path.sep)) {
  process.stderr.write(`error: CONCORD_CLI_CACHE_DIR must be inside ${root} (got ${cacheDir})\n`);
  process.exit(2);
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(import.meta.filename))
  await launchBundled({
    entry: path.join(root, 'cli', 'concord.ts'),
    cacheDir,
    launchers: ['cli/launch.mjs', 'server/bundled-launch.mjs'],
  });
