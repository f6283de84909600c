import fs from 'node:fs';
import { EventBus } from '@/usecases/kernel/event-bus';
import { installUseCaseRuntime } from '@/usecases/kernel/runtime';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Document, Packer, Paragraph as DocxParagraph, TextRun } from 'docx';
import { resolutions, users } from '@/db/schema';
import { planCliCommand, runCliCommand, type CliIo } from '@/cli/commands';
import { createCliBridge } from '@/server/cli-bridge';
import { lockPath, type DataDirLock } from '@/db/data-dir-lock';
import type { Db } from '@/db/client';
import { openPglite, openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

const root = path.resolve(import.meta.dirname, '../..');
const examplePath = path.join(root, 'data/ipu-122nd-assembly-resolution.txt');
const example = fs.readFileSync(examplePath);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OP8 = '  8. Encourages parliaments to mainstream gender equality concerns';

interface CliResult {
  code: number;
  out: string[];
  err: string[];
}

/** runCliCommand with captured output and in-memory "files", as the bridge runs it. */
function cliOn(db: Db, files: Record<string, Uint8Array> = {}) {
  const accessChanges: string[] = [];
  // Socket re-checks follow the events the commands' use cases emit, as in the server.
  const bus = new EventBus();
  bus.subscribe((e) => {
    if (e.type === 'member.changed') accessChanges.push(e.userId);
  });
  installUseCaseRuntime({ text: null, bus });
  const run = async (...argv: string[]): Promise<CliResult> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      db,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: (p) => {
        if (!Object.hasOwn(files, p)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
        return files[p];
      },
    };
    return { code: await runCliCommand(argv, io), out, err };
  };
  return { run, files, accessChanges };
}

describe.each(testDatabaseKinds())('CLI commands (%s)', (kind) => {
  let database: TestDatabase;
  let cli: ReturnType<typeof cliOn>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    cli = cliOn(database.db, { 'example.txt': new Uint8Array(example) });
  });
  afterAll(() => database?.close());

  it('creates users, committees and delegations, printing each new id as the last line', async () => {
    const user = await cli.run(
      'user',
      'create',
      '--email',
      'Clerk@Example.org',
      '--name',
      'Clerk',
      '--password',
      'long enough',
    );
    expect(user.code).toBe(0);
    expect(user.out.at(-1)).toMatch(UUID);
    const [row] = await database.db.select().from(users).where(eq(users.email, 'clerk@example.org'));
    expect(row.id).toBe(user.out.at(-1));

    const again = await cli.run('user', 'create', '--email', 'clerk@example.org', '--name', 'Clerk');
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/^error: A user with the e-mail clerk@example.org already exists/);

    expect((await cli.run('user', 'password', '--email', 'clerk@example.org', '--password', 'another one')).code).toBe(
      0,
    );
    expect((await cli.run('user', 'list')).out.join('\n')).toMatch(/clerk@example\.org\s+Clerk\s+set/);

    const committee = await cli.run(
      'committee',
      'create',
      '--slug',
      'peace',
      '--name',
      'Peace and Security',
      '--session',
      '122nd IPU Assembly',
      '--place',
      'Bangkok',
    );
    expect(committee.code).toBe(0);
    expect(committee.out.at(-1)).toMatch(UUID);
    expect((await cli.run('committee', 'list')).out.join('\n')).toContain('122nd IPU Assembly');

    const delegation = await cli.run(
      'delegation',
      'add',
      '--committee',
      'peace',
      '--name',
      'Iran (Islamic Rep. of)',
      '--weight',
      '3',
    );
    expect(delegation.code).toBe(0);
    // Committees are found by id as well as slug.
    const listed = await cli.run('delegation', 'list', '--committee', committee.out.at(-1)!);
    expect(listed.out.join('\n')).toMatch(/Iran \(Islamic Rep\. of\)\s+3/);
  });

  it('manages members by e-mail, delegation by name, and tells the server about role changes', async () => {
    const user = await cli.run('user', 'create', '--email', 'delegate@example.org', '--name', 'Delegate');
    const userId = user.out.at(-1)!;
    const noDelegation = await cli.run(
      'member',
      'add',
      '--committee',
      'peace',
      '--email',
      'delegate@example.org',
      '--role',
      'member',
    );
    expect(noDelegation.code).toBe(2);
    expect(noDelegation.err[0]).toContain('--delegation');

    const added = await cli.run(
      'member',
      'add',
      '--committee',
      'peace',
      '--email',
      'delegate@example.org',
      '--role',
      'member',
      '--delegation',
      'iran (islamic rep. of)',
    );
    expect(added).toMatchObject({ code: 0, err: [] });
    expect((await cli.run('member', 'list', '--committee', 'peace')).out.join('\n')).toMatch(
      /delegate@example\.org\s+Delegate\s+member\s+Iran/,
    );

    // Without --delegation the delegation is kept.
    expect(
      (await cli.run('member', 'role', '--committee', 'peace', '--email', 'delegate@example.org', '--role', 'observer'))
        .code,
    ).toBe(0);
    expect((await cli.run('member', 'list', '--committee', 'peace')).out.join('\n')).toMatch(/observer\s+Iran/);
    expect((await cli.run('member', 'remove', '--committee', 'peace', '--email', 'delegate@example.org')).code).toBe(0);
    expect(cli.accessChanges).toEqual([userId, userId, userId]);

    const gone = await cli.run('member', 'remove', '--committee', 'peace', '--email', 'delegate@example.org');
    expect(gone.code).toBe(1);
    const nobody = await cli.run(
      'member',
      'add',
      '--committee',
      'peace',
      '--email',
      'nobody@example.org',
      '--role',
      'observer',
    );
    expect(nobody.code).toBe(1);
    expect(nobody.err[0]).toMatch(/No user with the e-mail nobody@example\.org/);
    const noCommittee = await cli.run('member', 'list', '--committee', 'nowhere');
    expect(noCommittee.code).toBe(1);
    expect(noCommittee.err[0]).toMatch(/No committee "nowhere"/);
  });

  it('issues a token shown once as the last line, lists it by prefix and revokes it', async () => {
    const created = await cli.run('token', 'create', '--email', 'clerk@example.org', '--name', 'scripts');
    expect(created.code).toBe(0);
    const token = created.out.at(-1)!;
    expect(token).toMatch(/^ccd_[A-Za-z0-9_-]{20,}$/);
    const id = /\(id ([0-9a-f-]{36})\)/.exec(created.out.join('\n'))![1];
    const listed = (await cli.run('token', 'list', '--email', 'clerk@example.org')).out.join('\n');
    expect(listed).toContain(id);
    expect(listed).not.toContain(token);
    expect((await cli.run('token', 'revoke', '--email', 'clerk@example.org', '--id', id)).code).toBe(0);
    const twice = await cli.run('token', 'revoke', '--email', 'clerk@example.org', '--id', id);
    expect(twice.code).toBe(1);
    expect(twice.err[0]).toMatch(/no active token/);
  });

  it('imports the example as a draft (id last), lists it, and exports it as text', async () => {
    const imported = await cli.run(
      'import',
      'example.txt',
      '--committee',
      'peace',
      '--title',
      'Transnational organized crime',
    );
    expect(imported.code).toBe(0);
    const id = imported.out.at(-1)!;
    expect(id).toMatch(UUID);
    expect(imported.out[0]).toMatch(/15 preambular, 35 operative/);
    const [row] = await database.db.select().from(resolutions).where(eq(resolutions.id, id));
    expect(row.stage).toBe('drafting');

    expect((await cli.run('resolution', 'list', '--committee', 'peace')).out.join('\n')).toMatch(
      new RegExp(`${id}\\s+drafting`),
    );

    const exported = await cli.run('export', id, '--format', 'text');
    expect(exported.code).toBe(0);
    const text = exported.out.join('\n');
    expect(exported.out[0]).toBe('The 122nd Assembly of the Inter-Parliamentary Union,');
    expect(text).toContain(OP8);
    expect(text).toContain('\n\n  35. ');
  });

  it('imports a .docx through the same parser', async () => {
    const lines = [
      'The 122nd Assembly of the Inter-Parliamentary Union,',
      'Recalling its earlier resolutions,',
      '1. Decides to act;',
      '(a) By law;',
      '2. Requests a report.',
    ];
    const bytes = await Packer.toBuffer(
      new Document({ sections: [{ children: lines.map((l) => new DocxParagraph({ children: [new TextRun(l)] })) }] }),
    );
    cli.files['draft.docx'] = new Uint8Array(bytes);
    const imported = await cli.run('import', 'draft.docx', '--committee', 'peace');
    expect(imported.code).toBe(0);
    const exported = await cli.run('export', imported.out.at(-1)!);
    expect(exported.out).toContain('      (a) By law;');
    expect(exported.out).toContain('  2. Requests a report.');
  });

  it('refuses a text that is not a resolution with the line of each problem, and saves nothing', async () => {
    const before = (await database.db.select().from(resolutions)).length;
    cli.files['letter.txt'] = new TextEncoder().encode('Dear colleagues,\n\nlunch is at noon.\n');
    const refused = await cli.run('import', 'letter.txt', '--committee', 'peace');
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([]);
    expect(refused.err[0]).toMatch(/^error: .*nothing was saved/);
    expect(refused.err.slice(1).length).toBeGreaterThan(0);
    for (const line of refused.err.slice(1)) expect(line).toMatch(/^line \d+: \S/);
    expect((await database.db.select().from(resolutions)).length).toBe(before);
  });

  it('refuses files over 2 MB with the limit, and missing files by name', async () => {
    cli.files['huge.txt'] = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61);
    const huge = await cli.run('import', 'huge.txt', '--committee', 'peace');
    expect(huge.code).toBe(1);
    expect(huge.err[0]).toMatch(/limit is 2 MB/);
    const missing = await cli.run('import', 'missing.txt', '--committee', 'peace');
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toBe('error: Cannot read missing.txt: no such file.');
  });

  it('answers bad arguments with exit code 2 and a message naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['user', 'create', '--email', 'a@b.org', '--name', 'A', '--colour', 'red'], /unknown flag --colour/],
      [['user', 'create', '--name', 'A'], /missing required flag --email/],
      [
        ['user', 'create', '--email', 'not-an-address', '--name', 'A'],
        /--email: "not-an-address" is not an e-mail address/,
      ],
      [
        ['user', 'create', '--email', 'a@b.org', '--name', 'A', '--password', 'short'],
        /--password: a password needs at least 8/,
      ],
      [['user', 'create', '--email'], /--email needs a value/],
      [['committee', 'create', '--slug', 'Bad Slug', '--name', 'X y'], /--slug: "Bad Slug" is not a slug/],
      [
        ['member', 'add', '--committee', 'peace', '--email', 'a@b.org', '--role', 'king'],
        /--role: "king" is not one of chair, secretariat, member, observer/,
      ],
      [
        ['delegation', 'add', '--committee', 'peace', '--name', 'France', '--weight', '0'],
        /--weight: "0" is not a whole number/,
      ],
      [['token', 'revoke', '--email', 'a@b.org', '--id', '42'], /--id: "42" is not an id/],
      [['export', 'not-a-uuid'], /<resolution id>: "not-a-uuid" is not an id/],
      [['export', '00000000-0000-4000-8000-000000000000', '--format', 'pdf'], /--format: "pdf" is not supported yet/],
      [['export', '00000000-0000-4000-8000-000000000000', '--format', 'rtf'], /--format: "rtf" is not one of text/],
      [['import', 'resolution.pdf', '--committee', 'peace'], /must be a \.txt or \.docx file/],
      [['import', '--committee', 'peace'], /missing <file>/],
      [['user', 'frobnicate'], /unknown command "user frobnicate"/],
      [['vote'], /unknown command "vote"/],
      [[], /usage: concord <command>/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli.run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err.join('\n'), argv.join(' ')).toMatch(message);
    }
    const unknownExport = await cli.run('export', '00000000-0000-4000-8000-000000000000');
    expect(unknownExport.code).toBe(1);
    expect(unknownExport.err[0]).toMatch(/No resolution with the id/);
  });

  it('prints help for every command without touching the database', async () => {
    const help = await cli.run('import', '--help');
    expect(help.code).toBe(0);
    expect(help.out[0]).toBe(
      'usage: concord import <file> --committee <slug-or-id> [--title <title>] [--as-adopted] [--create-delegations]',
    );
    expect((await cli.run('--help')).out.join('\n')).toContain('member role');
    expect((await cli.run('token', '--help')).out.join('\n')).toContain('token revoke');
    expect(planCliCommand(['import', 'x.txt', '--committee', 'c'])).toEqual({ kind: 'run', files: ['x.txt'] });
    expect(planCliCommand(['user', 'list', '--help'])).toMatchObject({ kind: 'done', code: 0 });
    expect(planCliCommand(['user', 'list', '--all'])).toMatchObject({ kind: 'done', code: 2 });
  });
});

// ---- the real CLI process: transports, the data-folder lock, the server bridge ----

function runCliProcess(
  args: string[],
  dataDir: string,
): Promise<{ code: number; stdout: string; stderr: string; lines: string[] }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CONCORD_DATA_DIR: dataDir, CONCORD_BCRYPT_COST: '4' };
  delete env.DATABASE_URL; // the embedded transports are what this suite checks
  return new Promise((resolve, reject) => {
    // What `npm run concord` runs, without npx's own start-up (most of a second per command).
    const child = spawn(process.execPath, ['cli/launch.mjs', ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, lines: stdout.trimEnd().split('\n') }));
  });
}

function writeLock(dataDir: string, lock: Omit<DataDirLock, 'startedAt'>): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(lockPath(dataDir), JSON.stringify({ ...lock, startedAt: new Date().toISOString() }), {
    mode: 0o600,
  });
}

describe('the concord CLI process', () => {
  const temp: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-'));
    temp.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
  });

  it('imports and exports on its own data folder, issues tokens, and releases the folder', {
    timeout: 120_000,
  }, async () => {
    const dataDir = tempDir();
    expect((await runCliProcess(['committee', 'create', '--slug', 'peace', '--name', 'Peace'], dataDir)).code).toBe(0);
    const imported = await runCliProcess(['import', examplePath, '--committee', 'peace', '--verbose'], dataDir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.lines.at(-1)).toMatch(UUID);
    expect(imported.stderr).toContain(`data folder ${path.join(dataDir, 'pglite')}`);
    expect(fs.existsSync(lockPath(dataDir))).toBe(false);

    const exported = await runCliProcess(['export', imported.lines.at(-1)!, '--format', 'text'], dataDir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(OP8);

    expect((await runCliProcess(['user', 'create', '--email', 'ops@example.org', '--name', 'Ops'], dataDir)).code).toBe(
      0,
    );
    const token = await runCliProcess(['token', 'create', '--email', 'ops@example.org'], dataDir);
    expect(token.code, token.stderr).toBe(0);
    expect(token.lines.at(-1)).toMatch(/^ccd_[A-Za-z0-9_-]{20,}$/);

    const bad = await runCliProcess(['user', 'create', '--email', 'ops@example.org'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--name');
  });

  it('refuses a data folder another live process holds', async () => {
    const dataDir = tempDir();
    // The test runner's pid is alive for as long as the child runs.
    writeLock(dataDir, { pid: process.pid, holder: 'cli', port: null, secret: 'x' });
    const refused = await runCliProcess(['user', 'list'], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use by the Concord CLI \(pid \d+\); only one process may open it/);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')).pid).toBe(process.pid);
  });

  describe('with a running server holding the folder', () => {
    let database: TestDatabase;
    let server: http.Server;
    let port: number;
    const secret = 'bridge-secret-for-tests';

    beforeAll(async () => {
      database = await openPglite();
      const bridge = createCliBridge({ getDb: async () => database.db, secret });
      server = http.createServer((req, res) => {
        if (!bridge(req, res)) res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      await new Promise((r) => server?.close(r));
      await database?.close();
    });

    it('sends commands, and the files they read, to the server', { timeout: 60_000 }, async () => {
      const dataDir = tempDir();
      writeLock(dataDir, { pid: process.pid, holder: 'server', port, secret });
      const created = await runCliProcess(
        ['user', 'create', '--email', 'bridged@example.org', '--name', 'Bridged', '--verbose'],
        dataDir,
      );
      expect(created.code, created.stderr).toBe(0);
      expect(created.stderr).toContain(`running in the Concord server on port ${port}`);
      const [user] = await database.db.select().from(users).where(eq(users.email, 'bridged@example.org'));
      expect(user.id).toBe(created.lines.at(-1));
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);

      expect((await runCliProcess(['committee', 'create', '--slug', 'bridge', '--name', 'Bridge'], dataDir)).code).toBe(
        0,
      );
      const imported = await runCliProcess(['import', examplePath, '--committee', 'bridge'], dataDir);
      expect(imported.code, imported.stderr).toBe(0);
      const [row] = await database.db
        .select()
        .from(resolutions)
        .where(eq(resolutions.id, imported.lines.at(-1)!));
      expect(row.stage).toBe('drafting');

      // Domain errors and their exit code come back through the bridge unchanged.
      const duplicate = await runCliProcess(
        ['user', 'create', '--email', 'bridged@example.org', '--name', 'Again'],
        dataDir,
      );
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toMatch(/already exists/);
    });

    it('answers 403 to a wrong secret, and the CLI says so', async () => {
      const post = (headers: Record<string, string>, body = JSON.stringify({ argv: ['user', 'list'], files: {} })) =>
        fetch(`http://127.0.0.1:${port}/__concord/cli`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      expect((await post({ 'x-concord-cli-secret': 'wrong' })).status).toBe(403);
      expect((await post({})).status).toBe(403);
      expect((await post({ 'x-concord-cli-secret': secret }, '{"argv": "user list"}')).status).toBe(400);
      const ok = await post({ 'x-concord-cli-secret': secret });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ code: 0, err: [] });
      expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);

      const dataDir = tempDir();
      writeLock(dataDir, { pid: process.pid, holder: 'server', port, secret: 'stale-secret' });
      const refused = await runCliProcess(['user', 'list'], dataDir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/refused the command/);
    });
  });
});
