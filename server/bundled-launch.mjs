/**
 * Runs a TypeScript entry point (the CLI's, the server's) from one bundled file, built on
 * first use and again whenever one of its sources changed.
 *
 * Through the TypeScript loader, a process waits for the loader's thread to hand every one
 * of our files to Node's module loader, one by one, each with its source map: most of a CLI
 * command's time, and a quarter of a server start's CPU time (measured in
 * bench/measure/cli-start.ts and bench/measure/server-start.ts, figures in README). One
 * bundled file skips all of it. Packages stay outside the bundle (resolved from
 * node_modules as before), and each source's `import.meta.url` keeps pointing at the source
 * file, so the workers, the migrations and the demo data are found where they are.
 *
 * Plain JavaScript, so that nothing has to be compiled before this file runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');

/**
 * @typedef {object} BundledEntry
 * @property {string} entry The TypeScript entry point, absolute.
 * @property {string} cacheDir Where the bundle is kept: inside the project, so that its
 *   imports of packages resolve from node_modules.
 * @property {string[]} launchers The plain files that decide how it is bundled (relative to
 *   the project): a change to one makes the bundle stale too.
 * @property {boolean} [sourceMap] Writes a source map beside the bundle and turns Node's
 *   source maps on before loading it, for stack traces that name the TypeScript sources.
 */

/** @param {BundledEntry} target */
function files(target) {
  return {
    bundle: path.join(target.cacheDir, path.basename(target.entry).replace(/\.ts$/, '.mjs')),
    // The sources the bundle was built from (esbuild's metafile), to tell when it is stale.
    inputs: path.join(target.cacheDir, 'inputs.json'),
  };
}

/** The bundle exists and no source it was built from is newer than it, or gone. */
export function bundleIsCurrent(/** @type {BundledEntry} */ target) {
  const { bundle, inputs: inputsFile } = files(target);
  let builtMs;
  let inputs;
  try {
    builtMs = fs.statSync(bundle).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const file of inputs) {
    try {
      if (fs.statSync(path.join(root, file)).mtimeMs > builtMs) return false;
    } catch {
      return false;
    }
  }
  // A source new since the build would be imported by one that changed, so it is caught above.
  return true;
}

/** esbuild plugin: `import.meta.url` of each of our files is that file's own address. */
const ownUrl = {
  name: 'concord-own-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const href = JSON.stringify(pathToFileURL(args.path).href);
      const dirname = JSON.stringify(path.dirname(args.path));
      return {
        contents: source.replaceAll('import.meta.url', href).replaceAll('import.meta.dirname', dirname),
        loader: args.path.endsWith('ts') ? 'ts' : 'js',
      };
    });
  },
};

export async function buildBundle(/** @type {BundledEntry} */ target) {
  const { build } = await import('esbuild');
  const { bundle, inputs: inputsFile } = files(target);
  fs.mkdirSync(target.cacheDir, { recursive: true });
  // Several processes may start at once: each writes its own files and renames them into place.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const startedAt = new Date();
  const result = await build({
    entryPoints: [target.entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: tmp,
    metafile: true,
    logLevel: 'error',
    absWorkingDir: root,
    plugins: [ownUrl],
    // Named after the bundle it belongs to, whatever the temporary file is called.
    ...(target.sourceMap ? { sourcemap: 'external' } : {}),
  });
  if (target.sourceMap) {
    fs.appendFileSync(tmp, `\n//# sourceMappingURL=${path.basename(bundle)}.map\n`);
    fs.renameSync(`${tmp}.map`, `${bundle}.map`);
  }
  // The sources, and what decides how they are bundled (the launchers, the path aliases).
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('node_modules/'))
    .concat(target.launchers, 'tsconfig.json');
  fs.writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  // Dated from when the sources were read: one saved during the build makes it stale.
  fs.utimesSync(tmp, startedAt, startedAt);
  fs.renameSync(tmp, bundle);
  fs.renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
}

/** Errors that say the cache folder cannot be written: the entry then runs as before. */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR']);

/** Runs the entry point from its bundle, building the bundle first when it is stale. */
export async function launchBundled(/** @type {BundledEntry} */ target) {
  if (!bundleIsCurrent(target)) {
    try {
      fs.mkdirSync(target.cacheDir, { recursive: true });
      fs.accessSync(target.cacheDir, fs.constants.W_OK);
    } catch (e) {
      if (!UNWRITABLE.has(e?.code)) throw e;
      // An operator's account that may not write node_modules (a read-only install, say).
      process.stderr.write(
        `note: ${target.cacheDir} cannot be written (${e.code}); running through the TypeScript loader\n`,
      );
      const { register } = await import('tsx/esm/api');
      register();
      await import(pathToFileURL(target.entry).href);
      return;
    }
    await buildBundle(target);
  }
  // What `node --enable-source-maps` does, without every caller having to pass it.
  if (target.sourceMap) process.setSourceMapsEnabled(true);
  await import(pathToFileURL(files(target).bundle).href);
}
