import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDatabase } from '@/db/client';
import { seedDemo, exampleResolutionPath } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { findUserByEmail } from '@/db/queries/access';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from './route-caller';

/**
 * Issue 5 §5, the acceptance: starting from the demo draft and doing through the API what
 * the 122nd Assembly did — Iran's reservation on OP 8 in its words, adoption by consensus
 * on 1 April 2010 in Bangkok — the plain-text export's heading, 50 paragraphs and footnote
 * equal the example's, whitespace normalised.
 */

/** The published part of the example: from the heading to the footnote (the page's logo and download note left out). */
function examplePublishedBlocks(): string[] {
  const lines = readFileSync(exampleResolutionPath, 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('Resolution adopted'));
  const end = lines.findIndex((l) => l.startsWith('* The delegation'));
  return blocks(lines.slice(start, end + 1).join('\n'));
}

/** Blocks separated by blank lines, each with its whitespace collapsed. */
function blocks(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

for (const kind of testDatabaseKinds()) {
  describe(`acceptance on ${kind}: the 122nd Assembly resolution, from the demo draft to the published text`, () => {
    let database: TestDatabase;
    let resolutionId: string;
    const token: Record<string, string> = {};

    beforeAll(async () => {
      database = await openTestDatabase(kind);
      await installDatabase(Promise.resolve(database));
      process.env.NEXTAUTH_SECRET ||= 'test-secret';
      ({ resolutionId } = await seedDemo(database.db));
      for (const who of ['chair', 'iran', 'observer']) {
        const user = await findUserByEmail(database.db, `${who}@example.org`);
        token[who] = (await issueApiToken(database.db, user!.id, 'acceptance')).token;
      }
    });
    afterAll(() => database?.close());

    it('records the reservation, adopts by consensus and exports exactly the example', async () => {
      const id = { id: resolutionId };
      // The chair takes the draft through the amendment stage to the vote.
      await okJson(
        callRoute('POST', '/resolutions/{id}/stage', { token: token.chair, params: id, body: { to: 'amendments' } }),
      );
      await okJson(
        callRoute('POST', '/resolutions/{id}/stage', { token: token.chair, params: id, body: { to: 'voting' } }),
      );

      const { paragraphs } = await okJson<{ paragraphs: { id: string; label: string; text: string }[] }>(
        callRoute('GET', '/resolutions/{id}/text', { token: token.observer, params: id }),
      );
      expect(paragraphs).toHaveLength(50);
      const op8 = paragraphs.find((p) => p.label === 'OP 8')!;
      expect(op8.text).toMatch(/^Encourages parliaments to mainstream gender equality concerns/);

      // Iran's delegate records the reservation, in the words of the footnote.
      const reservation = await okJson(
        callRoute('POST', '/resolutions/{id}/reservations', {
          token: token.iran,
          params: id,
          body: { kind: 'reservation', paragraphId: op8.id, text: 'in relation to the concept of "gender equality".' },
        }),
      );
      expect(reservation).toMatchObject({ delegation: 'Iran (Islamic Rep. of)', paragraphLabel: 'OP 8' });

      // The chair declares the resolution adopted by consensus.
      const adopted = await okJson<{ stage: string }>(
        callRoute('POST', '/resolutions/{id}/adoption', {
          token: token.chair,
          params: id,
          body: { method: 'consensus', date: '2010-04-01', place: 'Bangkok', session: '122nd IPU Assembly' },
        }),
      );
      expect(adopted.stage).toBe('adopted');

      const res = await callRoute('GET', '/resolutions/{id}/export', {
        token: token.observer,
        params: id,
        query: { format: 'text' },
      });
      expect(res.status).toBe(200);
      const exported = blocks(await res.text());
      const expected = examplePublishedBlocks();
      // heading (one block of two lines) + enacting formula + 50 paragraphs + footnote
      expect(expected).toHaveLength(53);
      expect(exported).toEqual(expected);
    });
  });
}
