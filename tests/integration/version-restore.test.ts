import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { installDatabase } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { listVersions } from '@/db/queries/resolutions';
import { runCliCommand, type CliIo } from '@/cli/commands';
import { updateParagraphs } from '@/lib/text/paragraph-edits';
import { readParagraphs } from '@/lib/text/ydoc';
import { EventBus } from '@/usecases/kernel/event-bus';
import type { DomainEvent } from '@/usecases/kernel/events';
import { installUseCaseRuntime, uninstallUseCaseRuntime } from '@/usecases/kernel/runtime';
import { changeText, currentParagraphs } from '@/usecases/reads/resolution-text';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { callRoute } from './route-caller';

/**
 * Recovery (issue 11.9): the chair or the secretariat makes a saved version the current
 * text again — one new change (what open editors receive), the text before kept as a
 * version, the act in the audit chain — so a vandalised draft is one act from its last
 * good state.
 */
describe('restoring a version', () => {
  let database: TestDatabase;
  let resolutionId: string;
  const tokens: Record<string, string> = {};
  const events: DomainEvent[] = [];
  const texts = async () => (await currentParagraphs(database.db, resolutionId)).map((p) => p.text);

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
      tokens[who] = (await issueApiToken(database.db, user.id, 'restore')).token;
    }
    const bus = new EventBus();
    bus.subscribe((e) => void events.push(e));
    installUseCaseRuntime({ text: null, bus });
  });
  afterAll(async () => {
    uninstallUseCaseRuntime();
    await database?.close();
  });

  it('brings back a saved text as one change, keeps the text before, and records it', async () => {
    const good = await texts();
    const saved = await callRoute('POST', '/resolutions/{id}/versions', {
      token: tokens.iran,
      params: { id: resolutionId },
      body: { name: 'Before the break' },
    });
    const versionId = ((await saved.json()) as { id: string }).id;
    // A delegate empties every operative paragraph.
    await changeText(
      database.db,
      resolutionId,
      (doc) =>
        updateParagraphs(
          doc,
          readParagraphs(doc).map((p) => (p.kind === 'operative' ? { ...p, text: 'x' } : p)),
        ),
      { userId: null, label: 'vandal' },
    );
    const vandalised = await texts();
    expect(vandalised).not.toEqual(good);

    // A member may not restore; the chair may.
    const refused = await callRoute('POST', '/resolutions/{id}/versions/{versionId}/restore', {
      token: tokens.iran,
      params: { id: resolutionId, versionId },
    });
    expect(refused.status).toBe(403);
    expect(await texts()).toEqual(vandalised);
    const restored = await callRoute('POST', '/resolutions/{id}/versions/{versionId}/restore', {
      token: tokens.chair,
      params: { id: resolutionId, versionId },
    });
    expect(restored.status).toBe(201);
    expect(await restored.json()).toMatchObject({ versionId, name: 'Before the break', changed: true });
    expect(await texts()).toEqual(good);

    const names = (await listVersions(database.db, resolutionId)).map((v) => v.name);
    expect(names).toContain('Before restoring “Before the break”');
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resolutionId, resolutionId), eq(auditEvents.action, 'version.restored')));
    expect(audit).toHaveLength(1);
    expect(events.filter((e) => e.type === 'version.restored')).toHaveLength(1);
  });

  it('does the same from the CLI, as the secretariat', async () => {
    const [before] = (await listVersions(database.db, resolutionId)).filter((v) =>
      v.name.startsWith('Before restoring'),
    );
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      db: database.db,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: () => new Uint8Array(),
    };
    const argv = ['version', 'restore', before.id, '--resolution', resolutionId, '--as', 'secretariat@example.org'];
    expect(await runCliCommand(argv, io), err.join('\n')).toBe(0);
    expect(out[0]).toMatch(/^Restored "Before restoring “Before the break”"/);
    // A member is refused in the same words as through the API.
    const refused = await runCliCommand([...argv.slice(0, -1), 'iran@example.org'], io);
    expect(refused).toBe(1);
    expect(err.at(-1)).toBe('error: Only the chair or the secretariat restores a version of an open resolution.');
  });
});
