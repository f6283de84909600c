import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run concord` runs cli/launch.mjs, which bundles cli/concord.ts on first use and again
 * when a source changed. Each test here has a cache folder of its own (inside the project, where
 * the bundle's packages resolve), so the other suites' bundle is never touched.
 */
const root = path.resolve(import.meta.dirname, '../..');
const cacheRoot = path.join(root, 'node_modules', '.cache');
fs.mkdirSync(cacheRoot, { recursive: true });
const scratch = fs.mkdtempSync(path.join(cacheRoot, 'concord-cli-launch-'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-launch-data-'));
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function launch(cacheDir: string, args: string[], env: Record<string, string> = {}) {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, CONCORD_CLI_CACHE_DIR: cacheDir, ...env };
  delete fullEnv.DATABASE_URL; // the embedded database: its files are what the bundle must find
  const run = spawnSync(process.execPath, ['cli/launch.mjs', ...args], {
    cwd: root,
    env: fullEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const builtAt = (cacheDir: string) => fs.statSync(path.join(cacheDir, 'concord.mjs')).mtimeMs;

describe('the CLI launcher', () => {
  it('builds the bundle on first use, from the sources it lists, and reuses it while they are unchanged', () => {
    const cache = path.join(scratch, 'first');
    const first = launch(cache, ['--help']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('usage: concord <command>');
    const inputs = JSON.parse(fs.readFileSync(path.join(cache, 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toEqual(
      expect.arrayContaining(['cli/concord.ts', 'cli/commands.ts', 'db/client.ts', 'cli/launch.mjs', 'tsconfig.json']),
    );
    expect(inputs.some((f) => f.startsWith('node_modules/'))).toBe(false);

    const built = builtAt(cache);
    expect(launch(cache, ['--help']).code).toBe(0);
    expect(builtAt(cache)).toBe(built);
  });

  it('builds again when a source is newer than the bundle, or one it was built from is gone', () => {
    const cache = path.join(scratch, 'stale');
    expect(launch(cache, ['--help']).code).toBe(0);
    const bundle = path.join(cache, 'concord.mjs');
    // A bundle older than every source: as if cli/commands.ts had been edited since.
    const past = new Date('2000-01-01T00:00:00Z');
    fs.utimesSync(bundle, past, past);
    expect(launch(cache, ['--help']).code).toBe(0);
    expect(builtAt(cache)).toBeGreaterThan(past.getTime());

    const inputsFile = path.join(cache, 'inputs.json');
    const inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8')) as string[];
    fs.writeFileSync(inputsFile, JSON.stringify([...inputs, 'cli/removed-since.ts']));
    fs.utimesSync(bundle, new Date(), new Date(Date.now() - 60_000));
    const before = builtAt(cache);
    expect(launch(cache, ['--help']).code).toBe(0);
    expect(builtAt(cache)).toBeGreaterThan(before);
    expect(JSON.parse(fs.readFileSync(inputsFile, 'utf8'))).not.toContain('cli/removed-since.ts');
  });

  it('finds the files its modules locate from their own address (migrations, the PGlite worker, the demo data)', () => {
    const cache = path.join(scratch, 'files');
    const env = { CONCORD_DATA_DIR: dataDir, CONCORD_BCRYPT_COST: '4' };
    const seeded = launch(cache, ['demo', 'seed'], env);
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toContain('Demo data seeded.');
    expect(seeded.code).toBe(0);
    const users = launch(cache, ['user', 'list'], env);
    expect(users.code).toBe(0);
    expect(users.stdout).toContain('chair@example.org');
  });

  it('runs through the TypeScript loader, saying so, when its cache folder cannot be written', () => {
    const blocker = path.join(scratch, 'a-file');
    fs.writeFileSync(blocker, '');
    const run = launch(path.join(blocker, 'cache'), ['--help']);
    expect(run.stderr).toMatch(/cannot be written \(ENOTDIR\); running through the TypeScript loader/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: concord <command>');
  });

  it('finishes its command quietly when its reader has gone (| head)', async () => {
    const cache = path.join(scratch, 'files');
    const env: NodeJS.ProcessEnv = { ...process.env, CONCORD_CLI_CACHE_DIR: cache, CONCORD_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const args = ['user', 'create', '--email', 'piped@example.org', '--name', 'Piped', '--password', 'long enough'];
    const child = spawn(process.execPath, ['cli/launch.mjs', ...args], { cwd: root, env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The reader is gone before the first line: every write of the command meets a closed pipe.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
    // …and what it was asked to do is done.
    expect(launch(cache, ['user', 'list'], { CONCORD_DATA_DIR: dataDir }).stdout).toContain('piped@example.org');
  });

  it('refuses a cache folder outside the project, where the bundle could not find its packages', () => {
    const outside = launch(path.join(os.tmpdir(), 'concord-cli-elsewhere'), ['--help']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/CONCORD_CLI_CACHE_DIR must be inside/);
  });
});
