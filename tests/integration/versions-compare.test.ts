import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { users } from '@/db/schema';
import { installDatabase } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { saveVersion } from '@/db/commands/version-saver';
import { currentParagraphs, currentState, changeText } from '@/server/resolution-text';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { GET } from '@/app/api/v1/resolutions/[id]/versions/compare/route';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * GET /resolutions/{id}/versions/compare: a saved version against the live text, through
 * the real route handler and a real database.
 */
describe.each(testDatabaseKinds())('comparing versions through the API (%s)', (kind) => {
  let database: TestDatabase;
  let resolutionId: string;
  let token: string;
  let savedId: string;
  let op8Id: string;

  const call = async (query: Record<string, string>) => {
    const url = new URL(`http://localhost/api/v1/resolutions/${resolutionId}/versions/compare`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await GET(new Request(url, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ id: resolutionId }),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    process.env.NEXTAUTH_SECRET ||= 'test-secret';
    database = await openTestDatabase(kind);
    // The route handler reads the process's database, as it does in the server.
    await installDatabase(Promise.resolve(database));
    const seeded = await seedDemo(database.db);
    resolutionId = seeded.resolutionId;
    const all = await database.db.select().from(users);
    const iran = all.find((u) => u.email === 'iran@example.org')!;
    token = (await issueApiToken(database.db, iran.id, 'compare')).token;
    const saved = await saveVersion(database.db, {
      resolutionId,
      name: 'Before consultations',
      state: await currentState(database.db, resolutionId),
      actorId: iran.id,
    });
    savedId = saved.id;
    op8Id = (await currentParagraphs(database.db, resolutionId)).find((p) => p.label === 'OP 8')!.id;
    // Two edits as delegates make them: words added to OP 8, and a new paragraph after PP 2.
    await changeText(
      database.db,
      resolutionId,
      (doc) => {
        const fragment = doc.getXmlFragment(TEXT_FIELD);
        const op8 = fragment
          .toArray()
          .find((el) => el instanceof Y.XmlElement && el.getAttribute('id') === op8Id) as Y.XmlElement;
        (op8.get(0) as Y.XmlText).insert(0, 'Strongly ');
        const added = new Y.XmlElement('preambular');
        added.setAttribute('id', 'p-added-in-test');
        fragment.insert(2, [added]);
        added.insert(0, [new Y.XmlText('Noting the consultations held in Bangkok,')]);
      },
      { userId: iran.id, label: 'test edit' },
    );
  });
  afterAll(() => database?.close());

  it('shows the new paragraph as inserted and the edited one word by word, and every later paragraph renumbered but unchanged', async () => {
    const { status, body } = await call({ from: savedId, to: 'current' });
    expect(status).toBe(200);
    expect(body.from).toMatchObject({ id: savedId, name: 'Before consultations' });
    expect(body.to).toMatchObject({ id: 'current', name: 'Current text' });
    expect(body.counts).toEqual({ unchanged: 49, changed: 1, inserted: 1, deleted: 0, moved: 0 });
    expect(body.paragraphs.find((p: { id: string }) => p.id === 'p-added-in-test')).toMatchObject({
      change: 'inserted',
      after: 'PP 3',
    });
    const op8 = body.paragraphs.find((p: { id: string }) => p.id === op8Id);
    expect(op8).toMatchObject({ change: 'changed', before: 'OP 8', after: 'OP 8' });
    expect(op8.segments[0]).toEqual({ op: 'insert', text: 'Strongly ' });
    expect(body.paragraphs.find((p: { before: string }) => p.before === 'PP 3')).toMatchObject({
      change: 'unchanged',
      after: 'PP 4',
    });
  });

  it('"to" defaults to the current text, and a version compared with itself has no changes', async () => {
    expect((await call({ from: savedId })).body.counts.inserted).toBe(1);
    expect((await call({ from: savedId, to: savedId })).body.counts).toEqual({
      unchanged: 50,
      changed: 0,
      inserted: 0,
      deleted: 0,
      moved: 0,
    });
  });

  it('refuses a malformed reference with a clear message, and an unknown version with 404', async () => {
    const bad = await call({ from: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/from/);
    expect((await call({ from: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await call({})).status).toBe(400);
  });
});
