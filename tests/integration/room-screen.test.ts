import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { installDatabase } from '@/db/client';
import { resolutions, users } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { keepScreen } from '@/db/commands/screen-keeper';
import { DomainError } from '@/lib/errors';
import * as screen from '@/usecases/screen';
import { userActor } from '@/usecases/kernel/actor';
import { textStoreFor } from '@/usecases/kernel/runtime';
import { screenOf } from '@/usecases/reads/screen';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * The room's screen is an act like the others (issue 14): the chair or the secretariat puts
 * something on it through a use case, which keeps the state with the resolution — so every
 * process, and one started later, shows the same — and says so as a typed "screen.changed"
 * event that reaches every open screen.
 */
describe.each(testDatabaseKinds())('the room screen as a use case (%s)', (kind) => {
  let database: TestDatabase;
  let resolutionId: string;
  const userOf: Record<string, string> = {};

  const put = (email: string, content: Parameters<typeof screen.putOnScreen.run>[2]['content']) =>
    screen.putOnScreen.run({ db: database.db, text: textStoreFor(database.db) }, userActor(userOf[email]), {
      resolutionId,
      content,
    });
  /** The screen as a process that heard no event reads it: from the database alone. */
  const stored = async () => {
    const [resolution] = await database.db.select().from(resolutions).where(eq(resolutions.id, resolutionId));
    return screenOf(resolution);
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await installDatabase(Promise.resolve(database));
    ({ resolutionId } = await seedDemo(database.db));
    for (const u of await database.db.select().from(users)) userOf[u.email] = u.id;
  });
  afterAll(() => database?.close());

  it('is blank until someone puts something on it', async () => {
    expect((await stored()).content).toEqual({ kind: 'blank' });
  });

  it('the chair puts the voting order on it: kept with the resolution, and announced as screen.changed', async () => {
    const { result, events } = await put('chair@example.org', { kind: 'voting-order' });
    expect(result.content).toEqual({ kind: 'voting-order' });
    expect(events).toEqual([{ type: 'screen.changed', resolutionId, data: { screen: result } }]);
    expect(await stored()).toEqual(result);
  });

  it('the secretariat steers it too; a member, an observer and a translator are refused and change nothing', async () => {
    const { result } = await put('secretariat@example.org', { kind: 'adopted-text' });
    expect(await stored()).toEqual(result);
    for (const email of ['iran@example.org', 'observer@example.org', 'translator@example.org']) {
      const refused = await put(email, { kind: 'blank' }).catch((e: unknown) => e);
      expect(refused, email).toBeInstanceOf(DomainError);
      expect((refused as DomainError).kind, email).toBe('forbidden');
      expect(await stored()).toEqual(result);
    }
  });

  it('a later change always wins: an older one arriving late leaves the screen as it is', async () => {
    const now = await stored();
    const older = {
      content: { kind: 'blank' as const },
      setAt: new Date(Date.parse(now.setAt) - 60_000).toISOString(),
    };
    expect(await keepScreen(database.db, resolutionId, older)).toEqual(now);
    expect(await stored()).toEqual(now);
  });
});
