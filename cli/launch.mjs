/**
 * `npm run concord`: runs cli/concord.ts from one bundled file, built on first use and
 * again whenever one of its sources changed.
 *
 * Through the TypeScript loader every command waited for the loader's thread to hand some
 * 160 files one by one to Node's module loader, which is most of a command's time; one
 * bundled file skips all of it (measured in bench/measure/cli-start.ts, figures in README).
 * Packages stay outside the bundle (resolved from node_modules as before), and each
 * source's `import.meta.url` keeps pointing at the source file, so the workers, the
 * migrations and the demo data are found where they are.
 *
 * Plain JavaScript, so that nothing has to be compiled before this file runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'cli', 'concord.ts');
// Inside the project, so that the bundle's imports of packages resolve from node_modules.
const cacheDir = path.resolve(
  process.env.CONCORD_CLI_CACHE_DIR || path.join(root, 'node_modules', '.cache', 'concord-cli'),
);
if (!cacheDir.startsWith(root + path.sep)) {
  process.stderr.write(`error: CONCORD_CLI_CACHE_DIR must be inside ${root} (got ${cacheDir})\n`);
  process.exit(2);
}
const bundle = path.join(cacheDir, 'concord.mjs');
/** The sources the bundle was built from (esbuild's metafile), to tell when it is stale. */
const inputsFile = path.join(cacheDir, 'inputs.json');

/** The bundle exists and no source it was built from is newer than it, or gone. */
function bundleIsCurrent() {
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

async function buildBundle() {
  const { build } = await import('esbuild');
  fs.mkdirSync(cacheDir, { recursive: true });
  // Several commands may start at once: each writes its own files and renames them into place.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const startedAt = new Date();
  const result = await build({
    entryPoints: [entry],
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
  });
  // The sources, and what decides how they are bundled (this file, the path aliases).
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('node_modules/'))
    .concat('cli/launch.mjs', 'tsconfig.json');
  fs.writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  // Dated from when the sources were read: one saved during the build makes it stale.
  fs.utimesSync(tmp, startedAt, startedAt);
  fs.renameSync(tmp, bundle);
  fs.renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
}

/** Errors that say the cache folder cannot be written: the CLI then runs as before. */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR']);

async function launch() {
  if (!bundleIsCurrent()) {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.accessSync(cacheDir, fs.constants.W_OK);
    } catch (e) {
      if (!UNWRITABLE.has(e?.code)) throw e;
      // An operator's account that may not write node_modules (a read-only install, say).
      process.stderr.write(`note: ${cacheDir} cannot be written (${e.code}); running through the TypeScript loader\n`);
      const { register } = await import('tsx/esm/api');
      register();
      await import(pathToFileURL(entry).href);
      return;
    }
    await buildBundle();
  }
  await import(pathToFileURL(bundle).href);
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(import.meta.filename)) await launch();
