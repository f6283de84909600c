import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDatabase } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { findUserByEmail } from '@/db/queries/access';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from './route-caller';

/**
 * Issue 12 §3: the preview tells the truth before saving, and creating delegations is an
 * explicit choice of the API.
 */
const shape = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/shapes', name), 'utf8');

let database: TestDatabase;
let token: string;
const committee = { committee: 'peace-security' };

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  await installDatabase(Promise.resolve(database));
  process.env.NEXTAUTH_SECRET ||= 'test-secret';
  await seedDemo(database.db);
  const user = await findUserByEmail(database.db, 'secretariat@example.org');
  token = (await issueApiToken(database.db, user!.id, 'import routes')).token;
});
afterAll(() => database?.close());

interface PreviewBody {
  title: string | null;
  symbol: string | null;
  adoption: { method: string; date?: string; votes?: { yes: number; no: number; abstain: number } } | null;
  counts: Record<string, number>;
  reservations: { delegation: string; kind: string; place: string; targetLabel: string | null; footnote: string }[];
  missingDelegations: string[];
  warnings: { line: number; message: string }[];
}

describe('the import preview', () => {
  it('tells title, symbol, counts, adoption with its counts, and every guess, saving nothing', async () => {
    const before = await okJson<{ resolutions: unknown[] }>(
      callRoute('GET', '/committees/{committee}/resolutions', { token, params: committee }),
    );
    const preview = await okJson<PreviewBody>(
      callRoute('POST', '/committees/{committee}/imports/preview', {
        token,
        params: committee,
        body: { text: shape('un-general-assembly.txt') },
      }),
    );
    expect(preview).toMatchObject({
      title: 'Protection of coastal wetlands for present and future generations',
      symbol: '78/233',
      adoption: { method: 'recorded_vote', date: '2023-12-14', votes: { yes: 112, no: 9, abstain: 44 } },
      counts: { preambular: 3, operative: 3, subparagraph: 0, footnotes: 1, statements: 0 },
    });
    expect(preview.warnings.map((w) => w.line)).toEqual([1, 2, 3, 4]);
    expect(preview.warnings[0].message).toMatch(/^cover line skipped: "United Nations"/);
    const after = await okJson<{ resolutions: unknown[] }>(
      callRoute('GET', '/committees/{committee}/resolutions', { token, params: committee }),
    );
    expect(after.resolutions).toHaveLength(before.resolutions.length);
  });

  it('names each statement with its place, and each delegation that would have to be created', async () => {
    const preview = await okJson<PreviewBody>(
      callRoute('POST', '/committees/{committee}/imports/preview', {
        token,
        params: committee,
        body: { text: shape('ipu-assembly.txt') },
      }),
    );
    const told = preview.reservations.map(({ delegation, kind, place, targetLabel, footnote }) => ({
      delegation,
      kind,
      place,
      targetLabel,
      footnote,
    }));
    expect(told).toEqual([
      {
        delegation: 'Türkiye',
        kind: 'reservation',
        place: 'operative paragraph 3',
        targetLabel: 'OP 3',
        footnote: '*',
      },
      {
        delegation: "Côte d'Ivoire",
        kind: 'reservation',
        place: 'operative paragraph 3',
        targetLabel: 'OP 3',
        footnote: '*',
      },
      {
        delegation: 'Bosnia and Herzegovina',
        kind: 'dissociation',
        place: 'operative paragraph 2 (b)',
        targetLabel: '2 (b)',
        footnote: '*',
      },
    ]);
    expect(preview.missingDelegations).toEqual(['Türkiye', "Côte d'Ivoire", 'Bosnia and Herzegovina']);
    expect(preview.warnings.filter((w) => /does not exist in this committee yet/.test(w.message))).toHaveLength(3);
  });
});

describe('importing as adopted through the API', () => {
  it('is refused (422) naming the delegations it lacks, and creates them only with createDelegations', async () => {
    const body = { text: shape('ipu-assembly.txt'), asAdopted: true };
    const refused = await callRoute('POST', '/committees/{committee}/resolutions', { token, params: committee, body });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /name delegations this committee does not have: Türkiye, Côte d'Ivoire, Bosnia and Herzegovina/,
    );
    const created = await okJson<{ id: string; title: string; stage: string }>(
      callRoute('POST', '/committees/{committee}/resolutions', {
        token,
        params: committee,
        body: { ...body, createDelegations: true, title: 'Coastal communities and climate adaptation' },
      }),
    );
    expect(created).toMatchObject({ stage: 'adopted', title: 'Coastal communities and climate adaptation' });
    const text = await callRoute('GET', '/resolutions/{id}/export', {
      token,
      params: { id: created.id },
      query: { format: 'text' },
    });
    expect(await text.text()).toContain(
      "* The delegations of Türkiye and Côte d'Ivoire expressed reservations on operative paragraph 3. The delegation of Bosnia and Herzegovina dissociated itself from operative paragraph 2 (b).",
    );
  });
});
