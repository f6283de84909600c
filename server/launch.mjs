/**
 * `npm start`: runs server/start.ts from one bundled file (server/bundled-launch.mjs),
 * built on the first start and again whenever one of its sources changed, with a source
 * map so that a stack trace in the log names the TypeScript line.
 *
 * Plain JavaScript, so that nothing has to be compiled before this file runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBundled, root } from './bundled-launch.mjs';

/** The server's bundle, for the test suites' global setup to build once before their servers start. */
export const SERVER_BUNDLE = {
  entry: path.join(root, 'server', 'start.ts'),
  cacheDir: path.join(root, 'node_modules', '.cache', 'concord-server'),
  launchers: ['server/launch.mjs', 'server/bundled-launch.mjs'],
  sourceMap: true,
};

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(import.meta.filename))
  await launchBundled(SERVER_BUNDLE);
