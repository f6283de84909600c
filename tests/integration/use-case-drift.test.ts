import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { installDatabase } from '@/db/client';
import { users } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { runCliCommand, type CliIo } from '@/cli/commands';
import type { CollabService } from '@/server/collab/types';
import { collabAccessSubscriber } from '@/server/events/collab-access';
import { EventBus } from '@/usecases/kernel/event-bus';
import { installUseCaseRuntime, uninstallUseCaseRuntime } from '@/usecases/kernel/runtime';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import type { DomainEvent } from '@/usecases/kernel/events';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { callRoute } from './route-caller';

/**
 * The API and the CLI once wired each act themselves and drifted apart (issue 14). Both are
 * now adapters of the same use cases: these are the bugs that drift caused, as tests.
 */
describe('the API and the CLI perform the same acts the same way', () => {
  let database: TestDatabase;
  let resolutionId: string;
  let op8: string;
  const tokens: Record<string, string> = {};
  const events: DomainEvent[] = [];
  /** What the collaboration service was asked to do by the event subscribers. */
  const collabCalls: string[] = [];

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      db: database.db,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: () => new Uint8Array(),
    };
    return { code: await runCliCommand(argv, io), out, err };
  };
  const draftByApi = async (who: string) => {
    const res = await callRoute('POST', '/resolutions/{id}/amendments', {
      token: tokens[who],
      params: { id: resolutionId },
      body: { kind: 'delete', targetParagraphId: op8 },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await installDatabase(Promise.resolve(database));
    process.env.NEXTAUTH_SECRET ||= 'test-secret';
    resolutionId = (await seedDemo(database.db)).resolutionId;
    for (const who of ['chair', 'iran']) {
      const [user] = await database.db
        .select()
        .from(users)
        .where(eq(users.email, `${who}@example.org`));
      tokens[who] = (await issueApiToken(database.db, user.id, 'drift')).token;
    }
    op8 = (await currentParagraphs(database.db, resolutionId)).find((p) => p.label === 'OP 8')!.id;
    // The process's start-up composition, with a collaboration service that only notes its calls.
    const collab = {
      draftChanged: async (id: string) => void collabCalls.push(`draft ${id}`),
      reauthorize: async (id: string) => void collabCalls.push(`resolution ${id}`),
      reauthorizeUser: async (id: string) => void collabCalls.push(`user ${id}`),
      readState: () => Promise.reject(new Error('not used')),
      changeText: () => Promise.reject(new Error('not used')),
    } as unknown as CollabService;
    // The subscribers the server registers at start-up; the text stays the stored one.
    const bus = new EventBus();
    bus.subscribe((e) => void events.push(e));
    bus.subscribe(collabAccessSubscriber(collab));
    installUseCaseRuntime({ text: null, bus });
  });
  afterAll(async () => {
    uninstallUseCaseRuntime();
    await database?.close();
  });

  it('refuses tabling during drafting with the same words through the API and the CLI', async () => {
    const id = await draftByApi('iran');
    const api = await callRoute('POST', '/amendments/{amendmentId}/table', {
      token: tokens.iran,
      params: { amendmentId: id },
    });
    const message = 'Amendments can be tabled only at the amendments stage; the resolution is at the drafting stage.';
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { message: string } }).error.message).toBe(message);
    const byCli = await cli('amendment', 'table', id, '--resolution', resolutionId, '--as', 'iran@example.org');
    expect(byCli.code).toBe(1);
    expect(byCli.err).toEqual([`error: ${message}`]);
  });

  it('refuses deciding during drafting with the same words through the API and the CLI', async () => {
    const id = await draftByApi('iran');
    const api = await callRoute('POST', '/amendments/{amendmentId}/decision', {
      token: tokens.chair,
      params: { amendmentId: id },
      body: { outcome: 'adopted' },
    });
    const message =
      'Amendments are decided at the amendments or voting stage; the resolution is at the drafting stage.';
    expect(api.status).toBe(409);
    expect(((await api.json()) as { error: { message: string } }).error.message).toBe(message);
    const byCli = await cli(
      'amendment',
      'decide',
      id,
      '--resolution',
      resolutionId,
      '--as',
      'chair@example.org',
      '--outcome',
      'adopted',
    );
    expect(byCli.err).toEqual([`error: ${message}`]);
  });

  it('shows the chair the drafts through the CLI, as through the API', async () => {
    const id = await draftByApi('iran');
    const api = await callRoute('GET', '/resolutions/{id}/amendments', {
      token: tokens.chair,
      params: { id: resolutionId },
    });
    const listed = ((await api.json()) as { amendments: { id: string }[] }).amendments.map((a) => a.id);
    expect(listed).toContain(id);
    const byCli = await cli('amendment', 'list', '--resolution', resolutionId, '--as', 'chair@example.org');
    expect(byCli.code).toBe(0);
    expect(byCli.out.join('\n')).toContain(id);
    // Still nobody else's business: Thailand, which does not co-sponsor it, does not see it.
    const other = await cli('amendment', 'list', '--resolution', resolutionId, '--as', 'thailand@example.org');
    expect(other.out.join('\n')).not.toContain(id);
  });

  it('turns open draft editors read-only when the CLI tables, as when the API does', async () => {
    await callRoute('POST', '/resolutions/{id}/stage', {
      token: tokens.chair,
      params: { id: resolutionId },
      body: { to: 'amendments' },
    });
    const byApi = await draftByApi('iran');
    const byCli = await draftByApi('iran');
    collabCalls.length = 0;
    events.length = 0;
    expect(
      (
        await callRoute('POST', '/amendments/{amendmentId}/table', {
          token: tokens.iran,
          params: { amendmentId: byApi },
        })
      ).status,
    ).toBe(201);
    const tabled = await cli('amendment', 'table', byCli, '--resolution', resolutionId, '--as', 'iran@example.org');
    expect(tabled.code, tabled.err.join('\n')).toBe(0);
    // The draft room of each is refolded and its sockets re-checked (read-only once tabled)…
    expect(collabCalls).toEqual([`draft ${byApi}`, `draft ${byCli}`]);
    // …and every open page hears of both, in the same words.
    expect(events.map((e) => e.type)).toEqual(['amendment.tabled', 'amendment.tabled']);
  });
});
